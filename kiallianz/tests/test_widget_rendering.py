"""The filter forms' widgets written in Python (kiallianz/widget_rendering.py)
give the markup of Django's widget templates, for every filter of the
project, empty, with a value and with an error."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.test.html import parse_html

from kiallianz.tests.test_filters import _project_filtersets
from kiallianz.widget_rendering import FAST_WIDGETS, WRITERS, FastWidgetRenderer

TEMPLATES = DjangoTemplates()


def _both(bound_field, attrs=None) -> tuple[str, str]:
    widget = bound_field.field.widget
    fast = bound_field.as_widget(attrs=attrs)
    form = bound_field.form
    form.renderer = TEMPLATES
    try:
        slow = bound_field.as_widget(attrs=attrs)
    finally:
        form.renderer = FAST_WIDGETS
    assert widget.template_name in WRITERS or "django_filters" not in widget.template_name
    return fast, slow


def _first_choice(bound_field) -> str:
    for value, _label in bound_field.field.widget.choices:
        if str(value):
            return str(value)
    return ""


def _value_for(bound_field) -> dict:
    """Query parameters that give this field a value."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.MultiWidget):
        names = [f"{bound_field.html_name}_{s}" for s in widget.suffixes]
        return dict(zip(names, ["2024-01-31", "not-a-date"], strict=False))
    if isinstance(widget, forms.Select):
        return {bound_field.html_name: _first_choice(bound_field)}
    return {bound_field.html_name: 'Müller & "Söhne" <b>'}


@pytest.mark.django_db
@pytest.mark.parametrize("filterset", _project_filtersets(), ids=lambda c: c.__name__)
def test_each_control_is_the_markup_of_djangos_templates(filterset, region):
    none = filterset._meta.model.objects.none()
    empty = filterset(QueryDict(""), queryset=none).form
    assert empty.renderer is FAST_WIDGETS
    for name in empty.fields:
        query = QueryDict(mutable=True)
        query.update(_value_for(empty[name]))
        filled = filterset(query, queryset=none).form
        filled.is_valid()
        for bound_field in (empty[name], filled[name]):
            for attrs in (None, {"class": "form-select is-invalid"}):
                fast, slow = _both(bound_field, attrs)
                assert parse_html(fast) == parse_html(slow), (name, fast, slow)


def test_special_characters_are_escaped_as_by_the_templates():
    class Form(forms.Form):
        default_renderer = FAST_WIDGETS
        text = forms.CharField(widget=forms.TextInput(attrs={"data-x": '"><script>'}))
        choice = forms.ChoiceField(choices=[("a&b", "<i>A</i>"), ("c", "C")])

    form = Form({"text": '"><b>', "choice": "a&b"})
    html = str(form["text"]) + str(form["choice"])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert 'value="&quot;&gt;&lt;b&gt;"' in html
    assert '<option value="a&amp;b" selected>&lt;i&gt;A&lt;/i&gt;</option>' in html


def test_other_widgets_are_left_to_djangos_templates():
    class Form(forms.Form):
        default_renderer = FAST_WIDGETS
        note = forms.CharField(widget=forms.Textarea)
        kinds = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)

    form = Form()
    assert str(form["note"]).startswith("<textarea")
    assert 'type="checkbox"' in str(form["kinds"])
    assert isinstance(FAST_WIDGETS, FastWidgetRenderer)
