"""Helpers for the browser's Pilot tests: a small hand-built registry, and waiting on conditions."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot

from tui.registry.model import Contact, Record, Registry
from tui.widgets import DetailPane, ResultsTable, StatusLine

HOSTILE_DESCRIPTION = "[@click=app.quit]x[/]"
ESCAPE_DESCRIPTION = "Evil \x1b]0;pwned\x07 title \x1b[31mred"


def record(name: str, port: str, protocol: str, description: str, **fields: str) -> Record:
    """A record from its four main cells and any others by name."""
    return Record.from_fields(
        {
            "service_name": name,
            "port_number": port,
            "transport_protocol": protocol,
            "description": description,
            **fields,
        }
    )


def small_registry() -> Registry:
    """Twenty-odd records of every shape the browser meets, and a contact table."""
    records = [
        record("", "0", "tcp", "Reserved", reference="[RFC6335]"),
        record("", "0", "udp", "Reserved", reference="[RFC6335]"),
        record("tcpmux", "1", "tcp", "TCP Port Service Multiplexer", assignee="[Mark_Lottor]"),
        record("tcpmux", "1", "udp", "TCP Port Service Multiplexer", assignee="[Mark_Lottor]"),
        record("", "15", "tcp", "Unassigned [was netstat]"),
        record("ftp-data", "20", "tcp", "File Transfer [Default Data]", assignee="[Jon_Postel]"),
        record(
            "ftp",
            "21",
            "tcp",
            "File Transfer Protocol [Control]",
            assignee="[Jon_Postel]",
            contact="[Jon_Postel]",
            reference="[RFC959]",
            assignment_notes="Defined TXT keys: u=<username>\np=<password>\npath=<path>",
        ),
        record(
            "ssh",
            "22",
            "tcp",
            "The Secure Shell (SSH) Protocol",
            assignee="[IETF_Chair]",
            contact="[IETF_Chair]",
            reference="[RFC4251] https://example.org/ssh-notes",
            registration_date="2006-01-01",
        ),
        record("ssh", "22", "udp", "The Secure Shell (SSH) Protocol", reference="[RFC4251]"),
        record("ssh", "22", "sctp", "SSH", reference="[RFC4960]"),
        record("https", "443", "tcp", "http protocol over TLS/SSL", reference="[RFC9110]"),
        record("cl-1", "172", "tcp", "Network Innovations CL/1"),
        record(
            "cl/1", "172", "tcp", "Network Innovations CL/1", assignment_notes='alias to "cl-1"'
        ),
        record("x11", "6000-6063", "tcp", "X Window System", assignee="[Stephen_Gildea]"),
        record("x11", "6000-6063", "udp", "X Window System", assignee="[Stephen_Gildea]"),
        record("sua", "14001", "sctp", "SUA", reference="[RFC3868]"),
        record("dccp-thing", "5004", "dccp", "Something over DCCP"),
        record("private-app", "50000", "udp", "Example in the dynamic range"),
        record("xmpp-bosh", "", "", "Bidirectional-streams Over Synchronous HTTP"),
        record("oddity", "70000", "tcp", "A port beyond 65535"),
    ]
    contacts = {
        c.id: c
        for c in (
            Contact("Jon_Postel", "Jon Postel", "USC/ISI", "mailto:postel&isi.edu", "2002-04-10"),
            Contact("IETF_Chair", "IETF Chair", "IETF", "mailto:chair&ietf.org", "2019-06-01"),
            Contact("Mark_Lottor", "Mark Lottor", "", "mailto:MKL&nisc.sri.com"),
            Contact("Stephen_Gildea", "Stephen Gildea", "", "https://gildea.example/x11"),
        )
    }
    return Registry(
        records=records,
        contacts=contacts,
        source="/tmp/small-registry.xml",
        format="xml",
        updated="2026-01-02",
    )


def markup_registry() -> Registry:
    """Records whose text looks like markup or carries escape sequences."""
    records = [
        record(
            "evil", "666", "tcp", HOSTILE_DESCRIPTION, assignee="[Mallory]", contact="[Mallory]"
        ),
        record("evil", "666", "udp", ESCAPE_DESCRIPTION, assignment_notes="[bold]not bold[/bold]"),
        record("", "15", "tcp", "Unassigned [was netstat]"),
        record("ftp-data", "20", "tcp", "File Transfer [Default Data]"),
    ]
    contacts = {
        "Mallory": Contact(
            "Mallory", "[@click=app.quit]Mal[/]", "[red]Org[/red]", "mailto:m&x.example"
        )
    }
    return Registry(records=records, contacts=contacts, source="hostile.xml", format="xml")


async def wait_until(
    pilot: Pilot,
    condition: Callable[[], object],
    what: str = "the expected state",
    *,
    timeout: float = 10.0,
) -> None:
    """Let the app run until `condition()` is true; fail after `timeout` seconds, naming `what`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def answered(pilot: Pilot) -> None:
    """Wait until the results table answers what the search bar holds, and the pane follows."""
    app = pilot.app
    table = app.query_one("#results")
    search = app.query_one("#search")
    detail = app.query_one("#detail")
    await wait_until(
        pilot,
        lambda: table.answered == search.value and detail.record is table.highlighted,
    )


async def filtered(pilot: Pilot, phrase: str) -> None:
    """Wait until an answer under filters described as `phrase` ("" for none) is shown."""
    status = pilot.app.query_one("#status")
    await wait_until(pilot, lambda: status.filters == phrase)
    await answered(pilot)


def parts(app: App) -> tuple[ResultsTable, DetailPane, StatusLine]:
    """The main screen's results table, detail pane and status line."""
    return (
        app.query_one("#results", ResultsTable),
        app.query_one("#detail", DetailPane),
        app.query_one("#status", StatusLine),
    )
