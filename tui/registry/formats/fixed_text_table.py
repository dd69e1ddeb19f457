"""One table of a page laid out in fixed width by a text browser, read into rows of fields.

A `TableSpec` says how to recognise the table's header words and its anchor lines (the line
of each row holding its one-line cells); `header_at` finds the header block around its main
line and `read_rows` turns the body into one mapping of field -> text per row, using
`text_columns` for the columns and `text_rows` for which lines make a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise

from tui.registry.formats.text import STRAY_BYTES
from tui.registry.formats.text_columns import (
    ColumnLayout,
    HeaderLabel,
    header_tokens,
    locate_columns,
    split_cells,
)
from tui.registry.formats.text_rows import RowHints, TableLine, group_rows, join_cell, key_words
from tui.registry.model import Registry

Vocabulary = dict[bytes, tuple[str, ...]]
"""Header word -> the field(s) it may name ("Date" names a registration or modification)."""


class LineKind(Enum):
    """What a table line is: a row's anchor, a continuation of some row, or unreadable."""

    ANCHOR = "anchor"
    CONTINUATION = "continuation"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class TableSpec:
    """How to read one kind of table.

    Attributes:
        words: the header's vocabulary.
        classify: a line's cells by field -> what the line is.
        twin_fields: rows whose anchors agree on these (a service's tcp and udp entries) are
            expected to be laid out alike.
        key_field: the field whose words a row's other lines tend to share (a contact's id).
        id_fields: cells of bracketed ids: "[A]" wrapped before "[B]" reads "[A][B]".
        repeats: the header's main line, should the header be printed again in the body.
    """

    words: Vocabulary
    classify: Callable[[dict[str, bytes]], LineKind]
    twin_fields: tuple[str, ...] = ()
    key_field: str = ""
    id_fields: frozenset[str] = field(default_factory=frozenset)
    repeats: re.Pattern[bytes] | None = None


@dataclass(frozen=True, slots=True)
class TableHeader:
    """Where a table's header lies (lines first..last) and the column labels it holds."""

    first: int
    last: int
    labels: list[HeaderLabel]

    @property
    def fields(self) -> set[str]:
        """The fields the header has a column for."""
        return {label.field for label in self.labels}


def only_header_words(line: bytes, words: Vocabulary) -> bool:
    """True for a non-blank line made only of header words."""
    tokens = line.split()
    return bool(tokens) and all(token in words for token in tokens)


def header_at(lines: list[bytes], main: int, words: Vocabulary) -> TableHeader:
    """The header block around its main line: up to two neighbours each side made only of
    header words ("Transport" above "Protocol", "Uses" below "Unauthorized") join it."""
    first = main
    while first > max(0, main - 2) and only_header_words(lines[first - 1], words):
        first -= 1
    last = main
    while last < min(len(lines) - 1, main + 2) and only_header_words(lines[last + 1], words):
        last += 1
    return TableHeader(first, last, _labels(lines[first : last + 1], words))


def _labels(block: list[bytes], vocabulary: Vocabulary) -> list[HeaderLabel]:
    """One label per field named in the header block, spanning all its words, left to right.

    A word that may name two fields ("Service" Name/Code, "Date" Registration/Modification)
    goes with the nearest word that names one of them only.
    """
    words = [
        (vocabulary[word], start, end)
        for line in block
        for word, start, end in header_tokens(line)
        if word in vocabulary
    ]
    sure = [(fields[0], start, end) for fields, start, end in words if len(fields) == 1]
    spans: dict[str, tuple[int, int]] = {}
    for fields, start, end in words:
        if len(fields) == 1:
            name = fields[0]
        else:
            near = [
                (max(0, other_start - end, start - other_end), other)
                for other, other_start, other_end in sure
                if other in fields
            ]
            if not near:
                continue
            name = min(near)[1]
        low, high = spans.get(name, (start, end))
        spans[name] = (min(low, start), max(high, end))
    labels = sorted((HeaderLabel(f, s, e) for f, (s, e) in spans.items()), key=lambda h: h.start)
    # Overlapping spans mean a garbled header: keep the leftmost of each clash.
    kept: list[HeaderLabel] = []
    for label in labels:
        if not kept or label.start >= kept[-1].end:
            kept.append(label)
    return kept


def read_rows(
    lines: list[bytes],
    header: TableHeader,
    end: int,
    spec: TableSpec,
    registry: Registry,
    encoding: str,
) -> list[tuple[int, dict[str, str]]]:
    """The rows of the table body lines[header.last+1 : end], as (anchor line number, field
    -> text); fields with no text are left out. Unreadable lines are skipped and counted."""
    body = range(header.last + 1, end)
    repeated = _repeated_headers(lines, body, spec)
    layout = locate_columns(header.labels, [lines[i] for i in body if i not in repeated])
    table: list[TableLine] = []
    anchors: list[int] = []
    for index in body:
        if index in repeated:
            continue
        cells = split_cells(lines[index], layout.starts)
        kind = spec.classify(dict(zip(layout.fields, cells, strict=True)))
        if kind is LineKind.UNREADABLE:
            registry.skip(index + 1)
            continue
        if kind is LineKind.ANCHOR:
            anchors.append(len(table))
        table.append(TableLine(index + 1, cells))
    first = 0
    while first < len(table) and not table[first].mask:
        first += 1
    last = len(table)
    while last > first and not table[last - 1].mask:
        last -= 1
    table = table[first:last]
    anchors = [a - first for a in anchors]
    if not anchors:
        for line in table:
            if line.mask:
                registry.skip(line.number)
        return []
    hints = _row_hints(table, anchors, layout, spec)
    rows = group_rows(table, anchors, layout.widths, hints)
    return [
        (table[anchor].number, _row_values(table, row, layout, spec, encoding))
        for anchor, row in zip(anchors, rows, strict=True)
    ]


def _row_hints(
    table: list[TableLine], anchors: list[int], layout: ColumnLayout, spec: TableSpec
) -> RowHints:
    """Twins: consecutive anchors agreeing on the twin fields; keys: the key field's words."""
    twin_columns = [i for i, name in enumerate(layout.fields) if name in spec.twin_fields]
    twin_keys = [tuple(table[a].cells[c] for c in twin_columns) for a in anchors]
    twins = [False] + [
        bool(twin_columns) and any(key) and key == before for before, key in pairwise(twin_keys)
    ]
    key_column = layout.index(spec.key_field)
    keys = None
    if key_column is not None:
        keys = [key_words(table[a].cells[key_column]) for a in anchors]
    return RowHints(twins=twins, keys=keys)


def _row_values(
    table: list[TableLine], row: range, layout: ColumnLayout, spec: TableSpec, encoding: str
) -> dict[str, str]:
    """A row's cells as text, by field; fields with no text are left out."""
    if len(row) == 1:
        cells = table[row.start].cells
        return {
            name: cell.decode(encoding, STRAY_BYTES)
            for name, cell in zip(layout.fields, cells, strict=True)
            if cell
        }
    present = 0
    for index in row:
        present |= table[index].mask
    return {
        name: join_cell(table, row, column, name in spec.id_fields).decode(encoding, STRAY_BYTES)
        for column, name in enumerate(layout.fields)
        if present >> column & 1
    }


def _repeated_headers(lines: list[bytes], body: range, spec: TableSpec) -> set[int]:
    """Lines of a header printed again inside the body (a page break), and the blank lines
    around it: they belong to no row."""
    found: set[int] = set()
    if spec.repeats is None:
        return found
    for index in body:
        if spec.repeats.search(lines[index]):
            found.add(index)
            for step in (-1, 1):
                near = index + step
                while near in body and only_header_words(lines[near], spec.words):
                    found.add(near)
                    near += step
                while near in body and not lines[near].strip():
                    found.add(near)
                    near += step
    return found
