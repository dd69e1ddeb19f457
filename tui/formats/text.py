"""Decoding registry bytes to text: UTF-8 (with or without BOM), else cp1252, else latin-1."""

from __future__ import annotations


def decode_text(data: bytes) -> str:
    """Decode bytes as IANA's files come: UTF-8 first, falling back to cp1252 then latin-1.

    A BOM is dropped; line endings are left alone (each reader handles CRLF itself).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
