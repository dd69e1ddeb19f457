"""The data model: port bounds, classes, statuses, aliases, lookups, contact resolution."""

from __future__ import annotations

import pytest

from tui.registry.model import Contact, Record, Registry, bracket_ids, parse_port_range, port_class


def rec(name: str, port: str, proto: str = "tcp", **fields: str) -> Record:
    return Record(service_name=name, port_number=port, transport_protocol=proto, **fields)


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("22", (22, 22)),
        ("6000-6063", (6000, 6063)),
        ("", (None, None)),
        ("abc", (None, None)),
        ("100-90", (100, 90)),
        ("70000", (70000, 70000)),
    ],
)
def test_parse_port_range(text: str, bounds: tuple[int | None, int | None]) -> None:
    assert parse_port_range(text) == bounds


@pytest.mark.parametrize(
    ("port", "name"),
    [
        (0, "System"),
        (1023, "System"),
        (1024, "User"),
        (49151, "User"),
        (49152, "Dynamic"),
        (65535, "Dynamic"),
        (65536, "Invalid"),
    ],
)
def test_port_class_boundaries(port: int, name: str) -> None:
    assert port_class(port) == name


def test_record_bounds_and_problems() -> None:
    assert rec("x11", "6000-6063").covers(6010)
    assert not rec("x11", "6000-6063").covers(6064)
    assert rec("a", "100-90").port_problem == "range is written backwards"
    assert rec("a", "100-90").covers(95)
    assert rec("a", "70000").port_problem == "port is outside 0-65535"
    assert rec("a", "22").port_problem == ""
    assert rec("a", "").port_problem == ""
    assert rec("a", "x").port_problem


def test_status() -> None:
    assert Record(port_number="4", description="Unassigned").status == "unassigned"
    assert Record(port_number="47", description="Reserved").status == "reserved"
    alias = rec("cl/1", "172", assignment_notes='This entry is an alias to "cl-1".')
    assert alias.status == "alias"
    assert rec("ssh", "22").status == "assigned"


def test_aliases_linked_both_ways() -> None:
    new = rec(
        "cl-1",
        "172",
        description="CL/1\n\nIANA assigned this well-formed service name "
        'as a replacement for "cl/1".',
    )
    old = rec("cl/1", "172", assignment_notes='This entry is an alias to "cl-1".')
    other_proto = rec("cl/1", "172", "udp", assignment_notes='This entry is an alias to "cl-1".')
    registry = Registry(records=[new, old, other_proto])
    assert registry.aliases(old) == [new]
    assert registry.aliases(new) == [old]


def test_lookup_keys() -> None:
    ssh_tcp, ssh_udp = rec("ssh", "22"), rec("ssh", "22", "udp")
    x11 = rec("x11", "6000-6063")
    registry = Registry(records=[ssh_tcp, ssh_udp, x11])
    assert registry.lookup("ssh") == [ssh_tcp, ssh_udp]
    assert registry.lookup("SSH/udp") == [ssh_udp]
    assert registry.lookup("22/tcp") == [ssh_tcp]
    assert registry.lookup("6000-6063") == [x11]
    assert registry.lookup("6010") == [x11]
    assert registry.lookup("nothing") == []


def test_lookup_names_with_slashes() -> None:
    historic_tcp, historic_udp = rec("cl/1", "172"), rec("cl/1", "172", "udp")
    registry = Registry(records=[historic_tcp, historic_udp])
    assert registry.lookup("cl/1") == [historic_tcp, historic_udp]
    assert registry.lookup("cl/1/udp") == [historic_udp]
    assert registry.lookup("cl/2") == []


def test_contacts_resolved_and_unknown_ids_kept() -> None:
    jon = Contact(id="Jon_Postel", name="Jon Postel", uri="mailto:postel&isi.edu")
    record = rec("echo", "7", assignee="[Jon_Postel]", contact="[Unknown_Person]")
    registry = Registry(records=[record], contacts={jon.id: jon})
    assert registry.assignees(record) == [jon]
    assert [c.id for c in registry.contacts_of(record)] == ["Unknown_Person"]
    assert jon.email == "postel@isi.edu"
    assert Contact(id="x", uri="https://example.org").email == ""
    assert registry.records_of_contact("Jon_Postel") == [record]


def test_bracket_ids_and_to_dict_order() -> None:
    assert bracket_ids("[IESG] [IETF_Chair]") == ["IESG", "IETF_Chair"]
    record = rec("ssh", "22", description="Secure Shell")
    assert list(record.to_dict()) == [
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
    ]
    assert record.to_dict()["description"] == "Secure Shell"


def test_siblings_are_other_protocols_of_same_service_and_port() -> None:
    tcp, udp, sctp, other = (
        rec("bgp", "179"),
        rec("bgp", "179", "udp"),
        rec("bgp", "179", "sctp"),
        rec("x", "179"),
    )
    registry = Registry(records=[tcp, udp, sctp, other])
    assert registry.siblings(tcp) == [udp, sctp]


def test_port_range_class_names_both_ends_of_a_range() -> None:
    from tui.registry.model import port_range_class

    assert port_range_class(22, 22) == "System (0-1023)"
    assert port_range_class(6000, 6063) == "User (1024-49151)"
    assert port_range_class(1000, 2000) == "System to User"
    assert port_range_class(2000, 1000) == "System to User"
