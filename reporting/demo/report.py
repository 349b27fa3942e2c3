"""Demo editions of the interim report: 2024 as of 19 February 2025, and the
started 2025 edition at the same date.

The narratives are the connecting prose of the real 2024 report. Every
figure in them is a live value (``[[wert:…]]``) and every list a block placed
in the prose (``[[block:…]]``); the paragraphs on single events, meetings,
KI-Challenge rounds and referrals come from the records' report texts (the
demo data of the events, contacts and reporting apps). ``load_demo`` discovers
the ``<app>.demo`` packages: reporting/demo/__init__.py imports this module.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction

from kiallianz.demo.registry import demo_loader
from reporting.demo.project import (
    PROJECT_END,
    PROJECT_FUNDER_REFERENCE,
    PROJECT_START,
    PROJECT_TITLE,
)
from reporting.models import FundingProject, ReportEdition
from reporting.report import services

DEMO_YEAR = 2024
DEMO_AS_OF = datetime.date(2025, 2, 19)
NARRATIVES_FILE = Path(__file__).resolve().parent / "narratives_2024.json"
# The started edition of the next year: the demo's records of January and
# February 2025 and what is planned after them, at the same as-of date.
NEXT_YEAR = 2025
NEXT_NARRATIVES_FILE = Path(__file__).resolve().parent / "narratives_2025.json"

# Typed numbers the 2024 narratives keep on purpose (the consistency check
# lists them as accepted, with the reason).
ACCEPTED_FACTS_2024 = {
    "ap3-events": [
        ("100", "Kriterium einer Großveranstaltung aus dem Förderantrag, kein Zählwert."),
    ],
    "ap5": [("4", "Artikel 4 der KI-Verordnung, kein Zählwert.")],
}


def demo_narratives(path: Path = NARRATIVES_FILE) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))


def _demo_project() -> FundingProject:
    project = FundingProject.objects.filter(funder_reference=PROJECT_FUNDER_REFERENCE).first()
    if project is None:
        project = FundingProject.objects.order_by("start_date", "id").first()
    if project is None:
        project = FundingProject.objects.create(
            title=PROJECT_TITLE,
            organisation_name="KI-Allianz Baden-Württemberg eG",
            funder_reference=PROJECT_FUNDER_REFERENCE,
            start_date=PROJECT_START,
            end_date=PROJECT_END,
        )
    return project


def _write_narratives(edition: ReportEdition, narratives: dict[str, str], accepted=None) -> None:
    """Every list is placed in the prose, so no section appends a block."""
    for section in edition.sections.all():
        text = narratives.get(section.key)
        if text is not None and (section.narrative != text or section.block_keys):
            section = services.section_update(
                section=section, version=section.version, narrative=text, block_keys=[]
            )
        for typed, reason in (accepted or {}).get(section.key, ()):
            if not any(fact.get("text") == typed for fact in section.accepted_facts or []):
                services.section_fact_accept(section=section, text=typed, reason=reason)


@demo_loader(order=50)
@transaction.atomic
def load_report_demo(stdout=None) -> ReportEdition:
    project = _demo_project()
    edition = ReportEdition.objects.filter(project=project, year=DEMO_YEAR).first()
    if edition is None:
        edition = services.edition_create(project=project, year=DEMO_YEAR, as_of=DEMO_AS_OF)
    _write_narratives(edition, demo_narratives(), ACCEPTED_FACTS_2024)
    following = ReportEdition.objects.filter(project=project, year=NEXT_YEAR).first()
    if following is None:
        following = services.edition_create(
            project=project, year=NEXT_YEAR, as_of=DEMO_AS_OF, previous=edition
        )
    _write_narratives(
        following,
        demo_narratives(NEXT_NARRATIVES_FILE),
        {"ap3-events": ACCEPTED_FACTS_2024["ap3-events"]},
    )
    if stdout:
        stdout.write(
            f"Bericht {DEMO_YEAR}: Ausgabe {edition.pk} mit Stichtag {DEMO_AS_OF:%d.%m.%Y}; "
            f"begonnen: Ausgabe {NEXT_YEAR} ({following.pk})\n"
        )
    return edition
