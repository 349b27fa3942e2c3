import pytest

from kiallianz.tasks import clear_expired_sessions, ping


@pytest.mark.django_db
def test_it_clears_expired_sessions():
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.create(
        session_key="abgelaufen", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    Session.objects.create(
        session_key="gueltig", session_data="", expire_date=timezone.now() + timedelta(days=1)
    )
    clear_expired_sessions.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["gueltig"]


@pytest.mark.worker
def test_it_round_trips_a_task_through_a_real_worker(celery_worker):
    assert ping.delay().get(timeout=30) == "pong"


@pytest.mark.worker
def test_it_runs_a_database_task_on_the_real_worker(celery_worker):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.create(
        session_key="abgelaufen", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    clear_expired_sessions.delay().get(timeout=30)
    assert not Session.objects.exists()


@pytest.mark.worker
def test_it_reports_a_reachable_broker(celery_worker, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"
