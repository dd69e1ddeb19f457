"""A small registry written by hand for the search tests, and helpers to read answers."""

from __future__ import annotations

from tui.registry.model import Contact, Record
from tui.search import Hit, SearchIndex


def rec(
    name: str,
    port: str,
    protocol: str,
    description: str,
    *,
    assignee: str = "",
    contact: str = "",
    reference: str = "",
    notes: str = "",
) -> Record:
    """One registry line; the columns a test does not set are empty."""
    return Record(
        service_name=name,
        port_number=port,
        transport_protocol=protocol,
        description=description,
        assignee=assignee,
        contact=contact,
        reference=reference,
        assignment_notes=notes,
    )


def both(name: str, port: str, description: str, **extra: str) -> list[Record]:
    """The tcp and udp lines of one service, as the registry writes most of them."""
    return [rec(name, port, p, description, **extra) for p in ("tcp", "udp")]


REPLACES = 'IANA assigned this well-formed service name as a replacement for "sql*net".'

RECORDS: list[Record] = [
    *both("", "4", "Unassigned"),
    *both("rje", "5", "Remote Job Entry", assignee="[Jon_Postel]", contact="[Jon_Postel]"),
    *both("qotd", "17", "Quote of the Day", assignee="[Jon_Postel]"),
    *both("ftp-data", "20", "File Transfer [Default Data]", assignee="[Jon_Postel]"),
    *both("ftp", "21", "File Transfer Protocol [Control]", reference="[RFC959]"),
    *both("ssh", "22", "The Secure Shell (SSH) Protocol", reference="[RFC4251]"),
    *both("telnet", "23", "Telnet", assignee="[Jon_Postel]"),
    *both("domain", "53", "Domain Name Server", reference="[RFC1035]"),
    *both("kerberos", "88", "Kerberos", reference="[RFC4120]"),
    rec("syslog", "514", "udp", ""),
    rec("shell", "514", "tcp", "cmd", notes="like exec, but automatic authentication"),
    rec("sql-net", "66", "tcp", f"Oracle SQL*NET {REPLACES}"),
    rec("sql*net", "66", "tcp", "Oracle SQL*NET", notes='This entry is an alias to "sql-net".'),
    rec("sql-net", "66", "udp", f"Oracle SQL*NET {REPLACES}"),
    rec("sql*net", "66", "udp", "Oracle SQL*NET", notes='This entry is an alias to "sql-net".'),
    *both("ms-sql-s", "1433", "Microsoft-SQL-Server"),
    *both("ms-sql-m", "1434", "Microsoft-SQL-Monitor"),
    *both("postgresql", "5432", "PostgreSQL Database", reference="[RFC6335]"),
    *both("x11", "6000-6063", "X Window System", assignee="[Stephen_Gildea]"),
    *both("", "6064-6065", "Unassigned"),
    *both("ndl-ahp-svc", "6064", "NDL-AHP-SVC"),
    *both("http-alt", "8080", "HTTP Alternate (see port 80)", reference="[RFC6335]"),
    *both("", "8081-8082", "Reserved"),
    rec("ssh", "", "tcp", "SSH Remote Login Protocol", notes="Defined TXT keys: u=<username>"),
    rec("netbios-ssn", "139", "tcp", "NETBIOS Session Service"),
    rec("netbios-ssn", "139", "udp", "NETBIOS Session Service"),
    rec("netbios-ns", "137", "tcp", "NETBIOS Name Service"),
    rec("twin-a", "7001", "tcp", "Twin Service"),
    rec("twin-b", "7001", "tcp", "Twin Service"),
    rec("discard", "9", "sctp", "Discard", assignee="[Randall_Stewart]", reference="[RFC9260]"),
]

CONTACTS = {
    "Jon_Postel": Contact("Jon_Postel", name="Jon Postel", organization="ISI"),
    "Stephen_Gildea": Contact("Stephen_Gildea", name="Stephen Gildea", organization="X Consortium"),
    "Randall_Stewart": Contact(
        "Randall_Stewart", name="Randall R. Stewart", organization="Netflix"
    ),
}


def labels(hits: list[Hit]) -> list[tuple[str, str]]:
    """Distinct (service, port) in the order they first appear."""
    seen: list[tuple[str, str]] = []
    for hit in hits:
        key = (hit.record.service_name, hit.record.port_number)
        if key not in seen:
            seen.append(key)
    return seen


def first(index: SearchIndex, query: str) -> tuple[str, str]:
    """The (service, port) a query puts first."""
    return labels(index.search(query))[0]
