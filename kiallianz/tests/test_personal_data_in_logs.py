"""No email, phone, reset token or session id in any log line or access log."""

import datetime
import logging
import re

import pytest
from django.core import mail

from conftest import TEST_PASSWORD
from kiallianz.accesslog import ACCESS_LOG_FORMAT, AccessLogger, redact_path
from kiallianz.tests.factories import CommunityManagerFactory

EMAIL = "erika.mustermann@beispiel-gmbh.de"
PHONE = "+49 721 5556677"


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def logged_text(caplog) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_info:
            lines.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(lines)


def assert_clean(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret
        assert secret not in text, secret


@pytest.mark.django_db
def test_password_reset_and_login_log_no_personal_data(client, all_logs):
    user = CommunityManagerFactory(username="erika", email=EMAIL)
    client.post("/accounts/password_reset/", {"email": EMAIL})
    assert len(mail.outbox) == 1
    link = re.search(r"/accounts/reset/[^/\s]+/[^/\s]+/", mail.outbox[0].body).group(0)
    token = link.rstrip("/").rsplit("/", 1)[1]
    set_password = client.get(link)
    assert set_password.status_code == 302
    new_password = "Neues-Passwort-2024!"
    response = client.post(
        set_password.url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    client.post("/accounts/login/", {"username": "erika", "password": "falsch-falsch-falsch"})
    client.post("/accounts/login/", {"username": EMAIL, "password": "falsch-falsch-falsch"})
    client.post("/accounts/login/", {"username": "erika", "password": new_password})
    session_id = client.cookies["sessionid"].value
    assert client.get("/contacts/").status_code == 200
    user.refresh_from_db()
    assert_clean(logged_text(all_logs), EMAIL, token, session_id, new_password, TEST_PASSWORD)


def test_contact_creation_logs_no_personal_data(cm_client, region, all_logs):
    from contacts.models import Person
    from contacts.tests.views_support import capture_data

    data = capture_data(
        region, **{"person-0-email": EMAIL, "person-0-phone": PHONE, "person-0-last_name": "Zyx"}
    )
    response = cm_client.post("/contacts/new/", data)
    assert response.status_code == 302
    assert Person.objects.get(email=EMAIL).last_name == "Zyx"
    session_id = cm_client.cookies["sessionid"].value
    assert_clean(logged_text(all_logs), EMAIL, PHONE, "5556677", session_id)


class FakeResponse:
    status = "200 OK"
    sent = 512
    headers = [("Set-Cookie", "sessionid=abc123secret")]


class FakeConfig:
    """Just enough of gunicorn's config for the access logger."""

    errorlog = "-"
    accesslog = None
    loglevel = "info"
    syslog = False
    logconfig = None
    logconfig_dict = {}
    logconfig_json = None
    capture_output = False
    disable_redirect_access_to_syslog = False
    access_log_format = ACCESS_LOG_FORMAT
    user = 0
    group = 0


def test_the_access_log_drops_query_strings_referers_and_reset_tokens():
    logger = AccessLogger.__new__(AccessLogger)
    logger.cfg = FakeConfig()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/contacts/persons/autocomplete/?person_query={EMAIL}",
        "PATH_INFO": "/contacts/persons/autocomplete/",
        "QUERY_STRING": f"person_query={EMAIL}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://community.example/contacts/?q=Mustermann",
        "HTTP_COOKIE": "sessionid=abc123secret",
    }
    request = [("Cookie", "sessionid=abc123secret")]
    atoms = logger.atoms(FakeResponse(), request, environ, datetime.timedelta(seconds=1))
    line = ACCESS_LOG_FORMAT % logger.atoms_wrapper_class(atoms)
    assert "/contacts/persons/autocomplete/" in line
    assert_clean(line, EMAIL, "Mustermann", "abc123secret", "person_query")
    for atom in ("r", "q", "f", "{cookie}i"):
        assert_clean(str(atoms.get(atom, "")), EMAIL, "Mustermann", "abc123secret")


def test_reset_tokens_are_blanked_in_paths():
    assert redact_path("/accounts/reset/MTI/cdx2-8f3a9b1e2d/?x=1") == "/accounts/reset/-/-/"
    assert redact_path("/contacts/?q=erika") == "/contacts/"
