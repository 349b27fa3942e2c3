"""One line per refused request in the log, not a traceback.

Django logs a 403 raised as ``PermissionDenied`` on the ``django.request``
logger with the exception attached, so the development console printed a
full traceback for what is an ordinary answer (a community manager opening
another region's record). This filter turns such a record into one line:

    403 Forbidden: /contacts/organisations/7/edit/ user=12 reason=-

Only ids: the path without its query string (kiallianz/accesslog.py) and the
user's id, never a name or an email.
"""

import logging

from kiallianz.accesslog import redact_path

MAX_REASON = 200


class OneLineForbiddenFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403 or not record.exc_info:
            return True
        exception = record.exc_info[1]
        request = getattr(record, "request", None)
        path = redact_path(getattr(request, "path", "")) or "-"
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "anonym"
        reason = " ".join(str(exception or "").split())[:MAX_REASON] or "-"
        record.msg = "403 Forbidden: %s user=%s reason=%s"
        record.args = (path, user_id, reason)
        record.exc_info = None
        record.exc_text = None
        return True
