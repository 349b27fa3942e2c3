"""The ``[[…]]`` references a narrative may contain.

``[[wert:KEY name=value …]]`` puts a live value into a sentence;
a line holding only ``[[block:KEY name=value …]]`` places a data block there.
This module finds and parses them; what a key means lives in
``reporting/report/values.py`` (values) and the block registry (blocks).
Every problem is a :class:`ReferenceProblem` naming line and column, never
an exception: the writer sees it in the editor, the preview and the check.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

VALUE = "wert"
BLOCK = "block"
KINDS = (VALUE, BLOCK)

TOKEN = re.compile(r"\[\[(?P<body>[^\[\]\n]*)\]\]")
HEAD = re.compile(r"^(?P<kind>[A-Za-z_]+)\s*:\s*(?P<key>[^\s]*)(?P<rest>.*)$", re.S)
ARGUMENT = re.compile(
    r'\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?:"(?P<quoted>[^"]*)"|(?P<plain>[^\s"]+))'
)


@dataclass(frozen=True)
class Position:
    offset: int
    line: int
    column: int

    def describe(self) -> str:
        return gettext("Zeile %(line)s, Spalte %(column)s") % {
            "line": self.line,
            "column": self.column,
        }


@dataclass(frozen=True)
class ReferenceProblem:
    position: Position
    message: str
    raw: str = ""

    def describe(self) -> str:
        return f"{self.position.describe()}: {self.message}"


@dataclass
class Reference:
    kind: str
    key: str
    args: dict[str, str]
    raw: str
    start: int
    end: int
    position: Position
    # A block must stand alone on its line; values may sit anywhere.
    standalone: bool = False
    problems: list[ReferenceProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, message: str) -> ReferenceProblem:
        found = ReferenceProblem(self.position, message, self.raw)
        self.problems.append(found)
        return found


def position_at(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Position(offset=offset, line=line, column=column)


def _standalone(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def parse(text: str) -> tuple[list[Reference], list[ReferenceProblem]]:
    """All references in document order, and problems outside any reference
    (an opening ``[[`` that is never closed)."""
    text = text or ""
    references = []
    covered: list[tuple[int, int]] = []
    for match in TOKEN.finditer(text):
        reference = _reference(text, match)
        references.append(reference)
        covered.append((match.start(), match.end()))
    stray = []
    for match in re.finditer(r"\[\[", text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        stray.append(
            ReferenceProblem(
                position_at(text, match.start()),
                gettext(
                    "„[[“ ohne schließendes „]]“ in derselben Zeile. Schreiben Sie z. B. "
                    "[[wert:stichtag]]."
                ),
                text[match.start() : match.start() + 40].split("\n")[0],
            )
        )
    return references, stray


def _reference(text: str, match: re.Match) -> Reference:
    body = match.group("body").strip()
    head = HEAD.match(body)
    reference = Reference(
        kind=head.group("kind").lower() if head else "",
        key=head.group("key") if head else "",
        args={},
        raw=match.group(0),
        start=match.start(),
        end=match.end(),
        position=position_at(text, match.start()),
        standalone=_standalone(text, match.start(), match.end()),
    )
    if head is None or reference.kind not in KINDS:
        reference.problem(
            gettext(
                "„%(raw)s“ ist keine gültige Angabe. Erlaubt sind [[wert:NAME …]] und "
                "[[block:NAME …]]."
            )
            % {"raw": reference.raw}
        )
        return reference
    if not reference.key:
        reference.problem(gettext("Nach „%(kind)s:“ fehlt der Name.") % {"kind": reference.kind})
        return reference
    rest = head.group("rest")
    position = 0
    while position < len(rest):
        argument = ARGUMENT.match(rest, position)
        if argument is None:
            leftover = rest[position:].strip()
            if leftover:
                reference.problem(
                    gettext("„%(text)s“ ist keine Angabe der Form name=wert.")
                    % {"text": leftover.split()[0]}
                )
            break
        name = argument.group("name").lower()
        value = argument.group("quoted")
        if value is None:
            value = argument.group("plain")
        if name in reference.args:
            reference.problem(gettext("„%(name)s“ ist doppelt angegeben.") % {"name": name})
        reference.args[name] = value
        position = argument.end()
    if reference.kind == BLOCK and not reference.standalone:
        reference.problem(
            gettext("Ein Block muss allein in einer eigenen Zeile stehen: %(raw)s")
            % {"raw": reference.raw}
        )
    return reference
