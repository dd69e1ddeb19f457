"""The registry page copied as text: the form of the bundled excerpt (`registry-excerpt.txt`).

The copy has three parts. A header: title, "Last Updated" and its date, "Expert(s)", "Note"
and the like, each label on a line of its own with its text below. The records, under the
line "Service Name Port Number Transport Protocol Description …": one record a line, cells
separated by single spaces, empty cells left out (`page_text_cells` says where each cell
ends). Last, "Contact Information": one `[ID] Name Organization URI Date` line per contact.

A description the page shows over several lines (IANA's `<br/>`) continues after a blank
line: the record line, a blank line, more text, then the line holding the assignee and
contact. The pieces are joined with one newline, as IANA's CSV writes the same description.
"""

from __future__ import annotations

import re

from tui.registry.formats.page_text_cells import (
    find_tail,
    looks_like_record_start,
    parse_contact,
    split_head,
)
from tui.registry.formats.text import decode_text, normalize_newlines
from tui.registry.model import Record, Registry, RegistryError

RECORDS_HEADER = "Service Name Port Number Transport Protocol Description"
CONTACTS_TITLE = "Contact Information"
CONTACTS_HEADER = "ID Name Organization"
BANNER = "Internet Assigned Numbers Authority"
LABELS = frozenset(
    {
        "Last Updated",
        "Expert(s)",
        "Reference",
        "Note",
        "Request an Assignment",
        "Available Formats",
    }
)
"""The header's block labels, each alone on its line, its text on the lines below."""

_LAST_UPDATED_RE = re.compile(r"Last Updated:?\s+(\d{4}-\d{2}-\d{2})")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse(data: bytes, source: str) -> Registry:
    """Parse the registry page copied as text into a Registry with records and contacts.

    Lines that cannot be read are skipped and counted (`Registry.skipped_lines`).

    Raises:
        RegistryError: no records header, or a records header with no readable record under it.
    """
    lines = normalize_newlines(decode_text(data)).split("\n")
    header = _find_records_header(lines)
    if header is None:
        raise RegistryError(
            source,
            "not the registry page copied as text (no line "
            f'"{RECORDS_HEADER} ..." above the records)',
        )
    contacts_title = next(
        (i for i in range(header + 1, len(lines)) if lines[i].strip() == CONTACTS_TITLE),
        len(lines),
    )
    registry = Registry(source=source, format="page-text")
    _read_metadata(lines[:header], registry)
    _read_contacts(lines, contacts_title + 1, registry)
    _read_records(lines, header + 1, contacts_title, registry)
    registry.skipped_lines.sort()  # the contact table is read first, for its ids
    if not registry.records:
        raise RegistryError(source, "records header but no readable record under it", header + 1)
    return registry


def _find_records_header(lines: list[str]) -> int | None:
    """The index of the records header line; cells may be split by tabs in a fresh copy."""
    for index, line in enumerate(lines):
        if " ".join(line.split()).startswith(RECORDS_HEADER):
            return index
    return None


def _read_metadata(lines: list[str], registry: Registry) -> None:
    """Title, last-updated date, experts and notes from the lines above the records header."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        label = line.strip()
        if label in LABELS:
            current = blocks.setdefault(label, [])
        elif match := _LAST_UPDATED_RE.fullmatch(label):
            registry.updated = match.group(1)
            current = None
        elif current is not None:
            current.append(line.rstrip())
        elif label and label != BANNER and not registry.title:
            registry.title = label
    if not registry.updated:
        updated = _block(blocks.get("Last Updated", []))
        match = _DATE_RE.search(updated)
        registry.updated = match.group() if match else updated.split("\n", 1)[0]
    registry.experts = _block(blocks.get("Expert(s)", []))
    registry.notes = _block(blocks.get("Note", []))


def _block(lines: list[str]) -> str:
    """A block's lines as one string, without the blank lines around it."""
    return "\n".join(lines).strip("\n")


def _read_contacts(lines: list[str], start: int, registry: Registry) -> None:
    """The contact table: one `[ID] Name Organization URI Date` line per contact."""
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if not line or " ".join(line.split()).startswith(CONTACTS_HEADER):
            continue
        contact = parse_contact(line)
        if contact is None:
            registry.skip(index + 1)
        else:
            registry.contacts[contact.id] = contact


def _read_records(lines: list[str], start: int, stop: int, registry: Registry) -> None:
    """The record lines between the records header and the contact table.

    A blank line after a record whose tail (ids, dates, references…) has not started yet
    means its description goes on: the following lines belong to it until one holds the
    tail or plainly opens a new record.
    """
    known_ids = frozenset(registry.contacts)
    group: list[str] = []
    group_line = 0
    continuing = False

    def finish() -> None:
        nonlocal group, continuing
        if group:
            record = build_record(group, known_ids)
            if record is None:
                registry.skip(group_line)
            else:
                registry.records.append(record)
        group, continuing = [], False

    for index in range(start, stop):
        line = lines[index].strip()
        if not line:
            if group and not continuing:
                continuing = not _tail_started(group, known_ids)
            continue
        if continuing and not looks_like_record_start(line):
            group.append(line)
            if find_tail(line, known_ids)[1]:
                finish()
            continue
        finish()
        group, group_line = [line], index + 1
    finish()


def _tail_started(group: list[str], known_ids: frozenset[str]) -> bool:
    """True when the record read so far has reached its tail (or cannot be read at all)."""
    if len(group) > 1:
        return bool(find_tail(group[-1], known_ids)[1])
    head = split_head(group[0])
    return head is None or bool(find_tail(head.rest, known_ids)[1])


def build_record(lines: list[str], known_ids: frozenset[str]) -> Record | None:
    """Build one record from its line and any continuation lines; None when unreadable."""
    head = split_head(lines[0])
    if head is None:
        return None
    pieces = [head.rest, *lines[1:]]
    tail_start, cells = find_tail(pieces[-1], known_ids)
    pieces[-1] = pieces[-1][:tail_start]
    return Record.from_fields(
        {
            "service_name": head.service_name,
            "port_number": head.port_number,
            "transport_protocol": head.transport_protocol,
            "description": "\n".join(piece.strip() for piece in pieces if piece.strip()),
            **cells,
        }
    )
