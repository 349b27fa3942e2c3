"""Demo data of events, from the 2024 report; `load_demo` discovers this package."""

from events.demo import loader  # noqa: F401 - registers the loader
