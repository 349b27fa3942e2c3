"""The only way WeasyPrint may load a resource while rendering a report.

It serves our own static files (found through the staticfiles finders) and
media files under MEDIA_ROOT, addressed under a private origin used as the
document's base URL. Everything else — other hosts, ``file:`` URLs, data
outside MEDIA_ROOT — is refused, so a report can never reach the network or
read arbitrary files from the server.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from kiallianz.images import scale_for_print

BASE_URL = "https://report.kiallianz.invalid/"


class RefusedURL(ValueError):
    pass


def _prefix(url_setting: str) -> str:
    path = urlsplit(url_setting).path if "://" in url_setting else url_setting
    return "/" + path.strip("/") + "/"


def resolve(url: str) -> Path:
    """The local file behind an allowed URL; RefusedURL otherwise."""
    parts = urlsplit(url)
    origin = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
        raise RefusedURL(f"Adresse nicht erlaubt: {parts.scheme}://{parts.netloc}")
    path = unquote(parts.path)
    static_prefix = _prefix(settings.STATIC_URL)
    media_prefix = _prefix(settings.MEDIA_URL)
    if path.startswith(static_prefix):
        relative = path[len(static_prefix) :]
        if ".." in Path(relative).parts:
            raise RefusedURL("Pfad nicht erlaubt")
        found = finders.find(relative) or _collected_static(relative)
        if not found:
            raise RefusedURL("Statische Datei nicht gefunden")
        return Path(found)
    if path.startswith(media_prefix):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(media_prefix) :]).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            raise RefusedURL("Mediendatei nicht erlaubt oder nicht vorhanden")
        return candidate
    raise RefusedURL("Pfad nicht erlaubt")


def _collected_static(relative: str) -> str | None:
    """Hashed names (ManifestStaticFilesStorage) exist only after collectstatic."""
    try:
        path = Path(staticfiles_storage.path(relative)).resolve()
    except NotImplementedError:
        return None
    root = Path(settings.STATIC_ROOT).resolve()
    return str(path) if path.is_relative_to(root) and path.is_file() else None


class ReportURLFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            # Inline data needs no access to anything; WeasyPrint decodes it.
            return super().fetch(url, headers)
        path = resolve(url)
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = path.read_bytes()
        if mimetype.startswith("image/"):
            # Photos are printed a few centimetres wide: scaled down first,
            # a camera's 40 Mpx would cost the worker memory and time.
            body = scale_for_print(body)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mimetype})
