"""The browser's result filters: protocol toggles, a port class, hiding Unassigned/Reserved.

Plain data and one function applying it, so the search index can take the filtering over
later by swapping `apply_filters` alone. No interface imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .model import PORT_CLASS_RANGES, Record

PROTOCOLS: tuple[str, ...] = ("tcp", "udp", "sctp", "dccp")
"""The transport protocols a filter can hide, in the order the toggles list them."""

PORT_CLASSES: tuple[str, ...] = tuple(PORT_CLASS_RANGES)
"""System, User, Dynamic: the classes a filter can narrow to."""

_HasRecord = TypeVar("_HasRecord")


@dataclass(frozen=True, slots=True)
class Filters:
    """Which records the browser shows; the default shows every record."""

    hidden_protocols: frozenset[str] = field(default_factory=frozenset)
    port_class: str | None = None
    hide_unassigned: bool = False

    @property
    def is_default(self) -> bool:
        """True when nothing is filtered out."""
        return self == Filters()

    def toggle_protocol(self, protocol: str) -> Filters:
        """These filters with `protocol` shown if it was hidden, hidden if it was shown."""
        return replace(self, hidden_protocols=self.hidden_protocols ^ {protocol})

    def with_port_class(self, port_class: str | None) -> Filters:
        """These filters narrowed to one port class (None: every class)."""
        return replace(self, port_class=port_class)

    def next_port_class(self) -> Filters:
        """Cycle the port class: every class, System, User, Dynamic, every class again."""
        cycle: list[str | None] = [None, *PORT_CLASSES]
        return self.with_port_class(cycle[(cycle.index(self.port_class) + 1) % len(cycle)])

    def toggle_unassigned(self) -> Filters:
        """These filters with Unassigned/Reserved entries hidden, or shown again."""
        return replace(self, hide_unassigned=not self.hide_unassigned)

    def keeps(self, record: Record) -> bool:
        """True when `record` passes these filters.

        Records without a protocol are never hidden by a protocol toggle; a port class keeps
        records whose port or range overlaps the class, and drops records without a port.
        """
        if self.hidden_protocols and record.transport_protocol.lower() in self.hidden_protocols:
            return False
        if self.port_class is not None:
            low, high = PORT_CLASS_RANGES[self.port_class]
            if not record.overlaps(low, high):
                return False
        return not (self.hide_unassigned and record.status in ("unassigned", "reserved"))

    def describe(self) -> str:
        """A short phrase for the status line ("" for the default filters)."""
        parts = []
        if self.hidden_protocols:
            hidden = [p for p in PROTOCOLS if p in self.hidden_protocols]
            hidden += sorted(self.hidden_protocols - set(PROTOCOLS))
            parts.append("no " + "/".join(hidden))
        if self.port_class is not None:
            parts.append(f"{self.port_class} ports")
        if self.hide_unassigned:
            parts.append("no unassigned/reserved")
        return ", ".join(parts)


def apply_filters(hits: Iterable[_HasRecord], filters: Filters) -> list[_HasRecord]:
    """The hits (anything with a `.record`) whose records pass `filters`, order kept."""
    if filters.is_default:
        return list(hits)
    return [hit for hit in hits if filters.keeps(hit.record)]  # type: ignore[attr-defined]
