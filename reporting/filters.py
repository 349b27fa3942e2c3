"""Filters of the list pages; the metrics link here with the same names."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kiallianz.filters import (
    DateInput,
    FilterSet,
    MultiValueChoiceFilter,
    MultiValueModelChoiceFilter,
    SearchFilter,
)
from kiallianz.models import Region
from reporting.models import CommunicationActivity, TransferProject


class TransferProjectFilter(FilterSet):
    q = SearchFilter(fields=("title", "organisations__name"), distinct=True)
    region = MultiValueModelChoiceFilter(queryset=Region.objects.all(), label=_("Region"))
    status = MultiValueChoiceFilter(choices=TransferProject.Status.choices, label=_("Status"))
    funding_programme = django_filters.ChoiceFilter(
        choices=TransferProject.FundingProgramme.choices, label=_("Förderprogramm")
    )
    date_after = django_filters.DateFilter(
        field_name="initiated_on", lookup_expr="gte", label=_("initiiert ab"), widget=DateInput()
    )
    date_before = django_filters.DateFilter(
        field_name="initiated_on", lookup_expr="lte", label=_("initiiert bis"), widget=DateInput()
    )

    class Meta:
        model = TransferProject
        fields = ["q", "region", "status", "funding_programme", "date_after", "date_before"]


class CommunicationActivityFilter(FilterSet):
    q = SearchFilter(fields=("title",))
    kind = MultiValueChoiceFilter(choices=CommunicationActivity.Kind.choices, label=_("Art"))
    region = MultiValueModelChoiceFilter(queryset=Region.objects.all(), label=_("Region"))
    date_after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("Datum ab"), widget=DateInput()
    )
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("Datum bis"), widget=DateInput()
    )

    class Meta:
        model = CommunicationActivity
        fields = ["q", "kind", "region", "date_after", "date_before"]
