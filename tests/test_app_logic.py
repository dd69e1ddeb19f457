"""The browser's plain logic, without a terminal: columns, rows, filters, copy, export, search."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from app_support import record, small_registry
from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style

from tui.clipboard import osc52, record_json, record_line, tmux_passthrough
from tui.exporting import export_records
from tui.filters import Filters, apply_filters
from tui.safe import visible
from tui.screens.keys import key_list
from tui.screens.main import MainScreen
from tui.screens.searching import Cancelled, Searcher
from tui.search import Hit
from tui.widgets.columns import COLUMNS, column_at, layout_columns, sort_records, total_width
from tui.widgets.detail_text import detail_links, port_class_text
from tui.widgets.results_table import ResultsTable
from tui.widgets.row_text import RowStyles, row_text, visible_with_spans
from tui.widgets.status_line import registry_description


@pytest.mark.parametrize("width", [20, 40, 60, 79, 90, 96, 129, 130, 142, 200])
def test_columns_fill_the_width_exactly_when_they_can(width: int) -> None:
    placed = layout_columns(width)
    keys = [p.key for p in placed]
    assert keys[:4] == ["port_number", "transport_protocol", "service_name", "description"]
    minimum = sum(c.min_width for c in COLUMNS[:4]) + 3
    if width >= minimum:
        assert total_width(placed) == width
    else:
        assert all(p.width == p.column.min_width for p in placed)
    assert ("assignee" in keys) is (width >= 90)
    assert ("modification_date" in keys) is (width >= 142)
    for left, right in zip(placed, placed[1:], strict=False):
        assert right.x == left.x + left.width + 1


def test_column_at_maps_cells_to_columns() -> None:
    placed = layout_columns(100)
    assert column_at(placed, 0).key == "port_number"
    service = next(p for p in placed if p.key == "service_name")
    assert column_at(placed, service.x).key == "service_name"
    assert column_at(placed, total_width(placed) + 5) is None


def test_sorting_by_port_puts_records_without_port_last_and_is_stable() -> None:
    records = small_registry().records
    by_port = sort_records(records, "port_number", False)
    ports = [(r.port_low, r.port_high) for r in by_port if r.port_low is not None]
    assert ports == sorted(ports)
    assert by_port[-1].port_number == ""
    assert sort_records(records, None, False) == records
    assert sort_records(records, None, True) == records[::-1]
    by_name = sort_records(records, "service_name", False)
    named = [r.service_name.lower() for r in by_name if r.service_name]
    assert named == sorted(named) and by_name[-1].service_name == ""


@given(st.text(max_size=40), st.data())
def test_visible_with_spans_moves_spans_onto_the_visible_text(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    shown, spans = visible_with_spans(text, [(start, end)] if start < end else [])
    assert shown == visible(text)
    for new_start, new_end in spans:
        assert shown[new_start:new_end] == visible(text[start:end]) or "\r" in text


def test_visible_with_spans_example() -> None:
    shown, spans = visible_with_spans("a\x1bbc\nssh", [(5, 8), (2, 3)])
    assert shown == "a␛bc ⏎ ssh"
    assert [shown[s:e] for s, e in spans] == ["ssh", "b"]


def test_row_text_marks_matches_and_keeps_markup_literal() -> None:
    plain = Style()
    styles = RowStyles(plain, Style(underline=True), plain, plain, plain, plain, Style(bold=True))
    evil = record("evil", "666", "tcp", "[@click=app.quit]x[/] ssh")
    text = row_text(evil, layout_columns(80), {"description": [(22, 25)]}, styles, lambda r: "")
    assert "[@click=app.quit]x[/] ssh" in text.plain
    underlined = [text.plain[s.start : s.end] for s in text.spans if s.style == styles.match]
    assert underlined == ["ssh"]
    assert len(text.plain) == total_width(layout_columns(80))


def test_filters_keep_and_describe() -> None:
    records = small_registry().records
    hits = [Hit(r, 1.0) for r in records]
    assert apply_filters(hits, Filters()) == hits
    no_tcp = Filters().toggle_protocol("tcp")
    kept = [h.record for h in apply_filters(hits, no_tcp)]
    assert kept and all(r.transport_protocol != "tcp" for r in kept)
    assert any(r.port_number == "" for r in kept)
    assert no_tcp.toggle_protocol("tcp").is_default
    dynamic = Filters().with_port_class("Dynamic")
    assert [h.record.service_name for h in apply_filters(hits, dynamic)] == ["private-app"]
    cycle = [Filters()]
    for _ in range(4):
        cycle.append(cycle[-1].next_port_class())
    assert [f.port_class for f in cycle] == [None, "System", "User", "Dynamic", None]
    both = Filters().toggle_protocol("udp").toggle_protocol("tcp").toggle_unassigned()
    assert both.describe() == "no tcp/udp, no unassigned/reserved"


def test_clipboard_sequences_and_record_forms() -> None:
    assert osc52("hé") == "\x1b]52;c;" + base64.b64encode("hé".encode()).decode() + "\a"
    assert tmux_passthrough("\x1b]52;c;QQ==\a") == "\x1bPtmux;\x1b\x1b]52;c;QQ==\a\x1b\\"
    ssh = record("ssh", "22", "tcp", "The Secure\nShell")
    assert record_line(ssh) == "ssh 22/tcp  # The Secure Shell"
    assert json.loads(record_json(ssh))["description"] == "The Secure\nShell"


def test_export_never_overwrites(tmp_path: Path) -> None:
    records = small_registry().records[:3]
    first = export_records(records, "json", tmp_path)
    second = export_records(records, "json", tmp_path)
    assert first.name == "iana-ports-results.json"
    assert second.name == "iana-ports-results-2.json"
    assert json.loads(second.read_text(encoding="utf-8")) == [r.to_dict() for r in records]
    with pytest.raises(ValueError):
        export_records(records, "xml", tmp_path)


def test_searcher_answers_filters_errors_and_cancels() -> None:
    registry = small_registry()
    searcher = Searcher(registry)
    everything = searcher.answer(1, "", Filters())
    assert [h.record for h in everything.hits] == registry.records
    assert searcher.answer(2, "proto:nope", Filters()).error
    hidden = searcher.answer(3, "port:14001", Filters().toggle_protocol("sctp"))
    assert hidden.hits == [] and hidden.matched == 1 and "hidden" in hidden.notice
    assert searcher.hits("ssh") is searcher.hits("ssh")  # the last query's hits are reused
    with pytest.raises(Cancelled):
        searcher.answer(4, "ssh", Filters(), is_cancelled=lambda: True)


def test_detail_links_and_port_class() -> None:
    registry = small_registry()
    ftp = registry.by_name("ftp")[0]
    links = detail_links(ftp, registry)
    kinds = [(link.kind, link.target) for link in links]
    assert kinds[:2] == [("contact", "Jon_Postel"), ("contact", "Jon_Postel")]
    assert ("url", "https://www.rfc-editor.org/rfc/rfc959") in kinds
    assert "postel@isi.edu" in links[0].label.plain
    assert port_class_text(record("a", "1000-2000", "tcp", "")) == "System to User"
    assert port_class_text(record("a", "", "", "")) == ""


def test_registry_description() -> None:
    registry = small_registry()
    assert registry_description(registry) == "small-registry.xml (XML) · updated 2026-01-02"
    registry.bundled = True
    assert "bundled excerpt" in registry_description(registry)
    assert "iana-ports update" in registry_description(registry)


def test_key_list_merges_aliases_and_covers_every_binding() -> None:
    keys = key_list([MainScreen, ResultsTable], "ctrl+p")
    by_description = {description: key for key, description in keys}
    assert by_description["Next"] == "down,j"
    assert by_description["Previous"] == "up,k"
    assert keys[-1] == ("ctrl+p", "Command palette: filters, sorting, export")
    listed = {k for key, _ in keys for k in key.split(",")}
    for owner in (MainScreen, ResultsTable):
        for binding in owner.BINDINGS:
            assert set(binding.key.split(",")) <= listed
