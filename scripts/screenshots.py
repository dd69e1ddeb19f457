"""Regenerate the README's screenshots from the real app on the bundled excerpt.

    python scripts/screenshots.py [--out screenshots] [--no-png]

Each scene starts the browser at a fixed terminal size (query times hidden, no blinking
cursor), drives it with Textual's Pilot the way a user would, and saves an SVG. Where
`rsvg-convert` is installed, a PNG is made from each SVG too (see `tui_svg_for_png` for the
one change the SVG needs first). The user's own registry, cache and settings are kept out:
the app runs with empty temporary XDG dirs, so it shows the excerpt it ships.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "screenshots"
PNG_ZOOM = "1.0"


async def wait_until(pilot: Pilot, condition: Callable[[], object], what: str) -> None:
    """Let the app run until `condition()` holds; give up after 15 seconds."""
    deadline = time.monotonic() + 15.0
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app never showed {what}")
        await pilot.pause(0.02)


async def answered(pilot: Pilot, query: str) -> None:
    """Wait until the results table shows the answer to `query` and the pane follows it."""
    screen = pilot.app.screen
    table, detail = screen.query_one("#results"), screen.query_one("#detail")
    await wait_until(
        pilot,
        lambda: table.answered == query and detail.record is table.highlighted,
        f"the results for {query!r}",
    )


async def start(pilot: Pilot) -> None:
    """The browser as it opens: the whole excerpt, the first record's details."""
    await answered(pilot, "")


def typing(query: str) -> Callable[[Pilot], Awaitable[None]]:
    """Steps typing `query` once the browser has opened: its best answer shown in full."""

    async def steps(pilot: Pilot) -> None:
        await answered(pilot, "")
        await pilot.press(*query)
        await answered(pilot, query)

    return steps


async def contacts(pilot: Pilot) -> None:
    """The contacts screen, searched with a typo, the chosen contact's records listed."""
    from tui.screens import ContactsScreen
    from tui.widgets.contact_list import ContactList

    await answered(pilot, "")
    app = pilot.app
    app.screen.query_one("#results").focus()
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "the contacts")
    await pilot.press(*"postle")
    contact_list = app.screen.query_one(ContactList)
    await wait_until(pilot, lambda: contact_list.answered == "postle", "the contacts found")
    await wait_until(
        pilot, lambda: app.screen.contact is contact_list.highlighted, "the contact's records"
    )


async def help_screen(pilot: Pilot) -> None:
    """The help over the browser: every key, then the query language."""
    from tui.screens import HelpScreen

    await answered(pilot, "")
    app = pilot.app
    app.screen.query_one("#results").focus()
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")


@dataclass(frozen=True)
class Scene:
    """One screenshot: its file name (without suffix), terminal size and what to do first."""

    name: str
    size: tuple[int, int]
    steps: Callable[[Pilot], Awaitable[None]]


SCENES: tuple[Scene, ...] = (
    Scene("start", (160, 45), start),
    Scene("search", (160, 45), typing("finger")),
    Scene("contacts", (160, 45), contacts),
    Scene("help", (160, 45), help_screen),
    # At 80x24 the detail pane goes under the table.
    Scene("narrow-80x24", (80, 24), typing("gopher")),
)


async def steady(pilot: Pilot) -> None:
    """Stop the text cursors blinking and let pending refreshes finish."""
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def take(scene: Scene, out: Path) -> Path:
    """Run `scene` on a fresh app and save its SVG into `out`."""
    from tui.app import PortsApp

    app = PortsApp(show_timing=False, remember=False)
    async with app.run_test(size=scene.size) as pilot:
        await scene.steps(pilot)
        await steady(pilot)
        svg = app.export_screenshot(title=f"iana-ports — {scene.name}")
    path = out / f"{scene.name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def tui_svg_for_png(svg: str) -> str:
    """The SVG with its whitespace kept, so a converter keeps the terminal's grid.

    Textual writes one `<text>` per run of same-styled cells, and a run often starts with
    blanks (written as no-break spaces): the cells between a highlighted word and the next
    column. librsvg applies SVG's default whitespace handling and drops those leading blanks,
    which glues "Finger" to "David Zimmerman". `xml:space="preserve"` on the root keeps them.
    """
    if 'xml:space="preserve"' in svg:
        return svg
    return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)


def to_png(svg_path: Path) -> Path | None:
    """Convert one SVG to PNG beside it with rsvg-convert; None when it is not installed."""
    converter = shutil.which("rsvg-convert")
    if converter is None:
        return None
    png_path = svg_path.with_suffix(".png")
    fixed = tui_svg_for_png(svg_path.read_text(encoding="utf-8"))
    subprocess.run(
        [converter, "--zoom", PNG_ZOOM, "--format", "png", "--output", str(png_path)],
        input=fixed.encode("utf-8"),
        check=True,
    )
    return png_path


def isolate_user_dirs(base: Path) -> None:
    """Point the app's data, cache and config dirs at `base`, so it uses the bundled excerpt."""
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        os.environ[name] = str(base / name.lower())
    os.environ.pop("IANA_PORTS_REGISTRY", None)
    os.environ.pop("NO_COLOR", None)


def main(argv: list[str] | None = None) -> int:
    """Take every scene; print each file written."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the files")
    parser.add_argument("--no-png", action="store_true", help="write SVGs only")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="iana-ports-shots-") as home:
        isolate_user_dirs(Path(home))
        for scene in SCENES:
            svg_path = asyncio.run(take(scene, args.out))
            print(svg_path.relative_to(ROOT) if svg_path.is_relative_to(ROOT) else svg_path)
            png_path = None if args.no_png else to_png(svg_path)
            if png_path is not None:
                print(png_path.relative_to(ROOT) if png_path.is_relative_to(ROOT) else png_path)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing
    sys.exit(main())
