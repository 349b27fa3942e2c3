import datetime

import pytest
from django.core.management import CommandError, call_command

from events.tests.factories import EventFactory
from reporting.demo.report import DEMO_AS_OF, demo_narratives, load_report_demo
from reporting.models import ReportEdition
from reporting.tests.test_report_factories import FundingProjectFactory, pdf_pages

pytestmark = pytest.mark.django_db


def test_it_renders_a_year_to_a_pdf_and_creates_the_edition(tmp_path, region):
    FundingProjectFactory()
    EventFactory(title="Auftakt Karlsruhe", region=region, start_date=datetime.date(2024, 3, 13))
    output = tmp_path / "bericht.pdf"

    call_command(
        "render_report", "--year", "2024", "--as-of", "2025-02-19", "--output", str(output)
    )

    edition = ReportEdition.objects.get(year=2024)
    assert edition.as_of == datetime.date(2025, 2, 19)
    text = " ".join(pdf_pages(output.read_bytes()))
    assert "Auftakt Karlsruhe" in text and "19. Februar 2025" in text


def test_it_writes_the_workbook_for_an_xlsx_output(tmp_path):
    FundingProjectFactory()
    output = tmp_path / "zahlen.xlsx"
    call_command("render_report", "--year", "2024", "--output", str(output))
    assert output.read_bytes().startswith(b"PK")


def test_it_refuses_an_as_of_date_before_the_period_in_german(tmp_path):
    FundingProjectFactory()
    output = tmp_path / "bericht.pdf"
    with pytest.raises(CommandError) as error:
        call_command(
            "render_report", "--year", "2024", "--as-of", "2023-06-30", "--output", str(output)
        )
    assert "Der Stichtag (30. Juni 2023) liegt vor dem Beginn des Berichtszeitraums" in str(
        error.value
    )
    assert not output.exists()
    assert not ReportEdition.objects.exists()


def test_it_explains_a_missing_funding_project(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("render_report", "--year", "2024", "--output", str(tmp_path / "x.pdf"))
    assert "Förderprojekt" in str(error.value)


def test_the_demo_edition_carries_the_2024_narratives_and_is_idempotent():
    edition = load_report_demo()
    again = load_report_demo()
    assert again.pk == edition.pk
    # 2024 and the started 2025 edition, each once.
    assert list(ReportEdition.objects.order_by("year").values_list("year", flat=True)) == [
        2024,
        2025,
    ]
    assert edition.as_of == DEMO_AS_OF
    intro = edition.sections.get(key="introduction").narrative
    assert intro.startswith("Das Community-Management spielt eine zentrale Rolle")
    narratives = demo_narratives()
    assert set(narratives) <= set(edition.sections.values_list("key", flat=True))
    # Lists of events and partners come from the data blocks, not the text.
    assert "• " not in "".join(narratives.values())
