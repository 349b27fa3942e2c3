"""The interim funding report (Zwischenverwendungsnachweis), issue #7."""

import logging

# WeasyPrint logs every layout step at INFO, some already on import; keep
# worker logs readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
