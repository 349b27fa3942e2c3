"""The standard section tree, following the 2024 report (Anlage 1)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    blocks: tuple[str, ...] = ()
    children: tuple["SectionSpec", ...] = field(default_factory=tuple)


STANDARD_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("introduction", _("Einleitung")),
    SectionSpec(
        "ap1",
        _("Arbeitspaket 1: Koordination und Projektorganisation"),
        children=(
            SectionSpec(
                "ap1-meetings", _("Jour Fixes, Kick-Off und Projekttreffen"), ("meetings",)
            ),
            SectionSpec("ap1-monitoring", _("Monitoring und Berichtswesen"), ("target_status",)),
        ),
    ),
    SectionSpec(
        "ap2",
        _("Arbeitspaket 2: Netzwerkmanagement"),
        children=(
            SectionSpec("ap2-first-contacts", _("Erstgespräche"), ("first_contacts",)),
            SectionSpec(
                "ap2-ki-challenge", _("Planung und Umsetzung der KI-Challenge"), ("ki_challenge",)
            ),
            SectionSpec(
                "ap2-partners",
                _("Gewinnung neuer Partner:innen"),
                ("partners_new", "partners_active"),
            ),
        ),
    ),
    SectionSpec(
        "ap3",
        _("Arbeitspaket 3: Veranstaltungsmanagement und Marketing"),
        children=(
            SectionSpec("ap3-calendar", _("Gemeinsamer Veranstaltungskalender")),
            SectionSpec(
                "ap3-events",
                _("Veranstaltungen"),
                children=(
                    SectionSpec(
                        "ap3-events-by-region",
                        _("Durchgeführte Veranstaltungen nach Standort"),
                        ("events_by_region",),
                    ),
                ),
            ),
            SectionSpec(
                "ap3-communication",
                _("Kommunikation und Öffentlichkeitsarbeit"),
                ("visibility",),
            ),
        ),
    ),
    SectionSpec(
        "ap4",
        _("Arbeitspaket 4: Technologietransfer"),
        children=(
            SectionSpec(
                "ap4-new-topics",
                _("Neue Themen und Projektideen"),
                ("workshops", "funding_referrals"),
            ),
        ),
    ),
    SectionSpec("ap5", _("Arbeitspaket 5: Internationalisierung"), ("international",)),
    SectionSpec("outlook", _("Ausblick")),
)
