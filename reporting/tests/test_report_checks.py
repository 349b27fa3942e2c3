"""The consistency check (issue 10, item 4): service, command, pages."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory
from reporting.report import checks, services
from reporting.report.checks import check_edition
from reporting.tests.test_report_factories import make_edition, make_photo

pytestmark = pytest.mark.django_db


def _write(edition, key, text):
    section = edition.sections.get(key=key)
    return services.section_update(section=section, version=section.version, narrative=text)


def _fill_all(edition):
    """Every section gets harmless text, so only what a test writes is found."""
    for section in edition.sections.all():
        services.section_update(
            section=section, version=section.version, narrative="Text ohne Zahlen."
        )


def _categories(result, category):
    return [f for f in result.findings if f.category == category]


@pytest.fixture
def edition(region):
    edition = make_edition()
    _fill_all(edition)
    for day in (datetime.date(2024, 3, 1), datetime.date(2024, 4, 1), datetime.date(2024, 5, 1)):
        FirstContactFactory(region=region, date=day)
    return edition


def test_it_flags_a_typed_count_that_contradicts_the_records(edition):
    _write(edition, "ap2-first-contacts", "Wir führten\nüber 300 Erstgespräche im Jahr.")
    result = check_edition(edition=edition)
    [finding] = _categories(result, checks.MISMATCH)
    assert finding.text == "300"
    assert finding.section_label == "3.1. Erstgespräche"
    assert (finding.position.line, finding.position.column) == (2, 6)
    assert "die Daten sagen 3 ([[wert:erstgespraeche]])" in finding.message
    assert not result.ok


def test_a_typed_count_that_matches_is_typed_where_a_live_value_exists(edition):
    _write(edition, "ap2-first-contacts", "Wir führten 3 Erstgespräche.")
    result = check_edition(edition=edition)
    [finding] = _categories(result, checks.TYPED_LIVE)
    assert finding.suggestion == "[[wert:erstgespraeche]]"
    assert result.ok


def test_live_values_are_not_typed_facts(edition):
    _write(
        edition,
        "ap2-first-contacts",
        "Bis zum [[wert:stichtag]] führten wir [[wert:erstgespraeche region=karlsruhe]] "
        "Erstgespräche.",
    )
    result = check_edition(edition=edition)
    assert [f for f in result.findings if f.section_label.startswith("3.1.")] == []


def test_it_flags_a_date_no_record_has_and_knows_the_as_of_date(edition):
    EventFactory(title="Auftakt", start_date=datetime.date(2024, 3, 13))
    _write(
        edition,
        "ap3-events",
        "Am 13. März 2024 war der Auftakt, am 14. März 2024 nichts. Stand 19. Februar 2025.",
    )
    result = check_edition(edition=edition)
    by_text = {f.text: f.category for f in result.findings if f.section_label.startswith("4.2.")}
    assert by_text == {
        "13. März 2024": checks.TYPED_LIVE,
        "14. März 2024": checks.MISMATCH,
        "19. Februar 2025": checks.TYPED_LIVE,
    }
    stand = next(f for f in result.findings if f.text == "19. Februar 2025")
    assert stand.suggestion == "[[wert:stichtag]]"


def test_it_flags_a_planned_record_the_text_calls_held(edition, other_region):
    EventFactory(
        title="Förder-Workshop Freiburg",
        region=other_region,
        kind=EventKind.FUNDING_WORKSHOP,
        start_date=datetime.date(2025, 3, 11),
        status=EventStatus.PLANNED,
    )
    _write(edition, "ap4-new-topics", "Der Förder-Workshop Freiburg hat stattgefunden.")
    result = check_edition(edition=edition)
    [finding] = _categories(result, checks.CONTRADICTION)
    assert "„Förder-Workshop Freiburg“ durchgeführt, zum Stichtag ist es geplant" in finding.message
    # At a later as-of date, once held, the sentence is right.
    later = EventFactory(title="Förder-Workshop Stuttgart", start_date=datetime.date(2024, 6, 1))
    _write(edition, "ap4", f"Der {later.title} wird geplant.")
    result = check_edition(edition=edition)
    assert any("„Förder-Workshop Stuttgart“ geplant" in f.message for f in result.findings)


def test_it_flags_a_heading_held_over_planned_items(edition, region):
    EventFactory(
        title="KI-Hackathon",
        kind=EventKind.HACKATHON,
        region=region,
        start_date=datetime.date(2025, 6, 20),
        status=EventStatus.PLANNED,
    )
    result = check_edition(edition=edition)
    [finding] = _categories(result, checks.CONTRADICTION)
    assert finding.section_label == "4.2.1. Durchgeführte Veranstaltungen nach Standort"
    assert "„KI-Hackathon“" in finding.message
    # Placing the block with status=durchgefuehrt resolves it.
    _write(edition, "ap3-events-by-region", "[[block:events_by_region status=durchgefuehrt]]")
    assert _categories(check_edition(edition=edition), checks.CONTRADICTION) == []


def test_it_lists_empty_sections_missing_photos_and_bad_references(edition):
    _write(edition, "outlook", "")
    _write(edition, "introduction", "[[wert:kontakte]]")
    event = EventFactory(title="Mit Foto", start_date=datetime.date(2024, 5, 5))
    make_photo(event, caption="Bühne", missing=True)
    result = check_edition(edition=edition)
    assert [f.section_label for f in _categories(result, checks.EMPTY)] == ["7. Ausblick"]
    [photo] = _categories(result, checks.PHOTO)
    assert "„Bühne“" in photo.message
    [reference] = _categories(result, checks.REFERENCE)
    assert "Unbekannter Wert „kontakte“" in reference.message
    assert not result.ok


def test_records_without_report_text_are_listed_when_the_records_have_one(edition):
    from events.models import Event

    EventFactory(title="Ohne Text", start_date=datetime.date(2024, 5, 5))
    found = _categories(check_edition(edition=edition), checks.REPORT_TEXT)
    if any(f.name == "report_text" for f in Event._meta.get_fields()):
        assert any("„Ohne Text“" in f.message for f in found)
    else:
        assert found == []


def test_an_accepted_fact_is_listed_with_its_reason_and_no_longer_blocks(edition, office_user):
    _write(edition, "ap2-first-contacts", "Gegründet mit 300 Erstgespräche.")
    section = edition.sections.get(key="ap2-first-contacts")
    services.section_fact_accept(
        section=section, text="300", reason="Zahl aus dem Antrag", user=office_user
    )
    result = check_edition(edition=edition)
    [accepted] = result.accepted
    assert accepted.reason == "Zahl aus dem Antrag"
    assert result.ok
    services.section_fact_release(section=section, text="300")
    assert not check_edition(edition=edition).ok


def test_accepting_needs_a_reason(edition):
    section = edition.sections.get(key="ap2")
    with pytest.raises(Exception, match="begründen"):
        services.section_fact_accept(section=section, text="300", reason=" ")
    section.refresh_from_db()
    assert section.accepted_facts == []


# --- Command --------------------------------------------------------------------


def test_the_command_exits_non_zero_on_mismatches(edition, capsys):
    _write(edition, "ap2-first-contacts", "Wir führten 300 Erstgespräche.")
    with pytest.raises(CommandError) as error:
        call_command("check_report", "--year", "2024")
    assert error.value.returncode == 1
    out = capsys.readouterr().out
    assert "3.1. Erstgespräche, Zeile 1, Spalte 13: „300 Erstgespräche.“ getippt" in out


def test_the_command_passes_and_takes_an_as_of_date(edition, capsys):
    _write(edition, "ap2-first-contacts", "Bis [[wert:stichtag]]: [[wert:erstgespraeche]].")
    call_command("check_report", "--year", "2024", "--as-of", "2024-12-31")
    out = capsys.readouterr().out
    assert "Stichtag 31.12.2024" in out


def test_the_command_refuses_an_unknown_year(db):
    with pytest.raises(CommandError, match="keine Berichtsausgabe für 2031"):
        call_command("check_report", "--year", "2031")


# --- Pages ------------------------------------------------------------------------


def test_anonymous_and_community_managers_do_not_see_the_check(cm_client, edition):
    url = reverse("reporting:edition_check", args=[edition.pk])
    response = Client().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert cm_client.get(url).status_code == 403
    section = edition.sections.get(key="ap2")
    accept = reverse("reporting:section_fact_accept", args=[section.pk])
    assert cm_client.post(accept, {"text": "3", "reason": "x"}).status_code == 403
    section.refresh_from_db()
    assert section.accepted_facts == []


def test_office_sees_the_check_on_the_edition_page_and_its_own_page(office_client, edition):
    _write(edition, "ap2-first-contacts", "Wir führten 300 Erstgespräche.")
    detail = office_client.get(reverse("reporting:edition_detail", args=[edition.pk]))
    assert "Prüfung vor dem Export" in detail.text
    assert "1 × Widerspruch zu den Daten" in detail.text
    page = office_client.get(reverse("reporting:edition_check", args=[edition.pk]))
    assert page.status_code == 200
    assert "„300 Erstgespräche.“ getippt, die Daten sagen 3" in page.text


def test_office_accepts_a_fact_with_a_reason(office_client, edition):
    _write(edition, "ap2-first-contacts", "Wir führten 300 Erstgespräche.")
    section = edition.sections.get(key="ap2-first-contacts")
    url = reverse("reporting:section_fact_accept", args=[section.pk])
    response = office_client.post(url, {"text": "300", "reason": ""}, follow=True)
    assert "Bitte begründen Sie" in response.text
    section.refresh_from_db()
    assert section.accepted_facts == []
    office_client.post(url, {"text": "300", "reason": "aus dem Antrag"})
    section.refresh_from_db()
    assert [(f["text"], f["reason"]) for f in section.accepted_facts] == [("300", "aus dem Antrag")]
    page = office_client.get(reverse("reporting:edition_check", args=[edition.pk]))
    assert "Begründung: aus dem Antrag" in page.text


def test_the_export_card_carries_the_check_summary(edition):
    _write(edition, "ap2-first-contacts", "Wir führten 300 Erstgespräche.")
    export = services.export_create(edition=edition, format="pdf")
    services.export_run(export_id=export.id)
    export.refresh_from_db()
    assert export.status == "done"
    assert export.warnings[0].startswith("Prüfung: 1 × Widerspruch zu den Daten")
    assert any("„300 Erstgespräche.“" in warning for warning in export.warnings)
