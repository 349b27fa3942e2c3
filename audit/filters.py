"""Filters of the office's change log and access log."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLogEntry
from audit.selectors import audited_model_choices
from kiallianz.filters import DateInput, FilterForm, FilterSet, SearchFilter, unify_field


class ChangeLogFilterForm(FilterForm):
    """The change log reads several history tables: a form, not a FilterSet."""

    user = forms.ModelChoiceField(
        label=_("Benutzer:in"), queryset=get_user_model().objects.none(), required=False
    )
    model = forms.ChoiceField(label=_("Datenart"), required=False)
    date_from = forms.DateField(label=_("Datum ab"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Datum bis"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.order_by("username")
        self.fields["model"].choices = audited_model_choices()
        unify_field(self.fields["model"])


class AccessLogFilter(FilterSet):
    user = django_filters.ModelChoiceFilter(
        label=_("Benutzer:in"), queryset=get_user_model().objects.order_by("username")
    )
    action = django_filters.ChoiceFilter(label=_("Zugriff"), choices=AccessLogEntry.Action.choices)
    what = SearchFilter(label=_("Datenart oder Export"), fields=("model_label", "export_type"))
    object_id = django_filters.NumberFilter(label=_("Datensatz-ID"))
    date_from = django_filters.DateFilter(
        label=_("Datum ab"), field_name="at", lookup_expr="date__gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("Datum bis"), field_name="at", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = AccessLogEntry
        fields = ["user", "action", "what", "object_id", "date_from", "date_to"]
