"""Export then parse gives back what went out: CSV and JSON, over generated registries."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.registry.formats import parse_bytes
from tui.registry.formats.csv_registry import write as write_csv
from tui.registry.model import FIELDS, Record

# Any text a cell may hold, hostile text included; surrogates cannot be written as UTF-8 at all.
cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(
    [
        "[@click=app.quit]x[/]",
        "\x1b]0;pwned\x07",
        "line\r\nbreak",
        'say "hi"',
        "a,b",
        "\x00",
        "Ari√´n",
    ]
)
records = st.lists(
    st.builds(
        lambda values: Record.from_fields(dict(zip(FIELDS, values, strict=True))),
        st.lists(cell_text, min_size=12, max_size=12),
    ),
    min_size=1,
    max_size=8,
)


def _csv_bytes(items: list[Record]) -> bytes:
    out = io.StringIO()
    write_csv(items, out)
    return out.getvalue().encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(records)
def test_csv_export_parses_back_equal(items: list[Record]) -> None:
    back = parse_bytes(_csv_bytes(items), "generated.csv")
    assert back.format == "csv"
    assert [r.to_dict() for r in back.records] == [r.to_dict() for r in items]


@settings(max_examples=300, deadline=None)
@given(records)
def test_json_export_parses_back_equal(items: list[Record]) -> None:
    data = json.dumps([r.to_dict() for r in items], ensure_ascii=False, indent=2).encode()
    back = parse_bytes(data, "generated.json")
    assert back.format == "json"
    assert [r.to_dict() for r in back.records] == [r.to_dict() for r in items]
