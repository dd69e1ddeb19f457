"""Readers (and writers) for every form IANA publishes the registry in.

Each format module offers `parse(data: bytes, source: str) -> Registry` and raises
`RegistryError` for a file it cannot read. `load_path` and `parse_bytes` pick the format
from the content (never the file name) through `detect.detect_format`.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def read_file(path: str | os.PathLike[str]) -> bytes:
    """Read a file's bytes, turning every OS-level failure into a one-line RegistryError."""
    source = str(path)
    target = Path(path)
    try:
        if target.is_dir():
            raise RegistryError(source, "is a directory, not a registry file")
        if not target.exists():
            raise RegistryError(source, "no such file")
        size = target.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RegistryError(
                source, f"file is {size:,} bytes, larger than any registry ({MAX_FILE_BYTES:,})"
            )
        return target.read_bytes()
    except RegistryError:
        raise
    except OSError as error:
        raise RegistryError(source, f"cannot read: {error.strerror or error}") from None


def load_path(path: str | os.PathLike[str]) -> Registry:
    """Read and parse the registry file at `path`."""
    return parse_bytes(read_file(path), str(path))
