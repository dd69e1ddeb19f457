"""Issue 6, part 3 in the browser: hostile registry text drawn literally, controls made visible.

Asserts on what is drawn (the strips of the results table and contact list, the rendered
lines of the detail pane and contact panes, the screenshot): no ESC, BEL, C0/C1 or bidi
control reaches the terminal; the visible stand-ins and the markup text itself do; wide and
very long text keeps every row the table's width.
"""

from __future__ import annotations

from app_support import answered, wait_until
from hardening_support import (
    FORBIDDEN_ON_SCREEN,
    OSC_TITLE,
    STAND_INS,
    assert_safe_on_screen,
    hostile_registry,
    shown,
    squashed,
)
from rich.cells import cell_len
from screen_support import SIZE, drawn_lines, open_contacts
from textual.pilot import Pilot

from tui.app import PortsApp
from tui.registry.model import FIELDS, Record
from tui.registry.origin import Origin, SourceKind
from tui.safe import DISPLAY_LIMIT
from tui.widgets import DetailPane, ResultsTable, StatusLine


def detail_lines(app: PortsApp) -> list[str]:
    pane = app.query_one("#detail", DetailPane)
    return drawn_lines(pane.query_one("#detail-fields")) + drawn_lines(
        pane.query_one("#detail-links")
    )


async def show_in_detail(pilot: Pilot, record: Record) -> None:
    app = pilot.app
    assert app.query_one("#results", ResultsTable).select_record(record)
    await wait_until(pilot, lambda: app.query_one("#detail", DetailPane).record is record)
    await pilot.pause()


async def test_table_rows_are_literal_visible_and_full_width() -> None:
    registry = hostile_registry()
    app = PortsApp(registry)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        assert table.results == registry.records
        description = next(c for c in table.columns if c.key == "description")
        widths = set()
        for y, record in enumerate(table.results):
            strip = table.render_line(y)
            text = "".join(segment.text for segment in strip)
            assert_safe_on_screen(text, f"table row {record.service_name!r}")
            widths.add(strip.cell_length)
            cell = strip.crop(description.x, description.x + description.width).text
            # The description as it must be shown, cut with "…" where it does not fit.
            expected = shown(record.description.replace("\n", " "))
            # A wide character that does not fit before the "…" leaves a blank cell.
            got = cell.rstrip().removesuffix("…").rstrip()
            assert got and expected.startswith(got), (cell, expected[:80])
            assert got == expected or cell_len(got) >= description.width - 3, cell
        assert widths == {table.size.width}


async def test_escape_and_markup_rows_show_their_stand_ins() -> None:
    app = PortsApp(hostile_registry())
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        rows = "\n".join(table.render_line(y).text for y in range(len(table.results)))
        for stand_in in ("␛]0;pwned title␇", "␛[2J␛[H", "␛[31;1mred␛[0m", "<U+202E>", "␀␁"):
            assert stand_in in rows
        assert "[bold red]not bold[/]" in rows and "[@click=app.quit]quit[/]" in rows


async def test_detail_pane_shows_every_hostile_field_literally() -> None:
    registry = hostile_registry()
    app = PortsApp(registry)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        for record in registry.records:
            await show_in_detail(pilot, record)
            lines = detail_lines(app)
            drawn = squashed("".join(lines))
            for line in lines:
                assert_safe_on_screen(line, f"detail of {record.service_name!r}")
            for name in FIELDS:
                value = getattr(record, name)
                if name in ("assignee", "contact"):
                    # People may be shown by id or resolved to their names: either, literally.
                    for contact in registry.contacts_of(Record(contact=value)):
                        as_id = squashed(shown(f"[{contact.id}]"))
                        as_name = squashed(shown(contact.display_name))[:60]
                        assert as_id in drawn or as_name in drawn, (record.service_name, name)
                elif value.strip():
                    # A value longer than any view needs is cut, with its length said.
                    expected = shown(value)
                    if len(value) > DISPLAY_LIMIT:
                        expected = shown(value[:DISPLAY_LIMIT]) + f"… ({len(value):,} characters)"
                    assert squashed(expected) in drawn, (record.service_name, name)


async def test_detail_pane_names_hostile_contacts_literally() -> None:
    registry = hostile_registry()
    app = PortsApp(registry)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        await show_in_detail(pilot, registry.records[2])  # assignee and contact: Escaper
        drawn = squashed("".join(detail_lines(app)))
        assert squashed(STAND_INS["\x1b]0;pwned title\x07"]) in drawn
        assert squashed(shown(registry.contacts["Escaper"].name)) in drawn


async def test_contacts_screen_shows_hostile_contacts_literally() -> None:
    registry = hostile_registry()
    app = PortsApp(registry)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        contact_list = await open_contacts(pilot)
        screen = app.screen
        for row, contact in enumerate(contact_list.contacts):
            line = contact_list.render_line(row).text
            assert_safe_on_screen(line, f"contact row {contact.id}")
            name = shown(contact.display_name)[:20]
            assert line.startswith(name[: len(name.rstrip())]) or name in line
            contact_list.cursor_row = row
            await wait_until(pilot, lambda c=contact: screen.contact is c)
            await pilot.pause()
            details = drawn_lines(screen.query_one("#contact-details"))
            records = drawn_lines(screen.query_one("#contact-records"))
            for line in details + records:
                assert_safe_on_screen(line, f"contact pane {contact.id}")
            drawn = squashed("".join(details))
            for value in (contact.name, contact.organization, contact.uri):
                if value and len(value) < 1000:
                    assert squashed(shown(value)) in drawn, (contact.id, value)
            for record in screen.records:
                start = squashed(shown(record.service_name or "(no name)"))[:10]
                assert start in squashed("".join(records))


async def test_screenshot_holds_no_control_character() -> None:
    registry = hostile_registry()
    app = PortsApp(registry)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        for record in registry.records[:4]:
            await show_in_detail(pilot, record)
            screenshot = app.export_screenshot()
            found = FORBIDDEN_ON_SCREEN.search(screenshot)
            assert found is None, f"{found.group()!r} in the screenshot" if found else ""
        await open_contacts(pilot)
        await pilot.pause()
        assert FORBIDDEN_ON_SCREEN.search(app.export_screenshot()) is None


async def test_pasted_and_copied_text_is_drawn_visibly_in_the_search_bars() -> None:
    from textual import events
    from textual.widgets import Input

    registry = hostile_registry()
    app = PortsApp(registry)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        search = app.query_one("#search", Input)
        search.focus()
        search.post_message(events.Paste("\x1b]0;pwned title\x07 \x9b2J \u202eevil"))
        await wait_until(pilot, lambda: "pwned" in search.value)
        await answered(pilot)
        await pilot.pause()
        drawn = " ".join(drawn_lines(search))
        assert_safe_on_screen(drawn, "search bar after a paste")
        assert "␛]0;pwned title␇ <U+009B>2J <U+202E>evil" in drawn
        # `y` copies a record's own text; pasting it back (ctrl+v) must not draw its escapes.
        await pilot.press("escape")
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        assert table.select_record(registry.records[2])
        table.focus()
        await pilot.press("y")
        assert "\x1b]0;pwned title\x07" in app.clipboard
        search.focus()
        await pilot.press("ctrl+v")
        await wait_until(pilot, lambda: "pwned" in search.value)
        await pilot.pause()
        assert_safe_on_screen(" ".join(drawn_lines(search)), "search bar after ctrl+v")
        # The contacts screen's search bar too.
        await pilot.press("escape")
        await answered(pilot)
        await open_contacts(pilot)
        contact_search = app.screen.query_one("#contact-search", Input)
        contact_search.focus()
        contact_search.post_message(events.Paste("Esc \x1b[2J\x00"))
        await wait_until(pilot, lambda: "Esc" in contact_search.value)
        await pilot.pause()
        drawn = " ".join(drawn_lines(contact_search))
        assert_safe_on_screen(drawn, "contacts search bar")
        assert "␛[2J␀" in drawn


async def test_a_reference_url_ends_at_a_control_character(monkeypatch) -> None:
    from tui.registry.model import Registry

    monkeypatch.setenv("DISPLAY", ":0")  # a browser can start: the link is opened, not copied

    record = Record(
        service_name="evil-url",
        port_number="667",
        transport_protocol="tcp",
        reference="[https://evil.example/a\x1b]0;pwned\x07b] [RFC6335]",
    )
    app = PortsApp(Registry(records=[record], source="hostile.xml", format="xml"))
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
        detail = app.query_one("#detail", DetailPane)
        index = next(i for i, link in enumerate(detail.links) if link.kind == "url")
        links = detail.query_one("#detail-links")
        links.focus()
        links.highlighted = index
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(opened))
        for line in drawn_lines(links):
            assert_safe_on_screen(line, "reference links")
    assert opened == ["https://evil.example/a"]


async def test_a_hostile_registry_date_is_shown_visibly_in_the_status_line() -> None:
    # A text registry's "Last Updated" is the file's own text, like any cell.
    registry = hostile_registry()
    registry.updated = f"2026-01-02{OSC_TITLE}"
    for kind in (SourceKind.PARSED, SourceKind.DOWNLOADED):
        registry.origin = Origin(kind)
        app = PortsApp(registry)
        async with app.run_test(size=SIZE) as pilot:
            await answered(pilot)
            status = app.query_one("#status", StatusLine)
            assert_safe_on_screen(status.plain_text, f"status line ({kind})")
            assert shown(registry.updated) in status.plain_text
