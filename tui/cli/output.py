"""Where the command line writes, and how: terminal or pipe, narrow encodings, errors.

- Output that is not a terminal is never wrapped or cut: tables are as wide as their cells.
- On a terminal, the width is the terminal's (`COLUMNS` when it is a positive number).
- Text and tables replace what the output's encoding cannot hold with "?"; JSON escapes it;
  CSV, TSV, JSON Lines and /etc/services going to a file or a pipe are always UTF-8.
- A closed pipe ends the command quietly; any other write error is one line on stderr.
"""

from __future__ import annotations

import codecs
import io
import os
import shutil
import sys
from typing import IO, TYPE_CHECKING

from tui.safe import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

PIPE_WIDTH = 1_000_000
"""The console width for output that is not a terminal: wide enough that nothing wraps."""


def error(line: str) -> None:
    """One line on stderr, controls made visible; nothing when stderr is closed."""
    stream = sys.stderr
    if stream is None:
        return  # `2>&-`: print(file=None) would write to stdout, into the data
    try:
        stream.write(visible(line) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # stderr closed or full: there is nowhere left to say it


def is_terminal(stream: IO[str] | None = None) -> bool:
    """Whether `stream` (default stdout) is a terminal."""
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def encodes_everything(stream: IO[str] | None = None) -> bool:
    """Whether `stream`'s encoding can write any text (a UTF encoding)."""
    stream = sys.stdout if stream is None else stream
    name = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(name).name.startswith("utf")
    except LookupError:
        return False


def terminal_width() -> int:
    """The terminal's width: `COLUMNS` when a positive number, else the terminal's, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return int(columns)
    try:
        width = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        width = shutil.get_terminal_size((80, 24)).columns
    return width if width > 0 else 80


def text_stream() -> IO[str]:
    """stdout for text and tables: what its encoding cannot hold becomes "?"."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and not encodes_everything(out):
        out.reconfigure(errors="replace")
    return out


def data_stream() -> IO[str]:
    """stdout for data (CSV, TSV, JSON Lines, services): UTF-8 into a file or a pipe; on a
    terminal, its own encoding with "?" for what it cannot hold."""
    out = sys.stdout
    if not isinstance(out, io.TextIOWrapper):
        return out
    if is_terminal(out):
        return text_stream()
    if not encodes_everything(out):
        out.reconfigure(encoding="utf-8", errors="strict")
    return out


def console() -> Console:
    """A Rich console on stdout: never wraps into a pipe; a closed pipe raises BrokenPipeError."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits with status 1 ("nothing found"): let the command line decide.
            self.quiet = True
            raise BrokenPipeError

    terminal = is_terminal()
    return _Console(
        file=text_stream(),
        highlight=False,
        soft_wrap=False,
        emoji=False,
        markup=False,
        width=terminal_width() if terminal else PIPE_WIDTH,
        force_terminal=None if terminal else False,
        no_color=None if terminal else True,
    )


def print_table(out: Console, table: Table) -> None:
    """Print a table on `out`; into a pipe or a file, the command line's plain tables are
    written directly (`tui.cli.plain_table`: the same text, without Rich's layout cost)."""
    if not is_terminal(out.file):
        from tui.cli.plain_table import plain_lines

        lines = plain_lines(table)
        if lines is not None:
            out.file.write("".join(line + "\n" for line in lines))
            return
    out.print(table)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush has nothing to fail on."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
