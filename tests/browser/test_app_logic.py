"""The browser's plain logic, without a terminal: columns, rows, filters, copy, export, search."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest
from app_support import record, small_registry
from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style

from tui.clipboard import osc52, record_json, record_line, tmux_passthrough
from tui.registry.exporting import export_records
from tui.registry.model import FIELDS
from tui.registry.origin import Origin, PassedOver, SourceKind
from tui.safe import visible
from tui.screens.keys import key_list
from tui.screens.main import MainScreen
from tui.screens.searching import Cancelled, Searcher
from tui.search.filters import Filters
from tui.widgets.columns import (
    COLUMNS,
    column_at,
    layout_columns,
    needed_widths,
    sort_records,
    total_width,
)
from tui.widgets.detail_text import FIELD_ORDER, detail_links, fields_grid, port_class_text
from tui.widgets.results_table import ResultsTable
from tui.widgets.row_text import RowStyles, row_text, visible_with_spans
from tui.widgets.status_text import fit_line, source_summary


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


def test_fit_columns_are_as_wide_as_the_results_need_within_bounds() -> None:
    registry = small_registry()
    short = [r for r in registry if r.port_number in ("1", "21")]
    placed = {p.key: p.width for p in layout_columns(100, needed_widths(short))}
    assert placed["port_number"] == len("Port")  # never narrower than its title
    assert placed["service_name"] == len("Service")
    ranges = needed_widths(registry.records)
    assert ranges["port_number"] == len("6000-6063")
    placed = {p.key: p.width for p in layout_columns(100, ranges)}
    assert placed["port_number"] == len("6000-6063")
    assert placed["service_name"] == len("private-app")
    # Very long values are capped at the column's natural width; the flexible one gets the rest.
    wide_needs = {"port_number": 40, "service_name": 40}
    wide = layout_columns(100, wide_needs)
    assert {p.key: p.width for p in wide}["port_number"] == 11
    assert total_width(wide) == 100
    # What the fit columns do not need goes to the description.
    description = {
        name: next(p.width for p in layout_columns(100, needed) if p.key == "description")
        for name, needed in (("short", needed_widths(short)), ("wide", wide_needs))
    }
    assert description["short"] == description["wide"] + (11 - 4) + (16 - 7)


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


def test_filters_narrow_through_the_search_index_and_describe_themselves() -> None:
    registry = small_registry()
    searcher = Searcher(registry)

    def shown(filters: Filters, query: str = "") -> list:
        return [h.record for h in searcher.answer(1, query, filters).hits]

    assert shown(Filters()) == registry.records
    no_tcp = Filters().toggle_protocol("tcp")
    kept = shown(no_tcp)
    assert kept and all(r.transport_protocol != "tcp" for r in kept)
    assert any(r.port_number == "" for r in kept)  # records without a protocol stay
    assert no_tcp.toggle_protocol("tcp").is_default
    assert [r.service_name for r in shown(Filters().with_port_class("Dynamic"))] == ["private-app"]
    assert {r.transport_protocol for r in shown(no_tcp, "ssh")} == {"udp", "sctp"}
    hidden = shown(Filters().toggle_unassigned())
    assert hidden and all(r.status not in ("unassigned", "reserved") for r in hidden)
    ssh_sctp = registry.lookup("22/sctp")[0]
    assert searcher.passes(ssh_sctp, no_tcp)
    assert not searcher.passes(ssh_sctp, Filters().toggle_protocol("sctp"))
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
    written = json.loads(second.read_text(encoding="utf-8"))
    assert [{name: row[name] for name in FIELDS} for row in written] == [
        r.to_dict() for r in records
    ]
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
    assert searcher.hits("ssh", Filters().toggle_protocol("udp")) is not searcher.hits("ssh")
    with pytest.raises(Cancelled):
        searcher.answer(4, "ssh", Filters(), is_cancelled=lambda: True)


def test_detail_links_and_port_class() -> None:
    registry = small_registry()
    ftp = registry.by_name("ftp")[0]
    links = detail_links(ftp, registry)
    kinds = [(link.kind, link.target) for link in links]
    # Assignee and contact are the same person: one link naming both roles.
    assert kinds[0] == ("contact", "Jon_Postel")
    assert [k for k in kinds if k[0] == "contact"] == [("contact", "Jon_Postel")]
    assert links[0].label.plain.startswith("Assignee and Contact: Jon Postel [Jon_Postel]")
    assert "USC/ISI" in links[0].label.plain and "2002-04-10" in links[0].label.plain
    reference = next(link for link in links if link.kind == "url")
    assert reference.target == "https://www.rfc-editor.org/rfc/rfc959"
    assert reference.label.plain == "Reference: RFC959 https://www.rfc-editor.org/rfc/rfc959"
    assert port_class_text(record("a", "1000-2000", "tcp", "")) == "System to User"
    assert port_class_text(record("a", "", "", "")) == ""


def test_fields_put_description_and_resolved_people_first() -> None:
    registry = small_registry()
    ftp = registry.by_name("ftp")[0]
    grid = fields_grid(ftp, registry)
    labels = [str(cell) for cell in grid.columns[0]._cells]
    values = [cell.plain for cell in grid.columns[1]._cells]
    assert labels[:3] == ["Description", "Assignee", "Contact"]
    assert values[1] == "Jon Postel <postel@isi.edu>"
    assert FIELD_ORDER[:3] == ("description", "assignee", "contact")
    assert labels.index("Port Class") == labels.index("Port Number") + 1
    unknown = record("x", "1", "tcp", "X", assignee="[Nobody] and a note")
    cell = fields_grid(unknown, registry).columns[1]._cells[1].plain
    assert cell == "[Nobody] (not in the contact table)\n[Nobody] and a note"
    assert fields_grid(ftp).columns[1]._cells[1].plain == "[Jon_Postel]"  # no registry: as written


def test_source_summary_words_each_source() -> None:
    registry = small_registry()
    summary = source_summary(registry)
    assert summary.long == "small-registry.xml (XML) · updated 2026-01-02"
    assert summary.hint == ""
    registry.origin = Origin(SourceKind.SAMPLE)
    summary = source_summary(registry)
    assert summary.long == f"bundled sample of 2026-01-02 ({len(registry)} records)"
    assert "--registry sample" in summary.hint
    registry.origin = Origin(SourceKind.BUNDLED)
    day = time.mktime((2026, 1, 2, 12, 0, 0, 0, 0, -1))
    young = source_summary(registry, now=day + 30 * 86400)
    assert young.long == "bundled snapshot of 2026-01-02 (30 days ago)" and not young.hint
    old = source_summary(registry, now=day + 121 * 86400)
    assert old.hint == "snapshot 121 days old: run `iana-ports update`"
    registry.origin = Origin(SourceKind.BUNDLED, passed_over=PassedOver("/x", "2025-05-06"))
    newer = source_summary(registry, now=day + 30 * 86400)
    assert newer.long.endswith("(30 days ago), newer than your copy of 2025-05-06")
    copy = small_registry()
    copy.origin = Origin(SourceKind.DOWNLOADED, copy_time=1_000_000.0)
    fresh = source_summary(copy, now=1_000_000.0 + 3 * 86400)
    assert fresh.long == "downloaded registry of 2026-01-02, fetched 3 days ago" and not fresh.hint
    old = source_summary(copy, now=1_000_000.0 + 120 * 86400)
    assert old.hint == "copy 120 days old: run `iana-ports update`"
    installed = small_registry()
    installed.origin = Origin(SourceKind.DOWNLOADED, copy_time=1_000_000.0, installed_from="/x.xml")
    said = source_summary(installed, now=1_000_000.0 + 3 * 86400).long
    assert said == "installed registry of 2026-01-02, installed 3 days ago"


def test_fit_line_drops_parts_until_the_line_fits() -> None:
    long = [("100 of 100 records", ""), ("0.1 ms", ""), ("a long source name", "")]
    short = [("100 of 100 records", ""), ("hint", "")]
    assert fit_line([long, short], 200).plain == "100 of 100 records · 0.1 ms · a long source name"
    assert fit_line([long, short], 30).plain == "100 of 100 records · hint"
    assert fit_line([long, short], 10).plain == "100 of 10…"
    assert fit_line([[("a", ""), ("", ""), ("b", "")]], 10).plain == "a · b"  # empty parts skipped


def test_key_list_merges_aliases_and_covers_every_binding() -> None:
    keys = key_list([MainScreen, ResultsTable], "ctrl+p")
    by_description = {description: key for key, description in keys}
    assert by_description["Next"] == "down"
    assert by_description["Previous"] == "up"
    assert keys[-1] == ("ctrl+p", "Command palette: filters, sorting, export")
    listed = {k for key, _ in keys for k in key.split(",")}
    for owner in (MainScreen, ResultsTable):
        for binding in owner.BINDINGS:
            assert set(binding.key.split(",")) <= listed
