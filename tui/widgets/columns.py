"""The results table's columns: which ones fit a width, how wide each is, how each sorts.

Plain functions and data (no Textual), so the layout and the sort orders are tested directly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TypeVar

from rich.cells import cell_len

from tui.registry.model import Record
from tui.safe import visible

_Item = TypeVar("_Item")

SEPARATOR = 1
"""Blank cells between two columns."""


def port_order(record: Record) -> tuple:
    """Sort key: records without a port last, then by low bound, high bound, protocol."""
    if record.port_low is None:
        return (1, 0, 0, record.transport_protocol, record.service_name.lower())
    return (0, record.port_low, record.port_high, record.transport_protocol, record.service_name)


def _text_order(name: str) -> Callable[[Record], tuple]:
    def key(record: Record) -> tuple:
        """The column's key (the record field it shows)."""
        value = getattr(record, name).strip().lower()
        return (value == "", value, port_order(record))

    return key


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its key (also the record field it shows), its title and its widths.

    `width` is the natural width; a `fit` column is only as wide as the results shown need
    (at least its title, at most `width`). `flex` columns take what is left over, never less
    than `min_width`. `min_table_width` is the narrowest table that still shows the column.
    """

    key: str
    title: str
    width: int
    min_width: int
    flex: bool = False
    min_table_width: int = 0
    fit: bool = False

    def natural_width(self, needed: int | None) -> int:
        """The width before any squeezing, for results needing `needed` cells (None: unknown)."""
        if not self.fit or needed is None:
            return self.width
        return max(len(self.title), self.min_width, min(needed, self.width))

    @property
    def sort_key(self) -> Callable[[Record], tuple]:
        """The key that sorts records by this column."""
        return port_order if self.key == "port_number" else _text_order(self.key)


COLUMNS: tuple[Column, ...] = (
    Column("port_number", "Port", 11, 4, fit=True),
    Column("transport_protocol", "Proto", 5, 5),
    Column("service_name", "Service", 16, 7, fit=True),
    Column("description", "Description", 30, 12, flex=True),
    Column("assignee", "Assignee", 20, 12, min_table_width=90),
    Column("registration_date", "Registered", 10, 10, min_table_width=130),
    Column("modification_date", "Modified", 10, 10, min_table_width=142),
)
"""Every column, in display order; the last three appear only on wide tables."""


@dataclass(frozen=True, slots=True)
class PlacedColumn:
    """A column given its place in a table: its x offset and width in cells."""

    column: Column
    x: int
    width: int

    @property
    def key(self) -> str:
        """The column's key (the record field it shows)."""
        return self.column.key


def layout_columns(
    table_width: int, needed: Mapping[str, int] | None = None
) -> tuple[PlacedColumn, ...]:
    """Place the columns that fit `table_width` cells, the flexible one taking the slack.

    `needed` maps a `fit` column's key to the widest value among the results shown (see
    `needed_widths`). Below the sum of minimum widths the table is wider than `table_width`
    (and scrolls).
    """
    needed = needed or {}
    shown = [c for c in COLUMNS if table_width >= c.min_table_width]
    gaps = SEPARATOR * (len(shown) - 1)
    natural = [c.natural_width(needed.get(c.key)) for c in shown]
    fixed = sum(width for c, width in zip(shown, natural, strict=True) if not c.flex)
    widths = []
    for column, width in zip(shown, natural, strict=True):
        if column.flex:
            widths.append(max(column.min_width, table_width - fixed - gaps))
        else:
            widths.append(width)
    overflow = sum(widths) + gaps - table_width
    # Too narrow even for the flexible column's minimum: shrink the others toward theirs.
    for index in reversed(range(len(shown))):
        column = shown[index]
        if overflow <= 0:
            break
        give = min(overflow, widths[index] - column.min_width)
        widths[index] -= give
        overflow -= give
    placed = []
    x = 0
    for column, width in zip(shown, widths, strict=True):
        placed.append(PlacedColumn(column, x, width))
        x += width + SEPARATOR
    return tuple(placed)


def drawn_width(value: str, most: int = 64) -> int:
    """The cells `value` takes on a terminal once made visible (wide characters count two),
    measured up to about `most` cells: a longer value is cut in its column anyway."""
    if value.isascii() and value.isprintable():
        return len(value)
    return cell_len(visible(value[: 2 * most + 16]))


def needed_widths(records: Sequence[Record]) -> dict[str, int]:
    """The widest value among `records` of each `fit` column (port number, service name),
    in terminal cells."""
    return {
        column.key: _widest(list(map(attrgetter(column.key), records)))
        for column in COLUMNS
        if column.fit
    }


def _widest(values: list[str]) -> int:
    """The widest of `values` in terminal cells. Printable ASCII (nearly every registry value)
    is measured by length at C speed, on every keystroke's answer; the rest one by one."""
    if all(map(str.isascii, values)) and all(map(str.isprintable, values)):
        return max(map(len, values), default=0)
    return max(map(drawn_width, values), default=0)


def total_width(columns: tuple[PlacedColumn, ...]) -> int:
    """The cells the placed columns cover, separators included."""
    if not columns:
        return 0
    last = columns[-1]
    return last.x + last.width


def column_at(columns: tuple[PlacedColumn, ...], x: int) -> PlacedColumn | None:
    """The column under cell `x` (a separator belongs to the column on its left)."""
    for column in columns:
        if column.x <= x < column.x + column.width + SEPARATOR:
            return column
    return None


SortKeys = dict[str, dict[int, tuple[Record, tuple]]]
"""Each column's sort key of the records sorted so far, by the record's id. The record is kept
beside its key, so its id cannot be reused while the key is remembered."""


def sort_records(
    items: list[_Item],
    column_key: str | None,
    reverse: bool,
    record_of: Callable[[_Item], Record] = lambda item: item,  # type: ignore[assignment,return-value]
    remembered: SortKeys | None = None,
) -> list[_Item]:
    """`items` (records, or hits holding one) ordered by a column, stably.

    None keeps the given (relevance) order, reversed when asked. `remembered` keeps the keys
    between calls: a sorted view re-sorts every answer (up to 14,533 records a keystroke), and
    building a key costs more than finding it.
    """
    if column_key is None:
        return list(reversed(items)) if reverse else list(items)
    column = next(c for c in COLUMNS if c.key == column_key)
    sort_key = column.sort_key
    memo = {} if remembered is None else remembered.setdefault(column_key, {})

    def key_of(item: _Item) -> tuple:
        record = record_of(item)
        found = memo.get(id(record))
        if found is None or found[0] is not record:
            found = memo[id(record)] = (record, sort_key(record))
        return found[1]

    return sorted(items, key=key_of, reverse=reverse)
