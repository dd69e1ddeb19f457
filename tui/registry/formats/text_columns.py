"""Where the columns of a fixed-width text table are, and how a line splits into cells.

IANA's plain-text registry is an HTML table laid out by a text browser. Its header labels are
centred over their columns, so they only say roughly where a column lies; the data says exactly
where it starts: a column of left-aligned text makes a sharp edge, and a gutter one byte wide
that no cell crosses separates it from the column before. The boundary between two columns is
looked for between the labels of those columns, where the data agrees best.

Positions are byte offsets, not characters: the browser counted bytes, so on a line holding
"Sollé" every later column sits one character to the left when counted in characters, but in
the same byte column as on every other line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, pairwise

_TOKEN_RE = re.compile(rb"[^ ]+")
_SAMPLE_LINES = 4000
"""Lines looked at to place the boundaries: plenty for the gutters to show, and fast."""


@dataclass(frozen=True, slots=True)
class HeaderLabel:
    """A column's name in the header and the byte span [start, end) it covers there."""

    field: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ColumnLayout:
    """The table's columns: field names, byte offsets where each starts, widest line each holds.

    A cell line is at most `widths[i]` bytes unless its text is one unbreakable word: the text
    browser wraps at that width, which tells wrapped lines from unrelated ones.
    """

    fields: tuple[str, ...]
    starts: tuple[int, ...]
    widths: tuple[int, ...]

    def index(self, field: str) -> int | None:
        """The column number of a field, or None when the table has no such column."""
        return self.fields.index(field) if field in self.fields else None


def header_tokens(line: bytes) -> list[tuple[bytes, int, int]]:
    """The words of a header line with their byte spans: (word, start, end)."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(line)]


def locate_columns(labels: list[HeaderLabel], body: list[bytes]) -> ColumnLayout:
    """Place the column boundaries for these header labels, checked against the body lines.

    Args:
        labels: one label per column, in left-to-right order, spans not overlapping.
        body: the table's data lines (not the header), as bytes.
    """
    sample = _sample(body)
    width = max((len(line) for line in sample), default=0)
    width = max(width, labels[-1].end if labels else 0) + 2
    crossing, occupied, starting = _profiles(sample, width)
    starts = [0]
    for left, right in pairwise(labels):
        low = max(left.end + 1, starts[-1] + 1)
        high = max(right.start, low)
        candidates = range(low, high + 1)
        best = min(
            candidates,
            key=lambda b: (crossing[b], occupied[b - 1], -starting[b], b),
        )
        starts.append(best)
    widths = [nxt - start - 1 for start, nxt in pairwise(starts)]
    widths.append(_last_column_width(sample, starts[-1]))
    return ColumnLayout(tuple(label.field for label in labels), tuple(starts), tuple(widths))


def _sample(body: list[bytes]) -> list[bytes]:
    """At most _SAMPLE_LINES non-empty lines, spread evenly over the body."""
    lines = [line for line in body if line.strip()]
    step = max(1, len(lines) // _SAMPLE_LINES)
    return lines[::step]


def _profiles(lines: list[bytes], width: int) -> tuple[list[int], list[int], list[int]]:
    """Per byte column b: how many lines have a word crossing from b-1 into b, a word
    covering b, a word starting at b."""
    crossing_diff = [0] * (width + 1)
    occupied_diff = [0] * (width + 1)
    starting = [0] * (width + 1)
    for line in lines:
        for match in _TOKEN_RE.finditer(line):
            start, end = match.span()
            if start >= width:
                break
            end = min(end, width)
            starting[start] += 1
            occupied_diff[start] += 1
            occupied_diff[end] -= 1
            if end - start > 1:
                crossing_diff[start + 1] += 1
                crossing_diff[end] -= 1
    return list(accumulate(crossing_diff)), list(accumulate(occupied_diff)), starting


def _last_column_width(lines: list[bytes], start: int) -> int:
    """The last column has no right neighbour: its width is the widest text seen in it."""
    return max((len(line) - start for line in lines if len(line) > start), default=0)


def split_cells(line: bytes, starts: tuple[int, ...]) -> list[bytes]:
    """Cut a line into its cells (stripped), one per column.

    A word that crosses a boundary is a value too long for its column. Left-aligned text runs
    on to the right, so the word stays with the column it starts in when it starts that
    column's text on this line or follows a word of it after a single space; otherwise (a
    centred value spilling both ways) it goes to the column that holds most of it. The
    boundary moves to a space for this line only.
    """
    size = len(line)
    cells: list[bytes] = []
    previous = 0
    for column, boundary in enumerate(starts[1:]):
        cut = boundary if boundary > previous else previous
        if cut >= size:
            cut = size
        elif line[cut - 1] != 32 and line[cut] != 32:
            word_start = line.rfind(b" ", 0, cut) + 1
            word_end = line.find(b" ", cut)
            if word_end == -1:
                word_end = size
            column_start = max(starts[column], previous)
            runs_on = word_start <= column_start or (
                word_start - 2 >= column_start and line[word_start - 2] != 32
            )
            if runs_on or cut - word_start >= word_end - cut:
                cut = word_end
            else:
                cut = max(word_start, previous)
        cells.append(line[previous:cut].strip())
        previous = cut
    cells.append(line[previous:].strip())
    return cells
