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

MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest file read at all: IANA's biggest form is under 15 MB."""


def parse_bytes(data: bytes, source: str) -> Registry:
    """Parse a registry from its bytes (gzip, xz or bzip2 compressed or not), format by content.

    Raises:
        RegistryError: the bytes are not a registry in any supported format.
    """
    data = decompressed(data, source, MAX_FILE_BYTES)
    name = detect_format(data, source)
    module = FORMATS[name]()
    registry = module.parse(data, source)
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
    return f"file is over {limit // 1_000_000:,} MB; IANA's registry is about 4 MB"


def load_path(path: str | os.PathLike[str]) -> Registry:
    """Read and parse the registry file at `path`."""
    return parse_bytes(read_file(path), str(path))
