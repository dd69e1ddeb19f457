"""Records written as data: IANA's CSV, TSV, JSON, JSON Lines, /etc/services; and the browser's
export of its current results to a new file. No interface imports.

The JSON shape is `tui.registry.documents.record_document`, the same for the command line, the
browser's copy and this export.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from tui.registry.documents import dumps, record_documents, write_json_lines
from tui.registry.formats.csv_registry import write as write_csv
from tui.registry.model import CSV_HEADER, Record, Registry
from tui.registry.services_file import write_services

EXPORT_FORMATS: tuple[str, ...] = ("csv", "json")
"""What the browser exports its results to."""
EXPORT_STEM = "iana-ports-results"

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: str) -> str:
    """A value for a TSV cell: backslash, tab, newline and carriage return written as
    `\\\\`, `\\t`, `\\n`, `\\r`, so one record stays one line and its cells stay apart."""
    return value.translate(_TSV_ESCAPES)


def tsv_line(cells: Iterable[str]) -> str:
    """One TSV line (with its newline) of escaped cells."""
    return "\t".join(tsv_cell(cell) for cell in cells) + "\n"


def write_tsv(records: Iterable[Record], out: IO[str], header: bool = True) -> None:
    """Records as TSV: IANA's header (unless `header` is False), then one record a line."""
    if header:
        out.write(tsv_line(CSV_HEADER))
    for record in records:
        out.write(tsv_line(record.to_row()))


def write_records(
    records: Sequence[Record],
    fmt: str,
    out: IO[str],
    registry: Registry | None = None,
    *,
    header: bool = True,
    ascii_only: bool = False,
) -> None:
    """Write `records` to `out` as `fmt`: csv, tsv, json, jsonl or services.

    Args:
        records: what to write, in order (`services` writes the registry's own selection of
            these: named, one port, a protocol).
        fmt: the format.
        out: a text stream.
        registry: resolves people in JSON, and names the date and source of a services file.
        header: write the header line (csv, tsv).
        ascii_only: JSON escapes every character beyond ASCII.

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "csv":
        write_csv(records, out, header=header)
    elif fmt == "tsv":
        write_tsv(records, out, header=header)
    elif fmt == "json":
        out.write(dumps(record_documents(records, registry), ascii_only=ascii_only) + "\n")
    elif fmt == "jsonl":
        write_json_lines(record_documents(records, registry), out, ascii_only=ascii_only)
    elif fmt == "services":
        selected = Registry(records=list(records))
        if registry is not None:
            selected.updated, selected.source = registry.updated, registry.source
        write_services(selected, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}")


def free_path(directory: Path, stem: str, suffix: str) -> Path:
    """`directory/stem.suffix`, or `stem-2.suffix`, `stem-3.suffix`... the first not taken."""
    candidate = directory / f"{stem}.{suffix}"
    number = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{number}.{suffix}"
        number += 1
    return candidate


def export_records(
    records: Sequence[Record],
    fmt: str,
    directory: str | os.PathLike[str] | None = None,
    registry: Registry | None = None,
) -> Path:
    """Write `records` as IANA's CSV or as a JSON array of record documents into a new file.

    Args:
        records: what to write, in order.
        fmt: "csv" or "json".
        directory: where to write (default: the current directory).
        registry: resolves the people in JSON (as `iana-ports export --format json` does).

    Returns:
        The path written (never an existing file: a number is added to the name instead).

    Raises:
        ValueError: an unknown format.
        OSError: the file cannot be written (a partly written file is removed).
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected csv or json)")
    target = free_path(Path(directory) if directory is not None else Path.cwd(), EXPORT_STEM, fmt)
    # "x" mode: a file that appeared since free_path looked is never overwritten.
    out = target.open("x", encoding="utf-8", newline="")
    try:
        with out:
            write_records(records, fmt, out, registry)
    except OSError:
        target.unlink(missing_ok=True)  # ours ("x" made it): never leave half a file
        raise
    return target
