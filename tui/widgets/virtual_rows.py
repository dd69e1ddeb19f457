"""VirtualRows: a ScrollView of one-line rows with a cursor, drawn only when in view.

The part the results table and the contact list share. The view holds no child widgets: it
knows how many rows there are (`row_count`, and `virtual_size`), a subclass draws the row
asked for in `render_line` (caching finished strips in `_strips`), and the cursor is a plain
attribute whose changes repaint only the two rows concerned and keep it in view. Each
subclass says which message announces the highlighted row, and declares its own keys.
"""

from __future__ import annotations

from textual import events, on
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip


class VirtualRows(ScrollView, can_focus=True):
    """A cursor over `row_count` one-line rows; subclasses draw the rows and name them."""

    # Rows are drawn lines, copied with `y`, not selectable text. Textual's double-click
    # select-all also calls `widget.query("*")`, which a subclass's `query` attribute shadows.
    ALLOW_SELECT = False

    cursor_row: var[int] = var(0, init=False)
    """The index of the highlighted row."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._strips: LRUCache[object, Strip] = LRUCache(1024)

    @property
    def row_count(self) -> int:
        """How many rows there are."""
        raise NotImplementedError

    def _announce(self) -> None:
        """Post the message saying which row is highlighted now."""
        raise NotImplementedError

    def _rows_replaced(self, width: int, cursor: int) -> None:
        """New rows, `width` cells wide: forget drawn rows, go to the top, cursor on row `cursor`.

        The cursor is announced even when its index stays: the row under it is a new one.
        """
        self._strips.clear()
        self.virtual_size = Size(width, self.row_count)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.set_reactive(VirtualRows.cursor_row, self.validate_cursor_row(cursor))
        self._scroll_cursor_into_view()
        self._announce()
        self.refresh()

    # ---- cursor -----------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        """Keep the cursor on a row that exists."""
        return max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Repaint the old and new cursor rows only, keep the cursor in view, announce it."""
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_cursor_into_view()
        self._announce()

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + height:
            self.scroll_to(y=self.cursor_row - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        """Move the cursor one row down."""
        self.cursor_row += 1

    def action_cursor_up(self) -> None:
        """Move the cursor one row up."""
        self.cursor_row -= 1

    def action_page_down(self) -> None:
        """Move the cursor one page down."""
        self.cursor_row += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        """Move the cursor one page up."""
        self.cursor_row -= max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.cursor_row = 0

    def action_last(self) -> None:
        """Move the cursor to the last row."""
        self.cursor_row = self.row_count - 1

    # ---- mouse and focus --------------------------------------------------------------------

    @on(events.Click)
    def _click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + self.scroll_offset.y
        if 0 <= row < self.row_count:
            self._row_clicked(row, event.chain)

    def _row_clicked(self, row: int, clicks: int) -> None:
        """A click (`clicks` > 1: a double click) landed on `row`."""
        self.cursor_row = row

    @on(events.Focus)
    @on(events.Blur)
    def _focus_changed(self) -> None:
        self.refresh()  # the cursor row looks different with and without focus
