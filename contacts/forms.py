"""Forms: input parsing and field-level messages only; writes are services."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import (
    BusinessCard,
    CooperationPotential,
    FirstContact,
    Organisation,
    Person,
)
from contacts.normalize import normalize_phone
from contacts.services import ORGANISATION_FIELDS, PERSON_FIELDS
from contacts.services.cleaning import first_contact_date_errors
from kiallianz.forms import RegionFieldMixin
from kiallianz.models import Offer, Region
from kiallianz.permissions import is_office, writable_regions


def _label(model, field: str):
    return model._meta.get_field(field).verbose_name


def clean_phone(form) -> str:
    """``clean_phone`` of the person forms: the services' phone rule, next to the field."""
    try:
        return normalize_phone(form.cleaned_data["phone"])
    except ValidationError as error:
        raise ValidationError(error.message_dict["phone"]) from None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def default_region(user):
    """The manager's region (the first if several); none for office staff."""
    if is_office(user):
        return None
    return writable_regions(user).first()


class FirstContactForm(RegionFieldMixin, forms.Form):
    """The capture screen: one form for the first contact, the organisation
    (picked or new) and its persons (picked; new ones come from
    ``NewPersonFormSet``)."""

    # The error summary links a hidden field's error to the control that sets it.
    error_targets = {"organisation": "id_organisation_query", "persons": ""}

    date = forms.DateField(label=_label(FirstContact, "date"), widget=DateInput())
    region = forms.ModelChoiceField(label=_label(FirstContact, "region"), queryset=Region.objects)
    organisation = forms.ModelChoiceField(
        label=_label(FirstContact, "organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.HiddenInput,
    )
    organisation_query = forms.CharField(
        label=_("Organisation suchen"), required=False, max_length=255
    )
    create_organisation = forms.BooleanField(label=_("Neue Organisation anlegen"), required=False)
    new_org_name = forms.CharField(label=_("Name der Organisation"), required=False, max_length=255)
    new_org_kind = forms.ChoiceField(
        label=_("Art"), choices=Organisation.Kind.choices, initial=Organisation.Kind.COMPANY
    )
    new_org_city = forms.CharField(label=_("Ort"), required=False, max_length=120)
    new_org_website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )
    persons = forms.ModelMultipleChoiceField(
        label=_label(FirstContact, "persons"),
        queryset=Person.objects.all(),
        required=False,
        widget=forms.MultipleHiddenInput,
    )
    occasion = forms.ChoiceField(
        label=_label(FirstContact, "occasion"),
        choices=FirstContact.Occasion.choices,
        initial=FirstContact.Occasion.COMPANY_VISIT,
    )
    occasion_note = forms.CharField(
        label=_label(FirstContact, "occasion_note"),
        required=False,
        max_length=255,
        help_text=_("z. B. Name der Messe oder Veranstaltung"),
    )
    content = forms.CharField(
        label=_label(FirstContact, "content"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    offers = forms.ModelMultipleChoiceField(
        label=_label(FirstContact, "offers"),
        queryset=Offer.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    potentials = forms.MultipleChoiceField(
        label=_("Kooperationspotenziale"),
        choices=CooperationPotential.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    referral_offer = forms.ModelChoiceField(
        label=_label(FirstContact, "referral_offer"),
        queryset=Offer.objects.filter(is_active=True),
        required=False,
    )
    referral_note = forms.CharField(
        label=_label(FirstContact, "referral_note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    report_text = forms.CharField(
        label=_label(FirstContact, "report_text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Für den Bericht, wenn vermittelt wurde: ein Satz zur Organisation, ohne "
            "Personennamen. Organisation, Region und Ziel der Vermittlung ergänzt der Bericht."
        ),
    )
    follow_up_date = forms.DateField(
        label=_label(FirstContact, "follow_up_date"), required=False, widget=DateInput()
    )
    follow_up_note = forms.CharField(
        label=_label(FirstContact, "follow_up_note"), required=False, max_length=255
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Generated by the phone for each capture, so that a capture sent twice
    # (offline queue, double tap) makes one first contact.
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        data = kwargs.get("data", args[0] if args else None)
        if data is not None:
            data = data.copy()
            # "Use this one" buttons of the duplicate warning.
            if data.get("use_organisation"):
                data["organisation"] = data["use_organisation"]
                data["create_organisation"] = ""
            if args:
                args = (data, *args[1:])
            else:
                kwargs["data"] = data
        super().__init__(*args, **kwargs)
        self.user = user
        self.limit_regions(user)
        if not self.is_bound and "date" not in self.initial:
            self.initial["date"] = timezone.localdate()
            region = default_region(user)
            if region is not None:
                self.initial["region"] = region.pk

    def clean_date(self):
        date = self.cleaned_data["date"]
        errors = first_contact_date_errors(date)
        if errors:
            raise ValidationError(errors["date"])
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("create_organisation"):
            if not (cleaned.get("new_org_name") or "").strip():
                self.add_error("new_org_name", _("Bitte geben Sie den Namen der Organisation ein."))
        elif not cleaned.get("organisation") and "organisation" not in self.errors:
            self.add_error(
                "organisation_query",
                _("Bitte wählen Sie eine Organisation aus oder legen Sie eine neue an."),
            )
        return cleaned

    def person_choices(self) -> list[Person]:
        """Persons offered as checkboxes: those of the chosen organisation and
        those already selected."""
        organisation_id = self._value("organisation")
        selected = [str(v) for v in self._values("persons")]
        ids = set()
        persons = []
        if organisation_id:
            persons = list(Person.objects.filter(organisation_id=organisation_id))
            ids = {p.pk for p in persons}
        extra = [pk for pk in selected if pk.isdigit() and int(pk) not in ids]
        if extra:
            persons += list(Person.objects.filter(pk__in=extra))
        return persons

    def selected_person_ids(self) -> set[str]:
        return {str(v) for v in self._values("persons")}

    def chosen_organisation(self) -> Organisation | None:
        pk = self._value("organisation")
        if pk and str(pk).isdigit():
            return Organisation.objects.filter(pk=pk).first()
        return None

    def _value(self, name):
        if self.is_bound:
            return self.data.get(name)
        value = self.initial.get(name)
        return getattr(value, "pk", value)

    def _values(self, name) -> list:
        if self.is_bound:
            return self.data.getlist(name)
        return [getattr(v, "pk", v) for v in self.initial.get(name) or []]


class NewPersonForm(forms.Form):
    """A person added inline on the capture screen."""

    first_name = forms.CharField(label=_("Vorname"), required=False, max_length=120)
    last_name = forms.CharField(label=_("Nachname"), required=False, max_length=120)
    email = forms.EmailField(
        label=_("E-Mail"),
        required=False,
        widget=forms.EmailInput(attrs={"inputmode": "email", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    function = forms.CharField(label=_("Funktion"), required=False, max_length=200)
    legal_basis = forms.ChoiceField(
        label=_label(Person, "legal_basis"),
        choices=Person.LegalBasis.choices,
        initial=Person.LegalBasis.LEGITIMATE_INTEREST,
        required=False,
    )
    consent_date = forms.DateField(
        label=_label(Person, "consent_date"), required=False, widget=DateInput()
    )
    consent_source = forms.CharField(
        label=_label(Person, "consent_source"), required=False, max_length=200
    )
    existing = forms.ModelChoiceField(
        queryset=Person.objects.all(), required=False, widget=forms.HiddenInput
    )
    # A card photo kept from „Visitenkarte fotografieren“ (capture screen).
    business_card = forms.ModelChoiceField(
        queryset=BusinessCard.objects.filter(person__isnull=True),
        required=False,
        widget=forms.HiddenInput,
    )

    clean_phone = clean_phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("existing"):
            return cleaned
        if not cleaned.get("legal_basis"):
            cleaned["legal_basis"] = Person.LegalBasis.LEGITIMATE_INTEREST
        filled = any(cleaned.get(f) for f in ("first_name", "email", "phone", "function"))
        if filled and not (cleaned.get("last_name") or "").strip():
            self.add_error("last_name", _("Bitte geben Sie den Nachnamen ein."))
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("existing") and not (data.get("last_name") or "").strip()


class BaseNewPersonFormSet(forms.BaseFormSet):
    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for key in list(data.keys()):
                # "Use this person" buttons of the duplicate warning.
                if key.startswith("use_person_") and data.get(key):
                    index = key.removeprefix("use_person_")
                    data[f"{kwargs.get('prefix', 'person')}-{index}-existing"] = data[key]
        super().__init__(data, *args, **kwargs)


NewPersonFormSet = formset_factory(
    NewPersonForm, formset=BaseNewPersonFormSet, extra=1, max_num=10, absolute_max=10
)


class OrganisationForm(RegionFieldMixin, forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, keep_region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions(user, keep=[keep_region])
        if not is_office(user):
            self.fields["region"].required = True


class PersonForm(forms.ModelForm):
    linkedin_url = forms.URLField(label=_("LinkedIn"), required=False, assume_scheme="https")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {
            "consent_date": DateInput(),
            "consent_withdrawn_on": DateInput(),
            "objected_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    clean_phone = clean_phone


RELEVANCE_CHOICES = [("", "–"), *FirstContact.Relevance.choices]


class QualityStatusForm(forms.Form):
    quality_status = forms.ChoiceField(
        label=_("Qualitätsstatus"), choices=FirstContact.QualityStatus.choices
    )
    relevance = forms.TypedChoiceField(
        label=_("Relevanz"),
        choices=RELEVANCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )


class BulkCheckForm(forms.Form):
    first_contacts = forms.ModelMultipleChoiceField(
        label=_("Erstgespräche"),
        queryset=FirstContact.objects.filter(quality_status=FirstContact.QualityStatus.NEW),
        error_messages={"required": _("Bitte wählen Sie mindestens ein Erstgespräch aus.")},
    )
    relevance = forms.TypedChoiceField(
        label=_("Relevanz"),
        choices=RELEVANCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )


class OutreachExportForm(forms.Form):
    """Options of the person export: a stated purpose, and (office only)
    persons marked „nicht kontaktieren“ with the reason for including them."""

    purpose = forms.CharField(label=_("Zweck des Exports"), max_length=255, required=False)
    include_do_not_contact = forms.BooleanField(
        label=_("auch Personen mit „nicht kontaktieren“"), required=False
    )
    include_reason = forms.CharField(label=_("Begründung"), max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not (user.is_authenticated and user.is_office):
            del self.fields["include_do_not_contact"]
            del self.fields["include_reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("include_do_not_contact") and not cleaned.get("include_reason", "").strip():
            self.add_error(
                "include_reason",
                _(
                    "Bitte begründen Sie, warum Personen mit „nicht kontaktieren“ "
                    "exportiert werden."
                ),
            )
        return cleaned
