"""The registry of metrics a target can be computed from.

Each metric declares a key, a German label, a parameter schema (names,
labels and allowed values) and offers ``compute(*, start, end, as_of,
region_ids=None, params) -> MetricResult``: it counts the records dated in
[start, min(end, as_of)] and returns the count with a link to the filtered
list of exactly those records. Most metrics declare the queryset of what they
count (``records``, read through the other apps' selectors) and the list page
(``link``); ``compute_by_region`` then counts all regions in one grouped query
for the region matrix. Office staff pick a metric and its
parameters in the target form; no code change is needed for a new target.

Metrics read other apps only through their selectors.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import WORKSHOP_KINDS, EventKind, EventStatus, SizeCategory
from partners import selectors as partner_selectors
from reporting import selectors as reporting_selectors
from reporting.models import CommunicationActivity, TransferProject


@dataclass(frozen=True)
class MetricResult:
    value: int | None
    drilldown_url: str = ""


@dataclass(frozen=True)
class Param:
    """One parameter: a yes/no flag, one choice, or several choices."""

    BOOL = "bool"
    CHOICE = "choice"
    MULTIPLE = "multiple"

    name: str
    label: str
    type: str = CHOICE
    choices: Callable[[], list[tuple[str, str]]] | None = None
    help_text: str = ""

    def allowed(self) -> list[tuple[str, str]]:
        return list(self.choices()) if self.choices else []

    def clean(self, value):
        if self.type == self.BOOL:
            if value in (True, False):
                return value
            if value in (None, "", 0, "0", "false"):
                return False
            if value in (1, "1", "true", "on"):
                return True
            raise ValidationError(_("„%(param)s“ muss ja oder nein sein.") % {"param": self.label})
        allowed = dict(self.allowed())
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        if self.type == self.CHOICE and len(values) > 1:
            raise ValidationError(
                _("Für „%(param)s“ ist nur ein Wert erlaubt.") % {"param": self.label}
            )
        unknown = [str(v) for v in values if v not in allowed]
        if unknown:
            raise ValidationError(
                _("„%(value)s“ ist kein erlaubter Wert für „%(param)s“. Erlaubt: %(allowed)s.")
                % {
                    "value": ", ".join(unknown),
                    "param": self.label,
                    "allowed": ", ".join(f"{label} ({key})" for key, label in allowed.items()),
                }
            )
        if self.type == self.CHOICE:
            return values[0] if values else ""
        return [key for key in allowed if key in values]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    # Either ``records`` (the queryset of what is counted) with ``link`` (its
    # list page), or ``compute_func`` for metrics that count elsewhere.
    records: Callable[..., QuerySet] | None = None
    link: Callable[..., str] | None = None
    compute_func: Callable[..., MetricResult] | None = None
    params: tuple[Param, ...] = ()
    per_region: bool = True
    description: str = ""
    # What one counts: records ("pk") or, e.g., distinct regions ("region_id").
    counted: str = "pk"

    def clean_params(self, raw: dict) -> dict:
        """Known parameters only, each checked against its allowed values."""
        if not isinstance(raw, dict):
            raise ValidationError(_("Die Parameter müssen ein Objekt (Name → Wert) sein."))
        known = {param.name: param for param in self.params}
        unknown = sorted(set(raw) - set(known))
        messages = []
        if unknown:
            messages.append(
                _("Unbekannter Parameter „%(names)s“ für die Kennzahl „%(metric)s“.")
                % {"names": ", ".join(unknown), "metric": self.label}
            )
        cleaned = {}
        for name, param in known.items():
            try:
                cleaned[name] = param.clean(raw.get(name))
            except ValidationError as error:
                messages.extend(error.messages)
        if messages:
            raise ValidationError(messages)
        return cleaned

    def compute(
        self,
        *,
        start: datetime.date,
        end: datetime.date,
        as_of: datetime.date,
        region_ids: Iterable[int] | None = None,
        params: dict | None = None,
    ) -> MetricResult:
        params = self.clean_params(params or {})
        region_ids = None if region_ids is None else list(region_ids)
        window = {"start": start, "end": min(end, as_of), "params": params}
        if self.compute_func is not None:
            return self.compute_func(as_of=as_of, region_ids=region_ids, **window)
        records = self.records(region_ids=region_ids, **window)
        if self.counted == "pk":
            count = records.count()
        else:
            count = records.order_by().values(self.counted).distinct().count()
        return MetricResult(count, self.link(region_ids=region_ids, **window))

    def compute_by_region(
        self,
        *,
        start: datetime.date,
        end: datetime.date,
        as_of: datetime.date,
        region_ids: Iterable[int],
        params: dict | None = None,
    ) -> dict[int, MetricResult]:
        """One result per region, counted in a single grouped query."""
        region_ids = list(region_ids)
        if self.records is None:
            return {
                region_id: self.compute(
                    start=start, end=end, as_of=as_of, region_ids=[region_id], params=params
                )
                for region_id in region_ids
            }
        params = self.clean_params(params or {})
        window = {"start": start, "end": min(end, as_of), "params": params}
        rows = (
            self.records(region_ids=region_ids, **window)
            .prefetch_related(None)
            .order_by()
            .values("region_id")
            .annotate(count=Count(self.counted, distinct=True))
        )
        counts = {row["region_id"]: row["count"] for row in rows}
        return {
            region_id: MetricResult(
                counts.get(region_id, 0), self.link(region_ids=[region_id], **window)
            )
            for region_id in region_ids
        }


_REGISTRY: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    _REGISTRY[metric.key] = metric
    return metric


def get_metric(key: str) -> Metric | None:
    return _REGISTRY.get(key)


def all_metrics() -> list[Metric]:
    return list(_REGISTRY.values())


def metric_choices() -> list[tuple[str, str]]:
    return [(metric.key, metric.label) for metric in _REGISTRY.values()]


# --- Links to the records a number counts ------------------------------------


def list_url(url_name: str, query: list[tuple[str, str]]) -> str:
    """The list page filtered to exactly the records a figure counts."""
    path = reverse(url_name)
    return f"{path}?{urlencode(query)}" if query else path


def _period_query(start: datetime.date, end: datetime.date) -> list[tuple[str, str]]:
    return [("date_after", start.isoformat()), ("date_before", end.isoformat())]


def _region_query(region_ids: list[int] | None) -> list[tuple[str, str]]:
    return [("region", str(region_id)) for region_id in region_ids or []]


# --- Contacts -------------------------------------------------------------


def _first_contacts(*, start, end, region_ids, params) -> QuerySet:
    return contact_selectors.first_contacts_in_period(
        start=start, end=end, region_ids=region_ids, checked_only=params["checked_only"]
    )


def _first_contacts_link(*, start, end, region_ids, params) -> str:
    query = [*_region_query(region_ids), *_period_query(start, end)]
    if params["checked_only"]:
        query.append(("checked_only", "1"))
    return list_url("contacts:index", query)


def _organisations(*, start, end, region_ids, params) -> QuerySet:
    queryset = contact_selectors.organisations_as_of(as_of=end)
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=region_ids)
    return queryset


def _organisations_link(*, start, end, region_ids, params) -> str:
    query = [*_region_query(region_ids), ("created_before", end.isoformat())]
    return list_url("contacts:organisation_list", query)


register(
    Metric(
        key="first_contacts",
        label=_("Erstgespräche im Zeitraum"),
        records=_first_contacts,
        link=_first_contacts_link,
        params=(
            Param(
                "checked_only",
                _("nur qualitätsgeprüfte"),
                type=Param.BOOL,
                help_text=_("Nur geprüfte oder ins Ökosystem aufgenommene Erstgespräche."),
            ),
        ),
    )
)
register(
    Metric(
        key="organisations",
        label=_("Organisationen in der Datenbank"),
        records=_organisations,
        link=_organisations_link,
        description=_("Stand am Ende des Zeitraums bzw. am Stichtag."),
    )
)


# --- Events ---------------------------------------------------------------


def _event_kind_choices() -> list[tuple[str, str]]:
    return list(EventKind.choices)


def _workshop_kind_choices() -> list[tuple[str, str]]:
    return [(value, label) for value, label in EventKind.choices if value in WORKSHOP_KINDS]


def _size_choices() -> list[tuple[str, str]]:
    return list(SizeCategory.choices)


def _event_kinds(metric_key: str, params: dict) -> list[str]:
    if metric_key == "workshops":
        return params["kinds"] or [value for value, _label in _workshop_kind_choices()]
    if metric_key == "funding_consultations":
        return [EventKind.FUNDING_CONSULTATION]
    return params.get("kinds", [])


def _held_events(metric_key: str):
    def records(*, start, end, region_ids, params) -> QuerySet:
        kinds = _event_kinds(metric_key, params)
        return event_selectors.events_in_period(
            start=start,
            end=end,
            region_ids=region_ids,
            kinds=kinds or None,
            statuses=[EventStatus.HELD],
            size_category=params.get("size") or None,
            # Internal meetings count only when asked for by kind.
            include_internal=bool(kinds),
        )

    def link(*, start, end, region_ids, params) -> str:
        return _events_url(
            region_ids, _event_kinds(metric_key, params), params.get("size", ""), start, end
        )

    return {"records": records, "link": link}


def _events_url(region_ids, kinds, size, start, end) -> str:
    query = [
        *_region_query(region_ids),
        *[("kind", kind) for kind in kinds],
        ("status", EventStatus.HELD),
    ]
    if size:
        query.append(("size_category", size))
    if not kinds:
        # Without kinds the count leaves out internal meetings; so does the list.
        query.append(("internal", "0"))
    query += _period_query(start, end)
    return list_url("events:index", query)


def _held_rounds(*, start, end, region_ids, params) -> QuerySet:
    rounds = event_selectors.ki_challenge_rounds_in_period(
        start=start, end=end, statuses=[EventStatus.HELD]
    )
    if region_ids is not None:
        rounds = rounds.filter(region_id__in=region_ids)
    return rounds


def _ki_challenge_link(*, start, end, region_ids, params) -> str:
    """The list of KI-Challenge rounds (what is counted), not of their dates."""
    query = [
        *_region_query(region_ids),
        ("status", EventStatus.HELD),
        *_period_query(start, end),
    ]
    return list_url("events:ki_challenge_list", query)


register(
    Metric(
        key="events_held",
        label=_("Durchgeführte Veranstaltungen"),
        **_held_events("events_held"),
        params=(
            Param(
                "kinds",
                _("Arten"),
                type=Param.MULTIPLE,
                choices=_event_kind_choices,
                help_text=_("Leer: alle Arten außer internen Treffen."),
            ),
            Param("size", _("Größe"), type=Param.CHOICE, choices=_size_choices),
        ),
    )
)
register(
    Metric(
        key="ki_challenge_regions",
        label=_("Regionen mit durchgeführter KI-Challenge"),
        records=_held_rounds,
        link=_ki_challenge_link,
        counted="region_id",
    )
)
register(
    Metric(
        key="ki_challenge_rounds",
        label=_("Durchgeführte KI-Challenge-Runden"),
        records=_held_rounds,
        link=_ki_challenge_link,
    )
)
register(
    Metric(
        key="workshops",
        label=_("Durchgeführte Workshops"),
        **_held_events("workshops"),
        params=(
            Param(
                "kinds",
                _("Arten"),
                type=Param.MULTIPLE,
                choices=_workshop_kind_choices,
                help_text=_("Leer: beide Workshop-Arten."),
            ),
        ),
    )
)
register(
    Metric(
        key="funding_consultations",
        label=_("Durchgeführte Förderberatungen"),
        **_held_events("funding_consultations"),
    )
)


# --- Own records: transfer projects, communication activities --------------


def _transfer_status_choices() -> list[tuple[str, str]]:
    return list(TransferProject.Status.choices)


def _communication_kind_choices() -> list[tuple[str, str]]:
    return list(CommunicationActivity.Kind.choices)


def _own_records(selector, url_name: str, filter_name: str, param: Param) -> dict:
    """Records and list link of a metric over the records of a period, narrowed
    by a multiple-choice parameter (empty: all) that the selector takes under
    the parameter's name and the list page as `filter_name`."""

    def records(*, start, end, region_ids, params) -> QuerySet:
        chosen = {param.name: params[param.name] or None}
        return selector(start=start, end=end, region_ids=region_ids, **chosen)

    def link(*, start, end, region_ids, params) -> str:
        query = [
            *_region_query(region_ids),
            *[(filter_name, value) for value in params[param.name]],
            *_period_query(start, end),
        ]
        return list_url(url_name, query)

    return {"records": records, "link": link, "params": (param,)}


register(
    Metric(
        key="transfer_projects",
        label=_("Initiierte Transferprojekte"),
        **_own_records(
            reporting_selectors.transfer_projects_initiated,
            "reporting:transfer_projects",
            "status",
            Param(
                "statuses",
                _("Status"),
                type=Param.MULTIPLE,
                choices=_transfer_status_choices,
                help_text=_("Leer: jeder Status."),
            ),
        ),
    )
)
register(
    Metric(
        key="communication_activities",
        label=_("Kommunikationsmaßnahmen"),
        **_own_records(
            reporting_selectors.communication_activities_in_period,
            "reporting:communications",
            "kind",
            Param(
                "kinds",
                _("Arten"),
                type=Param.MULTIPLE,
                choices=_communication_kind_choices,
                help_text=_("Leer: alle Arten."),
            ),
        ),
    )
)


# --- Partners ---------------------------------------------------------------


def _partners_active(*, start, end, as_of, region_ids, params) -> MetricResult:
    count = partner_selectors.partners_active_at(day=end).count()
    return MetricResult(count, list_url("partners:index", [("active_on", end.isoformat())]))


def _partners_new(*, start, end, as_of, region_ids, params) -> MetricResult:
    count = partner_selectors.partners_new_in_period(start=start, end=end).count()
    query = [("started_after", start.isoformat()), ("started_before", end.isoformat())]
    return MetricResult(count, list_url("partners:index", query))


register(
    Metric(
        key="partners_active",
        label=_("Aktive Partner:innen"),
        compute_func=_partners_active,
        per_region=False,
        description=_("Stand am Ende des Zeitraums bzw. am Stichtag."),
    )
)
register(
    Metric(
        key="partners_new",
        label=_("Neue Partner:innen im Zeitraum"),
        compute_func=_partners_new,
        per_region=False,
    )
)
