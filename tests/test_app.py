"""The browser with Pilot: searching, moving, sorting, the detail pane, filters, layout."""

from __future__ import annotations

import pytest
from app_support import answered, filtered, small_registry, wait_until

from tui.app import PortsApp
from tui.model import Registry
from tui.screens.main import MainScreen
from tui.screens.searching import Answer
from tui.widgets import DetailPane, ResultsHeader, ResultsTable, StatusLine


def parts(app: PortsApp) -> tuple[ResultsTable, DetailPane, StatusLine]:
    return (
        app.query_one("#results", ResultsTable),
        app.query_one("#detail", DetailPane),
        app.query_one("#status", StatusLine),
    )


def status_text(app: PortsApp) -> str:
    return str(app.query_one("#status", StatusLine).render())


async def test_starts_on_the_whole_registry_in_order_with_search_focused() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, detail, _ = parts(app)
        assert table.results == registry.records
        assert table.query == ""
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
        assert table.query == "ssh"
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
        assert table.query == ""
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
        await wait_until(pilot, lambda: table.query == "x11")
        # An answer from an older request arriving late changes nothing.
        old = Answer(generation=screen._generation - 1, query="ftp", hits=[])
        screen._show_answer(old)
        assert table.query == "x11"
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
        await pilot.press("j", "j", "k")
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


async def test_detail_pane_shows_every_field_contacts_and_links() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        table, detail, _ = parts(app)
        ftp = registry.by_name("ftp")[0]
        await answered(pilot)
        table.select_record(ftp)
        await wait_until(pilot, lambda: detail.record is ftp)
        text = detail.plain_text
        for label, value in (
            ("Service Name", "ftp"),
            ("Port Number", "21"),
            ("Transport Protocol", "tcp"),
            ("Description", "File Transfer Protocol [Control]"),
            ("Reference", "[RFC959]"),
            ("Port Class", "System (0-1023)"),
        ):
            assert any(label in line and value in line for line in text.splitlines()), label
        assert "Service Code" not in text  # empty fields are left out
        assert "p=<password>" in text and "path=<path>" in text.split("p=<password>")[1]
        assert "Jon Postel" in text and "postel@isi.edu" in text and "2002-04-10" in text
        assert "https://www.rfc-editor.org/rfc/rfc959" in text

        ssh = registry.lookup("22/tcp")[0]
        table.select_record(ssh)
        await wait_until(pilot, lambda: detail.record is ssh)
        text = detail.plain_text
        assert "IETF Chair" in text and "chair@ietf.org" in text
        assert "https://example.org/ssh-notes" in text
        assert "Also: ssh 22/udp" in text and "Also: ssh 22/sctp" in text


async def test_detail_pane_links_aliases_both_ways_and_flags_port_problems() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        table, detail, _ = parts(app)
        await answered(pilot)
        alias, target = registry.by_name("cl/1")[0], registry.by_name("cl-1")[0]
        for shown, other in ((alias, target), (target, alias)):
            table.select_record(shown)
            await wait_until(pilot, lambda shown=shown: detail.record is shown)
            assert f"Alias: {other.label}" in detail.plain_text
        odd = registry.by_name("oddity")[0]
        table.select_record(odd)
        await wait_until(pilot, lambda: detail.record is odd)
        assert "outside 0-65535" in detail.plain_text
        x11 = registry.lookup("6000-6063/tcp")[0]
        table.select_record(x11)
        await wait_until(pilot, lambda: detail.record is x11)
        assert "User (1024-49151)" in detail.plain_text


async def test_choosing_a_related_record_in_the_detail_pane_moves_there() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(*"ssh")
        await answered(pilot)
        table, detail, _ = parts(app)
        links = detail.query_one("#detail-links")
        index = next(i for i, link in enumerate(detail.links) if link.kind == "record")
        target = detail.links[index].target
        links.focus()
        links.highlighted = index
        await pilot.press("enter")
        await wait_until(pilot, lambda: detail.record is target)
        assert table.highlighted is target


async def test_filters_by_keys_and_status_line() -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, _, _ = parts(app)
        table.focus()
        await pilot.press("1")  # hide TCP
        await filtered(pilot, "no tcp")
        assert table.results and all(r.transport_protocol != "tcp" for r in table.results)
        assert any(r.transport_protocol == "" for r in table.results)  # no protocol: kept
        assert "no tcp" in status_text(app)
        await pilot.press("1", "p")  # TCP back; System ports only
        await filtered(pilot, "System ports")
        assert table.results and all(
            r.port_high is not None and r.port_low <= 1023 for r in table.results
        )
        await pilot.press("p", "p", "p", "h")  # back to every class; hide unassigned/reserved
        await filtered(pilot, "no unassigned/reserved")
        assert all(r.status not in ("unassigned", "reserved") for r in table.results)
        expected = len([r for r in registry if r.status not in ("unassigned", "reserved")])
        assert f"{expected} of {len(registry)} records" in status_text(app)
        await pilot.press("0")
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
        await pilot.press("3")  # hide SCTP: sua is SCTP only
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


@pytest.mark.parametrize(
    ("size", "narrow"), [((80, 24), True), ((119, 40), True), ((160, 45), False)]
)
async def test_detail_pane_beside_or_below_the_table(size: tuple[int, int], narrow: bool) -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=size) as pilot:
        await answered(pilot)
        table, detail, status = parts(app)
        assert app.screen.has_class("-narrow") is narrow
        if narrow:
            assert detail.region.y >= table.region.bottom
        else:
            assert detail.region.x >= table.region.right
        assert table.region.height >= 4 and detail.region.height >= 4
        assert status.region.height == 1 and status.region.bottom <= size[1]
        assert table.render_line(0).text.strip()  # rows drawn, not blank


async def test_narrowing_the_terminal_moves_the_pane() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        assert not app.screen.has_class("-narrow")
        await pilot.resize_terminal(90, 30)
        await wait_until(pilot, lambda: app.screen.has_class("-narrow"))
        table, detail, _ = parts(app)
        await wait_until(pilot, lambda: detail.region.y >= table.region.bottom)


async def test_a_very_narrow_table_scrolls_sideways_with_its_header() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(28, 20)) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        header = app.query_one(ResultsHeader)
        assert table.virtual_size.width > table.scrollable_content_region.width
        titles = str(header.render())
        first_row = table.render_line(0).text
        table.scroll_to(x=4, animate=False)
        await wait_until(pilot, lambda: header.offset_x == 4)
        assert str(header.render()) == titles[4:]
        assert table.render_line(0).text.startswith(first_row[4:12])


async def test_a_long_empty_message_wraps_instead_of_being_cut() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(60, 24)) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        table.empty_message = "No registered service on port 49152: " + "word " * 20 + "END"
        table.show_answer([], "49152")
        lines = [table.render_line(y).text.strip() for y in range(4)]
        assert lines[0].startswith("No registered service on port 49152:")
        assert any(line.endswith("END") for line in lines[1:])


async def test_no_color_tells_the_cursor_by_text_style(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = PortsApp(small_registry())
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        assert app.no_color
        assert table.get_component_rich_style("results-table--cursor", partial=True).underline
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        table.notify_style_update()
        assert table.get_component_rich_style("results-table--cursor", partial=True).reverse


async def test_switching_to_a_light_theme_redraws_the_rows() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        before = table.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        after = table.render_line(0)
        assert after.text == before.text
        assert [s.style for s in after] != [s.style for s in before]


@pytest.mark.realdata
async def test_the_full_registry_fills_the_table_and_every_row_is_reachable() -> None:
    from conftest import shared_file

    from tui.sources import load_registry

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
