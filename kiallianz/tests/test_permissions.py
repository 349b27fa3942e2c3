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
        assert permissions.writable_region_ids(office_user) is None

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

    def test_it_lists_regions_a_manager_may_write_to(self, cm_user, region, other_region):
        RegionFactory(name="Stuttgart", slug="stuttgart")
        assert list(permissions.writable_regions(cm_user)) == [region]
        assert permissions.may_create_somewhere(cm_user)

    def test_inactive_regions_are_written_to_by_nobody(self, cm_user, office_user, region):
        closed = RegionFactory(name="Alt", slug="alt", is_active=False)
        cm_user.regions.add(closed)
        manager = type(cm_user).objects.get(pk=cm_user.pk)  # no cached region ids
        assert list(permissions.writable_regions(manager)) == [region]
        assert not permissions.can_create_in_region(manager, closed.id)
        assert closed not in permissions.writable_regions(office_user)

    def test_a_manager_without_active_regions_creates_nothing(self, region):
        manager = CommunityManagerFactory(username="ohne")
        assert permissions.writable_region_ids(manager) == set()
        assert not permissions.may_create_somewhere(manager)
        with pytest.raises(PermissionDenied):
            permissions.require_region_writable(manager, str(region.id))

    def test_it_refuses_forged_region_values(self, cm_user, region, other_region):
        permissions.require_region_writable(cm_user, str(region.id))
        permissions.require_region_writable(cm_user, "")
        for forged in (str(other_region.id), "abc", "-1"):
            with pytest.raises(PermissionDenied):
                permissions.require_region_writable(cm_user, forged)
        with pytest.raises(PermissionDenied):
            permissions.require_region_writable(cm_user, "", required=True)

    def test_objects_outside_the_users_regions(self, cm_user, office_user, region, other_region):
        assert permissions.is_outside_user_regions(cm_user, RegionalThing(other_region.id))
        assert not permissions.is_outside_user_regions(cm_user, RegionalThing(region.id))
        assert not permissions.is_outside_user_regions(cm_user, RegionalThing(None))
        assert not permissions.is_outside_user_regions(office_user, RegionalThing(other_region.id))
