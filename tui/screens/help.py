"""HelpScreen: every key of the browser with what it does, and the query language in brief.

The app passes its bindings as (key, description) pairs, so the list cannot drift from what
the keys really do. Esc, q or ? closes it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.styles_path import stylesheet

QUERY_LANGUAGE: tuple[tuple[str, str], ...] = (
    ("secure shel", "words search names, descriptions, notes and references; typos are fine"),
    ("8443  22/tcp", "a port (also inside a range), with or without its protocol"),
    ("tcp/22  22,443", "ports as firewalls write them: exactly those, in that order"),
    ("6000-6063", "ports in a range: every entry that overlaps it"),
    ("rdp", "names engineers use that IANA's records do not"),
    ("port:22", "only this port (or range)"),
    ("proto:udp  tcp", "only this transport protocol (also udp, sctp, dccp alone)"),
    ("name:http", "only service names matching"),
    ("by:postel", "assignee or contact, by id, name or organization"),
    ('by:"Jon Postel"', "a value with spaces goes in double quotes"),
    ("ref:rfc6335", "only entries citing this reference"),
    ("status:unassigned", "assigned, unassigned, reserved or alias"),
)
"""Query examples and what they do, for the second half of the help."""
COMBINED_EXAMPLE = "proto:tcp by:ietf 5000-5999"
"""Qualifiers combined, in the help's last line (every example answers on the bundled registry)."""


def key_display(key: str) -> str:
    """A binding's key as people read it: "ctrl+q" -> "^q", "question_mark" -> "?".

    Comma-separated alternatives ("k,up") become "k / ↑"; text that is already readable
    (such as "↑↓") is shown as given.
    """
    shown = []
    for alternative in key.split(","):
        alternative = alternative.strip()
        if not alternative:
            continue
        *modifiers, name = alternative.split("+") if len(alternative) > 1 else [alternative]
        name = format_key(name) if name else "+"
        if "ctrl" in modifiers:
            modifiers.remove("ctrl")
            name = f"^{name}"
        shown.append("+".join([*modifiers, name]))
    return " / ".join(shown)


def two_columns(
    rows: list[tuple[str, str]] | tuple[tuple[str, str], ...], left_width: int | None = None
) -> Table:
    """A borderless two-column grid: left column bold (at least `left_width`), right wrapped."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True, min_width=left_width)
    grid.add_column(overflow="fold")
    for left, right in rows:
        grid.add_row(Text(left), Text(right))
    return grid


class HelpScreen(ModalScreen[None]):
    """A modal listing every key binding passed in, then the query language."""

    CSS_PATH = stylesheet("help.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def __init__(
        self,
        bindings: list[tuple[str, str]],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.bindings = list(bindings)
        """The (key, description) pairs listed, in the order given."""

    def compose(self) -> ComposeResult:
        """The keys, then the query language, in one scrolling panel."""
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys", style="bold underline"), classes="help-heading")
            keys = [(key_display(key), description) for key, description in self.bindings]
            # One width for both lists' left column, so the two read as one table.
            left = max(len(left) for left, _ in [*keys, *QUERY_LANGUAGE])
            yield Static(two_columns(keys, left), id="help-keys")
            yield Static(Text("Searching", style="bold underline"), classes="help-heading")
            yield Static(two_columns(QUERY_LANGUAGE, left), id="help-query")
            yield Static(
                Text(f"Qualifiers combine: {COMBINED_EXAMPLE}.  Esc, q or ? closes."),
                id="help-footnote",
            )

    @on(events.Mount)
    def _title_border(self) -> None:
        self.query_one("#help-body").border_title = "Help"

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
