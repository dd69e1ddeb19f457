"""IANA's XHTML page (`service-names-port-numbers.xhtml`): the records table and the people table.

Read with the standard library's `html.parser`, which takes the page as it comes (XHTML or
sloppy HTML alike). Cells are read the way IANA's CSV shows the same text: a link becomes its
text (`[<a href="…/rfc6335">RFC6335</a>]` -> `[RFC6335]`, `[<a href="#Jon_Postel">…` ->
`[Jon_Postel]`), `&amp;` becomes `&` (IANA writes `&` for `@` in e-mail addresses), and a
`<br/>` becomes a newline. The page's definition list gives the title, Last Updated,
Expert(s) and Note.
"""

from __future__ import annotations

import re

from tui.registry.formats.text import decode_text, normalize_newlines
from tui.registry.formats.xhtml_reader import HtmlTable, PageReader
from tui.registry.model import Contact, Record, Registry, RegistryError

_RECORD_COLUMNS = {
    "service name": "service_name",
    "port number": "port_number",
    "transport protocol": "transport_protocol",
    "protocol": "transport_protocol",
    "description": "description",
    "assignee": "assignee",
    "contact": "contact",
    "registration date": "registration_date",
    "modification date": "modification_date",
    "reference": "reference",
    "service code": "service_code",
    "known unauthorized uses": "unauthorized_use_reported",
    "unauthorized use reported": "unauthorized_use_reported",
    "assignment notes": "assignment_notes",
}
"""Header cells of the records table (lower case, spaces collapsed) -> record fields."""

_PEOPLE_COLUMNS = {
    "id": "id",
    "name": "name",
    "organization": "organization",
    "contact uri": "uri",
    "uri": "uri",
    "last updated": "updated",
    "updated": "updated",
}
"""Header cells of the people table -> contact fields."""

_METADATA = {
    "last updated": "updated",
    "expert(s)": "experts",
    "experts": "experts",
    "note": "notes",
    "notes": "notes",
}
"""Terms of the page's definition list -> Registry attributes."""

_BRACKETED_ID_RE = re.compile(r"\[([^\[\]]+)\]")


def parse(data: bytes, source: str) -> Registry:
    """Parse IANA's XHTML registry page: records, people, title and definition list.

    Raises:
        RegistryError: markup the HTML parser gives up on, no table headed "Service Name" /
            "Port Number", or such a table without rows.
    """
    reader = PageReader()
    try:
        reader.feed(normalize_newlines(decode_text(data)))
        reader.close()
    except AssertionError as error:
        # html.parser reports a malformed declaration (`<![…`, `<!DOCTYPE … [`) this way.
        raise RegistryError(source, f"malformed markup: {error}", reader.getpos()[0]) from None
    registry = Registry()
    registry.title = reader.heading or reader.title
    for term, text in reader.definitions:
        attribute = _METADATA.get(_label(term))
        if attribute == "notes" and registry.notes:
            registry.notes += "\n\n" + text
        elif attribute:
            setattr(registry, attribute, text)

    records_table = _find_table(reader.tables, _RECORD_COLUMNS, ("service_name", "port_number"))
    if records_table is None:
        raise RegistryError(source, "no records table (headed Service Name, Port Number) found")
    for line, values in _rows(records_table, _RECORD_COLUMNS, registry):
        if any(values.values()):
            registry.records.append(Record.from_fields(values))
        else:
            registry.skip(line)
    if not registry.records:
        raise RegistryError(source, "records table has no records", records_table.line)

    people_table = _find_table(reader.tables, _PEOPLE_COLUMNS, ("id",))
    if people_table is not None:
        for line, values in _rows(people_table, _PEOPLE_COLUMNS, registry):
            contact = _contact(values)
            if contact is None:
                registry.skip(line)
            else:
                registry.contacts.setdefault(contact.id, contact)
    return registry


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def _find_table(
    tables: list[HtmlTable], columns: dict[str, str], required: tuple[str, ...]
) -> HtmlTable | None:
    """The first table whose header names all the required fields."""
    for table in tables:
        fields = {columns.get(_label(cell)) for cell in table.header}
        if all(field in fields for field in required):
            return table
    return None


def _rows(
    table: HtmlTable, columns: dict[str, str], registry: Registry
) -> list[tuple[int, dict[str, str]]]:
    """The table's rows as (line, field -> text), fields named by the header.

    A row with more cells than the header (the people table has one with two URIs) keeps the
    header's columns for its first cells and its last cell for the last column; the cells in
    between are dropped.
    """
    fields = [columns.get(_label(cell)) for cell in table.header]
    width = len(fields)
    rows = []
    for line, cells in table.rows:
        if not cells:
            registry.skip(line)
            continue
        # Fewer cells than columns: the missing ones are empty (zip stops early).
        if len(cells) > width:
            cells = cells[: width - 1] + cells[-1:]
        values = {field: text for field, text in zip(fields, cells, strict=False) if field}
        rows.append((line, values))
    return rows


def _contact(values: dict[str, str]) -> Contact | None:
    """A people-table row as a Contact; None when it has no id."""
    cell = values.get("id", "")
    match = _BRACKETED_ID_RE.fullmatch(cell)
    contact_id = match.group(1).strip() if match else cell.strip()
    if not contact_id:
        return None
    return Contact(
        id=contact_id,
        name=values.get("name", ""),
        organization=values.get("organization", ""),
        updated=values.get("updated", ""),
        uris=tuple(values.get("uri", "").split()),
    )
