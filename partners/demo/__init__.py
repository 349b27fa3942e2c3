"""Demo data of partners, from the 2024 report; `load_demo` discovers this package."""

from partners.demo import loader  # noqa: F401 - registers the loader
