"""The import's unsaved instances are what ``Model(**values)`` builds."""

import itertools

import pytest
from django.db.models import signals

from contacts.importing.parsing import (
    _Builder,
    new_first_contact,
    new_organisation,
    new_person,
)
from contacts.models import FirstContact, Organisation, Person

BUILDERS = [
    (new_organisation, Organisation, {"name": "Alpha GmbH", "city": "Ulm", "region_id": 3}),
    (new_person, Person, {"first_name": "Ada", "last_name": "A", "created_by_id": 1}),
    (new_first_contact, FirstContact, {"content": "Gespräch", "community_manager_id": 2}),
]


@pytest.mark.parametrize(("build", "model", "values"), BUILDERS)
def test_a_built_instance_equals_one_from_the_constructor(build, model, values):
    built, constructed = build(**values), model(**values)

    for field in model._meta.concrete_fields:
        assert getattr(built, field.attname) == getattr(constructed, field.attname), field.name
    assert (built.pk, built._state.adding, built._state.db) == (None, True, None)
    assert built.__dict__.keys() == constructed.__dict__.keys()


@pytest.mark.parametrize(("build", "model", "values"), BUILDERS)
def test_nothing_listens_to_the_signals_the_builder_skips(build, model, values):
    assert not signals.pre_init.has_listeners(model)
    assert not signals.post_init.has_listeners(model)


def test_a_default_function_gives_each_instance_its_own_value(monkeypatch):
    field = Person._meta.get_field("notes")
    calls = itertools.count(1)
    monkeypatch.setattr(field, "default", lambda: f"Notiz {next(calls)}")
    # Django caches how a field gets its default.
    monkeypatch.delitem(field.__dict__, "_get_default", raising=False)
    build = _Builder(Person)
    first, second = build().notes, build().notes
    assert first != second
