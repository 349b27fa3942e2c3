"""What an import did: counts per entity and the invalid rows."""

from dataclasses import dataclass, field

from contacts.importing.columns import ENTITIES
from kiallianz.tabular import ImportReport, RowError


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

    def as_dict(self) -> dict:
        """JSON for a job's stored result (contacts.ImportJob.result)."""
        return {
            "rows": self.rows,
            "invalid_rows": self.invalid_rows,
            "dry_run": self.dry_run,
            "saved": self.saved,
            "counts": {key: vars(counts) for key, counts in self.counts.items()},
            "errors": [
                {"row": error.row, "column": error.column, "message": error.message}
                for error in self.errors
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ContactImportReport":
        report = cls(
            rows=data.get("rows", 0),
            invalid_rows=data.get("invalid_rows", 0),
            dry_run=data.get("dry_run", False),
            saved=data.get("saved", False),
            errors=[RowError(**error) for error in data.get("errors", [])],
        )
        for key, counts in data.get("counts", {}).items():
            if key in report.counts:
                report.counts[key] = EntityCounts(**counts)
        report.finish()
        return report
