"""The browser's layout and looks with Pilot: the pane beside or below, narrow tables, colours."""

from __future__ import annotations

import pytest
from app_support import answered, parts, small_registry, wait_until

from tui.app import PortsApp
from tui.widgets import ResultsHeader, ResultsTable


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
