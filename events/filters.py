"""The calendar's filters, shared by the agenda list and the month view.

GET parameters (the reporting pages link to them): ``region`` (id),
``kind``, ``status``, ``size_category``, ``date_after``/``date_before``
(ISO dates, inclusive, on the start date), ``internal`` (``0`` leaves out
internal meetings, ``1`` shows only them) and ``q`` (free text).
``region``, ``kind`` and ``status`` may repeat (``kind=a&kind=b`` = a or b);
the form shows them as single selects, as people filter by one value.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from events.models import (
    INTERNAL_KINDS,
    Event,
    EventKind,
    EventStatus,
    KIChallengeRound,
    SizeCategory,
)
from kiallianz.filters import (
    DateInput,
    FilterSet,
    MultiValueChoiceFilter,
    MultiValueModelChoiceFilter,
    SearchFilter,
)
from kiallianz.models import Region


class EventFilter(FilterSet):
    q = SearchFilter(fields=("title", "city", "venue", "topics"))
    region = MultiValueModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(is_active=True),
    )
    kind = MultiValueChoiceFilter(
        label=_("Art"),
        choices=EventKind.choices,
    )
    status = MultiValueChoiceFilter(
        label=_("Status"),
        choices=EventStatus.choices,
    )
    size_category = django_filters.ChoiceFilter(label=_("Größe"), choices=SizeCategory.choices)
    date_after = django_filters.DateFilter(
        label=_("Datum ab"), field_name="start_date", lookup_expr="gte", widget=DateInput()
    )
    date_before = django_filters.DateFilter(
        label=_("Datum bis"), field_name="start_date", lookup_expr="lte", widget=DateInput()
    )
    internal = django_filters.ChoiceFilter(
        label=_("Interne Termine"),
        choices=[("0", _("ohne interne")), ("1", _("nur interne"))],
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

    def filter_internal(self, queryset, name, value):
        if value == "0":
            return queryset.exclude(kind__in=INTERNAL_KINDS)
        if value == "1":
            return queryset.filter(kind__in=INTERNAL_KINDS)
        return queryset


class KIChallengeRoundFilter(FilterSet):
    """The KI-Challenge list's filters; the same GET names as the calendar
    (``region``, ``status`` may repeat; dates inclusive, on the start date,
    as ``ki_challenge_rounds_in_period`` counts)."""

    region = MultiValueModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(is_active=True),
    )
    status = MultiValueChoiceFilter(
        label=_("Status"),
        choices=EventStatus.choices,
    )
    date_after = django_filters.DateFilter(
        label=_("Datum ab"), field_name="start_date", lookup_expr="gte", widget=DateInput()
    )
    date_before = django_filters.DateFilter(
        label=_("Datum bis"), field_name="start_date", lookup_expr="lte", widget=DateInput()
    )

    class Meta:
        model = KIChallengeRound
        fields = ["region", "status", "date_after", "date_before"]
