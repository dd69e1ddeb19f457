"""The search bar: one line of query input at the top of the browser.

`SafeInput` is an Input whose typed and pasted text has its control characters made visible:
a pasted line (from a web page, a log, or a record copied with `y`, which puts the record's
own text on the clipboard) can hold escape sequences, and an Input draws its value as it is.
`SearchBar` also caps the query at `MAX_QUERY` characters: a paste that a terminal without
bracketed paste types out key by key stops growing there, and the bar says so on its border.
"""

from __future__ import annotations

from textual.widgets import Input

from tui.safe import visible

PLACEHOLDER = "Search: a name, a port, 6000-6063, words, tcp, by:postel, ref:rfc6335…"

MAX_QUERY = 1_000
"""The longest query the search bar holds (IANA's longest description is about 1,500
characters; nobody types a query this long on purpose)."""

CUT_NOTE = f"only the first {MAX_QUERY:,} characters are searched"
"""What the bar's border says while text beyond `MAX_QUERY` is being dropped."""


class SafeInput(Input):
    """An Input that never draws a control character: what comes in is made visible first."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace the text between `start` and `end`; typing, pasting and `insert` come here."""
        super().replace(visible(text), start, end)


class SearchBar(SafeInput):
    """The query input; the screen searches on every change."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)

    @property
    def is_cut(self) -> bool:
        """True while the bar shows that text beyond `MAX_QUERY` characters was dropped."""
        return self.has_class("-cut")

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace the text between `start` and `end`, keeping the query to `MAX_QUERY`
        characters: what does not fit is dropped (a dropped keystroke costs nothing)."""
        shown = visible(text)
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        room = MAX_QUERY - (len(value) - (end - start))
        if len(shown) > room:
            shown = shown[: max(0, room)]
            self._show_cut(True)
            if not shown and start == end:
                return
        super().replace(shown, start, end)

    def validate_value(self, value: str) -> str:
        """A value set in code (not typed) is held to `MAX_QUERY` characters too."""
        if len(value) > MAX_QUERY:
            self._show_cut(True)
            return value[:MAX_QUERY]
        return value

    def watch_value(self, value: str) -> None:
        """The note goes once the query is shorter than the cap again."""
        if len(value) < MAX_QUERY:
            self._show_cut(False)

    def _show_cut(self, cut: bool) -> None:
        if cut != self.is_cut:
            self.set_class(cut, "-cut")
            self.border_subtitle = CUT_NOTE if cut else None
