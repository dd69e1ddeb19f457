"""Helpers shared by the per-format reader tests: one record by key, a full twelve-field row."""

from __future__ import annotations

from tui.model import FIELDS, Registry


def only(registry: Registry, name: str, port: str, protocol: str) -> dict[str, str]:
    """The fields of the one record with this (name, port, protocol); fails if not exactly one."""
    found = [r for r in registry.records if r.key == (name, port, protocol)]
    assert len(found) == 1, found
    return found[0].to_dict()


def fields(**given: str) -> dict[str, str]:
    """All twelve fields: the ones given, "" for the rest."""
    unknown = set(given) - set(FIELDS)
    assert not unknown, unknown
    return {name: given.get(name, "") for name in FIELDS}
