"""Reads for the report: editions, their numbered section tree, exports, and
the whole document with its live data."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from reporting.models import ReportEdition, ReportExport, ReportSection
from reporting.report.blocks import ReportContext, get_block
from reporting.report.markdown import render_narrative


@dataclass
class RenderedBlock:
    key: str
    label: str
    template: str
    data: dict


@dataclass
class NumberedSection:
    section: ReportSection
    number: str
    level: int
    narrative_html: str = ""
    blocks: list[RenderedBlock] = field(default_factory=list)

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
    """Narratives and live data, collected in document order."""
    as_of = as_of or edition.as_of
    context = ReportContext(edition=edition, as_of=as_of)
    sections = numbered_sections(edition=edition)
    for index, numbered in enumerate(sections, start=1):
        numbered.narrative_html = render_narrative(numbered.section.narrative)
        for key in numbered.section.block_keys or []:
            block = get_block(key)
            if block is None:
                continue
            numbered.blocks.append(
                RenderedBlock(
                    key=block.key,
                    label=str(block.label),
                    template=block.template,
                    data=block.collect(context),
                )
            )
        if progress:
            progress(index / len(sections))
    return ReportDocument(
        edition=edition,
        as_of=as_of,
        sections=sections,
        figures=context.figures,
        warnings=context.warnings,
    )
