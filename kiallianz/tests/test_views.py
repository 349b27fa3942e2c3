import pytest
from django.urls import reverse


@pytest.mark.django_db
class TestLogin:
    def test_it_serves_a_german_login_page(self, client):
        response = client.get("/accounts/login/")
        assert response.status_code == 200
        content = response.content.decode()
        assert '<html lang="de">' in content
        assert "Anmelden" in content
        assert "Benutzername" in content

    def test_it_redirects_anonymous_users_to_login(self, client):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_it_gives_the_same_german_message_for_unknown_user_and_wrong_password(
        self, client, cm_user
    ):
        wrong_password = client.post(
            "/accounts/login/", {"username": cm_user.username, "password": "falsch"}
        )
        unknown_user = client.post(
            "/accounts/login/", {"username": "niemand", "password": "falsch"}
        )
        message = "Benutzername oder Passwort ist falsch."
        assert message in wrong_password.content.decode()
        assert message in unknown_user.content.decode()
        assert "_auth_user_id" not in client.session

    def test_it_logs_in_and_shows_the_dashboard_with_navigation(self, client, cm_user):
        response = client.post(
            "/accounts/login/",
            {"username": cm_user.username, "password": "testpass-123"},
            follow=True,
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert "Willkommen" in content
        assert "Übersicht" in content
        assert "Karlsruhe" in content
        assert "Community Manager:in" in content

    def test_it_logs_out_with_post(self, cm_client):
        response = cm_client.post("/accounts/logout/")
        assert response.status_code == 302
        assert cm_client.get("/").status_code == 302


@pytest.mark.django_db
class TestPasswordChange:
    def test_it_changes_the_password(self, cm_client, cm_user):
        response = cm_client.post(
            reverse("password_change"),
            {
                "old_password": "testpass-123",
                "new_password1": "ein-neues-sicheres-Passwort-2026",
                "new_password2": "ein-neues-sicheres-Passwort-2026",
            },
        )
        assert response.status_code == 302
        cm_user.refresh_from_db()
        assert cm_user.check_password("ein-neues-sicheres-Passwort-2026")

    def test_it_rejects_a_wrong_old_password_in_german(self, cm_client, cm_user):
        response = cm_client.post(
            reverse("password_change"),
            {
                "old_password": "falsch",
                "new_password1": "ein-neues-sicheres-Passwort-2026",
                "new_password2": "ein-neues-sicheres-Passwort-2026",
            },
        )
        assert response.status_code == 200
        assert "Das alte Passwort war falsch" in response.content.decode()
        cm_user.refresh_from_db()
        assert cm_user.check_password("testpass-123")


@pytest.mark.django_db
class TestLanguage:
    def test_it_switches_to_english(self, cm_client):
        response = cm_client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
        content = response.content.decode()
        assert '<html lang="en">' in content
        assert "Overview" in content
        assert "Welcome" in content


@pytest.mark.django_db
class TestHealthz:
    def test_it_reports_database_and_eager_broker(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {
            "database": "ok",
            "broker": "eager",
            "cache": "ok",
            "status": "ok",
        }

    def test_it_needs_no_login_and_sends_no_cache_headers(self, client):
        response = client.get("/healthz")
        assert "no-cache" in response["Cache-Control"]

    def test_it_reports_an_unreachable_broker_with_503(self, client, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["broker"] == "error"
        assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_it_leaves_out_navigation_entries_whose_page_does_not_exist(cm_client):
    content = cm_client.get("/").content.decode()
    assert 'href="/"' in content


@pytest.mark.django_db
def test_it_stays_german_for_an_english_browser(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de">' in response.content.decode()
    assert "Anmelden" in response.content.decode()
