"""Reading what the browser draws, and opening its screens, for tests under Pilot."""

from __future__ import annotations

from app_support import wait_until
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tui.widgets.contact_list import ContactList

SIZE = (200, 50)


def drawn_lines(widget: Widget) -> list[str]:
    """Every line a widget draws, border included, as text."""
    region = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
    return [strip.text for strip in widget.render_lines(region)]


async def open_contacts(pilot: Pilot) -> Widget:
    """`c` from the results, then every contact listed (`c` lists the record's people first)."""
    from tui.screens import ContactsScreen

    app = pilot.app
    app.query_one("#results").focus()
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen))
    contact_list = app.screen.query_one(ContactList)
    await wait_until(pilot, lambda: contact_list.answered == "")
    await pilot.press("space", "backspace")  # a search typed and erased: the whole list
    await wait_until(pilot, lambda: len(contact_list.contacts) == 5)
    return contact_list
