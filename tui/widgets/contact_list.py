"""ContactList: a virtual list of contacts that draws only the rows in view.

A registry can hold thousands of contacts (IANA's XML: 5,615). A `VirtualRows` view:
`render_line` builds the one row asked for (name, organization, e-mail; the search words
highlighted), caching finished strips.
Contact text is registry data: it goes through `visible()` into Rich `Text`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from tui.registry.model import Contact
from tui.safe import DISPLAY_LIMIT, visible
from tui.widgets.virtual_rows import VirtualRows

COLUMN_GAP = "  "


def contact_key(contact: Contact) -> tuple[str, str, str, str]:
    """Everything a contact's row shows, to key the strip cache."""
    return (contact.id, contact.name, contact.organization, contact.uri)


class ContactList(VirtualRows):
    """A cursor over a list of contacts, one line each, drawn on demand."""

    DEFAULT_CSS = """
    ContactList {
        background: $surface;
    }
    ContactList > .contact-list--name {
        text-style: bold;
    }
    ContactList > .contact-list--organization {
        color: $text-muted;
    }
    ContactList > .contact-list--email {
        color: $text-muted;
        text-style: italic;
    }
    ContactList > .contact-list--match {
        color: $text-accent;
        text-style: bold underline;
    }
    ContactList > .contact-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    ContactList:focus > .contact-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ContactList:nocolor > .contact-list--cursor {
        text-style: reverse;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "contact-list--name",
        "contact-list--organization",
        "contact-list--email",
        "contact-list--match",
        "contact-list--cursor",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Show records", id="contact-list.choose"),
        Binding("up", "cursor_up", "Up", show=False, id="contact-list.up"),
        Binding("down", "cursor_down", "Down", show=False, id="contact-list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="contact-list.k"),
        Binding("j", "cursor_down", "Down", show=False, id="contact-list.j"),
        Binding("pageup", "page_up", "Page up", show=False, id="contact-list.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="contact-list.page-down"),
        Binding("home", "first", "First", show=False, id="contact-list.first"),
        Binding("end", "last", "Last", show=False, id="contact-list.last"),
    ]

    @dataclass
    class ContactHighlighted(Message):
        """The cursor moved to another contact (None when the list is empty)."""

        contact_list: ContactList
        contact: Contact | None

        @property
        def control(self) -> ContactList:
            """The list that sent the message."""
            return self.contact_list

        def can_replace(self, message: Message) -> bool:
            """A newer message of the same kind makes this one pointless (a fast scroll)."""
            return isinstance(message, ContactList.ContactHighlighted)

    @dataclass
    class ContactChosen(Message):
        """Enter (or a click on the highlighted row) chose a contact."""

        contact_list: ContactList
        contact: Contact

        @property
        def control(self) -> ContactList:
            """The list that sent the message."""
            return self.contact_list

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.contacts: list[Contact] = []
        self.answered = ""
        """The search the shown contacts answer."""
        self._match_words: list[str] = []

    @property
    def row_count(self) -> int:
        """How many contacts are shown."""
        return len(self.contacts)

    @property
    def highlighted(self) -> Contact | None:
        """The contact under the cursor, or None when the list is empty."""
        if 0 <= self.cursor_row < len(self.contacts):
            return self.contacts[self.cursor_row]
        return None

    def show(self, contacts: list[Contact], query: str, cursor: int = 0) -> None:
        """Show `contacts`, the answer to `query`, with the cursor on index `cursor`."""
        self.contacts = contacts
        self.answered = query
        self._match_words = [word for word in query.split() if word.strip()]
        self._rows_replaced(self.size.width, cursor)

    def _announce(self) -> None:
        self.post_message(self.ContactHighlighted(self, self.highlighted))

    def action_choose(self) -> None:
        """Choose the highlighted contact."""
        contact = self.highlighted
        if contact is not None:
            self.post_message(self.ContactChosen(self, contact))

    def _row_clicked(self, row: int, clicks: int) -> None:
        """A click highlights a contact; a double click on the highlighted one chooses it."""
        if row == self.cursor_row and clicks > 1:
            self.action_choose()
        self.cursor_row = row

    @on(events.Resize)
    def _resized(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.contacts))
        self._scroll_cursor_into_view()

    def render_line(self, y: int) -> Strip:
        """Draw the row at screen line `y` (scrolled), from the strip cache when it can."""
        width = self.scrollable_content_region.width
        row = y + self.scroll_offset.y
        if not 0 <= row < len(self.contacts):
            return Strip.blank(width, self.rich_style)
        is_cursor = row == self.cursor_row
        key = (
            row,
            contact_key(self.contacts[row]),
            is_cursor,
            width,
            self.has_focus,
            self.app.theme,
        )
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(self.contacts[row], is_cursor, width)
            self._strips[key] = strip
        return strip.apply_offsets(0, row)

    def _render_row(self, contact: Contact, is_cursor: bool, width: int) -> Strip:
        """One contact as a line, padded or cut (with an ellipsis) to `width` cells."""
        if width <= 0:
            return Strip.blank(0)
        base = self.rich_style
        if is_cursor:
            base = base + self.get_component_rich_style("contact-list--cursor")
        row = self.row_text(contact, base)
        row.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(row.render(self.app.console)), width)

    def row_text(self, contact: Contact, base: Style | str = "") -> Text:
        """The text of a contact's row over style `base`, parts styled, search words highlighted."""
        name = visible(contact.display_name, limit=DISPLAY_LIMIT)
        parts: list[tuple[str, Style]] = [(name, self._style("contact-list--name"))]
        if contact.organization and contact.organization != contact.display_name:
            parts.append(
                (
                    visible(contact.organization, limit=DISPLAY_LIMIT),
                    self._style("contact-list--organization"),
                )
            )
        if contact.email:
            parts.append(
                (visible(contact.email, limit=DISPLAY_LIMIT), self._style("contact-list--email"))
            )
        row = Text(no_wrap=True, end="", style=base)
        for index, (part, style) in enumerate(parts):
            if index:
                row.append(COLUMN_GAP)
            row.append(part, style)
        if self._match_words:
            row.highlight_words(
                self._match_words, self._style("contact-list--match"), case_sensitive=False
            )
        return row

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)
