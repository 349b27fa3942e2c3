"""Forms of the data tools: import upload, merge, erasure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation, Person

# 20,000 rows of the template's 17 columns fit (the row cap is 20,000).
IMPORT_MAX_BYTES = 10 * 1024 * 1024
IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        help_text=_(
            "CSV (UTF-8 oder Windows-1252, Komma oder Semikolon) oder XLSX, höchstens 10 MB."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Fehlerhafte Zeilen überspringen und den Rest importieren"),
        required=False,
        help_text=_("Ohne dieses Häkchen wird bei einem Fehler nichts importiert."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_SUFFIXES):
            raise forms.ValidationError(_("Bitte eine CSV- oder XLSX-Datei hochladen."))
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 10 MB."))
        return upload


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        organisation = person.organisation.name if person.organisation else ""
        details = ", ".join(part for part in (organisation, person.email) if part)
        return f"{person.full_name} ({details})" if details else person.full_name


class MergeSelectForm(forms.Form):
    """Choose the record that stays (A) and the duplicate merged into it (B)."""

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        if model is Person:
            queryset = Person.objects.select_related("organisation")
            field_class = PersonChoiceField
        else:
            queryset = Organisation.objects.all()
            field_class = forms.ModelChoiceField
        self.fields["a"] = field_class(
            queryset=queryset, label=_("Bleibt erhalten (A)"), empty_label=_("— auswählen —")
        )
        self.fields["b"] = field_class(
            queryset=queryset,
            label=_("Duplikat: geht in A auf und wird gelöscht (B)"),
            empty_label=_("— auswählen —"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", _("Bitte zwei verschiedene Datensätze wählen."))
        return cleaned


class MergeForm(forms.Form):
    """One radio per differing field: keep A's value or take B's."""

    survivor_version = forms.IntegerField(widget=forms.HiddenInput)
    merged_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, comparisons, **kwargs):
        super().__init__(*args, **kwargs)
        self.comparisons = [c for c in comparisons if c.differs]
        for comparison in self.comparisons:
            self.fields[f"field_{comparison.name}"] = forms.ChoiceField(
                label=comparison.label,
                choices=[("a", comparison.survivor_display), ("b", comparison.merged_display)],
                initial="a",
                # Not posted means A's value, as preselected in the form.
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )

    def rows(self):
        return [(comparison, self[f"field_{comparison.name}"]) for comparison in self.comparisons]

    def take_from_merged(self) -> list[str]:
        return [
            comparison.name
            for comparison in self.comparisons
            if self.cleaned_data.get(f"field_{comparison.name}") == "b"
        ]


class PersonEraseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Ich habe geprüft, dass diese Person gelöscht werden soll."),
        error_messages={"required": _("Bitte bestätigen Sie die Löschung.")},
    )


class DuplicateDismissForm(forms.Form):
    """A suggested pair that office staff judge „keine Dublette“."""

    kind = forms.ChoiceField(choices=[("organisation", "organisation"), ("person", "person")])
    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)


class RetentionKeepForm(forms.Form):
    reason = forms.CharField(label=_("Grund"), max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)
