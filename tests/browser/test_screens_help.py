"""The help screen, mounted alone in a small host app and driven with Pilot."""

from __future__ import annotations

import pytest
from app_support import wait_until
from textual.app import App

from tui.screens import HelpScreen
from tui.screens.help import key_display

BINDINGS = [
    ("slash", "Search"),
    ("question_mark", "Help"),
    ("ctrl+q", "Quit"),
    ("c", "Contacts"),
    ("y", "Copy record as a line"),
    ("Y", "Copy record as JSON"),
    ("j,down", "Next record"),
    ("o", "Open reference [RFC6335] in a browser"),
    ("ctrl+p", "Command palette"),
]


class HelpHost(App[None]):
    """Pushes the help screen at start and records each time it closes."""

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.bindings = bindings
        self.closed = 0

    def on_mount(self) -> None:
        self.push_screen(HelpScreen(self.bindings), lambda _: self._count_close())

    def _count_close(self) -> None:
        self.closed += 1


def screen_lines(app: App) -> list[str]:
    """What the active screen shows, line by line, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def test_key_display_reads_like_the_footer() -> None:
    assert key_display("ctrl+q") == "^q"
    assert key_display("question_mark") == "?"
    assert key_display("slash") == "/"
    assert key_display("j,down") == "j / ↓"
    assert key_display("Y") == "Y"
    assert key_display("↑↓") == "↑↓"


async def test_help_lists_every_binding_with_its_description() -> None:
    app = HelpHost(BINDINGS)
    async with app.run_test(size=(100, 50)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        await wait_until(pilot, lambda: any("Quit" in line for line in screen_lines(app)), "keys")
        lines = screen_lines(app)
        for key, description in BINDINGS:
            shown = key_display(key)
            assert any(shown in line and description in line for line in lines), (
                f"{shown!r} with {description!r} not on one line"
            )


async def test_help_explains_the_query_language() -> None:
    app = HelpHost(BINDINGS)
    async with app.run_test(size=(100, 50)) as pilot:
        await wait_until(pilot, lambda: any("Keys" in line for line in screen_lines(app)), "help")
        text = "\n".join(screen_lines(app))
        for qualifier in ("port:", "proto:", "name:", "by:", "ref:", "status:", "6000-6063"):
            assert qualifier in text


@pytest.mark.parametrize("key", ["escape", "q", "question_mark"])
async def test_help_closes_with(key: str) -> None:
    app = HelpHost(BINDINGS)
    async with app.run_test(size=(100, 50)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        await pilot.press(key)
        await wait_until(pilot, lambda: app.closed == 1, f"{key} to close the help")
        assert not isinstance(app.screen, HelpScreen)


async def test_long_help_scrolls_by_keyboard_at_80x24() -> None:
    many = [(f"f{n}", f"Function key number {n}") for n in range(1, 40)]
    app = HelpHost(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        body = app.screen.query_one("#help-body")
        await wait_until(pilot, lambda: body.max_scroll_y > 0, "the body to overflow")
        assert body.region.height <= 24
        assert any("Function key number 1" in line for line in screen_lines(app))
        assert not any("closes" in line for line in screen_lines(app))
        await pilot.press("end")
        await wait_until(
            pilot, lambda: any("closes" in line for line in screen_lines(app)), "the last line"
        )
        assert not any("Function key number 1 " in line for line in screen_lines(app))
