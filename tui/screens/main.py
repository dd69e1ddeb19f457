"""The browser's main screen: search bar, results table, detail pane and status line.

The screen owns the coordination: it searches in an exclusive thread worker on every change
of the query or the filters (the newest request wins, stale answers are dropped), hands the
answer down to the table, and follows the table's cursor with the detail pane.
"""

from __future__ import annotations

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from tui.hints import first_time, stale_copy_key
from tui.registry.model import Record, Registry
from tui.registry.origin import SourceKind
from tui.registry.sources import update_hint
from tui.screens.keys import MAIN_BINDINGS, PRINTABLE_KEY_ACTIONS, TO_SEARCH_BAR
from tui.screens.main_actions import HistoryChanged, SettingsChanged, by_query
from tui.screens.main_openers import OtherScreens
from tui.screens.searching import (
    Answer,
    Cancelled,
    Searcher,
    SearchQueue,
    SearchRequest,
    failure_line,
    run_abandonable,
)
from tui.search.filters import PORT_CLASSES, PROTOCOLS, Filters
from tui.settings import Settings, remember
from tui.styles_path import stylesheet
from tui.widgets import DetailPane, ResultsHeader, ResultsTable, SearchBar, StatusLine
from tui.widgets.status_text import source_summary

NARROW_BELOW = 120
"""Terminal widths under this put the detail pane below the table instead of beside it."""


class MainScreen(OtherScreens):
    """Search, results and details of one registry."""

    CSS_PATH = stylesheet("main.tcss")
    AUTO_FOCUS = "#search"

    BINDINGS = MAIN_BINDINGS

    def __init__(
        self,
        registry: Registry,
        show_timing: bool = True,
        *,
        query: str = "",
        settings: Settings | None = None,
        history: list[str] | None = None,
    ) -> None:
        """A screen on `registry`, opening on `query`, with remembered `settings` and `history`."""
        super().__init__()
        self.registry = registry
        self.show_timing = show_timing
        self.settings = settings or Settings()
        """What is remembered between runs; the app saves it when `settings_changed` is called."""
        self.history: list[str] = list(history or [])
        """The last queries, oldest first."""
        self.filters = Filters(
            frozenset(p for p in self.settings.hidden_protocols if p in PROTOCOLS),
            self.settings.port_class if self.settings.port_class in PORT_CLASSES else None,
            self.settings.hide_unassigned,
        )
        self.sort_pinned = False
        """True: a new query keeps the sort; False: each new query starts in relevance order."""
        self.searcher = Searcher(registry)
        self._opening_query = query
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

    # ---- start-up ------------------------------------------------------------------------

    @on(events.Mount)
    def _start(self) -> None:
        status = self.query_one(StatusLine)
        status.total = len(self.registry)
        status.source = source_summary(self.registry)
        header = self.query_one(ResultsHeader)
        # The header is a separate widget: it follows the table's horizontal scroll.
        self.watch(self.table, "scroll_x", lambda x: setattr(header, "offset_x", round(x)))
        self._restore_sort()
        if self._opening_query:
            bar = self.search_bar
            bar.value = self._opening_query  # searched through Input.Changed
            bar.cursor_position = len(bar.value)
        elif self.filters.is_default:
            # The whole registry needs no index: show it at once, build the indexes meanwhile
            # (the contacts one so that the first `c` opens at once).
            self._show_answer(self.searcher.answer(self._generation, "", self.filters))
        else:
            self.search("")
        self._warm_up_indexes()
        self._hint_old_copy()

    def _restore_sort(self) -> None:
        settings = self.settings
        if settings.sort_pinned and settings.sort_column in {c.key for c in self.table.columns}:
            self.sort_pinned = True
            self.sort_results(settings.sort_column, settings.sort_reverse)

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
        """In the search bar, printable keys are text: the Footer does not offer them there."""
        in_search = self.focused is self.search_bar
        if action in PRINTABLE_KEY_ACTIONS:
            return not in_search
        if action == "help_f1":
            return in_search
        return True

    def type_ahead(self, event: events.Key) -> bool:
        """A printable key on the results that the Footer does not offer starts a new search.

        The app calls this as the key arrives, before Textual routes it, so that the keys
        typed right after it (already waiting) go to the search bar too; Enter in the search
        bar moves to the results the same way. True when the key was taken.
        """
        focused = self.focused
        if focused is self.search_bar and event.key == "enter":
            # Enter in the search bar goes to the results at once, so that a key typed
            # right after it (`c`, `y`...) already reaches them.
            self.set_focus(self.table)
            return True
        if focused is None or focused is self.search_bar:
            return False
        active = self.active_bindings.get(event.key)
        if active is not None and active.binding.action in TO_SEARCH_BAR and active.enabled:
            # `/` and Esc move to the search bar at once, for the same reason.
            getattr(self, f"action_{active.binding.action}")()
            return True
        if not event.is_printable:
            return False
        if event.character is None or event.key in self._shown_keys():
            return False
        bar = self.search_bar
        bar.value = event.character
        bar.cursor_position = len(bar.value)
        self.set_focus(bar)
        return True

    def _shown_keys(self) -> set[str]:
        """The keys the Footer shows now (what a key does when the Footer offers it)."""
        return {
            key
            for key, active in self.active_bindings.items()
            if active.binding.show and active.enabled
        }

    # ---- searching -----------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        if not self.sort_pinned and self.table.sort_column is not None:
            # A sort belongs to the results it was chosen for: a new query starts by relevance.
            self.table.forget_sort()
            self._mark_sort()
        self.search(event.value)

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.table.focus()

    @on(Input.Blurred, "#search")
    def _query_left(self, event: Input.Blurred) -> None:
        self.remember_query(event.value)

    def remember_query(self, query: str) -> None:
        """Add `query` to the search history (newest last) and save it."""
        history = remember(self.history, query)
        if history != self.history:
            self.history = history
            self.app.post_message(HistoryChanged(history))

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

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A search that raised: one line in the status line, the whole error in the log."""
        worker = event.worker
        if worker.group != "search" or event.state != WorkerState.ERROR:
            return
        line = failure_line(worker.error)
        self.log.error(f"search worker failed: {worker.error!r}")
        status = self.query_one(StatusLine)
        status.error = line

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

    @on(ResultsTable.LayoutChanged, "#results")
    def _columns_placed(self, event: ResultsTable.LayoutChanged) -> None:
        self.query_one(ResultsHeader).columns = event.columns

    @on(ResultsHeader.SortRequested)
    def _header_clicked(self, event: ResultsHeader.SortRequested) -> None:
        table = self.table
        reverse = not table.sort_reverse if table.sort_column == event.column_key else False
        self.sort_results(event.column_key, reverse)

    # ---- moving around -------------------------------------------------------------------

    def action_new_search(self) -> None:
        """`/`: the search bar, its query selected, so that typing replaces it."""
        bar = self.search_bar
        self.set_focus(bar)
        bar.select_all()

    def action_clear_search(self) -> None:
        """Esc: empty the search bar if it holds a query, and go back to it."""
        if self.search_bar.value:
            self.search_bar.value = ""
        self.set_focus(self.search_bar)

    def action_move(self, action: str) -> None:
        """Move the table's cursor while the focus stays where it is.

        Up on an empty search bar brings back the last query instead.
        """
        bar = self.search_bar
        if action == "cursor_up" and self.focused is bar and not bar.value and self.history:
            bar.value = self.history[-1]
            bar.cursor_position = len(bar.value)
            return
        getattr(self.table, f"action_{action}")()

    def show_record(self, record: Record, query: str | None = None) -> None:
        """Put the cursor on `record`, highlighted and in view.

        With `query` (e.g. `by:ID` from the contacts screen) that query is searched and shown,
        so the list explains itself; without, the query is cleared only when the record is not
        among the results. Filters that hide the record are cleared.
        """
        table = self.table
        if query is None and table.select_record(record):
            table.focus()
            return
        if not self.searcher.passes(record, self.filters):
            self.set_filters(Filters())
        query = query or ""
        bar = self.search_bar
        with bar.prevent(Input.Changed):
            bar.value = query
            bar.cursor_position = len(query)
        if not self.sort_pinned and table.sort_column is not None:
            table.forget_sort()
            self._mark_sort()
        self.remember_query(query)
        self.search(query, keep=record)
        table.focus()

    @on(DetailPane.OpenRecord)
    def _open_related(self, event: DetailPane.OpenRecord) -> None:
        self.show_record(event.record)

    @on(DetailPane.OpenUrl)
    def _open_url(self, event: DetailPane.OpenUrl) -> None:
        self.open_url(event.url)

    @on(DetailPane.OpenContact)
    def _open_contact(self, event: DetailPane.OpenContact) -> None:
        self.action_contacts(event.contact_id)


__all__ = ["NARROW_BELOW", "HistoryChanged", "MainScreen", "SettingsChanged", "by_query"]
