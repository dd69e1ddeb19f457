"""The `iana-ports` command line: search, show, export, contacts, info, update, and the browser.

Imports no Textual unless the browser is asked for, so the sub-commands start fast. Every
string from the registry is printed as data (Rich `Text`, controls made visible), never as
markup. Exit codes: 0 ok, 1 nothing found, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from tui import __version__
from tui.registry.model import Record, Registry, RegistryError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_NOT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """A bad option or argument: reported on one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--registry",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="registry file to use (XML, CSV, text or XHTML); default: the best one available",
    )
    parser = _Parser(
        prog="iana-ports",
        description="Browse and search IANA's Service Name and Transport Protocol Port Number "
        "Registry. Without a command, opens the browser.",
    )
    parser.add_argument("--registry", metavar="PATH", default=None, help="registry file to use")
    parser.add_argument("--version", action="version", version=f"iana-ports {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    search = commands.add_parser(
        "search", parents=[common], help="search services, ports and descriptions"
    )
    search.add_argument("query", nargs="+", help="words, a port, a range, qualifiers")
    search.add_argument("--limit", type=_positive_int, default=20, help="results at most")
    search.add_argument("--format", choices=("table", "json", "csv"), default="table")

    show = commands.add_parser("show", parents=[common], help="every field of one entry")
    show.add_argument("key", help="service name, port, port/protocol or range: ssh, 22, 22/tcp")
    show.add_argument("--format", choices=("text", "json"), default="text")

    export = commands.add_parser("export", parents=[common], help="export records as CSV or JSON")
    export.add_argument("query", nargs="*", help="only records matching this query")
    export.add_argument("--format", choices=("csv", "json"), default="csv")

    contacts = commands.add_parser("contacts", parents=[common], help="list or search contacts")
    contacts.add_argument("query", nargs="*", help="id, name, organization or e-mail")
    contacts.add_argument("--format", choices=("table", "json"), default="table")

    info = commands.add_parser(
        "info", parents=[common], help="which registry is in use, and its counts"
    )
    info.add_argument("--format", choices=("text", "json"), default="text")

    update = commands.add_parser(
        "update", parents=[common], help="download the current registry from IANA"
    )
    update.add_argument("--url", help="where to download from (default: IANA's XML)")
    update.add_argument("--timeout", type=float, help="seconds without data (default 30)")
    update.add_argument(
        "--deadline", type=float, help="seconds the whole download may take (default 600)"
    )
    update.add_argument("--quiet", action="store_true", help="no progress, only errors")
    update.add_argument("--from", dest="from_file", metavar="FILE", help="install this file")
    update.add_argument(
        "--force",
        action="store_true",
        help="install even a registry older than the copy in use, without its contact table "
        "or without most of its entries",
    )
    update.add_argument(
        "--rollback",
        action="store_true",
        help="go back to the copy the last update replaced (the last 3 are kept)",
    )

    from tui.cli import annotate, here

    here.add_parser(commands, common)
    annotate.add_parser(commands, common)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        return _dispatch(args)
    except UsageError as error:
        _error(f"iana-ports: {error}")
        return EXIT_BAD_INPUT
    except RegistryError as error:
        _error(f"iana-ports: {error}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _error("iana-ports: interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to say to it.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last guard: no traceback reaches a user
        _error(f"iana-ports: internal error: {type(error).__name__}: {error}")
        return EXIT_BAD_INPUT


def _error(line: str) -> None:
    from tui.safe import visible

    if sys.stderr is None:  # stderr closed: say nothing rather than print on stdout
        return
    print(visible(line), file=sys.stderr)


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command is None:
        return _run_browser(args.registry)
    if command == "update":
        from tui.cli.update import run_update

        return run_update(args)
    if command in ("here", "annotate"):
        return _run_machine(command, args)
    from tui.registry.cache import gc_paused

    # A one-shot command makes ~10^5 objects that live until it ends, and no garbage cycles:
    # the cyclic collector would only walk them again and again (~15 ms of a search).
    with gc_paused():
        return _run_command(command, args)


def _run_command(command: str, args: argparse.Namespace) -> int:
    """search, show, export, contacts or info, on the registry the options name."""
    from tui.search.index import QueryError

    registry = _load(args.registry)
    try:
        if command == "search":
            return _search(registry, " ".join(args.query), args.limit, args.format)
        if command == "show":
            return _show(registry, args.key, args.format)
        if command == "export":
            return _export(registry, " ".join(args.query), args.format, sys.stdout)
        if command == "contacts":
            return _contacts(registry, " ".join(args.query), args.format)
        if command == "info":
            return _info(registry, args.format)
    except QueryError as error:
        _error(f"iana-ports: query {error}")
        return EXIT_BAD_INPUT
    raise UsageError(f"unknown command {command!r}")


def _run_machine(command: str, args: argparse.Namespace) -> int:
    """here or annotate (annotate streams for as long as its input lasts: no gc pause)."""
    from tui.cli.annotate import run_annotate
    from tui.cli.here import run_here

    registry = _load(args.registry)
    return run_here(registry, args) if command == "here" else run_annotate(registry, args)


def _load(path: str | None) -> Registry:
    from tui.registry.sources import load_registry

    return load_registry(path)


def _run_browser(path: str | None) -> int:
    registry = _load(path)
    from tui.app import PortsApp

    PortsApp(source=registry).run()
    return EXIT_OK


def _write_json(value: object, out: IO[str]) -> None:
    """Write `value` as indented JSON (json is imported here: table output never needs it).

    JSON escapes C0 controls itself; C1 controls, DEL and bidi overrides are written as
    \\uXXXX escapes too, so the text reads back exactly yet cannot act on a terminal.
    """
    import json
    import re

    from tui.safe import BIDI_CONTROLS

    text = json.dumps(value, ensure_ascii=False, indent=2)
    text = re.sub(
        f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]",
        lambda match: f"\\u{ord(match.group()):04x}",
        text,
    )
    out.write(text + "\n")


class _TerminalSafeWriter:
    """A text stream for CSV going straight to a terminal: controls shown, never sent raw.

    Redirected to a file or a pipe, CSV keeps the registry's text byte for byte; only what a
    person reads on a terminal is made visible (and a note says so).
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.changed = False

    def write(self, text: str) -> int:
        from tui.safe import visible

        shown = visible(text, keep_newlines=True)
        self.changed = self.changed or shown != text
        return self.out.write(shown)


def _write_csv(records: Iterable[Record], out: IO[str]) -> None:
    """Write records as IANA's CSV; on a terminal, with control characters made visible."""
    from tui.registry.formats.csv_registry import write

    if not (hasattr(out, "isatty") and out.isatty()):
        write(records, out)
        return
    safe = _TerminalSafeWriter(out)
    write(records, safe)  # type: ignore[arg-type]
    if safe.changed:
        _error(
            "iana-ports: note: control characters are shown visibly on the terminal; "
            "redirect to a file for the exact text"
        )


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)


def _search(registry: Registry, query: str, limit: int, output: str) -> int:
    """Rank `query` with the search index; a port no service uses is named with its class."""
    from tui.search.index import SearchIndex

    index = SearchIndex(registry)
    hits = index.search(query, limit=limit)
    notice = index.port_notice(query)
    if not hits:
        _error(f"iana-ports: {notice or f'nothing matches {_quoted(query)}'}")
        return EXIT_NOT_FOUND
    if notice:
        _error(f"iana-ports: note: {notice}")
    if output == "json":
        rows = []
        for hit in hits:
            row: dict[str, object] = dict(hit.record.to_dict())
            row["score"] = round(hit.score, 2)
            row["matched"] = {name: [list(s) for s in spans] for name, spans in hit.matches.items()}
            rows.append(row)
        _write_json(rows, sys.stdout)
    elif output == "csv":
        _write_csv((hit.record for hit in hits), sys.stdout)
    else:
        from tui.cli.render import records_table

        _console().print(records_table([hit.record for hit in hits], registry))
    return EXIT_OK


def _quoted(query: str, width: int = 60) -> str:
    """A query quoted for a one-line message, cut short when long."""
    from tui.search.query import shortened

    return repr(shortened(query, width))


def _show(registry: Registry, key: str, output: str) -> int:
    from tui.cli.render import record_panel

    records = registry.lookup(key)
    if not records:
        _error(f"iana-ports: no entry for {key!r}")
        return EXIT_NOT_FOUND
    if output == "json":
        _write_json([r.to_dict() for r in records], sys.stdout)
        return EXIT_OK
    console = _console()
    for record in records:
        console.print(record_panel(registry, record))
    return EXIT_OK


def _export(registry: Registry, query: str, output: str, out: IO[str]) -> int:
    if query.strip():
        from tui.search.index import SearchIndex

        records = [hit.record for hit in SearchIndex(registry).search(query, limit=None)]
    else:
        records = registry.records
    if output == "json":
        _write_json([r.to_dict() for r in records], out)
    else:
        _write_csv(records, out)
    return EXIT_OK


def _contacts(registry: Registry, query: str, output: str) -> int:
    from tui.search.contacts import search_contacts

    found = search_contacts(registry, query)
    if not found:
        _error(
            "iana-ports: this registry has no contact table (IANA's CSV carries none)"
            if not registry.contacts
            else f"iana-ports: no contact matches {query!r}"
        )
        return EXIT_NOT_FOUND
    if output == "json":
        _write_json([c.to_dict() for c in found], sys.stdout)
    else:
        from tui.cli.render import contacts_table

        _console().print(contacts_table(found))
    return EXIT_OK


def _info(registry: Registry, output: str) -> int:
    from tui.cli.info import info_lines

    if output == "json":
        from tui.registry.facts import info_facts

        _write_json(info_facts(registry), sys.stdout)
        return EXIT_OK
    console = _console()
    for line in info_lines(registry):
        console.print(line, soft_wrap=True)  # one fact a line, never cut in two
    return EXIT_OK
