from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import Partner

pytestmark = pytest.mark.django_db


def test_it_loads_the_23_partners_of_the_report_idempotently(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Partner.objects.count() == 23
    assert "23 angelegt" in out.getvalue()
    call_command("load_demo", stdout=StringIO())
    assert Partner.objects.count() == 23
    assert all(partner.is_active for partner in Partner.objects.prefetch_related("spans"))
    cyber_forum = Partner.objects.get(organisation__name="CyberForum Karlsruhe")
    assert [r.slug for r in cyber_forum.regions.all()] == ["karlsruhe"]
    assert cyber_forum.logo
    assert Partner.objects.get(organisation__name="The AI Länd").is_statewide
    assert Partner.objects.filter(is_public=True).count() == 23
