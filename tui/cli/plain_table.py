"""The command line's tables into a pipe or a file, drawn as Rich draws them there, faster.

Output that is not a terminal is never wrapped, so a table there is only columns padded to
their widest cell: what Rich prints for the command line's tables (`box.SIMPLE_HEAD`, no edge,
one space of padding, no colour). Rich's layout costs about 0.4 ms a row (`contacts`: 5,615
rows, 2.7 s); this costs a few microseconds. A table of any other shape, or a cell that is not
plain text on a line of its own, is left to Rich (`plain_lines` returns None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

_SEPARATOR = "   "  # right padding, the SIMPLE_HEAD column divider (a space), left padding
_RULE = "─"


def _cell_lines(cell: object) -> list[str] | None:
    plain = cell.plain if isinstance(cell, Text) else cell if isinstance(cell, str) else None
    if plain is None or plain.endswith("\n"):
        return None
    if any(ch < " " and ch != "\n" for ch in plain):
        return None  # tabs and other controls: Rich's own handling
    return plain.split("\n")


def _simple(table: Table) -> bool:
    return (
        table.box is box.SIMPLE_HEAD
        and not table.show_edge
        and not table.pad_edge
        and not table.show_footer
        and not table.expand
        and table.padding == (0, 1, 0, 1)
        and table.title is None
        and table.caption is None
        and table.width is None
        and not table.show_lines
        and not table.row_styles
        and all(column.justify in ("left", "right") for column in table.columns)
        and all(column.max_width is None and column.min_width is None for column in table.columns)
        and all(column.width is None for column in table.columns)
    )


def plain_lines(table: Table) -> list[str] | None:
    """The lines Rich would print for `table` on an uncoloured console too wide to wrap, or
    None when the table is not one this module draws (see the module)."""
    if not table.columns or not _simple(table):
        return None
    columns: list[list[list[str]]] = []
    for column in table.columns:
        cells = []
        for cell in column.cells:
            lines = _cell_lines(cell)
            if lines is None:
                return None
            cells.append(lines)
        columns.append(cells)
    headers = []
    for column in table.columns:
        lines = _cell_lines(column.header)
        if lines is None or len(lines) != 1:
            return None
        headers.append(lines[0])
    widths = [
        max(
            [cell_len(header) if table.show_header else 0]
            + [cell_len(line) for cell in cells for line in cell]
        )
        for header, cells in zip(headers, columns, strict=True)
    ]
    justify = [column.justify == "right" for column in table.columns]

    def line_of(values: list[str]) -> str:
        padded = []
        for value, width, right in zip(values, widths, justify, strict=True):
            space = " " * (width - cell_len(value))
            padded.append(space + value if right else value + space)
        return _SEPARATOR.join(padded)

    out: list[str] = []
    if table.show_header:
        out.append(line_of(headers))
        out.append(_RULE * (sum(widths) + len(_SEPARATOR) * (len(widths) - 1)))
    out.extend(_rows(columns, line_of))
    return out


def _rows(columns: list[list[list[str]]], line_of: Callable[[list[str]], str]) -> Iterator[str]:
    for row in zip(*columns, strict=True):
        height = max(len(lines) for lines in row)
        for number in range(height):
            yield line_of([lines[number] if number < len(lines) else "" for lines in row])
