"""IANA's CSV: one record a row under IANA's header; no contact table.

Quoted cells may hold newlines; the bytes may carry a BOM, CRLF line ends (a file converted
to CRLF has its cells' newlines turned back to IANA's LF), or not be UTF-8 at all
(cp1252/latin-1 fallback). Text IANA itself mis-encoded (`Ari√´n`) is kept as it is. A file
cut off inside a quoted cell or a row is an error; a row that cannot be read is skipped and
counted. `write` produces IANA's own layout, so IANA's CSV read and written again is the
same file, byte for byte.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO

from tui.registry.formats.text import decode_text
from tui.registry.model import CSV_HEADER, Record, Registry, RegistryError

_HEADER_KEYS = tuple(h.lower() for h in CSV_HEADER)


def parse(data: bytes, source: str) -> Registry:
    """Parse IANA's CSV bytes into a Registry (contacts empty).

    A row the reader cannot make sense of (a quote closed in mid-cell, too few or too many
    cells) is skipped and counted; the rows after it are read as usual.

    Raises:
        RegistryError: no IANA header, no records, or a file cut off (inside a quoted cell or
            in the middle of its last row).
    """
    text = decode_text(data)
    # A file whose header ends in CRLF was converted wholesale (IANA writes LF): the newlines
    # inside its quoted cells were converted too, so they are put back to IANA's LF.
    first_newline = text.find("\n")
    converted_crlf = first_newline > 0 and text[first_newline - 1] == "\r"
    # strict: a file ending inside a quoted cell is an error, not a silently shortened cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    registry = Registry()
    header = _read_header(reader, source)
    columns = _column_indexes(header)
    width = len(header)
    # IANA's own file: every row maps straight onto Record's fields, no per-cell look-up.
    in_iana_order = columns == list(range(len(columns))) and width == len(columns)
    row: list[str] = header
    while True:
        row_start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if "end of data" in str(error):
                raise RegistryError(
                    source, "CSV ends inside a quoted cell begun here (file cut off?)", row_start
                ) from None
            registry.skip(reader.line_num)
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) < 3 or len(row) > width:
            # Too few cells to be an entry, or more than IANA's columns: not a record.
            registry.skip(reader.line_num)
            continue
        if converted_crlf:
            row = [cell.replace("\r\n", "\n") for cell in row]
        cells = len(row)
        if in_iana_order and cells == width:
            registry.records.append(Record.from_row(row))
        else:
            registry.records.append(
                Record.from_row([row[i] if i is not None and i < cells else "" for i in columns])
            )
    if text and not text.endswith(("\n", "\r")) and len(row) < width:
        raise RegistryError(source, "last CSV row is incomplete (file cut off?)", reader.line_num)
    if not registry.records:
        raise RegistryError(source, "CSV has IANA's header but no records")
    return registry


def _read_header(reader: Iterator[list[str]], source: str) -> list[str]:
    """The header row, checked to be IANA's (its first three columns, in order)."""
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise RegistryError(source, f"malformed CSV header: {error}", 1) from None
    if header is None:
        raise RegistryError(source, "file is empty")
    keys = tuple(cell.strip().lower() for cell in header)
    if keys[:3] != _HEADER_KEYS[:3]:
        raise RegistryError(
            source, "CSV header is not IANA's (expected Service Name,Port Number,...)", 1
        )
    return header


def _column_indexes(header: list[str]) -> list[int | None]:
    """For each of IANA's twelve columns (FIELDS order), its place in this header (None: absent)."""
    keys = [cell.strip().lower() for cell in header]
    return [keys.index(key) if key in keys else None for key in _HEADER_KEYS]


def write(records: Iterable[Record], out: IO[str], header: bool = True) -> None:
    """Write records as IANA's CSV: its header (unless `header` is False), its column order,
    minimal quoting, LF ends."""
    writer = csv.writer(out, lineterminator="\n")
    if header:
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
