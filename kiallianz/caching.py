"""The shared cache as an optional speed-up: when it is down or slow, callers
build the value themselves and the outage is logged once per minute."""

import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

OUTAGE_LOG_INTERVAL_SECONDS = 60


class OutageLog:
    """Logs a cache outage at most once per interval, not once per request."""

    def __init__(self, *, interval: float = OUTAGE_LOG_INTERVAL_SECONDS, clock=time.monotonic):
        self.interval = interval
        self.clock = clock
        self.last_logged: float | None = None
        self.suppressed = 0
        self.lock = threading.Lock()

        self.last_error: float | None = None

    def report(self, error: BaseException) -> bool:
        """Log (returns True) unless the last entry is younger than the interval."""
        with self.lock:
            now = self.clock()
            self.last_error = now
            if self.last_logged is not None and now - self.last_logged < self.interval:
                self.suppressed += 1
                return False
            suppressed, self.suppressed, self.last_logged = self.suppressed, 0, now
        logger.warning(
            "Cache nicht erreichbar, Antwort aus der Datenbank: error=%s (seit letzter Meldung "
            "%s weitere)",
            type(error).__name__,
            suppressed,
        )
        return True

    def failed_within(self, seconds: float) -> bool:
        """Whether the cache failed in this process during the last ``seconds``."""
        last = self.last_error
        return last is not None and self.clock() - last < seconds


outage_log = OutageLog()

# After a cache failure, the response cache and the data generation leave the
# cache alone for this long in this process: a hanging Redis then costs one
# 0.5 s timeout per process and interval, not one per request or write.
BACKOFF_SECONDS = 10


def cache_suspended() -> bool:
    return outage_log.failed_within(BACKOFF_SECONDS)


def get_or_build(key: str, build: Callable[[], Any], timeout: int) -> Any:
    """``cache.get_or_set`` that survives a cache outage: the value is built
    from the database instead, and storing it is skipped."""
    try:
        value = cache.get(key)
    except Exception as error:  # any cache client error: redis down, timeout
        outage_log.report(error)
        return build()
    if value is not None:
        return value
    value = build()
    try:
        cache.set(key, value, timeout)
    except Exception as error:  # the value is still good to answer with
        outage_log.report(error)
    return value


def cache_status() -> str:
    """ "ok" when a value can be written and read back; "error" otherwise."""
    try:
        cache.set("healthz:probe", "1", 10)
        ok = cache.get("healthz:probe") == "1"
    except Exception:  # any failure means "not reachable" to a probe
        return "error"
    return "ok" if ok else "error"


# --- The data generation ----------------------------------------------------
#
# Rendered output that is cached (the public feeds' fast path, the office
# dashboard's panels) is stored together with the data generation it was
# built at, and only served while the generation is unchanged. Every
# committed transaction that wrote to a table the site shows (through any
# Django connection: web, worker, management commands; signals, bulk writes,
# queryset updates and raw SQL alike) raises the generation, so a change is
# visible at the next request. Writes to the tables below do not: sessions,
# login throttling, second factors, the access log and job bookkeeping change
# with nearly every request and no cached page shows them.

GENERATION_KEY = "data:generation"
UNTRACKED_TABLES = re.compile(
    r"(django_session|django_admin_log|axes_\w+|otp_\w+|audit_accesslogentry"
    r"|kiallianz_taskdelivery|contacts_listexport|contacts_digestdelivery"
    r"|reporting_reportexport|contacts_importjob)$"
)
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)


def data_generation() -> int | None:
    """The current generation (None when the cache cannot be reached)."""
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            # New or flushed cache: start from the clock, so entries stored
            # before a flush under a small number can never match again.
            cache.add(GENERATION_KEY, time.time_ns(), None)
            value = cache.get(GENERATION_KEY)
    except Exception as error:  # any cache client error
        outage_log.report(error)
        return None
    return value


def bump_data_generation() -> None:
    """Invalidate every output stored under the current generation. Skipped
    while the cache is suspended: what it holds then is not served, and
    entries expire after RESPONSE_CACHE_SECONDS anyway."""
    if cache_suspended():
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next reader starts one
        pass
    except Exception as error:  # cache down: nothing cached can be served either
        outage_log.report(error)


def written_table(sql: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE statement writes to, else None."""
    head = sql.lstrip()[:6].upper()
    if head not in ("INSERT", "UPDATE", "DELETE"):
        return None
    match = _WRITE.match(sql)
    return match.group(1) if match else None


def track_writes(execute, sql, params, many, context):
    """Execute wrapper on every database connection (installed in
    ``KiallianzConfig.ready``): a write to a tracked table raises the data
    generation once its transaction commits (at once in autocommit)."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str):
        table = written_table(sql)
        if table:
            note_write(context["connection"], table)
    return result


def note_write(connection, table: str) -> None:
    """A write to ``table``: by ``track_writes``, or by a write that passes
    no execute wrapper (COPY)."""
    if not UNTRACKED_TABLES.match(table):
        _bump_on_commit(connection)


def _bump_on_commit(connection) -> None:
    if not connection.in_atomic_block:
        bump_data_generation()  # autocommit: the write is committed already
    elif not any(entry[1] is bump_data_generation for entry in connection.run_on_commit):
        connection.on_commit(bump_data_generation, robust=True)
    # else: this transaction bumps once when it commits


def install_write_tracking(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver. First in the list, so that the
    ``connection.execute_wrapper()`` context manager still pops its own."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, track_writes)


def get_or_build_current(
    key: str,
    build: Callable[[], Any],
    timeout: int,
    *,
    keep: Callable[[Any], bool] | None = None,
) -> Any:
    """Like ``get_or_build``, but the value is rebuilt once the data generation
    has moved on. One cache round trip on a hit. A built value for which
    ``keep`` says False is answered but not stored."""
    if cache_suspended():
        return build()
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception as error:
        outage_log.report(error)
        return build()
    generation = found.get(GENERATION_KEY)
    stored = found.get(key)
    if generation is not None and stored is not None and stored[0] == generation:
        return stored[1]
    if generation is None:
        generation = data_generation()
    value = build()
    if generation is not None and (keep is None or keep(value)):
        try:
            cache.set(key, (generation, value), timeout)
        except Exception as error:
            outage_log.report(error)
    return value


def response_cache_enabled() -> bool:
    """Rendered output is cached only where every process shares the cache
    (``REDIS_URL``): with a per-process cache a write in one process could
    not invalidate what another serves."""
    return settings.RESPONSE_CACHE_SECONDS > 0


def list_fragment_key(request) -> str:
    """The cache key of a list page's filters, table and pagination
    (``{% list_fragment %}``): besides the data generation they depend on the
    address with its query, the language, the user (role and regions decide
    what is listed and offered) and the day."""
    parts = (
        request.get_full_path(),
        get_language() or "",
        str(request.user.pk),
        timezone.localdate().isoformat(),
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
