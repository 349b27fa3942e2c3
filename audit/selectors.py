"""Reads of the audit app: a record's history in German, the office change
log across every audited model, the access log."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Value
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLogEntry
from kiallianz.history import SYSTEM_REASON_PREFIX

ACTIONS = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}
# Bookkeeping that changes on every save and says nothing to a reader.
_HIDDEN_FIELDS = {"version", "updated_at", "created_at", "sequence"}
_LABEL_FIELDS = ("name", "title", "last_name", "username", "heading")


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: datetime.datetime
    action: str
    user_label: str
    reason: str
    model_label: str
    model_name: str
    object_id: int
    object_label: str
    changes: list[Change] = field(default_factory=list)


def audited_models() -> list:
    return [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]


def audited_model_choices() -> list[tuple[str, str]]:
    return sorted(
        ((m._meta.label_lower, str(m._meta.verbose_name)) for m in audited_models()),
        key=lambda choice: choice[1],
    )


def _history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _tracked(history_model) -> list:
    return [f for f in history_model.tracked_fields if f.name not in _HIDDEN_FIELDS]


def _user_label(record) -> str:
    user = record.history_user
    if user is not None:
        return str(user)
    reason = record.history_change_reason or ""
    if reason.startswith(SYSTEM_REASON_PREFIX):
        return reason
    return str(_("System"))


def _object_label(record) -> str:
    for name in _LABEL_FIELDS:
        value = getattr(record, name, None)
        if value:
            return str(value)
    return f"#{record.id}"


def _raw(record, field_):
    return getattr(record, field_.attname)


def _entries(model, pairs: list[tuple]) -> list[HistoryEntry]:
    """``pairs``: (record, previous record or None) of one model."""
    history_model = _history_model(model)
    fields = _tracked(history_model)
    raw_entries = []
    wanted: dict[type, set] = {}
    for record, previous in pairs:
        changes = []
        for f in fields:
            new = _raw(record, f)
            old = _raw(previous, f) if previous is not None else None
            if previous is not None and old == new:
                continue
            if previous is None and new in (None, "", False):
                continue
            if f.is_relation:
                for value in (old, new):
                    if value is not None:
                        wanted.setdefault(f.related_model, set()).add(value)
            changes.append((f, old, new))
        raw_entries.append((record, changes))
    related = {
        related_model: related_model._base_manager.in_bulk(ids)
        for related_model, ids in wanted.items()
    }
    entries = []
    for record, changes in raw_entries:
        if record.history_type == "-":
            changes = []
        entries.append(
            HistoryEntry(
                date=record.history_date,
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                user_label=_user_label(record),
                reason=record.history_change_reason or "",
                model_label=model._meta.label_lower,
                model_name=str(model._meta.verbose_name),
                object_id=record.id,
                object_label=_object_label(record),
                changes=[
                    Change(
                        field=str(f.verbose_name),
                        old=display_value(f, old, related),
                        new=display_value(f, new, related),
                    )
                    for f, old, new in changes
                ],
            )
        )
    return entries


def display_value(field_, value, related: dict | None = None) -> str:
    if value is None or value == "":
        return "–"
    if field_.is_relation:
        obj = (related or {}).get(field_.related_model, {}).get(value)
        return str(obj) if obj is not None else f"#{value}"
    if field_.choices:
        return str(dict(field_.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nein"))
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(field_, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def history_entries(obj) -> list[HistoryEntry]:
    """A record's changes, newest first, with old → new values in German."""
    model = type(obj)
    records = list(
        _history_model(model)
        .objects.filter(id=obj.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    pairs = [(r, records[i - 1] if i else None) for i, r in enumerate(records)]
    return list(reversed(_entries(model, pairs)))


# --- Office change log ----------------------------------------------------------


@dataclass
class ChangeLogFilter:
    user_id: int | None = None
    model_label: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _filtered(history_model, filters: ChangeLogFilter):
    queryset = history_model.objects.all()
    if filters.user_id:
        queryset = queryset.filter(history_user_id=filters.user_id)
    if filters.date_from:
        queryset = queryset.filter(history_date__date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(history_date__date__lte=filters.date_to)
    return queryset


def change_log_rows(filters: ChangeLogFilter):
    """One queryset (UNION ALL over the history tables) of
    (history_date, history_id, model label), newest first; paginate it and
    hand the page to ``change_log_entries``."""
    models_ = [
        m
        for m in audited_models()
        if not filters.model_label or m._meta.label_lower == filters.model_label
    ]
    querysets = [
        _filtered(_history_model(m), filters)
        .annotate(model_key=Value(m._meta.label_lower, output_field=models.CharField()))
        .values_list("history_date", "history_id", "model_key")
        .order_by()
        for m in models_
    ]
    if not querysets:
        return AccessLogEntry.objects.none().values_list("at", "id", "view_name")
    first, *rest = querysets
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def change_log_entries(rows) -> list[HistoryEntry]:
    """Entries for one page of ``change_log_rows``: a fixed number of queries
    per model on the page, whatever the page size."""
    by_model: dict[str, list[int]] = {}
    for _date, history_id, label in rows:
        by_model.setdefault(label, []).append(history_id)
    entries: dict[tuple[str, int], HistoryEntry] = {}
    for label, history_ids in by_model.items():
        model = apps.get_model(label)
        history_model = _history_model(model)
        records = list(
            history_model.objects.filter(history_id__in=history_ids).select_related("history_user")
        )
        previous = _previous_records(history_model, records)
        pairs = [(r, previous.get(r.history_id)) for r in records]
        for record, entry in zip(records, _entries(model, pairs), strict=True):
            entries[(label, record.history_id)] = entry
    return [entries[(label, hid)] for _date, hid, label in rows if (label, hid) in entries]


def _previous_records(history_model, records) -> dict[int, object]:
    """The record before each given one (one query for the page)."""
    if not records:
        return {}
    object_ids = {r.id for r in records}
    latest = max(r.history_date for r in records)
    earlier = list(
        history_model.objects.filter(id__in=object_ids, history_date__lte=latest).order_by(
            "id", "history_date", "history_id"
        )
    )
    previous_of = {}
    last_by_object: dict[int, object] = {}
    for record in earlier:
        previous_of[record.history_id] = last_by_object.get(record.id)
        last_by_object[record.id] = record
    return previous_of


def change_log_users():
    return get_user_model().objects.order_by("username")


# --- Access log -----------------------------------------------------------------


def access_log_list():
    return AccessLogEntry.objects.select_related("user")
