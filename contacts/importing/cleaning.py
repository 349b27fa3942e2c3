"""The services' cleaning rules and the fields' own validation, per row.

The rules are the services' functions (phones, email, consent date, no
first contact in the future), so an imported record obeys what the forms
and the admin obey. Only the fields a row fills from free text are
validated: relations were resolved from records this import loaded itself,
choices come from lookups and are valid by construction.
"""

import functools
import math

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator
from django.db import models
from django.utils import timezone

from contacts.importing.parsing import ParsedRow
from contacts.models import FirstContact, Organisation, Person
from contacts.services.cleaning import first_contact_date_errors, person_clean
from kiallianz.tabular import RowError

CHECKED_FIELDS = {
    Organisation: ("name", "website", "postcode", "city", "notes"),
    Person: ("first_name", "last_name", "function", "email", "phone"),
    FirstContact: ("date", "content", "occasion_note"),
}
# The parser already checked these with its own message.
ALREADY_CHECKED = {"email": EmailValidator}

# Model field → the import's column key, so errors name the file's header.
FIELD_COLUMNS = {
    "name": "organisation",
    "website": "website",
    "postcode": "postcode",
    "city": "city",
    "notes": "notes",
    "first_name": "first_name",
    "last_name": "last_name",
    "function": "function",
    "email": "email",
    "phone": "phone",
    "date": "date",
    "content": "notes",
    "occasion_note": "occasion",
}


@functools.cache
def _checks(model) -> list[tuple[str, object, list, float | None]]:
    checks = []
    for name in CHECKED_FIELDS[model]:
        field = model._meta.get_field(name)
        skip = ALREADY_CHECKED.get(name)
        validators = [v for v in field.validators if not (skip and isinstance(v, skip))]
        checks.append((name, field, validators, _plain_text_limit(field, validators)))
    return checks


def _plain_text_limit(field, validators: list) -> float | None:
    """For a text field whose only rule is its length: the longest text
    that passes (so a row's texts need no validator calls); else None."""
    if not isinstance(field, models.CharField | models.TextField) or field.choices:
        return None
    if not all(isinstance(validator, MaxLengthValidator) for validator in validators):
        return None
    return min((validator.limit_value for validator in validators), default=math.inf)


def validate_fields(obj) -> None:
    """What ``clean_fields`` does, for the checked fields only."""
    errors = {}
    for name, field, validators, limit in _checks(type(obj)):
        value = getattr(obj, field.attname)
        if field.blank and value in field.empty_values:
            continue
        if limit is not None and type(value) is str and value and len(value) <= limit:
            continue
        try:
            value = field.to_python(value)
            field.validate(value, obj)
            for validator in validators:
                validator(value)
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)


def _first_contact_rules(first_contact, *, today) -> None:
    errors = first_contact_date_errors(first_contact.date, today=today)
    if errors:
        raise ValidationError(errors)


class RowCleaner:
    def __init__(self, columns: dict[str, str]):
        self.columns = columns
        self.today = timezone.localdate()
        # The rows of one organisation repeat its values: check them once.
        self._organisations: dict[tuple, list[RowError]] = {}

    def clean(self, row: ParsedRow) -> None:
        """Clean the row's candidates in place; problems go to ``row.errors``."""
        if row.errors:
            # Values already known to be wrong would only repeat the errors.
            return
        organisation = row.organisation
        values = tuple(getattr(organisation, name) for name in CHECKED_FIELDS[Organisation])
        errors = self._organisations.get(values)
        if errors is None:
            errors = self._organisations[values] = self._check(organisation)
        row.errors.extend(RowError(row.number, e.message, e.column) for e in errors)
        if row.person is not None:
            row.errors.extend(self._check(row.person, person_clean, row.number))
        if row.contact is not None:
            rule = functools.partial(_first_contact_rules, today=self.today)
            row.errors.extend(self._check(row.contact, rule, row.number))

    def _check(self, obj, rule=None, number: int = 0) -> list[RowError]:
        try:
            if rule is not None:
                rule(obj)
            validate_fields(obj)
        except ValidationError as problem:
            return self._row_errors(number, obj, problem)
        return []

    def _row_errors(self, number: int, obj, problem: ValidationError) -> list[RowError]:
        errors = []
        for field_name, messages in problem.message_dict.items():
            column = ""
            if field_name != "__all__":
                column = self.columns.get(FIELD_COLUMNS.get(field_name, ""), "")
                if field_name == "last_name" and "full_name" in self.columns:
                    column = self.columns["full_name"]
                if not column:
                    column = str(obj._meta.get_field(field_name).verbose_name)
            for message in messages:
                errors.append(RowError(number, message, column))
        return errors
