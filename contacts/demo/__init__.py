"""Demo data of contacts, from the 2024 report; `load_demo` discovers this package."""

from contacts.demo import loader  # noqa: F401 - registers the loader
