"""Demo edition 2024 of the interim report, as of 19 February 2025.

The narratives are the connecting prose of the real 2024 report; lists of
events and partners come from the live data blocks. ``load_demo`` discovers
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


def demo_narratives() -> dict[str, str]:
    return json.loads(NARRATIVES_FILE.read_text(encoding="utf-8"))


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


@demo_loader(order=50)
@transaction.atomic
def load_report_demo(stdout=None) -> ReportEdition:
    project = _demo_project()
    edition = ReportEdition.objects.filter(project=project, year=DEMO_YEAR).first()
    if edition is None:
        edition = services.edition_create(project=project, year=DEMO_YEAR, as_of=DEMO_AS_OF)
    narratives = demo_narratives()
    for section in edition.sections.all():
        text = narratives.get(section.key)
        if text is not None and section.narrative != text:
            services.section_update(section=section, version=section.version, narrative=text)
    if stdout:
        stdout.write(
            f"Bericht {DEMO_YEAR}: Ausgabe {edition.pk} mit Stichtag {DEMO_AS_OF:%d.%m.%Y}"
        )
    return edition
