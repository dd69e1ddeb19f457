"""The listening sockets and the registry's answers, without the command line."""

from __future__ import annotations

import os
import socket
from types import SimpleNamespace

import psutil
from machine_support import listening_pair, machine_registry

from tui.machine.answers import (
    ASSIGNED,
    DYNAMIC,
    OTHER_PROTOCOL,
    RESERVED,
    UNASSIGNED,
    PortBook,
)
from tui.machine.listening import UNKNOWN, listening_sockets
from tui.machine.report import hidden_note, socket_reports
from tui.registry.common_names import names_for_port


def test_own_tcp_and_udp_sockets_are_found_with_this_pid() -> None:
    with listening_pair() as (tcp_port, udp_port):
        listing = listening_sockets()
    found = {(s.protocol, s.port): s for s in listing.listeners if s.address == "127.0.0.1"}
    for key in (("tcp", tcp_port), ("udp", udp_port)):
        assert key in found, key
        assert found[key].pid == os.getpid()
        assert found[key].process == psutil.Process().name()
        assert found[key].family == "IPv4"


def test_a_connected_tcp_socket_is_not_listening() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(server.getsockname())
    try:
        accepted, _ = server.accept()
        ports = {(s.protocol, s.port) for s in listening_sockets().listeners}
        assert ("tcp", server.getsockname()[1]) in ports
        assert ("tcp", client.getsockname()[1]) not in ports
        accepted.close()
    finally:
        client.close()
        server.close()


def _conn(port: int, pid: int | None, kind: int = socket.SOCK_STREAM, status: str = "LISTEN"):
    return SimpleNamespace(
        fd=3,
        family=socket.AF_INET6,
        type=kind,
        laddr=("::", port),
        raddr=(),
        status=status if kind == socket.SOCK_STREAM else psutil.CONN_NONE,
        pid=pid,
    )


def test_owners_the_os_hides_are_question_marks_and_said_plainly(monkeypatch) -> None:
    monkeypatch.setattr("tui.machine.listening._is_root", lambda: False)
    listing = listening_sockets(lambda: [_conn(22, None), _conn(53, None, socket.SOCK_DGRAM)])
    assert [(s.port, s.protocol, s.pid, s.process) for s in listing.listeners] == [
        (22, "tcp", None, UNKNOWN),
        (53, "udp", None, UNKNOWN),
    ]
    assert listing.names_hidden
    assert "hidden for 2 sockets" in hidden_note(listing) and "root" in hidden_note(listing)


def test_a_process_gone_meanwhile_is_a_question_mark_not_an_error() -> None:
    gone = 2**22 + 12345  # above Linux's pid_max: no such process
    listing = listening_sockets(lambda: [_conn(22, gone)])
    assert listing.listeners[0].pid == gone and listing.listeners[0].process == UNKNOWN


def test_root_sees_everything_so_no_note(monkeypatch) -> None:
    monkeypatch.setattr("tui.machine.listening._is_root", lambda: True)
    listing = listening_sockets(lambda: [_conn(22, None)])
    assert hidden_note(listing) == ""


def test_limiting_to_ports() -> None:
    listing = listening_sockets(
        lambda: [_conn(22, 1), _conn(80, 1), _conn(22, 1, socket.SOCK_DGRAM)]
    )
    assert [(s.port, s.protocol) for s in listing.only([22]).listeners] == [
        (22, "tcp"),
        (22, "udp"),
    ]
    assert listing.only([]).listeners == listing.listeners


def test_registry_answers_for_each_kind() -> None:
    book = PortBook(machine_registry())
    ssh = book.answer(22, "tcp")
    assert (ssh.status, ssh.names, ssh.summary) == (
        ASSIGNED,
        ("ssh",),
        "ssh: The Secure Shell (SSH) Protocol",
    )
    assert book.answer(80, "tcp").names == ("http",)  # www is a declared duplicate
    assert book.answer(6010, "tcp").names == ("x11",)  # inside a range
    ntp = book.answer(123, "tcp")
    assert ntp.status == OTHER_PROTOCOL
    assert ntp.summary == "not registered for tcp (udp: ntp)"
    assert book.answer(50000, "tcp").summary == "dynamic range"
    assert book.answer(50000, "tcp").status == DYNAMIC
    assert book.answer(1023, "tcp").status == RESERVED
    assert book.answer(3000, "tcp").summary == UNASSIGNED


def test_reports_carry_common_names() -> None:
    listing = listening_sockets(lambda: [_conn(3389, 1), _conn(9200, 1)])
    reports = socket_reports(listing, PortBook(machine_registry()))
    assert "rdp" in reports[0].common_text
    table_rows = names_for_port(9200, "tcp")
    assert "elasticsearch" in reports[1].common_text.split(", ")
    assert reports[1].common_text == ", ".join(dict.fromkeys(row.name for row in table_rows))
    assert reports[1].to_dict()["common_names"] == [row.to_dict() for row in table_rows]


def test_a_book_for_a_few_ports_answers_as_the_full_one() -> None:
    registry = machine_registry()
    ports = [22, 123, 1023, 3000, 6010, 50000, 60000]
    full, few = PortBook(registry), PortBook(registry, ports)
    for port in ports:
        for protocol in ("tcp", "udp", "sctp"):
            assert few.answer(port, protocol) == full.answer(port, protocol), (port, protocol)


def test_blank_ports_are_those_no_record_mentions() -> None:
    book = PortBook(machine_registry())
    assert [port for port in (22, 123, 1023, 3000, 6010, 50000) if book.is_blank(port)] == [
        3000,
        50000,
    ]
