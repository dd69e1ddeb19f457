"""`iana-ports here [PORT...]`: what listens on this machine, and what the registry says of it.

Table (Rich, every registry string literal), JSON or TSV. Exit 0 when a socket is listed,
1 when none is. Registering the sub-command imports nothing heavy: psutil and Rich are imported
when `here` runs, so the other commands do not pay for them.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING, Any

from tui.registry.model import PORT_MAX, Registry
from tui.safe import visible

if TYPE_CHECKING:
    from rich.table import Table

    from tui.machine.listening import Listing
    from tui.machine.report import SocketReport

_UNWRAPPED = 100_000
"""The console width when output is no terminal: wide enough that no cell wraps."""
TSV_COLUMNS = ("protocol", "address", "port", "pid", "process", "status", "registry", "common")


def add_parser(commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    """Register the `here` sub-command."""
    here = commands.add_parser(
        "here", parents=[common], help="listening sockets on this machine, with their entries"
    )
    here.add_argument("ports", nargs="*", type=_port, metavar="PORT", help="only these ports")
    here.add_argument("--format", choices=("table", "json", "tsv"), default="table")


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= PORT_MAX:
        raise argparse.ArgumentTypeError(f"not a port (0-{PORT_MAX}): {text!r}")
    return int(text)


def run_here(registry: Registry, args: argparse.Namespace, listing: Listing | None = None) -> int:
    """List the sockets (limited to args.ports) in args.format; return the exit code."""
    from tui.machine.listening import listening_sockets
    from tui.machine.report import hidden_note, socket_reports

    listing = (listing or listening_sockets()).only(args.ports)
    if not listing.listeners:
        wanted = ", ".join(str(port) for port in args.ports)
        from tui.cli.output import error

        error(
            f"iana-ports: nothing listens on port {wanted}"
            if wanted
            else "iana-ports: nothing is listening"
        )
        return 1
    reports = socket_reports(listing, registry)
    if args.format == "json":
        _write_json([report.to_dict() for report in reports], sys.stdout)
    elif args.format == "tsv":
        _write_tsv(reports, sys.stdout)
    else:
        from rich.console import Console

        # Piped or redirected, rows never wrap: one socket, one line (for grep and awk).
        width = None if sys.stdout.isatty() else _UNWRAPPED
        console = Console(highlight=False, soft_wrap=False, emoji=False, width=width)
        console.print(sockets_table(reports))
    note = hidden_note(listing)
    if note:
        from tui.cli.output import error

        error(f"iana-ports: note: {note}")
    return 0


def sockets_table(reports: list[SocketReport]) -> Table:
    """A Rich table of the sockets: protocol, address, port, pid, process, registry, common."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Proto", no_wrap=True)
    table.add_column("Address", no_wrap=True, overflow="fold")
    table.add_column("Port", justify="right", no_wrap=True)
    table.add_column("PID", justify="right", no_wrap=True)
    table.add_column("Process", overflow="fold")
    table.add_column("Registry", overflow="fold")
    table.add_column("Common name", overflow="fold")
    for report in reports:
        item = report.listener
        table.add_row(
            Text(item.protocol),
            Text(visible(item.address)),
            Text(str(item.port), style="bold"),
            Text(str(item.pid) if item.pid is not None else "?"),
            Text(visible(item.process)),
            Text(visible(report.answer.summary)),
            Text(visible(report.common_text)),
        )
    return table


def _write_tsv(reports: list[SocketReport], out: IO[str]) -> None:
    """One header line, then one line a socket; tabs and line breaks in text made spaces."""
    out.write("\t".join(TSV_COLUMNS) + "\n")
    for report in reports:
        item = report.listener
        cells = (
            item.protocol,
            item.address,
            str(item.port),
            str(item.pid) if item.pid is not None else "?",
            item.process,
            report.answer.status,
            report.answer.summary,
            report.common_text,
        )
        out.write("\t".join(visible(cell) for cell in cells) + "\n")


def _write_json(value: object, out: IO[str]) -> None:
    """Indented JSON that cannot act on a terminal and reads back exactly (see `dumps`)."""
    from tui.registry.documents import dumps

    out.write(dumps(value) + "\n")
