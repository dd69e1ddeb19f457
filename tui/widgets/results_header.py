"""The column titles above the results table; a click on a title asks to sort by it.

A ScrollView draws no header row of its own, so this one-line widget is docked above it and
follows its horizontal scroll.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
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
    sort_pinned: reactive[bool] = reactive(False)
    """The sort is pinned: new searches keep it (the arrow is then followed by a pin mark)."""
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
            line.append_text(self._title_cell(placed, sorted_style))
        # Follow the table's horizontal scroll by dropping the scrolled-off cells.
        return line[self.offset_x :] if self.offset_x else line

    def _title_cell(self, placed: PlacedColumn, sorted_style: Style) -> Text:
        """A column's title cut to its width; on the sorted column the arrow is never cut."""
        title = placed.column.title
        if placed.key != self.sort_column:
            cell = Text(title, end="")
            cell.truncate(placed.width, overflow="ellipsis", pad=True)
            return cell
        mark = ("▼" if self.sort_reverse else "▲") + ("·" if self.sort_pinned else "")
        room = max(0, placed.width - len(mark))
        if len(title) + 1 <= room:
            title += " "
        shown = Text(title, end="")
        shown.truncate(room, overflow="ellipsis")
        cell = Text(end="", style=sorted_style)
        cell.append_text(shown)
        cell.append(mark)
        cell.truncate(placed.width, pad=True)
        return cell

    @on(events.Click)
    def _click(self, event: events.Click) -> None:
        placed = column_at(self.columns, event.x + self.offset_x)
        if placed is not None:
            self.post_message(self.SortRequested(self, placed.key))
