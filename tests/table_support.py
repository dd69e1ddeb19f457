"""A command-line table as text, drawn by Rich on the pipe console and by `plain_table`: what the
pipe-table tests compare and what the pipe-table benchmark times."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from tui.cli.output import PIPE_WIDTH
from tui.cli.plain_table import plain_lines


def rich_text(table: Table) -> str:
    """What Rich prints for `table` on the command line's console for a pipe."""
    out = io.StringIO()
    Console(
        file=out,
        width=PIPE_WIDTH,
        force_terminal=False,
        no_color=True,
        soft_wrap=False,
        highlight=False,
        emoji=False,
        markup=False,
    ).print(table)
    return out.getvalue()


def plain_text(table: Table) -> str:
    """What `tui.cli.plain_table` writes for `table` (it must draw this table's shape)."""
    lines = plain_lines(table)
    assert lines is not None
    return "".join(line + "\n" for line in lines)
