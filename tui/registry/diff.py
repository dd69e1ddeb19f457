"""What changed between two registries: entries added, removed and modified.

Entries are matched by their key (service name, port, protocol). A key the registry lists
more than once (IANA has a few) counts as modified when any of its rows differ.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tui.registry.model import Registry

Key = tuple[str, str, str]


@dataclass
class Changes:
    """Keys added, removed and modified, in registry order, plus both registry dates."""

    added: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    modified: list[Key] = field(default_factory=list)
    old_updated: str = ""
    new_updated: str = ""
    old_count: int = 0
    new_count: int = 0

    @property
    def unchanged(self) -> bool:
        """True when no entry was added, removed or modified."""
        return not (self.added or self.removed or self.modified)


def compare(old: Registry, new: Registry) -> Changes:
    """The changes that turn `old` into `new`."""
    before, after = _rows_by_key(old), _rows_by_key(new)
    return Changes(
        added=[key for key in after if key not in before],
        removed=[key for key in before if key not in after],
        modified=[key for key in after if key in before and before[key] != after[key]],
        old_updated=old.updated,
        new_updated=new.updated,
        old_count=len(old),
        new_count=len(new),
    )


def describe_key(key: Key) -> str:
    """A key as a person reads it: "ssh 22/tcp", "(no name) 47/udp", "foo (no port)"."""
    name, port, protocol = key
    where = f"{port}/{protocol}" if port and protocol else port or protocol or "(no port)"
    return f"{name or '(no name)'} {where}"


def _rows_by_key(registry: Registry) -> dict[Key, list[list[str]]]:
    rows: dict[Key, list[list[str]]] = defaultdict(list)
    for record in registry.records:
        rows[record.key].append(record.to_row())
    for same_key in rows.values():
        same_key.sort()
    return dict(rows)
