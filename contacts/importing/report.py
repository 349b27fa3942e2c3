"""What an import did: counts per entity and the invalid rows."""

from dataclasses import dataclass, field

from contacts.importing.columns import ENTITIES
from kiallianz.tabular import ImportReport


@dataclass
class EntityCounts:
    created: int = 0
    updated: int = 0
    skipped: int = 0


@dataclass
class ContactImportReport(ImportReport):
    rows: int = 0
    invalid_rows: int = 0
    counts: dict[str, EntityCounts] = field(
        default_factory=lambda: {key: EntityCounts() for key in ENTITIES}
    )

    def count(self, entity: str, outcome: str) -> None:
        counts = self.counts[entity]
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    def entity_rows(self) -> list[tuple[str, EntityCounts]]:
        return [(str(ENTITIES[key]), self.counts[key]) for key in ENTITIES]

    def finish(self) -> None:
        self.created = sum(c.created for c in self.counts.values())
        self.updated = sum(c.updated for c in self.counts.values())
        self.skipped = sum(c.skipped for c in self.counts.values())
