import pytest
from django.core.exceptions import ValidationError

from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory
from kiallianz.versioning import check_version, save_versioned


@pytest.mark.django_db
class TestVersioning:
    def test_it_accepts_the_current_version_also_as_text(self, region):
        organisation = OrganisationFactory()
        check_version(organisation, organisation.version)
        check_version(organisation, str(organisation.version))

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
