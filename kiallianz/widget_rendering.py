"""A form renderer that writes the plain widgets in Python.

Django renders every widget, and every option of a select, through the
template engine: the nine controls of a list's filter panel cost more CPU
than the table of 25 rows below them. The filter forms (``kiallianz.filters.
FilterForm``) render with :data:`FAST_WIDGETS` instead, which writes inputs,
selects and django-filter's ranges directly with the same markup as Django's
templates (a test compares both for every filter of the project) and leaves
every other template to Django.
"""

from collections.abc import Callable

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDGETS = "django/forms/widgets/"
# Templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "search",
        "date",
        "datetime",
        "time",
        "number",
        "email",
        "url",
        "tel",
        "hidden",
        "password",
        "color",
    )
}


def _attrs(attrs: dict) -> SafeString:
    """As ``django/forms/widgets/attrs.html``: in order, ``True`` as a bare
    name, ``False`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(" {}", name)
                if value is True
                else format_html(' {}="{}"', name, str(value)),
            )
            for name, value in attrs.items()
            if value is not False
        ),
    )


def render_input(widget: dict) -> str:
    value = widget["value"]
    shown = format_html(' value="{}"', str(value)) if value is not None else ""
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        shown,
        _attrs(widget["attrs"]),
    )


def render_select(widget: dict) -> str:
    parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            parts.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>',
                    str(option["value"]),
                    _attrs(option["attrs"]),
                    option["label"],
                )
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def render_range(widget: dict) -> str:
    """django-filter's range: the two ends joined by a dash."""
    ends = [render_widget(subwidget) for subwidget in widget["subwidgets"]]
    return f"{ends[0]}-{''.join(ends[1:])}" if ends else ""


WRITERS: dict[str, Callable[[dict], str]] = {
    **dict.fromkeys(INPUT_TEMPLATES, render_input),
    f"{WIDGETS}select.html": render_select,
    "django_filters/widgets/multiwidget.html": render_range,
}


def render_widget(widget: dict) -> str:
    writer = WRITERS.get(widget["template_name"])
    if writer is None:
        return FAST_WIDGETS.engine.get_template(widget["template_name"]).render({"widget": widget})
    return writer(widget)


class FastWidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None) -> str:
        writer = WRITERS.get(template_name)
        if writer is None or set(context) != {"widget"}:
            return super().render(template_name, context, request)
        return SafeString(writer(context["widget"]))


# One instance: its template engine (for everything not written here) keeps
# its cache of compiled templates.
FAST_WIDGETS = FastWidgetRenderer()
