"""Registries with one huge cell (issue 13, item 7): a 10 MB description among ordinary records.

The records are those of tests/fixtures/xml-tricky.xml; the huge one (`bigcell`, port 4999/tcp)
comes first, so every view meets it at once (the first row, the first detail shown).
"""

from __future__ import annotations

from pathlib import Path

from tui.registry.formats import parse_bytes
from tui.registry.model import Registry

FIXTURES = Path(__file__).parent / "fixtures"
WORDS = "lorem ipsum dolor sit amet bigcell consectetur adipiscing elit sed do eiusmod "
TEN_MB = 10 * 2**20
THREE_MB = 3 * 2**20


def huge_text(size: int, words: bool = True) -> str:
    """`size` characters: words (one of them "bigcell") again and again, or one long token."""
    if not words:
        return "x" * size
    return (WORDS * (size // len(WORDS) + 1))[:size]


def huge_cell_xml(size: int = TEN_MB, words: bool = True) -> bytes:
    """IANA's XML with a first record whose description is `size` characters long."""
    document = (FIXTURES / "xml-tricky.xml").read_text(encoding="utf-8")
    first = document.index("  <record")
    record = (
        "  <record>\n    <name>bigcell</name>\n    <protocol>tcp</protocol>\n"
        f"    <description>{huge_text(size, words)}</description>\n"
        "    <number>4999</number>\n  </record>\n"
    )
    return (document[:first] + record + document[first:]).encode("utf-8")


def write_huge_cell_registry(path: Path, size: int = TEN_MB, words: bool = True) -> Path:
    """Write `huge_cell_xml` to `path`; return it."""
    path.write_bytes(huge_cell_xml(size, words))
    return path


def huge_cell_registry(size: int = TEN_MB, words: bool = True) -> Registry:
    """The same registry, read."""
    return parse_bytes(huge_cell_xml(size, words), "huge-cell.xml")
