"""The registry's answer for one port and protocol, as `here` and `annotate` give it.

A `PortBook` indexes a registry once by (port, protocol) so that each question afterwards is a
dictionary look-up: the service names registered there and the first description, else why
there are none ("unassigned", "reserved", "dynamic range", "not registered for udp").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.registry.model import PORT_CLASS_RANGES, PROTOCOLS, Record, Registry

DYNAMIC_LOW = PORT_CLASS_RANGES["Dynamic"][0]
"""The first port of the dynamic (private, ephemeral) range: 49152."""

ASSIGNED, OTHER_PROTOCOL, DYNAMIC, RESERVED, UNASSIGNED = (
    "assigned",
    "other-protocol",
    "dynamic",
    "reserved",
    "unassigned",
)
"""The kinds of answer, from the most to the least informative."""

_WIDEST_RANGE = 4096
"""Named ranges wider than this are not expanded port by port (IANA's widest named is 100)."""


@dataclass(frozen=True, slots=True)
class PortAnswer:
    """What the registry says about one port and protocol."""

    port: int
    protocol: str
    status: str
    """ASSIGNED, OTHER_PROTOCOL (registered, but for other protocols), DYNAMIC, RESERVED or
    UNASSIGNED."""
    records: tuple[Record, ...] = ()
    """The named records for this port and protocol (for OTHER_PROTOCOL: for the others)."""
    names: tuple[str, ...] = field(default=())
    """Their service names, duplicates and aliases left out, in registry order."""

    @property
    def description(self) -> str:
        """The first record's description, first line only ("" when there is no record)."""
        return self.records[0].description.split("\n", 1)[0].strip() if self.records else ""

    @property
    def other_protocols(self) -> tuple[str, ...]:
        """The protocols the names are registered for, when not this one."""
        if self.status != OTHER_PROTOCOL:
            return ()
        seen = dict.fromkeys(r.transport_protocol or "any" for r in self.records)
        return tuple(seen)

    @property
    def summary(self) -> str:
        """One line: "ssh: The Secure Shell (SSH) Protocol", "unassigned", "dynamic range",
        "not registered for udp (tcp: postgresql)"."""
        if self.status == ASSIGNED:
            text = ", ".join(self.names)
            return f"{text}: {self.description}" if self.description else text
        if self.status == OTHER_PROTOCOL:
            where = "/".join(self.other_protocols)
            return f"not registered for {self.protocol} ({where}: {', '.join(self.names)})"
        if self.status == DYNAMIC:
            return "dynamic range"
        return self.status


def _distinct_names(records: list[Record]) -> tuple[str, ...]:
    """Service names in registry order, without aliases and IANA's declared duplicates."""
    names = [
        r.service_name
        for r in records
        if not r.alias_of and "duplicate of" not in r.assignment_notes.lower()
    ]
    return tuple(dict.fromkeys(names or [r.service_name for r in records]))


class PortBook:
    """A registry indexed by port and protocol, answering `answer(port, protocol)` in O(1)."""

    def __init__(self, registry: Registry, ports: Iterable[int] | None = None) -> None:
        """Index every named record (ranges expanded; a record without protocol counts for all).

        Args:
            ports: only these ports will be asked about (`here`: a few listening ports), so
                only the records on them are indexed; None: every port (`annotate`).
        """
        named: dict[tuple[int, str], list[Record]] = defaultdict(list)
        reserved: set[tuple[int, str]] = set()
        wanted = sorted(set(ports)) if ports is not None else None
        for record in registry.records:
            low, high = record.port_low, record.port_high
            if low is None or high is None or high < low or high - low > _WIDEST_RANGE:
                continue
            if wanted is not None:
                first = bisect_left(wanted, low)
                if first == len(wanted) or wanted[first] > high:
                    continue
            protocol = record.transport_protocol.lower()
            protocols = (protocol,) if protocol in PROTOCOLS else PROTOCOLS
            status = record.status
            for port in range(low, high + 1):
                for each in protocols:
                    if record.service_name:
                        named[(port, each)].append(record)
                    elif status == RESERVED:
                        reserved.add((port, each))
        self._named = {key: tuple(records) for key, records in named.items()}
        self._names = {key: _distinct_names(list(recs)) for key, recs in self._named.items()}
        self._reserved = reserved
        self._mentioned = {port for port, _ in self._named} | {port for port, _ in reserved}
        self._cache: dict[tuple[int, str], PortAnswer] = {}

    def is_blank(self, port: int) -> bool:
        """True when no record names or reserves `port` for any protocol (its answer is
        UNASSIGNED or DYNAMIC whatever the protocol)."""
        return port not in self._mentioned

    def answer(self, port: int, protocol: str) -> PortAnswer:
        """The registry's answer for `port` over `protocol` ("tcp", "udp", "sctp", "dccp")."""
        key = (port, protocol)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._work_out(port, protocol)
        return cached

    def _work_out(self, port: int, protocol: str) -> PortAnswer:
        key = (port, protocol)
        if key in self._named:
            return PortAnswer(port, protocol, ASSIGNED, self._named[key], self._names[key])
        others = [(port, p) for p in PROTOCOLS if p != protocol and (port, p) in self._named]
        if others:
            records = tuple(r for other in others for r in self._named[other])
            names = tuple(dict.fromkeys(n for other in others for n in self._names[other]))
            return PortAnswer(port, protocol, OTHER_PROTOCOL, records, names)
        if port >= DYNAMIC_LOW:
            return PortAnswer(port, protocol, DYNAMIC)
        if key in self._reserved:
            return PortAnswer(port, protocol, RESERVED)
        return PortAnswer(port, protocol, UNASSIGNED)
