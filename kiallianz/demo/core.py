"""Core demo data: the six regions of the 2024 report, the offers, users."""

from django.utils.text import slugify

from kiallianz.demo.registry import demo_loader, demo_password
from kiallianz.models import User
from kiallianz.services import offer_get_or_create, region_get_or_create, user_create_or_update

DEMO_REGIONS = [
    "Karlsruhe",
    "Stuttgart",
    "Freiburg",
    "Neckar-Alb",
    "Ostalbkreis",
    "Nordschwarzwald",
]

# The alliance's projects, in the order the report names them.
DEMO_OFFERS = [
    "Community Management",
    "Datenplattform",
    "KI-Challenge",
    "KI-Investoren Plug-In",
    "KI-Innovation Lab",
    "FRAI.accelerator",
    "FRAI.lab Medizin",
    "AI Experience Room",
]

# Fictitious names for the demo community managers.
DEMO_MANAGER_NAMES = {
    "karlsruhe": ("Katrin", "Kessler"),
    "stuttgart": ("Stefan", "Sommer"),
    "freiburg": ("Franziska", "Fuchs"),
    "neckar-alb": ("Niklas", "Nagel"),
    "ostalbkreis": ("Olivia", "Ostertag"),
    "nordschwarzwald": ("Norbert", "Neumann"),
}


def demo_manager_username(region_slug: str) -> str:
    return f"cm-{region_slug}"


@demo_loader(order=0)
def load_core(stdout=None) -> None:
    password = demo_password()
    regions = [region_get_or_create(name=name, slug=slugify(name)) for name in DEMO_REGIONS]
    for position, name in enumerate(DEMO_OFFERS):
        offer_get_or_create(name=name, position=position)
    user_create_or_update(
        username="office",
        password=password,
        role=User.Role.OFFICE,
        first_name="Greta",
        last_name="Geschäftsstelle",
        email="office@example.org",
    )
    user_create_or_update(
        username="admin",
        password=password,
        role=User.Role.ADMIN,
        first_name="Anton",
        last_name="Admin",
        email="admin@example.org",
    )
    for region in regions:
        first, last = DEMO_MANAGER_NAMES.get(region.slug, ("Demo", region.name))
        user_create_or_update(
            username=demo_manager_username(region.slug),
            password=password,
            role=User.Role.COMMUNITY_MANAGER,
            first_name=first,
            last_name=last,
            email=f"{demo_manager_username(region.slug)}@example.org",
            regions=[region],
        )
