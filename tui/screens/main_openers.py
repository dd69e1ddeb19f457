"""The main screen's ways to the other screens: contacts, this machine, history and help.

`OtherScreens` is the part of the main screen (see `tui.screens.main`) that opens the other
screens and takes their answers back: a record chosen among a contact's records, a port
chosen among this machine's sockets, a query picked from the history. The screens are
imported on first use, so the browser's start does not wait for them.
"""

from __future__ import annotations

import importlib
from typing import Any

from textual.dom import DOMNode

from tui.registry.model import Record
from tui.screens.keys import key_list
from tui.screens.main_actions import ResultActions, by_query
from tui.widgets import ResultsTable


class OtherScreens(ResultActions):
    """Opening the contacts, machine, history and help screens from the main screen."""

    history: list[str]

    def show_record(self, record: Record, query: str | None = None) -> None:
        """Put the cursor on `record`, under `query` (the main screen does)."""
        raise NotImplementedError

    def remember_query(self, query: str) -> None:
        """Add `query` to the search history (the main screen does)."""
        raise NotImplementedError

    def action_history(self) -> None:
        """The last queries, newest first; the one picked is searched again."""
        screen_class = _screen_class("history", "HistoryScreen")

        def picked(query: str | None) -> None:
            """Search the query picked, if any."""
            if query is not None:
                bar = self.search_bar
                bar.value = query
                bar.cursor_position = len(query)
                bar.focus()

        self.remember_query(self.search_bar.value)
        self.app.push_screen(screen_class(list(reversed(self.history))), callback=picked)

    def action_contacts(self, contact_id: str | None = None) -> None:
        """Show the contacts screen; a record chosen there is shown here under `by:ID`.

        With no `contact_id`, the screen opens on the highlighted record's assignee and
        contact (the whole list when it names nobody).
        """
        screen_class = _screen_class("contacts", "ContactsScreen")
        people: list[str] = []
        about = ""
        record = self.table.highlighted
        if contact_id is None and record is not None:
            people = list(dict.fromkeys([*record.assignee_ids, *record.contact_ids]))
            contact_id = people[0] if people else None
            about = record.label

        def chosen(choice: Any) -> None:
            """Show the record chosen on the contacts screen, if any, under `by:ID`."""
            if choice is not None:
                self.show_record(choice.record, by_query(choice.contact_id))

        screen = screen_class(self.registry, contact_id, people=people, about=about)
        self.app.push_screen(screen, callback=chosen)

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

    def action_help_f1(self) -> None:
        """F1: the help, from anywhere (in the search bar `?` is text)."""
        self.action_help()

    def key_list(self) -> list[tuple[str, str]]:
        """Every key of the browser and what it does, aliases merged: [("down,j", "Next"), ...]."""
        owners: list[type[DOMNode]] = [type(self.app), type(self), ResultsTable]
        return key_list(owners, self.app.COMMAND_PALETTE_BINDING)


def _screen_class(module: str, name: str) -> Any:
    """A screen class from tui.screens, imported on first use (the start need not wait)."""
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)
