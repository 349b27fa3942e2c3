"""The section editor with live values and placed blocks: every role."""

import datetime

import pytest
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from reporting.report import services
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return make_edition()


@pytest.fixture
def section(edition):
    return edition.sections.get(key="introduction")


def _edit_url(section):
    return reverse("reporting:section_edit", args=[section.pk])


def _post(client, section, narrative):
    return client.post(
        _edit_url(section),
        {"title": section.title, "narrative": narrative, "version": section.version},
    )


def test_anonymous_is_sent_to_login_and_changes_nothing(client, section):
    response = _post(client, section, "[[wert:stichtag]]")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    section.refresh_from_db()
    assert section.narrative == ""


def test_a_community_manager_may_not_edit_but_reads_values_in_the_preview(
    cm_client, edition, section, region
):
    response = _post(cm_client, section, "[[wert:stichtag]]")
    assert response.status_code == 403
    assert cm_client.get(_edit_url(section)).status_code == 403
    section.refresh_from_db()
    assert section.narrative == ""
    services.section_update(
        section=section,
        version=section.version,
        narrative="Stand [[wert:stichtag]]: [[wert:erstgespraeche]] Erstgespräche.",
    )
    FirstContactFactory(region=region, date=datetime.date(2024, 5, 5))
    preview = cm_client.get(reverse("reporting:edition_preview", args=[edition.pk]))
    assert preview.status_code == 200
    assert (
        'Stand <span class="live-value">19. Februar 2025</span>: '
        '<span class="live-value">1</span> Erstgespräche.'
    ) in preview.text


def test_office_sees_the_cheat_sheet_of_values_and_blocks(office_client, section, region):
    response = office_client.get(_edit_url(section))
    assert response.status_code == 200
    assert 'data-insert="[[wert:erstgespraeche]]"' in response.text
    assert 'data-insert="&#10;[[block:events_by_region]]&#10;"' in response.text
    assert "<code>karlsruhe</code>" in response.text


def test_office_saves_a_narrative_with_values_and_a_placed_block(office_client, section):
    text = "Am [[wert:stichtag]]:\n\n[[block:meetings status=geplant]]"
    response = _post(office_client, section, text)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.narrative == text


def test_office_gets_a_german_error_with_the_position_and_nothing_is_saved(office_client, section):
    response = _post(office_client, section, "Erste Zeile.\nWir hatten [[wert:kontakte]] Treffen.")
    assert response.status_code == 200
    assert "Zeile 2, Spalte 12: Unbekannter Wert „kontakte“." in response.text
    # The typed text is kept in the form, not lost.
    assert "Wir hatten [[wert:kontakte]] Treffen." in response.text
    section.refresh_from_db()
    assert section.narrative == ""


def test_the_editor_lists_problems_of_a_stored_narrative(office_client, section):
    services.section_update(
        section=section, version=section.version, narrative="[[block:unbekannt]]"
    )
    response = office_client.get(_edit_url(section))
    assert "Zeile 1, Spalte 1: Unbekannter Block „unbekannt“." in response.text


def test_the_editor_lists_the_facts_kept_on_purpose(office_client, section):
    services.section_fact_accept(section=section, text="2021", reason="Gründungsjahr")
    response = office_client.get(_edit_url(section))
    assert "„2021“: Gründungsjahr" in response.text
