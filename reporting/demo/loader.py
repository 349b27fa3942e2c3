"""Demo data: the funding project of the 2024 report, its targets, AP3/AP4 records.

The project's term is an assumption, explained in ``reporting/demo/project.py``.
"""

import datetime

from django.utils import timezone

# The demo edition of the 2024 report registers its own loader (order=50).
from contacts.selectors import organisations_as_of
from events.models import EventKind, SizeCategory
from kiallianz.demo.registry import demo_loader
from kiallianz.models import Offer, Region, User
from reporting import services
from reporting.demo.project import (
    PROJECT_END,
    PROJECT_FUNDER_REFERENCE,
    PROJECT_START,
    PROJECT_TITLE,
)
from reporting.models import CommunicationActivity, Target, TransferProject

WORK_PACKAGES = [
    (1, "Koordination und Projektorganisation"),
    (2, "Netzwerkmanagement"),
    (3, "Veranstaltungsmanagement und Marketing"),
    (4, "Technologietransfer"),
    (5, "Internationalisierung"),
]

END_2024 = {"due_kind": Target.DueKind.DATE, "due_on": datetime.date(2024, 12, 31)}

# (work package, title, fields) from the 2024 report's stated targets.
TARGETS = [
    (
        1,
        "Monitoring-Konzept liegt vor",
        {
            "kind": Target.Kind.MANUAL,
            "manual_status": Target.ManualStatus.DONE,
            "evidence": "Dokument mit den Zielen des Förderantrags; Vorlagen für die "
            "einheitliche Protokollierung der Community Manager:innen.",
            **END_2024,
        },
    ),
    (
        1,
        "Zwischen- und Abschlussberichte gemäß Zuwendungsbescheid",
        {
            "kind": Target.Kind.MANUAL,
            "manual_status": Target.ManualStatus.IN_PROGRESS,
            "evidence": "Zwischenbericht zum Jahr 2023 fristgerecht eingereicht.",
        },
    ),
    (
        1,
        "Mehrere Projekttreffen durchgeführt",
        {
            "kind": Target.Kind.MANUAL,
            "manual_status": Target.ManualStatus.DONE,
            "evidence": "Kick-off 8. Mai 2024 (Stuttgart); Statustreffen 30. Oktober 2024 "
            "(Reutlingen), 5. Dezember 2024 (Stuttgart), 17. Februar 2025 (Karlsruhe).",
        },
    ),
    (
        2,
        "Mindestens 60 Erstgespräche im Jahr 2024",
        {"metric_key": "first_contacts", "target_value": 60, **END_2024},
    ),
    (
        2,
        "Mindestens 120 Erstgespräche über die Laufzeit",
        {"metric_key": "first_contacts", "target_value": 120},
    ),
    (
        2,
        "KI-Challenge in zwei Regionen",
        {"metric_key": "ki_challenge_regions", "target_value": 2, **END_2024},
    ),
    (
        2,
        "Gewinnung neuer Partner:innen (2024)",
        {"metric_key": "partners_new", "target_value": 1, **END_2024},
    ),
    (
        3,
        "Zwei Kleinveranstaltungen je Region",
        {
            "metric_key": "events_held",
            "metric_params": {"size": SizeCategory.SMALL},
            "scope": Target.Scope.REGION,
            "target_value": 2,
        },
    ),
    (
        3,
        "Eine Großveranstaltung je Region",
        {
            "metric_key": "events_held",
            "metric_params": {"size": SizeCategory.LARGE},
            "scope": Target.Scope.REGION,
            "target_value": 1,
        },
    ),
    (
        4,
        "Workshop zu neuen Themen je Region bis zur Halbzeit",
        {
            "metric_key": "workshops",
            "metric_params": {"kinds": [EventKind.WORKSHOP_NEW_TOPICS]},
            "scope": Target.Scope.REGION,
            "due_kind": Target.DueKind.MID_TERM,
        },
    ),
    (
        4,
        "Förder-Workshop je Region bis zur Halbzeit",
        {
            "metric_key": "workshops",
            "metric_params": {"kinds": [EventKind.FUNDING_WORKSHOP]},
            "scope": Target.Scope.REGION,
            "due_kind": Target.DueKind.MID_TERM,
        },
    ),
    (
        4,
        "Erstberatung zu Förderprojekten auf Bundesebene je Region",
        {"metric_key": "funding_consultations", "scope": Target.Scope.REGION},
    ),
    (
        4,
        "20 Projekte mit der Wirtschaft initiiert bis M26",
        {
            "metric_key": "transfer_projects",
            "target_value": 20,
            "due_kind": Target.DueKind.MONTH,
            "due_month": 26,
        },
    ),
]

# (title, region slug, organisation names, status, programme, referral offer, initiated)
TRANSFER_PROJECTS = [
    (
        "KI-Projekte in der Gemeinde Jagstzell",
        "ostalbkreis",
        ["Gemeinde Jagstzell"],
        TransferProject.Status.IN_PREPARATION,
        TransferProject.FundingProgramme.OTHER,
        "ki-innovation-lab",
        datetime.date(2024, 11, 20),
    ),
    (
        "Digitalisierungs- und KI-Projekt Vioonic",
        "neckar-alb",
        ["Vioonic"],
        TransferProject.Status.IN_PREPARATION,
        TransferProject.FundingProgramme.DIGITALISIERUNGSPRAEMIE,
        "ki-innovation-lab",
        datetime.date(2024, 12, 3),
    ),
    (
        "Workshop Generative KI im Produktmarketing",
        "ostalbkreis",
        ["TELENOT"],
        TransferProject.Status.IDEA,
        "",
        "",
        datetime.date(2024, 11, 6),
    ),
    (
        "KI-Anwendungen in der Spulenfertigung",
        "ostalbkreis",
        ["Weisser Spulenkörper GmbH & Co. KG"],
        TransferProject.Status.IDEA,
        TransferProject.FundingProgramme.ZIM,
        "",
        datetime.date(2024, 11, 6),
    ),
    (
        "KI-Hackathon Nordschwarzwald",
        "nordschwarzwald",
        ["Seedlab GmbH", "Dynaico"],
        TransferProject.Status.IN_PREPARATION,
        "",
        "",
        datetime.date(2024, 11, 15),
    ),
]

# Report texts of transfer projects the report narrates (chapter 3: AP2).
TRANSFER_REPORT_TEXTS = {
    "KI-Projekte in der Gemeinde Jagstzell": (
        "Überlegungen zur Förderung von KI-Projekten in der Gemeinde, angestoßen auf der "
        "Auftaktveranstaltung im Ostalbkreis mit Beteiligung von Peter Schopf (Meta Consult)."
    ),
    "Digitalisierungs- und KI-Projekt Vioonic": (
        "Unterstützung bei der Umsetzung eines Digitalisierungs- und KI-Projekts."
    ),
    "Workshop Generative KI im Produktmarketing": (
        "Folgeprojekt der Auftaktveranstaltung im Ostalbkreis: ein Workshop zu Generativer KI "
        "im Produktmarketing."
    ),
    "KI-Anwendungen in der Spulenfertigung": (
        "Folgeprojekt der Auftaktveranstaltung im Ostalbkreis: Diskussionen zu KI-Anwendungen "
        "in der Fertigung."
    ),
    "KI-Hackathon Nordschwarzwald": (
        "Der KI-Hackathon in der Region Nordschwarzwald ist für Juni 2025 geplant. Die Idee "
        "entstand, nachdem sich die Moderatorin Regine Haschka-Helmer (CEO Seedlab GmbH) und "
        "Markus Wagner (CEO Dynaico) auf der Auftaktveranstaltung im Ostalbkreis kennengelernt "
        "hatten."
    ),
}

# (date, kind, title, region slug or "") from section 4.3 and the events of 2024.
COMMUNICATIONS = [
    (
        datetime.date(2024, 3, 14),
        "linkedin_post",
        "Auftakt der KI-Allianz in Karlsruhe",
        "karlsruhe",
    ),
    (
        datetime.date(2024, 6, 10),
        "linkedin_post",
        "_w-AI-lness bei der Bunten Nacht der Digitalisierung",
        "karlsruhe",
    ),
    (
        datetime.date(2024, 7, 9),
        "press_release",
        "Auftaktveranstaltung der Region Stuttgart",
        "stuttgart",
    ),
    (
        datetime.date(2024, 9, 2),
        "press_release",
        "Green AI Day 2024: gemeinsame Pressekonferenz",
        "stuttgart",
    ),
    (datetime.date(2024, 9, 30), "newsletter", "Newsletter September 2024", ""),
    (datetime.date(2024, 10, 11), "linkedin_post", "Twin Transformation in Freiburg", "freiburg"),
    (datetime.date(2024, 11, 7), "linkedin_post", "Auftaktevent im Ostalbkreis", "ostalbkreis"),
    (
        datetime.date(2024, 11, 15),
        "magazine_article",
        "KI in der praktischen Anwendung bei Industriebetrieben",
        "neckar-alb",
    ),
    (datetime.date(2024, 12, 16), "newsletter", "Newsletter Dezember 2024", ""),
    (
        datetime.date(2024, 12, 18),
        "magazine_article",
        "Der EU AI Act: was Unternehmen jetzt wissen müssen",
        "",
    ),
]


@demo_loader(order=40)
def load_reporting(stdout=None) -> None:
    project = services.funding_project_get_or_create(
        funder_reference=PROJECT_FUNDER_REFERENCE,
        title=PROJECT_TITLE,
        start_date=PROJECT_START,
        end_date=PROJECT_END,
    )
    packages = {
        number: services.work_package_get_or_create(project=project, number=number, title=title)
        for number, title in WORK_PACKAGES
    }
    for position, (number, title, fields) in enumerate(TARGETS):
        services.target_get_or_create(
            work_package=packages[number], title=title, position=position, **fields
        )
    regions = {region.slug: region for region in Region.objects.all()}
    _load_transfer_projects(regions)
    _load_communications(regions)
    if stdout:
        stdout.write(f"Förderprojekt {project.funder_reference} mit {len(TARGETS)} Zielen\n")


def _load_transfer_projects(regions: dict) -> None:
    organisations = {
        organisation.name: organisation
        for organisation in organisations_as_of(as_of=timezone.localdate())
    }
    for title, slug, names, status, programme, offer_slug, initiated in TRANSFER_PROJECTS:
        if slug not in regions or TransferProject.objects.filter(title=title).exists():
            continue
        manager = User.objects.filter(username=f"cm-{slug}").first()
        services.transfer_project_create(
            title=title,
            region=regions[slug],
            community_manager=manager,
            status=status,
            funding_programme=programme,
            referral_offer=Offer.objects.filter(slug=offer_slug).first() if offer_slug else None,
            initiated_on=initiated,
            report_text=TRANSFER_REPORT_TEXTS.get(title, ""),
            organisations=[organisations[name] for name in names if name in organisations],
        )


def _load_communications(regions: dict) -> None:
    for day, kind, title, slug in COMMUNICATIONS:
        if CommunicationActivity.objects.filter(title=title, date=day).exists():
            continue
        services.communication_activity_create(
            date=day, kind=kind, title=title, region=regions.get(slug)
        )
