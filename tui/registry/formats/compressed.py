"""Compressed registry files: gzip, xz and bzip2, recognised by their magic bytes.

Any format may come compressed (the package ships IANA's XML as xz). Decompression is
bounded by the bytes it produces, so a small bomb cannot fill memory: past `limit` bytes
the file is refused.
"""

from __future__ import annotations

import bz2
import lzma
import zlib
from collections.abc import Callable

from tui.registry.model import RegistryError


def _gunzip(data: bytes, most: int) -> tuple[bytes, bool]:
    engine = zlib.decompressobj(wbits=31)
    return engine.decompress(data, most), engine.eof


def _unxz(data: bytes, most: int) -> tuple[bytes, bool]:
    engine = lzma.LZMADecompressor()
    return engine.decompress(data, most), engine.eof


def _bunzip2(data: bytes, most: int) -> tuple[bytes, bool]:
    engine = bz2.BZ2Decompressor()
    return engine.decompress(data, most), engine.eof


_MAGIC: tuple[tuple[bytes, str, Callable[[bytes, int], tuple[bytes, bool]]], ...] = (
    (b"\x1f\x8b", "gzip", _gunzip),
    (b"\xfd7zXZ\x00", "xz", _unxz),
    (b"BZh", "bzip2", _bunzip2),
)


def head_of(data: bytes, most: int) -> bytes:
    """At most `most` bytes of what `data` stands for: decompressed only that far when it
    starts with a known magic (b"" when that part is damaged), else `data` itself."""
    for magic, _, inflate in _MAGIC:
        if data.startswith(magic):
            try:
                return inflate(data, most)[0]
            except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
                return b""
    return data


def decompressed(data: bytes, source: str, limit: int) -> bytes:
    """The bytes themselves, or what they decompress to when they start with a known magic.

    Raises:
        RegistryError: the compressed data is damaged, or decompresses to more than `limit`.
    """
    for magic, name, inflate in _MAGIC:
        if not data.startswith(magic):
            continue
        try:
            out, complete = inflate(data, limit + 1)
        except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error) as error:
            raise RegistryError(source, f"damaged {name} data: {error}") from None
        if len(out) > limit:
            size = f"{limit // 1048576:,} MB" if limit >= 1048576 else f"{limit:,} bytes"
            raise RegistryError(
                source, f"{name} data decompresses to over {size}; IANA's registry is about 4 MB"
            )
        if not complete:
            raise RegistryError(source, f"damaged {name} data: cut off before its end")
        return out
    return data
