"""The calendar's filters, shared by the agenda list and the month view.

GET parameters (the reporting pages link to them): ``region`` (id),
``kind``, ``status``, ``size_category``, ``date_after``/``date_before``
(ISO dates, inclusive, on the start date) and ``q`` (free text).
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind, EventStatus, SizeCategory
from kiallianz.models import Region


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="filter_text")
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(is_active=True),
        empty_label=_("alle Regionen"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art"), choices=EventKind.choices, empty_label=_("alle Arten")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventStatus.choices, empty_label=_("alle")
    )
    size_category = django_filters.ChoiceFilter(
        label=_("Größe"), choices=SizeCategory.choices, empty_label=_("alle")
    )
    date_after = django_filters.DateFilter(
        label=_("ab"), field_name="start_date", lookup_expr="gte", widget=DateInput()
    )
    date_before = django_filters.DateFilter(
        label=_("bis"), field_name="start_date", lookup_expr="lte", widget=DateInput()
    )

    class Meta:
        model = Event
        fields = ["q", "region", "kind", "status", "size_category", "date_after", "date_before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} form-{css.split('-')[1]}-sm")

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(city__icontains=value)
            | Q(venue__icontains=value)
            | Q(topics__icontains=value)
        )
