"""Grouping the lines of a fixed-width text table into rows, and joining each cell's lines.

The text browser that drew IANA's plain-text registry centres every cell of a row vertically
(HTML's valign="middle"). A row's one-line cells (a record's name, port and protocol) sit on
its middle line, the *anchor*; a description wrapped over three lines has one line above the
anchor and one below. So the lines between two anchors are split between the row above (its
lower half) and the row below (its upper half), and where the split lies is not written
anywhere. It is found by asking which split makes both rows well formed. The layout's rules:

- a row of height H has (H-1)//2 lines above its anchor, the rest below;
- every cell is centred: a cell of h lines starts (H-h)//2 lines below the row's top.

Where several splits obey them, evidence decides, each piece counting one:

- wrapped lines are full: the browser moved a word to the next line only because it did not
  fit, so a line followed by a word that would have fitted on it is doubtful;
- a blank line inside a cell (an explicit break: possible, but rarer than a misplaced split);
- a cell whose brackets do not pair up ("(CIP4 Job" belongs with "Format)");
- twins (a service's tcp and udp rows) of different heights;
- a line sharing more words with the next (or previous) row's key than with its own row's
  ("ZigBee Alliance's" above the anchor `[ZigBee_Alliances_Network_Device_working_group]`).

Where the evidence is even (`Message Send Protocol` + `(historic)` could hang below one anchor
or above the next), the text continues downward, as text does. The best split over the whole
table is found at once (a shortest path over the rows), so one odd row cannot derail the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

Cost = tuple[int, int, int]
"""(broken layout rules, pieces of doubtful evidence, lines above anchors): compared in order."""

_WORD_RE = re.compile(rb"[a-z0-9]{3,}")
_MAX_STATES = 16


def key_words(text: bytes) -> frozenset[bytes]:
    """The words (3+ letters or digits, lower case) a key or a line is compared by.

    Apostrophes vanish first, so "Alliance's" matches the id word "Alliances".
    """
    return frozenset(_WORD_RE.findall(text.lower().replace(b"'", b"")))


@dataclass(slots=True)
class TableLine:
    """One line of the table: where it is in the file and its cells (stripped bytes)."""

    number: int
    cells: list[bytes]
    mask: int = 0
    _words: frozenset[bytes] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.mask = sum(1 << i for i, cell in enumerate(self.cells) if cell)

    @property
    def words(self) -> frozenset[bytes]:
        """The line's words for comparing with row keys (computed once)."""
        if self._words is None:
            self._words = key_words(b" ".join(self.cells))
        return self._words


@dataclass(slots=True)
class RowHints:
    """What is known of each row beyond its lines, by anchor: twins and keys (both optional)."""

    twins: list[bool] | None = None
    keys: list[frozenset[bytes]] | None = None


def group_rows(
    lines: list[TableLine],
    anchors: list[int],
    widths: tuple[int, ...],
    hints: RowHints | None = None,
) -> list[range]:
    """Split the lines into rows, one per anchor, as ranges of line indexes.

    Args:
        lines: the table's lines in order, blank lines at both ends already removed.
        anchors: indexes of the anchor lines, ascending; every line belongs to a row.
        widths: the widest text each column holds (see ColumnLayout.widths).
        hints: twins (rows expected to look like the row before) and keys (words naming
            each row, such as a contact's id).
    """
    if not anchors:
        return []
    hints = hints or RowHints()
    twins = hints.twins or [False] * len(anchors)
    last = len(anchors) - 1
    # A state is (lines above the current anchor, height of the row before if it is the
    # current row's twin, else 0); back holds per row: next state -> (state, lines below).
    states: dict[tuple[int, int], Cost] = {(anchors[0], 0): (0, 0, 0)}
    back: list[dict[tuple[int, int], tuple[tuple[int, int], int]]] = []
    for k, anchor in enumerate(anchors):
        gap = (anchors[k + 1] if k < last else len(lines)) - anchor - 1
        next_is_twin = k < last and twins[k + 1]
        reached: dict[tuple[int, int], Cost] = {}
        choices: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
        for state, cost_so_far in states.items():
            above, twin_height = state
            options = {gap} if k == last else {above, above + 1, 0, gap}
            for below in options:
                if not 0 <= below <= gap:
                    continue
                broken, doubtful = _row_cost(lines, anchors, k, above, below, widths, hints)
                height = above + below + 1
                if twin_height and twin_height != height:
                    doubtful += 1
                following = (gap - below, height if next_is_twin else 0)
                total = (
                    cost_so_far[0] + broken,
                    cost_so_far[1] + doubtful,
                    cost_so_far[2] + following[0],
                )
                if following not in reached or total < reached[following]:
                    reached[following] = total
                    choices[following] = (state, below)
        back.append(choices)
        if len(reached) > _MAX_STATES:
            # Real tables need a handful; a hostile file could ask for thousands.
            kept = sorted(reached, key=reached.__getitem__)[:_MAX_STATES]
            reached = {state: reached[state] for state in kept}
        states = reached
    rows: list[range] = []
    following = min(states, key=states.__getitem__)
    for k in range(last, -1, -1):
        state, below = back[k][following]
        rows.append(range(anchors[k] - state[0], anchors[k] + below + 1))
        following = state
    rows.reverse()
    return rows


def _row_cost(
    lines: list[TableLine],
    anchors: list[int],
    k: int,
    above: int,
    below: int,
    widths: tuple[int, ...],
    hints: RowHints,
) -> tuple[int, int]:
    """(broken layout rules, doubtful evidence) of row k spanning anchor-above .. anchor+below."""
    if above == 0 and below == 0:
        return 0, 0
    anchor = anchors[k]
    broken = 0 if below in (above, above + 1) else 1
    top, bottom = anchor - above, anchor + below
    height = above + below + 1
    spread = 0
    for index in range(top, bottom + 1):
        if index != anchor:
            spread |= lines[index].mask
    doubtful = 0
    column = 0
    while spread:
        if spread & 1:
            bit = 1 << column
            present = [i for i in range(top, bottom + 1) if lines[i].mask & bit]
            first, end = present[0], present[-1]
            if first - top != (height - (end - first + 1)) // 2:
                broken += 1
            doubtful += _overfull_wraps(lines, present, column, widths[column])
            doubtful += end - first + 1 > len(present)
            doubtful += _unbalanced(lines, present, column)
        spread >>= 1
        column += 1
    if hints.keys:
        doubtful += _closer_to_neighbours(lines, hints.keys, k, top, anchor, bottom)
    return broken, doubtful


def _overfull_wraps(lines: list[TableLine], present: list[int], column: int, width: int) -> int:
    """How many of these consecutive cell lines could have taken the next line's first word."""
    count = 0
    for upper, lower in pairwise(present):
        if lower != upper + 1:
            continue
        text = lines[upper].cells[column]
        next_word = lines[lower].cells[column].split(b" ", 1)[0]
        if len(text) + 1 + len(next_word) <= width:
            count += 1
    return count


def _unbalanced(lines: list[TableLine], present: list[int], column: int) -> int:
    """1 when the cell's brackets do not pair up."""
    opened = closed = 0
    for index in present:
        text = lines[index].cells[column]
        opened += text.count(b"(") + text.count(b"[")
        closed += text.count(b")") + text.count(b"]")
    return int(opened != closed)


def _closer_to_neighbours(
    lines: list[TableLine], keys: list[frozenset[bytes]], k: int, top: int, anchor: int, bottom: int
) -> int:
    """Lines above the anchor that match the previous row's key better than this row's, and
    lines below it that match the next row's key better."""
    own = keys[k]
    count = 0
    if k > 0:
        before = keys[k - 1]
        for index in range(top, anchor):
            words = lines[index].words
            count += len(words & before) > len(words & own)
    if k + 1 < len(keys):
        after = keys[k + 1]
        for index in range(anchor + 1, bottom + 1):
            words = lines[index].words
            count += len(words & after) > len(words & own)
    return count


def join_cell(lines: list[TableLine], row: range, column: int, ids: bool = False) -> bytes:
    """A cell's text over the row's lines: wrapped lines joined by a space, and a blank line
    inside the cell (the browser's rendering of an explicit line break) kept as a newline.

    With `ids` (cells of bracketed ids and references), a line ending in "]" and the next
    starting with "[" are joined with nothing between, as IANA writes `[RFC4960][RFC9260]`.
    """
    parts: list[bytes] = []
    previous = -2
    for index in row:
        text = lines[index].cells[column]
        if not text:
            continue
        if parts:
            if index != previous + 1:
                parts.append(b"\n")
            elif not (ids and parts[-1].endswith(b"]") and text.startswith(b"[")):
                parts.append(b" ")
        parts.append(text)
        previous = index
    return b"".join(parts)
