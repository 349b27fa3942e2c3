"""Every admin changelist runs the same number of queries for 1 and for
100 rows per page: related objects in list_display are joined, not fetched
row by row."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from contacts.models import DuplicateDismissal
from contacts.tests.factories import FirstContactFactory, PersonFactory
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from kiallianz.tests.factories import OfferFactory, RegionFactory, UserFactory
from partners.tests.factories import PartnerFactory
from reporting.models import ReportExport
from reporting.tests.factories import (
    CommunicationActivityFactory,
    TargetFactory,
    TransferProjectFactory,
)
from reporting.tests.test_report_factories import make_edition

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def rows(db):
    """At least three records of every registered model, their relations
    filled in where they may be empty."""
    for number in range(3):
        user = UserFactory()
        RegionFactory(name=f"Region {number}", slug=f"region-{number}")
        FirstContactFactory(community_manager=user)
        PersonFactory()
        EventFactory()
        KIChallengeRoundFactory()
        PartnerFactory(community_manager=user)
        OfferFactory()
        Group.objects.create(name=f"Gruppe {number}")
        TargetFactory()
        TransferProjectFactory()
        CommunicationActivityFactory()
        edition = make_edition(year=2020 + number)
        ReportExport.objects.create(
            edition=edition,
            format="pdf",
            year=edition.year,
            as_of=datetime.date(2025, 2, 19),
            created_by=user,
        )
        DuplicateDismissal.objects.create(
            kind="person", first_id=number + 1, second_id=number + 2, dismissed_by=user
        )
        request = {"user_agent": "pytest", "http_accept": "*/*", "path_info": "/accounts/login/"}
        AccessAttempt.objects.create(
            username=f"user{number}",
            get_data="",
            post_data="",
            failures_since_start=1,
            **request,
        )
        AccessFailureLog.objects.create(username=f"user{number}", **request)
        AccessLog.objects.create(username=f"user{number}", **request)
        StaticDevice.objects.create(user=user, name="backup")
        TOTPDevice.objects.create(user=user, name="app")


def _changelist_queries(client, model, per_page: int, monkeypatch) -> int:
    monkeypatch.setattr(admin.site._registry[model], "list_per_page", per_page)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_an_admin_changelist_runs_a_constant_number_of_queries(
    admin_client, rows, model, monkeypatch
):
    assert model._default_manager.count() >= 3, "the fixture must fill this model"
    one = _changelist_queries(admin_client, model, 1, monkeypatch)
    many = _changelist_queries(admin_client, model, 100, monkeypatch)
    assert many == one
