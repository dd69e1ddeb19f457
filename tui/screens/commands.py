"""The browser's commands in the command palette (ctrl+p): filters, sorting, copy and export.

The app offers them through Textual's own `App.get_system_commands` for the main screen, made
anew each time the palette opens, so titles follow the current state ("Hide TCP records" /
"Show TCP records").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from tui.registry.model import PORT_CLASS_RANGES
from tui.screens.main import MainScreen
from tui.search.filters import PORT_CLASSES, PROTOCOLS


class PaletteCommand(NamedTuple):
    """One palette entry: its title, a line of help, and what it does."""

    title: str
    help: str
    callback: Callable[[], object]


def palette_commands(screen: MainScreen) -> list[PaletteCommand]:
    """The main screen's palette commands: filters, sorting, copy, export, other screens."""
    filters = screen.filters
    commands = []
    for protocol in ("tcp", "udp"):
        commands.append(
            PaletteCommand(
                f"Only {protocol.upper()} records",
                "Filter: every other protocol hidden (again: every protocol)",
                partial(screen.action_only_protocol, protocol),
            )
        )
    for protocol in PROTOCOLS:
        hidden = protocol in filters.hidden_protocols
        verb = "Show" if hidden else "Hide"
        commands.append(
            PaletteCommand(
                f"{verb} {protocol.upper()} records",
                f"Filter: {'show' if hidden else 'hide'} entries for {protocol.upper()}",
                partial(screen.action_toggle_protocol, protocol),
            )
        )
    for port_class in (None, *PORT_CLASSES):
        if port_class == filters.port_class:
            continue
        low_high = PORT_CLASS_RANGES.get(port_class or "")
        title = f"Only {port_class} ports" if port_class else "Ports of every class"
        help_text = (
            f"Filter: ports {low_high[0]}-{low_high[1]}" if low_high else "Filter: no port class"
        )
        commands.append(
            PaletteCommand(
                title, help_text, partial(screen.set_filters, filters.with_port_class(port_class))
            )
        )
    commands.append(
        PaletteCommand(
            "Show Unassigned/Reserved" if filters.hide_unassigned else "Hide Unassigned/Reserved",
            "Filter: entries without a service (Unassigned, Reserved)",
            screen.action_toggle_unassigned,
        )
    )
    if not filters.is_default:
        commands.append(
            PaletteCommand("Clear filters", "Show every record", screen.action_clear_filters)
        )
    for placed in screen.table.columns:
        commands.append(
            PaletteCommand(
                f"Sort by {placed.column.title.lower()}",
                "Order the results by this column (s cycles, S reverses)",
                partial(screen.sort_results, placed.key, False),
            )
        )
    commands += [
        PaletteCommand(
            "Sort by relevance", "The search's own order", partial(screen.sort_results, None, False)
        ),
        PaletteCommand(
            "Export results to CSV",
            "Write the records shown to a CSV file here",
            partial(screen.export_results, "csv"),
        ),
        PaletteCommand(
            "Export results to JSON",
            "Write the records shown to a JSON file here",
            partial(screen.export_results, "json"),
        ),
        PaletteCommand("Copy record as one line", "y", screen.action_copy_line),
        PaletteCommand("Copy record as JSON", "Y", screen.action_copy_json),
        PaletteCommand("Open reference link", "o", screen.action_open_reference),
        PaletteCommand(
            "Pin sort" if not screen.sort_pinned else "Unpin sort",
            "New searches keep the sort (unpinned: each starts by relevance)",
            screen.action_pin_sort,
        ),
        PaletteCommand("Search history", "ctrl+r: the last queries", screen.action_history),
        PaletteCommand("Contacts", "c: browse the registry's contacts", screen.action_contacts),
        PaletteCommand(
            "Help: every key",
            "?: every key of the browser, and the query language",
            screen.action_help,
        ),
    ]
    return commands
