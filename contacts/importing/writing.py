"""Writing one chunk: multi-row inserts and bulk updates, a few queries
per chunk.

New records go in through ``insert_rows``: on PostgreSQL one COPY per table
and chunk, with ids reserved from the sequence first; elsewhere one
``INSERT … VALUES (…), (…) RETURNING id`` per batch (both in
``kiallianz.bulk_writes``). ``bulk_create`` builds the same statement, but
prepares every value of every field through the field's generic hooks,
which cost more than the rest of the import together. The records were
validated before (see ``cleaning``); the values here are plain strings,
numbers, dates and ids, adapted the way Django adapts them.
"""

from django.db import connection, models
from django.utils import timezone

from contacts.importing.resolution import ChunkChanges
from contacts.models import FirstContact, FirstContactPotential, Organisation, Person
from kiallianz import bulk_writes
from kiallianz.history import record_changes
from kiallianz.versioning import bulk_save_versioned

BATCH_ROWS = 500


def write_chunk(changes: ChunkChanges) -> None:
    # Order matters: persons point to organisations, first contacts to both.
    now = timezone.now()
    insert_rows(Organisation, changes.organisations, now=now)
    record_changes(changes.organisations, history_type="+")
    _update_changed(Organisation, changes.changed_organisations)
    for person in changes.persons:
        if person.organisation_id is None and person.organisation is not None:
            person.organisation_id = person.organisation.pk
    insert_rows(Person, changes.persons, now=now)
    record_changes(changes.persons, history_type="+")
    _update_changed(Person, changes.changed_persons)
    for contact in changes.contacts:
        contact.organisation_id = contact.organisation.pk
    insert_rows(FirstContact, changes.contacts, now=now)
    # Inserts bypass save(): their history is written in bulk (updates record
    # theirs in bulk_save_versioned).
    record_changes(changes.contacts, history_type="+")
    # Rows nothing points to: their ids are not needed here.
    persons = FirstContact.persons.through
    insert_rows(
        persons,
        [persons(firstcontact_id=c.pk, person_id=p.pk) for c, p in changes.contact_persons],
        now=now,
        keyed=False,
    )
    offers = FirstContact.offers.through
    insert_rows(
        offers,
        [offers(firstcontact_id=c.pk, offer_id=o.pk) for c, o in changes.contact_offers],
        now=now,
        keyed=False,
    )
    insert_rows(
        FirstContactPotential,
        [
            FirstContactPotential(first_contact_id=c.pk, potential=potential)
            for c, potential in changes.contact_potentials
        ],
        now=now,
        keyed=False,
    )


def insert_rows(model, objs: list, *, now, keyed: bool = True) -> None:
    """Insert unsaved ``objs`` and give each its primary key (on PostgreSQL
    only when ``keyed``: then their ids are reserved first)."""
    if not objs:
        return
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objs, batch_size=BATCH_ROWS)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    adapters = [_adapter(field, now) for field in fields]
    table, columns = model._meta.db_table, [field.column for field in fields]
    rows = [[adapt(obj) for adapt in adapters] for obj in objs]
    if connection.vendor == "postgresql" and _copy(model, objs, columns, rows, keyed=keyed):
        _stamp(objs, fields, now)
        return
    _saved(objs, bulk_writes.insert_rows(table, columns, rows, returning=model._meta.pk.column))
    _stamp(objs, fields, now)


def _copy(model, objs: list, columns: list[str], rows: list[list], *, keyed: bool) -> bool:
    """PostgreSQL: the rows in one COPY; when ``keyed``, with primary keys
    reserved from the table's sequence. False (nothing written) for a value
    COPY's text is not written for here."""
    if keyed:
        keys = bulk_writes.reserve_ids(model, len(objs))
        columns = [model._meta.pk.column, *columns]
        rows = [[key, *row] for key, row in zip(keys, rows, strict=True)]
    if not bulk_writes.copy_rows(model._meta.db_table, columns, rows):
        return False
    if keyed:
        _saved(objs, keys)
    return True


def _saved(objs: list, keys: list[int]) -> None:
    for obj, key in zip(objs, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias


def _stamp(objs: list, fields: list, now) -> None:
    """The stored timestamps, as the objects would carry after save()."""
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)


def _adapter(field, now):
    attname = field.attname
    ops = connection.ops
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        stamp = ops.adapt_datetimefield_value(now)
        return lambda obj: stamp
    if isinstance(field, models.DateTimeField):
        return lambda obj: ops.adapt_datetimefield_value(getattr(obj, attname))
    if isinstance(field, models.DateField):
        return lambda obj: ops.adapt_datefield_value(getattr(obj, attname))
    if isinstance(field, models.CharField | models.TextField | models.BooleanField):
        return lambda obj: getattr(obj, attname)
    if isinstance(field, models.ForeignKey | models.IntegerField):
        return lambda obj: getattr(obj, attname)
    # Anything else takes Django's own path.
    return lambda obj: field.get_db_prep_save(getattr(obj, attname), connection)


def _update_changed(model, changed: dict) -> None:
    """Fill in blank fields of existing records; each such record gets a new
    version, so an edit form opened before the import is refused."""
    by_fields: dict[tuple[str, ...], list] = {}
    for obj, names in changed.values():
        by_fields.setdefault(tuple(sorted(names)), []).append(obj)
    for names, objs in by_fields.items():
        bulk_save_versioned(model, objs, fields=names)
