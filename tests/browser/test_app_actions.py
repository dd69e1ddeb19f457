"""The browser's actions with Pilot: copy, export, links, palette, help, contacts, quitting."""

from __future__ import annotations

import base64
import csv
import json
from pathlib import Path

import pytest
from app_support import answered, filtered, small_registry, wait_until
from textual.screen import Screen

from tui.app import PortsApp
from tui.clipboard import record_line
from tui.registry.documents import record_document
from tui.registry.model import CSV_HEADER, FIELDS, Record, Registry
from tui.registry.origin import SourceKind
from tui.screens import main_openers as main_screen
from tui.screens.contacts import ChosenRecord
from tui.web_browser import browser_reachable
from tui.widgets import DetailPane, ResultsTable


class NotifySpy:
    """Stands in for App.notify and keeps every message."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: str, **kwargs: object) -> None:
        self.messages.append(message)


async def open_on(pilot, name: str) -> Record:
    """Search `name` and return the highlighted record (the first answer)."""
    await pilot.press(*name)
    await answered(pilot)
    record = pilot.app.query_one("#results", ResultsTable).highlighted
    assert record is not None
    return record


async def test_y_copies_one_line_and_Y_json_with_a_notification() -> None:
    app = PortsApp(small_registry())
    spy = NotifySpy()
    async with app.run_test(size=(160, 45)) as pilot:
        app.notify = spy  # type: ignore[method-assign]
        ssh = await open_on(pilot, "ssh")
        app.query_one("#results").focus()
        await pilot.press("y")
        assert app.clipboard == record_line(ssh)
        assert "ssh 22/" in app.clipboard and "\n" not in app.clipboard
        assert spy.messages[-1] == app.clipboard
        await pilot.press("Y")
        copied = json.loads(app.clipboard)
        assert copied == record_document(ssh, app.registry)  # the shape of `show --format json`
        assert {name: copied[name] for name in FIELDS} == ssh.to_dict()
        assert copied["assignee_contacts"][0]["name"] == "IETF Chair"
        assert spy.messages[-1].startswith("{")


async def test_copy_inside_tmux_is_wrapped_for_passthrough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        app.copy_to_clipboard("héllo")
        payload = base64.b64encode("héllo".encode()).decode()
        sent = "".join(written)
        assert f"\x1b]52;c;{payload}\a" in sent
        assert f"\x1bPtmux;\x1b\x1b]52;c;{payload}\a\x1b\\" in sent
        assert app.clipboard == "héllo"


async def test_o_opens_the_first_reference_and_says_where(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    app = PortsApp(small_registry())
    spy = NotifySpy()
    opened: list[str] = []
    async with app.run_test(size=(160, 45)) as pilot:
        app.notify = spy  # type: ignore[method-assign]
        app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
        await open_on(pilot, "ssh")
        app.query_one("#results").focus()
        await pilot.press("o")
        assert opened == ["https://www.rfc-editor.org/rfc/rfc4251"]
        assert "https://www.rfc-editor.org/rfc/rfc4251" in spy.messages[-1]


async def test_without_a_display_o_copies_the_link_instead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("tui.web_browser.sys.platform", "linux")
    app = PortsApp(small_registry())
    spy = NotifySpy()
    opened: list[str] = []
    async with app.run_test(size=(160, 45)) as pilot:
        app.notify = spy  # type: ignore[method-assign]
        app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
        await open_on(pilot, "ssh")
        app.query_one("#results").focus()
        await pilot.press("o")
        assert opened == []  # a console browser would take over this very terminal
        assert app.clipboard == "https://www.rfc-editor.org/rfc/rfc4251"
        assert spy.messages[-1] == "https://www.rfc-editor.org/rfc/rfc4251"


def test_a_browser_is_reachable_with_a_display_or_on_a_desktop_system() -> None:
    assert not browser_reachable({}, "linux")
    assert not browser_reachable({"DISPLAY": " "}, "linux")
    assert browser_reachable({"DISPLAY": ":0"}, "linux")
    assert browser_reachable({"WAYLAND_DISPLAY": "wayland-0"}, "freebsd")
    assert browser_reachable({"BROWSER": "firefox"}, "linux")
    assert browser_reachable({}, "darwin") and browser_reachable({}, "win32")


async def test_choosing_a_reference_in_the_detail_pane_opens_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    app = PortsApp(small_registry())
    opened: list[str] = []
    async with app.run_test(size=(160, 45)) as pilot:
        app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
        await open_on(pilot, "ssh")
        detail = app.query_one("#detail", DetailPane)
        urls = [link.target for link in detail.links if link.kind == "url"]
        assert urls[1] == "https://example.org/ssh-notes"
        links = detail.query_one("#detail-links")
        links.focus()
        links.highlighted = next(i for i, link in enumerate(detail.links) if link.target == urls[1])
        await pilot.press("o")
        assert opened == [urls[1]]
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(opened) == 2)
        assert opened[1] == urls[1]


async def test_export_from_the_palette_writes_the_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(*"x11")
        await answered(pilot)
        shown = list(app.query_one("#results", ResultsTable).results)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.id == "--command-palette")
        await pilot.press(*"Export results to CSV")
        await pilot.pause()  # let the palette search run once, then pick its first hit
        await wait_until(pilot, lambda: _palette_has_hits(app))
        await pilot.press("enter")
        target = tmp_path / "iana-ports-results.csv"
        await wait_until(pilot, target.exists)
        await app.workers.wait_for_complete()
        rows = list(csv.reader(target.open(encoding="utf-8")))
        assert rows[0] == list(CSV_HEADER)
        assert rows[1:] == [r.to_row() for r in shown]


def _palette_has_hits(app: PortsApp) -> bool:
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    return bool(lists) and lists.first().option_count > 0


async def test_palette_discovers_commands_and_json_export_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        screen = app.screen

        def palette() -> list:
            """The commands Textual's palette offers on this screen."""
            return list(app.get_system_commands(screen))

        titles = [c.title for c in palette()]
        for title in (
            "Hide TCP records",
            "Only System ports",
            "Hide Unassigned/Reserved",
            "Export results to CSV",
            "Export results to JSON",
            "Sort by port",
        ):
            assert title in titles
        command = next(c for c in palette() if c.title == "Hide UDP records")
        command.callback()
        await filtered(pilot, "no udp")
        assert "Show UDP records" in [c.title for c in palette()]
        assert all(r.transport_protocol != "udp" for r in screen.table.results)
        export = next(c for c in palette() if c.title == "Export results to JSON")
        export.callback()
        target = tmp_path / "iana-ports-results.json"
        await wait_until(pilot, target.exists)
        await app.workers.wait_for_complete()
        assert json.loads(target.read_text(encoding="utf-8")) == [
            record_document(r, app.registry) for r in screen.table.results
        ]


async def test_question_mark_opens_help_listing_every_key() -> None:
    from tui.screens.help import HelpScreen

    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        app.query_one("#results").focus()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        said = dict(app.screen.bindings)  # key(s) -> what they do
        assert said["slash"] == "A new search: the query selected, typing replaces it"
        assert said["down"] == "Next"
        assert said["ctrl+q,q"] == "Quit"
        assert said["question_mark"] == "This help: every key"
        assert said["f1"] == "This help, also from the search bar"
        assert said["alt+1"] == "Hide or show TCP records"
        assert said["f2"] == "Only TCP records (again: every protocol)"
        assert said["ctrl+r"].startswith("The last queries")
        assert said["y"] == "Copy the record as one line" and said["Y"] == "Copy the record as JSON"
        assert said["o"].startswith("Open the record's reference")
        assert "tab,shift+tab" in said and "enter" in said and "ctrl+p" in said
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))
        assert app.query_one("#results")


class FakeContacts(Screen[ChosenRecord | None]):
    """Records how it was opened; the test dismisses it with a record."""

    opened: list[tuple[Registry, str | None]] = []
    people: list[list[str]] = []

    def __init__(
        self,
        registry: Registry,
        contact_id: str | None = None,
        *,
        people: list[str] | None = None,
        about: str = "",
    ) -> None:
        super().__init__()
        FakeContacts.opened.append((registry, contact_id))
        FakeContacts.people.append(list(people or []))


@pytest.fixture
def fake_contacts(monkeypatch: pytest.MonkeyPatch) -> type[FakeContacts]:
    FakeContacts.opened = []
    FakeContacts.people = []
    real = main_screen._screen_class

    def screen_class(module: str, name: str):
        return FakeContacts if module == "contacts" else real(module, name)

    monkeypatch.setattr(main_screen, "_screen_class", screen_class)
    return FakeContacts


async def test_c_opens_contacts_and_a_chosen_record_is_shown(fake_contacts) -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "x11")  # a record with an assignee and no contact
        table = app.query_one("#results", ResultsTable)
        table.focus()
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, FakeContacts))
        # On the highlighted record's people: its assignee (and contact, when it has one).
        assert fake_contacts.opened == [(registry, "Stephen_Gildea")]
        assert fake_contacts.people == [["Stephen_Gildea"]]
        ftp = registry.by_name("ftp")[0]
        app.screen.dismiss(ChosenRecord(ftp, "Jon_Postel"))
        detail = app.query_one("#detail", DetailPane)
        await wait_until(pilot, lambda: table.highlighted is ftp and detail.record is ftp)
        # The list explains itself: every record naming the contact the record came from.
        assert app.query_one("#search").value == "by:Jon_Postel"
        await answered(pilot)
        assert table.answered == "by:Jon_Postel" and ftp in table.results
        assert {r.service_name for r in table.results} == {"ftp", "ftp-data"}
        assert app.focused is table and table.highlighted is ftp
        top = table.scroll_offset.y
        assert top <= table.cursor_row < top + table.scrollable_content_region.height


async def test_c_opens_contacts_on_both_people_of_a_record(fake_contacts) -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ftp")
        table = app.query_one("#results", ResultsTable)
        table.focus()
        assert table.highlighted is not None and table.highlighted.service_name == "ftp"
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, FakeContacts))
        assert fake_contacts.people == [["Jon_Postel"]]  # assignee and contact are one person


async def test_a_contact_chosen_in_the_detail_pane_opens_its_screen(fake_contacts) -> None:
    registry = small_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_on(pilot, "ftp")
        detail = app.query_one("#detail", DetailPane)
        index = next(i for i, link in enumerate(detail.links) if link.kind == "contact")
        links = detail.query_one("#detail-links")
        links.focus()
        links.highlighted = index
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FakeContacts))
        assert fake_contacts.opened == [(registry, detail.links[index].target)]
        app.screen.dismiss(None)
        await wait_until(pilot, lambda: not isinstance(app.screen, FakeContacts))


async def test_the_real_contacts_screen_opens_on_c() -> None:
    from tui.screens.contacts import ContactsScreen

    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        app.query_one("#results").focus()
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen))
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: app.query("#results"))


async def test_q_quits_outside_the_search_bar_only() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("q")
        await answered(pilot)
        assert app.query_one("#search").value == "q" and app.is_running
        app.query_one("#results").focus()
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running)


async def test_ctrl_q_quits_from_the_search_bar() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)


async def test_the_bundled_snapshot_names_its_date_and_age() -> None:
    app = PortsApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        assert app.registry.origin.kind == SourceKind.BUNDLED
        status = str(app.query_one("#status").render())
        assert "bundled snapshot of 2026-08-17 (" in status and "days ago)" in status


async def test_a_path_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "ports.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        writer.writerow(["ssh", "22", "tcp", "SSH", "", "", "", "", "", "", "", ""])
    app = PortsApp(str(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        assert [r.service_name for r in app.query_one("#results").results] == ["ssh"]
        assert "ports.csv (CSV)" in str(app.query_one("#status").render())
