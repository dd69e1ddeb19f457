"""Helpers shared by the per-format reader tests: one record by key, a full twelve-field row."""

from __future__ import annotations

from collections.abc import Sequence

from tui.registry.model import FIELDS, Registry

HEADER = (
    "Service Name Port Number Transport Protocol Description Assignee Contact Registration Date "
    "Modification Date Reference Service Code Unauthorized Use Reported Assignment Notes"
)
POSTEL = "[Jon_Postel] Jon Postel mailto:postel&isi.edu"


def page(records: Sequence[str], contacts: Sequence[str] = (POSTEL,)) -> bytes:
    """A minimal page copy: header line, record lines, contact table."""
    lines = [HEADER, *records, "", "Contact Information", "", "ID Name Organization Contact URI"]
    return "\n".join([*lines, *contacts]).encode("utf-8")


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
