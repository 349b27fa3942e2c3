"""Reads for the report: editions, their numbered section tree, exports, and
the whole document with its live data."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext

from reporting.models import ReportEdition, ReportExport, ReportSection
from reporting.report import narrative
from reporting.report.blocks import DataBlock, ReportContext, get_block
from reporting.report.narrative import NarrativePart, RenderedBlock
from reporting.report.references import ReferenceProblem

__all__ = ["NumberedSection", "RenderedBlock", "ReportDocument"]


@dataclass
class NumberedSection:
    section: ReportSection
    number: str
    level: int
    narrative_html: str = ""
    # Prose and placed blocks in the order the narrative gives.
    parts: list[NarrativePart] = field(default_factory=list)
    # Blocks of ``block_keys`` not placed anywhere in the prose: printed after it.
    appended: list[RenderedBlock] = field(default_factory=list)
    problems: list[ReferenceProblem] = field(default_factory=list)

    @property
    def blocks(self) -> list[RenderedBlock]:
        """Every block of the section, placed or appended (the XLSX sheets)."""
        placed = [part.block for part in self.parts if part.block is not None]
        return [*placed, *self.appended]

    @property
    def label(self) -> str:
        return f"{self.number}. {self.section.title}"

    def describe(self, problem: ReferenceProblem) -> str:
        return gettext("Abschnitt %(section)s, %(where)s: %(message)s") % {
            "section": self.label,
            "where": problem.position.describe(),
            "message": problem.message,
        }

    @property
    def anchor(self) -> str:
        return f"sec-{self.section.key}"

    @property
    def heading_level(self) -> int:
        return min(self.level + 1, 4)


@dataclass
class ReportDocument:
    edition: ReportEdition
    as_of: datetime.date
    sections: list[NumberedSection]
    figures: list
    warnings: list[str]


def editions() -> QuerySet[ReportEdition]:
    return ReportEdition.objects.select_related("project").order_by("-year", "-id")


def exports(*, edition: ReportEdition | None = None) -> QuerySet[ReportExport]:
    queryset = ReportExport.objects.select_related("edition", "created_by")
    if edition is not None:
        queryset = queryset.filter(edition=edition)
    return queryset.order_by("-created_at", "-id")


def numbered_sections(*, edition: ReportEdition) -> list[NumberedSection]:
    """The section tree in document order, numbered 1, 2.1, 4.2.1 …"""
    sections = list(edition.sections.all().order_by("position", "id"))
    children: dict[int | None, list[ReportSection]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    result: list[NumberedSection] = []

    def walk(parent_id: int | None, prefix: str, level: int) -> None:
        for index, section in enumerate(children.get(parent_id, []), start=1):
            number = f"{prefix}{index}"
            result.append(NumberedSection(section=section, number=number, level=level))
            walk(section.id, f"{number}.", level + 1)

    walk(None, "", 1)
    return result


def report_document(
    *,
    edition: ReportEdition,
    as_of: datetime.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> ReportDocument:
    """Narratives with their live values and placed blocks, and the appended
    blocks, collected in document order (figures are numbered in it)."""
    as_of = as_of or edition.as_of
    context = ReportContext(edition=edition, as_of=as_of)
    sections = numbered_sections(edition=edition)
    # A block placed anywhere in the prose is not appended again.
    placed = set()
    for numbered in sections:
        placed |= narrative.placed_block_keys(numbered.section.narrative)

    def collect(block: DataBlock, args: dict, *, in_prose: bool = True) -> RenderedBlock:
        return RenderedBlock(
            key=block.key,
            label=str(block.label),
            template=block.template,
            data=block.collect(context.for_block(args)),
            args=args,
            placed=in_prose,
        )

    for index, numbered in enumerate(sections, start=1):
        rendered = narrative.render(numbered.section.narrative, context, collect=collect)
        numbered.parts = rendered.parts
        numbered.narrative_html = rendered.html
        numbered.problems = rendered.problems
        context.warnings.extend(numbered.describe(problem) for problem in rendered.problems)
        for key in numbered.section.block_keys or []:
            block = get_block(key)
            if block is None or key in placed:
                continue
            numbered.appended.append(collect(block, {}, in_prose=False))
        if progress:
            progress(index / len(sections))
    return ReportDocument(
        edition=edition,
        as_of=as_of,
        sections=sections,
        figures=context.figures,
        warnings=context.warnings,
    )
