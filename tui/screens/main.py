"""The browser's main screen: search bar, results table, detail pane and status line.

The screen owns the coordination: it searches in an exclusive thread worker on every change
of the query or the filters (the newest request wins, stale answers are dropped), hands the
answer down to the table, and follows the table's cursor with the detail pane.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from tui.clipboard import record_json, record_line
from tui.hints import first_time, stale_copy_key
from tui.registry.exporting import export_records
from tui.registry.model import Record, Registry
from tui.registry.origin import SourceKind
from tui.registry.references import reference_links
from tui.registry.sources import update_hint
from tui.safe import visible
from tui.screens.commands import BrowserCommands, PaletteCommand, palette_commands
from tui.screens.keys import MAIN_BINDINGS, key_list
from tui.screens.searching import (
    Answer,
    Cancelled,
    Searcher,
    SearchQueue,
    SearchRequest,
    run_abandonable,
)
from tui.search.filters import Filters
from tui.styles_path import stylesheet
from tui.web_browser import browser_reachable
from tui.widgets import DetailPane, ResultsHeader, ResultsTable, SearchBar, StatusLine
from tui.widgets.status_text import source_summary

NARROW_BELOW = 120
"""Terminal widths under this put the detail pane below the table instead of beside it."""


class MainScreen(Screen[None]):
    """Search, results and details of one registry."""

    CSS_PATH = stylesheet("main.tcss")
    COMMANDS = {BrowserCommands}
    AUTO_FOCUS = "#search"

    BINDINGS = MAIN_BINDINGS

    def __init__(self, registry: Registry, show_timing: bool = True) -> None:
        super().__init__()
        self.registry = registry
        self.show_timing = show_timing
        self.filters = Filters()
        self.searcher = Searcher(registry)
        self.search_queue = SearchQueue()
        self._generation = 0
        self._keep: Record | None = None

    def compose(self) -> ComposeResult:
        """Search bar, table with its header, detail pane, status line, footer."""
        yield SearchBar(id="search")
        with Horizontal(id="body"):
            with Vertical(id="table-area"):
                yield ResultsHeader(id="results-header")
                yield ResultsTable(self.registry, id="results")
            yield DetailPane(self.registry, id="detail")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def table(self) -> ResultsTable:
        """The results table."""
        return self.query_one("#results", ResultsTable)

    @property
    def search_bar(self) -> SearchBar:
        """The search bar."""
        return self.query_one("#search", SearchBar)

    # ---- start-up ------------------------------------------------------------------------

    @on(events.Mount)
    def _start(self) -> None:
        status = self.query_one(StatusLine)
        status.total = len(self.registry)
        status.source = source_summary(self.registry)
        header = self.query_one(ResultsHeader)
        # The header is a separate widget: it follows the table's horizontal scroll.
        self.watch(self.table, "scroll_x", lambda x: setattr(header, "offset_x", round(x)))
        # The whole registry needs no index: show it at once, build the indexes meanwhile
        # (the contacts one so that the first `c` opens at once).
        self._show_answer(self.searcher.answer(self._generation, "", self.filters))
        self._warm_up_indexes()
        self._hint_old_copy()

    @work(thread=True, group="index", exit_on_error=False)
    def _warm_up_indexes(self) -> None:
        self.searcher.index  # noqa: B018 - built for its side effect, off the interface thread
        if self.registry.contacts:
            # Imported here: the first frame need not wait for the contacts module.
            from tui.search.contacts import contact_index

            contact_index(self.registry)

    def _hint_old_copy(self) -> None:
        """Once per copy, say that the downloaded registry is old and how to refresh it."""
        if self.registry.origin.kind != SourceKind.DOWNLOADED:
            return
        hint = update_hint(self.registry)
        if hint and first_time(stale_copy_key(self.registry)):
            self.notify(hint, title="An old copy", severity="warning", timeout=20, markup=False)

    @on(events.Resize)
    def _place_detail(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        self.query_one(Footer).compact = narrow

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "/ Search" from the Footer while the search bar already has the focus."""
        if action == "focus_search":
            focused = self.focused
            return not (focused is not None and focused.id == "search")
        return True

    # ---- searching -----------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.table.focus()

    def search(self, query: str, keep: Record | None = None) -> None:
        """Ask for the answer to `query` under the current filters; the newest request wins.

        One search runs at a time: requests made meanwhile (a paste typed out key by key)
        replace each other, and only the last is searched next.
        """
        self._keep = keep
        request = self.search_queue.request(query, self.filters)
        self._generation = self.search_queue.generation
        if request is not None:
            self._search_worker(request)

    @work(thread=True, group="search", exit_on_error=False)
    def _search_worker(self, request: SearchRequest) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            """True once a newer query was typed, or the app is closing."""
            return worker.is_cancelled or self.search_queue.is_stale(request.generation)

        def work() -> Answer:
            """The answer, unless it went stale on the way."""
            return self.searcher.answer(request.generation, request.query, request.filters, stale)

        answer = None
        try:
            # In a daemon thread this worker waits for: a quit never waits for a slow search.
            answer = run_abandonable(work, lambda: worker.is_cancelled)
        except Cancelled:
            pass
        finally:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._search_done, answer)

    def _search_done(self, answer: Answer | None) -> None:
        """A search ended: show its answer (None when it went stale), start the one waiting."""
        if answer is not None:
            self._show_answer(answer)
        following = self.search_queue.finished()
        if following is not None:
            self._search_worker(following)

    def _show_answer(self, answer: Answer) -> None:
        if answer.generation != self._generation:
            return  # a newer query or filter change is on its way
        table = self.table
        table.empty_message = answer.error or answer.notice
        table.show_answer(answer.hits, answer.query, keep=self._keep)
        status = self.query_one(StatusLine)
        status.shown = len(answer.hits)
        status.error = answer.error
        status.filters = self.filters.describe()
        status.elapsed_ms = answer.elapsed_ms if self.show_timing else None

    @on(ResultsTable.RecordHighlighted, "#results")
    def _follow_cursor(self, event: ResultsTable.RecordHighlighted) -> None:
        self.query_one(DetailPane).show_record(event.record)

    # ---- sorting -------------------------------------------------------------------------

    @on(ResultsTable.LayoutChanged, "#results")
    def _columns_placed(self, event: ResultsTable.LayoutChanged) -> None:
        self.query_one(ResultsHeader).columns = event.columns

    @on(ResultsHeader.SortRequested)
    def _header_clicked(self, event: ResultsHeader.SortRequested) -> None:
        table = self.table
        reverse = not table.sort_reverse if table.sort_column == event.column_key else False
        self.sort_results(event.column_key, reverse)

    def sort_results(self, column_key: str | None, reverse: bool) -> None:
        """Order the results by a column (None: relevance) and mark it in the header."""
        self.table.sort_by(column_key, reverse)
        header = self.query_one(ResultsHeader)
        header.sort_column, header.sort_reverse = column_key, reverse

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
        self.search(self.search_bar.value, keep=self.table.highlighted)

    def action_toggle_protocol(self, protocol: str) -> None:
        """Hide or show again the records of one protocol."""
        self.set_filters(self.filters.toggle_protocol(protocol))

    def action_cycle_port_class(self) -> None:
        """Narrow to System, User, Dynamic ports, then every class again."""
        self.set_filters(self.filters.next_port_class())

    def action_toggle_unassigned(self) -> None:
        """Hide or show again Unassigned and Reserved entries."""
        self.set_filters(self.filters.toggle_unassigned())

    def action_clear_filters(self) -> None:
        """Show every record again."""
        self.set_filters(Filters())

    # ---- moving around -------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Put the focus in the search bar."""
        self.search_bar.focus()

    def action_clear_search(self) -> None:
        """Esc: empty the search bar if it holds a query, and go back to it."""
        if self.search_bar.value:
            self.search_bar.value = ""
        self.search_bar.focus()

    def action_move(self, action: str) -> None:
        """Move the table's cursor while the focus stays where it is."""
        getattr(self.table, f"action_{action}")()

    def show_record(self, record: Record) -> None:
        """Put the cursor on `record`, clearing the query (and filters hiding it) if needed."""
        table = self.table
        if table.select_record(record):
            table.focus()
            return
        if not self.searcher.passes(record, self.filters):
            self.filters = Filters()
        with self.search_bar.prevent(Input.Changed):
            self.search_bar.value = ""
        self.search("", keep=record)
        table.focus()

    @on(DetailPane.OpenRecord)
    def _open_related(self, event: DetailPane.OpenRecord) -> None:
        self.show_record(event.record)

    @on(DetailPane.OpenUrl)
    def _open_url(self, event: DetailPane.OpenUrl) -> None:
        self._open(event.url)

    @on(DetailPane.OpenContact)
    def _open_contact(self, event: DetailPane.OpenContact) -> None:
        self.action_contacts(event.contact_id)

    def action_open_reference(self) -> None:
        """Open the reference link highlighted in the detail pane, else the record's first."""
        url = self.query_one(DetailPane).focused_url
        if url is not None:
            self._open(url)
            return
        record = self.table.highlighted
        links = reference_links(record.reference) if record else []
        if not links:
            self.notify("This record has no reference link.", markup=False, severity="warning")
            return
        self._open(links[0][1])

    def _open(self, url: str) -> None:
        """Open `url` in a browser; where none can start (over SSH), copy it instead."""
        if browser_reachable():
            self.app.open_url(url)
            self.notify(f"Opening {visible(url)}", markup=False)
            return
        self.app.copy_to_clipboard(url)
        self.notify(visible(url), title="No web browser here: the link was copied", markup=False)

    # ---- other screens -------------------------------------------------------------------

    def action_contacts(self, contact_id: str | None = None) -> None:
        """Show the contacts screen (on one contact); a record chosen there is shown here."""
        screen_class = _screen_class("contacts", "ContactsScreen")

        def chosen(record: Record | None) -> None:
            """Show the record chosen on the contacts screen, if any."""
            if record is not None:
                self.show_record(record)

        self.app.push_screen(screen_class(self.registry, contact_id), callback=chosen)

    def action_machine(self) -> None:
        """Show what listens on this machine; a port chosen there is searched here."""
        screen_class = _screen_class("machine", "MachineScreen")

        def chosen(query: str | None) -> None:
            """Search the port chosen on the machine screen ("5432/tcp"), if any."""
            if query:
                self.search_bar.value = query
                self.table.focus()

        self.app.push_screen(screen_class(self.registry), callback=chosen)

    def action_help(self) -> None:
        """Show every key in the help screen."""
        screen_class = _screen_class("help", "HelpScreen")
        self.app.push_screen(screen_class(self.key_list()))

    def key_list(self) -> list[tuple[str, str]]:
        """Every key of the browser and what it does, aliases merged: [("down,j", "Next"), ...]."""
        owners = [type(self.app), MainScreen, ResultsTable]
        return key_list(owners, self.app.COMMAND_PALETTE_BINDING)

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

    def palette_commands(self) -> list[PaletteCommand]:
        """The commands this screen offers in the command palette, titles following state."""
        return palette_commands(self)


def _screen_class(module: str, name: str) -> Any:
    """A screen class from tui.screens, imported on first use (the start need not wait)."""
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


__all__ = ["NARROW_BELOW", "MainScreen"]
