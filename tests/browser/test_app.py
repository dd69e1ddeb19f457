"""The browser with Pilot: searching, moving the cursor, sorting, filters."""

from __future__ import annotations

import pytest
from app_support import answered, filtered, parts, small_registry, wait_until

from tui.app import PortsApp
from tui.registry.model import Registry
from tui.screens.main import MainScreen
from tui.screens.searching import Answer
from tui.widgets import ResultsHeader, ResultsTable, StatusLine


def status_text(app: PortsApp) -> str:
    return str(app.query_one("#status", StatusLine).render())


async def test_starts_on_the_whole_registry_in_order_with_search_focused() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, detail, _ = parts(app)
        assert table.results == registry.records
        assert table.answered == ""
        assert app.focused is app.query_one("#search")
        assert detail.record is registry.records[0]
        assert f"{len(registry)} of {len(registry)} records" in status_text(app)


async def test_typing_answers_every_keystroke_and_empty_query_restores_order() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(*"ssh")
        await answered(pilot)
        table, detail, _ = parts(app)
        assert table.answered == "ssh"
        assert {r.transport_protocol for r in table.results if r.service_name == "ssh"} == {
            "tcp",
            "udp",
            "sctp",
        }
        assert table.results[0].service_name == "ssh"
        assert detail.record is table.results[0]
        assert f"{len(table.results)} of {len(registry)} records" in status_text(app)
        await pilot.press("backspace", "backspace", "backspace")
        await answered(pilot)
        assert table.answered == ""
        assert table.results == registry.records


async def test_stale_answers_are_dropped() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.table
        screen.search("ftp")
        screen.search("x11")
        await wait_until(pilot, lambda: table.answered == "x11")
        # An answer from an older request arriving late changes nothing.
        old = Answer(generation=screen._generation - 1, query="ftp", hits=[])
        screen._show_answer(old)
        assert table.answered == "x11"
        assert table.results and all(r.service_name == "x11" for r in table.results)


async def test_bad_qualifier_is_reported_in_the_status_line() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(*"proto:xyz")
        await answered(pilot)
        table, _, status = parts(app)
        assert table.results == []
        assert "proto:xyz" in status.error
        assert "proto:xyz" in status_text(app)
        assert app.is_running


async def test_keys_move_the_cursor_and_the_detail_pane_follows() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, detail, _ = parts(app)
        await pilot.press("down", "down")  # from the search bar: the arrows move the cursor
        assert table.cursor_row == 2
        await pilot.press("enter")  # Enter in the search bar goes to the table
        assert app.focused is table
        await pilot.press("down", "down", "up")
        assert table.cursor_row == 3
        await pilot.press("end")
        assert table.cursor_row == len(registry) - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 5
        await wait_until(pilot, lambda: detail.record is table.highlighted)
        assert detail.record is registry.records[table.cursor_row]


async def test_every_row_is_reachable_in_a_long_registry() -> None:
    base = small_registry().records
    registry = Registry(records=[r for _ in range(500) for r in [*base]], source="many.csv")
    app = PortsApp(registry)
    async with app.run_test(size=(100, 30)) as pilot:
        await answered(pilot)
        table, _, _ = parts(app)
        assert len(table.results) == len(registry)
        table.focus()
        await pilot.press("end")
        assert table.cursor_row == len(registry) - 1
        assert table.scroll_offset.y > 0
        last_line = table.render_line(table.cursor_row - table.scroll_offset.y).text
        assert base[-1].description in last_line


async def test_clicking_a_row_selects_it() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, detail, _ = parts(app)
        await pilot.click("#results", offset=(3, 4))
        assert table.cursor_row == 4
        await wait_until(pilot, lambda: detail.record is registry.records[4])


async def test_sorting_by_key_and_by_clicking_headers() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, _, _ = parts(app)
        header = app.query_one(ResultsHeader)
        table.focus()
        await pilot.press("s")  # relevance -> port
        assert table.sort_column == "port_number"
        ports = [r.port_low for r in table.results if r.port_low is not None]
        assert ports == sorted(ports)
        assert table.results[-1].port_number == ""  # no port sorts last
        await pilot.press("S")
        assert table.sort_reverse
        assert table.results[0].port_number == "70000" or table.results[0].port_low is None
        await pilot.press("s")  # port -> protocol
        assert table.sort_column == "transport_protocol"
        # Click the "Service" title in the header.
        service = next(p for p in table.columns if p.key == "service_name")
        await pilot.click(ResultsHeader, offset=(service.x + 1, 0))
        assert table.sort_column == "service_name" and not table.sort_reverse
        names = [r.service_name.lower() for r in table.results if r.service_name]
        assert names == sorted(names)
        assert header.sort_column == "service_name"
        await pilot.click(ResultsHeader, offset=(service.x + 1, 0))
        assert table.sort_reverse
        assert "▼" in str(header.render())


async def test_sorting_keeps_the_highlighted_record() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, _, _ = parts(app)
        table.focus()
        await pilot.press("end")
        last = table.highlighted
        await pilot.press("s")
        assert table.highlighted is last


async def test_filters_by_keys_and_status_line() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, _, _ = parts(app)
        table.focus()
        await pilot.press("alt+1")  # hide TCP
        await filtered(pilot, "no tcp")
        assert table.results and all(r.transport_protocol != "tcp" for r in table.results)
        assert any(r.transport_protocol == "" for r in table.results)  # no protocol: kept
        assert "no tcp" in status_text(app)
        await pilot.press("alt+1", "f4")  # TCP back; System ports only
        await filtered(pilot, "System ports")
        assert table.results and all(
            r.port_high is not None and r.port_low <= 1023 for r in table.results
        )
        await pilot.press("f4", "f4", "f4", "f5")  # back to every class; hide unassigned/reserved
        await filtered(pilot, "no unassigned/reserved")
        assert all(r.status not in ("unassigned", "reserved") for r in table.results)
        expected = len([r for r in registry if r.status not in ("unassigned", "reserved")])
        assert f"{expected} of {len(registry)} records" in status_text(app)
        await pilot.press("f6")
        await filtered(pilot, "")
        assert table.results == registry.records
        assert "filters" not in status_text(app)


async def test_filters_hiding_every_match_say_so() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(*"port:14001")
        await answered(pilot)
        table, _, _ = parts(app)
        assert [r.service_name for r in table.results] == ["sua"]
        table.focus()
        await pilot.press("alt+3")  # hide SCTP: sua is SCTP only
        await filtered(pilot, "no sctp")
        assert table.results == []
        assert "hidden by the filters" in table.empty_message
        assert "hidden by the filters" in table.render_line(0).text


async def test_escape_clears_the_search_and_slash_returns_to_it() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(*"x11")
        await answered(pilot)
        table, _, _ = parts(app)
        table.focus()
        await pilot.press("slash")
        assert app.focused is app.query_one("#search")
        await pilot.press("escape")
        await answered(pilot)
        assert app.query_one("#search").value == ""
        assert table.results == registry.records


@pytest.mark.realdata
async def test_the_full_registry_fills_the_table_and_every_row_is_reachable() -> None:
    from conftest import shared_file

    from tui.registry.sources import load_registry

    registry = load_registry(shared_file("service-names-port-numbers.xml"))
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        assert len(table.results) == len(registry) > 14_000
        table.focus()
        await pilot.press("end")
        assert table.highlighted is registry.records[-1]
        await pilot.press("slash")
        await pilot.press(*"ldaps")
        await answered(pilot)
        assert table.results[0].service_name == "ldaps"
