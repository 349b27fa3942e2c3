from django import forms
from django.contrib import admin

from kiallianz.admin_versioning import VersionedAdmin, VersionedAdminForm
from reporting.metrics import metric_choices
from reporting.models import (
    CommunicationActivity,
    FundingProject,
    ReportEdition,
    ReportExport,
    ReportSection,
    Target,
    TransferProject,
    WorkPackage,
)
from reporting.services import TARGET_FIELDS


class WorkPackageInline(admin.TabularInline):
    model = WorkPackage
    extra = 0


@admin.register(FundingProject)
class FundingProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "funder_reference", "start_date", "end_date"]
    inlines = [WorkPackageInline]


class TargetAdminForm(VersionedAdminForm):
    """The metric is chosen from the registry; parameters as JSON, checked by the model."""

    metric_key = forms.ChoiceField(required=False)

    class Meta:
        model = Target
        fields = TARGET_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = [("", "—"), *metric_choices()]
        self.fields["metric_key"].label = Target._meta.get_field("metric_key").verbose_name


@admin.register(Target)
class TargetAdmin(VersionedAdmin):
    form = TargetAdminForm
    list_display = ["title", "work_package", "kind", "metric_key", "scope", "target_value"]
    list_filter = ["work_package__project", "work_package", "kind", "scope"]
    search_fields = ["title"]
    list_select_related = ["work_package"]


@admin.register(TransferProject)
class TransferProjectAdmin(VersionedAdmin):
    list_display = ["title", "region", "status", "funding_programme", "initiated_on"]
    list_filter = ["status", "funding_programme", "region"]
    search_fields = ["title"]
    filter_horizontal = ["organisations"]
    list_select_related = ["region"]


@admin.register(CommunicationActivity)
class CommunicationActivityAdmin(VersionedAdmin):
    list_display = ["date", "kind", "title", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["title"]
    date_hierarchy = "date"
    list_select_related = ["region"]


class ReportSectionInline(admin.TabularInline):
    model = ReportSection
    extra = 0
    fields = ["position", "key", "title", "parent", "block_keys"]
    show_change_link = True


@admin.register(ReportEdition)
class ReportEditionAdmin(VersionedAdmin):
    """Editing happens in the report UI (with conflict checks); the admin is
    for looking things up and fixing title-page fields."""

    list_display = ["title", "year", "as_of", "project", "updated_at"]
    list_filter = ["year", "project"]
    readonly_fields = ["version", "created_at", "updated_at", "created_by"]
    inlines = [ReportSectionInline]


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    """Exports are made by the task; the admin only shows them."""

    list_display = ["edition", "format", "as_of", "status", "progress", "created_by", "created_at"]
    list_select_related = ["edition", "created_by"]
    list_filter = ["status", "format", "year"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
