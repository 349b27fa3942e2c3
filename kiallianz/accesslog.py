"""gunicorn's access log without personal data.

Searches and autocompletes send names and emails as query strings, the
referer repeats the previous page's query, and a password-reset link carries
its token in the path. This logger writes the path only, with reset tokens
blanked, and never a query string, referer or request header.

deploy/gunicorn.conf.py::

    logger_class = "kiallianz.accesslog.AccessLogger"
    # any access_log_format: the logger blanks queries, referers and headers

nginx's own access log needs the same care (README, "Production").
"""

import re
from urllib.parse import urlsplit

from gunicorn.glogging import Logger

# Remote address, time, method, path, protocol, status, bytes, duration.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'

_RESET_LINK = re.compile(r"^(/accounts/reset/)[^/]+/[^/]+/")


def redact_path(path: str) -> str:
    """The path without a query string and without reset tokens."""
    path = urlsplit(path or "").path
    return _RESET_LINK.sub(r"\1-/-/", path)


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("RAW_URI") or environ.get("PATH_INFO") or "")
        referer = environ.get("HTTP_REFERER")
        atoms.update(
            {
                "U": path,
                "q": "",
                "r": f"{environ['REQUEST_METHOD']} {path} {environ['SERVER_PROTOCOL']}",
                "f": redact_path(referer) if referer else "-",
            }
        )
        # Request and response headers may carry cookies and session ids.
        for key in [key for key in atoms if key.startswith("{")]:
            atoms[key] = "-"
        return atoms
