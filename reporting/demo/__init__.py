"""Demo data of reporting, from the 2024 report; `load_demo` discovers this package."""

from reporting.demo import loader, report  # noqa: F401 - register the loaders
