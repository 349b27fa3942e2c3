"""Each reporting page that writes, for the three personas: anonymous (to the
login), a community manager of another region (refused, nothing changed) and
the allowed role (saved): the region's community manager for transfer
projects and communication activities, office staff for targets and the
report."""

import pytest
from django.urls import reverse

from kiallianz.tests.personas import (
    assert_create_page,
    assert_edit_page,
    assert_three_personas,
    shown_form_data,
)
from reporting.tests.factories import (
    CommunicationActivityFactory,
    TargetFactory,
    TransferProjectFactory,
)
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db


# URL name: (the factory of a record in the community manager's region, the change)
EDIT_PAGES = {
    "reporting:transfer_project_update": (
        TransferProjectFactory,
        {"title": "KI-Qualitätsprüfung mit der Hochschule"},
    ),
    "reporting:communication_update": (CommunicationActivityFactory, {"title": "Newsletter"}),
}


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_a_record_of_a_region_for_the_three_personas(name, region, cm_user, other_cm_user):
    factory, changes = EDIT_PAGES[name]
    assert_edit_page(name, factory(region=region), changes, allowed=cm_user, refused=other_cm_user)


def test_a_target_is_changed_by_office_staff_only(office_user, cm_user, other_cm_user):
    target = TargetFactory(target_value=10)
    url = reverse("reporting:target_update", args=[target.pk])
    data = shown_form_data(office_user, url, target_value="12")
    # Office-only: the community managers of every region are refused.
    assert_three_personas(url, data, allowed=office_user, refused=(other_cm_user, cm_user))
    target.refresh_from_db()
    assert target.target_value == 12


def test_a_report_section_is_written_by_office_staff_only(office_user, cm_user, other_cm_user):
    section = make_edition().sections.first()
    url = reverse("reporting:section_edit", args=[section.pk])
    data = shown_form_data(office_user, url, title="Einleitung und Überblick")
    assert_three_personas(url, data, allowed=office_user, refused=(other_cm_user, cm_user))
    section.refresh_from_db()
    assert section.title == "Einleitung und Überblick"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "reporting:transfer_project_create",
            lambda region: {
                "title": "KI-Qualitätskontrolle",
                "region": region.pk,
                "status": "idea",
                "initiated_on": "2024-11-06",
            },
        ),
        (
            "reporting:communication_create",
            lambda region: {
                "date": "2024-09-02",
                "kind": "press_release",
                "title": "Green AI Day 2024",
                "region": region.pk,
            },
        ),
    ],
)
def test_a_create_page_for_the_three_personas(name, data, region, cm_user, other_cm_user):
    assert_create_page(reverse(name), data(region), allowed=cm_user, refused=other_cm_user)


def _new_section(edition) -> tuple[str, dict]:
    return reverse("reporting:section_create", args=[edition.pk]), {"title": "Anhang"}


def _moved_section(edition) -> tuple[str, dict]:
    section = edition.sections.first()
    return reverse("reporting:section_move", args=[section.pk]), {"direction": "down"}


def _deleted_section(edition) -> tuple[str, dict]:
    section = edition.sections.last()
    return reverse("reporting:section_delete", args=[section.pk]), {}


@pytest.mark.parametrize("make", [_new_section, _moved_section, _deleted_section])
def test_the_report_outline_is_the_offices(make, office_user, cm_user, other_cm_user):
    url, data = make(make_edition())
    # Office-only: the community managers of every region are refused.
    assert_three_personas(
        url, data, allowed=office_user, refused=(other_cm_user, cm_user), refused_get=False
    )
