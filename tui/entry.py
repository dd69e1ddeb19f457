"""The `iana-ports` program: the command line (`tui.cli`) or the browser (`tui.app`).

The top of the layers: it parses the command line through `tui.cli` and, when no sub-command is
given, opens the browser; `tui.cli` itself never imports the browser. The browser needs a
terminal on both sides: started in a pipe it ends at once (exit 2) and says what to use there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.cli.command_line import EXIT_BAD_INPUT, EXIT_OK, load
from tui.cli.command_line import main as run_command_line
from tui.cli.output import error

NOT_A_TERMINAL = (
    "iana-ports: the browser needs a terminal (stdin and stdout); in a pipe or a script use "
    "`iana-ports search QUERY` (or show, export)"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `iana-ports`: a sub-command, a bare query, or the browser; the exit code."""
    return run_command_line(argv, open_browser=open_browser)


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (ValueError, OSError):
        return False


def open_browser(args: argparse.Namespace) -> int:
    """Open the browser on the registry `--registry` names, with `-q QUERY` typed.

    A registry that cannot be read is said first (it names the file); then, without a terminal
    on both sides, the browser is not started at all.
    """
    registry = load(args.registry)
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        error(NOT_A_TERMINAL)
        return EXIT_BAD_INPUT
    from tui.app import PortsApp

    app = PortsApp(source=registry, query=args.query_for_browser or "")
    app.run()
    return app.return_code or EXIT_OK
