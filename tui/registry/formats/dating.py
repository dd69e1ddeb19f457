"""A registry's own date ("Last Updated"), read from the head of its file without parsing it.

Choosing between the user's downloaded copy and the bundled snapshot needs both dates at
every start; parsing both would cost a second on a cold cache, while the date sits in the
first lines of IANA's XML, XHTML and text forms (CSV has none). Compressed files are
decompressed only as far as the head. No interface imports.
"""

from __future__ import annotations

import bz2
import lzma
import os
import re
import zlib

from tui.registry.files import read_head

HEAD_BYTES = 64 * 1024
"""How much of the file (after decompression) is searched for the date."""

_DATE_RES = (
    re.compile(rb"<updated>\s*(\d{4}-\d{2}-\d{2})\s*</updated>"),
    re.compile(rb"Last Updated\s*</dt>\s*<dd>\s*(\d{4}-\d{2}-\d{2})"),
    re.compile(rb"Last Updated\s*\r?\n\s*(\d{4}-\d{2}-\d{2})"),
)


def _head_of_compressed(data: bytes) -> bytes:
    engines = (
        (b"\x1f\x8b", lambda: zlib.decompressobj(wbits=31)),
        (b"\xfd7zXZ\x00", lzma.LZMADecompressor),
        (b"BZh", bz2.BZ2Decompressor),
    )
    for magic, engine in engines:
        if data.startswith(magic):
            try:
                return bytes(engine().decompress(data, HEAD_BYTES))
            except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
                return b""
    return data


def date_in(head: bytes) -> str:
    """The registry date ("2026-08-17") written near the start of a registry's bytes, or ""."""
    for pattern in _DATE_RES:
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii")
    return ""


def peek_updated(path: str | os.PathLike[str]) -> str:
    """The registry date of the file at `path`, from its head; "" when unknown or unreadable."""
    try:
        head = read_head(path, HEAD_BYTES)
    except OSError:
        return ""
    return date_in(_head_of_compressed(head)[:HEAD_BYTES])
