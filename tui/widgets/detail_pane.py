"""The detail pane: every field of the highlighted record, and the links it leads to.

The fields are one static block; people, references and related records are options of a
list, so they can be chosen with the keyboard or the mouse. Choosing one posts a request
message; the screen decides what happens.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.registry.model import Record, Registry
from tui.widgets.detail_text import DetailLink, detail_links, fields_grid, title_text

LINKS_HEADING = "Links · Tab to reach them, Enter to follow"
FIRST_WIDTH = 60
"""The fields' width before the pane is laid out (drawn again once it is)."""


def renderable_text(renderable: RenderableType, console: Console, width: int) -> Text:
    """What `renderable` draws at `width` cells, as one `Text` (styles kept, not rewrapped)."""
    options = console.options.update_width(max(1, width))
    text = Text(no_wrap=True, overflow="crop", end="")
    for number, line in enumerate(console.render_lines(renderable, options, pad=False)):
        if number:
            text.append("\n")
        for segment in line:
            if not segment.control:
                text.append(segment.text, segment.style)
    return text


class SelectableFields(Static):
    """A Rich renderable (the fields grid) drawn as styled `Text` for its width: selectable.

    Textual selects text, not tables: the grid's lines are turned into one `Text`, again
    whenever the width changes.
    """

    ALLOW_SELECT = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source: RenderableType = Text()
        self._width = 0

    def show(self, renderable: RenderableType) -> None:
        """Draw `renderable` from now on."""
        self._source = renderable
        self._width = 0
        self._redraw()

    @on(events.Resize)
    def _redraw(self) -> None:
        width = self.content_size.width or FIRST_WIDTH
        if width != self._width:
            self._width = width
            self.update(renderable_text(self._source, self.app.console, width))


class DetailPane(VerticalScroll, can_focus=False):
    """Shows one record in full; `record` is the record shown (None: nothing highlighted).

    The pane itself takes no focus: Tab goes straight to its first link, highlighted. Its
    text can be selected with the mouse (and copied) like any text.
    """

    ALLOW_SELECT = True

    @dataclass
    class OpenContact(Message):
        """The user chose a person: show the contacts screen on this contact id."""

        pane: DetailPane
        contact_id: str

        @property
        def control(self) -> DetailPane:
            """The pane that sent the message."""
            return self.pane

    @dataclass
    class OpenUrl(Message):
        """The user chose a reference link."""

        pane: DetailPane
        url: str

        @property
        def control(self) -> DetailPane:
            """The pane that sent the message."""
            return self.pane

    @dataclass
    class OpenRecord(Message):
        """The user chose a related record (another protocol, an alias)."""

        pane: DetailPane
        record: Record

        @property
        def control(self) -> DetailPane:
            """The pane that sent the message."""
            return self.pane

    def __init__(self, registry: Registry, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.registry = registry
        self.record: Record | None = None
        self.links: list[DetailLink] = []

    def compose(self) -> ComposeResult:
        """The fields block, then the list of links under a line saying how to follow them."""
        yield SelectableFields(id="detail-fields")
        yield Static(Text(LINKS_HEADING), id="detail-links-heading")
        yield OptionList(id="detail-links")

    def show_record(self, record: Record | None) -> None:
        """Show `record` in full (None: say that nothing is selected)."""
        if record is self.record and record is not None:
            return
        self.record = record
        fields = self.query_one("#detail-fields", SelectableFields)
        options = self.query_one("#detail-links", OptionList)
        heading = self.query_one("#detail-links-heading", Static)
        options.clear_options()
        if record is None:
            self.links = []
            fields.show(Text("No record selected."))
            options.display = heading.display = False
            return
        self.links = detail_links(record, self.registry)
        fields.show(Group(title_text(record), fields_grid(record, self.registry)))
        options.add_options(Option(link.label) for link in self.links)
        if self.links:
            options.highlighted = 0  # Tab lands on the first link, and Enter follows it
        options.display = heading.display = bool(self.links)
        self.scroll_home(animate=False)

    @property
    def focused_url(self) -> str | None:
        """The reference link highlighted in the links list while it has the focus, else None."""
        options = self.query_one("#detail-links", OptionList)
        index = options.highlighted
        if options.has_focus and index is not None and self.links[index].kind == "url":
            return str(self.links[index].target)
        return None

    @property
    def plain_text(self) -> str:
        """What the pane shows, as plain text (wide enough that nothing wraps)."""
        if self.record is None:
            return "No record selected."
        console = Console(file=io.StringIO(), width=400, color_system=None, legacy_windows=False)
        console.print(title_text(self.record))
        console.print(fields_grid(self.record, self.registry))
        for link in self.links:
            console.print(link.label)
        return console.file.getvalue()  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#detail-links")
    def _follow_link(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        link = self.links[event.option_index]
        if link.kind == "contact":
            self.post_message(self.OpenContact(self, str(link.target)))
        elif link.kind == "url":
            self.post_message(self.OpenUrl(self, str(link.target)))
        elif isinstance(link.target, Record):
            self.post_message(self.OpenRecord(self, link.target))
