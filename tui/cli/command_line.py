"""The `iana-ports` command line: parse, run a sub-command, and keep every failure to one line.

Imports no Textual: the browser is opened by the entry point (`tui.entry`), which hands
`main` a function for it. Every string from the registry is printed as data (Rich `Text`,
controls made visible), never as markup. Exit codes: 0 ok, 1 nothing found, 2 bad input; a
closed pipe is not an error (exit 0).
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable, Sequence

from tui.cli.checks import PortInputError
from tui.cli.output import error, silence_stdout
from tui.cli.parser import UsageError, build_parser, parse_command_line
from tui.registry.model import Registry, RegistryError

__all__ = ["EXIT_BAD_INPUT", "EXIT_NOT_FOUND", "EXIT_OK", "UsageError", "build_parser", "main"]

EXIT_OK, EXIT_NOT_FOUND, EXIT_BAD_INPUT = 0, 1, 2
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF}

BrowserOpener = Callable[[argparse.Namespace], int]
"""Opens the browser for parsed arguments (`--registry`, `-q`); returns the exit code."""


def main(argv: Sequence[str] | None = None, open_browser: BrowserOpener | None = None) -> int:
    """Run the command line; return the exit code.

    Args:
        argv: the arguments (default: `sys.argv[1:]`).
        open_browser: what to do without a sub-command (the entry point passes the browser);
            without it, that is a usage error.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if sys.stdout is None:
            raise UsageError("standard output is closed")
        args = parse_command_line(args_list)
        if args.command is None:
            if open_browser is None:
                raise UsageError("no command given: try iana-ports --help")
            return open_browser(args)
        if getattr(args, "meant_command", None):
            query = " ".join(getattr(args, "query", []))
            error(
                f"iana-ports: note: searching for {query!r}; "
                f"did you mean `iana-ports {args.meant_command}`?"
            )
        code = _dispatch(args)
        sys.stdout.flush()
        return code
    except (UsageError, PortInputError) as problem:
        error(f"iana-ports: {problem}")
        return EXIT_BAD_INPUT
    except RegistryError as problem:
        error(f"iana-ports: {problem}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        error("iana-ports: interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to say to it, and not an error.
        silence_stdout()
        return EXIT_OK
    except OSError as problem:
        if problem.errno not in _OUTPUT_ERRNOS:
            error(f"iana-ports: {problem.strerror or problem}")
            return EXIT_BAD_INPUT
        silence_stdout()
        error(f"iana-ports: cannot write the output: {problem.strerror or problem}")
        return EXIT_BAD_INPUT
    except Exception as problem:  # noqa: BLE001 - the last guard: no traceback reaches a user
        error(f"iana-ports: internal error: {type(problem).__name__}: {problem}")
        return EXIT_BAD_INPUT


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
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
    from tui.cli.commands import COMMANDS
    from tui.search.index import QueryError

    run = COMMANDS.get(command)
    if run is None:
        raise UsageError(f"unknown command {command!r}")
    registry = load(args.registry)
    try:
        return run(registry, args)
    except QueryError as problem:
        error(f"iana-ports: query {problem}")
        return EXIT_BAD_INPUT


def _run_machine(command: str, args: argparse.Namespace) -> int:
    """here or annotate (annotate streams for as long as its input lasts: no gc pause)."""
    from tui.cli.annotate import run_annotate
    from tui.cli.here import run_here

    registry = load(args.registry)
    return run_here(registry, args) if command == "here" else run_annotate(registry, args)


def load(path: str | None) -> Registry:
    """The registry `--registry` names, or the default one."""
    from tui.registry.sources import load_registry

    return load_registry(path)
