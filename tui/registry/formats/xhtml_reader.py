"""The parts of an HTML page a registry reader needs: tables, definition list, title.

`PageReader` is an `html.parser.HTMLParser` that keeps every table's header cells and rows of
cell texts, the definition list's (term, description) pairs, the page's first heading and its
<title>. It is forgiving as browsers are: a cell or row left open is closed by the next one.

Cell text follows IANA's CSV: a `<br/>` is a newline, and so is a run of `<br/>`s and source
line ends next to one ("whois++<br/><br/>\\nIANA assigned…" is "whois++\\nIANA assigned…" in
the CSV); other text, indentation after a break included, is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BREAK = None
"""Marks a <br/> among a cell's text parts."""

_LEADING_BREAK_RE = re.compile(r"[ \t\n]*\n")


@dataclass(slots=True)
class HtmlTable:
    """A table: the line it starts on, its header cells, its data rows as (line, cell texts)."""

    line: int
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    line: int
    cells: list[str] = field(default_factory=list)
    header_cells: int = 0


def cell_text(parts: list[str | None]) -> str:
    """Join a cell's text parts and breaks (None) as IANA's CSV shows the text."""
    out: list[str] = []
    pending_break = False
    for part in parts:
        if part is _BREAK:
            pending_break = bool(out)
            continue
        if pending_break:
            match = _LEADING_BREAK_RE.match(part)
            if match:
                part = part[match.end() :]
            if not part.strip():
                continue
            out.append("\n")
            pending_break = False
        out.append(part)
    return "".join(out).strip()


class PageReader(HTMLParser):
    """Collects tables, definitions, the first <h1> and the <title> of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []
        self.definitions: list[tuple[str, str]] = []
        self.heading = ""
        self.title = ""
        self._open_tables: list[HtmlTable] = []
        self._row: _Row | None = None
        self._cell: list[str | None] | None = None
        self._cell_is_header = False
        self._captures: dict[str, list[str | None]] = {}
        self._term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a table, row or cell (closing one left open), note a break, start a capture."""
        if tag == "table":
            self._close_row()
            table = HtmlTable(self.getpos()[0])
            self._open_tables.append(table)
            self.tables.append(table)
        elif tag == "tr" and self._open_tables:
            self._close_row()
            self._row = _Row(self.getpos()[0])
        elif tag in ("td", "th") and self._open_tables:
            self._close_cell()
            if self._row is None:
                self._row = _Row(self.getpos()[0])
            self._cell = []
            self._cell_is_header = tag == "th"
        elif tag == "br":
            self._add(_BREAK)
        elif tag in ("dt", "dd", "h1", "title"):
            self._captures[tag] = []

    def handle_endtag(self, tag: str) -> None:
        """Close a table, row or cell; file a captured term, definition, heading or title."""
        if tag == "table" and self._open_tables:
            self._close_row()
            self._open_tables.pop()
        elif tag == "tr":
            self._close_row()
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag in self._captures:
            # Definitions are prose laid out in <pre>: trailing blanks carry nothing.
            lines = cell_text(self._captures.pop(tag)).split("\n")
            text = "\n".join(line.rstrip() for line in lines)
            if tag == "dt":
                self._term = text
            elif tag == "dd" and self._term:
                self.definitions.append((self._term, text))
                self._term = ""
            elif tag == "h1" and not self.heading:
                self.heading = text
            elif tag == "title" and not self.title:
                self.title = text

    def handle_data(self, data: str) -> None:
        """Text goes to the open cell and to every open capture."""
        self._add(data)

    def _add(self, part: str | None) -> None:
        if self._cell is not None:
            self._cell.append(part)
        for parts in self._captures.values():
            parts.append(part)

    def _close_cell(self) -> None:
        if self._cell is None or self._row is None:
            self._cell = None
            return
        self._row.cells.append(cell_text(self._cell))
        self._row.header_cells += self._cell_is_header
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        row, self._row = self._row, None
        if row is None or not self._open_tables:
            return
        table = self._open_tables[-1]
        if row.cells and row.header_cells == len(row.cells):
            if not table.header:
                table.header = row.cells
            return
        table.rows.append((row.line, row.cells))
