"""The browser's status line, start-up hints, Footer and palette, with Pilot.

The status line must stay readable at 80 columns (the update hint whole), say which registry
is in use like `iana-ports info` does, and an old downloaded copy earns a hint once per copy.
"""

from __future__ import annotations

import time

import pytest
from app_support import answered, small_registry, wait_until

from tui.app import PortsApp
from tui.hints import seen_path
from tui.registry.origin import Origin, SourceKind
from tui.search import contacts
from tui.widgets import StatusLine

EXCERPT_HINT = "run `iana-ports update` for the full registry"


NOW = time.time()


def status_of(app: PortsApp) -> str:
    """What the status line shows on screen, at its width."""
    return str(app.query_one(StatusLine).render())


def downloaded(age_days: float, content_hash: str = "abc123") -> object:
    """The small registry dressed as a downloaded copy last known current `age_days` ago.

    Two calls with the same arguments describe the same copy (the same hash and time).
    """
    registry = small_registry()
    registry.origin = Origin(
        SourceKind.DOWNLOADED, copy_time=NOW - age_days * 86400, content_hash=content_hash
    )
    return registry


async def notifications_after_start(registry) -> list[str]:
    app = PortsApp(registry)
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        return [n.message for n in app._notifications]


async def test_an_old_copy_is_pointed_out_once_per_copy() -> None:
    first = await notifications_after_start(downloaded(120))
    assert len(first) == 1 and "120 days ago" in first[0] and "iana-ports update" in first[0]
    assert seen_path().is_file()
    assert await notifications_after_start(downloaded(120)) == []  # the same copy: once
    other = await notifications_after_start(downloaded(120, content_hash="def456"))
    assert len(other) == 1  # another copy is told again


async def test_a_fresh_copy_is_not_pointed_out_and_its_age_is_shown() -> None:
    registry = downloaded(3)
    assert await notifications_after_start(registry) == []
    app = PortsApp(registry)
    async with app.run_test(size=(160, 30)) as pilot:
        await answered(pilot)
        assert "downloaded registry of 2026-01-02, fetched 3 days ago" in status_of(app)
        assert "iana-ports update" not in status_of(app)


async def test_old_copy_status_says_how_old() -> None:
    app = PortsApp(downloaded(200))
    async with app.run_test(size=(160, 30)) as pilot:
        await answered(pilot)
        assert "copy 200 days old: run `iana-ports update`" in status_of(app)


async def test_the_contacts_index_is_built_in_the_background_after_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry = small_registry()
    built: list[object] = []
    real = contacts.ContactIndex

    def spy(registry_arg):
        built.append(registry_arg)
        return real(registry_arg)

    monkeypatch.setattr(contacts, "ContactIndex", spy)
    app = PortsApp(registry)
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        await app.workers.wait_for_complete()
        assert built == [registry]  # before any `c`
        app.query_one("#results").focus()
        await pilot.press("c")
        await wait_until(pilot, lambda: app.screen.query("#contact-list"))
        await app.workers.wait_for_complete()
        assert built == [registry]  # the screen reuses it


async def test_footer_shows_the_keys_that_work_where_the_focus_is() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 30)) as pilot:
        await answered(pilot)

        def shown() -> dict[str, str]:
            bindings = app.screen.active_bindings.values()
            return {b.binding.description: b.binding.key for b in bindings if b.binding.show}

        typing = shown()
        assert typing["Help"] == "f1"  # ? is a character of the query there
        assert "Search" not in typing  # already there
        assert "Contacts" not in typing
        app.query_one("#results").focus()
        await pilot.pause()
        browsing = shown()
        for description in ("Search", "Help", "Contacts", "Sort", "Copy", "Open", "Quit"):
            assert description in browsing


async def test_the_palette_offers_the_browsers_help_instead_of_textuals_keys_panel() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        system = [command.title for command in app.get_system_commands(app.screen)]
        assert "Keys" not in system and "Theme" in system
        assert "Help: every key" in system
