"""The preamble of IANA's plain-text registry: title, Last Updated, Expert(s), Note.

The page's definition list comes out of the text browser as headings indented by three spaces
with their text below; the text keeps its own line breaks (the Note has boxes drawn in `*`).
"""

from __future__ import annotations

import textwrap

from tui.registry.model import Registry

_HEADINGS = {
    "Last Updated": "updated",
    "Expert(s)": "experts",
    "Experts": "experts",
    "Note": "notes",
    "Notes": "notes",
    "Reference": "",
    "Registration Procedure(s)": "",
    "Alternative Formats": "",
    "Available Formats": "",
}
"""Headings of the preamble -> the Registry attribute their text fills ("" for none)."""


def read_preamble(lines: list[str], registry: Registry) -> None:
    """Fill the registry's title, updated, experts and notes from the lines before the table."""
    sections: dict[str, list[list[str]]] = {}
    current: list[str] | None = None
    for line in lines:
        heading = line.strip()
        if heading in _HEADINGS:
            current = []
            sections.setdefault(_HEADINGS[heading], []).append(current)
        elif current is not None:
            current.append(line.rstrip())
        elif heading and not registry.title:
            registry.title = heading
    texts = {
        name: "\n\n".join(filter(None, (_block(body) for body in bodies)))
        for name, bodies in sections.items()
        if name
    }
    registry.updated = texts.get("updated", "").split("\n", 1)[0].strip()
    registry.experts = texts.get("experts", "")
    registry.notes = texts.get("notes", "")


def _block(body: list[str]) -> str:
    """A section's text without its indentation or surrounding blank lines."""
    return textwrap.dedent("\n".join(body)).strip("\n")
