"""Login throttling (django-axes), password policy, idle timeout, session keys."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from conftest import TEST_PASSWORD
from kiallianz.middleware import IDLE_SESSION_KEY, client_ip
from kiallianz.tests.factories import CommunityManagerFactory, OfficeUserFactory

LOGIN = "/accounts/login/"


WRONG = "falsch-falsch-falsch"


def attempt(client, username, password=WRONG, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


@pytest.fixture
def alice(db):
    return CommunityManagerFactory(username="alice")


class TestLockout:
    def test_five_failures_lock_the_user_out_even_with_the_right_password(self, client, alice):
        for _ in range(4):
            assert attempt(client, "alice").status_code == 200
        response = attempt(client, "alice")
        assert response.status_code == 429
        response = attempt(client, "alice", TEST_PASSWORD)
        assert response.status_code == 429
        assert SESSION_KEY not in client.session
        page = response.content.decode()
        assert "Zu viele fehlgeschlagene Anmeldeversuche" in page
        assert "Uhr erneut" in page

    def test_four_failures_then_the_right_password_log_in(self, client, alice):
        for _ in range(4):
            attempt(client, "alice")
        response = attempt(client, "alice", TEST_PASSWORD)
        assert response.status_code == 302
        assert client.session[SESSION_KEY] == str(alice.pk)

    def test_a_login_to_another_account_does_not_wipe_the_count(self, client, alice):
        CommunityManagerFactory(username="mallory")
        for _ in range(4):
            attempt(client, "alice", REMOTE_ADDR="198.51.100.1")
        assert (
            attempt(client, "mallory", TEST_PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 302
        )
        client.logout()
        attempt(client, "alice", REMOTE_ADDR="198.51.100.2")
        assert (
            attempt(client, "alice", TEST_PASSWORD, REMOTE_ADDR="198.51.100.3").status_code == 429
        )

    def test_one_address_guessing_many_users_is_locked_out(self, client, alice):
        for number in range(5):
            attempt(client, f"niemand{number}")
        assert attempt(client, "alice", TEST_PASSWORD).status_code == 429

    def test_a_locked_user_is_locked_from_every_address(self, client, alice):
        for number in range(5):
            attempt(client, "alice", REMOTE_ADDR=f"198.51.100.{number}")
        assert (
            attempt(client, "alice", TEST_PASSWORD, REMOTE_ADDR="198.51.100.99").status_code == 429
        )

    def test_a_forged_forwarded_for_does_not_reset_the_count(self, client, alice, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        for number in range(5):
            # nginx appends the real address; the client forges the rest.
            attempt(
                client,
                f"niemand{number}",
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 203.0.113.7",
            )
        response = attempt(
            client,
            "alice",
            TEST_PASSWORD,
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7",
        )
        assert response.status_code == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}

    def test_office_staff_unlock_a_user_in_the_admin(self, client, alice):
        for _ in range(5):
            attempt(client, "alice")
        locked = AccessAttempt.objects.get(username="alice")
        office = OfficeUserFactory(username="gs")
        client.force_login(office)
        changelist = reverse("admin:axes_accessattempt_changelist")
        assert client.get(changelist).status_code == 200
        response = client.post(
            reverse("admin:axes_accessattempt_delete", args=[locked.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        client.logout()
        assert attempt(client, "alice", TEST_PASSWORD).status_code == 302

    def test_community_managers_cannot_unlock(self, client, alice):
        for _ in range(5):
            attempt(client, "alice")
        client.force_login(CommunityManagerFactory(username="bob"))
        response = client.get(reverse("admin:axes_accessattempt_changelist"))
        assert response.status_code in (302, 403)
        assert AccessAttempt.objects.filter(username="alice").exists()


class TestClientAddress:
    def request(self, remote, forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **extra)

    def test_without_a_proxy_the_peer_is_the_client(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_ip(self.request("192.0.2.1", "10.0.0.1")) == "192.0.2.1"

    def test_behind_one_proxy_the_rightmost_entry_is_the_client(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("127.0.0.1", "1.2.3.4, 192.0.2.1")) == "192.0.2.1"

    def test_behind_two_proxies(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        assert client_ip(self.request("127.0.0.1", "1.2.3.4, 192.0.2.1, 10.0.0.2")) == "192.0.2.1"

    def test_a_missing_header_falls_back_to_the_peer(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("192.0.2.1")) == "192.0.2.1"


class TestPasswordPolicy:
    def test_short_passwords_are_refused_in_german(self):
        with pytest.raises(ValidationError) as error:
            validate_password("Kurz-9x!qQ")
        assert any("mindestens 12 Zeichen" in message for message in error.value.messages)

    def test_twelve_characters_are_enough(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.forms import SetPasswordForm

        user = get_user_model()(username="mia")
        data = {"new_password1": "Wald-Kiefer-73", "new_password2": "Wald-Kiefer-73"}
        form = SetPasswordForm(user, data)
        assert form.is_valid(), form.errors

    def test_common_passwords_are_refused(self):
        with pytest.raises(ValidationError) as error:
            validate_password("password1234")
        assert any("zu üblich" in message for message in error.value.messages)

    def test_passwords_like_the_user_are_refused(self, alice):
        alice.first_name, alice.last_name = "Alexandra", "Wunderlich"
        with pytest.raises(ValidationError) as error:
            validate_password("Wunderlich12", user=alice)
        assert any("ähnlich" in message for message in error.value.messages)


class TestSessions:
    def test_an_idle_session_ends_after_the_timeout(self, client, alice, settings):
        settings.SESSION_IDLE_TIMEOUT = 8 * 60 * 60
        client.force_login(alice)
        session = client.session
        session[IDLE_SESSION_KEY] = int(time.time()) - 8 * 60 * 60 - 5
        session.save()
        response = client.get("/contacts/")
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
        assert SESSION_KEY not in client.session

    def test_an_active_session_goes_on(self, client, alice):
        client.force_login(alice)
        session = client.session
        session[IDLE_SESSION_KEY] = int(time.time()) - 7 * 60 * 60
        session.save()
        assert client.get("/contacts/").status_code == 200
        assert client.session[IDLE_SESSION_KEY] >= int(time.time()) - 5

    def test_the_default_timeout_is_eight_hours(self):
        from kiallianz import settings as project_settings

        assert project_settings.SESSION_IDLE_TIMEOUT == 8 * 60 * 60

    def test_the_session_key_changes_at_login(self, client, alice):
        session = client.session
        session["probe"] = 1
        session.save()
        before = session.session_key
        attempt(client, "alice", TEST_PASSWORD)
        assert client.session.session_key != before
        assert client.session[SESSION_KEY] == str(alice.pk)
