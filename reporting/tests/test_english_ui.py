"""The English UI reads English: dates, „von“ in its three meanings, the
language switch, plurals (issue 16, defect 7)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from audit.filters import ChangeLogFilterForm
from contacts.merging import compare_records
from contacts.tests.factories import PersonFactory
from events.tests.factories import EventFactory
from partners import services as partner_services
from partners.tests.factories import PartnerFactory
from reporting.forms import PeriodForm
from reporting.progress import AsOfOutsideTerm, check_as_of, regions_phrase
from reporting.report import services
from reporting.tests.test_report_factories import FundingProjectFactory, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A request in English activates English in this thread (the test
    client runs the view here): later tests must get German back."""
    with translation.override("de"):
        yield


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


# --- „von“: from, by, of -------------------------------------------------------


def test_von_is_from_in_a_date_range_by_for_a_person_and_of_for_pages():
    with translation.override("en"):
        assert pgettext("date range", "von") == "from"
        assert pgettext("author", "von") == "by"
        assert pgettext("page x of y", "von") == "of"
        period = PeriodForm(project=FundingProjectFactory(), today=datetime.date(2024, 5, 1))
        assert str(period.fields["date_from"].label) == "from"
        # The change log's filter panel names both ends of its range in full.
        assert str(ChangeLogFilterForm().fields["date_from"].label) == "Date from"
    with translation.override("de"):
        assert str(ChangeLogFilterForm().fields["date_from"].label) == "Datum ab"


def test_an_event_page_names_its_author_with_by(office_client, office_user):
    event = EventFactory(created_by=office_user)
    office_client.cookies["django_language"] = "en"
    html = office_client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert f"created {event.created_at.day} " in html
    assert f" by {office_user}" in html


# --- the language switch ------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_language_switch_names_each_language_in_its_own_name(client, language):
    client.cookies["django_language"] = language
    html = client.get(reverse("login")).content.decode()
    assert '<option value="de" lang="de"' in html and ">Deutsch</option>" in html
    assert '<option value="en" lang="en"' in html and ">English</option>" in html
    assert "Englisch" not in html


# --- plurals ------------------------------------------------------------------


def test_a_section_with_one_data_block_says_data_block(office_client):
    edition = make_edition()
    outlook = edition.sections.get(key="outlook")
    services.section_update(
        section=outlook, version=outlook.version, narrative="Ausblick", block_keys=["photos"]
    )
    url = reverse("reporting:edition_detail", args=[edition.pk])

    german = office_client.get(url).content.decode()
    office_client.cookies["django_language"] = "en"
    english = office_client.get(url).content.decode()

    assert "(1 Datenblock)" in german
    assert "(1 data block)" in english and "1 data blocks" not in english


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [("de", "1 von 1 Region", "2 von 6 Regionen"), ("en", "1 of 1 region", "2 of 6 regions")],
)
def test_regions_are_counted_in_singular_and_plural(language, one, many):
    with translation.override(language):
        assert regions_phrase(1, 1) == one
        assert regions_phrase(2, 6) == many


# --- dates in messages --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Der Stichtag 01.10.2027 liegt außerhalb der Projektlaufzeit (01.10.2023 bis"),
        ("en", "The as-of date 1 Oct 2027 lies outside the project term (1 Oct 2023 to"),
    ],
)
def test_the_as_of_message_writes_dates_in_the_language(language, expected):
    project = FundingProjectFactory()
    with translation.override(language), pytest.raises(AsOfOutsideTerm) as refused:
        check_as_of(project, datetime.date(2027, 10, 1))
    assert expected in str(refused.value)


@pytest.mark.parametrize(("language", "expected"), [("de", "(01.03.2024)"), ("en", "(1 Mar 2024)")])
def test_the_partner_end_message_writes_dates_in_the_language(language, expected):
    partner = PartnerFactory(since=datetime.date(2024, 3, 1))
    with translation.override(language), pytest.raises(ValidationError) as refused:
        partner_services.partner_end(partner=partner, ended=datetime.date(2024, 2, 1))
    assert expected in " ".join(refused.value.messages)


def test_the_merge_comparison_writes_dates_in_the_language(region):
    kept = PersonFactory(consent_date=datetime.date(2024, 3, 1), legal_basis="consent")
    other = PersonFactory(organisation=kept.organisation)
    shown = {}
    for language in ("de", "en"):
        with translation.override(language):
            shown[language] = {c.name: c.survivor_display for c in compare_records(kept, other)}
    assert shown["de"]["consent_date"] == "01.03.2024"
    assert shown["en"]["consent_date"] == "1 Mar 2024"
