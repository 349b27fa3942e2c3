"""The only way WeasyPrint may load a resource while rendering a report.

It serves our own static files (found through the staticfiles finders) and
media files read through the default storage (local disk or object storage),
addressed under a private origin used as the document's base URL, or under
the storage's own URLs. Everything else — other hosts, ``file:`` URLs, names
outside the media storage — is refused, so a report can never reach the
network or read arbitrary files from the server.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from kiallianz.images import scale_for_print

BASE_URL = "https://report.kiallianz.invalid/"


class RefusedURL(ValueError):
    pass


def _prefix(url_setting: str) -> str:
    path = urlsplit(url_setting).path if "://" in url_setting else url_setting
    return "/" + path.strip("/") + "/"


def resolve(url: str) -> "Path | MediaFile":
    """The static file or media name behind an allowed URL; RefusedURL otherwise."""
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
        return MediaFile(_media_name(path[len(media_prefix) :]))
    raise RefusedURL("Pfad nicht erlaubt")


class MediaFile(str):
    """A name in the default storage (local disk or object storage)."""

    @property
    def name(self) -> str:
        return self.rsplit("/", 1)[-1]

    def read_bytes(self) -> bytes:
        with default_storage.open(str(self), "rb") as handle:
            return handle.read()


def _media_name(relative: str) -> str:
    parts = Path(relative).parts
    if not parts or ".." in parts or relative.startswith("/") or "\\" in relative:
        raise RefusedURL("Mediendatei nicht erlaubt")
    if not default_storage.exists(relative):
        raise RefusedURL("Mediendatei nicht vorhanden")
    return relative


def _storage_url_prefix() -> str | None:
    """Where the default storage's own URLs start (object storage: the
    bucket's address), without the signature's query string."""
    probe = "kiallianz-fetcher-probe"
    url = default_storage.url(probe).split("?", 1)[0]
    return url[: -len(probe)] if url.endswith(probe) and "://" in url else None


def _storage_media(url: str) -> MediaFile | None:
    prefix = _storage_url_prefix()
    if prefix and url.startswith(prefix):
        return MediaFile(_media_name(unquote(url[len(prefix) :].split("?", 1)[0])))
    return None


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
        path = _storage_media(url) or resolve(url)
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = path.read_bytes()
        if mimetype.startswith("image/"):
            # Photos are printed a few centimetres wide: scaled down first,
            # a camera's 40 Mpx would cost the worker memory and time.
            body = scale_for_print(body)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mimetype})
