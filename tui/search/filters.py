"""The browser's result filters: protocol toggles, a port class, hiding Unassigned/Reserved.

Plain data: which records the user hid. The search index does the filtering (its keyword
filters, see `Filters.search_keywords`), so the rules live in one place. No interface imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# PROTOCOLS: the protocols a filter can hide, in the order the toggles list them.
from tui.registry.model import PORT_CLASS_RANGES, PROTOCOLS

PORT_CLASSES: tuple[str, ...] = tuple(PORT_CLASS_RANGES)
"""System, User, Dynamic: the classes a filter can narrow to."""


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

    def search_keywords(self) -> dict[str, Any]:
        """These filters as `SearchIndex.search` keyword arguments."""
        return {
            "hidden_protocols": self.hidden_protocols,
            "port_class": self.port_class,
            "hide_unassigned": self.hide_unassigned,
        }

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
