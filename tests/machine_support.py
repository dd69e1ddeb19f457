"""Helpers for the `here` / `annotate` tests: a hand-built registry and sockets of our own."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app_support import record

from tui.machine.annotate import AnnotateOptions, Annotator
from tui.machine.answers import PortBook
from tui.registry.formats.csv_registry import write
from tui.registry.model import Registry

ESCAPE = "\x1b]0;pwned\x07\x1b[31m"
"""An escape sequence that would retitle the terminal and turn it red."""


def machine_registry() -> Registry:
    """The ports the annotate fixtures name, with every kind of answer."""
    records = [
        record("", "0", "tcp", "Reserved"),
        record("", "0", "udp", "Reserved"),
        record("ssh", "22", "tcp", "The Secure Shell (SSH) Protocol"),
        record("ssh", "22", "udp", "The Secure Shell (SSH) Protocol"),
        record("domain", "53", "tcp", "Domain Name Server"),
        record("domain", "53", "udp", "Domain Name Server"),
        record("http", "80", "tcp", "World Wide Web HTTP"),
        record("http", "80", "udp", "World Wide Web HTTP"),
        record(
            "www",
            "80",
            "tcp",
            "World Wide Web HTTP",
            assignment_notes='This is a duplicate of the "http" service',
        ),
        record("ntp", "123", "udp", "Network Time Protocol"),
        record("https", "443", "tcp", "http protocol over TLS/SSL"),
        record("https", "443", "udp", "http protocol over TLS/SSL"),
        record("ipp", "631", "tcp", "IPP (Internet Printing Protocol)"),
        record("ipps", "631", "tcp", "Internet Printing Protocol over HTTPS"),
        record("", "1023", "tcp", "Reserved"),
        record("postgresql", "5432", "tcp", "PostgreSQL Database"),
        record("postgresql", "5432", "udp", "PostgreSQL Database"),
        record("mdns", "5353", "tcp", "Multicast DNS"),
        record("mdns", "5353", "udp", "Multicast DNS"),
        record("x11", "6000-6063", "tcp", "X Window System"),
        record("http-alt", "8080", "tcp", "HTTP Alternate (see port 80)"),
        record("http-alt", "8080", "udp", "HTTP Alternate (see port 80)"),
        record("dyn-named", "60000", "udp", "A name in the dynamic range"),
    ]
    return Registry(records=records, source="machine-registry.csv", format="csv")


def hostile_machine_registry() -> Registry:
    """Names and descriptions carrying markup and escape sequences."""
    records = [
        record(f"evil{ESCAPE}name", "666", "tcp", f"[@click=app.quit]x[/] {ESCAPE} [bold]b"),
        record("[red]markup[/red]", "667", "tcp", f"desc {ESCAPE}"),
        record("ssh", "22", "tcp", f"SSH \u202eevil bidi {ESCAPE}"),
    ]
    return Registry(records=records, source="hostile.csv", format="csv")


def write_registry(registry: Registry, path: Path) -> Path:
    """Write `registry` as IANA's CSV at `path` (for the command line's --registry)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        write(registry.records, out)
    return path


def annotator(registry: Registry | None = None, **options: object) -> Annotator:
    """An annotator over `registry` (default: machine_registry()) with these options."""
    book = PortBook(registry if registry is not None else machine_registry())
    return Annotator(book, AnnotateOptions(**options))  # type: ignore[arg-type]


@contextmanager
def listening_pair() -> Iterator[tuple[int, int]]:
    """A TCP socket listening and a UDP socket bound on 127.0.0.1, on ports the OS picks.

    Yields:
        (tcp port, udp port).
    """
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        tcp.bind(("127.0.0.1", 0))
        tcp.listen()
        udp.bind(("127.0.0.1", 0))
        yield tcp.getsockname()[1], udp.getsockname()[1]
    finally:
        tcp.close()
        udp.close()
