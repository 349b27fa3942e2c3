"""Event, photo, first-contact-link and KI-Challenge forms (phone-friendly inputs)."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation, Person
from events.models import Event, EventPhoto, EventWorkPackage, KIChallengeRound
from kiallianz.forms import RegionFieldMixin
from kiallianz.models import Offer


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class SearchableSelectMultiple(forms.SelectMultiple):
    """A plain multi-select; the template adds a filter box above it (events/picker.js)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-picker": "true", "size": 6, **(attrs or {})})


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        if person.organisation_id:
            return f"{person.full_name} ({person.organisation.name})"
        return person.full_name


class EventChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, event):
        return f"{event.title} ({date_format(event.start_date, 'DATE_FORMAT')})"


class FirstContactChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, first_contact):
        return (
            f"{first_contact.organisation.name} ({date_format(first_contact.date, 'DATE_FORMAT')})"
        )


REGION_FORBIDDEN = _(
    "Veranstaltungen ohne Region und in fremden Regionen legt die Geschäftsstelle an."
)


class EventForm(RegionFieldMixin, forms.ModelForm):
    region_refused = REGION_FORBIDDEN

    """Create and edit an event. The end date defaults to the start date."""

    work_packages = forms.TypedMultipleChoiceField(
        label=_("Arbeitspakete"),
        choices=EventWorkPackage.Number.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    speakers = PersonChoiceField(
        label=_("Speaker:innen"),
        queryset=Person.objects.select_related("organisation"),
        required=False,
        widget=SearchableSelectMultiple,
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "status",
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "area",
            "region",
            "country",
            "venue",
            "city",
            "is_online",
            "url",
            "alliance_role",
            "expected_participants",
            "actual_participants",
            "programme_hours",
            "promoted_beyond_region",
            "size_override",
            "size_override_reason",
            "co_organisers",
            "organisations",
            "speakers",
            "topics",
            "offers",
            "report_text",
            "notes",
            "is_public",
            "public_description",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
            "co_organisers": SearchableSelectMultiple,
            "organisations": SearchableSelectMultiple,
            "offers": forms.CheckboxSelectMultiple,
            "report_text": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "public_description": forms.Textarea(attrs={"rows": 3}),
            "expected_participants": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "actual_participants": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "programme_hours": forms.NumberInput(attrs={"min": 0, "step": "0.5"}),
        }
        help_texts = {
            "size_override": _("Nur wenn die vorgeschlagene Größe nicht passt."),
            "public_description": _("Erscheint auf der Website und im öffentlichen Kalender."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = False
        self.fields["end_date"].help_text = _("Leer lassen bei eintägigen Veranstaltungen.")
        self.limit_regions(user, keep=[self.instance.region_id])
        self.fields["co_organisers"].queryset = Organisation.objects.order_by("name")
        self.fields["organisations"].queryset = Organisation.objects.order_by("name")
        self.fields["offers"].queryset = Offer.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["work_packages"].initial = [
                wp.number for wp in self.instance.work_packages.all()
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start_date") and not cleaned.get("end_date"):
            cleaned["end_date"] = cleaned["start_date"]
        return cleaned

    RELATIONS = ("co_organisers", "organisations", "speakers", "offers")

    def service_fields(self) -> dict:
        """Plain fields for the services; relations are passed separately."""
        skip = {*self.RELATIONS, "work_packages", "version"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

    def service_relations(self) -> dict:
        relations = {name: self.cleaned_data[name] for name in self.RELATIONS}
        relations["work_packages"] = self.cleaned_data["work_packages"]
        return relations


class EventPhotoForm(forms.ModelForm):
    class Meta:
        model = EventPhoto
        fields = ["image", "caption", "credit"]
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": "image/*"})}


class EventPhotoUpdateForm(forms.ModelForm):
    class Meta:
        model = EventPhoto
        fields = ["caption", "credit"]


class FirstContactLinkForm(forms.Form):
    first_contacts = FirstContactChoiceField(
        label=_("Erstgespräche"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens ein Erstgespräch auswählen.")},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_contacts"].queryset = queryset


class KIChallengeRoundForm(RegionFieldMixin, forms.ModelForm):
    events = EventChoiceField(
        label=_("Termine"),
        queryset=Event.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
        help_text=_("Auftakt, Pitch, Finale … als Termine im Kalender."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = KIChallengeRound
        fields = [
            "region",
            "title",
            "theme",
            "start_date",
            "end_date",
            "venue",
            "city",
            "status",
            "partners",
            "events",
            "report_text",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "partners": SearchableSelectMultiple,
            "report_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions(user, keep=[self.instance.region_id])
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        self.fields["events"].queryset = Event.objects.order_by("-start_date")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def service_fields(self) -> dict:
        skip = {"partners", "events", "version"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}
