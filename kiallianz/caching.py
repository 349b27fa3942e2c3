"""The shared cache as an optional speed-up: when it is down or slow, callers
build the value themselves and the outage is logged once per minute."""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

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

    def report(self, error: BaseException) -> bool:
        """Log (returns True) unless the last entry is younger than the interval."""
        with self.lock:
            now = self.clock()
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


outage_log = OutageLog()


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
