import datetime

import pytest

from contacts.tests.factories import FirstContactFactory
from events.tests.factories import EventFactory
from reporting.forms import PeriodForm
from reporting.tests.factories import FundingProjectFactory

TODAY = datetime.date(2025, 2, 19)


@pytest.fixture
def project(db):
    return FundingProjectFactory()


def resolve(project, data):
    form = PeriodForm(data, project=project, today=TODAY)
    return form, form.resolve()


@pytest.mark.django_db
class TestPeriodForm:
    def test_it_defaults_to_the_year_of_today_and_today_as_as_of(self, project):
        form = PeriodForm(None, project=project, today=TODAY)
        assert form.resolve() == (
            datetime.date(2025, 1, 1),
            datetime.date(2025, 12, 31),
            TODAY,
        )
        # The unbound form shows that year instead of an empty custom period;
        # its Stichtag stays empty so that it follows the next chosen year.
        assert form.initial == {"year": 2025}

    def test_it_falls_back_to_the_last_year_of_the_term_after_it_ended(self, project):
        form = PeriodForm(None, project=project, today=datetime.date(2027, 3, 1))
        assert form.resolve() == (
            datetime.date(2026, 1, 1),
            datetime.date(2026, 12, 31),
            datetime.date(2026, 12, 31),
        )

    def test_it_takes_a_reporting_year(self, project):
        _form, period = resolve(project, {"year": "2024", "as_of": "2025-02-19"})
        assert period == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), TODAY)

    def test_it_takes_a_custom_period(self, project):
        _form, period = resolve(project, {"date_from": "2024-03-01", "date_to": "2024-05-31"})
        assert period[:2] == (datetime.date(2024, 3, 1), datetime.date(2024, 5, 31))

    def test_it_refuses_an_as_of_date_outside_the_term_and_falls_back(self, project):
        form, period = resolve(project, {"as_of": "2023-12-31"})
        assert form.errors["as_of"] == [
            "Der Stichtag 31.12.2023 liegt außerhalb der Projektlaufzeit "
            "(01.01.2024 bis 31.12.2026). Bitte ein Datum innerhalb der Laufzeit wählen."
        ]
        assert period[2] == TODAY

    def test_it_refuses_a_period_that_ends_before_it_starts(self, project):
        form, _period = resolve(project, {"date_from": "2024-05-01", "date_to": "2024-04-01"})
        assert form.errors["date_to"] == ["Das Ende des Zeitraums liegt vor seinem Beginn."]


@pytest.mark.django_db
class TestTheDashboardOpensOnAYearWithData:
    """Issue 16 defect 1: it opened on an empty current year, and the Stichtag
    stayed at today when another year was chosen."""

    def test_it_opens_on_the_latest_year_with_first_contacts_or_events(self, project):
        FirstContactFactory(date=datetime.date(2024, 11, 5))
        EventFactory(start_date=datetime.date(2024, 6, 1))
        form = PeriodForm(None, project=project, today=TODAY)
        assert form.resolve() == (
            datetime.date(2024, 1, 1),
            datetime.date(2024, 12, 31),
            datetime.date(2024, 12, 31),
        )
        assert form.initial == {"year": 2024}

    def test_records_after_the_as_of_date_do_not_count(self, project):
        FirstContactFactory(date=datetime.date(2024, 11, 5))
        EventFactory(start_date=datetime.date(2025, 6, 1))
        form = PeriodForm(None, project=project, today=datetime.date(2025, 2, 1))
        assert form.resolve()[0] == datetime.date(2024, 1, 1)

    def test_the_stichtag_follows_a_chosen_past_year(self, project):
        _form, period = resolve(project, {"year": "2024", "as_of": ""})
        assert period == (
            datetime.date(2024, 1, 1),
            datetime.date(2024, 12, 31),
            datetime.date(2024, 12, 31),
        )

    def test_the_stichtag_of_the_current_year_is_today(self, project):
        _form, period = resolve(project, {"year": "2025"})
        assert period[2] == TODAY
