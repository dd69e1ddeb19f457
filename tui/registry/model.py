"""The registry's data model: records, contacts and the registry that holds them.

Plain dataclasses with no interface imports. A record keeps IANA's twelve CSV columns as
strings exactly as IANA's CSV writes them; everything else (port bounds, contact ids,
aliases) is derived from those strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from tui.registry.contact import Contact
from tui.registry.origin import Origin

__all__ = ["Contact", "Record", "Registry", "RegistryError"]

FIELDS: tuple[str, ...] = (
    "service_name",
    "port_number",
    "transport_protocol",
    "description",
    "assignee",
    "contact",
    "registration_date",
    "modification_date",
    "reference",
    "service_code",
    "unauthorized_use_reported",
    "assignment_notes",
)
"""The twelve record fields, in IANA's CSV column order."""

CSV_HEADER: tuple[str, ...] = (
    "Service Name",
    "Port Number",
    "Transport Protocol",
    "Description",
    "Assignee",
    "Contact",
    "Registration Date",
    "Modification Date",
    "Reference",
    "Service Code",
    "Unauthorized Use Reported",
    "Assignment Notes",
)
"""IANA's CSV header, column for column with FIELDS."""

FIELD_LABELS: dict[str, str] = dict(zip(FIELDS, CSV_HEADER, strict=True))

PORT_MAX = 65535
PROTOCOLS: tuple[str, ...] = ("tcp", "udp", "sctp", "dccp")
"""The transport protocols IANA registers ports for, in the order they are listed."""
# ASCII digits only: "２２" is text, not port 22.
_PORT_RE = re.compile(r"\s*([0-9]{1,9})\s*(?:-\s*([0-9]{1,9})\s*)?")
_BRACKET_ID_RE = re.compile(r"\[([^\[\]]+)\]")
_ALIAS_TO_RE = re.compile(r'alias to "([^"]+)"')
_REPLACEMENT_FOR_RE = re.compile(r'replacement for "([^"]+)"')


class RegistryError(Exception):
    """A registry file that cannot be read: names the file, the line where known, the problem."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}: line {line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


def parse_port_range(text: str) -> tuple[int | None, int | None]:
    """Return (low, high) for "22" or "6000-6063"; (None, None) where there is no port.

    Bounds are returned as written, even when backwards or beyond 65535: the record keeps
    them and `Record.port_problem` says what is wrong with them.
    """
    match = _PORT_RE.fullmatch(text)
    if not match:
        return None, None
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    return low, high


PORT_CLASS_RANGES: dict[str, tuple[int, int]] = {
    "System": (0, 1023),
    "User": (1024, 49151),
    "Dynamic": (49152, PORT_MAX),
}
"""IANA's port classes and their bounds, in port order (RFC 6335, section 6)."""


def port_class(port: int) -> str:
    """The class of a port number: System (0-1023), User (1024-49151) or Dynamic (49152-65535)."""
    for name, (low, high) in PORT_CLASS_RANGES.items():
        if low <= port <= high:
            return name
    return "Invalid"


def port_range_class(low: int, high: int) -> str:
    """A port or range's class in words: "System (0-1023)", "System to User"."""
    low, high = sorted((low, high))
    first, last = port_class(low), port_class(high)
    if first != last:
        return f"{first} to {last}"
    bounds = PORT_CLASS_RANGES.get(first)
    return f"{first} ({bounds[0]}-{bounds[1]})" if bounds else first


def bracket_ids(text: str) -> list[str]:
    """The ids written in brackets in a cell: "[Jon_Postel]" -> ["Jon_Postel"]."""
    return _BRACKET_ID_RE.findall(text)


@dataclass(slots=True)
class Record:
    """One registry entry: IANA's twelve CSV columns as strings, plus parsed port bounds."""

    service_name: str = ""
    port_number: str = ""
    transport_protocol: str = ""
    description: str = ""
    assignee: str = ""
    contact: str = ""
    registration_date: str = ""
    modification_date: str = ""
    reference: str = ""
    service_code: str = ""
    unauthorized_use_reported: str = ""
    assignment_notes: str = ""
    port_low: int | None = field(default=None, compare=False)
    port_high: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.port_low is None and self.port_number:
            self.port_low, self.port_high = parse_port_range(self.port_number)

    @classmethod
    def from_fields(cls, values: dict[str, str]) -> Record:
        """Build a record from a mapping of field name to string; missing fields are ""."""
        return cls.from_row([values.get(name, "") or "" for name in FIELDS])

    @classmethod
    def from_row(cls, row: Sequence[str]) -> Record:
        """Build a record from IANA's twelve columns in order (a CSV row)."""
        (name, port, protocol, description, assignee, contact) = row[:6]
        (registered, modified, reference, code, unauthorized, notes) = row[6:12]
        return cls(
            name, port, protocol, description, assignee, contact,
            registered, modified, reference, code, unauthorized, notes,
        )  # fmt: skip

    def to_dict(self) -> dict[str, str]:
        """The twelve fields, by name, in IANA's column order."""
        return {name: getattr(self, name) for name in FIELDS}

    def to_row(self) -> list[str]:
        """The twelve fields as a CSV row, in IANA's column order."""
        return [getattr(self, name) for name in FIELDS]

    @property
    def key(self) -> tuple[str, str, str]:
        """(service name, port, protocol): what identifies an entry."""
        return (self.service_name, self.port_number, self.transport_protocol)

    @property
    def label(self) -> str:
        """A short human label: "ssh 22/tcp", "6000-6063/udp", "Reserved 47/tcp"."""
        port = self.port_number or "-"
        where = f"{port}/{self.transport_protocol}" if self.transport_protocol else port
        name = self.service_name or self.description.split("\n", 1)[0] or "(no name)"
        return f"{name} {where}"

    @property
    def status(self) -> str:
        """assigned, unassigned, reserved or alias."""
        described = self.description.strip().lower()
        if not self.service_name:
            if described.startswith("unassigned"):
                return "unassigned"
            if described.startswith("reserved"):
                return "reserved"
        if self.alias_of:
            return "alias"
        return "assigned"

    @property
    def alias_of(self) -> str:
        """The service name this entry is an alias to ("" when it is not an alias)."""
        match = _ALIAS_TO_RE.search(self.assignment_notes)
        return match.group(1) if match else ""

    @property
    def replacement_for(self) -> str:
        """The historic name this entry's name replaces ("" when none)."""
        match = _REPLACEMENT_FOR_RE.search(self.description) or _REPLACEMENT_FOR_RE.search(
            self.assignment_notes
        )
        return match.group(1) if match else ""

    @property
    def assignee_ids(self) -> list[str]:
        """The contact ids in the assignee cell: "[IESG][IETF_Chair]" -> ["IESG", "IETF_Chair"]."""
        return bracket_ids(self.assignee)

    @property
    def contact_ids(self) -> list[str]:
        """The contact ids in the contact cell."""
        return bracket_ids(self.contact)

    @property
    def port_problem(self) -> str:
        """Why the port cell is odd ("" when it is a normal port or range, or absent)."""
        if not self.port_number:
            return ""
        if self.port_low is None or self.port_high is None:
            return f"port {self.port_number!r} is not a number or range"
        if self.port_high < self.port_low:
            return "range is written backwards"
        if self.port_high > PORT_MAX:
            return "port is outside 0-65535"
        return ""

    def covers(self, port: int) -> bool:
        """True when the port lies in this record's port or range."""
        if self.port_low is None or self.port_high is None:
            return False
        low, high = sorted((self.port_low, self.port_high))
        return low <= port <= high

    def overlaps(self, low: int, high: int) -> bool:
        """True when this record's port or range overlaps [low, high]."""
        if self.port_low is None or self.port_high is None:
            return False
        mine_low, mine_high = sorted((self.port_low, self.port_high))
        return mine_low <= high and low <= mine_high


@dataclass
class Registry:
    """A parsed registry: records in registry order, contacts by id, and the file's metadata."""

    records: list[Record] = field(default_factory=list)
    contacts: dict[str, Contact] = field(default_factory=dict)
    title: str = ""
    updated: str = ""
    experts: str = ""
    notes: str = ""
    source: str = ""
    format: str = ""
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)
    origin: Origin = field(default_factory=Origin)
    """Where it came from (kind, file, copy time, content hash): set once by `load_registry`."""
    _indexes_built: tuple[dict[str, list[Record]], dict[str, list[Record]]] = field(
        default=({}, {}), init=False, repr=False, compare=False
    )
    _indexes_stamp: tuple[int, int] = field(default=(0, -1), init=False, repr=False, compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the source file's bytes ("" when parsed directly): the cache's key."""
        return self.origin.content_hash

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def assignees(self, record: Record) -> list[Contact]:
        """The record's assignee ids resolved through the contact table (unknown ids kept bare)."""
        return [self.contacts.get(i) or Contact(id=i) for i in record.assignee_ids]

    def contacts_of(self, record: Record) -> list[Contact]:
        """The record's contact ids resolved through the contact table (unknown ids kept bare)."""
        return [self.contacts.get(i) or Contact(id=i) for i in record.contact_ids]

    def by_name(self, service_name: str) -> list[Record]:
        """Every record with exactly this service name (case-insensitive), in registry order."""
        return list(self._indexes()[0].get(service_name.lower(), ()))

    def at_port(self, port_number: str) -> list[Record]:
        """Every record whose port cell is exactly `port_number` ("22", "6000-6063")."""
        return list(self._indexes()[1].get(port_number, ()))

    def _indexes(self) -> tuple[dict[str, list[Record]], dict[str, list[Record]]]:
        """Records by lower-cased service name and by port cell, built on first use (the
        detail pane asks on every highlight) and again when the record list is another or
        has grown."""
        stamp = (id(self.records), len(self.records))
        if self._indexes_stamp != stamp:
            names: dict[str, list[Record]] = {}
            ports: dict[str, list[Record]] = {}
            for record in self.records:
                names.setdefault(record.service_name.lower(), []).append(record)
                ports.setdefault(record.port_number, []).append(record)
            self._indexes_built, self._indexes_stamp = (names, ports), stamp
        return self._indexes_built

    def lookup(self, key: str) -> list[Record]:
        """Records named by a key: "ssh", "22", "22/tcp", "ssh/tcp", "6000-6063", "6010".

        A bare port also finds the range that contains it when no record has it exactly.
        """
        key = key.strip()
        if not parse_port_range(key)[0] and (named := self.by_name(key)):
            return named  # historic names hold slashes: "cl/1" is a name, not cl over "1"
        name_or_port, slash, protocol = key.rpartition("/")
        protocol = protocol.strip().lower()
        if not slash or protocol not in PROTOCOLS:
            name_or_port, protocol = key, ""
        name_or_port = name_or_port.strip()

        def wanted(record: Record) -> bool:
            return not protocol or record.transport_protocol.lower() == protocol

        low, high = parse_port_range(name_or_port)
        if low is not None and high is not None:
            exact = [r for r in self.records if r.port_number == name_or_port and wanted(r)]
            if exact or low != high:
                return exact
            return [r for r in self.records if r.covers(low) and wanted(r)]
        return [r for r in self.by_name(name_or_port) if wanted(r)]

    def aliases(self, record: Record) -> list[Record]:
        """Records linked to this one as alias: both "alias to" and "replacement for" ways."""
        linked: list[Record] = []
        names = [n for n in (record.alias_of, record.replacement_for) if n]
        for name in names:
            linked += [
                r
                for r in self.by_name(name)
                if r.port_number == record.port_number
                and r.transport_protocol == record.transport_protocol
            ]
        if record.service_name:
            for other in self.at_port(record.port_number):
                if other is record or other in linked:
                    continue
                if (
                    other.port_number == record.port_number
                    and other.transport_protocol == record.transport_protocol
                    and record.service_name in (other.alias_of, other.replacement_for)
                ):
                    linked.append(other)
        return linked

    def siblings(self, record: Record) -> list[Record]:
        """The other protocols registered for the same service name and port."""
        return [
            r
            for r in self.at_port(record.port_number)
            if r is not record
            and r.service_name == record.service_name
            and (record.service_name or r.description == record.description)
        ]

    def records_of_contact(self, contact_id: str) -> list[Record]:
        """Every record that names this contact id as assignee or contact."""
        return [
            r for r in self.records if contact_id in r.assignee_ids or contact_id in r.contact_ids
        ]

    def skip(self, line: int | None = None) -> None:
        """Count a line (or entry) the parser could not read."""
        self.skipped += 1
        if line is not None:
            self.skipped_lines.append(line)
