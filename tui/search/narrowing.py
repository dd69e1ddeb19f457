"""Record-level narrowing: the ``proto:`` ``status:`` ``by:`` ``ref:`` qualifiers and the
browser's filters (protocol toggles, port class, hiding Unassigned/Reserved).

Each becomes a test of one record's index; the per-record strings they read (statuses,
people, references) are worked out the first time a query needs them, not at index build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tui.registry.model import PORT_CLASS_RANGES, PROTOCOLS, Record, Registry
from tui.search.query import STATUSES, Query, QueryError, normalize_person

RecordTest = Callable[[int], bool]

NO_SERVICE = frozenset(("unassigned", "reserved"))
"""Statuses of entries without a service, which `hide_unassigned` leaves out."""


class RecordFilters:
    """Builds the test a record must pass for a query and the browser's filters."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.records: list[Record] = registry.records
        self._protocols: list[str] | None = None
        self._statuses: list[str] | None = None
        self._people: list[str] | None = None
        self._references: list[str] | None = None
        self._reference_patterns: dict[str, re.Pattern[str]] = {}

    def test(
        self,
        query: Query,
        protocols: frozenset[str] | None = None,
        hidden_protocols: frozenset[str] | None = None,
        port_class: str | None = None,
        hide_unassigned: bool = False,
    ) -> RecordTest | None:
        """One test for every filter that applies, or None when nothing filters.

        Raises:
            QueryError: an unknown protocol or port class.
        """
        tests: list[RecordTest] = []
        allowed = _checked_protocols(query.protocols, protocols)
        if allowed is not None:
            record_protocols = self.protocols()
            tests.append(lambda i: record_protocols[i] in allowed)
        if hidden_protocols:
            hidden = frozenset(p.lower() for p in hidden_protocols) - {""}
            record_protocols = self.protocols()
            tests.append(lambda i: record_protocols[i] not in hidden)
        if query.statuses is not None or hide_unassigned:
            statuses = self.statuses()
            shown = query.statuses or frozenset(STATUSES)
            if hide_unassigned:
                shown = shown - NO_SERVICE
            tests.append(lambda i: statuses[i] in shown)
        if port_class is not None:
            low, high = port_class_bounds(port_class)
            records = self.records
            tests.append(lambda i: records[i].overlaps(low, high))
        if query.people:
            people = self.people()
            tests.extend(_names_person(people, person) for person in query.people)
        if query.references:
            references = self.references()
            for reference in query.references:
                tests.append(_cites(references, self._reference_pattern(reference)))
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda i: all(test(i) for test in tests)

    def protocols(self) -> list[str]:
        """Each record's protocol in lower case ("" where it has none)."""
        if self._protocols is None:
            self._protocols = [r.transport_protocol.lower() for r in self.records]
        return self._protocols

    def statuses(self) -> list[str]:
        """Each record's status (assigned, unassigned, reserved, alias)."""
        if self._statuses is None:
            self._statuses = [r.status for r in self.records]
        return self._statuses

    def people(self) -> list[str]:
        """Per record: ids, names and organizations of its assignees and contacts, normalized."""
        if self._people is None:
            contacts = self.registry.contacts
            people = []
            for record in self.records:
                parts = [record.assignee, record.contact]
                for person_id in record.assignee_ids + record.contact_ids:
                    contact = contacts.get(person_id)
                    if contact is not None:
                        parts += [contact.name, contact.organization]
                people.append(normalize_person(" | ".join(parts)))
            self._people = people
        return self._people

    def references(self) -> list[str]:
        """Per record: the reference cell in lower case, without spaces."""
        if self._references is None:
            self._references = ["".join(r.reference.lower().split()) for r in self.records]
        return self._references

    def _reference_pattern(self, reference: str) -> re.Pattern[str]:
        """``ref:rfc793`` finds RFC793 and not RFC7930; a value that is no whole reference
        anywhere ("rfc79", still being typed) finds the references it starts."""
        pattern = self._reference_patterns.get(reference)
        if pattern is None:
            start = r"(?<![a-z0-9])" + re.escape(reference)
            whole = re.compile(start + r"(?![a-z0-9])")
            everything = "\n".join(self.references())
            pattern = whole if whole.search(everything) else re.compile(start)
            self._reference_patterns[reference] = pattern
        return pattern


def _checked_protocols(
    from_query: frozenset[str] | None, from_caller: frozenset[str] | None
) -> frozenset[str] | None:
    allowed = from_query
    if from_caller is not None:
        wanted = frozenset(p.lower() for p in from_caller)
        unknown = wanted - set(PROTOCOLS) - {""}
        if unknown:
            raise QueryError(
                f"unknown protocol {sorted(unknown)[0]!r}: expected {', '.join(PROTOCOLS)}"
            )
        allowed = wanted if allowed is None else allowed & wanted
    return allowed


def port_class_bounds(name: str) -> tuple[int, int]:
    """The (low, high) ports of "System", "User" or "Dynamic" (any case).

    Raises:
        QueryError: any other name.
    """
    for known, bounds in PORT_CLASS_RANGES.items():
        if known.lower() == name.strip().lower():
            return bounds
    raise QueryError(f"unknown port class {name!r}: expected {', '.join(PORT_CLASS_RANGES)}")


def _names_person(people: Sequence[str], person: str) -> RecordTest:
    """A test: the record at i names `person` as assignee or contact."""
    return lambda i: person in people[i]


def _cites(references: Sequence[str], pattern: re.Pattern[str]) -> RecordTest:
    """A test: the record at i cites what `pattern` finds in its references."""
    return lambda i: pattern.search(references[i]) is not None
