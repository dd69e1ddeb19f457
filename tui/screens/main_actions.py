"""The main screen's actions on its results: sorting, filters, copy, export, opening links.

`ResultActions` is the part of the main screen (see `tui.screens.main`) that acts on what
the results table shows; the main screen adds searching, the keys and the other screens.
The screen's remembered settings change here, and `SettingsChanged` asks the app to save them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from textual import work
from textual.message import Message
from textual.screen import Screen

from tui.clipboard import record_json, record_line
from tui.registry.exporting import export_records
from tui.registry.model import Record, Registry
from tui.registry.references import reference_links
from tui.safe import visible
from tui.search.filters import PROTOCOLS, Filters
from tui.settings import Settings
from tui.web_browser import browser_reachable
from tui.widgets import DetailPane, ResultsHeader, ResultsTable, SearchBar


class SettingsChanged(Message):
    """The screen's settings changed: the app saves them."""


@dataclass
class HistoryChanged(Message):
    """The search history changed: the app saves it."""

    history: list[str]


def by_query(contact_id: str) -> str:
    """The query listing every record naming a contact: `by:ID` (quoted when it has spaces)."""
    if any(character.isspace() or character == '"' for character in contact_id):
        return 'by:"' + contact_id.replace('"', "") + '"'
    return f"by:{contact_id}"


class ResultActions(Screen[None]):
    """Sorting, filters, copy, export and links over the results table (the main screen's)."""

    registry: Registry
    filters: Filters
    settings: Settings
    sort_pinned: bool

    @property
    def table(self) -> ResultsTable:
        """The results table."""
        return self.query_one("#results", ResultsTable)

    @property
    def search_bar(self) -> SearchBar:
        """The search bar."""
        return self.query_one("#search", SearchBar)

    def search(self, query: str, keep: Record | None = None) -> None:
        """Ask for the answer to `query` under the current filters (the main screen does)."""
        raise NotImplementedError

    # ---- sorting -------------------------------------------------------------------------

    def sort_results(self, column_key: str | None, reverse: bool) -> None:
        """Order the results by a column (None: relevance) and mark it in the header."""
        self.table.sort_by(column_key, reverse)
        self._mark_sort()
        if self.sort_pinned:
            self._remember_sort()

    def _mark_sort(self) -> None:
        header = self.query_one(ResultsHeader)
        table = self.table
        header.sort_column, header.sort_reverse = table.sort_column, table.sort_reverse
        header.sort_pinned = self.sort_pinned

    def _remember_sort(self) -> None:
        settings = self.settings
        settings.sort_pinned = self.sort_pinned
        settings.sort_column = self.table.sort_column if self.sort_pinned else None
        settings.sort_reverse = self.table.sort_reverse if self.sort_pinned else False
        self.app.post_message(SettingsChanged())

    def action_pin_sort(self) -> None:
        """Pin the sort (new queries keep it), or unpin it (each new query starts by relevance)."""
        self.sort_pinned = not self.sort_pinned
        self._mark_sort()
        self._remember_sort()
        if self.sort_pinned:
            self.notify("Sort pinned: new searches keep this order.", markup=False)
        else:
            self.notify("Sort unpinned: each new search starts by relevance.", markup=False)

    def action_cycle_sort(self) -> None:
        """Sort by the next column: relevance, then each column shown, then relevance again."""
        keys: list[str | None] = [None, *(placed.key for placed in self.table.columns)]
        current = self.table.sort_column
        following = keys[(keys.index(current) + 1) % len(keys)] if current in keys else None
        self.sort_results(following, False)

    def action_reverse_sort(self) -> None:
        """Reverse the current order."""
        self.sort_results(self.table.sort_column, not self.table.sort_reverse)

    # ---- filters -------------------------------------------------------------------------

    def set_filters(self, filters: Filters) -> None:
        """Apply new filters, keeping the highlighted record under the cursor if it stays."""
        self.filters = filters
        settings = self.settings
        settings.hidden_protocols = [p for p in PROTOCOLS if p in filters.hidden_protocols]
        settings.port_class = filters.port_class
        settings.hide_unassigned = filters.hide_unassigned
        self.app.post_message(SettingsChanged())
        self.search(self.search_bar.value, keep=self.table.highlighted)

    def action_toggle_protocol(self, protocol: str) -> None:
        """Hide or show again the records of one protocol."""
        self.set_filters(self.filters.toggle_protocol(protocol))

    def action_only_protocol(self, protocol: str) -> None:
        """Show only `protocol`'s records; when already so, every protocol again."""
        others = frozenset(p for p in PROTOCOLS if p != protocol)
        hidden = frozenset() if self.filters.hidden_protocols == others else others
        self.set_filters(replace(self.filters, hidden_protocols=hidden))

    def action_cycle_port_class(self) -> None:
        """Narrow to System, User, Dynamic ports, then every class again."""
        self.set_filters(self.filters.next_port_class())

    def action_toggle_unassigned(self) -> None:
        """Hide or show again Unassigned and Reserved entries."""
        self.set_filters(self.filters.toggle_unassigned())

    def action_clear_filters(self) -> None:
        """Show every record again."""
        self.set_filters(Filters())

    def action_open_reference(self) -> None:
        """Open the reference link highlighted in the detail pane, else the record's first."""
        url = self.query_one(DetailPane).focused_url
        if url is not None:
            self.open_url(url)
            return
        record = self.table.highlighted
        links = reference_links(record.reference) if record else []
        if not links:
            self.notify("This record has no reference link.", markup=False, severity="warning")
            return
        self.open_url(links[0][1])

    def open_url(self, url: str) -> None:
        """Open `url` in a browser; where none can start (over SSH), copy it instead."""
        if browser_reachable():
            self.app.open_url(url)
            self.notify(f"Opening {visible(url)}", markup=False)
            return
        self.app.copy_to_clipboard(url)
        self.notify(visible(url), title="No web browser here: the link was copied", markup=False)

    # ---- copy and export -----------------------------------------------------------------

    def action_copy_line(self) -> None:
        """Copy the highlighted record as one line."""
        self._copy(record_line, "Copied")

    def action_copy_json(self) -> None:
        """Copy the highlighted record as JSON."""
        self._copy(lambda record: record_json(record, self.registry), "Copied JSON")

    def _copy(self, render: Callable[[Record], str], what: str) -> None:
        record = self.table.highlighted
        if record is None:
            self.notify("Nothing to copy: no record is highlighted.", markup=False)
            return
        text = render(record)
        self.app.copy_to_clipboard(text)
        shown = visible(text)
        if len(shown) > 300:
            shown = shown[:299] + "…"
        self.notify(shown, title=what, markup=False)

    def export_results(self, fmt: str) -> None:
        """Write the records shown, in their order, to a new CSV or JSON file here."""
        self._export_worker(list(self.table.results), fmt)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_worker(self, records: list[Record], fmt: str) -> None:
        try:
            path = export_records(records, fmt, registry=self.registry)
        except OSError as error:
            message = f"Export failed: {error.strerror or error}"
            self.app.call_from_thread(self.notify, message, markup=False, severity="error")
            return
        message = f"Exported {len(records):,} records to {visible(str(path))}"
        self.app.call_from_thread(self.notify, message, markup=False)
