import pytest
from django.urls import reverse

from kiallianz.tests.factories import AdminUserFactory
from reporting.models import Target
from reporting.tests.factories import WorkPackageFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(AdminUserFactory(username="admin"))
    return client


def _post(package, **overrides):
    data = {
        "work_package": package.pk,
        "title": "Großveranstaltungen",
        "description": "",
        "kind": "computed",
        "metric_key": "events_held",
        "metric_params": '{"kinds": ["own_event"], "size": "large"}',
        "scope": "region",
        "target_value": "1",
        "due_kind": "end",
        "manual_status": "open",
        "evidence": "",
        "position": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_admins_define_a_target_with_metric_parameters(admin_client):
    package = WorkPackageFactory()
    response = admin_client.post(reverse("admin:reporting_target_add"), _post(package))
    assert response.status_code == 302
    assert Target.objects.get().metric_params == {"kinds": ["own_event"], "size": "large"}


@pytest.mark.django_db
def test_the_admin_refuses_an_unknown_event_kind_in_german(admin_client):
    package = WorkPackageFactory()
    response = admin_client.post(
        reverse("admin:reporting_target_add"),
        _post(package, metric_params='{"kinds": ["barbecue"]}'),
    )
    assert response.status_code == 200
    assert "„barbecue“ ist kein erlaubter Wert für „Arten“" in response.content.decode()
    assert not Target.objects.exists()
