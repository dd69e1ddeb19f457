"""Registry text is data: markup-like text and escape sequences are shown literally, never run."""

from __future__ import annotations

from app_support import (
    ESCAPE_DESCRIPTION,
    HOSTILE_DESCRIPTION,
    answered,
    markup_registry,
    wait_until,
)
from textual.geometry import Region
from textual.widget import Widget

from tui.app import PortsApp
from tui.widgets import DetailPane, ResultsTable


def screen_lines(widget: Widget) -> list[str]:
    """The text a widget draws on the terminal, line by line."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [strip.text for strip in strips]


async def test_markup_and_escapes_in_the_table_are_shown_literally() -> None:
    app = PortsApp(markup_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        lines = [table.render_line(y).text for y in range(len(table.results))]
        assert HOSTILE_DESCRIPTION in lines[0]
        assert "Evil ␛]0;pwned␇ title ␛[31mred" in lines[1]
        assert "Unassigned [was netstat]" in lines[2]
        assert "File Transfer [Default Data]" in lines[3]
        assert not any("\x1b" in line or "\x07" in line for line in lines)
        # Clicking the text that looks like an action link does nothing but select the row.
        description = next(p for p in table.columns if p.key == "description")
        await pilot.click("#results", offset=(description.x + 2, 0))
        await pilot.click("#results", offset=(description.x + 2, 0))
        assert app.is_running and table.cursor_row == 0


async def test_the_detail_pane_shows_hostile_fields_and_contacts_literally() -> None:
    registry = markup_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        detail = app.query_one("#detail", DetailPane)
        drawn = "\n".join(screen_lines(detail.query_one("#detail-fields")))
        assert HOSTILE_DESCRIPTION in drawn
        links = "\n".join(screen_lines(detail.query_one("#detail-links")))
        assert "[@click=app.quit]Mal[/]" in links
        assert "[red]Org[/red]" in links
        await pilot.click("#detail-links", offset=(12, 0))
        assert app.is_running

        table = app.query_one("#results", ResultsTable)
        table.select_record(registry.records[1])
        await wait_until(pilot, lambda: detail.record is registry.records[1])
        drawn = "\n".join(screen_lines(detail.query_one("#detail-fields")))
        assert "[bold]not bold[/bold]" in drawn
        assert "␛]0;pwned␇" in drawn and "\x1b" not in drawn
        assert ESCAPE_DESCRIPTION not in drawn


async def test_hostile_text_in_the_query_and_status_line_is_harmless() -> None:
    app = PortsApp(markup_registry())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"[@click=app.quit]x[/]")
        await answered(pilot)
        assert app.is_running
        table = app.query_one("#results", ResultsTable)
        # Either the hostile record is found, or the "nothing matches" line quotes the query.
        found = any(r.description == HOSTILE_DESCRIPTION for r in table.results)
        assert found or "[@click=app.quit]x[/]" in table.render_line(0).text


async def test_copy_notification_of_hostile_text_is_literal() -> None:
    app = PortsApp(markup_registry())
    shown: list[tuple[str, object]] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        app.notify = lambda message, **kw: shown.append((message, kw.get("markup")))  # type: ignore[method-assign]
        table = app.query_one("#results", ResultsTable)
        table.focus()
        await pilot.press("down", "y")
        message, markup = shown[-1]
        assert markup is False
        assert "␛]0;pwned␇" in message and "\x1b" not in message
        assert "\x1b]0;pwned\x07" in app.clipboard  # the clipboard gets the data itself
