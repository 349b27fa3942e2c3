"""The registry of metrics a target can be computed from.

Each metric declares a key, a German label, a parameter schema (names,
labels and allowed values) and a ``compute(*, start, end, as_of,
region_ids=None, params) -> MetricResult``. It counts the records dated in
[start, min(end, as_of)] and returns the count with a link to the filtered
list of exactly those records. Office staff pick a metric and its
parameters in the target form; no code change is needed for a new target.

Metrics read other apps only through their selectors. The partner metrics
import ``partners.selectors`` lazily and report „nicht verfügbar“ while the
partners app does not offer the selector yet.
"""

import datetime
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import WORKSHOP_KINDS, EventKind, EventStatus, SizeCategory


@dataclass(frozen=True)
class MetricResult:
    value: int | None
    drilldown_url: str = ""
    available: bool = True
    note: str = ""


UNAVAILABLE = MetricResult(value=None, available=False, note=_("nicht verfügbar"))


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
    compute_func: Callable[..., MetricResult]
    params: tuple[Param, ...] = ()
    per_region: bool = True
    description: str = ""
    extra: dict = field(default_factory=dict)

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
        return self.compute_func(
            start=start, end=min(end, as_of), as_of=as_of, region_ids=region_ids, params=params
        )


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


def list_url(url_name: str, fallback_path: str, query: list[tuple[str, str]]) -> str:
    """The list page with filters; the plain path while that page is not built yet."""
    try:
        path = reverse(url_name)
    except NoReverseMatch:
        path = fallback_path
    return f"{path}?{urlencode(query)}" if query else path


def _period_query(start: datetime.date, end: datetime.date) -> list[tuple[str, str]]:
    return [("date_after", start.isoformat()), ("date_before", end.isoformat())]


def _region_query(region_ids: list[int] | None) -> list[tuple[str, str]]:
    return [("region", str(region_id)) for region_id in region_ids or []]


def _flag(value: bool) -> str:
    return "1" if value else ""


# --- Contacts -------------------------------------------------------------


def _first_contacts(*, start, end, as_of, region_ids, params) -> MetricResult:
    checked_only = params["checked_only"]
    count = contact_selectors.first_contacts_in_period(
        start=start, end=end, region_ids=region_ids, checked_only=checked_only
    ).count()
    query = [*_region_query(region_ids), *_period_query(start, end)]
    if checked_only:
        query.append(("checked_only", "1"))
    return MetricResult(count, list_url("contacts:index", "/contacts/", query))


def _organisations(*, start, end, as_of, region_ids, params) -> MetricResult:
    queryset = contact_selectors.organisations_as_of(as_of=end)
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=region_ids)
    query = [*_region_query(region_ids), ("created_before", end.isoformat())]
    return MetricResult(
        queryset.count(), list_url("contacts:organisations", "/contacts/organisations/", query)
    )


register(
    Metric(
        key="first_contacts",
        label=_("Erstgespräche im Zeitraum"),
        compute_func=_first_contacts,
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
        compute_func=_organisations,
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


def _events_url(region_ids, kinds, size, start, end) -> str:
    query = [
        *_region_query(region_ids),
        *[("kind", kind) for kind in kinds],
        ("status", EventStatus.HELD),
    ]
    if size:
        query.append(("size_category", size))
    query += _period_query(start, end)
    return list_url("events:index", "/events/", query)


def _held_events(*, start, end, region_ids, kinds, size) -> MetricResult:
    count = event_selectors.events_in_period(
        start=start,
        end=end,
        region_ids=region_ids,
        kinds=kinds or None,
        statuses=[EventStatus.HELD],
        size_category=size or None,
        # Internal meetings count only when asked for by kind.
        include_internal=bool(kinds),
    ).count()
    return MetricResult(count, _events_url(region_ids, kinds, size, start, end))


def _events_held(*, start, end, as_of, region_ids, params) -> MetricResult:
    return _held_events(
        start=start,
        end=end,
        region_ids=region_ids,
        kinds=params["kinds"],
        size=params["size"],
    )


def _workshops(*, start, end, as_of, region_ids, params) -> MetricResult:
    kinds = params["kinds"] or [value for value, _label in _workshop_kind_choices()]
    return _held_events(start=start, end=end, region_ids=region_ids, kinds=kinds, size="")


def _funding_consultations(*, start, end, as_of, region_ids, params) -> MetricResult:
    return _held_events(
        start=start,
        end=end,
        region_ids=region_ids,
        kinds=[EventKind.FUNDING_CONSULTATION],
        size="",
    )


def _held_rounds(start, end, region_ids):
    rounds = event_selectors.ki_challenge_rounds_in_period(
        start=start, end=end, statuses=[EventStatus.HELD]
    )
    if region_ids is not None:
        rounds = rounds.filter(region_id__in=region_ids)
    return rounds


def _ki_challenge_url(region_ids, start, end) -> str:
    return _events_url(region_ids, [EventKind.KI_CHALLENGE], "", start, end)


def _ki_challenge_regions(*, start, end, as_of, region_ids, params) -> MetricResult:
    rounds = _held_rounds(start, end, region_ids)
    count = rounds.order_by().values("region_id").distinct().count()
    return MetricResult(count, _ki_challenge_url(region_ids, start, end))


def _ki_challenge_rounds(*, start, end, as_of, region_ids, params) -> MetricResult:
    count = _held_rounds(start, end, region_ids).count()
    return MetricResult(count, _ki_challenge_url(region_ids, start, end))


register(
    Metric(
        key="events_held",
        label=_("Durchgeführte Veranstaltungen"),
        compute_func=_events_held,
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
        compute_func=_ki_challenge_regions,
    )
)
register(
    Metric(
        key="ki_challenge_rounds",
        label=_("Durchgeführte KI-Challenge-Runden"),
        compute_func=_ki_challenge_rounds,
    )
)
register(
    Metric(
        key="workshops",
        label=_("Durchgeführte Workshops"),
        compute_func=_workshops,
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
        compute_func=_funding_consultations,
    )
)


# --- Own records: transfer projects, communication activities --------------


def _transfer_status_choices() -> list[tuple[str, str]]:
    from reporting.models import TransferProject

    return list(TransferProject.Status.choices)


def _communication_kind_choices() -> list[tuple[str, str]]:
    from reporting.models import CommunicationActivity

    return list(CommunicationActivity.Kind.choices)


def _transfer_projects(*, start, end, as_of, region_ids, params) -> MetricResult:
    from reporting import selectors

    statuses = params["statuses"]
    count = selectors.transfer_projects_initiated(
        start=start, end=end, region_ids=region_ids, statuses=statuses or None
    ).count()
    query = [
        *_region_query(region_ids),
        *[("status", status) for status in statuses],
        *_period_query(start, end),
    ]
    return MetricResult(
        count, list_url("reporting:transfer_projects", "/transfer-projects/", query)
    )


def _communication_activities(*, start, end, as_of, region_ids, params) -> MetricResult:
    from reporting import selectors

    kinds = params["kinds"]
    count = selectors.communication_activities_in_period(
        start=start, end=end, region_ids=region_ids, kinds=kinds or None
    ).count()
    query = [
        *_region_query(region_ids),
        *[("kind", kind) for kind in kinds],
        *_period_query(start, end),
    ]
    return MetricResult(count, list_url("reporting:communications", "/communications/", query))


register(
    Metric(
        key="transfer_projects",
        label=_("Initiierte Transferprojekte"),
        compute_func=_transfer_projects,
        params=(
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
        compute_func=_communication_activities,
        params=(
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


# --- Partners (built in parallel; report „nicht verfügbar“ until then) ----


def partner_selector(name: str):
    """The partners app's selector ``name``, or None while it does not exist."""
    try:
        module = importlib.import_module("partners.selectors")
    except ImportError:
        return None
    return getattr(module, name, None)


def _partners_active(*, start, end, as_of, region_ids, params) -> MetricResult:
    selector = partner_selector("partners_active_at")
    if selector is None:
        return UNAVAILABLE
    count = selector(day=end).count()
    return MetricResult(count, list_url("partners:index", "/partners/", [("active", "1")]))


def _partners_new(*, start, end, as_of, region_ids, params) -> MetricResult:
    selector = partner_selector("partners_new_in_period")
    if selector is None:
        return UNAVAILABLE
    count = selector(start=start, end=end).count()
    query = [("started_after", start.isoformat()), ("started_before", end.isoformat())]
    return MetricResult(count, list_url("partners:index", "/partners/", query))


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
