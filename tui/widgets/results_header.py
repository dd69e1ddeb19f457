"""The column titles above the results table; a click on a title asks to sort by it.

A ScrollView draws no header row of its own, so this one-line widget is docked above it and
follows its horizontal scroll.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.widgets.columns import PlacedColumn, column_at


class ResultsHeader(Widget):
    """Column titles, with an arrow on the one the table is sorted by."""

    COMPONENT_CLASSES = {"results-header--sorted"}

    columns: reactive[tuple[PlacedColumn, ...]] = reactive(tuple)
    sort_column: reactive[str | None] = reactive(None)
    sort_reverse: reactive[bool] = reactive(False)
    offset_x: reactive[int] = reactive(0)

    @dataclass
    class SortRequested(Message):
        """The user clicked a column title."""

        header: ResultsHeader
        column_key: str

        @property
        def control(self) -> ResultsHeader:
            """The header that sent the message."""
            return self.header

    def render(self) -> Text:
        """The titles, cut to the columns' widths, shifted by the table's sideways scroll."""
        line = Text(no_wrap=True, end="")
        sorted_style = self.get_component_rich_style("results-header--sorted", partial=True)
        for index, placed in enumerate(self.columns):
            if index:
                line.append(" ")
            title = placed.column.title
            if placed.key == self.sort_column:
                arrow = "▼" if self.sort_reverse else "▲"
                cell = Text(f"{title} {arrow}", style=sorted_style, end="")
            else:
                cell = Text(title, end="")
            cell.truncate(placed.width, overflow="ellipsis", pad=True)
            line.append_text(cell)
        # Follow the table's horizontal scroll by dropping the scrolled-off cells.
        return line[self.offset_x :] if self.offset_x else line

    @on(events.Click)
    def _click(self, event: events.Click) -> None:
        placed = column_at(self.columns, event.x + self.offset_x)
        if placed is not None:
            self.post_message(self.SortRequested(self, placed.key))
