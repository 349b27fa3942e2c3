"""Filters of the list pages; the metrics link here with the same names."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kiallianz.models import Region
from reporting.models import CommunicationActivity, TransferProject

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TransferProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Suche"))
    region = django_filters.ModelMultipleChoiceFilter(
        queryset=Region.objects.all(), label=_("Region")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=TransferProject.Status.choices, label=_("Status")
    )
    funding_programme = django_filters.ChoiceFilter(
        choices=TransferProject.FundingProgramme.choices, label=_("Förderprogramm")
    )
    date_after = django_filters.DateFilter(
        field_name="initiated_on", lookup_expr="gte", label=_("initiiert ab"), widget=DATE_WIDGET
    )
    date_before = django_filters.DateFilter(
        field_name="initiated_on", lookup_expr="lte", label=_("initiiert bis"), widget=DATE_WIDGET
    )

    class Meta:
        model = TransferProject
        fields = ["q", "region", "status", "funding_programme", "date_after", "date_before"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(organisations__name__icontains=value)
        ).distinct()


class CommunicationActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Suche"))
    kind = django_filters.MultipleChoiceFilter(
        choices=CommunicationActivity.Kind.choices, label=_("Art")
    )
    region = django_filters.ModelMultipleChoiceFilter(
        queryset=Region.objects.all(), label=_("Region")
    )
    date_after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("ab"), widget=DATE_WIDGET
    )
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("bis"), widget=DATE_WIDGET
    )

    class Meta:
        model = CommunicationActivity
        fields = ["q", "kind", "region", "date_after", "date_before"]
