"""Second factor: office and admin need one, community managers may opt in."""

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import TEST_PASSWORD
from kiallianz.tests.factories import (
    AdminUserFactory,
    CommunityManagerFactory,
    OfficeUserFactory,
)

SETUP = "/accounts/2fa/setup/"
VERIFY = "/accounts/2fa/verify/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def token_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def login(client, user):
    return client.post("/accounts/login/", {"username": user.username, "password": TEST_PASSWORD})


@pytest.mark.django_db
class TestEnrolment:
    def test_office_without_a_device_is_sent_to_set_up(self, client):
        office = OfficeUserFactory(username="gs")
        login(client, office)
        response = client.get("/contacts/")
        assert response.status_code == 302
        assert response.url.startswith(SETUP)

    def test_set_up_shows_a_local_qr_code_and_confirms_with_a_code(self, client):
        office = OfficeUserFactory(username="gs")
        login(client, office)
        page = client.get(SETUP)
        assert page.status_code == 200
        content = page.content.decode()
        assert "<svg" in content
        assert "http" not in content.split('id="totp-qr"')[1].split("</div>")[0].replace(
            "http://www.w3.org", ""
        )
        device = TOTPDevice.objects.get(user=office, confirmed=False)
        key_before = client.session.session_key
        response = client.post(SETUP, {"token": token_for(device)})
        assert response.status_code == 200
        device.refresh_from_db()
        assert device.confirmed
        codes = list(
            StaticToken.objects.filter(device__user=office).values_list("token", flat=True)
        )
        assert len(codes) == 10
        for code in codes:
            assert code in response.content.decode()
        assert client.session.session_key != key_before
        assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
        assert client.get("/contacts/").status_code == 200

    def test_a_wrong_code_confirms_nothing(self, client):
        office = OfficeUserFactory(username="gs")
        login(client, office)
        client.get(SETUP)
        response = client.post(SETUP, {"token": "000000"})
        assert "Der Code stimmt nicht" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=office, confirmed=True).exists()
        assert client.get("/contacts/").status_code == 302

    def test_community_managers_are_not_forced(self, client):
        manager = CommunityManagerFactory(username="cm")
        login(client, manager)
        assert client.get("/contacts/").status_code == 200

    def test_community_managers_may_opt_in_and_are_then_asked(self, client):
        manager = CommunityManagerFactory(username="cm")
        login(client, manager)
        client.get(SETUP)
        device = TOTPDevice.objects.get(user=manager)
        client.post(SETUP, {"token": token_for(device)})
        client.post("/accounts/logout/")
        login(client, manager)
        response = client.get("/contacts/")
        assert response.status_code == 302
        assert response.url.startswith(VERIFY)


@pytest.mark.django_db
class TestVerification:
    def test_the_right_code_opens_the_site_with_a_new_session_key(self, client):
        office = OfficeUserFactory(username="gs")
        device = confirmed_device(office)
        login(client, office)
        assert client.get("/contacts/").url.startswith(VERIFY)
        key_before = client.session.session_key
        response = client.post(f"{VERIFY}?next=/contacts/", {"token": token_for(device)})
        assert response.status_code == 302
        assert response.url == "/contacts/"
        assert client.session.session_key != key_before
        assert client.session[SESSION_KEY] == str(office.pk)
        assert client.get("/contacts/").status_code == 200

    def test_a_wrong_code_is_refused_in_german(self, client):
        office = OfficeUserFactory(username="gs")
        confirmed_device(office)
        login(client, office)
        response = client.post(VERIFY, {"token": "123456"})
        assert response.status_code == 200
        assert "Der Code ist falsch oder abgelaufen" in response.content.decode()
        assert client.get("/contacts/").status_code == 302

    def test_a_recovery_code_works_once(self, client):
        office = OfficeUserFactory(username="gs")
        confirmed_device(office)
        from kiallianz.twofactor import _new_recovery_codes

        code = _new_recovery_codes(office)[0]
        login(client, office)
        assert client.post(VERIFY, {"token": code}).status_code == 302
        client.post("/accounts/logout/")
        login(client, office)
        response = client.post(VERIFY, {"token": code})
        assert response.status_code == 200
        assert StaticToken.objects.filter(device__user=office).count() == 9


@pytest.mark.django_db
class TestAdminSite:
    def test_the_admin_needs_a_verified_device(self, client):
        admin_user = AdminUserFactory(username="root")
        device = confirmed_device(admin_user)
        client.force_login(admin_user)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response.url.startswith(VERIFY)
        client.post(VERIFY, {"token": token_for(device)})
        assert client.get("/admin/").status_code == 200

    def test_the_admin_login_form_is_not_a_way_around(self, client):
        admin_user = AdminUserFactory(username="root")
        confirmed_device(admin_user)
        response = client.post("/admin/login/", {"username": "root", "password": TEST_PASSWORD})
        assert SESSION_KEY not in client.session
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")

    def test_in_development_the_demo_admin_needs_no_device(self, client, settings):
        settings.TWO_FACTOR_REQUIRED = False
        client.force_login(AdminUserFactory(username="admin"))
        assert client.get("/admin/").status_code == 200

    def test_community_managers_never_reach_the_admin(self, client):
        client.force_login(CommunityManagerFactory(username="cm"))
        assert client.get("/admin/").status_code in (302, 403)
        response = client.get("/admin/login/")
        assert response.status_code == 403


def test_the_second_factor_is_enforced_exactly_when_debug_is_off():
    from kiallianz.tests.test_config import LONG_SECRET, manage

    command = (
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)",
    )
    production = manage(*command, DEBUG="false", SECRET_KEY=LONG_SECRET, EMAIL_URL="smtp://mail")
    development = manage(*command, DEBUG="true")
    assert production.stdout.strip().splitlines()[-1] == "True", production.stderr
    assert development.stdout.strip().splitlines()[-1] == "False", development.stderr
