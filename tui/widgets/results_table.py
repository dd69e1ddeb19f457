"""The results table: a virtual list drawing only the rows in view, however many records match.

A `VirtualRows` view: it draws the row at `y + scroll_offset.y` on demand from an LRU cache of
finished strips, keyed on the row, the cursor and the focus, and forgotten whenever the rows,
the columns or the styles change.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from tui.registry.model import Record, Registry
from tui.safe import visible
from tui.search.index import Hit
from tui.widgets.columns import (
    PlacedColumn,
    SortKeys,
    layout_columns,
    needed_widths,
    sort_records,
    total_width,
)
from tui.widgets.row_text import RowStyles, row_text
from tui.widgets.virtual_rows import VirtualRows


class ResultsTable(VirtualRows):
    """Every record of the current answer, one line each, with a cursor.

    Attributes:
        results: the records shown, in display order.
        answered: the query those records answer (None before the first answer).
        empty_message: what the table says when nothing is shown.
    """

    COMPONENT_CLASSES = {
        "results-table--cursor",
        "results-table--match",
        "results-table--port",
        "results-table--protocol",
        "results-table--service",
        "results-table--dim",
        "results-table--empty",
    }

    BINDINGS = [
        Binding("down", "cursor_down", "Next", show=False, id="results.down"),
        Binding("up", "cursor_up", "Previous", show=False, id="results.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="results.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="results.page_up"),
        Binding("home", "first", "First", show=False, id="results.first"),
        Binding("end", "last", "Last", show=False, id="results.last"),
        # Only from the results, where the Footer shows it: elsewhere q is a letter typed.
        Binding("q", "app.quit", "Quit", tooltip="Quit (from the results)", id="results.quit"),
    ]

    @dataclass
    class RecordHighlighted(Message):
        """The cursor moved to another record (None when the table is empty)."""

        table: ResultsTable
        record: Record | None

        @property
        def control(self) -> ResultsTable:
            """The table that sent the message."""
            return self.table

        def can_replace(self, message: Message) -> bool:
            """A newer message of the same kind makes this one pointless."""
            return isinstance(message, ResultsTable.RecordHighlighted)

    @dataclass
    class LayoutChanged(Message):
        """The columns were placed anew (the table was resized)."""

        table: ResultsTable
        columns: tuple[PlacedColumn, ...]

        @property
        def control(self) -> ResultsTable:
            """The table that sent the message."""
            return self.table

        def can_replace(self, message: Message) -> bool:
            """A newer message of the same kind makes this one pointless."""
            return isinstance(message, ResultsTable.LayoutChanged)

    def __init__(
        self, registry: Registry, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.registry = registry
        self.results: list[Record] = []
        self.answered: str | None = None
        self.empty_message = ""
        self.sort_column: str | None = None
        self.sort_reverse = False
        self.columns: tuple[PlacedColumn, ...] = layout_columns(80)
        self._answer: list[Hit] = []
        self._sort_keys: SortKeys = {}
        self._hits: list[Hit] = []  # in display order, row for row with `results`
        self._styles: RowStyles | None = None
        # The widths the shown values need, and the hits they were measured on (the same
        # whole-registry list comes back often: it is measured once).
        self._needed: dict[str, int] = {}
        self._measured: Sequence[Hit] | None = None

    # ---- what the screen tells the table -------------------------------------------------

    def show_answer(self, hits: Sequence[Hit], query: str, keep: Record | None = None) -> None:
        """Show a new answer: the hits in relevance order, for `query`.

        The current sort applies; the cursor goes to `keep` when it is among the results,
        else to the first row.
        """
        # Match spans are left to be worked out only for the rows drawn (Hit.matches may be lazy).
        self._answer = list(hits)
        if hits is not self._measured:
            self._measured = hits
            self._needed = needed_widths([hit.record for hit in self._answer])
        self._arrange(keep)
        self._place_columns()
        self.answered = query
        self.refresh(layout=True)  # its natural height follows the number of results

    def sort_by(self, column_key: str | None, reverse: bool = False) -> None:
        """Order the rows by a column (None: relevance order), keeping the cursor's record."""
        self.sort_column, self.sort_reverse = column_key, reverse
        self._arrange(self.highlighted)

    def forget_sort(self) -> None:
        """Back to relevance order for the next answer (the rows shown now stay as they are)."""
        self.sort_column, self.sort_reverse = None, False

    def select_record(self, record: Record) -> bool:
        """Put the cursor on `record`; False when it is not among the results."""
        for index, shown in enumerate(self.results):
            if shown is record:
                self.cursor_row = index
                return True
        return False

    @property
    def highlighted(self) -> Record | None:
        """The record under the cursor (None when the table is empty)."""
        if 0 <= self.cursor_row < len(self.results):
            return self.results[self.cursor_row]
        return None

    @property
    def row_count(self) -> int:
        """How many records are shown."""
        return len(self.results)

    def _announce(self) -> None:
        self.post_message(self.RecordHighlighted(self, self.highlighted))

    def _arrange(self, keep: Record | None) -> None:
        self._hits = sort_records(
            self._answer,
            self.sort_column,
            self.sort_reverse,
            record_of=_record_of,
            remembered=self._sort_keys,
        )
        self.results = [hit.record for hit in self._hits]
        kept = next((row for row, shown in enumerate(self.results) if shown is keep), 0)
        self._rows_replaced(total_width(self.columns), kept)

    # ---- layout and drawing -----------------------------------------------------------------

    @on(events.Resize)
    def _place_columns(self) -> None:
        columns = layout_columns(max(1, self.scrollable_content_region.width), self._needed)
        if columns != self.columns:
            self.columns = columns
            self._strips.clear()
            self.virtual_size = Size(total_width(columns), len(self.results))
            self.post_message(self.LayoutChanged(self, columns))
        self._scroll_cursor_into_view()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height `height: auto` gives: a line per result, at most 40% of the screen.

        With no results, the lines of the message saying why (3 at least), so a short table
        leaves the rest of a narrow screen to the detail pane.
        """
        if self.results:
            return max(3, min(len(self.results), viewport.height * 2 // 5))
        return max(3, len(self._message_lines(width)))

    def _message_lines(self, width: int) -> list[str]:
        return textwrap.wrap(visible(self.empty_message), max(10, width - 1))

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus, CSS): forget the finished rows."""
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _row_styles(self) -> RowStyles:
        if self._styles is None:

            def component(name: str) -> Style:
                """A component class's style, without the widget's own."""
                return self.get_component_rich_style(f"results-table--{name}", partial=True)

            self._styles = RowStyles(
                base=self.rich_style,
                match=component("match"),
                port=component("port"),
                protocol=component("protocol"),
                service=component("service"),
                dim=component("dim"),
                # Whole, not partial: the blurred cursor's colour is translucent, and only the
                # whole style blends it over the background (partial would paint it opaque).
                cursor=self.get_component_rich_style("results-table--cursor"),
            )
        return self._styles

    def _assignee_names(self, record: Record) -> str:
        return ", ".join(c.display_name for c in self.registry.assignees(record))

    def render_line(self, y: int) -> Strip:
        """Draw line `y` of the view: the row at `y + scroll_offset.y`, from the cache."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        row = y + scroll_y
        base = self.rich_style
        if not self.results:
            lines = self._message_lines(width)
            if y < len(lines):
                style = self.get_component_rich_style("results-table--empty", partial=True)
                text = Text(lines[y], style=base + style, no_wrap=True, end="")
                return Strip(text.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if row >= len(self.results):
            return Strip.blank(width, base)
        return self._row_strip(row).crop_extend(scroll_x, scroll_x + width, base)

    def _row_strip(self, row: int) -> Strip:
        is_cursor = row == self.cursor_row
        key = (row, is_cursor, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            record = self.results[row]
            text = row_text(
                record,
                self.columns,
                self._hits[row].matches,
                self._row_styles(),
                self._assignee_names,
                is_cursor=is_cursor,
            )
            strip = Strip(text.render(self.app.console), total_width(self.columns))
            self._strips[key] = strip
        return strip


def _record_of(hit: Hit) -> Record:
    return hit.record
