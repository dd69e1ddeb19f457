"""The search bar: one line of query input at the top of the browser.

`SafeInput` is an Input whose typed and pasted text has its control characters made visible:
a pasted line (from a web page, a log, or a record copied with `y`, which puts the record's
own text on the clipboard) can hold escape sequences, and an Input draws its value as it is.
"""

from __future__ import annotations

from textual.widgets import Input

from tui.safe import visible

PLACEHOLDER = "Search: a name, a port, 6000-6063, words, tcp, by:postel, ref:rfc6335…"


class SafeInput(Input):
    """An Input that never draws a control character: what comes in is made visible first."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace the text between `start` and `end`; typing, pasting and `insert` come here."""
        super().replace(visible(text), start, end)


class SearchBar(SafeInput):
    """The query input; the screen searches on every change."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
