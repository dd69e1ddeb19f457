"""ContactsScreen: browse a registry's contacts and the records each one is named in.

A search bar (fuzzy over id, name, organization and e-mail, run in an exclusive worker so
typing never waits), the contacts that match, and for the highlighted contact its details
and every record naming it as assignee or contact. Enter on a record dismisses the screen
with a `ChosenRecord` (the record and its contact's id); Esc steps back (records ->
contacts, then clears the search, then closes with None). Opened on a record's people, the
first list holds only them.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tui.registry.model import Contact, Record, Registry
from tui.safe import DISPLAY_LIMIT, visible
from tui.screens.searching import failure_line
from tui.search.contacts import ContactIndex, contact_index
from tui.styles_path import stylesheet
from tui.widgets.contact_list import ContactList
from tui.widgets.search_bar import SafeInput

NARROW_WIDTH = 100
"""Below this many columns the chosen contact goes under the list instead of beside it."""

NO_CONTACTS = (
    "This registry has no contact table, so there are no contacts to list. "
    "IANA's CSV file carries none: load the XML, text or XHTML registry "
    "(`iana-ports update` fetches the XML) to browse contacts."
)


def contact_details(contact: Contact, records: list[Record]) -> RenderableType:
    """A contact's full details as a labeled grid (registry text kept as plain `Text`)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("Name"), Text(visible(contact.name, limit=DISPLAY_LIMIT) or "—"))
    rows = (
        ("Organization", contact.organization),
        ("E-mail", ", ".join(contact.emails)),
        ("URI", ", ".join(contact.uris)),
        ("Last updated", contact.updated),
        ("Id", contact.id),
    )
    for label, value in rows:
        if value:
            grid.add_row(Text(label), Text(visible(value, limit=DISPLAY_LIMIT)))
    count = len(records)
    grid.add_row(Text("Records"), Text(f"{count:,} record{'s' if count != 1 else ''}"))
    return grid


def record_line(record: Record, role: str) -> Text:
    """One record naming a contact: port/protocol, service, the role, then the description."""
    port = record.port_number or "-"
    where = f"{port}/{record.transport_protocol}" if record.transport_protocol else port
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(visible(where), "bold")
    line.append("  ")
    line.append(visible(record.service_name or "(no name)", limit=DISPLAY_LIMIT))
    line.append(f"  ({role})", "dim")
    description = record.description[:DISPLAY_LIMIT].split("\n", 1)[0]
    if description:
        line.append("  ")
        line.append(visible(description, limit=DISPLAY_LIMIT), "italic")
    return line


class ChosenRecord(NamedTuple):
    """What the contacts screen answers: a record, and the contact it was listed under."""

    record: Record
    contact_id: str


class ContactsScreen(Screen[ChosenRecord | None]):
    """The registry's contacts, searchable, with the records of the highlighted one."""

    CSS_PATH = stylesheet("contacts.tcss")
    AUTO_FOCUS = "#contact-search"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="contacts.back"),
        Binding("slash", "focus_search", "Search", id="contacts.search"),
        # Arrows typed in the search bar move the contact cursor (aliases of the list's keys).
        Binding("down", "contact_cursor('down')", "Down", show=False, id="contacts.down"),
        Binding("up", "contact_cursor('up')", "Up", show=False, id="contacts.up"),
        Binding(
            "pagedown",
            "contact_cursor('page_down')",
            "Page down",
            show=False,
            id="contacts.page-down",
        ),
        Binding(
            "pageup", "contact_cursor('page_up')", "Page up", show=False, id="contacts.page-up"
        ),
    ]

    def __init__(
        self,
        registry: Registry,
        contact_id: str | None = None,
        *,
        people: list[str] | None = None,
        about: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.registry = registry
        self.contact_id = contact_id
        self.records: list[Record] = []
        """The records listed for the highlighted contact, in the order shown."""
        self.contact: Contact | None = None
        """The highlighted contact."""
        self._index: ContactIndex | None = None
        self._pending_contact_id = contact_id
        self._pending_people = list(people or [])
        """Contact ids the first, empty search lists alone (a record's assignee and contact)."""
        self._about = about
        self._people_shown = False

    @property
    def has_contacts(self) -> bool:
        """False when the registry has no contact table."""
        return bool(self.registry.contacts)

    def compose(self) -> ComposeResult:
        """Search bar, status, contact list beside the chosen contact; a notice with no contacts."""
        if not self.has_contacts:
            yield Static(Text(NO_CONTACTS), id="contacts-empty")
            yield Footer()
            return
        yield SafeInput(
            placeholder="Search contacts: id, name, organization or e-mail (typos are fine)",
            id="contact-search",
        )
        yield Static(Text("Loading contacts…"), id="contact-status")
        with Horizontal(id="contact-body"):
            yield ContactList(id="contact-list")
            with Vertical(id="contact-pane"):
                yield Static(id="contact-details")
                yield OptionList(id="contact-records")
        yield Footer()

    @on(events.Mount)
    def _start(self) -> None:
        if self.has_contacts:
            self.query_one(ContactList).border_title = "Contacts"
            self.query_one("#contact-details").border_title = "Contact"
            self.query_one("#contact-records").border_title = "Records (Enter opens one)"
            self.search_contacts("")

    @on(events.Resize)
    def _place_pane(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    @on(Input.Changed, "#contact-search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.search_contacts(event.value)

    @work(exclusive=True, thread=True, group="contact-search", exit_on_error=False)
    def search_contacts(self, query: str) -> None:
        """Search in a thread; only the newest query's answer is shown."""
        index = contact_index(self.registry)  # built once per registry, on first use
        found = index.search(query)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show_found, index, query, found)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A search that raised: one line in the status line, the whole error in the log."""
        worker = event.worker
        if worker.group != "contact-search" or event.state != WorkerState.ERROR:
            return
        self.log.error(f"contact search worker failed: {worker.error!r}")
        status = Text(failure_line(worker.error), style="bold red")
        self.query_one("#contact-status", Static).update(status)

    def _show_found(self, index: ContactIndex, query: str, found: list[Contact]) -> None:
        self._index = index
        contact_list = self.query_one(ContactList)
        cursor = 0
        missing = ""
        self._people_shown = False
        if self._pending_people and not query:
            people = [
                index_contact
                for i in self._pending_people
                if (index_contact := self.registry.contacts.get(i)) is not None
            ]
            self._pending_people = []
            if people:
                found = people
                self._people_shown = True
                self._pending_contact_id = None
        if self._pending_contact_id is not None and not query:
            position = index.position(self._pending_contact_id)
            if position is None:
                missing = self._pending_contact_id
            else:
                cursor = position
            self._pending_contact_id = None
        contact_list.show(found, query, cursor)
        self._show_status(index, query, found, missing)

    def _show_status(
        self, index: ContactIndex, query: str, found: list[Contact], missing: str
    ) -> None:
        total = len(index)
        if self._people_shown:
            people = "contact" if len(found) == 1 else "contacts"
            status = Text(f"{len(found):,} {people} named in ")
            status.append(visible(self._about or "the record"), "bold")
            status.append(f"  ·  type to search all {total:,} contacts")
        elif not query.strip():
            status = Text(f"{total:,} contacts")
        elif found:
            status = Text(f"{len(found):,} of {total:,} contacts match ")
            status.append(visible(query), "bold")
        else:
            status = Text("No contact matches ")
            status.append(visible(query), "bold")
            status.append(f" (of {total:,})")
        if missing:
            status.append("  ·  no contact ")
            status.append(visible(missing), "bold")
            status.append(" in the contact table")
        self.query_one("#contact-status", Static).update(status)

    @on(ContactList.ContactHighlighted)
    def _contact_highlighted(self, event: ContactList.ContactHighlighted) -> None:
        self.show_contact(event.contact)

    def show_contact(self, contact: Contact | None) -> None:
        """Show a contact's details and the records naming it (nothing for None)."""
        self.contact = contact
        details = self.query_one("#contact-details", Static)
        records_list = self.query_one("#contact-records", OptionList)
        if contact is None or self._index is None:
            self.records = []
            details.update(Text("No contact selected."))
            records_list.clear_options()
            return
        self.records = self._index.records_of(contact.id)
        details.update(contact_details(contact, self.records))
        records_list.set_options(
            Option(record_line(record, self._index.role(record, contact.id).label))
            for record in self.records
        )
        if self.records:
            records_list.highlighted = 0

    @on(ContactList.ContactChosen)
    def _contact_chosen(self, event: ContactList.ContactChosen) -> None:
        self.choose_contact()

    @on(Input.Submitted, "#contact-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.choose_contact()

    def choose_contact(self) -> None:
        """Move to the highlighted contact's records (or say it has none)."""
        if self.contact is None:
            return
        if not self.records:
            # A plain string with markup off: notify() takes no Text, and names are data.
            name = visible(self.contact.display_name)
            self.notify(f"{name} is named in no record.", markup=False)
            return
        self.query_one("#contact-records", OptionList).focus()

    @on(OptionList.OptionSelected, "#contact-records")
    def _record_selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.records) and self.contact is not None:
            self.dismiss(ChosenRecord(self.records[event.option_index], self.contact.id))

    def action_back(self) -> None:
        """Esc: records -> contacts; then clear the search; then close the screen."""
        if not self.has_contacts:
            self.dismiss(None)
            return
        if self.focused is self.query_one("#contact-records"):
            self.query_one(ContactList).focus()
            return
        search = self.query_one("#contact-search", Input)
        if search.value:
            search.value = ""
            search.focus()
            return
        self.dismiss(None)

    def action_focus_search(self) -> None:
        """Focus the search bar."""
        if self.has_contacts:
            self.query_one("#contact-search", Input).focus()

    def action_contact_cursor(self, move: str) -> None:
        """Move the contact cursor from the search bar: down, up, page_down or page_up."""
        if not self.has_contacts:
            return
        contact_list = self.query_one(ContactList)
        moves = {
            "down": contact_list.action_cursor_down,
            "up": contact_list.action_cursor_up,
            "page_down": contact_list.action_page_down,
            "page_up": contact_list.action_page_up,
        }
        if move in moves:
            moves[move]()
