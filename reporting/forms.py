"""Forms: targets (built from the metric registry), records, dashboard period."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contacts.selectors import organisations_as_of
from kiallianz.forms import RegionFieldMixin
from kiallianz.models import Offer
from kiallianz.permissions import writable_region_ids
from reporting import periods, services
from reporting.metrics import Metric, Param, all_metrics, get_metric, metric_choices
from reporting.models import CommunicationActivity, FundingProject, Target, TransferProject

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.ModelForm):
    """Posts the version it was rendered from, for the update service to check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    @property
    def posted_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


# --- Targets --------------------------------------------------------------


def param_field_name(metric: Metric, param: Param) -> str:
    return f"param__{metric.key}__{param.name}"


def _param_form_field(param: Param) -> forms.Field:
    if param.type == Param.BOOL:
        return forms.BooleanField(label=param.label, required=False, help_text=param.help_text)
    if param.type == Param.MULTIPLE:
        return forms.MultipleChoiceField(
            label=param.label,
            required=False,
            choices=param.allowed(),
            widget=forms.CheckboxSelectMultiple,
            help_text=param.help_text,
        )
    return forms.ChoiceField(
        label=param.label,
        required=False,
        choices=[("", _("alle")), *param.allowed()],
        help_text=param.help_text,
    )


class TargetForm(VersionedForm):
    metric_key = forms.ChoiceField(label=_("Kennzahl"), required=False)
    # The error summary links the hidden parameters' errors to the metric choice.
    error_targets = {"metric_params": "id_metric_key"}

    class Meta:
        model = Target
        fields = services.TARGET_FIELDS
        widgets = {
            "due_on": DATE_INPUT,
            "counts_from": DATE_INPUT,
            "metric_params": forms.HiddenInput,
            "description": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project: FundingProject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = project.work_packages.order_by("number")
        self.fields["metric_key"].choices = [("", "—"), *metric_choices()]
        self.fields["metric_params"].required = False
        self.metric_groups = []
        current = self.instance.metric_params if self.instance.pk else {}
        for metric in all_metrics():
            names = []
            for param in metric.params:
                name = param_field_name(metric, param)
                self.fields[name] = _param_form_field(param)
                if self.instance.metric_key == metric.key and param.name in current:
                    self.fields[name].initial = current[param.name]
                names.append(name)
            self.metric_groups.append((metric, names))

    def metric_param_groups(self):
        """(metric, bound fields) for the template, one fieldset per metric."""
        return [(metric, [self[name] for name in names]) for metric, names in self.metric_groups]

    def clean(self):
        cleaned = super().clean()
        metric = get_metric(cleaned.get("metric_key") or "")
        params = {}
        if metric is not None and cleaned.get("kind") == Target.Kind.COMPUTED:
            for param in metric.params:
                name = param_field_name(metric, param)
                if name in cleaned:
                    params[param.name] = cleaned[name]
        cleaned["metric_params"] = params
        return cleaned

    def service_fields(self) -> dict:
        return {
            name: value
            for name, value in super().service_fields().items()
            if not name.startswith("param__")
        }


# --- Transfer projects ----------------------------------------------------


def _only_region(user) -> int | None:
    """A community manager with one region files records there by default."""
    allowed = writable_region_ids(user)
    return next(iter(allowed)) if allowed is not None and len(allowed) == 1 else None


class TransferProjectForm(RegionFieldMixin, VersionedForm):
    class Meta:
        model = TransferProject
        fields = services.TRANSFER_PROJECT_FIELDS
        widgets = {
            "initiated_on": DATE_INPUT,
            "submitted_on": DATE_INPUT,
            "decided_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "report_text": forms.Textarea(attrs={"rows": 4}),
            "organisations": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions(user, keep=[self.instance.region_id])
        self.fields["organisations"].queryset = organisations_as_of(
            as_of=timezone.localdate()
        ).order_by("name")
        self.fields["community_manager"].queryset = (
            get_user_model()
            .objects.filter(role=get_user_model().Role.COMMUNITY_MANAGER, is_active=True)
            .order_by("last_name", "first_name")
        )
        self.fields["referral_offer"].queryset = Offer.objects.filter(is_active=True)
        if not self.instance.pk:
            self.fields["initiated_on"].initial = timezone.localdate()
            self.fields["region"].initial = _only_region(user)
            if user.is_community_manager:
                self.fields["community_manager"].initial = user.pk


class CommunicationActivityForm(RegionFieldMixin, VersionedForm):
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = CommunicationActivity
        fields = services.COMMUNICATION_ACTIVITY_FIELDS
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions(user, keep=[self.instance.region_id])
        if not self.instance.pk:
            self.fields["date"].initial = timezone.localdate()
            self.fields["region"].initial = _only_region(user)
        if not user.is_office:
            # Community managers file activities of their regions only.
            self.fields["region"].required = True
            self.fields["region"].empty_label = None


# --- Dashboard period -------------------------------------------------------


class PeriodForm(forms.Form):
    """Reporting year, or a custom from–to, and the as-of date (GET)."""

    year = forms.TypedChoiceField(label=_("Berichtsjahr"), required=False, coerce=int)
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "von"), required=False, widget=DATE_INPUT
    )
    date_to = forms.DateField(label=_("bis"), required=False, widget=DATE_INPUT)
    as_of = forms.DateField(label=_("Stichtag"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, project: FundingProject, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.today = today
        years = periods.reporting_years(start=project.start_date, end=project.end_date)
        if not self.is_bound:
            # Show the year the page falls back to, not an empty "custom" one.
            # The Stichtag stays empty so that it follows the year chosen next.
            start, _end, _as_of = self.resolve()
            self.initial = {"year": start.year}
        self.fields["year"].choices = [("", _("eigener Zeitraum")), *[(y, str(y)) for y in years]]
        for name, field in self.fields.items():
            css = "form-select" if name == "year" else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"

    def clean_as_of(self):
        from reporting.progress import AsOfOutsideTerm, check_as_of

        as_of = self.cleaned_data.get("as_of")
        if as_of is None:
            return None
        try:
            return check_as_of(self.project, as_of)
        except AsOfOutsideTerm as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Das Ende des Zeitraums liegt vor seinem Beginn."))
        return cleaned

    def resolve(self) -> tuple[datetime.date, datetime.date, datetime.date]:
        """(period start, period end, as-of date); invalid parts fall back to defaults.

        Without a Stichtag, a chosen year's Stichtag is today, at most the
        year's end (the Stichtag follows the year). Without any choice, the
        page opens on the latest year with activity. Worked out once per
        form (the unbound form asks in ``__init__``, the page again).
        """
        if getattr(self, "_resolved", None) is None:
            self._resolved = self._resolve()
        return self._resolved

    def _resolve(self) -> tuple[datetime.date, datetime.date, datetime.date]:
        from reporting.progress import default_as_of
        from reporting.selectors import latest_activity_year

        project = self.project
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        today_as_of = default_as_of(project, self.today)
        year = data.get("year")
        if not year and (data.get("date_from") or data.get("date_to")):
            as_of = data.get("as_of") or today_as_of
            start = data.get("date_from") or project.start_date
            end = data.get("date_to") or as_of
            return start, end, as_of
        if not year:
            year = (data["as_of"].year if data.get("as_of") else None) or latest_activity_year(
                project=project, until=today_as_of
            )
            year = year or today_as_of.year
        start, end = periods.year_in_term(start=project.start_date, end=project.end_date, year=year)
        return start, end, data.get("as_of") or min(today_as_of, end)


class SearchForm(forms.Form):
    """The global search box; sent by POST so the words stay out of URLs and logs."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        min_length=2,
        max_length=100,
        error_messages={
            "required": _("Bitte geben Sie einen Suchbegriff ein."),
            "min_length": _("Bitte geben Sie mindestens zwei Zeichen ein."),
            "max_length": _("Bitte geben Sie höchstens 100 Zeichen ein."),
        },
    )
