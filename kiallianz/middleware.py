import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


class IgnoreBrowserLanguageMiddleware:
    """German is the UI language unless the user picks English in the footer.

    Django's LocaleMiddleware would otherwise follow the browser's
    Accept-Language header, and an English browser at a German organisation
    would get a half-expected English UI. The language switch sets a cookie,
    which LocaleMiddleware still honours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreMiddleware:
    """Nothing this site renders may stay in a browser or proxy cache.

    Pages and downloads show personal data, so every response gets
    ``Cache-Control: no-store`` unless the view chose its own caching on
    purpose (public feeds, public images, WhiteNoise's static files).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response


IDLE_SESSION_KEY = "_kiallianz_last_activity"
# Writing the session on every request would cost a write per click; a
# minute's precision is plenty for an hours-long timeout.
IDLE_WRITE_INTERVAL = 60


def stamp_activity_at_login(sender, request, user, **kwargs) -> None:
    """Connected to ``user_logged_in``: the idle clock starts at login, and the
    first page after it needs no extra session write."""
    if request is not None and hasattr(request, "session"):
        request.session[IDLE_SESSION_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Sign a user out after ``SESSION_IDLE_TIMEOUT`` seconds without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(IDLE_SESSION_KEY)
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("Sie wurden nach längerer Inaktivität abgemeldet. Bitte melden Sie sich an."),
                )
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= IDLE_WRITE_INTERVAL:
                request.session[IDLE_SESSION_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Users who need a second factor reach nothing but its pages without one.

    Office and admin users always need it, community managers once they set
    one up. Only enforced while ``TWO_FACTOR_REQUIRED`` is on (always with
    DEBUG off).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TWO_FACTOR_REQUIRED and request.user.is_authenticated:
            from kiallianz import twofactor

            if not request.user.is_verified() and not twofactor.is_exempt_path(request.path):
                target = twofactor.pending_step_url(request.user)
                if target:
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def client_ip(request) -> str:
    """The client's address as the outermost trusted proxy saw it.

    Each of the ``TRUSTED_PROXY_COUNT`` proxies appends the address it got
    the request from to X-Forwarded-For, so the client is that many entries
    from the right; anything further left was sent by the client and may be
    forged. Used by django-axes to count failed logins per address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


# Longer than any search, filter or feed value a person types or a page
# builds; longer ones are refused before they reach a query.
MAX_QUERY_VALUE_LENGTH = 500


class RejectBadQueryMiddleware:
    """NUL bytes, over-long values and out-of-range numbers in the query string get a 400.

    PostgreSQL refuses NUL in text (a 500 from deep inside a filter), and a
    kilobyte-long search term only costs the database time. Checked once here
    for every list, search, autocomplete and feed parameter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if _bad_query_text(key) or any(_bad_query_text(value) for value in values):
                return HttpResponseBadRequest(
                    _("Ungültige Angabe in der Adresse (Steuerzeichen oder zu lang)."),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


BIGINT_MAX = 2**63 - 1


def _bad_query_text(text: str) -> bool:
    if "\x00" in text or len(text) > MAX_QUERY_VALUE_LENGTH:
        return True
    # An id no database column can hold: SQLite and PostgreSQL both raise
    # instead of finding nothing.
    digits = text.strip().lstrip("+-")
    return digits.isdecimal() and digits.isascii() and int(digits) > BIGINT_MAX


class MethodNotAllowedPageMiddleware:
    """A wrong method (a GET on a POST-only address) gets the German error
    page instead of Django's empty 405; the Allow header stays.

    Django has no ``handler405``: ``require_POST`` and class-based views
    answer with a bare ``HttpResponseNotAllowed``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or response.content:
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response["Allow"]
        return page
