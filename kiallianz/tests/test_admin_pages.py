"""Every model in the Django admin opens in German for an administrator."""

import pytest
from django.contrib import admin
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from partners.tests.factories import PartnerFactory

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.fixture
def some_records(region):
    FirstContactFactory()
    EventFactory()
    KIChallengeRoundFactory()
    PartnerFactory()


@pytest.mark.django_db
@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED, ids=lambda v: str(v))
def test_every_admin_list_and_add_page_opens(admin_client, some_records, app_label, model_name):
    changelist = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert add.status_code in (200, 403)


@pytest.mark.django_db
def test_the_admin_speaks_german(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Verwaltung" in html
    assert "Regionen" in html
    assert "Erstgespräche" in html


def test_the_report_models_are_in_the_admin():
    assert ("reporting", "reportedition") in REGISTERED
    assert ("reporting", "reportexport") in REGISTERED
