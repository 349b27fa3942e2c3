"""The calendar's filters, shared by the agenda list and the month view.

GET parameters (the reporting pages link to them): ``region`` (id),
``kind``, ``status``, ``size_category``, ``date_after``/``date_before``
(ISO dates, inclusive, on the start date), ``internal`` (``0`` leaves out
internal meetings, ``1`` shows only them) and ``q`` (free text).
``region``, ``kind`` and ``status`` may repeat (``kind=a&kind=b`` = a or b);
the form shows them as single selects, as people filter by one value.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import (
    INTERNAL_KINDS,
    Event,
    EventKind,
    EventStatus,
    KIChallengeRound,
    SizeCategory,
)
from kiallianz.models import Region


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultiValueSelect(forms.Select):
    """A single select that still reads every value of a repeated parameter."""

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(**kwargs)
        self.empty_label = empty_label

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


class MultiValueChoiceField(_WithoutEmpty, forms.MultipleChoiceField):
    pass


class MultiValueModelChoiceField(_WithoutEmpty, forms.ModelMultipleChoiceField):
    pass


class MultiValueChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = MultiValueChoiceField


class MultiValueModelChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = MultiValueModelChoiceField


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="filter_text")
    region = MultiValueModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(is_active=True),
        distinct=False,
        widget=MultiValueSelect(empty_label=_("alle Regionen")),
    )
    kind = MultiValueChoiceFilter(
        label=_("Art"),
        choices=EventKind.choices,
        distinct=False,
        widget=MultiValueSelect(empty_label=_("alle Arten")),
    )
    status = MultiValueChoiceFilter(
        label=_("Status"),
        choices=EventStatus.choices,
        distinct=False,
        widget=MultiValueSelect(empty_label=_("alle")),
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
    internal = django_filters.ChoiceFilter(
        label=_("Interne Termine"),
        choices=[("0", _("ohne interne")), ("1", _("nur interne"))],
        empty_label=_("mit internen"),
        method="filter_internal",
    )

    class Meta:
        model = Event
        fields = [
            "q",
            "region",
            "kind",
            "status",
            "size_category",
            "date_after",
            "date_before",
            "internal",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")

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

    def filter_internal(self, queryset, name, value):
        if value == "0":
            return queryset.exclude(kind__in=INTERNAL_KINDS)
        if value == "1":
            return queryset.filter(kind__in=INTERNAL_KINDS)
        return queryset


class KIChallengeRoundFilter(django_filters.FilterSet):
    """The KI-Challenge list's filters; the same GET names as the calendar
    (``region``, ``status`` may repeat; dates inclusive, on the start date,
    as ``ki_challenge_rounds_in_period`` counts)."""

    region = MultiValueModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(is_active=True),
        distinct=False,
        widget=MultiValueSelect(empty_label=_("alle Regionen")),
    )
    status = MultiValueChoiceFilter(
        label=_("Status"),
        choices=EventStatus.choices,
        distinct=False,
        widget=MultiValueSelect(empty_label=_("alle")),
    )
    date_after = django_filters.DateFilter(
        label=_("ab"), field_name="start_date", lookup_expr="gte", widget=DateInput()
    )
    date_before = django_filters.DateFilter(
        label=_("bis"), field_name="start_date", lookup_expr="lte", widget=DateInput()
    )

    class Meta:
        model = KIChallengeRound
        fields = ["region", "status", "date_after", "date_before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")
