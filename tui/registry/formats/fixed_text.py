"""IANA's fixed-width plain text (`service-names-port-numbers.txt`, e.g. the 2013 copy).

The file is IANA's web page laid out by a text browser: a preamble (title, Last Updated,
Expert(s), Note), the records table under a header that spans lines ("Transport" above
"Protocol", "Known" / "Unauthorized" / "Uses" over three), then a "People" table of contacts
and footnotes. Columns are found from the header and the data (`text_columns`), a wrapped
cell's lines are gathered into its row (`text_rows`) and joined with single spaces; a blank
line inside a cell (a double break on the page) is kept as a newline, as IANA's CSV has it. A
single break looks just like a wrap, so it becomes a space too: "Defined TXT keys:" lists
come out on one line.
"""

from __future__ import annotations

import re

from tui.registry.formats.fixed_text_meta import read_preamble
from tui.registry.formats.fixed_text_table import (
    LineKind,
    TableSpec,
    Vocabulary,
    header_at,
    only_header_words,
    read_rows,
)
from tui.registry.formats.text import STRAY_BYTES, text_encoding
from tui.registry.model import Contact, Record, Registry, RegistryError

_RECORD_WORDS: Vocabulary = {
    b"Service": ("service_name", "service_code"),
    b"Name": ("service_name",),
    b"Port": ("port_number",),
    b"Number": ("port_number",),
    b"Transport": ("transport_protocol",),
    b"Protocol": ("transport_protocol",),
    b"Description": ("description",),
    b"Assignee": ("assignee",),
    b"Contact": ("contact",),
    b"Registration": ("registration_date",),
    b"Modification": ("modification_date",),
    b"Date": ("registration_date", "modification_date"),
    b"Reference": ("reference",),
    b"Code": ("service_code",),
    b"Known": ("unauthorized_use_reported",),
    b"Unauthorized": ("unauthorized_use_reported",),
    b"Uses": ("unauthorized_use_reported",),
    b"Use": ("unauthorized_use_reported",),
    b"Reported": ("unauthorized_use_reported",),
    b"Assignment": ("assignment_notes",),
    b"Notes": ("assignment_notes",),
}
"""Header words of the records table -> the record field(s) each may name."""

_PEOPLE_WORDS: Vocabulary = {
    b"ID": ("id",),
    b"Name": ("name",),
    b"Organization": ("organization",),
    b"Contact": ("uri",),
    b"URI": ("uri",),
    b"Last": ("updated",),
    b"Updated": ("updated",),
}
"""Header words of the People table -> the contact field each names."""

_RECORD_HEADER_RE = re.compile(rb"Service Name +Port Number")
_PEOPLE_HEADER_RE = re.compile(rb"^ *ID +Name +Organization\b")
_REQUIRED = ("service_name", "port_number", "transport_protocol")
_SECTION_TITLES = {b"People", b"Footnote", b"Footnotes", b"Contact Information", b"Contacts"}
_PORT_RE = re.compile(rb"\d+(?:-\d+)?")
_PROTOCOL_RE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*")
_SERVICE_NAME_RE = re.compile(rb"[A-Za-z0-9][A-Za-z0-9+._/*-]*")
_CONTACT_ID_RE = re.compile(rb"\[([^\[\]]+)\]")


def parse(data: bytes, source: str) -> Registry:
    """Parse IANA's fixed-width plain-text registry: records, People table, preamble.

    Raises:
        RegistryError: no records header ("Service Name  Port Number  Protocol ..."), a header
            without name, port and protocol columns, or a header with no records under it.
    """
    lines = _split_lines(data)
    encoding = text_encoding(data)
    main = next((i for i, line in enumerate(lines) if _RECORD_HEADER_RE.search(line)), None)
    if main is None:
        raise RegistryError(source, "no records header (Service Name / Port Number) found")
    header = header_at(lines, main, _RECORD_WORDS)
    missing = [name for name in _REQUIRED if name not in header.fields]
    if missing:
        raise RegistryError(
            source, f"records header lacks a column for {', '.join(missing)}", main + 1
        )
    registry = Registry()
    read_preamble([line.decode(encoding, STRAY_BYTES) for line in lines[: header.first]], registry)

    people_main = next(
        (i for i in range(header.last + 1, len(lines)) if _PEOPLE_HEADER_RE.match(lines[i])), None
    )
    end = _section_end(lines, header.last + 1, people_main)
    for _, values in read_rows(lines, header, end, _RECORDS, registry, encoding):
        registry.records.append(Record.from_fields(values))
    if not registry.records:
        raise RegistryError(source, "records header found but no records under it", main + 1)

    if people_main is not None:
        people_header = header_at(lines, people_main, _PEOPLE_WORDS)
        if "id" in people_header.fields:
            people_end = _section_end(lines, people_header.last + 1, None)
            for _, values in read_rows(
                lines, people_header, people_end, _PEOPLE, registry, encoding
            ):
                contact = _contact(values)
                registry.contacts.setdefault(contact.id, contact)
    return registry


def _split_lines(data: bytes) -> list[bytes]:
    """Byte lines without BOM or line ends, tabs expanded (the layout counts in bytes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return [line.expandtabs() if b"\t" in line else line for line in data.split(b"\n")]


def _section_end(lines: list[bytes], start: int, limit: int | None) -> int:
    """Where a table's body ends: a section title after a blank line, the next table's
    header (limit), or the end of the file."""
    stop = len(lines) if limit is None else limit
    for index in range(start, stop):
        if lines[index].strip() in _SECTION_TITLES and not lines[index - 1].strip():
            return index
    if limit is not None:
        while stop > start and only_header_words(lines[stop - 1], _PEOPLE_WORDS):
            stop -= 1
    return stop


def _classify_record_line(cells: dict[str, bytes]) -> LineKind:
    """A record's anchor holds its port or protocol, or (registered without either) a
    service-name-shaped name beside other cells; a wrapped historic name such as
    "Apple Remote / Desktop (Net / Assistant)" continues over lines that are neither."""
    port = cells.get("port_number", b"")
    protocol = cells.get("transport_protocol", b"")
    if port or protocol:
        if (port and not _PORT_RE.fullmatch(port)) or (
            protocol and not _PROTOCOL_RE.fullmatch(protocol)
        ):
            return LineKind.UNREADABLE
        return LineKind.ANCHOR
    name = cells.get("service_name", b"")
    beside = any(value for field, value in cells.items() if field != "service_name")
    if name and beside and _SERVICE_NAME_RE.fullmatch(name):
        return LineKind.ANCHOR
    return LineKind.CONTINUATION


def _classify_contact_line(cells: dict[str, bytes]) -> LineKind:
    """A contact's anchor holds its bracketed id; a line with other text in the id column is
    unreadable."""
    contact_id = cells.get("id", b"")
    if not contact_id:
        return LineKind.CONTINUATION
    return LineKind.ANCHOR if _CONTACT_ID_RE.fullmatch(contact_id) else LineKind.UNREADABLE


def _contact(values: dict[str, str]) -> Contact:
    """A People row (its id cell is bracketed: the anchor test made sure) as a Contact.

    A contact with two URIs has them on two lines: both are kept.
    """
    uris = tuple(values.get("uri", "").split())
    return Contact(
        id=values.get("id", "")[1:-1],
        name=values.get("name", ""),
        organization=values.get("organization", ""),
        updated=values.get("updated", ""),
        uris=uris,
    )


_RECORDS = TableSpec(
    words=_RECORD_WORDS,
    classify=_classify_record_line,
    twin_fields=("service_name", "port_number"),
    key_field="service_name",
    id_fields=frozenset({"assignee", "contact", "reference"}),
    repeats=_RECORD_HEADER_RE,
)
_PEOPLE = TableSpec(
    words=_PEOPLE_WORDS,
    classify=_classify_contact_line,
    # The same person twice ([Steven_Emmerson], [Steven_Emmerson2]) is laid out alike.
    twin_fields=("name", "organization"),
    key_field="id",
)
