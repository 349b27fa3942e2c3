"""The three personas of a page that writes (issue 17 item 6), for the view
tests of each app:

- anonymous: sent to the login, the database unchanged;
- a community manager of another region (or any community manager on an
  office page): refused with 403 or 404, the database unchanged;
- the allowed role: the change is saved.

Each persona sends the same valid data: the form as the allowed role is shown
it, with the changes the test names. The role × URL matrix
(``test_url_matrix.py``) checks every URL with empty requests; these tests
send a real change.
"""

from django.apps import apps
from django.db.models import Max, Sum
from django.forms import BaseFormSet
from django.test import Client
from django.urls import reverse

LOGIN_URL = "/accounts/login/"
REFUSED = (403, 404)


def database_state() -> list:
    """What a refused request must leave as it was: per model its row count,
    sum of versions and latest change."""
    state = []
    for model in apps.get_models():
        # Sessions and login bookkeeping (axes logs every sign-in) are not data.
        if model._meta.app_label in ("sessions", "admin", "axes"):
            continue
        names = {f.name for f in model._meta.concrete_fields}
        aggregates = {}
        if "version" in names:
            aggregates["versions"] = Sum("version")
        if "updated_at" in names:
            aggregates["changed"] = Max("updated_at")
        state.append(
            (
                model._meta.label,
                model._base_manager.count(),
                aggregates and model._base_manager.aggregate(**aggregates),
            )
        )
    return state


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _posted(value) -> str | list[str] | None:
    if value is None or value is False or value == []:
        return None  # an empty choice, an unticked box: not sent, as in a browser
    if value is True:
        return "on"
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return str(value)


def _form_data(form) -> dict:
    data = {}
    for name in form.fields:
        value = _posted(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value
    return data


def shown_form_data(user, url: str, **changes) -> dict:
    """The data of the form on ``url`` (and of the formsets beside it) as
    ``user`` sees it, with ``changes``."""
    response = signed_in(user).get(url)
    assert response.status_code == 200, url
    data = _form_data(response.context["form"])
    for key in sorted(response.context.keys()):
        value = response.context[key]
        if isinstance(value, BaseFormSet):
            data.update(_form_data(value.management_form))
            for form in value.forms:
                data.update(_form_data(form))
    data.update(changes)
    return data


def assert_three_personas(
    url: str,
    data,
    *,
    allowed,
    refused,
    refused_get: bool = True,
    refused_with: tuple = REFUSED,
    rows=None,
) -> None:
    """Anonymous (GET and POST) and ``refused`` (a user or several) change
    nothing, ``allowed`` saves (302). ``refused_get``: ``refused`` may not
    open the page either (off for pages that only take POSTs and for forms
    to create a record, which every community manager opens).
    ``refused_with``: the answers that count as refused (a create form may
    answer 200 with the German error next to the region). ``rows``: a
    queryset whose values count as data as well (records without a version
    or a time of change, such as photos). ``data`` may be a function giving
    fresh data for each request (an upload is read once)."""

    def payload() -> dict:
        return data() if callable(data) else data

    def state() -> list:
        return [database_state(), list(rows.values()) if rows is not None else None]

    before = state()
    anonymous = Client()
    for response in (anonymous.post(url, payload()), anonymous.get(url)):
        assert response.status_code == 302, url
        assert response.url.startswith(LOGIN_URL), url
    assert state() == before, f"anonymous POST {url} changed data"

    for user in refused if isinstance(refused, (list, tuple)) else [refused]:
        other = signed_in(user)
        assert other.post(url, payload()).status_code in refused_with, (url, user)
        if refused_get:
            assert other.get(url).status_code in REFUSED, (url, user)
        assert state() == before, f"refused POST {url} as {user} changed data"

    response = signed_in(allowed).post(url, payload())
    form = response.context and response.context.get("form")
    assert response.status_code == 302, (url, form.errors if form else None)
    assert state() != before, f"allowed POST {url} saved nothing"


def assert_edit_page(name: str, record, changes: dict, *, allowed, refused) -> None:
    """The edit page of ``record`` for the three personas; the allowed user's
    ``changes`` end up on the record."""
    url = reverse(name, args=[record.pk])
    data = shown_form_data(allowed, url, **changes)
    assert_three_personas(url, data, allowed=allowed, refused=refused)
    record.refresh_from_db()
    assert {field: getattr(record, field) for field in changes} == changes


def assert_create_page(url: str, data, *, allowed, refused) -> None:
    """A form creating a record in the allowed user's region: a community
    manager of another region opens it but cannot file into this region
    (403, or the German error next to the region: 200)."""
    assert_three_personas(
        url, data, allowed=allowed, refused=refused, refused_get=False, refused_with=(200, 403)
    )


def assert_read_page(url: str, *, reader) -> None:
    """A page every signed-in user reads: anonymous goes to the login, a
    community manager of another region (``reader``) reads it."""
    response = Client().get(url)
    assert response.status_code == 302, url
    assert response.url.startswith(LOGIN_URL), url
    assert signed_in(reader).get(url).status_code == 200, url
