"""Writing the browser's current results to a CSV or JSON file. No interface imports."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from tui.registry.formats.csv_registry import write as write_csv
from tui.registry.model import Record

EXPORT_FORMATS: tuple[str, ...] = ("csv", "json")
EXPORT_STEM = "iana-ports-results"


def free_path(directory: Path, stem: str, suffix: str) -> Path:
    """`directory/stem.suffix`, or `stem-2.suffix`, `stem-3.suffix`... the first not taken."""
    candidate = directory / f"{stem}.{suffix}"
    number = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{number}.{suffix}"
        number += 1
    return candidate


def export_records(
    records: Sequence[Record], fmt: str, directory: str | os.PathLike[str] | None = None
) -> Path:
    """Write `records` as IANA's CSV or as a JSON array of their fields into a new file.

    Args:
        records: what to write, in order.
        fmt: "csv" or "json".
        directory: where to write (default: the current directory).

    Returns:
        The path written (never an existing file: a number is added to the name instead).

    Raises:
        ValueError: an unknown format.
        OSError: the file cannot be written.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected csv or json)")
    target = free_path(Path(directory) if directory is not None else Path.cwd(), EXPORT_STEM, fmt)
    # "x" mode: a file that appeared since free_path looked is never overwritten.
    with target.open("x", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            write_csv(records, out)
        else:
            json.dump([r.to_dict() for r in records], out, ensure_ascii=False, indent=2)
            out.write("\n")
    return target
