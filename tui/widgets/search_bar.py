"""The search bar: one line of query input at the top of the browser."""

from __future__ import annotations

from textual.widgets import Input

PLACEHOLDER = "Search: a name, a port, 6000-6063, words, tcp, by:postel, ref:rfc6335…"


class SearchBar(Input):
    """The query input; the screen searches on every change."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
