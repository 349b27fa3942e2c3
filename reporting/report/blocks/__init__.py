"""Live data blocks of the report.

Each block has a key (stored in a section's ``block_keys``), a German label,
``collect(context) -> data`` reading the other apps through their selectors
only, a template rendering ``data`` in the document, and ``rows(data)`` giving
the same figures as a table for the XLSX export. ``collect`` runs in document
order, so figures („Bild N“) are numbered continuously through the report.
"""

# Registration order is the order office staff see the blocks in.
from reporting.report.blocks import (  # noqa: F401
    activities,
    coordination,
    figures,
    network,
    paragraphs,
)
from reporting.report.blocks.registry import (
    BLOCKS,
    DataBlock,
    Figure,
    ReportContext,
    block_choices,
    figure_pairs,
    get_block,
    register,
)

__all__ = [
    "BLOCKS",
    "DataBlock",
    "Figure",
    "ReportContext",
    "block_choices",
    "figure_pairs",
    "get_block",
    "register",
]
