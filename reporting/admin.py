from django import forms
from django.contrib import admin

from reporting.metrics import metric_choices
from reporting.models import (
    CommunicationActivity,
    FundingProject,
    Target,
    TransferProject,
    WorkPackage,
)


class WorkPackageInline(admin.TabularInline):
    model = WorkPackage
    extra = 0


@admin.register(FundingProject)
class FundingProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "funder_reference", "start_date", "end_date"]
    inlines = [WorkPackageInline]


class TargetAdminForm(forms.ModelForm):
    """The metric is chosen from the registry; parameters as JSON, checked by the model."""

    metric_key = forms.ChoiceField(required=False)

    class Meta:
        model = Target
        fields = [
            "work_package",
            "title",
            "description",
            "kind",
            "metric_key",
            "metric_params",
            "scope",
            "target_value",
            "due_kind",
            "due_on",
            "due_month",
            "counts_from",
            "manual_status",
            "evidence",
            "position",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = [("", "—"), *metric_choices()]
        self.fields["metric_key"].label = Target._meta.get_field("metric_key").verbose_name


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    form = TargetAdminForm
    list_display = ["title", "work_package", "kind", "metric_key", "scope", "target_value"]
    list_filter = ["work_package__project", "work_package", "kind", "scope"]
    search_fields = ["title"]
    list_select_related = ["work_package"]


@admin.register(TransferProject)
class TransferProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "status", "funding_programme", "initiated_on"]
    list_filter = ["status", "funding_programme", "region"]
    search_fields = ["title"]
    filter_horizontal = ["organisations"]
    list_select_related = ["region"]


@admin.register(CommunicationActivity)
class CommunicationActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "title", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["title"]
    date_hierarchy = "date"
    list_select_related = ["region"]
