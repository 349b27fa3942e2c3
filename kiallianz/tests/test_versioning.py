import pytest
from django.core.exceptions import ValidationError

from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory
from kiallianz.versioning import (
    bulk_update_versioned,
    bump_version,
    check_version,
    model_update,
    save_versioned,
)


@pytest.mark.django_db
class TestVersioning:
    def test_it_accepts_the_current_version_also_as_text(self, region):
        organisation = OrganisationFactory(name="Alt GmbH")
        model_update(organisation, data={"name": "Neu GmbH"}, allowed=("name",), version="1")
        stored = Organisation.objects.get(pk=organisation.pk)
        assert (stored.name, stored.version) == ("Neu GmbH", 2)

    @pytest.mark.parametrize("posted", [None, "", "abc", 0, 2])
    def test_it_refuses_a_stale_or_missing_version_in_german(self, region, posted):
        organisation = OrganisationFactory()
        with pytest.raises(ValidationError, match="inzwischen von jemand anderem geändert"):
            check_version(organisation, posted)

    def test_it_saves_and_raises_the_version_in_one_update(self, region):
        organisation = OrganisationFactory(name="Alt GmbH")
        organisation.name = "Neu GmbH"
        save_versioned(organisation, fields=["name"], version=1)
        stored = Organisation.objects.get(pk=organisation.pk)
        assert (stored.name, stored.version, organisation.version) == ("Neu GmbH", 2, 2)

    def test_it_refuses_when_someone_saved_in_between(self, region):
        organisation = OrganisationFactory(name="Alt GmbH")
        Organisation.objects.filter(pk=organisation.pk).update(version=2, name="Andere GmbH")
        organisation.name = "Meine GmbH"
        with pytest.raises(ValidationError):
            save_versioned(organisation, fields=["name"], version=1)
        assert Organisation.objects.get(pk=organisation.pk).name == "Andere GmbH"


@pytest.mark.django_db
class TestModelUpdate:
    def test_it_writes_whitelisted_fields_and_raises_the_version(self, region):
        organisation = OrganisationFactory(name="Alt GmbH", city="Karlsruhe")
        changed = model_update(
            organisation,
            data={"name": "Neu GmbH", "city": "Karlsruhe"},
            allowed=("name", "city"),
            version=1,
        )
        stored = Organisation.objects.get(pk=organisation.pk)
        assert changed == ["name"]
        assert (stored.name, stored.version) == ("Neu GmbH", 2)

    def test_it_refuses_a_field_outside_the_whitelist(self, region):
        organisation = OrganisationFactory()
        with pytest.raises(TypeError, match="normalized_name"):
            model_update(organisation, data={"normalized_name": "x"}, allowed=("name",), version=1)
        assert Organisation.objects.get(pk=organisation.pk).version == 1

    def test_it_runs_the_clean_rule_and_full_clean_before_saving(self, region):
        organisation = OrganisationFactory(name="Alt GmbH")

        def refuse(instance):
            raise ValidationError({"name": "nein"})

        with pytest.raises(ValidationError):
            model_update(
                organisation, data={"name": "X"}, allowed=("name",), version=1, clean=refuse
            )
        with pytest.raises(ValidationError):
            model_update(organisation, data={"name": ""}, allowed=("name",), version=1)
        stored = Organisation.objects.get(pk=organisation.pk)
        assert (stored.name, stored.version) == ("Alt GmbH", 1)

    def test_a_stale_version_saves_nothing(self, region):
        organisation = OrganisationFactory(name="Alt GmbH")
        with pytest.raises(ValidationError, match="inzwischen"):
            model_update(organisation, data={"name": "Neu"}, allowed=("name",), version=7)
        assert Organisation.objects.get(pk=organisation.pk).name == "Alt GmbH"


@pytest.mark.django_db
def test_bump_version_refuses_when_the_row_changed_since_it_was_read(region):
    organisation = OrganisationFactory(city="Alt")
    Organisation.objects.filter(pk=organisation.pk).update(version=5)
    organisation.city = "Neu"
    with pytest.raises(ValidationError):
        bump_version(organisation, fields=["city"])
    assert Organisation.objects.get(pk=organisation.pk).city == "Alt"


@pytest.mark.django_db
def test_a_bulk_write_raises_every_changed_rows_version(region):
    first, second = OrganisationFactory(), OrganisationFactory()
    count = bulk_update_versioned(Organisation.objects.filter(pk=first.pk), city="Ulm")
    assert count == 1
    assert Organisation.objects.get(pk=first.pk).version == 2
    assert Organisation.objects.get(pk=second.pk).version == 1
