"""The shape every form view shares: POST → form → service → errors on the
form or a German success message (the caller then redirects)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from kiallianz.forms import add_service_errors


@dataclass
class Submission:
    """What ``form_saved`` did: truthy when the service saved; ``result`` is
    what the service returned (e.g. the new record)."""

    saved: bool
    result: Any = None

    def __bool__(self) -> bool:
        return self.saved


def form_saved(
    request: HttpRequest,
    form,
    save: Callable[[dict], Any],
    *,
    success: str | None = None,
    field_map: dict | None = None,
) -> Submission:
    """Validate a posted ``form`` and hand ``save`` the form's service fields
    (``form.service_fields()`` if it has one, else ``cleaned_data``). A
    service's ValidationError lands on the form (``field_map`` renames its
    fields); on success the ``success`` message is shown."""
    if request.method != "POST" or not form.is_valid():
        return Submission(False)
    fields = form.service_fields() if hasattr(form, "service_fields") else form.cleaned_data
    try:
        result = save(fields)
    except ValidationError as error:
        add_service_errors(form, error, field_map)
        return Submission(False)
    if success:
        messages.success(request, success)
    return Submission(True, result)
