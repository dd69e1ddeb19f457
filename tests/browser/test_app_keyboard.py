"""The browser as a keyboard user expects: focus kept, type-to-search, `/`, relevance, one-key views."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app_support import answered, filtered, parts, small_registry, wait_until
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.pilot import Pilot

from tui.app import PortsApp
from tui.screens.contacts import ContactsScreen
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.main import MainScreen
from tui.widgets import ResultsHeader, ResultsTable, SearchBar
from tui.widgets.columns import layout_columns


def type_burst(app: App, text: str) -> None:
    """Post every key of `text` at once, as a terminal delivers fast typing (nothing waits)."""
    for character in text:
        app.post_message(events.Key(character, character))


async def open_on(pilot: Pilot, query: str) -> None:
    """Search `query` in the search bar and wait for its answer."""
    pilot.app.query_one("#search", SearchBar).value = query
    await answered(pilot)


# ---- 1. focus is never lost -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opener", "screen_type", "closer"),
    [
        ("question_mark", HelpScreen, "escape"),
        ("c", ContactsScreen, "escape"),
        ("ctrl+p", CommandPalette, "escape"),
        ("ctrl+r", HistoryScreen, "escape"),
    ],
)
async def test_closing_a_screen_gives_the_focus_back_to_the_results(
    opener: str, screen_type: type, closer: str
) -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ssh")
        table, _, _ = parts(app)
        await pilot.press("enter")
        assert app.focused is table
        await pilot.press(opener)
        await wait_until(pilot, lambda: isinstance(app.screen, screen_type), "the screen")
        await pilot.press(closer)
        await wait_until(pilot, lambda: not isinstance(app.screen, screen_type), "it to close")
        await wait_until(pilot, lambda: app.focused is table, "the focus back on the results")


async def test_closing_the_help_from_the_search_bar_gives_the_focus_back_to_it() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        bar = app.query_one("#search", SearchBar)
        assert app.focused is bar
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.focused is bar, "the focus back in the search bar")


async def test_typing_after_the_contacts_screen_searches_instead_of_acting() -> None:
    """The issue's flow: 3306, Enter, c, Esc, then `mysql` typed fast must not copy, sort, quit."""
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "22")
        table, _, _ = parts(app)
        await pilot.press("enter", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "the contacts")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.focused is table, "the results again")
        type_burst(app, "mysql")
        bar = app.query_one("#search", SearchBar)
        await wait_until(pilot, lambda: bar.value == "mysql", "mysql in the search bar")
        await answered(pilot)
        assert app.is_running and app.focused is bar
        assert table.answered == "mysql" and table.sort_column is None


async def test_keys_the_footer_shows_still_act_from_the_results() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ssh")
        table, _, _ = parts(app)
        await pilot.press("enter")
        shown = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert {"s", "c", "y", "q", "slash"} <= shown
        await pilot.press("s")
        assert table.sort_column is not None and app.focused is table
        assert app.query_one("#search", SearchBar).value == "ssh"


async def test_q_quits_only_from_the_results_where_the_footer_shows_it() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        bar = app.query_one("#search", SearchBar)
        assert "q" not in app.screen.active_bindings
        await pilot.press("q")  # in the search bar: a letter
        await wait_until(pilot, lambda: bar.value == "q", "q typed")
        assert app.is_running
        await answered(pilot)
        await pilot.press("enter")
        active = app.screen.active_bindings
        assert active["q"].binding.show and active["q"].binding.action == "app.quit"
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")


# ---- 2. `/` starts a new search ---------------------------------------------------------------


async def test_slash_selects_the_query_so_typing_replaces_it() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ftp")
        await pilot.press("enter", "slash")
        bar = app.query_one("#search", SearchBar)
        await wait_until(pilot, lambda: app.focused is bar, "the search bar")
        assert bar.selected_text == "ftp"
        type_burst(app, "ssh")
        await wait_until(pilot, lambda: bar.value == "ssh", "ssh replacing ftp")
        await answered(pilot)
        table, _, _ = parts(app)
        assert table.results[0].service_name == "ssh"
        await pilot.press("escape")  # Esc still clears
        await wait_until(pilot, lambda: bar.value == "", "the search cleared")


# ---- 3. relevance first, unless the sort is pinned --------------------------------------------


async def test_a_new_query_goes_back_to_relevance_order() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ssh")
        table, _, _ = parts(app)
        best = table.results[0]
        app.screen.sort_results("service_name", True)
        assert table.results[0] is not best or len(table.results) == 1
        header = app.query_one(ResultsHeader)
        assert header.sort_column == "service_name"
        await open_on(pilot, "ftp")
        await open_on(pilot, "ssh")
        assert table.sort_column is None and header.sort_column is None
        assert table.results[0] is best


async def test_a_pinned_sort_is_kept_by_new_queries() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ssh")
        table, _, _ = parts(app)
        await pilot.press("enter", "s")  # sort by port
        assert table.sort_column == "port_number"
        await pilot.press("f7")  # pin it
        assert app.screen.sort_pinned
        assert app.query_one(ResultsHeader).sort_pinned
        await open_on(pilot, "tcp")
        assert table.sort_column == "port_number"
        ports = [r.port_low for r in table.results if r.port_low is not None]
        assert ports == sorted(ports)
        await pilot.press("f7")  # unpinned: the next query is in relevance order again
        await open_on(pilot, "ssh")
        assert table.sort_column is None


@pytest.mark.parametrize("width", [8, 30, 60, 160])
def test_the_header_arrow_is_never_cut(width: int) -> None:
    header = ResultsHeader()
    header.columns = layout_columns(width)
    for placed in header.columns:
        for reverse in (False, True):
            header.sort_column, header.sort_reverse = placed.key, reverse
            arrow = "▼" if reverse else "▲"
            cell = header._title_cell(placed, header.rich_style).plain
            assert len(cell) == placed.width
            assert arrow in cell, (placed.column.title, placed.width, cell)
            assert cell.rstrip().endswith(arrow)


# ---- 7. one-key protocol views, and opening on a query ----------------------------------------


async def test_f2_and_f3_show_one_protocol_and_again_every_protocol() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, _, _ = parts(app)
        await pilot.press("f2")
        await filtered(pilot, "no udp/sctp/dccp")
        # Entries without a protocol (a name only) are not hidden by protocol filters.
        assert {r.transport_protocol for r in table.results} - {""} == {"tcp"}
        await pilot.press("f3")
        await filtered(pilot, "no tcp/sctp/dccp")
        assert {r.transport_protocol for r in table.results} - {""} == {"udp"}
        await pilot.press("f3")
        await filtered(pilot, "")
        assert len(table.results) == len(app.registry)


async def test_digits_typed_on_the_results_search_a_port() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        table, _, status = parts(app)
        await pilot.press("enter")
        type_burst(app, "443")
        await wait_until(pilot, lambda: table.answered == "443", "the port searched")
        assert status.filters == "" and table.results[0].port_number == "443"


async def test_the_app_opens_on_a_query_typed_and_answered() -> None:
    app = PortsApp(small_registry(), query="x11")
    async with app.run_test(size=(160, 45)) as pilot:
        bar = app.query_one("#search", SearchBar)
        assert bar.value == "x11"
        await answered(pilot)
        table, detail, _ = parts(app)
        assert table.answered == "x11" and table.results[0].service_name == "x11"
        assert detail.record is table.results[0]


# ---- 8. the README's key table says what the bindings do ---------------------------------------

README_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "down": "↓",
    "up": "↑",
    "pagedown": "pgdn",
    "pageup": "pgup",
}


def test_the_readme_key_table_lists_every_binding() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Key | What it does |") :].split("\n\n", 1)[0]
    named = {cell.lower() for cell in re.findall(r"`([^`]+)`", table)}
    for owner in (PortsApp, MainScreen, ResultsTable):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                shown = README_NAMES.get(key, key).lower()
                assert shown in named, f"{key} ({binding.description}) is not in the README"


# ---- keys that move the focus take effect before the next key ----------------------------------


async def test_keys_typed_at_once_after_enter_slash_or_esc_go_where_the_focus_went() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        bar = app.query_one("#search", SearchBar)
        table, _, _ = parts(app)
        await answered(pilot)
        type_burst(app, "ftp")
        app.post_message(events.Key("enter", "\r"))
        type_burst(app, "s")  # right after Enter: the results' sort key, not a letter
        await wait_until(pilot, lambda: table.sort_column is not None, "the sort")
        assert bar.value == "ftp"
        app.post_message(events.Key("slash", "/"))
        type_burst(app, "ssh")  # right after /: replaces the query, sorts nothing
        await wait_until(pilot, lambda: bar.value == "ssh", "ssh")
        await answered(pilot)
        assert table.sort_column is None and table.results[0].service_name == "ssh"
        await pilot.press("enter")
        app.post_message(events.Key("escape", "\x1b"))
        type_burst(app, "sua")  # right after Esc: a new query, not a sort
        await wait_until(pilot, lambda: bar.value == "sua", "sua")
        await answered(pilot)
        assert table.sort_column is None and table.results[0].service_name == "sua"
