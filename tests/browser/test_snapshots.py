"""How the browser looks: SVG snapshots of its main screens on the bundled excerpt.

pytest-textual-snapshot compares each screenshot with the accepted one under
`tests/__snapshots__/`; after a deliberate change of looks, regenerate them with
`pytest tests/test_snapshots.py --snapshot-update` and look at every changed SVG before
committing. One class per feature; fixed terminal sizes; the registry is the bundled
excerpt (conftest keeps the user's own registry away); query times are hidden and the
cursor does not blink, so a screenshot does not depend on the machine's speed.

Snapshots only say "it looks as it did"; the behaviour is tested in test_app*.py and
test_screens_*.py.
"""

from __future__ import annotations

from app_support import wait_until
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import PortsApp
from tui.registry.sources import sample_path
from tui.screens import ContactsScreen, HelpScreen
from tui.widgets.contact_list import ContactList

WIDE = (160, 45)
NARROW = (80, 24)


def browser() -> PortsApp:
    """The app on the bundled sample (the excerpt), without query times."""
    return PortsApp(source=sample_path(), show_timing=False, remember=False)


async def results_answer(pilot: Pilot, query: str) -> None:
    """Wait until the results table shows the answer to `query`."""
    results = pilot.app.screen.query_one("#results")
    await wait_until(pilot, lambda: results.answered == query, f"results for {query!r}")


async def typed(pilot: Pilot, query: str) -> None:
    """Once the full list is shown, type `query` and wait for its answer."""
    await results_answer(pilot, "")
    await pilot.press(*query)
    await results_answer(pilot, query)


async def steady(pilot: Pilot) -> None:
    """Stop every cursor blinking (it would make the picture depend on timing) and settle."""
    for screen in pilot.app.screen_stack:
        for search in screen.query(Input):
            search.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def on_results(pilot: Pilot) -> None:
    """Start the browser, wait for the full list, and put the focus on the table."""
    await results_answer(pilot, "")
    pilot.app.screen.query_one("#results").focus()


async def open_contacts(pilot: Pilot, typed: str) -> None:
    """From the table, open the contacts screen and search it for `typed`."""
    await on_results(pilot)
    await pilot.press("c")
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "the contacts")
    if typed:
        await pilot.press(*typed)
    contact_list = app.screen.query_one(ContactList)
    await wait_until(pilot, lambda: contact_list.answered == typed, f"contacts for {typed!r}")
    await wait_until(
        pilot,
        lambda: app.screen.contact is contact_list.highlighted,
        "the highlighted contact's details",
    )


class TestStartScreen:
    def test_wide(self, snap_compare) -> None:
        """The whole excerpt in registry order, the first record's details beside it."""

        async def run_before(pilot: Pilot) -> None:
            await results_answer(pilot, "")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=WIDE, run_before=run_before)

    def test_narrow_80x24(self, snap_compare) -> None:
        """At 80x24 the detail pane goes below the table and nothing is cut off badly."""

        async def run_before(pilot: Pilot) -> None:
            await results_answer(pilot, "")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=NARROW, run_before=run_before)


class TestSearch:
    def test_search_with_its_detail(self, snap_compare) -> None:
        """A typed query: matches highlighted, the best one's details with its contact."""

        async def run_before(pilot: Pilot) -> None:
            await typed(pilot, "finger")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=WIDE, run_before=run_before)

    def test_search_narrow_80x24(self, snap_compare) -> None:
        """At 80x24 a short answer leaves the detail pane the room for the whole record."""

        async def run_before(pilot: Pilot) -> None:
            await typed(pilot, "gopher")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=NARROW, run_before=run_before)

    def test_nothing_found_narrow_80x24(self, snap_compare) -> None:
        """Nothing found in the excerpt: the message says so and points to the full registry."""

        async def run_before(pilot: Pilot) -> None:
            await typed(pilot, "ftp")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=NARROW, run_before=run_before)


class TestThemes:
    def test_light_theme(self, snap_compare) -> None:
        """Textual's light theme: the cursor row, matches and hint stay readable."""

        async def run_before(pilot: Pilot) -> None:
            await typed(pilot, "finger")
            pilot.app.theme = "textual-light"
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=(120, 30), run_before=run_before)

    def test_no_color(self, snap_compare, monkeypatch) -> None:
        """NO_COLOR: the cursor and matches are told apart by text style alone."""
        monkeypatch.setenv("NO_COLOR", "1")

        async def run_before(pilot: Pilot) -> None:
            await typed(pilot, "finger")
            pilot.app.screen.query_one("#results").focus()
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=(120, 30), run_before=run_before)


class TestContacts:
    def test_contacts_searched(self, snap_compare) -> None:
        """The contacts screen searched with a typo, its records listed."""

        async def run_before(pilot: Pilot) -> None:
            await open_contacts(pilot, "postle")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=WIDE, run_before=run_before)

    def test_contacts_narrow_80x24(self, snap_compare) -> None:
        """At 80x24 the chosen contact goes below the list."""

        async def run_before(pilot: Pilot) -> None:
            await open_contacts(pilot, "")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=NARROW, run_before=run_before)


class TestHelp:
    def test_help(self, snap_compare) -> None:
        """? lists every key with its description, then the query language."""

        async def run_before(pilot: Pilot) -> None:
            await on_results(pilot)
            await pilot.press("question_mark")
            app = pilot.app
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
            await steady(pilot)

        assert snap_compare(browser(), terminal_size=WIDE, run_before=run_before)
