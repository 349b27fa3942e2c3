"""The Django admin writes like the UI: the same cleaning rules and the same
versioned save, so an admin edit never silently overwrites a concurrent
edit (a stale save is refused with the UI's German message)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from kiallianz.forms import add_service_errors
from kiallianz.versioning import bump_version, check_version, save_versioned

VERSION_FIELD = "record_version"


class VersionedAdminForm(forms.ModelForm):
    """Posts the version the page was rendered from; ``clean_instance`` is the
    service's cleaning rule (normalising, cross-field checks), run on the
    instance after the model's own validation."""

    # Not named ``version``: the admin drops declared fields that share a
    # name with a read-only field.
    record_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(VERSION_FIELD, self.instance.version)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            try:
                check_version(self.instance, cleaned.get(VERSION_FIELD))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def clean_instance(self, instance) -> None:
        """The service's cleaning rule for ``instance`` (raise ValidationError)."""

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            try:
                self.clean_instance(self.instance)
            except ValidationError as error:
                add_service_errors(self, error)


class VersionedAdmin(admin.ModelAdmin):
    """Saves a change through ``save_versioned`` (compare and set on the
    posted version) and fills ``created_by`` on a new record."""

    form = VersionedAdminForm
    # Columns the cleaning derives (e.g. ``normalized_name``), saved as well.
    derived_columns: tuple[str, ...] = ()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = {name for _name, options in fieldsets for name in _flat(options["fields"])}
        if VERSION_FIELD in names:
            return fieldsets
        (title, options), *rest = fieldsets
        return [(title, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def changed_columns(self, obj, form) -> list[str]:
        """The model columns the form edits, plus those the cleaning derives."""
        edited = [
            field.name
            for field in obj._meta.concrete_fields
            if field.name in form.fields and not field.primary_key
        ]
        return [*edited, *self.derived_columns]

    def save_changed(self, obj, *, fields: list[str], version: int) -> None:
        save_versioned(obj, fields=fields, version=version)

    def save_model(self, request, obj, form, change):
        if not change:
            if hasattr(obj, "created_by_id") and obj.created_by_id is None:
                obj.created_by = request.user
            obj.save()
            return
        self.save_changed(
            obj,
            fields=self.changed_columns(obj, form),
            version=form.cleaned_data[VERSION_FIELD],
        )

    def save_formset(self, request, form, formset, change):
        """Inline rows that are versioned records (persons of an organisation,
        sections of a report) raise their version too."""
        instances = formset.save(commit=False)
        changed = {f.instance.pk: f.changed_data for f in formset.initial_forms if f.instance.pk}
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if obj.pk in changed and hasattr(obj, "version"):
                columns = {field.name for field in obj._meta.concrete_fields}
                bump_version(obj, fields=[name for name in changed[obj.pk] if name in columns])
            else:
                obj.save()
        formset.save_m2m()


def _flat(fields) -> list[str]:
    return [
        name for item in fields for name in (item if isinstance(item, list | tuple) else [item])
    ]
