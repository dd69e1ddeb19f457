"""A contact with several addresses shows all of them in the browser (issue 10.2).

The detail pane lists every e-mail address and other URI of a record's people, and the
contacts screen's details list them too.
"""

from __future__ import annotations

import io

from app_support import answered, parts, small_registry, wait_until
from rich.console import Console
from textual.app import App
from textual.widgets import Static

from tui.app import PortsApp
from tui.registry.model import Contact, Registry
from tui.screens import ContactsScreen

URIS = ("mailto:postel&isi.edu", "mailto:jon&second.example", "https://postel.example/")


def two_address_registry() -> Registry:
    registry = small_registry()
    registry.contacts["Jon_Postel"] = Contact(
        "Jon_Postel", "Jon Postel", "USC/ISI", updated="2002-04-10", uris=URIS
    )
    return registry


async def test_the_detail_pane_shows_every_address() -> None:
    registry = two_address_registry()
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        table, detail, _ = parts(app)
        ftp = registry.by_name("ftp")[0]
        await answered(pilot)
        table.select_record(ftp)
        await wait_until(pilot, lambda: detail.record is ftp)
        text = detail.plain_text
        for shown in ("postel@isi.edu", "jon@second.example", "https://postel.example/"):
            assert shown in text, shown


class _Host(App[None]):
    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry

    def on_mount(self) -> None:
        self.push_screen(ContactsScreen(self.registry, "Jon_Postel"))


async def test_the_contacts_screen_shows_every_address() -> None:
    app = _Host(two_address_registry())
    async with app.run_test(size=(160, 45)) as pilot:

        def details() -> str:
            if not isinstance(app.screen, ContactsScreen):
                return ""
            shown = app.screen.query_one("#contact-details", Static).content
            console = Console(width=160, record=True, file=io.StringIO())
            console.print(shown)
            return console.export_text()

        await wait_until(pilot, lambda: "jon@second.example" in details(), "the details")
        assert "postel@isi.edu, jon@second.example" in details()
        assert "https://postel.example/" in details()
