"""Merging two duplicate organisations or persons into one.

Every reference to the merged record moves to the survivor in one
transaction. References are found through ``Model._meta.related_objects``,
so foreign keys and many-to-many fields of apps built on contacts (events,
partners, …) move too without contacts importing them. The merged record's
values stay visible on the survivor through a ``MergeLog``.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from contacts.extensions import run_membership_checks
from contacts.models import MergeLog, Organisation, Person
from contacts.normalize import normalize_email, normalize_organisation_name
from contacts.services.duplicates import duplicate_suggestions_schedule
from kiallianz.history import update_with_history
from kiallianz.versioning import (
    bulk_update_versioned,
    check_version,
    save_versioned,
    stale_version_error,
)

logger = logging.getLogger(__name__)

# Bookkeeping fields: never chosen by the user, never copied.
_NOT_MERGED = {"id", "version", "created_at", "updated_at", "normalized_name", "created_by"}


@dataclass(frozen=True)
class FieldComparison:
    name: str
    label: str
    survivor_value: object
    merged_value: object
    survivor_display: str
    merged_display: str

    @property
    def differs(self) -> bool:
        return self.survivor_value != self.merged_value


def merge_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in _NOT_MERGED and not field.auto_created and field.editable
    ]


def compare_records(survivor: models.Model, merged: models.Model) -> list[FieldComparison]:
    return [
        FieldComparison(
            name=field.name,
            label=str(field.verbose_name),
            survivor_value=getattr(survivor, field.attname),
            merged_value=getattr(merged, field.attname),
            survivor_display=_display(survivor, field),
            merged_display=_display(merged, field),
        )
        for field in merge_fields(type(survivor))
    ]


def _merge_service(model):
    def merge(
        *,
        survivor,
        merged,
        take_from_merged: list[str],
        survivor_version: int,
        merged_version: int,
        user,
    ) -> MergeLog:
        return _merge(
            survivor=survivor,
            merged=merged,
            take_from_merged=take_from_merged,
            versions=(survivor_version, merged_version),
            user=user,
        )

    merge.__name__ = f"{model.__name__.lower()}_merge"
    merge.__doc__ = "Merge ``merged`` into ``survivor``; listed fields take the merged value."
    return merge


organisation_merge = _merge_service(Organisation)
person_merge = _merge_service(Person)


def _merge(*, survivor, merged, take_from_merged, versions, user) -> MergeLog:
    model = type(survivor)
    if survivor.pk == merged.pk:
        raise ValidationError(_("Ein Datensatz kann nicht mit sich selbst zusammengeführt werden."))
    allowed = {field.name for field in merge_fields(model)}
    unknown = set(take_from_merged) - allowed
    if unknown:
        raise ValidationError(_("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(unknown)})
    try:
        with transaction.atomic():
            log = _merge_locked(model, survivor, merged, take_from_merged, versions, user)
            duplicate_suggestions_schedule()
            return log
    except IntegrityError:
        logger.warning("merge of %s %s into %s refused", model.__name__, merged.pk, survivor.pk)
        raise ValidationError(
            _(
                "Die Datensätze können nicht zusammengeführt werden, weil ein verknüpfter "
                "Eintrag doppelt entstünde. Bitte entfernen Sie die Dopplung zuerst."
            )
        ) from None


def _merge_locked(model, survivor, merged, take_from_merged, versions, user) -> MergeLog:
    rows = model.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk])
    locked = {obj.pk: obj for obj in rows}
    if len(locked) != 2:
        raise stale_version_error()
    survivor, merged = locked[survivor.pk], locked[merged.pk]
    check_version(survivor, versions[0])
    check_version(merged, versions[1])

    original_membership = getattr(survivor, "membership_status", None)
    comparisons = compare_records(survivor, merged)
    differences = []
    for comparison in comparisons:
        if not comparison.differs:
            continue
        from_merged = comparison.name in take_from_merged
        differences.append(
            {
                "field": comparison.name,
                "label": comparison.label,
                "kept": comparison.merged_display if from_merged else comparison.survivor_display,
                "discarded": comparison.survivor_display
                if from_merged
                else comparison.merged_display,
            }
        )
        if from_merged:
            field = model._meta.get_field(comparison.name)
            setattr(survivor, field.attname, comparison.merged_value)

    if isinstance(survivor, Person) and merged.do_not_contact:
        # A "do not contact" wish is never lost by choosing the other value.
        survivor.do_not_contact = True
    if isinstance(survivor, Organisation) and survivor.membership_status != original_membership:
        run_membership_checks(survivor, survivor.membership_status)

    merged_data = _snapshot(merged)
    merged_label = str(merged)[:255]
    merged_pk = merged.pk
    moved = _move_references(model, survivor, merged)

    if isinstance(survivor, Organisation):
        survivor.normalized_name = normalize_organisation_name(survivor.name)
    if isinstance(survivor, Person):
        survivor.email = normalize_email(survivor.email)
    merged.delete()
    survivor.full_clean()
    save_versioned(survivor, fields=_update_fields(model), version=survivor.version)

    log = MergeLog(
        merged_id=merged_pk,
        merged_label=merged_label,
        merged_data=merged_data,
        differences=differences,
        moved=moved,
        merged_by=user,
    )
    if isinstance(survivor, Organisation):
        log.organisation = survivor
    else:
        log.person = survivor
    log.full_clean()
    log.save()
    logger.info("%s %s merged into %s", model.__name__, merged_pk, survivor.pk)
    return log


def references(model: type[models.Model]) -> list:
    """Every relation pointing at ``model``, from any app.

    Includes hidden ones (``related_name="+"``); the rows of auto-created
    many-to-many tables are reached through their many-to-many relation.
    """
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and relation.is_relation
        and not relation.related_model._meta.auto_created
    ]


def _move_references(model, survivor, merged) -> dict[str, int]:
    """Point every foreign key and many-to-many link at the survivor."""
    moved: dict[str, int] = {}
    for relation in references(model):
        related_model = relation.related_model
        # A stable key; MergeLog.moved_rows() turns it into a label.
        key = f"{related_model._meta.label_lower}.{relation.field.name}"
        if relation.many_to_many:
            count = _move_m2m_rows(relation.field, survivor, merged, field_is_reverse=True)
        elif relation.one_to_one:
            count = _move_one_to_one(relation, survivor, merged)
        else:
            rows = related_model._base_manager.filter(**{relation.field.name: merged})
            updates = {relation.field.name: survivor}
            if any(f.name == "version" for f in related_model._meta.concrete_fields):
                # Edit forms open on a moved record must reload.
                count = bulk_update_versioned(rows, **updates)
            else:
                count = update_with_history(rows, **updates)
        if count:
            moved[key] = count
    for field in model._meta.local_many_to_many:
        count = _move_m2m_rows(field, survivor, merged, field_is_reverse=False)
        if count:
            moved[f"{model._meta.label_lower}.{field.name}"] = count
    return moved


def _move_m2m_rows(field, survivor, merged, *, field_is_reverse: bool) -> int:
    through = field.remote_field.through
    if field_is_reverse:
        # The M2M is declared on another model and points at ours.
        ours, other = field.m2m_reverse_field_name(), field.m2m_field_name()
    else:
        ours, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    other_attname = through._meta.get_field(other).attname
    rows = through._base_manager.filter(**{ours: merged})
    already_linked = through._base_manager.filter(**{ours: survivor}).values(other_attname)
    # A link both records had would become a duplicate row: drop it.
    dropped = rows.filter(**{f"{other_attname}__in": already_linked}).delete()[0]
    return dropped + rows.update(**{ours: survivor})


def _move_one_to_one(relation, survivor, merged) -> int:
    manager = relation.related_model._base_manager
    if not manager.filter(**{relation.field.name: merged}).exists():
        return 0
    if manager.filter(**{relation.field.name: survivor}).exists():
        raise ValidationError(
            _(
                "Beide Datensätze haben einen Eintrag „%(entry)s“. Bitte entfernen Sie "
                "einen davon, bevor Sie zusammenführen."
            )
            % {"entry": relation.related_model._meta.verbose_name}
        )
    return update_with_history(
        manager.filter(**{relation.field.name: merged}), **{relation.field.name: survivor}
    )


def _update_fields(model) -> list[str]:
    names = [field.name for field in merge_fields(model)]
    if model is Organisation:
        names.append("normalized_name")
    return names


def _snapshot(obj) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        elif value is not None and not isinstance(value, bool | int | float | str):
            value = str(value)
        data[field.attname] = value
    return data


def _display(obj, field) -> str:
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else ""
    value = getattr(obj, field.attname)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)
