"""Decoding registry bytes to text: UTF-8 (with or without BOM), stray bytes read as cp1252.

A file that is UTF-8 but for a few stray bytes (a line pasted from a Windows editor) keeps
its UTF-8 characters: only the stray bytes are read as cp1252 (latin-1 where cp1252 has no
character). A file with very many stray bytes is read whole as cp1252, else latin-1, which
gives the same characters for a cp1252 file and is much faster than byte-by-byte repair.
Nothing is dropped or replaced: every byte becomes a character.
"""

from __future__ import annotations

import codecs

STRAY_BYTES = "iana-ports-stray-byte"
"""Codec error handler reading each undecodable byte as its cp1252 character (latin-1 in
cp1252's five holes): `data.decode(text_encoding(data), STRAY_BYTES)` drops nothing."""
_MANY_STRAYS = 200_000
"""Above this many undecodable bytes the whole file is read as cp1252 (about 0.15 s of repair)."""


def _stray_byte_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # one of cp1252's five holes: latin-1, i.e. the C1 control itself


_STRAY_CHARS = {byte: _stray_byte_char(byte) for byte in range(0x80, 0x100)}


def _read_stray_byte(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the first undecodable byte as its cp1252 character."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _STRAY_CHARS[error.object[error.start]], error.start + 1


codecs.register_error(STRAY_BYTES, _read_stray_byte)


def text_encoding(data: bytes) -> str:
    """The encoding to read `data` in with the STRAY_BYTES handler: UTF-8 unless very many
    bytes are not UTF-8, then cp1252 (latin-1 when even cp1252 cannot read it)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    # A quick count in C of the invalid sequences decides whether byte-by-byte repair is cheap.
    if data.decode("utf-8", "replace").count("\ufffd") <= _MANY_STRAYS:
        return "utf-8"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def decode_text(data: bytes) -> str:
    """Decode bytes as IANA's files come: UTF-8, with stray bytes read as cp1252 (see above).

    A BOM is dropped; line endings are left alone (each reader handles CRLF itself).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(text_encoding(data), STRAY_BYTES)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
