"""A section's narrative with its references resolved.

The Markdown between placed blocks is rendered and sanitised as before
(reporting/report/markdown.py); each live value stands in the Markdown as an
inert placeholder and is put in only after nh3, escaped. A line
``[[block:KEY …]]`` splits the narrative: the block is rendered exactly there.
A reference that cannot be resolved is shown as a visible German error
(never its raw text) and reported as a warning.
"""

import difflib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from reporting.report import arguments, values
from reporting.report.arguments import ArgumentError
from reporting.report.blocks.registry import BLOCKS, DataBlock, ReportContext, get_block
from reporting.report.markdown import render_narrative
from reporting.report.references import BLOCK, VALUE, Reference, ReferenceProblem, parse


@dataclass
class RenderedBlock:
    key: str
    label: str
    template: str
    data: dict
    args: dict = field(default_factory=dict)
    placed: bool = False


@dataclass
class NarrativePart:
    """Either prose (``html``) or a block placed in the prose."""

    html: SafeString | str = ""
    block: RenderedBlock | None = None


@dataclass
class RenderedNarrative:
    parts: list[NarrativePart]
    problems: list[ReferenceProblem]

    @property
    def html(self) -> SafeString:
        return mark_safe("".join(str(part.html) for part in self.parts if part.block is None))  # noqa: S308 - parts are sanitised


def check_block_reference(reference: Reference) -> tuple[DataBlock | None, dict]:
    block = get_block(reference.key)
    if block is None:
        close = difflib.get_close_matches(reference.key, list(BLOCKS), n=1)
        hint = " " + gettext("Meinten Sie „%(key)s“?") % {"key": close[0]} if close else ""
        reference.problem(gettext("Unbekannter Block „%(key)s“.") % {"key": reference.key} + hint)
        return None, {}
    allowed = {name: arguments.BLOCK_ARGS[name] for name in block.args}
    try:
        args = arguments.clean_args(reference.args, allowed, subject=block.key)
    except ArgumentError as error:
        reference.problem(str(error))
        return block, {}
    return block, args


def check(text: str) -> tuple[list[Reference], list[ReferenceProblem]]:
    """Every reference with its problems (none computed); for the editor and the check."""
    references, problems = parse(text)
    for reference in references:
        if not reference.ok:
            continue
        if reference.kind == VALUE:
            values.check_reference(reference)
        else:
            check_block_reference(reference)
    problems = [*problems, *(p for reference in references for p in reference.problems)]
    return references, sorted(problems, key=lambda problem: problem.position.offset)


def placed_block_keys(text: str) -> set[str]:
    references, _problems = parse(text)
    return {r.key for r in references if r.kind == BLOCK and r.ok and r.key in BLOCKS}


def _error_html(problem: ReferenceProblem) -> str:
    return (
        '<span class="reference-error">['
        + escape(gettext("Fehler: %(message)s") % {"message": problem.message})
        + "]</span>"
    )


def render(
    text: str,
    ctx: ReportContext,
    *,
    collect: Callable[[DataBlock, dict], RenderedBlock],
) -> RenderedNarrative:
    text = text or ""
    references, problems = parse(text)
    nonce = secrets.token_hex(6)
    parts: list[NarrativePart] = []
    chunk: list[str] = []
    replacements: dict[str, str] = {}
    cursor = 0

    def flush() -> None:
        if not "".join(chunk).strip():
            chunk.clear()
            return
        html = str(render_narrative("".join(chunk)))
        for placeholder, value_html in replacements.items():
            html = html.replace(placeholder, value_html)
        parts.append(NarrativePart(html=mark_safe(html)))  # noqa: S308 - sanitised, values escaped
        chunk.clear()
        replacements.clear()

    def placeholder(value_html: str) -> str:
        name = f"kiaref{nonce}n{len(replacements)}z"
        replacements[name] = value_html
        return name

    for reference in references:
        chunk.append(text[cursor : reference.start])
        cursor = reference.end
        if reference.ok and reference.kind == BLOCK:
            block, args = check_block_reference(reference)
            if block is not None and reference.ok:
                flush()
                parts.append(NarrativePart(block=collect(block, args)))
                continue
        value = values.resolve(reference, ctx) if reference.ok else None
        if value is not None:
            chunk.append(placeholder(value.html()))
        else:
            chunk.append(placeholder(_error_html(reference.problems[0])))
            problems.extend(reference.problems)
    chunk.append(text[cursor:])
    flush()
    # Stray „[[“ stays visible as typed; the problem is reported.
    return RenderedNarrative(
        parts=parts, problems=sorted(problems, key=lambda problem: problem.position.offset)
    )
