"""What the browser remembers between runs, its search history, links, selection, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import answered, filtered, parts, small_registry, wait_until
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import OptionList

from tui.app import PortsApp
from tui.screens.contacts import ContactsScreen
from tui.screens.history import HistoryScreen
from tui.settings import (
    HISTORY_SIZE,
    Settings,
    history_path,
    read_history,
    read_settings,
    remember,
    settings_from_json,
    settings_path,
    write_history,
    write_settings,
)
from tui.widgets import DetailPane, SearchBar

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=20,
)
SETTING_NAMES = st.sampled_from(list(Settings.__dataclass_fields__))


async def open_on(pilot: Pilot, query: str) -> None:
    """Search `query` and wait for its answer."""
    pilot.app.query_one("#search", SearchBar).value = query
    await answered(pilot)


# ---- 6. the settings store, Textual-free --------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.one_of(JSON, st.dictionaries(SETTING_NAMES, JSON, max_size=7)))
def test_any_json_gives_settings_of_the_right_types(raw: object) -> None:
    remembered, _ = settings_from_json(raw)
    assert isinstance(remembered.theme, str)
    assert remembered.sort_column is None or isinstance(remembered.sort_column, str)
    assert isinstance(remembered.sort_reverse, bool) and isinstance(remembered.sort_pinned, bool)
    assert all(isinstance(p, str) for p in remembered.hidden_protocols)
    assert remembered.port_class is None or isinstance(remembered.port_class, str)
    assert isinstance(remembered.hide_unassigned, bool)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_a_damaged_settings_file_is_ignored_with_a_notice(data: bytes) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    remembered, problem = read_settings()
    assert isinstance(remembered, Settings)
    if remembered == Settings() and problem:
        assert str(path) in problem


def test_settings_and_history_round_trip_and_the_history_keeps_the_last_100() -> None:
    chosen = Settings(theme="nord", sort_column="port_number", sort_pinned=True)
    assert write_settings(chosen) == ""
    assert read_settings() == (chosen, "")
    queries: list[str] = []
    for number in range(HISTORY_SIZE + 20):
        queries = remember(queries, f"q{number}")
    queries = remember(queries, "q50")  # searched again: moved to the newest place
    assert len(queries) == HISTORY_SIZE and queries[-1] == "q50" and queries.count("q50") == 1
    assert remember(queries, "   ") is queries
    assert write_history(queries) == ""
    assert read_history() == (queries, "")
    assert not list(history_path().parent.glob("*.part"))  # written atomically, no leftovers


def test_an_unwritable_settings_dir_is_a_notice_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    problem = write_settings(Settings(), blocked / "settings.json")
    assert problem.startswith("Could not save") and "settings.json" in problem


# ---- 6. remembered by the browser -------------------------------------------------------------


async def test_theme_pinned_sort_and_filters_are_remembered_between_runs() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        app.theme = "nord"
        await pilot.press("enter", "s", "f7")  # sort by port, pinned
        await pilot.press("f2")
        await filtered(pilot, "no udp/sctp/dccp")
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["theme"] == "nord" and saved["sort_pinned"] is True

    again = PortsApp(small_registry())
    async with again.run_test(size=(160, 45)) as pilot:
        await filtered(pilot, "no udp/sctp/dccp")
        table, _, _ = parts(again)
        assert again.theme == "nord"
        assert again.screen.sort_pinned and table.sort_column == "port_number"


async def test_a_corrupt_settings_file_is_ignored_with_a_notice() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await wait_until(pilot, lambda: app._notifications, "a notice")
        said = [n.message for n in app._notifications]
        assert any("not valid JSON" in message and str(path) in message for message in said)
        assert app.is_running


async def test_an_unwritable_config_dir_does_not_stop_the_browser() -> None:
    folder = settings_path().parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the config dir should be")  # unwritable, even for root
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await pilot.press("f2")
        await filtered(pilot, "no udp/sctp/dccp")
        assert any("Could not save" in n.message for n in app._notifications)
        assert app.is_running


# ---- 6. search history --------------------------------------------------------------------------


async def test_queries_are_kept_and_ctrl_r_searches_one_again() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        for query in ("ftp", "x11"):
            await open_on(pilot, query)
            await pilot.press("enter")  # leaving the search bar keeps the query
            app.query_one("#search").focus()
            await pilot.pause()
        await wait_until(pilot, lambda: read_history()[0] == ["ftp", "x11"], "the history saved")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        options = app.screen.query_one(OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(2)] == ["x11", "ftp"]
        await pilot.press("down", "enter")
        bar = app.query_one("#search", SearchBar)
        await wait_until(pilot, lambda: bar.value == "ftp", "ftp searched again")
        await answered(pilot)


async def test_up_on_an_empty_search_bar_brings_back_the_last_query() -> None:
    write_history(["ssh", "ftp"])
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await pilot.press("up")
        bar = app.query_one("#search", SearchBar)
        await wait_until(pilot, lambda: bar.value == "ftp", "the last query")
        await answered(pilot)
        table, _, _ = parts(app)
        before = table.cursor_row
        await pilot.press("down", "up")  # with a query, the arrows move the cursor again
        assert bar.value == "ftp" and table.cursor_row == before


# ---- 4. links -----------------------------------------------------------------------------------


async def test_tab_lands_on_the_first_link_highlighted_and_enter_follows_it() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ssh")
        _, detail, _ = parts(app)
        await pilot.press("enter", "tab")
        links = detail.query_one("#detail-links", OptionList)
        await wait_until(pilot, lambda: app.focused is links, "the links")
        assert links.highlighted == 0
        first = detail.links[0]
        assert first.kind == "contact"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "the contacts")
        assert app.screen.contact_id == first.target


async def test_enter_on_a_url_link_copies_it_where_no_browser_can_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("tui.screens.main_actions.browser_reachable", lambda: False)
    app = PortsApp(small_registry())
    copied: list[str] = []
    async with app.run_test(size=(160, 45)) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await open_on(pilot, "ssh")
        _, detail, _ = parts(app)
        links = detail.query_one("#detail-links", OptionList)
        url_index = next(i for i, link in enumerate(detail.links) if link.kind == "url")
        await pilot.press("enter", "tab")
        await wait_until(pilot, lambda: app.focused is links, "the links")
        for _ in range(url_index):
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: copied, "the link copied")
        assert copied == [detail.links[url_index].target]
        assert any("link was copied" in (n.title or "") for n in app._notifications)


# ---- 9. text selection --------------------------------------------------------------------------


async def test_select_all_works_on_the_results_and_selects_the_detail_text() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ssh")
        table, detail, _ = parts(app)
        table.text_select_all()  # Textual's select-all queries the widget: nothing shadows it
        app.screen.clear_selection()
        detail.text_select_all()
        await pilot.pause()
        selected = app.screen.get_selected_text() or ""
        assert "The Secure Shell (SSH) Protocol" in selected
        assert DetailPane.ALLOW_SELECT


# ---- 11. a search worker that raises ------------------------------------------------------------


async def test_a_failing_search_is_said_in_the_status_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("ranking exploded")

    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await app.workers.wait_for_complete()
        monkeypatch.setattr("tui.search.rank.QueryPlan.rank", broken)
        app.query_one("#search", SearchBar).value = "ssh"
        _, _, status = parts(app)
        await wait_until(pilot, lambda: status.error, "the error")
        assert status.error == "Search failed: RuntimeError: ranking exploded"
        assert "\n" not in status.error and app.is_running
        monkeypatch.undo()
        app.query_one("#search", SearchBar).value = "ftp"
        await answered(pilot)
        assert status.error == ""


async def test_a_failing_contact_search_is_said_the_same_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("contact ranking exploded")

    monkeypatch.setattr("tui.search.contacts.ContactIndex.search", broken)
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await pilot.press("enter", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "the contacts")
        status = app.screen.query_one("#contact-status")
        expected = "Search failed: RuntimeError: contact ranking exploded"
        await wait_until(pilot, lambda: str(status.render()) == expected, "the error")
        assert app.is_running
