"""A full record's labelled rows, defined once for every view (CLI `show`, the detail pane).

Rich-free: each row is a label and a list of segments, each segment plain text with a role
("" plain, "note" quiet, "warning"). `tui.cli.render` and
`tui.widgets.detail_text` turn the same rows into Rich objects, so both say the same thing with
the same labels in the same order: the description and the people first, then IANA's other
fields in column order with the port's class after the port, the port's problem, and last the
common names under a heading that says they are not IANA's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.registry.common_names import CommonName, common_names_for
from tui.registry.model import FIELD_LABELS, FIELDS, Contact, Record, Registry, port_range_class

FIRST_FIELDS: tuple[str, ...] = ("description", "assignee", "contact")
"""Shown first (a short pane shows these): what the entry is, and whom to ask about it."""

FIELD_ORDER: tuple[str, ...] = FIRST_FIELDS + tuple(f for f in FIELDS if f not in FIRST_FIELDS)
"""The order of a record's fields: the first fields, then the rest in IANA's column order."""

PORT_CLASS_LABEL = "Port Class"
PROBLEM_LABEL = "Problem"
COMMON_NAMES_LABEL = "Common Names"
COMMON_NAMES_NOTE = (
    "not IANA's: names in common use, from this project's own table (sources in the JSON)"
)
COMMON_NAME_KINDS: dict[str, str] = {"alias": "another name", "unofficial": "unofficial use"}
"""How each kind of common name is introduced."""
NOT_IN_TABLE = " (not in the contact table)"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a row's value: registry text (shown literally) and its role."""

    text: str
    role: str = ""  # "", "note" (quiet) or "warning"


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled row of a record in full: label, segments (text may hold line breaks)."""

    label: str
    segments: tuple[Segment, ...] = field(default_factory=tuple)

    @property
    def plain(self) -> str:
        """The row's value as plain text."""
        return "".join(segment.text for segment in self.segments)


def port_class_text(record: Record) -> str:
    """The port's class in words: "System (0-1023)", "User to Dynamic", "" without a port."""
    if record.port_low is None or record.port_high is None:
        return ""
    return port_range_class(record.port_low, record.port_high)


def protocols_text(protocols: Sequence[str]) -> str:
    """Protocols in words: "tcp", "tcp and udp", "tcp, udp and sctp"."""
    names = [p for p in protocols if p]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def people_segments(value: str, people: list[Contact], has_table: bool = True) -> list[Segment]:
    """An assignee or contact cell resolved: "Name <e-mail>" (or "Name · URI"), one per line.

    An id the contact table lacks is shown as written, with a note; text in the cell outside
    the brackets (older entries name people in words) is kept on a line of its own.
    """
    segments: list[Segment] = []
    for index, contact in enumerate(people):
        if index:
            segments.append(Segment("\n"))
        if contact.name or contact.organization or contact.uri:
            text = contact.display_name
            text += "".join(f" <{email}>" for email in contact.emails)
            text += "".join(f" · {uri}" for uri in contact.addresses[len(contact.emails) :])
            segments.append(Segment(text))
        else:
            segments.append(Segment(f"[{contact.id}]"))
            if has_table:
                segments.append(Segment(NOT_IN_TABLE, "note"))
    outside = value
    for contact in people:
        outside = outside.replace(f"[{contact.id}]", "")
    if outside.strip():
        if people:
            segments.append(Segment("\n"))
        segments.append(Segment(value))
    return segments


def common_name_segments(names: Sequence[CommonName]) -> list[Segment]:
    """Common names under their heading: the note first, then one line per kind of name
    ("another name: rdp, remote desktop"); each name's source is in the JSON."""
    segments = [Segment(COMMON_NAMES_NOTE, "note")]
    for kind, words in COMMON_NAME_KINDS.items():
        listed = [name.name for name in names if name.kind == kind]
        if listed:
            segments.append(Segment(f"\n{words}: {', '.join(listed)}"))
    return segments


def record_rows(
    record: Record, registry: Registry | None = None, protocols: Sequence[str] = ()
) -> list[Row]:
    """Every non-empty field of `record`, labelled, in FIELD_ORDER; the port's class after the
    port; the port's problem; the common names.

    Args:
        record: the record to show.
        registry: resolves assignee and contact ids to people when given.
        protocols: the protocols of records shown as one (identical but for the protocol);
            empty for the record's own.
    """
    people: dict[str, list[Contact]] = {}
    has_table = bool(registry and registry.contacts)
    if registry is not None:
        people = {"assignee": registry.assignees(record), "contact": registry.contacts_of(record)}
    rows: list[Row] = []
    for name in FIELD_ORDER:
        value = getattr(record, name)
        if name == "transport_protocol" and protocols:
            value = protocols_text(protocols)
        if value.strip():
            if name in people:
                segments = people_segments(value, people[name], has_table)
            else:
                segments = [Segment(value)]
            rows.append(Row(FIELD_LABELS[name], tuple(segments)))
        if name == "port_number" and port_class_text(record):
            rows.append(Row(PORT_CLASS_LABEL, (Segment(port_class_text(record)),)))
    if record.port_problem:
        rows.append(Row(PROBLEM_LABEL, (Segment(f"⚠ {record.port_problem}", "warning"),)))
    names = common_names_for(record)
    if names:
        rows.append(Row(COMMON_NAMES_LABEL, tuple(common_name_segments(names))))
    return rows
