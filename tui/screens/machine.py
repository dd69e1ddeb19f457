"""MachineScreen: the sockets listening on this machine, beside the registry's answer for each.

The same list as `iana-ports here`, refreshed every few seconds while the screen is open by a
thread worker (psutil's walk through /proc never blocks the interface). Enter on a row dismisses
the screen with that port's query ("5432/tcp") for the main table; Esc closes it with None.
When the OS hides other users' processes (not root), the screen says so in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from tui.machine.answers import PortBook
from tui.machine.listening import Listing, listening_sockets
from tui.machine.report import SocketReport, hidden_note, socket_reports
from tui.registry.model import Registry
from tui.safe import visible
from tui.styles_path import stylesheet

REFRESH_SECONDS = 3.0
"""How often the list is read again while the screen is open."""

COLUMNS = ("Proto", "Address", "Port", "PID", "Process", "Registry", "Common name")


def report_cells(report: SocketReport) -> tuple[Text, ...]:
    """One row's cells, every string literal (controls made visible, no markup)."""
    item = report.listener
    return (
        Text(item.protocol),
        Text(visible(item.address)),
        Text(str(item.port), style="bold", justify="right"),
        Text(str(item.pid) if item.pid is not None else "?", justify="right"),
        Text(visible(item.process)),
        Text(visible(report.answer.summary)),
        Text(visible(report.common_text)),
    )


def row_key(report: SocketReport) -> str:
    """A key that stays the same for the same socket from one refresh to the next."""
    item = report.listener
    return f"{item.protocol} {item.address} {item.port} {item.pid}"


class MachineScreen(Screen[str | None]):
    """This machine's listening sockets and what the registry says of their ports."""

    CSS_PATH = stylesheet("machine.tcss")
    AUTO_FOCUS = "#machine-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="machine.back"),
        Binding("r", "refresh_now", "Refresh", id="machine.refresh"),
    ]

    def __init__(
        self,
        registry: Registry,
        lister: Callable[[], Listing] | None = None,
        refresh_seconds: float = REFRESH_SECONDS,
    ) -> None:
        """Show `registry`'s answers for the sockets `lister` finds (default: psutil's, through
        `listening_sockets`), every `refresh_seconds`."""
        super().__init__()
        self.registry = registry
        self.lister = lister
        self.refresh_seconds = refresh_seconds
        self.reports: list[SocketReport] = []
        """The rows shown, in order."""
        self.refreshes = 0
        """How many listings have been shown (tests wait on it)."""
        self._book: PortBook | None = None

    def compose(self) -> ComposeResult:
        """A title line, the note on hidden processes, the table, the footer."""
        yield Static("This machine: listening sockets", id="machine-title")
        yield Static("", id="machine-note")
        table: DataTable[Text] = DataTable(
            id="machine-table", cursor_type="row", zebra_stripes=True
        )
        table.add_columns(*COLUMNS)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        """Read the sockets now and every few seconds while open."""
        self.action_refresh_now()
        self.set_interval(self.refresh_seconds, self.action_refresh_now)

    def action_refresh_now(self) -> None:
        """Read the listening sockets again (in a worker; the newest read wins)."""
        self._read_sockets()

    @work(thread=True, exclusive=True, group="machine", exit_on_error=False)
    def _read_sockets(self) -> None:
        worker = get_current_worker()
        if self._book is None:
            self._book = PortBook(self.registry)
        try:
            listing = self.lister() if self.lister is not None else listening_sockets()
        except Exception as error:  # noqa: BLE001 - shown on the screen, never a crash
            message = f"Could not list this machine's sockets: {type(error).__name__}: {error}"
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_error, message)
            return
        reports = socket_reports(listing, self._book)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, reports, hidden_note(listing))

    def _show(self, reports: list[SocketReport], note: str) -> None:
        table = self.query_one("#machine-table", DataTable)
        keep = self._current_key()
        table.clear()
        for report in reports:
            table.add_row(*report_cells(report), key=row_key(report))
        self.reports = reports
        if keep is not None:
            keys = [row_key(report) for report in reports]
            if keep in keys:
                table.move_cursor(row=keys.index(keep))
        count = len(reports)
        plural = "" if count == 1 else "s"
        title = f"This machine: {count} listening socket{plural}"
        title += f" (every {self.refresh_seconds:g} s; Enter shows the port's records)"
        self.query_one("#machine-title", Static).update(Text(title))
        self.query_one("#machine-note", Static).update(Text(note))
        self.query_one("#machine-note").set_class(not note, "-empty")
        self.refreshes += 1

    def _show_error(self, message: str) -> None:
        self.query_one("#machine-note", Static).update(Text(visible(message)))
        self.query_one("#machine-note").set_class(False, "-empty")

    def _current_key(self) -> str | None:
        table = self.query_one("#machine-table", DataTable)
        if not self.reports or not 0 <= table.cursor_row < len(self.reports):
            return None
        return row_key(self.reports[table.cursor_row])

    @on(DataTable.RowSelected, "#machine-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.reports):
            self.dismiss(self.reports[event.cursor_row].search_key)

    def action_close(self) -> None:
        """Back to the main screen, choosing nothing."""
        self.dismiss(None)
