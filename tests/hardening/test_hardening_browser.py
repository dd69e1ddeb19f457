"""Issue 6, part 6: the browser on a hostile registry, typed into, navigated and clicked.

Every hostile record is reached by typing and by the keyboard, its detail opened, and every
place where its `[@click=…]` text is drawn is clicked: in the results table, the detail pane
and the contacts screen. A spy on `run_action` (the door every `@click` goes through) and on
`bell` records what ran; none of the actions named in the registry's text may run, and the
app must still be running on its main screen. A control test shows the spy does see a real
`@click` link, so the absence of one means something.
"""

from __future__ import annotations

from typing import Any

from app_support import answered, wait_until
from hardening_support import (
    CLICK_ACTIONS,
    assert_safe_on_screen,
    hostile_registry,
)
from rich.cells import cell_len
from screen_support import SIZE, drawn_lines, open_contacts
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.app import PortsApp
from tui.widgets import DetailPane, ResultsTable

NEEDLE = "[@click"


class Spy:
    """Records every action run and every bell rung in an app."""

    def __init__(self, app: App[Any]) -> None:
        self.actions: list[str] = []
        self.bells = 0
        run_action = app.run_action

        async def spying_run_action(action: Any, *args: Any, **kwargs: Any) -> bool:
            self.actions.append(str(action))
            return await run_action(action, *args, **kwargs)

        def spying_bell() -> None:
            self.bells += 1

        app.run_action = spying_run_action  # type: ignore[method-assign]
        app.bell = spying_bell  # type: ignore[method-assign]

    def triggered(self) -> list[str]:
        """The actions run that the registry's `[@click]` text names."""
        return [a for a in self.actions if any(name in a for name in CLICK_ACTIONS)]


async def click_needles(pilot: Pilot, widget: Widget, clip: Widget | None = None) -> int:
    """Double-click (a click, then a second one) where each line of `widget` draws "[@click"
    (inside `clip`'s region); return how many places were clicked."""
    area = (clip or widget).region
    clicks = 0
    for y, line in enumerate(drawn_lines(widget)):
        start = line.find(NEEDLE)
        x = cell_len(line[:start]) + 2  # on the "@"
        if start != -1 and area.contains(widget.region.x + x, widget.region.y + y):
            await pilot.click(widget, offset=(x, y), times=2)
            clicks += 1
    return clicks


async def test_the_spy_sees_a_real_click_link() -> None:
    class LinkApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(Content.from_markup("[@click=app.bell]ring[/]"), id="link")

    app = LinkApp()
    spy = Spy(app)
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.click("#link", offset=(1, 0))
        await pilot.pause()
    assert spy.triggered() == ["app.bell"] and spy.bells == 1


async def test_typing_navigating_and_clicking_trigger_nothing() -> None:
    registry = hostile_registry()
    app = PortsApp(registry)
    spy = Spy(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await answered(pilot)
        main_screen = app.screen
        search = app.query_one("#search", Input)
        table = app.query_one("#results", ResultsTable)
        detail = app.query_one("#detail", DetailPane)
        status = app.query_one("#status")

        # Type hostile queries; paste others, controls included.
        for query in ("[@click=app.quit]x",):
            search.value = ""
            search.focus()
            await pilot.press(*query)
            await answered(pilot)
            for line in drawn_lines(status) + drawn_lines(table):
                assert_safe_on_screen(line, f"query {query!r}")
        pasted_queries = ("evil", "quit[/]", "[bold]", "666", "東京", "port:x", "\x1b]0;pwned\x07")
        for pasted in (*pasted_queries, "\x1b[2J evil", "\u202eevil", "\x00\x9b"):
            search.value = pasted
            await answered(pilot)
            for line in drawn_lines(status) + drawn_lines(table):
                assert_safe_on_screen(line, f"pasted query {pasted!r}")
        await pilot.press("escape")
        await answered(pilot)
        assert table.results == registry.records

        # Navigate: every record's detail, by keyboard.
        table.focus()
        await pilot.press("home")
        for index, record in enumerate(registry.records):
            if index:
                await pilot.press("down")
            await wait_until(pilot, lambda r=record: detail.record is r)
            await pilot.pause()
            for line in drawn_lines(detail.query_one("#detail-fields")):
                assert_safe_on_screen(line, f"detail of {record.service_name!r}")

        # Click where the [@click] text is drawn: table cells, then each record's detail.
        assert await click_needles(pilot, table) >= 2  # the two rows showing [@click] text
        fields = detail.query_one("#detail-fields")
        clicked_in_detail = 0
        for record in registry.records:
            assert table.select_record(record)
            await wait_until(pilot, lambda r=record: detail.record is r)
            await pilot.pause()
            clicked_in_detail += await click_needles(pilot, fields, clip=detail)
        assert clicked_in_detail >= 3
        assert app.screen is main_screen and app.is_running

        # The contacts screen: click the names and details that hold [@click] text.
        contact_list = await open_contacts(pilot)
        contacts_screen = app.screen
        clicked_in_contacts = await click_needles(pilot, contact_list)
        for row in range(len(contact_list.contacts)):
            contact_list.cursor_row = row
            await pilot.pause()
            details = contacts_screen.query_one("#contact-details")
            clicked_in_contacts += await click_needles(pilot, details)
            clicked_in_contacts += await click_needles(
                pilot, contacts_screen.query_one("#contact-records")
            )
            if app.screen is not contacts_screen:  # a record was chosen: go back there
                await wait_until(pilot, lambda: app.screen is main_screen)
                contact_list = await open_contacts(pilot)
                contacts_screen = app.screen
        assert clicked_in_contacts >= 3
        # A contact named in no record, chosen: a notice, nothing else.
        nobody = next(i for i, c in enumerate(contact_list.contacts) if c.id == "Nobody")
        contact_list.cursor_row = nobody
        contact_list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is contacts_screen and app.is_running
        while app.screen is not main_screen:
            await pilot.press("escape")
            await pilot.pause()

        assert app.is_running and app.return_code is None
        assert app.screen_stack == [main_screen]
    assert spy.triggered() == [] and spy.bells == 0
    assert app.return_code is None  # not quit: the test's own exit ended it
