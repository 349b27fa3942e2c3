"""``contacts_import``: streaming read, chunked resolution and bulk writes
in one transaction.

All-or-nothing: a dry run or a file with an invalid row (unless invalid
rows are to be skipped) is rolled back. Every row is validated before it
touches anything, so an invalid row is simply left out when skipping; and
once the file is known to be refused, nothing more is written but every
row is still checked, so the report lists every problem.
"""

import logging
from collections.abc import Callable, Iterator
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contacts.importing.cleaning import RowCleaner
from contacts.importing.columns import COLUMN_ALIASES
from contacts.importing.parsing import ParsedRow, RowParser
from contacts.importing.report import ContactImportReport
from contacts.importing.resolution import ChunkChanges, Resolver
from contacts.importing.writing import write_chunk
from contacts.services.duplicates import duplicate_suggestions_schedule
from kiallianz import bulk_writes
from kiallianz.services import database_statistics_refresh
from kiallianz.tabular import TableError, resolve_columns, stream_table

logger = logging.getLogger(__name__)

CHUNK_ROWS = 1000


def contacts_import(
    *,
    data: bytes,
    filename: str = "",
    user=None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ContactImportReport:
    """Import a spreadsheet of organisations, persons and first contacts.

    ``user`` is the importing user: author of the new records, community
    manager of rows without one, and their first region is the fallback
    region. ``progress(rows)`` is called after each chunk with the number
    of rows done. Raises ValidationError when the file as a whole is unusable.
    """
    try:
        table = stream_table(data, filename)
    except TableError as error:
        raise ValidationError(str(error)) from None
    columns = resolve_columns(table.headers, COLUMN_ALIASES)
    if "organisation" not in columns:
        raise ValidationError(
            _("Die Spalte „Organisation“ fehlt (auch erkannt: Firma, Unternehmen, Company).")
        )
    if "first_name" not in columns and columns.get("last_name") is not None:
        # "Name" alone often holds the full name in the old sheets.
        columns["full_name"] = columns.pop("last_name")

    report = ContactImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            _run(table.rows, columns, user, report, dry_run, skip_invalid, progress)
            blocked = bool(report.errors) and not skip_invalid
            if dry_run or blocked:
                transaction.set_rollback(True)
            else:
                report.saved = True
                duplicate_suggestions_schedule()
                transaction.on_commit(database_statistics_refresh)
    except TableError as error:
        # Found while reading on (e.g. the row cap): nothing is kept.
        raise ValidationError(str(error)) from None
    report.finish()
    if report.saved:
        logger.info(
            "contacts import by user %s: %s created, %s updated, %s skipped, %s invalid rows",
            getattr(user, "pk", None),
            report.created,
            report.updated,
            report.skipped,
            report.invalid_rows,
        )
    return report


def _run(rows, columns, user, report, dry_run, skip_invalid, progress) -> None:
    parser = RowParser(columns, user)
    cleaner = RowCleaner(columns)
    user_region = user.regions.order_by("name").first() if user and user.is_authenticated else None
    resolver = Resolver(report, parser.regions_by_id, user_region)
    # On PostgreSQL a chunk's COPYs run on in a second thread while the
    # next chunk is read, parsed and cleaned (which needs no query).
    with bulk_writes.copies_in_background():
        for chunk in _chunks(rows, parser, cleaner):
            report.rows += len(chunk)
            _run_chunk(chunk, resolver, report, dry_run, skip_invalid)
            if progress is not None:
                progress(report.rows)


def _chunks(rows, parser: RowParser, cleaner: RowCleaner) -> Iterator[list[ParsedRow]]:
    """The file's rows, parsed and cleaned, in chunks of ``CHUNK_ROWS``."""
    while True:
        chunk = []
        for number, values in islice(rows, CHUNK_ROWS):
            row = parser.parse(number, values)
            cleaner.clean(row)
            chunk.append(row)
        if not chunk:
            return
        yield chunk


def _run_chunk(chunk, resolver, report, dry_run, skip_invalid) -> None:
    resolver.load([row for row in chunk if not row.errors])
    changes = ChunkChanges()
    for row in chunk:
        if not row.errors and resolver.apply(row, changes):
            continue
        report.errors.extend(row.errors)
        report.invalid_rows += 1
    refused = bool(report.errors) and not skip_invalid
    if not dry_run and not refused:
        write_chunk(changes)
