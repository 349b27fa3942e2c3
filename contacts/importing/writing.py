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

import operator

from django.db import connection
from django.utils import timezone

from contacts.importing.resolution import ChunkChanges
from contacts.models import FirstContact, FirstContactPotential, Organisation, Person
from kiallianz import bulk_writes
from kiallianz.history import record_changes, record_inserted_rows
from kiallianz.versioning import bulk_save_versioned

BATCH_ROWS = 500


def write_chunk(changes: ChunkChanges) -> None:
    # Order matters: persons point to organisations, first contacts to both.
    # Where ids are reserved (PostgreSQL), every query comes first (the
    # ids, the updates), so that the COPYs after them can run on in the
    # background (kiallianz.bulk_writes.copies_in_background) while the next
    # chunk is read; and the new organisations go in last: the count
    # trigger then counts their first contacts as each one is inserted,
    # instead of rewriting it (and every index entry, the search indexes
    # among them) once they arrive. The foreign keys are checked at commit.
    now = timezone.now()
    organisations_last = _reserves_ids()
    if organisations_last:
        _reserve_ids(Organisation, changes.organisations)
        _reserve_ids(Person, changes.persons)
        _reserve_ids(FirstContact, changes.contacts)
    else:
        _insert_new(Organisation, changes.organisations, now=now)
    for person in changes.persons:
        if person.organisation_id is None and person.organisation is not None:
            person.organisation_id = person.organisation.pk
    for contact in changes.contacts:
        contact.organisation_id = contact.organisation.pk
    _update_changed(Organisation, changes.changed_organisations)
    _update_changed(Person, changes.changed_persons)
    _insert_new(Person, changes.persons, now=now)
    _insert_new(FirstContact, changes.contacts, now=now)
    # Rows nothing points to, written as plain rows of ids.
    _insert_links(
        FirstContact.persons.through,
        ["firstcontact", "person"],
        [[contact.pk, person.pk] for contact, person in changes.contact_persons],
    )
    _insert_links(
        FirstContact.offers.through,
        ["firstcontact", "offer"],
        [[contact.pk, offer.pk] for contact, offer in changes.contact_offers],
    )
    _insert_links(
        FirstContactPotential,
        ["first_contact", "potential"],
        [[contact.pk, potential] for contact, potential in changes.contact_potentials],
    )
    if organisations_last:
        _insert_new(Organisation, changes.organisations, now=now)


def _insert_new(model, objs: list, *, now) -> None:
    """Insert new records; inserts bypass save(), so their history is
    written in bulk from the same rows (updates record theirs in
    bulk_save_versioned)."""
    written = insert_rows(model, objs, now=now)
    if written is None:
        record_changes(objs, history_type="+")
    else:
        record_inserted_rows(model, *written)


def _insert_links(model, names: list[str], rows: list[list]) -> None:
    columns = [model._meta.get_field(name).column for name in names]
    bulk_writes.write_rows(model._meta.db_table, columns, rows)


def _reserves_ids() -> bool:
    return connection.vendor == "postgresql"


def _reserve_ids(model, objs: list) -> None:
    if not objs:
        return
    for obj, key in zip(objs, bulk_writes.reserve_ids(model, len(objs)), strict=True):
        obj.pk = key


def insert_rows(model, objs: list, *, now) -> tuple[list[str], list[list]] | None:
    """Insert unsaved ``objs``: with the ids reserved for them, or else
    giving each the id the INSERT returns. Returns the columns and rows
    written, the primary key first; None where Django's ``bulk_create``
    wrote them."""
    if not objs:
        return None
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objs, batch_size=BATCH_ROWS)
        return None
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    table, columns = model._meta.db_table, [field.column for field in fields]
    rows = _rows(objs, fields, now)
    pk_column = model._meta.pk.column
    if objs[0].pk is None:
        keys = bulk_writes.insert_rows(table, columns, rows, returning=pk_column)
        rows = [[key, *row] for key, row in zip(keys, rows, strict=True)]
    else:
        # Written with their reserved ids, which rows written before may
        # already point to.
        keys = [obj.pk for obj in objs]
        rows = [[key, *row] for key, row in zip(keys, rows, strict=True)]
        bulk_writes.write_rows(table, [pk_column, *columns], rows)
    _saved(objs, keys)
    _stamp(objs, fields, now)
    return [pk_column, *columns], rows


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


def _rows(objs: list, fields: list, now) -> list[list]:
    """Each object's values for ``fields``, adapted the way Django adapts
    them: all read by one attribute getter, then only the values that need
    it adapted (dates for SQLite, stamps, other types)."""
    rows = [list(row) for row in _values(objs, [field.attname for field in fields])]
    ops = connection.ops
    for index, field in enumerate(fields):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            stamp = ops.adapt_datetimefield_value(now)
            for row in rows:
                row[index] = stamp
            continue
        adapt = bulk_writes.value_adapter(field)
        if adapt is not None:
            for row in rows:
                if row[index] is not None:
                    row[index] = adapt(row[index])
    return rows


def _values(objs: list, attnames: list[str]):
    get = operator.attrgetter(*attnames)
    if len(attnames) == 1:
        return ([get(obj)] for obj in objs)
    return (get(obj) for obj in objs)


def _update_changed(model, changed: dict) -> None:
    """Fill in blank fields of existing records; each such record gets a new
    version, so an edit form opened before the import is refused."""
    by_fields: dict[tuple[str, ...], list] = {}
    for obj, names in changed.values():
        by_fields.setdefault(tuple(sorted(names)), []).append(obj)
    for names, objs in by_fields.items():
        bulk_save_versioned(model, objs, fields=names)
