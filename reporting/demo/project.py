"""The demo funding project, shared by the targets and the report demo loaders.

The 2024 report does not state the term. It mentions an interim report for
2023 (so the project began in 2023), a mid-term review still ahead in
February 2025 (workshops "bis zur Halbzeitbilanz" planned for spring 2025)
and a final milestone M26. A 36-month term from 1 October 2023 fits all
three: mid-term is around April 2025 and M26 is November 2025.
"""

import datetime

PROJECT_TITLE = "Community Management"
PROJECT_FUNDER_REFERENCE = "2782027"
PROJECT_START = datetime.date(2023, 10, 1)
PROJECT_END = datetime.date(2026, 9, 30)
