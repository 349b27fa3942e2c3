import datetime

import pytest

from contacts.tests.factories import FirstContactFactory
from events.models import EventStatus, SizeCategory
from events.tests.factories import EventFactory
from reporting import progress
from reporting.models import Target
from reporting.progress import (
    AT_RISK,
    MET,
    MISSED,
    ON_TRACK,
    UNAVAILABLE,
    AsOfOutsideTerm,
    check_as_of,
    decide_status,
    default_as_of,
    region_matrix,
    target_progress,
    target_rows,
)
from reporting.tests.factories import FundingProjectFactory, TargetFactory, WorkPackageFactory

START = datetime.date(2024, 1, 1)
DUE = datetime.date(2024, 12, 31)


class TestStatusRules:
    def status(self, value, as_of, target_value=60):
        return decide_status(
            value=value, target_value=target_value, start=START, due=DUE, as_of=as_of
        )[0]

    def test_it_is_met_when_the_value_reaches_the_target(self):
        assert self.status(60, datetime.date(2024, 2, 1)) == MET
        assert self.status(61, datetime.date(2025, 2, 1)) == MET

    def test_it_is_missed_when_the_due_date_passed_unmet(self):
        assert self.status(59, datetime.date(2025, 1, 1)) == MISSED
        # On the due day itself it is not yet missed.
        assert self.status(59, DUE) == AT_RISK

    def test_it_is_at_risk_below_the_linear_share_expected_by_the_as_of_date(self):
        # 2 July 2024 is day 183 of 365: 60 × 183/365 ≈ 30.08 expected.
        as_of = datetime.date(2024, 7, 2)
        assert self.status(30, as_of) == AT_RISK
        assert self.status(31, as_of) == ON_TRACK

    def test_it_is_on_track_on_the_first_day(self):
        assert self.status(0, START) == ON_TRACK

    def test_it_reports_the_expected_value(self):
        _status, expected = decide_status(
            value=0, target_value=120, start=START, due=DUE, as_of=datetime.date(2024, 7, 2)
        )
        assert round(expected, 1) == 60.2


@pytest.mark.django_db
class TestTargetProgress:
    def test_it_computes_value_percentage_and_link_of_a_target(self, region):
        for day in (datetime.date(2024, 1, 5), datetime.date(2024, 3, 1)):
            FirstContactFactory(date=day, region=region)
        target = TargetFactory(
            target_value=4, due_kind=Target.DueKind.DATE, due_on=datetime.date(2024, 12, 31)
        )
        result = target_progress(target, as_of=datetime.date(2024, 3, 1))
        assert result.value == 2
        assert result.percentage == 50
        assert result.status == ON_TRACK
        assert "date_before=2024-03-01" in result.drilldown_url

    def test_it_counts_a_manual_target_as_one_of_one_when_done(self):
        target = TargetFactory(kind=Target.Kind.MANUAL, metric_key="", target_value=1)
        as_of = datetime.date(2024, 6, 1)
        assert target_progress(target, as_of=as_of).status == ON_TRACK
        target.manual_status = Target.ManualStatus.DONE
        done = target_progress(target, as_of=as_of)
        assert (done.value, done.status, done.percentage) == (1, MET, 100)
        target.manual_status = Target.ManualStatus.IN_PROGRESS
        assert target_progress(target, as_of=datetime.date(2027, 1, 1)).status == MISSED

    def test_it_marks_an_unknown_metric_as_unavailable(self):
        target = TargetFactory(metric_key="gone")
        result = target_progress(target, as_of=datetime.date(2024, 6, 1))
        assert result.status == UNAVAILABLE
        assert result.value is None


@pytest.mark.django_db
class TestRegionMatrix:
    def test_it_shows_per_region_counts_and_whether_each_region_met_them(
        self, region, other_region
    ):
        target = TargetFactory(
            metric_key="events_held",
            metric_params={"size": SizeCategory.SMALL},
            scope=Target.Scope.REGION,
            target_value=2,
        )
        for day in (datetime.date(2024, 3, 1), datetime.date(2024, 4, 1)):
            EventFactory(start_date=day, region=region, status=EventStatus.HELD)
        EventFactory(start_date=datetime.date(2024, 5, 1), region=other_region)
        regions = [other_region, region]
        rows = target_rows([target], as_of=datetime.date(2025, 1, 1), regions=regions)
        matrix = region_matrix(rows, regions)
        lines = dict(matrix.region_lines())
        assert [(cell.value, cell.is_met) for cell in lines[region]] == [(2, True)]
        assert [(cell.value, cell.is_met) for cell in lines[other_region]] == [(1, False)]
        assert f"region={region.id}" in lines[region][0].drilldown_url
        summary = rows[0].progress
        assert (summary.value, summary.target_value) == (1, 2)
        # Freiburg's 1 of 2 is above the linear share by January 2025 (≈ 0.67) …
        assert summary.status == ON_TRACK
        # … and below it by June 2026 (≈ 1.6).
        later = target_rows([target], as_of=datetime.date(2026, 6, 1), regions=regions)
        assert later[0].progress.status == AT_RISK
        words = progress.lacking_in_words(lines[other_region])
        assert words == [f"{target.title}: noch 1 bis 31.12.2026 (Projektende)"]

    def test_it_leaves_project_wide_targets_out_of_the_matrix(self, region):
        target = TargetFactory()
        rows = target_rows([target], as_of=datetime.date(2024, 6, 1), regions=[region])
        assert region_matrix(rows, [region]).rows == []


@pytest.mark.django_db
class TestAsOf:
    def test_it_refuses_an_as_of_date_outside_the_term_in_german(self):
        project = FundingProjectFactory()
        with pytest.raises(AsOfOutsideTerm) as error:
            check_as_of(project, datetime.date(2027, 1, 1))
        assert str(error.value) == (
            "Der Stichtag 01.01.2027 liegt außerhalb der Projektlaufzeit "
            "(01.01.2024 bis 31.12.2026). Bitte ein Datum innerhalb der Laufzeit wählen."
        )
        assert check_as_of(project, datetime.date(2026, 12, 31)) == datetime.date(2026, 12, 31)

    def test_it_clamps_today_to_the_term(self):
        project = FundingProjectFactory()
        assert default_as_of(project, datetime.date(2030, 5, 1)) == project.end_date
        assert default_as_of(project, datetime.date(2020, 5, 1)) == project.start_date


@pytest.mark.django_db
class TestDueDate:
    def test_it_computes_the_due_date_from_date_month_mid_term_or_end(self):
        package = WorkPackageFactory()
        make = lambda **kw: TargetFactory.build(work_package=package, **kw)  # noqa: E731
        assert make(due_kind="date", due_on=datetime.date(2024, 12, 31)).due_date == DUE
        month = make(due_kind="month", due_month=26)
        assert (month.due_date, month.due_label) == (datetime.date(2026, 2, 28), "M26")
        assert make(due_kind="mid_term").due_date == datetime.date(2025, 7, 1)
        assert make(due_kind="end").due_date == datetime.date(2026, 12, 31)
