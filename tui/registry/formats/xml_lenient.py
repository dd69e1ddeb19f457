"""A second reading of XML that expat refused for its characters, not for its structure.

Two faults make a registry file ill-formed XML without making it unreadable: bytes that are
not UTF-8 in a file that says (or assumes) UTF-8 (a line pasted from a Windows editor), and
characters XML 1.0 forbids (a NUL or other C0 control inside a cell). Such a file is read
again as text: stray bytes as cp1252 (`tui.registry.formats.text.decode_text`), and each forbidden
character swapped for a private-use stand-in that expat accepts, then swapped back in the
parsed tree. Every character of the file reaches the registry; nothing is dropped.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from tui.registry.formats.text import decode_text

__all__ = ["lenient_text", "restore_characters"]

_DECLARED_ENCODING_RE = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']"""
)
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf_8"})

# XML 1.0's Char production leaves out the C0 controls but tab, LF and CR, and U+FFFE/FFFF.
_FORBIDDEN = [chr(code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)]
_FORBIDDEN += ["\ufffe", "\uffff"]
# Stand-ins from the last private-use plane, where no registry text has any business being.
_STAND_INS = {ord(char): chr(0x10FF00 + index) for index, char in enumerate(_FORBIDDEN)}
_ORIGINALS = {ord(stand_in): chr(code) for code, stand_in in _STAND_INS.items()}
_FORBIDDEN_RE = re.compile(f"[{''.join(re.escape(c) for c in _FORBIDDEN)}]")
_STAND_IN_RE = re.compile(f"[{''.join(_STAND_INS.values())}]")


def lenient_text(data: bytes) -> str | None:
    """The document as text expat will read, or None when reading it again cannot help.

    None when the bytes are valid in their declared encoding and hold no forbidden
    character (the fault is in the structure), when the declared encoding is not one Python
    knows, or when the file already holds one of the stand-ins (they could not be told apart).
    """
    declared = _declared_encoding(data)
    if declared is None or declared.lower() in _UTF8_NAMES:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = decode_text(data)
        else:
            if _FORBIDDEN_RE.search(text) is None:
                return None
    else:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            return None
        if _FORBIDDEN_RE.search(text) is None:
            return None
    text = text.removeprefix("\ufeff")
    if _STAND_IN_RE.search(text) is not None:
        return None
    return text.translate(_STAND_INS)


def restore_characters(root: Element) -> Element:
    """Put the forbidden characters `lenient_text` swapped out back into the parsed tree."""
    for element in root.iter():
        if element.text and _STAND_IN_RE.search(element.text):
            element.text = element.text.translate(_ORIGINALS)
        if element.tail and _STAND_IN_RE.search(element.tail):
            element.tail = element.tail.translate(_ORIGINALS)
        for name, value in element.attrib.items():
            if _STAND_IN_RE.search(value):
                element.attrib[name] = value.translate(_ORIGINALS)
    return root


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED_ENCODING_RE.match(data[:1024])
    return match.group(1).decode("ascii") if match else None
