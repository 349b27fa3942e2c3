from django import forms
from django.core.exceptions import ValidationError

from kiallianz.forms import add_service_errors


class NameForm(forms.Form):
    name = forms.CharField()


def bound_form() -> NameForm:
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def test_it_puts_a_service_error_next_to_the_field_it_names():
    form = bound_form()
    add_service_errors(form, ValidationError({"name": "Bitte einen Namen angeben."}))
    assert form.errors["name"] == ["Bitte einen Namen angeben."]


def test_it_puts_errors_of_fields_the_form_lacks_above_the_form():
    form = bound_form()
    add_service_errors(form, ValidationError({"created_by": "Unbekannt.", "name": "Zu kurz."}))
    assert form.non_field_errors() == ["Unbekannt."]
    assert form.errors["name"] == ["Zu kurz."]


def test_it_renames_fields_and_keeps_plain_errors_on_top():
    form = bound_form()
    add_service_errors(form, ValidationError({"title": "Fehlt."}), field_map={"title": "name"})
    add_service_errors(form, ValidationError("Datensatz geändert."))
    assert form.errors["name"] == ["Fehlt."]
    assert form.non_field_errors() == ["Datensatz geändert."]
