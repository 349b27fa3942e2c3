"""Report and target forms name their errors at the top, linked to the
fields (issue 16)."""

import pytest
from django.urls import reverse

from kiallianz.tests.a11y import error_summary
from reporting.tests.factories import WorkPackageFactory
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db


def test_the_target_form_links_a_bad_parameter_and_the_missing_title(office_client, project):
    package = WorkPackageFactory(project=project)
    data = {
        "work_package": package.pk,
        "title": "",
        "kind": "computed",
        "metric_key": "events_held",
        "param__events_held__kinds": ["barbecue"],
        "scope": "region",
        "target_value": "1",
        "due_kind": "mid_term",
        "manual_status": "open",
        "position": "0",
    }
    response = office_client.post(reverse("reporting:target_create"), data)
    assert response.status_code == 200
    links = dict(error_summary(response.text))
    assert links["#id_title"] == "Titel: Dieses Feld ist zwingend erforderlich."
    assert any("barbecue" in text for text in links.values()), links


def test_the_section_editor_links_the_missing_title(office_client):
    section = make_edition().sections.get(key="introduction")
    response = office_client.post(
        reverse("reporting:section_edit", args=[section.pk]),
        {"title": "", "narrative": "Text", "version": section.version},
    )
    assert response.status_code == 200
    assert [href for href, _ in error_summary(response.text)] == ["#id_title"]


def test_a_stale_section_edit_is_named_in_the_summary(office_client):
    section = make_edition().sections.get(key="introduction")
    response = office_client.post(
        reverse("reporting:section_edit", args=[section.pk]),
        {"title": section.title, "narrative": "Alt", "version": section.version - 1},
    )
    assert "Bitte prüfen Sie Ihre Eingaben:" in response.text
    assert error_summary(response.text) == []
    assert "inzwischen von jemand anderem geändert" in response.text
