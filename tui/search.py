"""Query language and search index (placeholder: plain containment, replaced by the ranked index)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Record, Registry


class QueryError(ValueError):
    """A query that cannot be understood (a malformed qualifier); the message says what is allowed."""


@dataclass(slots=True)
class Hit:
    """One search result: the record, its score, and the character spans that matched, by field."""

    record: Record
    score: float
    matches: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


class SearchIndex:
    """Search over a registry's records."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def search(self, query: str, limit: int | None = 50) -> list[Hit]:
        """Records containing the query in any field, in registry order; all records for ""."""
        needle = query.strip().lower()
        hits = []
        for record in self.registry.records:
            if not needle or any(needle in value.lower() for value in record.to_row()):
                hits.append(Hit(record, 100.0))
                if limit is not None and len(hits) >= limit:
                    break
        return hits

    def port_notice(self, query: str) -> str | None:
        """A sentence for a port query no record covers (placeholder: none)."""
        return None
