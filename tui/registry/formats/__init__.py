"""Readers (and writers) for every form IANA publishes the registry in.

Each format module offers `parse(data: bytes, source: str) -> Registry` and raises
`RegistryError` for a file it cannot read. `load_path` and `parse_bytes` pick the format
from the content (never the file name) through `detect.detect_format`.
"""

from __future__ import annotations

import os

from tui.registry.files import TooLarge, describe_error, read_regular
from tui.registry.formats.compressed import decompressed
from tui.registry.formats.detect import FORMATS, detect_format
from tui.registry.model import Registry, RegistryError

__all__ = ["FORMATS", "MAX_FILE_BYTES", "detect_format", "load_path", "parse_bytes", "read_file"]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest file read at all (after decompression): IANA's biggest form is under 15 MB.

Measured (tests/perf/bench_scale.py): memory and time grow linearly with the records, about
1.6-2.3 KB and 10-50 us of start-up each; a million records took 1.6-2.3 GB and a minute."""
MAX_RECORDS = 50_000
"""The most records a registry may hold: IANA's has about 14,500 (this is 3.4 times that)."""
_RECORD_MARKS: dict[str, tuple[bytes, float, str]] = {
    "xml": (b"<record", 1.0, "records"),
    "xhtml": (b"<tr", 1.5, "table rows"),
    "csv": (b"\n", 1.5, "lines"),
}
"""What to count, before parsing, to bound the records cheaply, and how much slack to allow;
other formats count lines (IANA's text forms take about two a record)."""


def parse_bytes(data: bytes, source: str) -> Registry:
    """Parse a registry from its bytes (gzip, xz or bzip2 compressed or not), format by content.

    Raises:
        RegistryError: the bytes are not a registry in any supported format.
    """
    data = decompressed(data, source, MAX_FILE_BYTES)
    name = detect_format(data, source)
    mark, slack, marks = _RECORD_MARKS.get(name, (b"\n", 3.0, "lines"))
    if (count := data.count(mark)) > MAX_RECORDS * slack:
        raise RegistryError(source, too_many(f"{count:,} {marks}"))
    module = FORMATS[name]()
    registry = module.parse(data, source)
    if len(registry.records) > MAX_RECORDS:
        raise RegistryError(source, too_many(f"{len(registry.records):,} records"))
    registry.source = source
    registry.format = name
    return registry


def read_file(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """Read a registry file's bytes safely; every failure is a one-line RegistryError.

    Only a regular file is read (links resolved): a FIFO, a device, a socket or a directory is
    refused without blocking, and reading stops past `limit` bytes (MAX_FILE_BYTES by default)
    whatever size the file reports. `update --from` reads through here too.
    """
    source = str(path)
    most = MAX_FILE_BYTES if limit is None else limit
    try:
        return read_regular(path, most)
    except TooLarge:
        raise RegistryError(source, too_large(most)) from None
    except OSError as error:
        raise RegistryError(source, describe_error(error)) from None


def too_large(limit: int) -> str:
    """The problem of a file over `limit` bytes, said so that the user sees why."""
    size = f"{limit // 1024 // 1024:,} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
    return f"file is over {size}; IANA's registry is about 4 MB"


def too_many(what: str) -> str:
    """The problem of a registry with too many records, said so that the user sees why."""
    return (
        f"too many entries ({what}): at most {MAX_RECORDS:,} records are read; "
        "IANA's registry has about 14,500"
    )


def load_path(path: str | os.PathLike[str]) -> Registry:
    """Read and parse the registry file at `path`."""
    return parse_bytes(read_file(path), str(path))
