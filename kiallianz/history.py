"""Change history of the records people edit (django-simple-history).

Every audited model declares ``history = AuditedHistory()``. A row is written
on every ``save()`` and ``delete()``, whoever calls it: a view, the admin, an
import, a merge, a Celery task or a management command.

Who did it:
- in a request, ``simple_history.middleware.HistoryRequestMiddleware`` hands
  the signed-in user over;
- a task or a command names its actor with ``history_actor(user=...,
  label=...)``; without a user the rows carry the label as a named system
  actor („System: apply_retention“) in ``history_change_reason``;
- a Celery task inherits the actor of whoever enqueued it (the user id and
  label travel in the task's headers, see the signal hooks below).

Writes that bypass ``save()`` must record history themselves: use
``update_with_history`` instead of ``QuerySet.update()``,
``bulk_create_with_history`` / ``bulk_update_with_history`` for bulk writes,
and ``record_changes`` after a compare-and-swap ``update()`` (versioning).
A test bans ``.update(`` on audited models everywhere else.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from celery.signals import before_task_publish, task_postrun, task_prerun
from django.conf import settings
from django.db import connection
from django.db.models import Model, QuerySet
from django.utils import timezone
from simple_history import utils as history_utils
from simple_history.models import HistoricalRecords

from kiallianz.bulk_writes import value_adapter, write_rows

SYSTEM_REASON_PREFIX = "System: "


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str = ""


_actor: ContextVar[Actor | None] = ContextVar("history_actor", default=None)


@contextmanager
def history_actor(*, user=None, user_id: int | None = None, label: str = "") -> Iterator[None]:
    """Name who changes records inside the block (tasks, commands, imports)."""
    if user is not None:
        user_id = user.pk
    token = _actor.set(Actor(user_id=user_id, label=label))
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> Actor | None:
    return _actor.get()


def _actor_user(actor: Actor | None):
    if actor is None or actor.user_id is None:
        return None
    # Only the key is written; no query for the user row.
    return _user_stub(actor.user_id)


def _user_stub(user_id: int):
    from django.contrib.auth import get_user_model

    user = get_user_model()(pk=user_id)
    user._state.adding = False
    return user


def history_user(request=None, **kwargs):
    """``get_user`` of every audited model: the named actor, else the request's user."""
    actor = current_actor()
    if actor is not None:
        return _actor_user(actor)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


def system_reason() -> str:
    actor = current_actor()
    if actor is not None and actor.label and actor.user_id is None:
        return f"{SYSTEM_REASON_PREFIX}{actor.label}"[:100]
    return ""


class AuditedHistory(HistoricalRecords):
    """HistoricalRecords with the project's actor rules.

    ``ignored_update_fields``: saves touching only these fields write no row
    (a login only moves ``last_login``).
    """

    def __init__(self, *args, ignored_update_fields: Iterable[str] = (), **kwargs):
        kwargs.setdefault("get_user", history_user)
        self.ignored_update_fields = frozenset(ignored_update_fields)
        super().__init__(*args, **kwargs)

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if name != model._meta.pk.name:
                # The history is read by record (the copied id), by date and
                # by user, which have their own indexes; an index on any
                # other copied field is written with every change and never
                # read.
                field.db_index = False
        return fields

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if (
            not created
            and update_fields
            and self.ignored_update_fields
            and set(update_fields) <= self.ignored_update_fields
        ):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or (
            system_reason()
        )


# --- Writes that bypass save() ------------------------------------------------


def _history_manager(model):
    return history_utils.get_history_manager_for_model(model)


def is_audited(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def _bulk_history_kwargs(reason: str = "") -> dict:
    return {
        "default_user": _actor_user(current_actor()) or _request_user(),
        "default_change_reason": reason or system_reason(),
    }


def _request_user():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


def history_rows(objs: Iterable[Model], *, history_type: str = "~", reason: str = "") -> list:
    """Unsaved history rows for saved ``objs`` (one model), with the current
    actor; an importer that inserts rows its own way inserts these the same
    way. ``history_type``: "+" created, "~" changed, "-" deleted. The objects
    must hold plain values (no ``F()`` expressions)."""
    objs = list(objs)
    if not objs:
        return []
    history_model = _history_manager(type(objs[0])).model
    kwargs = _bulk_history_kwargs(reason)
    now = timezone.now()
    fields = history_model.tracked_fields
    return [
        history_model(
            history_date=now,
            history_user=kwargs["default_user"],
            history_change_reason=history_utils.get_change_reason_from_object(obj)
            or kwargs["default_change_reason"],
            history_type=history_type,
            **{field.attname: getattr(obj, field.attname) for field in fields},
        )
        for obj in objs
    ]


def record_changes(
    instances: Iterable[Model], *, reason: str = "", history_type: str = "~"
) -> None:
    """One history row per instance, written with one COPY per model on
    PostgreSQL, elsewhere with multi-row INSERTs (up to 500 rows each): for
    writes that bypassed ``save()`` (``update()``, ``bulk_create``, raw
    inserts of an import). Instances of models without history are skipped;
    they must hold plain values (no ``F()``)."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    by_model: dict[type, list[Model]] = {}
    for instance in instances:
        if is_audited(type(instance)):
            by_model.setdefault(type(instance), []).append(instance)
    if not by_model:
        return
    meta, reason = _meta_columns(reason, history_type)
    for model, objs in by_model.items():
        _insert_history(_history_manager(model).model, objs, meta, reason)


def record_inserted_rows(model, columns: list[str], rows: list[list], *, reason: str = "") -> None:
    """History rows ("+") for records just inserted as ``rows`` of values
    for ``columns`` (the primary key among them), as the database got them:
    an importer that writes rows its own way records their history from
    the same values, without reading each instance again."""
    if not rows or not is_audited(model) or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history_model = _history_manager(model).model
    meta, reason = _meta_columns(reason, "+")
    tracked = [field.column for field in history_model.tracked_fields]
    positions = [columns.index(column) for column in tracked]
    shared = [*meta.values(), reason]
    history = [[row[position] for position in positions] + shared for row in rows]
    write_rows(history_model._meta.db_table, [*tracked, *meta, "history_change_reason"], history)


def _meta_columns(reason: str, history_type: str) -> tuple[dict, str]:
    """The history columns every row of one bulk write shares, and its reason."""
    defaults = _bulk_history_kwargs(reason)
    user = defaults["default_user"]
    meta = {
        "history_date": connection.ops.adapt_datetimefield_value(timezone.now()),
        "history_type": history_type,
        "history_user_id": user.pk if user is not None else None,
    }
    return meta, defaults["default_change_reason"]


def _insert_history(history_model, objs: list[Model], meta: dict, reason: str) -> None:
    tracked = list(history_model.tracked_fields)
    adapters = [value_adapter(field) for field in tracked]
    columns = [
        *(field.column for field in tracked),
        *meta,
        "history_change_reason",
    ]
    meta_values = list(meta.values())

    def values(obj) -> list:
        row = []
        for field, adapt in zip(tracked, adapters, strict=True):
            value = getattr(obj, field.attname)
            row.append(value if adapt is None or value is None else adapt(value))
        row.extend(meta_values)
        row.append(getattr(obj, "_change_reason", "") or reason)
        return row

    write_rows(history_model._meta.db_table, columns, [values(obj) for obj in objs])


def update_with_history(queryset: QuerySet, *, reason: str = "", **values) -> int:
    """``queryset.update(**values)`` that records one history row per changed row.

    Costs one SELECT of the ids, the UPDATE, and one INSERT of history rows.
    """
    model = queryset.model
    if not is_audited(model):
        return queryset.update(**values)
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    count = model._base_manager.filter(pk__in=ids).update(**values)
    record_changes(model._base_manager.filter(pk__in=ids), reason=reason)
    return count


def bulk_create_with_history(objs: list[Model], model, *, batch_size: int | None = None):
    """Bulk INSERT plus one history row per object (imports)."""
    kwargs = _bulk_history_kwargs()
    return history_utils.bulk_create_with_history(
        objs,
        model,
        batch_size=batch_size,
        default_user=kwargs["default_user"],
        default_change_reason=kwargs["default_change_reason"],
    )


def bulk_update_with_history(objs: list[Model], model, fields: list[str], **kwargs):
    defaults = _bulk_history_kwargs()
    return history_utils.bulk_update_with_history(
        objs,
        model,
        fields,
        default_user=defaults["default_user"],
        default_change_reason=defaults["default_change_reason"],
        **kwargs,
    )


# --- Celery: the enqueuing actor travels with the task ------------------------

_HEADER_USER = "history_user_id"
_HEADER_LABEL = "history_label"
_task_tokens: dict[str, object] = {}


@before_task_publish.connect(weak=False)
def _send_actor(headers=None, **kwargs) -> None:
    if headers is None:
        return
    actor = current_actor()
    user_id = actor.user_id if actor is not None else None
    label = actor.label if actor is not None else ""
    if actor is None:
        request_user = _request_user()
        user_id = request_user.pk if request_user is not None else None
    headers.setdefault(_HEADER_USER, user_id)
    headers.setdefault(_HEADER_LABEL, label)


@task_prerun.connect(weak=False)
def _receive_actor(task_id=None, task=None, **kwargs) -> None:
    request = getattr(task, "request", None)
    if request is None or getattr(request, "is_eager", False):
        return  # in-process: the caller's context is already in place
    user_id = getattr(request, _HEADER_USER, None)
    label = getattr(request, _HEADER_LABEL, None) or task.name.rsplit(".", 1)[-1]
    _task_tokens[task_id] = _actor.set(Actor(user_id=user_id, label=label))


@task_postrun.connect(weak=False)
def _forget_actor(task_id=None, **kwargs) -> None:
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        _actor.reset(token)
