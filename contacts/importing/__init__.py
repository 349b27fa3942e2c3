"""Import of the existing first-contact spreadsheets (CSV or XLSX).

One row holds an organisation, optionally a person and, when it has a
date, a first contact. The import is all-or-nothing and re-importing a file
creates no duplicates. The work is split in steps, each in its own module:

- ``columns``: the accepted headers, the template and the value vocabularies;
- ``parsing``: one row's cells → candidate records, with German errors;
- ``cleaning``: the services' cleaning rules and the fields' validation;
- ``resolution``: matching rows to existing records, a chunk at a time;
- ``writing``: bulk inserts and updates of a chunk;
- ``service``: ``contacts_import``, which runs them in one transaction.
"""

from contacts.importing.columns import (
    COLUMN_ALIASES,
    TEMPLATE_HEADERS,
    import_template_csv,
)
from contacts.importing.report import ContactImportReport, EntityCounts
from contacts.importing.service import CHUNK_ROWS, contacts_import

__all__ = [
    "CHUNK_ROWS",
    "COLUMN_ALIASES",
    "TEMPLATE_HEADERS",
    "ContactImportReport",
    "EntityCounts",
    "contacts_import",
    "import_template_csv",
]
