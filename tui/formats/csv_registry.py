"""IANA's CSV: one record a row under IANA's header; no contact table.

Quoted cells may hold newlines; the bytes may carry a BOM, CRLF line ends, or not be UTF-8 at
all (cp1252/latin-1 fallback). Text IANA itself mis-encoded (`Ari√´n`) is kept as it is.
`write` produces IANA's own layout, so a CSV read and written again is the same file.
"""

from __future__ import annotations

import csv
import io
from typing import IO, Iterable

from ..model import CSV_HEADER, FIELDS, Record, Registry, RegistryError
from .text import decode_text

_HEADER_KEYS = tuple(h.lower() for h in CSV_HEADER)


def parse(data: bytes, source: str) -> Registry:
    """Parse IANA's CSV bytes into a Registry (contacts empty).

    Raises:
        RegistryError: no IANA header, or a quoted cell never closed.
    """
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    registry = Registry()
    try:
        header = next(reader, None)
        if header is None:
            raise RegistryError(source, "file is empty")
        keys = tuple(cell.strip().lower() for cell in header)
        if keys[:3] != _HEADER_KEYS[:3]:
            raise RegistryError(
                source, "CSV header is not IANA's (expected Service Name,Port Number,...)", 1
            )
        columns = [keys.index(k) if k in keys else None for k in _HEADER_KEYS]
        row: list[str] = list(header)
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) < 3 or len(row) > len(header):
                # Too few cells to be an entry, or more than IANA's columns: not a record.
                registry.skip(reader.line_num)
                continue
            values = {
                name: (row[index] if index is not None and index < len(row) else "")
                for name, index in zip(FIELDS, columns)
            }
            registry.records.append(Record.from_fields(values))
    except csv.Error as error:
        raise RegistryError(source, f"malformed CSV: {error}", reader.line_num) from None
    if _unclosed_quote(text):
        raise RegistryError(source, "CSV ends inside a quoted cell (file cut off?)", reader.line_num)
    if text and not text.endswith(("\n", "\r")):
        if len(row) < len(header):
            raise RegistryError(
                source, "last CSV row is incomplete (file cut off?)", reader.line_num
            )
    if not registry.records:
        raise RegistryError(source, "CSV has IANA's header but no records")
    return registry


def _unclosed_quote(text: str) -> bool:
    """True when the text ends inside a quoted cell (an odd number of quote characters)."""
    return text.count('"') % 2 == 1


def write(records: Iterable[Record], out: IO[str]) -> None:
    """Write records as IANA's CSV: its header, its column order, minimal quoting, LF ends."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for record in records:
        row = record.to_row()
        if any("\r" in cell for cell in row):
            out.write(_row_with_quoted_cr(row))
        else:
            writer.writerow(row)


def _row_with_quoted_cr(row: list[str]) -> str:
    """One row whose cells hold a carriage return, quoted so it reads back unchanged.

    The csv module quotes only the characters of its own line terminator: with IANA's "\n", a
    lone "\r" would be written bare and lost on reading. A "\r\n" writer quotes both; its
    line end is then put back to IANA's "\n".
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    return buffer.getvalue()[:-2] + "\n"
