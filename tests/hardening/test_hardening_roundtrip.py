"""Issue 6, part 5: export then parse gives back what went out, odd ports included.

`tests/test_roundtrip.py` sends any cell text through CSV and JSON. Here the generated
registries carry the port cells a hostile or damaged file holds: ranges, ranges written
backwards, ports beyond 65535, padded, half-typed and non-ASCII digits, beside hostile text
in every other cell. What comes back must be equal cell for cell, with the same parsed
bounds and the same port problem flagged.
"""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.registry.formats import parse_bytes
from tui.registry.formats.csv_registry import write as write_csv
from tui.registry.model import FIELDS, Record

PORT_CELLS = st.one_of(
    st.just(""),
    st.integers(0, 65535).map(str),
    st.tuples(st.integers(0, 65535), st.integers(0, 65535)).map(lambda b: f"{b[0]}-{b[1]}"),
    st.integers(65536, 999_999_999).map(str),
    st.tuples(st.integers(0, 99_999), st.integers(0, 99_999)).map(lambda b: f"{b[0]} - {b[1]}"),
    st.sampled_from([" 22 ", "22-", "-22", "00080", "1-2-3", "65535-0", "0-65535", "٣", "２２"]),
    st.text(alphabet="0123456789- ", max_size=12),
)
HOSTILE_CELLS = st.text(max_size=30) | st.sampled_from(
    ["[@click=app.quit]x[/]", "\x1b]0;t\x07", "\x1b[2J", "a\x00b", "one\r\ntwo", "\u202e", "\x9b"]
)


@st.composite
def records(draw: st.DrawFn) -> Record:
    values = {name: draw(HOSTILE_CELLS) for name in FIELDS}
    values["port_number"] = draw(PORT_CELLS)
    values["transport_protocol"] = draw(st.sampled_from(["tcp", "udp", "sctp", "dccp", ""]))
    return Record.from_fields(values)


REGISTRIES = st.lists(records(), min_size=1, max_size=10)


def assert_same(back: list[Record], items: list[Record]) -> None:
    assert [r.to_dict() for r in back] == [r.to_dict() for r in items]
    assert [(r.port_low, r.port_high) for r in back] == [(r.port_low, r.port_high) for r in items]
    assert [r.port_problem for r in back] == [r.port_problem for r in items]


@settings(max_examples=200, deadline=None)
@given(REGISTRIES)
def test_csv_export_of_odd_ports_parses_back_equal(items: list[Record]) -> None:
    out = io.StringIO()
    write_csv(items, out)
    back = parse_bytes(out.getvalue().encode("utf-8"), "export.csv")
    assert back.format == "csv" and back.skipped == 0
    assert_same(back.records, items)


@settings(max_examples=200, deadline=None)
@given(REGISTRIES)
def test_json_export_of_odd_ports_parses_back_equal(items: list[Record]) -> None:
    data = json.dumps([r.to_dict() for r in items], ensure_ascii=False, indent=2)
    back = parse_bytes(data.encode("utf-8"), "export.json")
    assert back.format == "json" and back.skipped == 0
    assert_same(back.records, items)


def test_odd_ports_are_kept_and_flagged() -> None:
    cells = ["10-5", "70000", "65000-70000", "abc", "22"]
    items = [Record(service_name=f"s{i}", port_number=p) for i, p in enumerate(cells)]
    out = io.StringIO()
    write_csv(items, out)
    back = parse_bytes(out.getvalue().encode(), "odd.csv").records
    assert [r.port_number for r in back] == cells
    assert [r.port_problem for r in back] == [
        "range is written backwards",
        "port is outside 0-65535",
        "port is outside 0-65535",
        "port 'abc' is not a number or range",
        "",
    ]
