"""Seams through which apps that depend on contacts plug into it.

Contacts imports no app that builds on it (events, partners, reporting).
Where contacts needs their knowledge, they register here in their
``AppConfig.ready()``:

- ``register_membership_check(func)``: ``func(organisation, new_status)``
  raises ``ValidationError`` when an organisation may not take that
  membership status (partners: a member is never an active partner).
  The contacts services call ``run_membership_checks`` before saving a
  changed membership status.
- ``register_organisation_panel(panel)``: a section on the organisation
  page (partner status, events, ...). ``panel.context(organisation)``
  returns the template context, or None to leave the panel out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_membership_checks: list[Callable] = []
_organisation_panels: dict[str, "OrganisationPanel"] = {}


@dataclass(frozen=True)
class OrganisationPanel:
    key: str
    template_name: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


def register_membership_check(check: Callable) -> Callable:
    if check not in _membership_checks:
        _membership_checks.append(check)
    return check


def run_membership_checks(organisation, new_status: str) -> None:
    for check in _membership_checks:
        check(organisation, new_status)


def register_organisation_panel(panel: OrganisationPanel) -> None:
    _organisation_panels[panel.key] = panel


def organisation_panels(organisation, user) -> list[tuple[OrganisationPanel, dict]]:
    """The registered panels with their context, in order, skipping empty ones."""
    rendered = []
    for panel in sorted(_organisation_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(organisation, user)
        if context is not None:
            rendered.append((panel, context))
    return rendered


# --- Events of the day on the capture screen --------------------------------

_capture_event_sources: list[Callable] = []


def register_capture_event_source(source: Callable) -> Callable:
    """``source(user, date)`` returns the events a manager may be at that day
    as ``[{"title": ..., "occasion": <FirstContact.Occasion value>}, ...]``
    (events: today's events in the manager's regions)."""
    if source not in _capture_event_sources:
        _capture_event_sources.append(source)
    return source


def capture_events_of_day(user, date) -> list[dict]:
    events = []
    for source in _capture_event_sources:
        events.extend(source(user, date))
    return events


# --- GDPR lifecycle (retention and erasure) -----------------------------------
#
# - ``register_person_activity(func)``: ``func()`` returns an expression giving,
#   per person (``OuterRef("pk")``), the date of their latest activity kept by
#   that app (events: the latest event they spoke at). Retention counts from
#   the latest of these.
# - ``register_retention_exemption(func)``: ``func(today)`` returns a ``Q`` on
#   Person of persons that are kept whatever their age (partners: contact
#   persons of an active partnership).
# - ``register_erasure_hook(func)``: ``func(person_id)`` runs inside the erasure
#   transaction after every text column was scrubbed (reporting: stored report
#   files are deleted and rendered anew on the next export).

_person_activity: list[Callable] = []
_retention_exemptions: list[Callable] = []
_erasure_hooks: list[Callable] = []


def register_person_activity(func: Callable) -> Callable:
    if func not in _person_activity:
        _person_activity.append(func)
    return func


def person_activity_expressions() -> list:
    return [func() for func in _person_activity]


def register_retention_exemption(func: Callable) -> Callable:
    if func not in _retention_exemptions:
        _retention_exemptions.append(func)
    return func


def retention_exemptions(today) -> list:
    return [func(today) for func in _retention_exemptions]


def register_erasure_hook(func: Callable) -> Callable:
    if func not in _erasure_hooks:
        _erasure_hooks.append(func)
    return func


def run_erasure_hooks(person_id: int) -> None:
    for func in _erasure_hooks:
        func(person_id)
