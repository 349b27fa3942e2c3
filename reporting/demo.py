"""Demo data of the reporting app; each part registers its own loader."""

import reporting.demo_report  # noqa: F401 - registers the demo edition loader
