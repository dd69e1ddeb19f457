"""Building one results-table row as Rich `Text`: registry strings as data, matches marked.

Registry text goes through `tui.safe.visible` first; the match spans the search index gives
for the original string are carried over to the visible string, whose length may differ.
A value far longer than its cell is cut first (`cell_limit`), so a row costs the same to
draw whether a description holds ten words or ten million characters.
No Textual imports: the table hands in the styles it took from its component classes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from tui.registry.model import Record
from tui.safe import cut, is_clean, visible
from tui.widgets.columns import PlacedColumn

Spans = list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class RowStyles:
    """The styles a row is drawn with (taken from the table's component classes)."""

    base: Style
    match: Style
    port: Style
    protocol: Style
    service: Style
    dim: Style
    cursor: Style


def visible_with_spans(text: str, spans: Spans) -> tuple[str, Spans]:
    """`visible(text)` on one line, with `spans` (over `text`) moved onto the result."""
    if is_clean(text) and "\n" not in text and "\t" not in text:
        return text, spans
    # Control characters become stand-ins of other lengths: map every original offset.
    pieces: list[str] = []
    offsets: list[int] = []
    length = 0
    for index, char in enumerate(text):
        offsets.append(length)
        if char == "\r" and text[index + 1 : index + 2] == "\n":
            continue  # visible() reads "\r\n" as one line break
        piece = visible(char)
        pieces.append(piece)
        length += len(piece)
    offsets.append(length)
    moved = [
        (offsets[start], offsets[end]) for start, end in spans if 0 <= start < end <= len(text)
    ]
    return "".join(pieces), moved


def cell_limit(width: int) -> int:
    """How many characters of a value a cell `width` cells wide draws from at most.

    Each visible character takes at least one cell, but for combining marks (accents drawn
    over the letter before them): twice the width plus a margin fills the cell in practice.
    """
    return 2 * width + 16


def cell_text(value: str, width: int, spans: Spans, style: Style, match: Style) -> Text:
    """One cell: the value made visible, matches styled, cut with "…" or padded to `width`."""
    limit = cell_limit(width)
    if len(value) > limit:
        spans = [(start, min(end, limit)) for start, end in spans if start < limit]
        value = cut(value, limit)
    shown, moved = visible_with_spans(value, spans)
    cell = Text(shown, style=style, no_wrap=True, end="")
    for start, end in moved:
        cell.stylize(match, start, end)
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell


def row_text(
    record: Record,
    columns: tuple[PlacedColumn, ...],
    matches: dict[str, Spans],
    styles: RowStyles,
    assignee_names: Callable[[Record], str],
    is_cursor: bool = False,
) -> Text:
    """The whole row for `record`, one cell per placed column, separated by blanks."""
    column_styles = {
        "port_number": styles.port,
        "transport_protocol": styles.protocol,
        "service_name": styles.service,
    }
    faded = record.status in ("unassigned", "reserved")
    row = Text(no_wrap=True, end="", style=styles.base)
    for index, placed in enumerate(columns):
        if index:
            row.append(" ")
        key = placed.key
        if key == "assignee":
            value, spans = assignee_names(record), []
        else:
            value, spans = getattr(record, key), matches.get(key, [])
        style = styles.dim if faded else column_styles.get(key, Style())
        row.append_text(cell_text(value, placed.width, spans, style, styles.match))
    if is_cursor:
        # Over everything: the cursor's colours win (readable in any theme); the matches keep
        # their underline, so they still show on the cursor row.
        row.stylize(styles.cursor)
    return row
