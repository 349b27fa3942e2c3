"""Every dated event of the 2024 interim report, as plain data.

Source: ``Zwischenverwendungsnachweis zum Jahr 2024`` (chapters 2.1, 3.2,
4.2.1, 4.3, 5.1, 6). Report texts are the report's own words with the PDF
line breaks and hyphenations removed, minus what the report now writes from
the fields (date, place, participants, co-organisers): see
``reporting/report/blocks/paragraphs.py``. The loader
(``events/demo/loader.py``) turns these records into calendar entries;
nothing here touches the database.

Conventions of the records:

- ``region`` is a region slug, or ``None`` for statewide meetings and
  appearances outside the six regions (``area`` says which).
- ``participants`` is the report's number; the loader stores it as actual
  participants for held events and as expected participants for planned ones.
- ``status`` is derived by the loader from ``AS_OF``: held up to and including
  the report's as-of date, planned after it — even where the report, written
  a few weeks later, already says "fand statt" (Freiburg's funding workshops
  on 28 February and 11 March 2025, the AHK San Francisco workshop).
- ``photos`` are ``(figure number, caption)``: "Bild N" of the report.
- ``work_packages``: the first one is the chapter that narrates the event
  (``[[block:berichte ap=N]]``): Global Connect and the international
  workshops count for AP5 only, as the report tells them in chapter 6.
- ``offers`` names entries of the offers list; ``ALL_OFFERS`` where the
  report says all sub-projects were presented.
- Undated mentions are left out: the KI-Hackathon "im Juni 2025", the
  Hannover Messe 2025, the Green AI Day 2025 and the referrals to the
  KI-Innovation Lab (Jagstzell, Vioonic) give no day, and a calendar entry
  needs one.

Green AI Day 2024: the report dates it twice, "08. September .2024" in
4.2.1 and "26. September 2024" in 5.1. We keep ONE event on 26 September
2024: 8 September 2024 was a Sunday, the 4.2.1 date carries a typo (the
stray dot), and 5.1 is the fuller account of the day.
"""

import datetime

AS_OF = datetime.date(2025, 2, 19)

GREEN_AI_DAY_TITLE = "Green AI Day 2024"
GREEN_AI_DAY_DATE = datetime.date(2024, 9, 26)
# Kept on the event itself (internal note), so whoever opens the record sees why.
GREEN_AI_DAY_NOTE = (
    "Datum geklärt: Der Bericht 2024 nennt den 08.09.2024 (Kap. 4.2.1) und den 26.09.2024 "
    "(Kap. 5.1). Erfasst ist der 26. September 2024, denn der 8. September 2024 war ein "
    "Sonntag, die Angabe in 4.2.1 enthält einen Tippfehler („08. September .2024“), und 5.1 "
    "ist der ausführlichere Bericht über den Tag."
)
ALL_OFFERS = "__all__"


def _text(value: str) -> str:
    """The report's paragraphs without the PDF's line breaks (a blank line
    separates paragraphs)."""
    return "\n\n".join(" ".join(part.split()) for part in value.split("\n\n") if part.strip())


d = datetime.date

# key -> (name, kind, region slug, city)
ORGANISATIONS = {
    "cyberforum": ("CyberForum e.V.", "association", "karlsruhe", "Karlsruhe"),
    "zrs": ("Zukunft.Raum.Schwarzwald", "association", "freiburg", ""),
    "innoport": ("INNOPORT Reutlingen", "association", "neckar-alb", "Reutlingen"),
    "koch": ("KOCH Freiburg GmbH", "company", "freiburg", "Freiburg"),
    "bican": ("Bican-IT Consulting", "company", "freiburg", ""),
    "sick": ("SICK AG", "company", "freiburg", "Waldkirch"),
    "maddox": ("Maddox AI", "startup", "neckar-alb", "Tübingen"),
    "relyon": ("relyon AG", "company", None, ""),
    "cmc_kiesel": ("CMC-Kiesel", "company", None, ""),
    "telenot": ("TELENOT", "company", "ostalbkreis", "Aalen"),
    "weisser": ("Weisser Spulenkörper GmbH & Co. KG", "company", "ostalbkreis", "Neresheim"),
    "meta_consult": ("Meta Consult", "company", None, ""),
    "jagstzell": ("Gemeinde Jagstzell", "municipality", "ostalbkreis", "Jagstzell"),
    "seedlab": ("Seedlab GmbH", "company", None, ""),
    "dynaico": ("Dynaico", "company", None, ""),
    "hs_aalen": ("Hochschule Aalen", "university", "ostalbkreis", "Aalen"),
    "iosb": ("Fraunhofer IOSB", "research_institute", "karlsruhe", "Karlsruhe"),
    "stadt_stuttgart": ("Stadt Stuttgart", "municipality", "stuttgart", "Stuttgart"),
    "wrs": ("Wirtschaftsförderung Region Stuttgart", "public_body", "stuttgart", "Stuttgart"),
    "bw_con": ("BW con", "public_body", "stuttgart", "Stuttgart"),
    "cyber_valley": ("Cyber Valley", "association", "stuttgart", "Stuttgart"),
    "women_in_ai": ("Women in AI & Robotics", "association", None, ""),
    "aok": ("AOK Baden-Württemberg", "public_body", "stuttgart", "Stuttgart"),
    "gft": ("GFT Technologies", "company", "stuttgart", "Stuttgart"),
    "uni_tuebingen": ("Universität Tübingen", "university", "neckar-alb", "Tübingen"),
    "transformationsnetzwerk": (
        "Transformationsnetzwerk Ostwürttemberg",
        "association",
        "ostalbkreis",
        "",
    ),
    "ihk_reutlingen": ("IHK Reutlingen", "chamber", "neckar-alb", "Reutlingen"),
    "dtz_karlsruhe": (
        "Digitales Transformationszentrum Karlsruhe",
        "association",
        "karlsruhe",
        "Karlsruhe",
    ),
    "diz": ("Digitales Innovationszentrum", "research_institute", "karlsruhe", "Karlsruhe"),
    "ahk_sf": ("AHK San Francisco", "chamber", None, "San Francisco"),
    "hs_nuertingen": ("Hochschule Nürtingen-Geislingen", "university", "stuttgart", "Nürtingen"),
}

# ---------------------------------------------------------------------------
# Chapter 2.1 — AP1: kick-off, status meetings, cross-project meetings.
# Internal: never public, statewide (the whole team meets).
# ---------------------------------------------------------------------------
INTERNAL_MEETINGS = [
    {
        "title": "Kick-off Community Management",
        "kind": "kick_off",
        "start_date": d(2024, 5, 8),
        "region": None,
        "area": "statewide",
        "city": "Stuttgart",
        "report_text": _text("""
            Mit nahezu vollständiger Besetzung der Community Manager:innen bildete es den
            offiziellen Auftakt des Projekts."""),
        "work_packages": [1],
    },
    {
        "title": "1. Statustreffen",
        "kind": "status_meeting",
        "start_date": d(2024, 10, 30),
        "region": None,
        "area": "statewide",
        "city": "Reutlingen",
        "report_text": _text("""
            Es widmete sich insbesondere der weiteren Ausgestaltung der im Förderantrag
            beschriebenen Arbeiten sowie offenen organisatorischen Fragen."""),
        "work_packages": [1],
    },
    {
        "title": "2. Statustreffen",
        "kind": "status_meeting",
        "start_date": d(2024, 12, 5),
        "region": None,
        "area": "statewide",
        "city": "Stuttgart",
        "report_text": _text("""
            Es diente der Detailplanung der Aufgaben sowie der Konzeption einer
            Bedarfsabfrage durch die Community Manager:innen bei Unternehmen in den
            Regionen."""),
        "work_packages": [1],
    },
    {
        "title": "3. Statustreffen",
        "kind": "status_meeting",
        "start_date": d(2025, 2, 17),
        "region": None,
        "area": "statewide",
        "city": "Karlsruhe",
        "report_text": _text("""
            Im Mittelpunkt stand die Überprüfung des Fortschritts im Hinblick auf die
            Förderziele."""),
        "work_packages": [1],
    },
    {
        "title": "Projektübergreifendes Treffen der KI-Allianz-Projekte",
        "kind": "cross_project_meeting",
        "start_date": d(2024, 7, 2),
        "region": None,
        "area": "statewide",
        "city": "Stuttgart",
        "offers": ALL_OFFERS,
        "report_text": _text("""
            Neben dem fachlichen Austausch wurden Videoaufnahmen der Verantwortlichen
            erstellt, die für ein Vorstellungsvideo der einzelnen Projekte genutzt wurden."""),
        "work_packages": [1],
    },
    {
        "title": "Virtuelles Treffen der Projektverantwortlichen",
        "kind": "cross_project_meeting",
        "start_date": d(2024, 11, 14),
        "region": None,
        "area": "statewide",
        "is_online": True,
        "offers": ALL_OFFERS,
        "report_text": _text("""
            Die Projektverantwortlichen teilten aktuelle Entwicklungen und stimmten
            gemeinsame Vorhaben ab."""),
        "work_packages": [1],
    },
    {
        "title": "Virtuelles Treffen der Projektverantwortlichen",
        "kind": "cross_project_meeting",
        "start_date": d(2025, 2, 19),
        "region": None,
        "area": "statewide",
        "is_online": True,
        "offers": ALL_OFFERS,
        "report_text": _text("""
            Die Projektverantwortlichen teilten aktuelle Entwicklungen und stimmten
            gemeinsame Vorhaben ab."""),
        "work_packages": [1],
    },
]

# ---------------------------------------------------------------------------
# Chapter 3.2 — AP2: planned KI-Challenge rounds 2025 (a round plus its
# calendar entry each).
# ---------------------------------------------------------------------------
KI_CHALLENGE_ROUNDS = [
    {
        "title": "KI-Challenge Karlsruhe: Smart Eco-Events",
        "theme": "Smart Eco-Events",
        "region": "karlsruhe",
        "start_date": d(2025, 5, 6),
        "end_date": d(2025, 5, 7),
        "venue": "Schloss Ettlingen",
        "city": "Ettlingen",
        "report_text": _text("""
            Das Thema befasst sich mit dem Einsatz von KI zur Reduzierung des ökologischen
            Fußabdrucks von Großveranstaltungen."""),
        "public_description": _text("""
            Auftakt der KI-Challenge in der Region Karlsruhe: Wie kann KI den ökologischen
            Fußabdruck von Großveranstaltungen verringern?"""),
    },
    {
        "title": "KI-Challenge Freiburg: Smart Sustainable Solutions",
        "theme": "Smart Sustainable Solutions",
        "region": "freiburg",
        "start_date": d(2025, 5, 14),
        "end_date": d(2025, 5, 14),
        "venue": "",
        "city": "",
        "report_text": _text("""
            Im Fokus steht insbesondere der Einsatz von KI-Methoden in Unternehmen und
            Behörden."""),
        "public_description": _text("""
            KI-Challenge in der Region Freiburg zum Einsatz von KI-Methoden in Unternehmen
            und Behörden."""),
    },
    {
        "title": "KI-Challenge Stuttgart: Green AI – Leben im Klimawandel",
        "theme": "Green AI – Leben im Klimawandel",
        "region": "stuttgart",
        "start_date": d(2025, 7, 7),
        "end_date": d(2025, 7, 8),
        "venue": "",
        "city": "Stuttgart",
        "report_text": _text("""
            Hinter dem Themenschwerpunkt verbergen sich vier Handlungsfelder rund um die
            Analyse, Prognose und Bürgerbeteiligung bei Klimaanpassungsmaßnahmen."""),
        "public_description": _text("""
            KI-Challenge in der Region Stuttgart: Analyse, Prognose und Bürgerbeteiligung bei
            Klimaanpassungsmaßnahmen."""),
    },
]

# ---------------------------------------------------------------------------
# Chapter 4.2.1 — AP3: events by location, with the report's figures.
#
# Photos: "position" is the report's figure number (Bild 1 … Bild 12). The
# report numbers its figures by chapter and region, not by date, so the
# numbering is reproduced by ordering ALL photos by position (and, within an
# event, its photos come out in the same order). The report's own sequence:
# Karlsruhe (1, 2), Stuttgart (3, 4), Freiburg (5, 6), Ostalbkreis (7, 8),
# then 4.3: Quantum Effects (9), make (10), AI Experience Room (11, 12).
# ---------------------------------------------------------------------------
REGIONAL_EVENTS = [
    # Karlsruhe
    {
        "title": "Auftaktveranstaltung der KI-Allianz Baden-Württemberg in Karlsruhe",
        "kind": "own_event",
        "start_date": d(2024, 3, 13),
        "region": "karlsruhe",
        "city": "Karlsruhe",
        "venue": "CyberForum e.V.",
        "participants": 115,
        "promoted_beyond_region": True,
        "size_override": "large",
        "size_override_reason": (
            "Offizieller Startpunkt der landesweiten KI-Allianz mit ca. 115 Teilnehmenden; "
            "die Programmdauer nennt der Bericht nicht."
        ),
        "co_organisers": ["cyberforum"],
        "offers": ALL_OFFERS,
        "topics": "KI-Allianz, Vorstellung der Teilprojekte",
        "report_text": _text("""
            Die erste Veranstaltung der KI-Allianz Baden-Württemberg eG diente als
            offizieller Startpunkt für die KI-Allianz. Neben der Vorstellung durch den
            damaligen Geschäftsführer Ingo Hoffmann und den Vorstand David Hermanns wurde
            der aktive Austausch zwischen den Teilnehmenden und das Kennenlernen der
            Community Manager:innen gefördert. Außerdem wurden die Teilprojekte unter dem
            Dach der KI-Allianz vorgestellt."""),
        "public_description": _text("""
            Offizieller Start der KI-Allianz Baden-Württemberg mit Vorstellung der
            Teilprojekte und Kennenlernen der Community Manager:innen."""),
        "work_packages": [3],
        "photos": [
            (1, "Erstes Gruppenfoto der KI-Allianz mit damaliger Besetzung"),
            (
                2,
                "David Hermanns stellt die KI-Allianz auf der Auftaktveranstaltung in "
                "Karlsruhe vor",
            ),
        ],
    },
    {
        "title": "_w-AI-lness – Bunte Nacht der Digitalisierung",
        "kind": "own_event",
        "start_date": d(2024, 6, 7),
        "region": "karlsruhe",
        "city": "Karlsruhe",
        "venue": "CyberForum e.V.",
        "offers": ALL_OFFERS,
        "topics": "KI, Podiumsdiskussion, Networking",
        "report_text": _text("""
            Im Rahmen der Bunten Nacht der Digitalisierung nahm die KI-Allianz
            Baden-Württemberg mit der eigenen Veranstaltung „_w-AI-lness“ teil. Geboten
            wurden Vorträge rund um das Thema KI, eine Podiumsdiskussion von KI-Expert:innen
            und die Gelegenheit, die Personen hinter den Projekten der KI-Allianz direkt
            kennenzulernen und sich mit unseren Partner:innen zu vernetzen. Der
            Veranstaltungsraum wurde für diesen besonderen Anlass in eine kühle
            Unterwasser-Oase verwandelt, die nicht nur ein einzigartiges Ambiente schaffte,
            sondern auch spannende Vorträge und Gespräche garantierte. Im Anschluss fand die
            Afterparty im TRIANGEL statt."""),
        "public_description": _text("""
            Vorträge, Podiumsdiskussion und Networking mit den Projekten der KI-Allianz bei
            der Bunten Nacht der Digitalisierung."""),
        "work_packages": [3],
    },
    # Stuttgart
    {
        "title": "Auftaktveranstaltung Region Stuttgart: „Wir stellen uns vor“",
        "kind": "own_event",
        "start_date": d(2024, 7, 8),
        "region": "stuttgart",
        "city": "Stuttgart",
        "participants": 200,
        "promoted_beyond_region": True,
        "size_override": "large",
        "size_override_reason": (
            "Über 200 Teilnehmende aus Wirtschaft, Wissenschaft und Politik, Bühnenprogramm "
            "und Networking; die Programmdauer nennt der Bericht nicht."
        ),
        "offers": ALL_OFFERS,
        "topics": "KI-Allianz, KI-Kofinanzierungsprojekte",
        "report_text": _text("""
            Unter dem Motto „Wir stellen uns vor“ lieferte die Auftaktveranstaltung der
            Region Stuttgart spannende Einblicke in die Arbeit, die Projekte und die
            Visionen der KI-Allianz Baden-Württemberg. Für die Teilnehmenden aus Wirtschaft,
            Wissenschaft und Politik bot das Event eine Plattform zum Netzwerken,
            Wissensaustausch und zur Initiierung neuer Projekte. Dabei wurden erstmalig alle
            Teilprojekte der KI-Allianz durch die Projektleiter:innen in einem Video
            vorgestellt. Das Ziel war es, die Vision und Schwerpunkte der Allianz zu
            präsentieren, die KI-Kofinanzierungsprojekte der Region Stuttgart vorzustellen
            und den Austausch relevanter Akteure zu fördern. Nach dem Bühnenprogramm bot das
            Netzwerk-Event Raum zum Austausch für Teilnehmende aus Politik, Verwaltung,
            Wirtschaft und Forschung."""),
        "public_description": _text("""
            Die KI-Allianz stellt sich in der Region Stuttgart vor: Projekte, Visionen und
            Networking."""),
        "work_packages": [3],
        "photos": [
            (3, "Impression der Auftaktveranstaltung in Stuttgart"),
            (4, "Podiumsdiskussion auf der Auftaktveranstaltung in Stuttgart"),
        ],
    },
    {
        # One event for the two dates of the report, see the module docstring.
        "title": GREEN_AI_DAY_TITLE,
        "kind": "workshop_new_topics",
        "start_date": GREEN_AI_DAY_DATE,
        "region": "stuttgart",
        "city": "Stuttgart",
        "alliance_role": "speaker",
        "participants": 300,
        "programme_hours": "8",
        "promoted_beyond_region": True,
        # The rules see a large event (300, all day, press conference), but
        # the alliance only hosted one breakout session of about 40.
        "size_override": "small",
        "size_override_reason": (
            "Veranstalter waren Stadt Stuttgart und WRS; die KI-Allianz gestaltete eine "
            "Breakout-Session mit ca. 40 Teilnehmenden."
        ),
        "organisations": [
            "stadt_stuttgart",
            "wrs",
            "bw_con",
            "cyber_valley",
            "women_in_ai",
            "aok",
            "iosb",
            "gft",
            "uni_tuebingen",
        ],
        "topics": "Nachhaltigkeit, Ethik, Responsible AI",
        "report_text": _text("""
            Der Green AI Day wurde 2024 von der Stadt Stuttgart und der Wirtschaftsförderung
            Region Stuttgart zum zweiten Mal veranstaltet und brachte Teilnehmende aus
            Wissenschaft, Wirtschaft und Politik zusammen, um nachhaltige und
            verantwortungsvolle KI-Entwicklung domänen- und sektorübergreifend zu
            diskutieren. Partner wie BW con, Cyber Valley, Women in AI & Robotics, AOK BW
            und andere unterstützten das Event. Die KI-Allianz Baden-Württemberg war als
            inhaltlicher Begleiter beteiligt, in der Vorplanung und als Session-Host zum
            eigens platzierten Thema „Ethik“: Sie organisierte eine Breakout-Session mit ca.
            40 Teilnehmenden. Unter dem Titel „Ethische KI – Freund oder Feind echter
            Nachhaltigkeit?“ diskutierten Expert:innen von Fraunhofer IOSB, GFT Technologies
            und der Universität Tübingen über Transparenz, Fairness, ökologische
            Verantwortung und unternehmerische Selbstverpflichtungen. Die vom Community
            Management geplante und moderierte Session bot einen Impulsvortrag zu
            „Responsible AI“, eine Panel-Diskussion und einen interaktiven Teil, der
            konkrete Maßnahmen zur Förderung ethischer KI erarbeitete. Teil der Bewerbung
            war eine geteilte Pressekonferenz (Stadt Stuttgart, WRS, KI-Allianz). 2025 tritt
            die KI-Allianz als Mitveranstalter des Green AI Day auf und engagiert sich
            weiterhin aktiv für nachhaltige, verantwortungsvolle KI."""),
        "public_description": _text("""
            Breakout-Session der KI-Allianz „Ethische KI – Freund oder Feind echter
            Nachhaltigkeit?“ beim Green AI Day in Stuttgart."""),
        "notes": GREEN_AI_DAY_NOTE,
        "work_packages": [4],
    },
    # Freiburg
    {
        "title": "Käpsele Festival Freiburg – KI-Allianz Baden-Württemberg Area",
        # The alliance's own station at the festival: narrated with the
        # region's events (4.2.1), as in the report.
        "kind": "own_event",
        "start_date": d(2024, 7, 15),
        "region": "freiburg",
        "city": "Freiburg",
        "venue": "Mundenhof",
        "alliance_role": "exhibitor",
        "participants": 900,
        "organisations": ["koch", "bican", "sick"],
        "offers": ALL_OFFERS,
        "report_text": _text("""
            Die KI-Allianz nahm am Käpsele Festival Freiburg auf dem Mundenhof-Gelände teil.
            In einer eigenen Erlebnisstation, der „KI-Allianz Baden-Württemberg Area“,
            präsentierte sie sich u. a. mit ihren Förderprojekten und informierte die
            Teilnehmenden über ihre Angebote. Außerdem waren verschiedene Unternehmen
            eingeladen, dort ihre innovativen Technologien vorzustellen. Unter anderem
            präsentierte die KOCH Freiburg GmbH eine KI-gestützte, zentrale
            Wissensplattform, die sowohl Kunden als auch Mitarbeitende unterstützt. Bican-IT
            Consulting generierte vor Ort KI-LinkedIn-Posts und erstellte digitale Avatare
            der Besucher:innen, und die SICK AG präsentierte verschiedene neuronale Netze,
            an denen Interessierte unter Anleitung selbst interaktiv arbeiten durften."""),
        "public_description": _text("""
            Die „KI-Allianz Baden-Württemberg Area“ auf dem Käpsele Festival: Projekte und
            KI-Anwendungen regionaler Unternehmen zum Ausprobieren."""),
        "work_packages": [3],
    },
    {
        "title": "Twin Transformation",
        "kind": "own_event",
        "start_date": d(2024, 10, 11),
        "region": "freiburg",
        "city": "Freiburg",
        "topics": "Nachhaltigkeit, KI, Digitalisierung",
        "report_text": _text("""
            Die Veranstaltung brachte Fachleute aus Wirtschaft, Wissenschaft und Politik
            zusammen, um die Synergien zwischen Nachhaltigkeit, KI und Digitalisierung zu
            beleuchten. Expert:innen wie Prof. Dr. Jens Strüker, Thomas Wiesler, Dr. Felix
            A. Zimmermann und Marlene O’Sullivan gaben Einblicke in erfolgreiche
            Transformationsstrategien. Moderiert von Florian Städtler bot die
            Podiumsdiskussion wertvolle Impulse, während das Networking den Austausch
            förderte. Die von der KI-Allianz organisierte Veranstaltung erhielt durchweg
            positive Rückmeldungen und zeigte den großen Bedarf an Wissenstransfer und
            Vernetzung."""),
        "public_description": _text("""
            Synergien zwischen Nachhaltigkeit, KI und Digitalisierung: Impulse,
            Podiumsdiskussion und Networking."""),
        "work_packages": [3],
    },
    {
        "title": "Digital for Future – Wege zur Transformation",
        "kind": "own_event",
        "start_date": d(2024, 11, 27),
        "region": "freiburg",
        "city": "Freiburg",
        "venue": "Lokhalle",
        "participants": 100,
        "size_override": "large",
        "size_override_reason": (
            "Ca. 100 Teilnehmende, Vorträge und interaktive Sessions an Demonstratoren; die "
            "Programmdauer nennt der Bericht nicht."
        ),
        "co_organisers": ["zrs"],
        "topics": "KI-Implementierung, Demonstratoren",
        "report_text": _text("""
            Das Ziel war es, Unternehmen durch praxisnahe Beispiele und interaktive Sessions
            zu inspirieren und zu unterstützen, KI-Technologien zu implementieren, um
            wettbewerbsfähig zu bleiben. Besonders an dieser Veranstaltung war die Mischung
            aus Vorträgen und interaktiven Sessions, bei denen sich die Teilnehmenden zu
            einem Demonstrator begeben konnten, für den sie sich besonders interessierten."""),
        "public_description": _text("""
            Praxisbeispiele, Vorträge und interaktive Sessions an Demonstratoren: Wege,
            KI im eigenen Unternehmen einzusetzen."""),
        "work_packages": [3],
        "photos": [
            (5, "Podiumsdiskussion auf der „Digital for Future“"),
            (6, "Teilnehmende, die auf der „Digital for Future“ ein Exponat präsentiert bekommen"),
        ],
    },
    # Neckar-Alb
    {
        "title": "Auftaktveranstaltung Region Neckar-Alb",
        "kind": "own_event",
        "start_date": d(2024, 6, 25),
        "region": "neckar-alb",
        "city": "Balingen",
        "venue": "Stadthalle Balingen",
        "organisations": ["maddox", "relyon", "cmc_kiesel"],
        "topics": "KI in der Qualitätskontrolle, Datenverarbeitung, 3D-Druck & VR",
        "report_text": _text("""
            Nach der Begrüßung durch Oberbürgermeister Dirk Abel stellte sich die KI-Allianz
            der Region vor. Fachvorträge behandelten u. a. KI in der Qualitätskontrolle
            (Maddox AI), automatisierte Datenverarbeitung (relyon AG) und KI im 3D-Druck &
            VR (CMC-Kiesel). Eine Diskussionsrunde beleuchtete Chancen und Herausforderungen
            der KI für Unternehmen. Beim abschließenden Networking konnten die Teilnehmenden
            Kontakte knüpfen und sich austauschen."""),
        "public_description": _text("""
            Die KI-Allianz stellt sich der Region Neckar-Alb vor: Fachvorträge,
            Diskussionsrunde und Networking in der Stadthalle Balingen."""),
        "work_packages": [3],
    },
    {
        "title": "KI-Night Reutlingen: KI in der praktischen Anwendung bei Industriebetrieben",
        "kind": "own_event",
        "start_date": d(2024, 11, 14),
        "region": "neckar-alb",
        "city": "Reutlingen",
        "participants": 30,
        "co_organisers": ["innoport"],
        "topics": "KI in der Industrie",
        "report_text": _text("""
            Im Rahmen der KI-Night wurde das Thema Künstliche Intelligenz für regionale
            Unternehmen in einem entspannten und interaktiven Format beleuchtet. Neben einer
            Vorstellung der KI-Allianz und einem kurzen einleitenden Beitrag zur Einordnung
            von KI hielten zwei Speaker praxisnahe Vorträge zum Einsatz von KI in der
            Industrie."""),
        "public_description": _text("""
            KI-Night: praxisnahe Vorträge zum Einsatz von KI in Industriebetrieben."""),
        "work_packages": [3],
    },
    # Ostalbkreis (the report names no town for the kick-off event)
    {
        "title": "Auftaktveranstaltung Ostalbkreis",
        "kind": "own_event",
        "start_date": d(2024, 11, 6),
        "region": "ostalbkreis",
        "organisations": ["telenot", "weisser", "meta_consult", "jagstzell", "seedlab", "dynaico"],
        "topics": "KI als Game Changer für KMU",
        "report_text": _text("""
            Das Auftaktevent bot Vorträge, Diskussionen und Networking-Sessions,
            Impulsvorträge von KI-Expert:innen aus Wissenschaft und Wirtschaft, darunter u.
            a. Peter Schopf, Dr.-Ing. Thomas Usländer, Prof. Dr. Martin Heckmann sowie
            Tatjana Djuric-Rissner. Ein zentraler Bestandteil war die Diskussionsrunde zum
            Thema „KI als Game Changer für KMU“, die aktiv Beiträge aus dem Publikum
            einbezog. Besonders erfreulich sind die konkreten Folgeprojekte, die sich aus
            der Veranstaltung ergeben bzw. angedeutet haben, darunter ein geplanter Workshop
            zu Generativer KI im Produktmarketing mit dem Unternehmen TELENOT, Diskussionen
            zu KI-Anwendungen mit der Weisser Spulenkörper GmbH & Co. KG sowie Überlegungen
            zur Förderung von KI-Projekten in Gemeinden wie Jagstzell (mit Beteiligung
            unseres Keynote-Speakers Peter Schopf, Meta Consult)."""),
        "public_description": _text("""
            Auftakt im Ostalbkreis: Impulsvorträge, Diskussionsrunde „KI als Game Changer für
            KMU“ und Networking."""),
        "work_packages": [3],
        "photos": [
            (7, "Podiumsdiskussion auf der Auftaktveranstaltung Ostalbkreis"),
            (8, "Impression der Auftaktveranstaltung Ostalbkreis"),
        ],
    },
]

# ---------------------------------------------------------------------------
# Chapter 4.3 — AP3: trade fairs, talks and partner events for visibility.
# ---------------------------------------------------------------------------
VISIBILITY_EVENTS = [
    {
        "title": "Wirtschaftsgespräch zur Eröffnung des 14. Popup-Labors BW",
        "kind": "talk",
        "start_date": d(2024, 4, 12),
        "region": "ostalbkreis",
        "city": "Neresheim",
        "alliance_role": "speaker",
        "organisations": ["weisser"],
        "topics": "Digitalisierung, KI, KMU",
        "report_text": _text("""
            Das Wirtschaftsgespräch markierte den Auftakt des 14. Popup-Labors BW und
            förderte den Austausch zwischen Unternehmen, Politik und Wissenschaft im
            Ostalbkreis. Der Fokus lag auf der Innovationsfähigkeit von KMU im Bereich
            Digitalisierung und Künstliche Intelligenz. Die Community Managerin des
            Ostalbkreises moderierte die zentrale Podiumsdiskussion, an der auch die
            Wirtschaftsministerin Dr. Nicole Hoffmeister-Kraut teilnahm, und nutzte die
            Gelegenheit, sich mit regionalen Unternehmen – darunter Weisser Spulenkörper –
            zu vernetzen."""),
        "public_description": _text("""
            Die KI-Allianz moderiert die Podiumsdiskussion zur Innovationsfähigkeit von KMU
            beim Wirtschaftsgespräch in Neresheim."""),
        "work_packages": [3],
    },
    {
        "title": "HANNOVER MESSE 2024",
        "kind": "trade_fair",
        "start_date": d(2024, 4, 22),
        "end_date": d(2024, 4, 26),
        "region": None,
        "area": "statewide",
        "city": "Hannover",
        "venue": "The Länd-Aussteller-Insel",
        "country": "Deutschland",
        "alliance_role": "exhibitor",
        "organisations": ["hs_aalen", "iosb"],
        "report_text": _text("""
            Die KI-Allianz war auf der The Länd-Aussteller-Insel der HANNOVER MESSE
            vertreten, einer Industriemesse mit großer internationaler Bedeutung, um ihre
            Angebote einem globalen Publikum zu präsentieren. Sie beteiligte sich an
            Networking- und Matchmaking-Angeboten und stimmte sich vor Ort mit der
            Hochschule Aalen und dem Fraunhofer IOSB ab."""),
        "public_description": _text("""
            Die KI-Allianz auf der The Länd-Aussteller-Insel der HANNOVER MESSE."""),
        "work_packages": [3, 5],
    },
    {
        "title": "About Pop Stuttgart – Panel „Künstliche Kreativität übernimmt“",
        "kind": "talk",
        "start_date": d(2024, 5, 17),
        "end_date": d(2024, 5, 18),
        "region": "stuttgart",
        "city": "Stuttgart",
        "alliance_role": "speaker",
        "topics": "Generative KI, Kreativbranche",
        "report_text": _text("""
            Die About Pop ist eine zentrale Plattform für Austausch und Teilhabe im
            Musikökosystem. Eine Community Managerin der Region Stuttgart brachte am ersten
            Tag ihre KI-Expertise in der Paneldiskussion „Künstliche Kreativität übernimmt“
            ein und diskutierte über die Chancen und Herausforderungen von Generativer
            Künstlicher Intelligenz in der Kreativbranche."""),
        "public_description": _text("""
            Panel „Künstliche Kreativität übernimmt“ über generative KI in der
            Kreativbranche, mit der KI-Allianz."""),
        "work_packages": [3],
    },
    {
        "title": "Digitaltag Freiburg",
        "kind": "talk",
        "start_date": d(2024, 6, 7),
        "region": "freiburg",
        "city": "Freiburg",
        "alliance_role": "speaker",
        "report_text": _text("""
            Die Community Manager:innen stellten dort die Angebote der KI-Allianz vor."""),
        "public_description": "Die KI-Allianz stellt ihre Angebote auf dem Digitaltag vor.",
        "work_packages": [3],
    },
    {
        "title": "Treffen der Wirtschaftsvertreter des Transformationsnetzwerks",
        "kind": "talk",
        "start_date": d(2024, 6, 12),
        "region": "ostalbkreis",
        "alliance_role": "speaker",
        "organisations": ["transformationsnetzwerk"],
        "report_text": _text("""
            Die Community Manager:innen stellten die KI-Allianz den Wirtschaftsvertretern
            des Transformationsnetzwerks im Ostalbkreis vor."""),
        "public_description": _text("""
            Die KI-Allianz stellt sich beim Transformationsnetzwerk Ostwürttemberg vor."""),
        "work_packages": [3],
    },
    {
        "title": "Cyber Valley Days",
        "kind": "talk",
        "start_date": d(2024, 6, 19),
        "region": "stuttgart",
        "city": "Stuttgart",
        "alliance_role": "speaker",
        "organisations": ["cyber_valley"],
        "report_text": _text("""
            Die Community Manager:innen präsentierten die Angebote der KI-Allianz."""),
        "public_description": "Die KI-Allianz auf den Cyber Valley Days in Stuttgart.",
        "work_packages": [3],
    },
    {
        "title": "Startup BW Summit – Länd of Opportunities",
        "kind": "trade_fair",
        "start_date": d(2024, 7, 11),
        "region": "stuttgart",
        "city": "Stuttgart",
        "venue": "Haus der Wirtschaft",
        "alliance_role": "exhibitor",
        "report_text": _text("""
            Die Community Manager:innen präsentierten die KI-Allianz im Länd of
            Opportunities."""),
        "public_description": _text("""
            Die KI-Allianz im Länd of Opportunities beim Startup BW Summit."""),
        "work_packages": [3],
    },
    {
        "title": "Offizielle Eröffnung des AI Experience Room Reutlingen",
        "kind": "co_organised",
        "start_date": d(2024, 9, 24),
        "region": "neckar-alb",
        "city": "Reutlingen",
        "venue": "AI Experience Room",
        "alliance_role": "co_organiser",
        "offers": ["AI Experience Room"],
        "report_text": _text("""
            Gemeinsam mit dem AI Experience Room Reutlingen organisierten die Community
            Manager:innen die große Eröffnungsfeier."""),
        "public_description": "Eröffnungsfeier des AI Experience Room in Reutlingen.",
        "work_packages": [3],
        "photos": [
            (11, "Offizielle Eröffnung des AI Experience Room Reutlingen"),
            (
                12,
                "Zwei Community Manager:innen der KI-Allianz im Publikum bei der Eröffnung "
                "des AI Experience Room",
            ),
        ],
    },
    {
        "title": "make Ostwürttemberg 2024",
        "kind": "trade_fair",
        "start_date": d(2024, 9, 28),
        "end_date": d(2024, 9, 29),
        "region": "ostalbkreis",
        "city": "Schwäbisch Gmünd",
        "venue": "Bosch-Gelände",
        "alliance_role": "exhibitor",
        "organisations": ["hs_aalen"],
        "topics": "Digitalisierung, Robotik, KI",
        "report_text": _text("""
            Die KI-Allianz BW präsentierte sich mit einem Messestand auf der MAKE
            Ostwürttemberg, um ihre Sichtbarkeit zu erhöhen und den Austausch mit der
            Hochschule Aalen sowie regionalen Unternehmen zu stärken. Ein Highlight war die
            Präsentation des Exponats „Die Welt durch KI-Augen“ durch Felix Gerschner,
            Forschender an der Hochschule Aalen. Die Veranstaltung bot eine Plattform für
            Fachgespräche rund um Digitalisierung, Robotik und Künstliche Intelligenz."""),
        "public_description": _text("""
            Messestand der KI-Allianz auf der make Ostwürttemberg mit dem Exponat „Die Welt
            durch KI-Augen“."""),
        "work_packages": [3],
        "photos": [(10, "Community Managerinnen der KI-Allianz auf der make Schwäbisch Gmünd")],
    },
    {
        "title": "Transformationskongress 2024",
        "kind": "talk",
        "start_date": d(2024, 10, 7),
        "region": "nordschwarzwald",
        "city": "Pforzheim",
        "alliance_role": "speaker",
        "report_text": _text("""
            Die Community Manager:innen präsentierten die Angebote der KI-Allianz."""),
        "public_description": "Die KI-Allianz auf dem Transformationskongress in Pforzheim.",
        "work_packages": [3],
    },
    {
        "title": "KI B³-Abschlussveranstaltung der IHK Reutlingen",
        "kind": "talk",
        "start_date": d(2024, 10, 7),
        "region": "neckar-alb",
        "city": "Reutlingen",
        "alliance_role": "speaker",
        "organisations": ["ihk_reutlingen"],
        "report_text": _text("""
            Die Community Manager:innen präsentierten die Angebote der KI-Allianz im
            Neckar-Alb-Kreis."""),
        "public_description": "Die KI-Allianz bei der KI B³-Abschlussveranstaltung der IHK.",
        "work_packages": [3],
    },
    {
        "title": "Quantum Effects 2024",
        "kind": "trade_fair",
        "start_date": d(2024, 10, 8),
        "end_date": d(2024, 10, 9),
        "region": "stuttgart",
        "city": "Stuttgart",
        "alliance_role": "exhibitor",
        "topics": "Quantentechnologien, KI, Internationalisierung",
        "report_text": _text("""
            Als führende Fachmesse für Quanten-Technologien in Europa bringt die Quantum
            Effects Unternehmen, Forschende und Start-ups zusammen. Die Community
            Manager:innen der KI-Allianz BW waren mit einem Stand vertreten, um die Allianz
            als zentrale Anlaufstelle für KI zu positionieren. Die Veranstaltung bot zudem
            eine Gelegenheit, Kontakte mit Schlüsselakteuren aus Wirtschaft und Wissenschaft
            zu vertiefen. Für 2025 ist neben dem Messestand eine Seitenveranstaltung der
            KI-Allianz zur Messe und eine inhaltliche Beteiligung an einem Bühnenprogramm in
            Planung."""),
        "public_description": _text("""
            Stand der KI-Allianz auf der Quantum Effects, der Fachmesse für
            Quantentechnologien."""),
        "work_packages": [3, 5],
        "photos": [(9, "Community Managerinnen der KI-Allianz auf der Quantum Effects Messe")],
    },
    {
        "title": "Tag der offenen Tür im AI Experience Room Reutlingen",
        "kind": "co_organised",
        "start_date": d(2024, 10, 19),
        "region": "neckar-alb",
        "city": "Reutlingen",
        "venue": "AI Experience Room",
        "alliance_role": "supporter",
        "offers": ["AI Experience Room"],
        "report_text": _text("""
            Die Community Manager:innen begleiteten den Tag der offenen Tür des AI
            Experience Room Reutlingen."""),
        "public_description": "Tag der offenen Tür im AI Experience Room Reutlingen.",
        "work_packages": [3],
    },
]

# ---------------------------------------------------------------------------
# Chapter 5.1 — AP4: workshops on new topics and on funding. (The Green AI
# Day, the 2024 workshop on new topics, is kept with the Stuttgart events.)
# ---------------------------------------------------------------------------
WORKSHOPS = [
    {
        "title": "Digitalisierung & KI – Impuls, Workshop, Fördermöglichkeiten",
        "kind": "funding_workshop",
        "start_date": d(2025, 2, 28),
        "region": "freiburg",
        "city": "Freiburg",
        "topics": "Digitalisierungsprämie BW, Forschungszulage, ZIM",
        "report_text": _text("""
            Vorträge über verschiedene Fördermöglichkeiten, insbesondere zur
            Digitalisierungsprämie BW, der steuerlichen Forschungszulage und dem Zentralen
            Innovationsprogramm Mittelstand (ZIM)."""),
        "public_description": _text("""
            Impuls und Workshop zu Fördermöglichkeiten für Digitalisierung und KI:
            Digitalisierungsprämie BW, Forschungszulage und ZIM."""),
        "work_packages": [4],
    },
    {
        "title": "Digitalisierung & KI – Impuls, Workshop, Fördermöglichkeiten",
        "kind": "funding_workshop",
        "start_date": d(2025, 3, 11),
        "region": "freiburg",
        "city": "Freiburg",
        "topics": "Digitalisierungsprämie BW, Forschungszulage, ZIM",
        "report_text": _text("""
            Zweiter Termin des Workshops mit denselben Schwerpunkten: Digitalisierungsprämie
            BW, Forschungszulage und ZIM."""),
        "public_description": _text("""
            Impuls und Workshop zu Fördermöglichkeiten für Digitalisierung und KI:
            Digitalisierungsprämie BW, Forschungszulage und ZIM."""),
        "work_packages": [4],
    },
    {
        "title": "Der EU AI Act: Chancen, Pflichten und Auswirkungen für Unternehmen",
        "kind": "workshop_new_topics",
        "start_date": d(2025, 3, 20),
        "region": "nordschwarzwald",
        "topics": "EU AI Act",
        "report_text": _text("""
            Der erste Workshop einer Reihe von Vorträgen zum EU AI Act, organisiert von der
            Region Nordschwarzwald."""),
        "public_description": _text("""
            Workshop zum EU AI Act: Was Unternehmen jetzt wissen und tun müssen."""),
        "work_packages": [4],
    },
    {
        "title": "Fördermöglichkeiten für KI-Projekte (Workshop 1)",
        "kind": "funding_workshop",
        "start_date": d(2025, 4, 3),
        "region": "karlsruhe",
        "city": "Karlsruhe",
        "co_organisers": ["diz"],
        "report_text": _text("""
            Der erste von zwei Workshops, um Interessierte über Fördermöglichkeiten zu
            informieren."""),
        "public_description": _text("""
            Workshop mit dem Digitalen Innovationszentrum über Fördermöglichkeiten für
            KI-Projekte."""),
        "work_packages": [4],
    },
]

# ---------------------------------------------------------------------------
# Chapter 6 — AP5: internationalisation (fairs, delegations, talks, workshops).
# Talks of the internationalisation manager go to the region of the place
# where it is one of the six, otherwise statewide.
# ---------------------------------------------------------------------------
INTERNATIONAL_EVENTS = [
    {
        "title": "Delegation aus den Niederlanden",
        "kind": "delegation_visit",
        "start_date": d(2024, 6, 11),
        "region": None,
        "area": "statewide",
        "alliance_role": "organiser",
        "topics": "KI & Robotik",
        "report_text": _text("""
            Eine Delegation aus den Niederlanden wurde mit ansässigen Unternehmen bei
            B2B-Gesprächen sowie über Firmenbesuche bei regionalen Unternehmen aus dem
            Bereich KI & Robotik zusammengebracht. Diese Gespräche resultierten u. a. in
            Aufträgen für ein regionales Unternehmen im Bereich der KI-basierten
            Qualitätskontrolle, für ein Unternehmen aus dem Bereich KI & Robotik in der
            Medizintechnik in wertvollen Kontakten und mittelfristig in der Verleihung des
            Deutsch-Niederländischen Innovationspreises."""),
        "public_description": _text("""
            B2B-Gespräche und Firmenbesuche einer niederländischen Delegation bei
            KI- und Robotik-Unternehmen in Baden-Württemberg."""),
        "work_packages": [5],
    },
    {
        "title": "Delegation aus Taiwan",
        "kind": "delegation_visit",
        "start_date": d(2024, 7, 1),
        "region": None,
        "area": "statewide",
        "alliance_role": "speaker",
        "report_text": _text("""
            Beim Empfang einer Delegation aus Taiwan wurde die KI-Allianz durch eine
            Community Managerin vorgestellt."""),
        "public_description": "Empfang einer Delegation aus Taiwan.",
        "work_packages": [5],
    },
    {
        "title": "Messestand in der Landesvertretung Brüssel: EU AI Act",
        "kind": "trade_fair",
        "start_date": d(2024, 9, 26),
        "region": None,
        "area": "abroad",
        "city": "Brüssel",
        "venue": "Landesvertretung Baden-Württemberg bei der EU",
        "country": "Belgien",
        "alliance_role": "exhibitor",
        "topics": "EU AI Act",
        "report_text": _text("""
            Die KI-Allianz war mit einem Messestand in der Landesvertretung vertreten, um
            den EU AI Act zu thematisieren."""),
        "public_description": "Stand der KI-Allianz zum EU AI Act in der Landesvertretung.",
        "work_packages": [5],
    },
    {
        "title": "AIxIA-Konferenz",
        "kind": "conference",
        "start_date": d(2024, 10, 16),
        "end_date": d(2024, 10, 17),
        "region": "karlsruhe",
        "city": "Karlsruhe",
        "alliance_role": "speaker",
        "organisations": ["dtz_karlsruhe"],
        "topics": "Französisch-deutsche Zusammenarbeit, KI",
        "report_text": _text("""
            Die Konferenz stärkte die französisch-deutsche Zusammenarbeit im Bereich KI. Die
            KI-Allianz unterstützte das Digitale Transformationszentrum Karlsruhe, und eine
            Community Managerin der KI-Allianz hielt einen Vortrag."""),
        "public_description": _text("""
            Französisch-deutsche KI-Konferenz mit einem Vortrag der KI-Allianz."""),
        "work_packages": [5],
    },
    {
        "title": "Global Connect 2024",
        "kind": "trade_fair",
        "start_date": d(2024, 11, 19),
        "end_date": d(2024, 11, 20),
        "region": "stuttgart",
        "city": "Stuttgart",
        "alliance_role": "exhibitor",
        "topics": "EU AI Act, Internationalisierung",
        "report_text": _text("""
            Die KI-Allianz war mit einem Marktstand sowie mit einem Vortrag der
            Internationalisierungs-Community Managerin zur europäischen KI-Verordnung (EU AI
            Act) präsent, um insbesondere kleine und mittelständische Unternehmen bei der
            Umsetzung des AI Acts und bei der internationalen Vernetzung zu unterstützen."""),
        "public_description": _text("""
            Marktstand und Vortrag der KI-Allianz zum EU AI Act auf der Global Connect."""),
        "work_packages": [5],
    },
    {
        "title": "Delegation aus der Slowakei: KI & Gesundheitswirtschaft",
        "kind": "delegation_visit",
        "start_date": d(2024, 11, 28),
        "region": None,
        "area": "statewide",
        "alliance_role": "speaker",
        "topics": "KI & Gesundheitswirtschaft",
        "report_text": _text("""
            Eine Delegation aus der Slowakei wurde zum Thema KI & Gesundheitswirtschaft
            empfangen, um die KI-Allianz vorzustellen und mögliche Kooperationen zwischen
            baden-württembergischen Unternehmen und slowakischen Partnern zu vernetzen."""),
        "public_description": _text("""
            Empfang einer slowakischen Delegation zum Thema KI & Gesundheitswirtschaft."""),
        "work_packages": [5],
    },
    {
        "title": "Einführungsvortrag EU AI Act im IHK-Außenwirtschaftsausschuss Schwarzwald-Baar",
        "kind": "talk",
        "start_date": d(2025, 1, 27),
        "region": None,
        "area": "statewide",
        "venue": "IHK-Außenwirtschaftsausschuss Schwarzwald-Baar",
        "alliance_role": "speaker",
        "topics": "EU AI Act, Geopolitik",
        "report_text": _text("""
            Einführungsvortrag der Community Managerin Internationalisierung zur
            europäischen KI-Verordnung sowie zu geopolitischen Aspekten rund um KI."""),
        "public_description": "Einführungsvortrag zur europäischen KI-Verordnung.",
        "work_packages": [5],
    },
    {
        "title": "Einführungsvortrag EU AI Act an der HS Nürtingen-Geislingen",
        "kind": "talk",
        "start_date": d(2025, 3, 10),
        "region": "stuttgart",
        "city": "Nürtingen",
        "alliance_role": "speaker",
        "organisations": ["hs_nuertingen"],
        "topics": "EU AI Act, Geopolitik",
        "report_text": _text("""
            Einführungsvortrag der Community Managerin Internationalisierung zur
            europäischen KI-Verordnung an einer Hochschule."""),
        "public_description": "Einführungsvortrag zur europäischen KI-Verordnung.",
        "work_packages": [5],
    },
    {
        "title": "Strategische Weitsicht für KI-Transformation",
        "kind": "workshop_new_topics",
        "start_date": d(2025, 3, 11),
        "region": None,
        "area": "statewide",
        "co_organisers": ["ahk_sf"],
        "topics": "Internationale KI-Strategien, strategische Weitsicht",
        "report_text": _text("""
            Ein Impulsworkshop, der Unternehmen praxisnahe Einblicke in internationale
            KI-Strategien und in die Relevanz strategischer Weitsicht für die eigene
            Unternehmenszukunft gibt."""),
        "public_description": _text("""
            Impulsworkshop mit der AHK San Francisco zu internationalen KI-Strategien."""),
        "work_packages": [5],
    },
    {
        "title": "Einführungsvortrag EU AI Act im IHK-Außenwirtschaftsausschuss Reutlingen",
        "kind": "talk",
        "start_date": d(2025, 3, 17),
        "region": "neckar-alb",
        "city": "Reutlingen",
        "venue": "IHK-Außenwirtschaftsausschuss Reutlingen",
        "alliance_role": "speaker",
        "organisations": ["ihk_reutlingen"],
        "topics": "EU AI Act, Geopolitik",
        "report_text": _text("""
            Einführungsvortrag der Community Managerin Internationalisierung zur
            europäischen KI-Verordnung im IHK-Außenwirtschaftsausschuss."""),
        "public_description": "Einführungsvortrag zur europäischen KI-Verordnung.",
        "work_packages": [5],
    },
    {
        "title": "Conversational AI Days: Vortrag EU AI Act",
        "kind": "talk",
        "start_date": d(2025, 3, 21),
        "region": None,
        "area": "statewide",
        "alliance_role": "speaker",
        "topics": "EU AI Act",
        "report_text": _text("""
            Einführungsvortrag zur europäischen KI-Verordnung bei einer regionalen
            Veranstaltung."""),
        "public_description": "Vortrag zur europäischen KI-Verordnung.",
        "work_packages": [5],
    },
    {
        "title": "Webinar: Einführung in die europäische KI-Verordnung",
        "kind": "webinar",
        "start_date": d(2025, 3, 26),
        "region": None,
        "area": "statewide",
        "is_online": True,
        "topics": "EU AI Act",
        "report_text": _text("""
            Einführung in die europäische KI-Verordnung, virtuell als Webinar."""),
        "public_description": "Webinar zur europäischen KI-Verordnung (EU AI Act).",
        "work_packages": [5],
    },
    {
        "title": "B2B-Gespräche mit kanadischen KI-Unternehmen",
        "kind": "own_event",
        "start_date": d(2025, 3, 27),
        "region": None,
        "area": "statewide",
        "topics": "Kanada, B2B",
        "report_text": _text("""
            B2B-Gespräche zwischen baden-württembergischen Unternehmen und kanadischen
            KI-Unternehmen unter Teilnahme des kanadischen Trade Commissioners. Sie gehen
            auf die Quantum Effects zurück: Dort lotete die auf Internationalisierung
            spezialisierte Community Managerin Kooperationen aus und führte Gespräche mit
            international tätigen Unternehmen an der Schnittstelle von KI und
            Quantencomputing sowie mit Ministerienvertreter:innen aus Kanada, Spanien, UK,
            der Region Flandern sowie dem Baskenland."""),
        "public_description": _text("""
            B2B-Gespräche zwischen baden-württembergischen und kanadischen
            KI-Unternehmen."""),
        "work_packages": [5],
    },
    {
        "title": "KI-basierte Anwendungen für den internationalen Vertrieb (Teil 1: Grundlagen)",
        "kind": "workshop_new_topics",
        "start_date": d(2025, 4, 10),
        "region": None,
        "area": "statewide",
        "topics": "Internationaler Vertrieb, Export",
        "report_text": _text("""
            Teil 1 eines zweiteiligen Workshops zu den Grundlagen und zur technischen
            Umsetzung von KI-basierten Anwendungen für den internationalen Vertrieb, um
            mittelständische Unternehmen in ihren Exportaktivitäten zu unterstützen."""),
        "public_description": _text("""
            Workshop für den Mittelstand: KI-Anwendungen im internationalen Vertrieb,
            Teil 1 (Grundlagen)."""),
        "work_packages": [5],
    },
    {
        "title": "KI-basierte Anwendungen für den internationalen Vertrieb "
        "(Teil 2: technische Umsetzung)",
        "kind": "workshop_new_topics",
        "start_date": d(2025, 4, 30),
        "region": None,
        "area": "statewide",
        "topics": "Internationaler Vertrieb, Export",
        "report_text": _text("""
            Teil 2 des Workshops: die technische Umsetzung KI-basierter Anwendungen für den
            internationalen Vertrieb."""),
        "public_description": _text("""
            Workshop für den Mittelstand: KI-Anwendungen im internationalen Vertrieb,
            Teil 2 (technische Umsetzung)."""),
        "work_packages": [5],
    },
]

# Chapter label -> records, in the report's order (the loader's summary).
CHAPTERS = [
    ("2.1 Kick-off, Statustreffen, Projekttreffen", INTERNAL_MEETINGS),
    ("4.2.1 Veranstaltungen nach Standort", REGIONAL_EVENTS),
    ("4.3 Messe- und Veranstaltungsteilnahmen", VISIBILITY_EVENTS),
    ("5.1 Workshops und Fördermittel", WORKSHOPS),
    ("6 Internationalisierung", INTERNATIONAL_EVENTS),
]
