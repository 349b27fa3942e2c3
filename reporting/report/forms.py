import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reporting.models import FundingProject, ReportEdition, ReportSection
from reporting.models.report import as_of_error
from reporting.report import narrative
from reporting.report.blocks import block_choices
from reporting.report.exporters import format_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EditionCreateForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Förderprojekt"), queryset=FundingProject.objects.all(), empty_label=None
    )
    year = forms.IntegerField(label=_("Berichtsjahr"), min_value=2000, max_value=2100)
    as_of = forms.DateField(
        label=_("Stichtag"),
        widget=DateInput(),
        required=False,
        help_text=_("Leer: das Ende des Berichtszeitraums (31. Dezember)."),
    )
    previous = forms.ModelChoiceField(
        label=_("Abschnitte und Texte übernehmen aus"),
        queryset=ReportEdition.objects.all(),
        required=False,
        empty_label=_("– Standardgliederung –"),
        help_text=_("Die Datenblöcke lesen immer die aktuellen Daten."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        latest = ReportEdition.objects.order_by("-year", "-id").first()
        if latest is not None:
            self.fields["previous"].initial = latest.pk

    def clean(self):
        cleaned = super().clean()
        year, as_of = cleaned.get("year"), cleaned.get("as_of")
        if year and as_of and as_of < datetime.date(year, 1, 1):
            self.add_error("as_of", as_of_error(as_of, datetime.date(year, 1, 1)))
        project = cleaned.get("project")
        if year and project and ReportEdition.objects.filter(project=project, year=year).exists():
            self.add_error("year", _("Für dieses Jahr gibt es bereits eine Berichtsausgabe."))
        return cleaned


class EditionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput())

    class Meta:
        model = ReportEdition
        fields = [
            "as_of",
            "title",
            "organisation_name",
            "project_title",
            "funder_reference",
            "annex_label",
        ]
        widgets = {"as_of": DateInput()}


class SectionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput())
    block_keys = forms.MultipleChoiceField(
        label=_("Datenblöcke"),
        choices=block_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Die Blöcke zeigen die Daten zum Stichtag; sie werden nicht kopiert."),
    )

    class Meta:
        model = ReportSection
        fields = ["title", "narrative", "block_keys"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "narrative": _(
                "Markdown: **fett**, *kursiv*, Listen mit „- “. Live-Werte mit "
                "[[wert:NAME]], Datenblöcke in einer eigenen Zeile mit [[block:NAME]] "
                "(siehe rechts)."
            )
        }

    def clean_narrative(self) -> str:
        text = self.cleaned_data["narrative"]
        _references, problems = narrative.check(text)
        if problems:
            raise ValidationError([problem.describe() for problem in problems])
        return text


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=format_choices)


class SectionCreateForm(forms.Form):
    title = forms.CharField(label=_("Überschrift"), max_length=200)


class AcceptFactForm(forms.Form):
    text = forms.CharField(max_length=200, widget=forms.HiddenInput())
    reason = forms.CharField(label=_("Begründung"), max_length=500)
