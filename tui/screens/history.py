"""HistoryScreen: the last queries, newest first; Enter searches the one highlighted again.

A modal over the browser. It answers through `dismiss`: the query chosen, or None when
closed with Esc (the focus then goes back to where it was).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.safe import visible
from tui.styles_path import stylesheet


class HistoryScreen(ModalScreen[str | None]):
    """A list of past queries (newest first) to pick one from."""

    CSS_PATH = stylesheet("history.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+r", "close", "Close", id="history.close"),
    ]

    def __init__(self, queries: list[str]) -> None:
        """A list of `queries`, in the order given (newest first)."""
        super().__init__()
        self.queries = list(queries)

    def compose(self) -> ComposeResult:
        """The queries, or a line saying there are none yet."""
        if not self.queries:
            yield Static(
                Text("No searches yet: the queries you search are kept here."), id="history-empty"
            )
            return
        yield OptionList(
            *(Option(Text(visible(query))) for query in self.queries), id="history-list"
        )

    @on(events.Mount)
    def _start(self) -> None:
        body = self.query_one("#history-list, #history-empty")
        body.border_title = "Search history (Enter searches again, Esc closes)"
        if self.queries:
            options = self.query_one("#history-list", OptionList)
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected, "#history-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.queries[event.option_index])

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
