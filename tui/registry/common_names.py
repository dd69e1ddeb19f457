"""Common names: what engineers call ports and services that IANA's records do not say.

The project's own table (`tui/data/common-names.csv`), never mixed into a record's twelve IANA
fields. Each row names a port (and protocol, "" for any) with one of two kinds:

- `alias`: another name for the IANA service registered there (`rdp` for `ms-wbt-server`);
- `unofficial`: a use of the port that IANA did not register (`elasticsearch` on 9200).

Every row carries a source a reader can check (an RFC, or vendor documentation named precisely).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from tui.registry.model import Record

TABLE_NAME = "common-names.csv"
KINDS = ("alias", "unofficial")
COLUMNS = ("name", "port", "protocol", "kind", "service", "source")
PROTOCOLS = ("", "tcp", "udp", "sctp", "dccp")


@dataclass(frozen=True, slots=True)
class CommonName:
    """One row of the common-names table."""

    name: str
    port: int
    protocol: str
    kind: str
    service: str
    source: str

    def applies_to(self, record: Record) -> bool:
        """Whether this name belongs beside `record`: same port, and protocol when one is set.

        An alias also needs the record's service name to be the one it names.
        """
        if record.port_low is None or not record.port_low <= self.port <= (record.port_high or 0):
            return False
        if self.protocol and record.transport_protocol != self.protocol:
            return False
        return self.kind != "alias" or record.service_name == self.service

    def to_dict(self) -> dict[str, str | int]:
        """The row as plain values, for JSON."""
        return {
            "name": self.name,
            "port": self.port,
            "protocol": self.protocol,
            "kind": self.kind,
            "service": self.service,
            "source": self.source,
        }


def parse_table(text: str) -> tuple[CommonName, ...]:
    """The rows of a common-names CSV text.

    Raises:
        ValueError: a header, kind, port or protocol that is not as the table requires, an alias
            without the IANA service it stands for, an unofficial row naming one, or a second row
            for the same (name, port, protocol).
    """
    reader = csv.reader(io.StringIO(text))
    header = tuple(next(reader, ()))
    if header != COLUMNS:
        raise ValueError(f"common names: header {header!r}, expected {COLUMNS!r}")
    rows = []
    seen: set[tuple[str, int, str]] = set()
    for number, cells in enumerate(reader, start=2):
        if not cells:
            continue
        if len(cells) != len(COLUMNS):
            raise ValueError(f"common names line {number}: {len(cells)} cells")
        name, port, protocol, kind, service, source = (cell.strip() for cell in cells)
        if kind not in KINDS or not port.isascii() or not port.isdigit():
            raise ValueError(f"common names line {number}: bad kind or port")
        if not 0 <= int(port) <= 65535:
            raise ValueError(f"common names line {number}: port {port} out of range")
        if protocol not in PROTOCOLS or not name or not source:
            raise ValueError(f"common names line {number}: bad protocol, name or source")
        if (kind == "alias") != bool(service):
            # An alias names the IANA service it stands for; an unofficial use names none.
            raise ValueError(f"common names line {number}: {kind} row with service {service!r}")
        key = (name.lower(), int(port), protocol)
        if key in seen:
            raise ValueError(f"common names line {number}: duplicate row {key!r}")
        seen.add(key)
        rows.append(CommonName(key[0], key[1], protocol, kind, service, source))
    return tuple(rows)


@lru_cache(maxsize=1)
def common_names() -> tuple[CommonName, ...]:
    """The table shipped in the package."""
    from importlib import resources

    text = (resources.files("tui") / "data" / TABLE_NAME).read_text(encoding="utf-8")
    return parse_table(text)


@lru_cache(maxsize=1)
def _by_port() -> dict[int, tuple[CommonName, ...]]:
    grouped: dict[int, list[CommonName]] = defaultdict(list)
    for row in common_names():
        grouped[row.port].append(row)
    return {port: tuple(rows) for port, rows in grouped.items()}


def names_for_port(port: int, protocol: str = "") -> tuple[CommonName, ...]:
    """The rows for a port (and protocol, when given: rows for any protocol match too)."""
    rows = _by_port().get(port, ())
    return tuple(r for r in rows if not protocol or not r.protocol or r.protocol == protocol)


def common_names_for(record: Record) -> tuple[CommonName, ...]:
    """The rows that belong beside a record (none for a range wider than one port)."""
    if record.port_low is None or record.port_low != record.port_high:
        return ()
    return tuple(r for r in names_for_port(record.port_low) if r.applies_to(record))
