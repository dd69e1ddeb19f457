"""Issue 13 (Low): zero-width, combining, wide and emoji characters keep table borders in line.

Every drawn line is measured the way a terminal draws it (`terminal_width`: wcwidth's rules,
written apart from Rich and from `tui.safe`) and must be exactly as wide as its table or pane.
Characters terminals disagree about (zero-width spaces and joiners, variation selectors,
Hangul fillers, soft hyphens, BOMs) must not reach the screen: they are shown as <U+XXXX>.
Before the fix, a heart with its emoji selector (Rich: 2 cells, tmux: 1) and a Hangul filler
(Rich: 0 cells, tmux: 2) pushed the detail pane's border out of line in tmux.
"""

from __future__ import annotations

import io

import pytest
from app_support import answered, record, wait_until
from hardening_support import assert_safe_on_screen, terminal_width
from rich.console import Console
from screen_support import drawn_lines

from tui.app import PortsApp
from tui.cli.render import contacts_table, record_panel, records_table
from tui.registry.model import Contact, Registry
from tui.widgets import DetailPane, ResultsTable
from tui.widgets.contact_list import ContactList

TRICKY = {
    "zero-width": "zero\u200bwidth\u200b space\u2060joiner\ufeffbom soft\u00adhyphen",
    "combining": "combi\u0301ning e\u0301\u0302\u0303 marks, z" + "\u0301\u0302\u0303\u0304" * 6,
    "lone mark": "\u0301 a mark with nothing under it \u0301",
    "wide": "東京都港湾サービス ｗｉｄｅ " * 4,
    "emoji": "emoji 🚀🔥 x " * 4,
    "joined emoji": "zwj 👩\u200d💻 and 👨\u200d👩\u200d👧 " * 3,
    "selector": "heart ❤️ and ☺️ " * 4,
    "filler": "filler \u3164\u3164 and \u115f\u1160 x " * 3,
    "flags": "flag 🇯🇵🇫🇷 x " * 4,
}


def tricky_registry() -> Registry:
    """One record per kind of tricky text, in the description and the service name; people
    whose names hold it too."""
    records = [
        record(
            f"{kind.split()[0][:6]}-{text[:3].strip()}",
            str(100 + index),
            "tcp",
            text,
            assignee=f"[P{index}]",
            contact=f"[P{index}]",
        )
        for index, (kind, text) in enumerate(TRICKY.items())
    ]
    records.append(record("東京サービス", "200", "udp", "a wide service name"))
    contacts = {
        f"P{index}": Contact(f"P{index}", text[:40], text[-30:], f"mailto:p{index}&example.jp")
        for index, text in enumerate(TRICKY.values())
    }
    return Registry(records=records, contacts=contacts, source="tricky.xml", format="xml")


def assert_lines_fill(lines: list[str], width: int, where: str) -> None:
    for number, line in enumerate(lines):
        assert_safe_on_screen(line, f"{where}, line {number}")
        assert terminal_width(line) == width, (where, number, line)


@pytest.mark.parametrize("size", [(160, 45), (100, 40)])
async def test_results_rows_and_detail_lines_are_their_width_on_a_terminal(
    size: tuple[int, int],
) -> None:
    registry = tricky_registry()
    app = PortsApp(registry, show_timing=False)
    async with app.run_test(size=size) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        rows = [table.render_line(y).text for y in range(len(table.results))]
        assert_lines_fill(rows, table.size.width, "results table")
        # The service column is measured in cells: the wide name is shown whole.
        assert any("東京サービス" in row for row in rows)

        detail = app.query_one("#detail", DetailPane)
        for shown in registry.records:
            table.select_record(shown)
            await pilot.pause()
            lines = drawn_lines(detail)
            assert_lines_fill(lines, detail.outer_size.width, f"detail of {shown.port_number}")


async def test_contact_rows_are_their_width_on_a_terminal() -> None:
    app = PortsApp(tricky_registry(), show_timing=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        from tui.screens import ContactsScreen

        app.query_one("#results").focus()
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "the contacts")
        contact_list = app.screen.query_one(ContactList)
        await wait_until(pilot, lambda: contact_list.answered == "", "the record's people")
        await pilot.press("space", "backspace")  # `c` lists the record's people: now all
        await wait_until(pilot, lambda: len(contact_list.contacts) == len(TRICKY), "all")
        lines = [contact_list.render_line(y).text for y in range(len(contact_list.contacts))]
        assert len(lines) == len(TRICKY)
        assert_lines_fill(lines, contact_list.scrollable_content_region.width, "contact list")


def printed_lines(renderable: object, width: int = 120) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [120, 70])
def test_cli_tables_keep_their_borders_in_line(width: int) -> None:
    registry = tricky_registry()
    tables = {
        "search table": records_table(registry.records, registry),
        "contacts table": contacts_table(list(registry.contacts.values())),
        **{f"show {r.port_number}": record_panel(registry, r) for r in registry.records},
    }
    for name, table in tables.items():
        lines = printed_lines(table, width)
        widths = {terminal_width(line) for line in lines}
        for line in lines:
            assert_safe_on_screen(line, name)
        assert len(widths) == 1, (name, sorted(widths), lines)
