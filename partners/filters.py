"""Filters of the partner list. The GET parameters are a contract: reporting
links to filtered lists with ``region``, ``category``, ``active`` (1/0),
``started_after``, ``started_before`` (spans that started in that period),
``active_on`` (a span covers that day, as ``partners_active_at``) and ``q``."""

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kiallianz.filters import DateInput, FilterSet, SearchFilter
from kiallianz.models import Region
from partners.models import Partner, PartnerCategory, PartnershipSpan


class PartnerFilter(FilterSet):
    q = SearchFilter(fields=("organisation__name", "contribution", "public_description"))
    category = django_filters.ChoiceFilter(label=_("Kategorie"), choices=PartnerCategory.choices)
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(is_active=True),
        field_name="regions",
    )
    active = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("aktiv")), ("0", _("beendet"))],
        method="filter_active",
    )
    active_on = django_filters.DateFilter(
        label=_("aktiv am"),
        method="filter_active_on",
        widget=DateInput(),
    )
    year = django_filters.NumberFilter(label=_("Beginn im Jahr"), method="filter_noop")
    started_after = django_filters.DateFilter(
        label=_("Beginn ab"),
        method="filter_noop",
        widget=DateInput(),
    )
    started_before = django_filters.DateFilter(
        label=_("Beginn bis"),
        method="filter_noop",
        widget=DateInput(),
    )

    class Meta:
        model = Partner
        fields = [
            "q",
            "category",
            "region",
            "active",
            "active_on",
            "year",
            "started_after",
            "started_before",
        ]

    def filter_active(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        open_span = PartnershipSpan.objects.filter(partner=OuterRef("pk"), ended__isnull=True)
        if value == "1":
            return queryset.filter(Exists(open_span))
        if value == "0":
            return queryset.exclude(Exists(open_span))
        return queryset

    def filter_active_on(self, queryset: QuerySet, name: str, value) -> QuerySet:
        covering = PartnershipSpan.objects.filter(
            Q(ended__isnull=True) | Q(ended__gte=value), partner=OuterRef("pk"), since__lte=value
        )
        return queryset.filter(Exists(covering))

    def filter_noop(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # The start filters act together in filter_queryset: one span must
        # satisfy all of them.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        lower, upper = data.get("started_after"), data.get("started_before")
        year = data.get("year")
        if year:
            year = int(year)
            if 1900 <= year <= 2999:
                first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
                lower = max(lower, first) if lower else first
                upper = min(upper, last) if upper else last
        if lower is None and upper is None:
            return queryset
        spans = PartnershipSpan.objects.filter(partner=OuterRef("pk"))
        if lower is not None:
            spans = spans.filter(since__gte=lower)
        if upper is not None:
            spans = spans.filter(since__lte=upper)
        return queryset.filter(Exists(spans))
