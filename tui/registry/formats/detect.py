"""Content sniffing: which registry format a file's bytes are in.

Formats are told apart by what the bytes say, never by the file name: a saved page is often
named `.html` or `.txt` whatever is in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from types import ModuleType

from tui.registry.formats.text import decode_text
from tui.registry.model import RegistryError


def _loader(module: str) -> Callable[[], ModuleType]:
    return lambda: import_module(f"{__package__}.{module}")


FORMATS: dict[str, Callable[[], ModuleType]] = {
    "xml": _loader("xml_registry"),
    "xhtml": _loader("xhtml_registry"),
    "csv": _loader("csv_registry"),
    "fixed-text": _loader("fixed_text"),
    "page-text": _loader("page_text"),
    "json": _loader("json_registry"),
}
"""Format name -> a function importing its module (imported lazily, to keep start-up fast)."""

_SNIFF_BYTES = 64 * 1024
_CSV_HEADER_RE = re.compile(r'^\ufeff?"?Service Name"?,"?Port Number"?,', re.MULTILINE)
_PAGE_HEADER_RE = re.compile(
    r"^Service Name Port Number Transport Protocol Description\b", re.MULTILINE
)
_FIXED_HEADER_RE = re.compile(r"^ *Service Name {2,}Port Number +Protocol\b", re.MULTILINE)


def detect_format(data: bytes, source: str) -> str:
    """Name the format of a registry file from its first bytes.

    Raises:
        RegistryError: empty, binary, or none of the known formats.
    """
    if not data.strip():
        raise RegistryError(source, "file is empty")
    head_bytes = data[:_SNIFF_BYTES]
    binary = _looks_binary(head_bytes)
    head = decode_text(head_bytes)
    stripped = head.lstrip("\ufeff \t\r\n")
    lowered = stripped[:4096].lower()
    if lowered.startswith("<"):
        if "<registry" in lowered and "<html" not in lowered:
            return "xml"
        if "<html" in lowered or "<!doctype html" in lowered:
            return "xhtml"
        if "<registry" in head.lower():
            return "xml"
        if binary:
            raise RegistryError(source, "binary data, not a registry file")
        raise RegistryError(source, "markup that is neither IANA's XML nor its XHTML page")
    if stripped.startswith("[") and ('"service_name"' in head or stripped[1:].lstrip()[:1] in "]"):
        return "json"
    if _CSV_HEADER_RE.search(head[:2048]):
        return "csv"
    if _PAGE_HEADER_RE.search(head):
        return "page-text"
    if _FIXED_HEADER_RE.search(head):
        return "fixed-text"
    if "Service Name" in head and ("Port Number" in head or "Transport" in head):
        # The header lies beyond the sniffed part or is damaged: let the likeliest reader say.
        return "page-text"
    if binary:
        raise RegistryError(source, "binary data, not a registry file")
    raise RegistryError(
        source, "not a port registry (no IANA header found: expected XML, CSV, XHTML or text)"
    )


def _looks_binary(head: bytes) -> bool:
    """Many control bytes near the start mean it is not a text registry.

    A stray NUL inside a cell does not make a file binary: a share of controls does.
    """
    sample = head[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20
