import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from contacts.tests.factories import PersonFactory
from partners.services import partner_end, partner_update
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db
URL = "/api/public/partners.json"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _logo() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def test_it_has_the_documented_url():
    assert reverse("partners_public_json") == URL


def test_it_lists_active_public_partners_without_personal_data(client):
    person = PersonFactory(first_name="Hildegard", last_name="Quastenberg", email="hq@firma.de")
    public = PartnerFactory(
        organisation__name="Cyber Valley",
        organisation__website="https://cyber-valley.de",
        category="research",
        public_description="Forschungskonsortium",
        notes="Intern: Ansprechpartnerin hq@firma.de",
        contribution="vertraulich",
    )
    public.contact_persons.add(person)
    public.logo.save("logo.png", _logo())
    PartnerFactory(organisation__name="Geheim GmbH", is_public=False)
    ended = PartnerFactory(organisation__name="Vergangen AG", since=datetime.date(2024, 1, 1))
    partner_end(partner=ended, ended=datetime.date(2024, 6, 30))

    response = client.get(URL)
    body = response.content.decode()

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Geheim" not in body and "Vergangen" not in body
    assert "@" not in body
    assert "Hildegard" not in body and "Quastenberg" not in body
    assert "vertraulich" not in body and "Intern" not in body
    [entry] = json.loads(body)["partners"]
    assert entry["name"] == "Cyber Valley"
    assert entry["category"] == "research"
    assert entry["category_label"] == "Forschung/Hochschule"
    assert entry["website"] == "https://cyber-valley.de"
    assert entry["description"] == "Forschungskonsortium"
    assert entry["logo_url"].startswith("http://testserver/media/partners/logos/")


def test_it_refreshes_the_cached_feed_after_a_change(client):
    partner = PartnerFactory(public_description="alt")
    assert json.loads(client.get(URL).content)["partners"][0]["description"] == "alt"
    partner_update(partner=partner, version=partner.version, public_description="neu")
    assert json.loads(client.get(URL).content)["partners"][0]["description"] == "neu"


def test_it_needs_no_login(client):
    assert client.get(URL).status_code == 200
