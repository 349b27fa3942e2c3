"""The reporting pages for the three personas (``kiallianz/tests/personas.py``)."""

import pytest
from django.urls import reverse

from kiallianz.tests.personas import (
    assert_create_page,
    assert_edit_page,
    assert_read_page,
    assert_three_personas,
    shown_form_data,
)
from reporting.models import ReportEdition, Target
from reporting.tests.factories import (
    CommunicationActivityFactory,
    FundingProjectFactory,
    TargetFactory,
    TransferProjectFactory,
    WorkPackageFactory,
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


def test_a_new_target_is_the_offices(office_user, cm_user, other_cm_user):
    package = WorkPackageFactory(number=2)
    url = reverse("reporting:target_create")
    data = shown_form_data(
        office_user,
        url,
        work_package=str(package.pk),
        title="Mindestens 120 Erstgespräche",
        metric_key="first_contacts",
        target_value="120",
    )
    assert_three_personas(url, data, allowed=office_user, refused=(other_cm_user, cm_user))
    assert Target.objects.get().title == "Mindestens 120 Erstgespräche"


def test_a_new_report_edition_is_the_offices(office_user, cm_user, other_cm_user):
    project = FundingProjectFactory()
    data = {"project": str(project.pk), "year": "2024"}
    url = reverse("reporting:reports")
    # Every community manager reads the list of editions; creating one is office work.
    assert_three_personas(
        url, data, allowed=office_user, refused=(other_cm_user, cm_user), refused_get=False
    )
    assert ReportEdition.objects.get().year == 2024


def test_an_edition_is_changed_by_office_staff_only(office_user, cm_user, other_cm_user):
    edition = make_edition()
    url = reverse("reporting:edition_detail", args=[edition.pk])
    data = shown_form_data(office_user, url, title="Zwischenverwendungsnachweis 2024 (Entwurf)")
    assert_three_personas(
        url, data, allowed=office_user, refused=(other_cm_user, cm_user), refused_get=False
    )
    edition.refresh_from_db()
    assert edition.title == "Zwischenverwendungsnachweis 2024 (Entwurf)"


def test_the_pages_that_read_need_a_login_only(region, other_cm_user):
    edition = make_edition()
    names = ["dashboard", "search", "targets", "transfer_projects", "communications", "reports"]
    urls = [reverse(f"reporting:{name}") for name in names] + [
        reverse("reporting:edition_detail", args=[edition.pk]),
        reverse("reporting:edition_preview", args=[edition.pk]),
    ]
    for url in urls:
        assert_read_page(url, reader=other_cm_user)
