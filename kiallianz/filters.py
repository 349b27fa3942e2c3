"""The one filter component of every list page.

Every list's filters derive from :class:`FilterSet` (django-filter) or, where
no queryset backs the list, their form from :class:`FilterForm`. The base
makes them look and behave alike:

- every single-choice filter offers „alle“ as its empty choice (never
  „---------“); repeated parameters (``region=1&region=2``) are read by
  :class:`MultiValueChoiceFilter` / :class:`MultiValueModelChoiceFilter`
  behind a single select;
- every yes/no filter reads „ja / nein / alle“ (never „Unbekannt“);
- :meth:`FilterForm.chips` lists the active filters, each with the URL of the
  same list without it (the other filters and the sort stay).

The template tag ``{% filter_panel filter %}`` (``kiallianz/templatetags/
filter_panel.py``) draws the collapsed panel and the chips from this.
"""

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiallianz.widget_rendering import FAST_WIDGETS

ALL = _("alle")
YES_NO_CHOICES = (("", ALL), ("true", _("ja")), ("false", _("nein")))
# Parameters of a list page that are not filters: kept by the chips and the
# filter form, dropped (page) or kept (sort, per_page) by „zurücksetzen“.
PAGE_PARAM = "page"
KEPT_PARAMS = ("sort", "per_page")
# Names of the two ends of a range filter (``date_after``, ``date_before``).
RANGE_END_LABELS = {"after": _("ab"), "before": _("bis"), "min": _("ab"), "max": _("bis")}


class DateInput(forms.DateInput):
    """The browser's date picker; ISO dates as the GET parameters use them."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class YesNoSelect(django_filters.widgets.BooleanWidget):
    """„alle / ja / nein“; reads ``true``/``false`` and ``1``/``0``."""

    def __init__(self, attrs=None):
        forms.Select.__init__(self, attrs, YES_NO_CHOICES)


class YesNoFilter(django_filters.BooleanFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    """„Suche“: the words anywhere in one of ``fields`` (case-insensitive);
    ``distinct=True`` where a field lies behind a many-to-many relation."""

    def __init__(self, *, fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("label", _("Suche"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        qs = qs.filter(condition)
        return qs.distinct() if self.distinct else qs


class MultiValueSelect(forms.Select):
    """A single select that still reads every value of a repeated parameter."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.empty_label = ALL

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        selected = any(option["selected"] for _, options, _ in groups for option in options)
        empty = self.create_option(name, "", self.empty_label, not selected, 0)
        return [(None, [empty], 0), *groups]


class _WithoutEmpty:
    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [item for item in value if item not in ("", None)]
        return super().clean(value)


class MultiValueChoiceField(_WithoutEmpty, django_filters.fields.MultipleChoiceField):
    widget = MultiValueSelect


class MultiValueModelChoiceField(_WithoutEmpty, django_filters.fields.ModelMultipleChoiceField):
    widget = MultiValueSelect


class MultiValueChoiceFilter(django_filters.MultipleChoiceFilter):
    """``kind=a&kind=b`` means a or b; the form shows one select."""

    field_class = MultiValueChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class MultiValueModelChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = MultiValueModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


def unify_field(field: forms.Field) -> None:
    """The same empty choice „alle“ and yes/no choices on every filter field."""
    widget = field.widget
    if isinstance(field, forms.NullBooleanField):
        if not isinstance(widget, YesNoSelect):
            field.widget = YesNoSelect(attrs=widget.attrs)
    elif isinstance(widget, MultiValueSelect):
        widget.empty_label = ALL
    elif isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        raise TypeError(
            "A filter with several values uses MultiValueChoiceFilter or "
            "MultiValueModelChoiceFilter (one select with „alle“)."
        )
    elif isinstance(field, forms.ModelChoiceField) or hasattr(field, "empty_label"):
        # Read lazily by the choice iterators of Django and django-filter; the
        # widget's copy of the iterator may still point at the filter's field.
        field.empty_label = ALL
        field.widget.choices = field.choices
    elif isinstance(field, forms.ChoiceField):
        choices = [choice for choice in field.choices if choice[0] != ""]
        field.choices = [("", ALL), *choices]
    if isinstance(widget, forms.MultiWidget):
        # Each end of a range gets its own accessible name („Zeitraum ab“).
        for subwidget, suffix in zip(widget.widgets, _suffixes(widget), strict=True):
            subwidget.attrs.setdefault("aria-label", _end_label(field, suffix))


def _suffixes(widget) -> list[str | None]:
    """``after``/``before`` of django-filter's ranges; ``0``, ``1`` of Django's."""
    return list(getattr(widget, "suffixes", None) or map(str, range(len(widget.widgets))))


def _end_label(field: forms.Field, suffix: str | None) -> str:
    """„Zeitraum ab“: the label of one end of a range."""
    return f"{field.label} {RANGE_END_LABELS.get(suffix or '', '')}".strip()


@dataclass(frozen=True)
class PanelField:
    field: forms.BoundField
    control: str

    @property
    def is_range(self) -> bool:
        return isinstance(self.field.field.widget, forms.MultiWidget)


def _control(field: forms.BoundField) -> str:
    widget = field.field.widget
    classes = [widget.attrs.get("class", "")]
    if isinstance(widget, forms.CheckboxInput):
        classes.append("form-check-input")
    elif isinstance(widget, forms.Select):
        classes.append("form-select")
    else:
        classes.append("form-control")
    if field.errors:
        classes.append("is-invalid")
    return field.as_widget(attrs={"class": " ".join(c for c in classes if c)})


@dataclass(frozen=True)
class Chip:
    """One active filter: „Region: Karlsruhe“ and the URL without it."""

    label: str
    value: str
    remove_url: str

    @property
    def remove_label(self) -> str:
        return gettext("Filter %(label)s: %(value)s entfernen") % {
            "label": self.label,
            "value": self.value,
        }


def _query(params: QueryDict) -> str:
    return f"?{params.urlencode()}" if params else "?"


class FilterForm(forms.Form):
    """The form of every list filter (django-filter builds its forms on it)."""

    default_renderer = FAST_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            unify_field(field)

    def parameters(self):
        """(GET name, label, field name) for each parameter the form reads."""
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.MultiWidget):
                for suffix in _suffixes(widget):
                    param = f"{name}_{suffix}" if suffix else name
                    yield param, _end_label(field, suffix), name
            else:
                yield name, str(field.label), name

    def chips(self, params: QueryDict) -> list[Chip]:
        """The active filters among ``params``, in the form's order."""
        self.is_valid()  # cleans once; the chips name what the list applied
        chips = []
        for param, label, name in self.parameters():
            for value in params.getlist(param):
                if value.strip() == "":
                    continue
                remaining = params.copy()
                remaining.setlist(param, [v for v in params.getlist(param) if v != value])
                if not remaining.getlist(param):
                    del remaining[param]
                remaining.pop(PAGE_PARAM, None)
                chips.append(Chip(label, self.display(name, value), _query(remaining)))
        return chips

    def reset_url(self, params: QueryDict) -> str:
        """The list without any filter (the sort stays)."""
        kept = QueryDict(mutable=True)
        for name in KEPT_PARAMS:
            if name in params:
                kept.setlist(name, params.getlist(name))
        return _query(kept)

    def display(self, name: str, value: str) -> str:
        """A parameter's value as the form names it (choice label, date)."""
        field = self.fields[name]
        if isinstance(field, forms.NullBooleanField):
            return {True: gettext("ja"), False: gettext("nein")}.get(
                YesNoSelect().value_from_datadict({name: value}, None, name), value
            )
        if isinstance(field, forms.ModelChoiceField):
            cleaned = getattr(self, "cleaned_data", {}).get(name)
            many = isinstance(cleaned, list | tuple | QuerySet)
            objects = cleaned if many else [cleaned]
            for obj in objects:
                if obj is not None and str(obj.pk) == value:
                    return str(obj)
            return value
        if isinstance(field, forms.ChoiceField):
            return str({str(key): label for key, label in field.choices}.get(value, value))
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return value
        return formats.date_format(day)

    def panel_fields(self) -> list["PanelField"]:
        """Each field with its control as the panel shows it (Bootstrap's
        classes, ``is-invalid`` on an error), written without crispy's
        templates: the panel is on every list page."""
        return [PanelField(field, _control(field)) for field in self]

    def panel_open(self) -> bool:
        """Open only to show errors; otherwise the results come first."""
        return bool(self.is_bound and self.errors)


class FilterSet(django_filters.FilterSet):
    """Base of every list filter of the project (a test checks it)."""

    # How many records the text search (``q``) leaves, counted up to
    # kiallianz.lists.SEARCH_HIT_CAP + 1 by a search that counts them
    # (contacts.filters.any_of on PostgreSQL), for the paginator; None when
    # not counted.
    search_hits: int | None = None

    def filter_queryset(self, queryset):
        # The text search last, on what the other filters leave: the hits it
        # counts are then the list's.
        data = self.form.cleaned_data
        for name in sorted(data, key=lambda name: name == "q"):
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    def get_form_class(self):
        form_class = super().get_form_class()
        if issubclass(form_class, FilterForm):
            return form_class
        return type(form_class.__name__, (FilterForm, form_class), {})
