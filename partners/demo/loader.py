"""Demo partners: the 23 partnerships named in section 3.3 of the 2024 report."""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from contacts.models import Organisation
from contacts.normalize import normalize_organisation_name
from kiallianz.demo.registry import demo_loader
from kiallianz.models import Region, User
from partners.models import Partner, PartnerCategory
from partners.services import partner_create

C = PartnerCategory
KIND_FOR_CATEGORY = {
    C.NETWORK: Organisation.Kind.ASSOCIATION,
    C.INNOVATION_HUB: Organisation.Kind.ASSOCIATION,
    C.CHAMBER: Organisation.Kind.CHAMBER,
    C.RESEARCH: Organisation.Kind.RESEARCH_INSTITUTE,
    C.COMPANY: Organisation.Kind.COMPANY,
    C.PUBLIC_BODY: Organisation.Kind.PUBLIC_BODY,
    C.MEDIA: Organisation.Kind.MEDIA,
}
E, R, N = "expertise", "resources", "network"

# (name, category, region slugs (empty: statewide), start, brings, public description, logo)
DEMO_PARTNERS = [
    ("Allianz Industrie 4.0 Baden-Württemberg", C.NETWORK, [], (3, 12), {E, N},
     "Landesweites Netzwerk für die Digitalisierung der Industrie.", True),
    ("de:hub Karlsruhe", C.INNOVATION_HUB, ["karlsruhe"], (4, 9), {E, N},
     "Digital Hub für Künstliche Intelligenz in Karlsruhe.", True),
    ("European Digital Innovation Hub", C.INNOVATION_HUB, [], (5, 14), {E, R},
     "Europäischer Digital Innovation Hub für den Mittelstand.", False),
    ("CyberForum Karlsruhe", C.NETWORK, ["karlsruhe"], (2, 20), {N, R},
     "Hightech-Unternehmer-Netzwerk in der TechnologieRegion Karlsruhe.", True),
    ("KI Bundesverband (Bundesverband der Unternehmen der Künstlichen Intelligenz "
     "in Deutschland e.V.)", C.NETWORK, [], (6, 3), {N},
     "Bundesverband der KI-Unternehmen in Deutschland.", False),
    ("The AI Länd", C.NETWORK, [], (7, 1), {N},
     "Initiative für Künstliche Intelligenz in Baden-Württemberg.", False),
    ("Gründerallianz Karlsruhe", C.NETWORK, ["karlsruhe"], (4, 23), {N},
     "Bündnis der Gründungsförderung in Karlsruhe.", False),
    ("KARL Künstliche Intelligenz für Arbeit und Lernen", C.RESEARCH, ["karlsruhe"], (5, 6),
     {E}, "Kompetenzzentrum für KI in Arbeit und Weiterbildung.", False),
    ("KI-Werkstatt Mittelstand Hochschule Aalen", C.RESEARCH, ["ostalbkreis"], (6, 18), {E, R},
     "Anwendungsnahe KI-Projekte für den Mittelstand an der Hochschule Aalen.", True),
    ("Transformationsnetzwerk Ostwürttemberg", C.NETWORK, ["ostalbkreis"], (7, 10), {N},
     "Regionales Netzwerk für die Transformation der Wirtschaft in Ostwürttemberg.", False),
    ("Digitalisierungszentrum Ostwürttemberg (digiZ)", C.INNOVATION_HUB, ["ostalbkreis"],
     (7, 24), {E, R}, "Regionales Digitalisierungszentrum in Ostwürttemberg.", False),
    ("Bildungswerk der Baden-Württembergischen Wirtschaft", C.NETWORK, [], (8, 5), {E, N},
     "Bildungsträger der Wirtschaft in Baden-Württemberg.", False),
    ("IHK Stuttgart", C.CHAMBER, ["stuttgart"], (8, 19), {N, R},
     "Industrie- und Handelskammer Region Stuttgart.", False),
    ("AI xpress & Softwarezentrum Böblingen", C.INNOVATION_HUB, ["stuttgart"], (9, 2), {E, R},
     "KI-Hub und Softwarezentrum im Landkreis Böblingen.", False),
    ("NXTGN", C.INNOVATION_HUB, ["stuttgart"], (9, 16), {E, N},
     "Digital Hub für Start-ups und Mittelstand.", False),
    ("Cyber Valley", C.RESEARCH, ["neckar-alb", "stuttgart"], (9, 30), {E, N},
     "Europas großes Forschungskonsortium für Künstliche Intelligenz.", True),
    ("ARENA2036", C.RESEARCH, ["stuttgart"], (10, 7), {E, R},
     "Forschungscampus für die Produktion der Zukunft.", False),
    ("Applied AI", C.COMPANY, [], (10, 14), {E},
     "Initiative für die Anwendung von KI in Unternehmen.", False),
    ("Zukunftszentrum Süd", C.PUBLIC_BODY, [], (10, 28), {E, R},
     "Unterstützt Beschäftigte und Betriebe bei der digitalen Transformation.", False),
    ("GFT Technologies", C.COMPANY, ["stuttgart"], (11, 4), {E},
     "IT-Dienstleister für Digitalisierung und KI.", False),
    ("SprintEins", C.COMPANY, ["nordschwarzwald"], (11, 11), {E},
     "Digitalagentur und Partner für KI-Projekte.", False),
    ("INNOPORT", C.INNOVATION_HUB, ["neckar-alb"], (11, 25), {N, R},
     "Innovationszentrum in Reutlingen.", False),
    ("Werk150", C.RESEARCH, ["neckar-alb"], (12, 9), {E, R},
     "Die Fabrik auf dem Campus der Hochschule Reutlingen.", False),
]  # fmt: skip

LOGO_COLOURS = ["#0b5394", "#38761d", "#990000", "#b45f06", "#674ea7"]


def placeholder_logo(name: str, colour: str) -> ContentFile:
    """A locally drawn square logo with the initials (nothing downloaded)."""
    initials = "".join(word[0] for word in name.split() if word[:1].isalnum())[:3].upper()
    image = Image.new("RGB", (240, 240), colour)
    draw = ImageDraw.Draw(image)
    draw.text((120, 120), initials, fill="white", anchor="mm", font_size=80)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def _organisation(name: str, category: str, region: Region | None) -> Organisation:
    normalized = normalize_organisation_name(name)
    organisation = Organisation.objects.filter(normalized_name=normalized).first()
    if organisation is None:
        organisation = Organisation(
            name=name,
            normalized_name=normalized,
            kind=KIND_FOR_CATEGORY[category],
            region=region,
        )
        organisation.full_clean()
        organisation.save()
    return organisation


@demo_loader(order=30)
@transaction.atomic
def load_partners(stdout=None) -> None:
    regions = {region.slug: region for region in Region.objects.all()}
    managers = {user.username: user for user in User.objects.filter(username__startswith="cm-")}
    created = existing = 0
    for position, row in enumerate(DEMO_PARTNERS):
        name, category, slugs, (month, day), brings, description, with_logo = row
        partner_regions = [regions[slug] for slug in slugs if slug in regions]
        organisation = _organisation(
            name, category, partner_regions[0] if partner_regions else None
        )
        if Partner.objects.filter(organisation=organisation).exists():
            existing += 1
            continue
        partner_create(
            organisation=organisation,
            category=category,
            since=datetime.date(2024, month, day),
            regions=partner_regions,
            is_statewide=not slugs,
            brings_expertise=E in brings,
            brings_resources=R in brings,
            brings_network=N in brings,
            contribution=description,
            community_manager=managers.get(f"cm-{slugs[0]}") if slugs else None,
            is_public=True,
            public_description=description,
            logo=placeholder_logo(name, LOGO_COLOURS[position % len(LOGO_COLOURS)])
            if with_logo
            else "",
        )
        created += 1
    if stdout is not None:
        stdout.write(
            _(
                "Partner:innen: %(created)s angelegt, %(existing)s schon vorhanden, "
                "%(total)s insgesamt."
            )
            % {"created": created, "existing": existing, "total": Partner.objects.count()}
        )
