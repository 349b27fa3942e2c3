"""Every uploaded or generated file is served through one view that checks access.

Nothing under MEDIA_ROOT is served by the web server directly. Each app says
who may see the files under its storage prefix (``register_media_rule`` in
its ``AppConfig.ready()``); a file under a prefix nobody registered is served
to nobody. Public partner logos and photos of public events answer everyone and
may be cached; everything else answers only those allowed, with ``no-store``.

Delivery: with ``PROTECTED_MEDIA_ACCEL_PREFIX`` set (production behind
nginx), the view only answers with ``X-Accel-Redirect`` and nginx sends the
file from an ``internal`` location; without it the file is streamed from
Django's storage (development, tests, object storage).
"""

import enum
import mimetypes
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

PUBLIC_CACHE_SECONDS = 60 * 60


class Access(enum.Enum):
    PUBLIC = "public"  # anyone, cacheable
    ALLOWED = "allowed"  # this user, never cached
    DENIED = "denied"


MediaRule = Callable[[object, str], Access]


@dataclass(frozen=True)
class _Registration:
    prefix: str
    rule: MediaRule


_rules: dict[str, _Registration] = {}


def register_media_rule(prefix: str, rule: MediaRule) -> None:
    """``rule(user, name)`` decides for files whose storage name starts with ``prefix``."""
    _rules[prefix] = _Registration(prefix=prefix, rule=rule)


def signed_in_only(user, name: str) -> Access:
    return Access.ALLOWED if user.is_authenticated else Access.DENIED


def access_for(user, name: str) -> Access:
    matches = [entry for prefix, entry in _rules.items() if name.startswith(prefix)]
    if not matches:
        return Access.DENIED
    longest = max(matches, key=lambda entry: len(entry.prefix))
    return longest.rule(user, name)


def _clean_name(path: str) -> str:
    if "\x00" in path or "\\" in path:
        raise Http404
    name = posixpath.normpath(path).lstrip("/")
    if name in ("", ".") or name.startswith("..") or name != path:
        raise Http404
    return name


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    name = _clean_name(path)
    access = access_for(request.user, name)
    if access is Access.DENIED:
        # 404 rather than 403: a URL alone must not even confirm a file exists.
        raise Http404(_("Die Datei ist nicht verfügbar."))
    return deliver_file(name, public=access is Access.PUBLIC)


def deliver_file(
    name: str,
    *,
    public: bool = False,
    content_type: str | None = None,
    download_name: str | None = None,
) -> HttpResponse:
    """The response for a stored file the caller has already allowed."""
    if not name or not default_storage.exists(name):
        raise Http404(_("Die Datei ist nicht mehr vorhanden."))
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    accel_prefix = settings.PROTECTED_MEDIA_ACCEL_PREFIX
    if accel_prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    if download_name or not content_type.startswith("image/"):
        filename = download_name or posixpath.basename(name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    if public:
        response["Cache-Control"] = f"public, max-age={PUBLIC_CACHE_SECONDS}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response
