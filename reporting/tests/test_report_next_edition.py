"""Next year's edition from the previous one (issue 10, item 5)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from reporting.models import ReportEdition
from reporting.report import services
from reporting.report.selectors import report_document
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db

NARRATIVE = (
    "Bis [[wert:stichtag]] führten wir [[wert:erstgespraeche]] Erstgespräche.\n\n[[block:meetings]]"
)


@pytest.fixture
def previous(region):
    edition = make_edition()
    section = edition.sections.get(key="ap2-first-contacts")
    services.section_update(section=section, version=section.version, narrative=NARRATIVE)
    services.section_fact_accept(section=section, text="2021", reason="Gründungsjahr")
    for day in (datetime.date(2024, 3, 1), datetime.date(2024, 9, 1), datetime.date(2025, 4, 1)):
        FirstContactFactory(region=region, date=day)
    return edition


def _intro_html(edition, key="ap2-first-contacts"):
    document = report_document(edition=edition)
    return str(next(s for s in document.sections if s.section.key == key).narrative_html)


def test_the_new_edition_copies_references_not_values(previous):
    assert '<span class="live-value">2</span> Erstgespräche' in _intro_html(previous)
    edition = services.report_edition_create_from_previous(previous=previous)
    assert (edition.year, edition.period_start, edition.period_end) == (
        2025,
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )
    assert edition.as_of == datetime.date(2026, 2, 19)
    copied = edition.sections.get(key="ap2-first-contacts")
    assert copied.narrative == NARRATIVE
    assert "2" not in copied.narrative.replace("[[", "").split("Erstgespräche")[0].split("]]")[-1]
    assert copied.accepted_facts == []
    html = _intro_html(edition)
    assert 'Bis <span class="live-value">19. Februar 2026</span>' in html
    assert '<span class="live-value">1</span> Erstgespräche' in html
    # The same tree, in the same order, with the same block choices.
    fields = ("key", "parent__key", "position", "block_keys", "title")
    old = sorted(previous.sections.values_list(*fields))
    new = sorted(edition.sections.values_list(*fields))
    assert old == new


def test_it_refuses_a_second_edition_for_the_year(previous):
    services.report_edition_create_from_previous(previous=previous)
    with pytest.raises(ValidationError, match="Für 2025 gibt es bereits eine Berichtsausgabe"):
        services.report_edition_create_from_previous(previous=previous)
    assert ReportEdition.objects.filter(year=2025).count() == 1


def test_a_leap_day_as_of_date_moves_to_the_28th(region):
    edition = make_edition(year=2023, as_of=datetime.date(2024, 2, 29))
    assert services.report_edition_create_from_previous(previous=edition).as_of == datetime.date(
        2025, 2, 28
    )


def test_the_command_creates_the_edition(previous, capsys):
    call_command("create_report_edition", "--year", "2025", "--from", "2024")
    assert "Ausgabe 2025 angelegt" in capsys.readouterr().out
    edition = ReportEdition.objects.get(year=2025)
    assert edition.sections.get(key="ap2-first-contacts").narrative == NARRATIVE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2026", "--from", "2024"], "das Jahr nach 2024"),
        (["--year", "2020", "--from", "2019"], "keine Berichtsausgabe für 2019"),
    ],
)
def test_the_command_explains_what_is_wrong(previous, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_report_edition", *args)
    assert not ReportEdition.objects.exclude(pk=previous.pk).exists()


def test_the_command_refuses_an_existing_year(previous):
    call_command("create_report_edition", "--year", "2025", "--from", "2024")
    with pytest.raises(CommandError, match="bereits eine Berichtsausgabe"):
        call_command("create_report_edition", "--year", "2025", "--from", "2024")


def test_only_office_starts_next_years_edition(previous, cm_user, office_user):
    cm_client, office_client = Client(), Client()
    cm_client.force_login(cm_user)
    office_client.force_login(office_user)
    url = reverse("reporting:edition_create_from_previous", args=[previous.pk])
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    assert cm_client.post(url).status_code == 403
    assert not ReportEdition.objects.filter(year=2025).exists()
    detail = office_client.get(reverse("reporting:edition_detail", args=[previous.pk]))
    assert "Neue Ausgabe aus Vorjahr" in detail.text
    response = office_client.post(url)
    edition = ReportEdition.objects.get(year=2025)
    assert response.url == reverse("reporting:edition_detail", args=[edition.pk])
    again = office_client.post(url, follow=True)
    assert "Für 2025 gibt es bereits eine Berichtsausgabe." in again.text
    assert ReportEdition.objects.filter(year=2025).count() == 1
