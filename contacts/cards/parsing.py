"""Plain text of a business card → fields, with German and English rules.

Cards vary, so each field has its own recogniser and a line is used by one
field at most: contact lines (email, web, phones) first, then the address,
the organisation (a legal form or an organisation word), then the name
(confirmed by the email's local part where possible) and the job title.
"""

import re
import unicodedata

import phonenumbers

from contacts.cards.fields import CardFields, format_phone

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
WEBSITE_RE = re.compile(
    r"\b((?:https?://)?(?:www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/\S*)?"
    r"|https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/\S*)?)",
    re.IGNORECASE,
)
POSTCODE_RE = re.compile(r"\b(?:D-)?\d{5}\s+[A-ZÄÖÜ][\wäöüß.-]+")
STREET_RE = re.compile(
    r"(stra(ss|ß)e|str\.|weg|platz|allee|gasse|ring|damm|ufer|markt|park|street|road|avenue)"
    r"\s*\d+\s*[a-z]?\b",
    re.IGNORECASE,
)
MOBILE_LABEL_RE = re.compile(r"^\s*(mobil|mobile|handy|cell|m)\b\.?\s*[:.]?", re.IGNORECASE)
PHONE_LABEL_RE = re.compile(r"^\s*(tel|telefon|phone|fon|t|p)\b\.?\s*[:.]?", re.IGNORECASE)
FAX_LABEL_RE = re.compile(r"^\s*(fax|f)\b\.?\s*[:.]?", re.IGNORECASE)
CONTACT_LABEL_RE = re.compile(r"^\s*(e-?mail|mail|e|web|www|internet|w)\s*[:.]\s*", re.IGNORECASE)

LEGAL_FORM_RE = re.compile(
    r"(?<![\w])(gmbh\s*&\s*co\.?\s*kg|ggmbh|gmbh|mbh|ag|kgaa|kg|ohg|gbr|eg|e\.\s?g\.|e\.\s?v\.|"
    r"se|ug(\s*\(haftungsbeschränkt\))?|inc\.?|ltd\.?|llc|plc|s\.a\.|b\.v\.|sarl)(?![\w])",
    re.IGNORECASE,
)
ORGANISATION_WORDS_RE = re.compile(
    r"\b(hochschule|universität|university|institut|institute|fraunhofer|stadt|landkreis|"
    r"gemeinde|ihk|handwerkskammer|kammer|verband|verein|stiftung|netzwerk|cluster|agentur|"
    r"zentrum|center|centre|labs?|gruppe|group|werke|akademie|academy|ministerium|amt)\b",
    re.IGNORECASE,
)
TITLE_WORDS_RE = re.compile(
    r"(geschäftsführ|leiter|leitung|head|manager|direktor|director|chief|ceo|cto|cfo|coo|"
    r"referent|berater|consultant|engineer|ingenieur|entwickler|developer|inhaber|owner|"
    r"vorstand|vorsitz|founder|gründer|professor|sales|vertrieb|marketing|projekt|project|"
    r"assistenz|assistant|koordinat|wissenschaft|scientist|partner|specialist|spezialist|"
    r"officer|präsident|president|abteilung|team)",
    re.IGNORECASE,
)
ACADEMIC_RE = re.compile(r"^((prof\.|dr\.|dipl\.-\w+\.?|mag\.|ing\.)\s*)+", re.IGNORECASE)
NAME_PARTICLES = {"von", "van", "de", "der", "den", "zu", "vom", "di", "da", "le"}
NAME_TOKEN_RE = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèáàíóúñç]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàíóúñç]+)*$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _ascii(text: str) -> str:
    text = text.lower().translate(_UMLAUTS)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _clean_lines(text: str) -> list[str]:
    # NFKC: tesseract writes ligatures („ﬀ“, „ﬁ“) that no email pattern knows.
    text = unicodedata.normalize("NFKC", text)
    lines = []
    for raw in text.splitlines():
        # OCR noise: stray bars and bullets around the text.
        line = re.sub(r"[|•·«»_~]+", " ", raw)
        line = re.sub(r"\s+", " ", line).strip(" ,;-")
        if len(re.sub(r"\W", "", line)) >= 2:
            lines.append(line)
    return lines


def _fix_email_text(line: str) -> str:
    line = re.sub(r"\s*(\(at\)|\[at\])\s*", "@", line, flags=re.IGNORECASE)
    line = re.sub(r"\s*@\s*", "@", line)
    if "@" in line:
        # OCR puts spaces after the dots: „anna. keller@example. de“.
        line = re.sub(r"\s*([.\-_])\s*(?=[\w])", r"\1", line)
        # … and sometimes inside a word: „katrin.hof fmann@…“. Lower-case
        # pieces right before the address belong to it; a label does not.
        tokens = line.split(" ")
        at = next(i for i, token in enumerate(tokens) if "@" in token)
        start = at
        while start > 0 and re.fullmatch(r"[a-z0-9._-]+", tokens[start - 1]):
            start -= 1
        line = " ".join([*tokens[:start], "".join(tokens[start : at + 1]), *tokens[at + 1 :]])
    return line


def _phones(line: str) -> list[str]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(line, "DE", leniency=phonenumbers.Leniency.VALID):
        found.append(
            phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        )
    if not found:
        digits = re.sub(r"[^\d+]", "", line)
        if 8 <= len(digits.lstrip("+")) <= 15:
            formatted = format_phone(digits)
            if formatted.startswith("+"):
                found.append(formatted)
    return found


def is_mobile(number_text: str) -> bool:
    try:
        number = phonenumbers.parse(number_text, "DE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE


def _split_name(line: str) -> tuple[str, str]:
    line = ACADEMIC_RE.sub("", line).strip()
    tokens = line.split()
    if len(tokens) < 2:
        return "", line
    # „Anna von Berg“: the particle belongs to the last name.
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1].lower() in NAME_PARTICLES:
        cut -= 1
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


def _looks_like_name(line: str) -> bool:
    if any(ch.isdigit() for ch in line) or "@" in line:
        return False
    if LEGAL_FORM_RE.search(line) or ORGANISATION_WORDS_RE.search(line):
        return False
    if TITLE_WORDS_RE.search(line):
        return False
    tokens = ACADEMIC_RE.sub("", line).split()
    if not 2 <= len(tokens) <= 4:
        return False
    names = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    return len(names) >= 2 and all(NAME_TOKEN_RE.match(t) for t in names)


def _name_matches_email(line: str, email: str) -> bool:
    if not email:
        return False
    local = _ascii(email.split("@", 1)[0])
    parts = [p for p in re.split(r"[^a-z]+", local) if len(p) > 1]
    tokens = [_ascii(t) for t in ACADEMIC_RE.sub("", line).split()]
    return any(p in tokens or any(t.startswith(p) for t in tokens) for p in parts) or any(
        len(t) > 2 and t in local for t in tokens
    )


def parse_card_text(text: str) -> CardFields:
    fields = CardFields()
    lines = _clean_lines(text)
    used: set[int] = set()

    for index, line in enumerate(lines):
        fixed = _fix_email_text(line)
        email = EMAIL_RE.search(fixed)
        if email and not fields.email:
            fields.email = email.group(0).strip(".").lower()
            used.add(index)
            continue
        website = WEBSITE_RE.search(re.sub(r"(?i)\b(www|https?://\S*?)\s*\.\s*", r"\1.", line))
        if website and not fields.website:
            url = website.group(0).rstrip(".,;/")
            fields.website = url if "://" in url else f"https://{url.lower()}"
            used.add(index)
            continue
        if FAX_LABEL_RE.match(line) and not PHONE_LABEL_RE.match(line):
            used.add(index)
            continue
        if sum(ch.isdigit() for ch in line) >= 6 and not POSTCODE_RE.search(line):
            numbers = _phones(line)
            if not numbers:
                continue
            used.add(index)
            labelled_mobile = bool(MOBILE_LABEL_RE.match(line))
            labelled_phone = bool(PHONE_LABEL_RE.match(line)) and not labelled_mobile
            for number in numbers:
                mobile = labelled_mobile or (not labelled_phone and is_mobile(number))
                if mobile and not fields.mobile:
                    fields.mobile = number
                elif not mobile and not fields.phone:
                    fields.phone = number

    if not fields.website and fields.email:
        domain = fields.email.split("@", 1)[1]
        for index, line in enumerate(lines):
            found = re.search(rf"[\w.-]*{re.escape(domain)}", line.lower().replace(" ", ""))
            if index not in used and found:
                fields.website = f"https://{found.group(0).strip('.')}"
                used.add(index)
                break

    for index, line in enumerate(lines):
        if index in used or not POSTCODE_RE.search(line):
            continue
        # „Hauptstraße 1 · 76131 Karlsruhe“ on one line: the dot is read as anything.
        postcode = POSTCODE_RE.search(line)
        street_part = line[: postcode.start()].rstrip(" ,.:;+-·*")
        address = [street_part, line[postcode.start() :]] if street_part else [line]
        used.add(index)
        previous = lines[index - 1] if index > 0 and index - 1 not in used else ""
        if STREET_RE.search(line) is None and re.search(r"\d", previous):
            address.insert(0, previous)
            used.add(index - 1)
        fields.address = ", ".join(address)
        break
    if not fields.address:
        for index, line in enumerate(lines):
            if index not in used and STREET_RE.search(line):
                fields.address = line
                used.add(index)
                break

    free = [(i, line) for i, line in enumerate(lines) if i not in used]
    organisation_index = None
    for index, line in free:
        if LEGAL_FORM_RE.search(line):
            organisation_index = index
            break
    if organisation_index is None:
        for index, line in free:
            if ORGANISATION_WORDS_RE.search(line) and not TITLE_WORDS_RE.search(line):
                organisation_index = index
                break
    if organisation_index is not None:
        fields.organisation = lines[organisation_index]
        used.add(organisation_index)

    free = [(i, line) for i, line in enumerate(lines) if i not in used]
    candidates = [(i, line) for i, line in free if _looks_like_name(line)]
    name_index = None
    for index, line in candidates:
        if _name_matches_email(line, fields.email):
            name_index = index
            break
    if name_index is None and candidates:
        name_index = candidates[0][0]
    if name_index is not None:
        fields.first_name, fields.last_name = _split_name(lines[name_index])
        used.add(name_index)

    free = [(i, line) for i, line in enumerate(lines) if i not in used]
    titled = [(i, line) for i, line in free if TITLE_WORDS_RE.search(line)]
    if titled:
        fields.title = titled[0][1]
        used.add(titled[0][0])
    elif name_index is not None:
        following = [(i, line) for i, line in free if i == name_index + 1]
        if following and not any(ch.isdigit() for ch in following[0][1]):
            fields.title = following[0][1]
            used.add(following[0][0])

    if not fields.organisation:
        # No legal form: the first remaining line that is not a slogan.
        for index, line in enumerate(lines):
            if index not in used and len(line.split()) <= 5 and not line.endswith("."):
                fields.organisation = line
                break
    return fields
