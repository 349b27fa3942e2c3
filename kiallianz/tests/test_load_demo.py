from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kiallianz.models import Offer, Region, User


@pytest.mark.django_db
class TestLoadDemo:
    def test_it_refuses_without_debug(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="DEBUG"):
            call_command("load_demo")
        assert not User.objects.exists()

    def test_it_loads_regions_offers_and_users(self, settings):
        settings.DEBUG = True
        call_command("load_demo", stdout=StringIO())
        assert list(Region.objects.order_by("name").values_list("slug", flat=True)) == [
            "freiburg",
            "karlsruhe",
            "neckar-alb",
            "nordschwarzwald",
            "ostalbkreis",
            "stuttgart",
        ]
        assert Offer.objects.filter(name="KI-Innovation Lab").exists()
        assert Offer.objects.count() == 8
        cm = User.objects.get(username="cm-karlsruhe")
        assert cm.role == User.Role.COMMUNITY_MANAGER
        assert list(cm.regions.values_list("slug", flat=True)) == ["karlsruhe"]
        assert cm.check_password("kiallianz-demo")
        assert User.objects.get(username="office").role == User.Role.OFFICE
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.is_staff

    def test_it_is_idempotent(self, settings):
        settings.DEBUG = True
        call_command("load_demo", stdout=StringIO())
        counts = (User.objects.count(), Region.objects.count(), Offer.objects.count())
        call_command("load_demo", stdout=StringIO())
        assert (User.objects.count(), Region.objects.count(), Offer.objects.count()) == counts
        assert User.objects.count() == 8

    def test_it_runs_with_force_when_debug_is_off(self, settings):
        settings.DEBUG = False
        call_command("load_demo", "--force", stdout=StringIO())
        assert User.objects.filter(username="cm-freiburg").exists()

    def test_it_uses_demo_password_from_the_environment(self, settings, monkeypatch):
        settings.DEBUG = True
        monkeypatch.setenv("DEMO_PASSWORD", "anderes-demo-passwort")
        out = StringIO()
        call_command("load_demo", stdout=out)
        assert User.objects.get(username="office").check_password("anderes-demo-passwort")
        assert "anderes-demo-passwort" in out.getvalue()

    def test_it_prints_the_demo_logins(self, settings):
        settings.DEBUG = True
        out = StringIO()
        call_command("load_demo", stdout=out)
        assert "cm-karlsruhe" in out.getvalue()
        assert "kiallianz-demo" in out.getvalue()
