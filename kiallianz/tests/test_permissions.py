import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from kiallianz import permissions
from kiallianz.tests.factories import CommunityManagerFactory, OfficeUserFactory, RegionFactory


class RegionalThing:
    def __init__(self, region_id):
        self.region_id = region_id


class MultiRegionThing:
    def __init__(self, *region_ids):
        self._ids = region_ids

    def permission_region_ids(self):
        return self._ids


@pytest.mark.django_db
class TestChangeRules:
    def test_it_lets_a_community_manager_change_own_region(self, cm_user, region):
        assert permissions.can_change(cm_user, RegionalThing(region.id))

    def test_it_refuses_a_community_manager_another_region(self, cm_user, other_region):
        assert not permissions.can_change(cm_user, RegionalThing(other_region.id))
        with pytest.raises(PermissionDenied):
            permissions.require_change(cm_user, RegionalThing(other_region.id))

    def test_it_refuses_objects_without_region_to_community_managers(self, cm_user):
        assert not permissions.can_change(cm_user, RegionalThing(None))

    def test_it_accepts_any_overlap_of_several_regions(self, cm_user, region, other_region):
        assert permissions.can_change(cm_user, MultiRegionThing(other_region.id, region.id))

    def test_it_lets_office_change_everything(self, office_user, other_region):
        assert permissions.can_change(office_user, RegionalThing(other_region.id))
        assert permissions.can_change(office_user, RegionalThing(None))
        assert permissions.allowed_region_ids(office_user) is None

    def test_it_lets_every_signed_in_user_read(self, cm_user):
        assert permissions.can_view(cm_user, RegionalThing(None))

    def test_it_refuses_anonymous_and_inactive_users(self, region):
        assert not permissions.can_view(AnonymousUser())
        assert not permissions.can_change(AnonymousUser(), RegionalThing(region.id))
        inactive = OfficeUserFactory(username="gone", is_active=False)
        assert not permissions.can_change(inactive, RegionalThing(region.id))

    def test_it_checks_creation_in_a_region(self, cm_user, region, other_region):
        assert permissions.can_create_in_region(cm_user, region.id)
        assert not permissions.can_create_in_region(cm_user, other_region.id)
        assert not permissions.can_create_in_region(cm_user, None)

    def test_it_treats_superusers_as_office(self):
        superuser = CommunityManagerFactory(username="root", is_superuser=True)
        assert permissions.is_office(superuser)

    def test_it_lists_regions_a_manager_may_change(self, cm_user, region, other_region):
        third = RegionFactory(name="Stuttgart", slug="stuttgart")
        allowed = permissions.regions_user_may_change(cm_user, [region, other_region, third])
        assert allowed == [region]
