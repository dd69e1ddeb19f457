"""The command line's grammar: argparse for every sub-command, and the bare query.

`iana-ports 8080` and `iana-ports secure shell` mean `search`: when the first word after the
global options is no sub-command, `search` is put in front of it. Errors raise `UsageError`
(one line, exit 2) instead of printing argparse's usage.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from tui import __version__

SUBCOMMANDS: tuple[str, ...] = (
    "search",
    "show",
    "export",
    "contacts",
    "info",
    "update",
    "here",
    "annotate",
)
"""The sub-commands (the parser's own list, `command_names`, is what counts); any other first
word is a query."""
DEFAULT_LIMIT = 20
SEARCH_FORMATS = ("table", "json", "jsonl", "csv", "tsv")
EXPORT_FORMATS = ("csv", "json", "jsonl", "tsv", "services")

DESCRIPTION = (
    "Browse and search IANA's Service Name and Transport Protocol Port Number Registry.\n"
    "Without a command, opens the browser (-q QUERY opens it with QUERY typed)."
)
EPILOG = (
    "A bare query searches: `iana-ports 8080` and `iana-ports secure shell`\n"
    "are `iana-ports search 8080` and `iana-ports search secure shell`.\n"
    "To search for a word that is a command's name, say search:\n"
    "  iana-ports search info"
)


class UsageError(Exception):
    """A bad option or argument: reported on one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def limit_value(text: str) -> int | None:
    """`--limit`: a whole number of results, or `all` (also 0) for every match (None)."""
    if text.strip().lower() == "all":
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number or 'all': {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (every match), 'all' or more")
    return value or None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--registry",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="registry file to use (XML, CSV, text or XHTML), or 'sample'; default: the best one",
    )
    parser = _Parser(
        prog="iana-ports",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--registry", metavar="PATH", default=None, help="registry file to use")
    parser.add_argument(
        "-q",
        "--query",
        dest="query_for_browser",
        metavar="QUERY",
        default=None,
        help="open the browser with this query typed",
    )
    parser.add_argument("--version", action="version", version=f"iana-ports {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    search = commands.add_parser(
        "search", parents=[common], help="search services, ports and descriptions (the default)"
    )
    search.add_argument("query", nargs="+", help="words, a port, a range, qualifiers")
    search.add_argument(
        "--limit",
        type=limit_value,
        default=argparse.SUPPRESS,
        metavar="N|all",
        help=f"results at most (default {DEFAULT_LIMIT}; 'all' or 0: every match)",
    )
    search.add_argument("--format", choices=SEARCH_FORMATS, default="table")
    search.add_argument("--no-header", action="store_true", help="no header line (table, tsv)")

    show = commands.add_parser("show", parents=[common], help="every field of one entry")
    show.add_argument("key", help="service name, port, port/protocol or range: ssh, 22, 22/tcp")
    show.add_argument("--format", choices=("text", "json", "jsonl"), default="text")

    export = commands.add_parser(
        "export", parents=[common], help="export records: CSV, JSON, TSV or /etc/services"
    )
    export.add_argument("query", nargs="*", help="only records matching this query")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    export.add_argument("--no-header", action="store_true", help="no header line (csv, tsv)")

    contacts = commands.add_parser("contacts", parents=[common], help="list or search contacts")
    contacts.add_argument("query", nargs="*", help="id, name, organization or e-mail")
    contacts.add_argument("--format", choices=("table", "json", "jsonl", "tsv"), default="table")
    contacts.add_argument("--no-header", action="store_true", help="no header line (table, tsv)")

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


_GLOBAL_WITH_VALUE = ("--registry", "-q", "--query")
_GLOBAL_FLAGS = ("-h", "--help", "--version")


def command_names(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    """The sub-commands `parser` knows (so a command registered later is never a query).

    argparse has no public way to list them: its sub-parsers action holds them in `choices`.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return tuple(action.choices)
    return SUBCOMMANDS


def mistyped_command(
    argv: Sequence[str], rewritten: Sequence[str], commands: Sequence[str]
) -> str | None:
    """The sub-command a bare query's first word looks like a typo of (`shwo` -> show,
    `contact` -> contacts), or None. `rewritten` is `with_bare_query(argv, commands)`."""
    import difflib

    for position, word in enumerate(argv):
        if position >= len(rewritten) or rewritten[position] != word:
            break
    else:
        return None
    if rewritten[position] != "search" or word.startswith("-"):
        return None  # no bare query, or `--` before it (a query on purpose)
    close = difflib.get_close_matches(word.lower(), commands, n=1, cutoff=0.75)
    return close[0] if close and word.lower() not in commands else None


def with_bare_query(argv: Sequence[str], commands: Sequence[str] = SUBCOMMANDS) -> list[str]:
    """`argv` with `search` put in front of a bare query (the first word is no sub-command).

    Global options (`--registry PATH`, `-q QUERY`, `--help`, `--version`) stay in front;
    `--` ends them, so `iana-ports -- show` searches for "show".
    """
    args = list(argv)
    position = 0
    while position < len(args):
        word = args[position]
        if word == "--":
            rest = args[position + 1 :]
            return args[:position] + (["search", "--", *rest] if rest else [])
        if word in _GLOBAL_WITH_VALUE:
            position += 2
            continue
        if word in _GLOBAL_FLAGS or any(word.startswith(f"{o}=") for o in _GLOBAL_WITH_VALUE):
            position += 1
            continue
        if word in commands:
            return args
        return args[:position] + ["search"] + args[position:]
    return args


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace:
    """Parse `argv` (bare queries included).

    Raises:
        UsageError: a bad option or argument; `-q` given with a sub-command.
    """
    parser = build_parser()
    commands = command_names(parser)
    rewritten = with_bare_query(argv, commands)
    meant = mistyped_command(argv, rewritten, commands)
    try:
        args = parser.parse_args(rewritten)
    except UsageError as problem:
        if meant is None:
            raise
        raise UsageError(f"{problem} (did you mean `iana-ports {meant}`?)") from None
    args.meant_command = meant
    if args.command is not None and args.query_for_browser is not None:
        raise UsageError("-q/--query opens the browser; with a command, give the query to it")
    return args
