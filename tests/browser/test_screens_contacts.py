"""The contacts screen, mounted alone in a small host app and driven with Pilot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from app_support import wait_until
from conftest import shared_file
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tui.registry.formats import load_path
from tui.registry.model import Contact, Record, Registry
from tui.screens import ContactsScreen
from tui.screens.contacts import ChosenRecord
from tui.search.contacts import ContactIndex, search_contacts
from tui.widgets.contact_list import ContactList

HOSTILE_NAME = "[@click=app.quit]x[/]"


def hand_built_registry() -> Registry:
    """A few contacts of every shape, and records naming them as assignee and contact."""
    contacts = [
        Contact("Jon_Postel", "Jon Postel", "", "mailto:postel&isi.edu", "2010-01-01"),
        Contact("Bill_Croft", "Bill Croft", "", "mailto:Croft&sumex-aim.stanford.edu"),
        Contact("Bob_Braden", "Bob Braden", "USC/ISI", "mailto:Braden&isi.edu"),
        Contact("IETF_Chair", "IETF Chair", "IETF", "mailto:chair&ietf.org", "2019-06-01"),
        Contact("Acme", "", "Acme Widgets Incorporated", "https://acme.example/ports"),
        Contact("Mallory", HOSTILE_NAME, "[bold]Org[/bold]", "mailto:m&evil.example"),
        Contact("Escaper", "Esc \x1b]0;owned\x07 Name", "", ""),
    ]
    records = [
        Record(
            service_name="tcpmux",
            port_number="1",
            transport_protocol="tcp",
            description="TCP Port Service Multiplexer",
            assignee="[Jon_Postel]",
            contact="[Jon_Postel]",
        ),
        Record(
            service_name="ftp",
            port_number="21",
            transport_protocol="tcp",
            description="File Transfer Protocol [Control]",
            assignee="[Jon_Postel]",
            contact="[IETF_Chair]",
        ),
        Record(
            service_name="ssh",
            port_number="22",
            transport_protocol="tcp",
            description="The Secure Shell (SSH) Protocol",
            assignee="[IETF_Chair]",
            contact="[IETF_Chair]",
        ),
        Record(
            service_name="widget",
            port_number="4000-4010",
            transport_protocol="udp",
            description="Acme widgets",
            assignee="[Acme]",
            contact="[Acme]",
        ),
        Record(
            service_name="evil",
            port_number="666",
            transport_protocol="tcp",
            description="[@click=app.quit]boom[/]",
            assignee="[Mallory]",
            contact="[Mallory]",
        ),
    ]
    return Registry(
        records=records,
        contacts={contact.id: contact for contact in contacts},
        source="hand-built",
    )


class ScreenHost(App[None]):
    """Pushes one screen at start and keeps what it is dismissed with."""

    def __init__(self, make_screen: Callable[[], ContactsScreen]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.dismissed: list[ChosenRecord | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.dismissed.append)


def screen_text(app: App) -> str:
    """What the active screen shows, as plain text (the compositor's own render)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def widget_text(app: App, selector: str) -> str:
    """What one widget of the active screen shows, as plain text (its region of the screen)."""
    region = app.screen.query_one(selector).region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips)


def contact_list(app: App) -> ContactList:
    return app.screen.query_one(ContactList)


async def search_for(pilot: Pilot, text: str) -> list[Contact]:
    """Type `text` into the search bar and wait until the list answers it."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.focused, Input), "the search bar")
    await pilot.press(*text)
    await wait_until(pilot, lambda: contact_list(app).answered == text, f"results for {text!r}")
    await wait_until(
        pilot,
        lambda: app.screen.contact is contact_list(app).highlighted,
        "the screen to show the highlighted contact",
    )
    return contact_list(app).contacts


def host(registry: Registry, contact_id: str | None = None) -> ScreenHost:
    return ScreenHost(lambda: ContactsScreen(registry, contact_id))


async def test_empty_query_lists_every_contact_by_id() -> None:
    registry = hand_built_registry()
    app = host(registry)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(contact_list(app).contacts) == 7, "all contacts")
        ids = [c.id for c in contact_list(app).contacts]
        assert ids == sorted(ids, key=str.lower)
        await wait_until(pilot, lambda: "7 contacts" in screen_text(app), "the count")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Jon Postle", "Jon_Postel"),  # misspelled name
        ("postel jon", "Jon_Postel"),  # words in any order
        ("acme widgets", "Acme"),  # organization
        ("croft@sumex", "Bill_Croft"),  # e-mail, with IANA's & decoded to @
        ("IETF_Ch", "IETF_Chair"),  # id prefix
    ],
)
async def test_fuzzy_search_finds_contact(typed: str, expected: str) -> None:
    app = host(hand_built_registry())
    async with app.run_test(size=(120, 40)) as pilot:
        found = await search_for(pilot, typed)
        assert found, f"nothing found for {typed!r}"
        assert found[0].id == expected
        assert contact_list(app).highlighted is found[0]


async def test_search_that_matches_nothing_says_so() -> None:
    app = host(hand_built_registry())
    async with app.run_test(size=(120, 40)) as pilot:
        assert await search_for(pilot, "zzqqxx") == []
        await wait_until(pilot, lambda: "No contact matches" in screen_text(app), "the message")
        assert app.screen.records == []


async def test_highlighted_contact_shows_details_and_records() -> None:
    registry = hand_built_registry()
    app = host(registry)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "postel")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.records == [registry.records[0], registry.records[1]]
        await wait_until(pilot, lambda: "postel@isi.edu" in screen_text(app), "the e-mail")
        text = screen_text(app)
        assert "2010-01-01" in text
        assert "tcpmux" in text and "(assignee, contact)" in text
        assert "ftp" in text and "(assignee)" in text


async def test_enter_chooses_contact_then_enter_on_record_dismisses_with_it() -> None:
    registry = hand_built_registry()
    app = host(registry)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "ietf chair")
        await pilot.press("enter")
        records_list = app.screen.query_one("#contact-records", OptionList)
        await wait_until(pilot, lambda: app.focused is records_list, "the records list")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.dismissed != [], "the screen to close")
        assert app.dismissed == [(registry.records[2], app.dismissed[0].contact_id)]
        assert app.dismissed[0].record is registry.records[2]


async def test_contact_id_preselects_that_contact() -> None:
    registry = hand_built_registry()
    app = host(registry, contact_id="IETF_Chair")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(
            pilot,
            lambda: app.screen.contact is not None and app.screen.contact.id == "IETF_Chair",
            "IETF_Chair highlighted",
        )
        assert contact_list(app).highlighted is app.screen.contact
        assert app.screen.records == [registry.records[1], registry.records[2]]
        await wait_until(pilot, lambda: "chair@ietf.org" in screen_text(app), "its details")


async def test_unknown_contact_id_is_reported() -> None:
    app = host(hand_built_registry(), contact_id="Nobody_Here")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(
            pilot, lambda: "no contact Nobody_Here" in screen_text(app), "the missing-id note"
        )
        assert contact_list(app).cursor_row == 0


async def test_registry_without_contacts_says_so_and_esc_closes() -> None:
    registry = hand_built_registry()
    registry.contacts = {}
    app = host(registry)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "no contact table" in screen_text(app), "the message")
        assert not app.screen.query(ContactList)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.dismissed == [None], "the screen to close")


async def test_escape_steps_back_then_clears_search_then_closes() -> None:
    app = host(hand_built_registry())
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "postel")
        await pilot.press("enter")
        screen = app.screen
        records_list = screen.query_one("#contact-records")
        await wait_until(pilot, lambda: app.focused is records_list, "the records list")
        await pilot.press("escape")
        assert app.focused is contact_list(app)
        await pilot.press("escape")
        search = screen.query_one("#contact-search", Input)
        assert search.value == ""
        await wait_until(pilot, lambda: len(contact_list(app).contacts) == 7, "the full list")
        assert app.dismissed == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.dismissed == [None], "the screen to close")


async def test_arrows_in_search_bar_move_the_contact_cursor() -> None:
    app = host(hand_built_registry())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(contact_list(app).contacts) == 7, "all contacts")
        first, second = contact_list(app).contacts[:2]
        await pilot.press("down")
        assert contact_list(app).highlighted is second
        assert isinstance(app.focused, Input)
        await wait_until(pilot, lambda: app.screen.contact is second, "the details to follow")
        await pilot.press("up")
        assert contact_list(app).highlighted is first


async def test_list_keys_and_click_move_the_cursor() -> None:
    app = host(hand_built_registry())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(contact_list(app).contacts) == 7, "all contacts")
        contact_list(app).focus()
        await pilot.press("end")
        assert contact_list(app).cursor_row == 6
        await pilot.press("k", "k")
        assert contact_list(app).cursor_row == 4
        await pilot.press("home", "j")
        assert contact_list(app).cursor_row == 1
        # The list has a one-cell border: content row 3 is screen row 4 of the widget.
        await pilot.click(ContactList, offset=(3, 4))
        assert contact_list(app).cursor_row == 3


async def test_hostile_contact_text_is_shown_literally_and_triggers_nothing() -> None:
    app = host(hand_built_registry(), contact_id="Mallory")
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_until(
            pilot, lambda: HOSTILE_NAME in screen_text(app), "the hostile name, literally"
        )
        expected = {
            "#contact-list": (HOSTILE_NAME, "[bold]Org[/bold]"),
            "#contact-details": (HOSTILE_NAME, "[bold]Org[/bold]"),
            "#contact-records": ("[@click=app.quit]boom[/]",),
        }
        for part, texts in expected.items():
            await wait_until(
                pilot,
                lambda: all(text in widget_text(app, part) for text in texts),  # noqa: B023
                f"{part} to show {texts} literally",
            )
        # Click on the name in the list and in the details: nothing quits.
        row = contact_list(app).cursor_row
        await pilot.click(ContactList, offset=(3, row + 1))
        await pilot.click("#contact-details", offset=(15, 1))
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, ContactsScreen)
        # A click on the record opens it (the screen closes with it); still nothing quits.
        await pilot.click("#contact-records", offset=(20, 1))
        await wait_until(pilot, lambda: app.dismissed != [], "the record to open")
        assert app.dismissed[0] is not None and app.dismissed[0].record.service_name == "evil"
        assert app.is_running and app.return_code is None


async def test_control_characters_in_contact_text_are_made_visible() -> None:
    app = host(hand_built_registry(), contact_id="Escaper")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "␛]0;owned␇" in screen_text(app), "visible controls")
        assert "\x1b" not in screen_text(app)


def test_search_contacts_function_agrees_with_the_index() -> None:
    registry = hand_built_registry()
    assert [c.id for c in search_contacts(registry, "isi", limit=1)] == ["Bob_Braden"]
    index = ContactIndex(registry)
    assert [c.id for c in index.search("isi edu")] == ["Bob_Braden", "Jon_Postel"]
    assert index.search("   ") == index.contacts
    assert [r.service_name for r in index.records_of("IETF_Chair")] == ["ftp", "ssh"]
    assert index.records_of("Nobody") == []


EXCERPT = Path(__file__).resolve().parents[2] / "tui" / "data" / "registry-excerpt.txt"


async def test_bundled_excerpt_finds_postel_and_opens_a_record() -> None:
    registry = load_path(EXCERPT)
    app = host(registry)
    async with app.run_test(size=(120, 40)) as pilot:
        found = await search_for(pilot, "postle")
        assert found[0].id == "Jon_Postel"
        expected = [r for r in registry.records if "Jon_Postel" in r.assignee_ids + r.contact_ids]
        assert app.screen.records == expected and expected
        await pilot.press("enter", "enter")
        await wait_until(pilot, lambda: app.dismissed != [], "the record to open")
        assert app.dismissed[0].record is expected[0]
        assert app.dismissed[0].contact_id == "Jon_Postel"


@pytest.mark.realdata
async def test_full_xml_registry_search_and_records() -> None:
    registry = load_path(shared_file("service-names-port-numbers.xml"))
    assert len(registry.contacts) > 5000
    app = host(registry, contact_id="Jon_Postel")
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_until(
            pilot,
            lambda: app.screen.contact is not None and app.screen.contact.id == "Jon_Postel",
            "Jon_Postel preselected",
        )
        assert app.screen.records == registry.records_of_contact("Jon_Postel")
        found = await search_for(pilot, "microsft")
        assert found and "Microsoft" in found[0].organization
