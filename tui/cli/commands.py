"""The sub-commands that read the registry: search, show, export, contacts, info.

Each takes the registry and the parsed arguments and returns the exit code: 0 found, 1 nothing
found, 2 bad input. Data goes to stdout, notes and errors to stderr, so a pipe gets only data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import IO

from tui.cli.checks import check_port_token, check_query_ports
from tui.cli.output import (
    console,
    data_stream,
    encodes_everything,
    error,
    is_terminal,
    print_table,
)
from tui.cli.parser import DEFAULT_LIMIT
from tui.registry.model import FIELDS, Record, Registry

EXIT_OK, EXIT_NOT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


def quoted(query: str, width: int = 60) -> str:
    """A query quoted for a one-line message, cut short when long."""
    from tui.search.query import shortened

    return repr(shortened(query, width))


def search(registry: Registry, args: argparse.Namespace) -> int:
    """`search QUERY`: ranked hits; a port no service uses is named with its class.

    With the default limit, a cut list says on stderr how many were shown of how many.
    """
    from tui.search.index import SearchIndex

    query = " ".join(args.query)
    if not query.strip():
        # An empty variable in a script (`search "$q"`) asks for nothing, not for everything.
        error(f"iana-ports: nothing to search for in {query!r}: type a word, a port or a qualifier")
        return EXIT_BAD_INPUT
    check_query_ports(query)
    explicit = "limit" in args
    limit: int | None = args.limit if explicit else DEFAULT_LIMIT
    index = SearchIndex(registry)
    hits = index.search(query, limit=None)
    notice = index.port_notice(query)
    if not hits:
        error(f"iana-ports: {notice or f'nothing matches {quoted(query)}'}")
        return EXIT_NOT_FOUND
    if notice:
        error(f"iana-ports: note: {notice}")
    total = len(hits)
    if limit is not None and total > limit:
        hits = hits[:limit]
        if not explicit:
            error(f"iana-ports: shown {limit} of {total:,}; --limit all for every match")
    records = [hit.record for hit in hits]
    if args.format in ("json", "jsonl"):
        from tui.registry.documents import record_document

        rows = []
        for hit in hits:
            row = record_document(hit.record, registry)
            row["score"] = round(hit.score, 2)
            row["matched"] = {name: [list(s) for s in spans] for name, spans in hit.matches.items()}
            rows.append(row)
        write_json(rows, lines=args.format == "jsonl")
    elif args.format in ("csv", "tsv"):
        write_data(records, args.format, registry, header=not args.no_header)
    else:
        from tui.cli.render import records_table
        from tui.cli.show_keys import matched_common_names, search_note

        matched = matched_common_names(records, query)
        if matched:
            error(f"iana-ports: note: {search_note(matched)}")
        print_table(console(), records_table(records, registry, header=not args.no_header))
    return EXIT_OK


def write_json(value: Sequence[object], lines: bool = False) -> None:
    """JSON (an indented array) or JSON Lines on stdout; escaped to ASCII when stdout's
    encoding cannot hold every character."""
    from tui.registry.documents import dumps, write_json_lines

    out = sys.stdout
    ascii_only = not encodes_everything(out)
    if lines:
        write_json_lines(value, out, ascii_only=ascii_only)
    else:
        out.write(dumps(value, ascii_only=ascii_only) + "\n")


class _TerminalSafeWriter:
    """A text stream for data going straight to a terminal: controls shown, never sent raw.

    Redirected to a file or a pipe, CSV and TSV keep the registry's text byte for byte; only
    what a person reads on a terminal is made visible (and a note says so).
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.changed = False

    def write(self, text: str) -> int:
        from tui.safe import visible

        shown = visible(text, keep_newlines=True)
        self.changed = self.changed or shown != text
        return self.out.write(shown)


def write_data(
    records: Sequence[Record], fmt: str, registry: Registry | None, header: bool = True
) -> None:
    """CSV, TSV or /etc/services on stdout: UTF-8 into a file or a pipe; on a terminal, with
    control characters made visible."""
    from tui.registry.exporting import write_records

    out = data_stream()
    if not is_terminal(out):
        write_records(records, fmt, out, registry, header=header)
        return
    safe = _TerminalSafeWriter(out)
    write_records(records, fmt, safe, registry, header=header)  # type: ignore[arg-type]
    if safe.changed:
        error(
            "iana-ports: note: control characters are shown visibly on the terminal; "
            "redirect to a file for the exact text"
        )


def _same_but_protocol(record: Record) -> tuple[str, ...]:
    return tuple(getattr(record, name) for name in FIELDS if name != "transport_protocol")


def merged_by_protocol(records: Iterable[Record]) -> list[list[Record]]:
    """Records grouped when identical but for the protocol, in first-seen order."""
    groups: dict[tuple[str, ...], list[Record]] = {}
    for record in records:
        groups.setdefault(_same_but_protocol(record), []).append(record)
    return list(groups.values())


def show(registry: Registry, args: argparse.Namespace) -> int:
    """`show KEY`: every field of the entries the key names; one panel for entries that differ
    only in the protocol; a free or unregistered port explained as `search` explains it."""
    from tui.cli.show_keys import common_name_note, shown_key

    key = args.key.strip()
    check_port_token(key)
    shown = shown_key(registry, key)
    records = shown.records
    notice = _port_notice(registry, key) if shown.names_ports else None
    if shown.common:
        notice = common_name_note(key, shown.common)
    if not records:
        error(f"iana-ports: {notice or f'no entry for {key!r}'}")
        return EXIT_NOT_FOUND
    if notice:
        error(f"iana-ports: note: {notice}")
    if args.format in ("json", "jsonl"):
        from tui.registry.documents import record_documents

        write_json(record_documents(records, registry), lines=args.format == "jsonl")
        return EXIT_OK
    from tui.cli.render import record_panel

    out = console()
    for group in merged_by_protocol(records):
        out.print(record_panel(registry, group[0], group[1:]))
    return EXIT_OK


def _port_notice(registry: Registry, key: str) -> str | None:
    from tui.search.index import SearchIndex

    return SearchIndex(registry).port_notice(key)


def export(registry: Registry, args: argparse.Namespace) -> int:
    """`export [QUERY]`: every record (or every match of QUERY) as data, no limit."""
    query = " ".join(args.query)
    records = registry.records
    if query.strip():
        from tui.search.index import SearchIndex

        check_query_ports(query)
        records = [hit.record for hit in SearchIndex(registry).search(query, limit=None)]
    if args.format in ("json", "jsonl"):
        from tui.registry.documents import record_documents

        write_json(record_documents(records, registry), lines=args.format == "jsonl")
    else:
        write_data(records, args.format, registry, header=not args.no_header)
    if not records:
        error(f"iana-ports: nothing matches {quoted(query)}")
        return EXIT_NOT_FOUND
    return EXIT_OK


def contacts(registry: Registry, args: argparse.Namespace) -> int:
    """`contacts [QUERY]`: the people and organizations of the contact table."""
    from tui.search.contacts import search_contacts

    query = " ".join(args.query)
    found = search_contacts(registry, query)
    if not found:
        error(
            "iana-ports: this registry has no contact table (IANA's CSV carries none)"
            if not registry.contacts
            else f"iana-ports: no contact matches {query!r}"
        )
        return EXIT_NOT_FOUND
    if args.format in ("json", "jsonl"):
        write_json([c.to_dict() for c in found], lines=args.format == "jsonl")
    elif args.format == "tsv":
        from tui.registry.exporting import tsv_line

        out = data_stream()
        columns = ("id", "name", "organization", "email", "uri", "updated")
        if not args.no_header:
            out.write(tsv_line(columns))
        for contact in found:
            out.write(tsv_line(str(contact.to_dict().get(c, "")) for c in columns))
    else:
        from tui.cli.render import contacts_table

        print_table(console(), contacts_table(found, header=not args.no_header))
    return EXIT_OK


def info(registry: Registry, args: argparse.Namespace) -> int:
    """`info`: which registry is in use, its counts, dates and age (`--format json` too)."""
    if args.format == "json":
        from tui.registry.documents import dumps
        from tui.registry.facts import info_facts

        sys.stdout.write(dumps(info_facts(registry), ascii_only=not encodes_everything()) + "\n")
        return EXIT_OK
    from tui.cli.info import info_lines

    out = console()
    for line in info_lines(registry):
        out.print(line, soft_wrap=True)  # one fact a line, never cut in two
    return EXIT_OK


COMMANDS = {"search": search, "show": show, "export": export, "contacts": contacts, "info": info}
"""The sub-commands that read a registry, by name."""
