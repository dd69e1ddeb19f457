"""The browser's commands in the command palette (ctrl+p): filters, sorting, copy and export.

The provider asks the screen that opened the palette for its commands, so titles follow the
current state ("Hide TCP records" / "Show TCP records"); `discover` lists them all before
anything is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.registry.model import PORT_CLASS_RANGES
from tui.search.filters import PORT_CLASSES, PROTOCOLS

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


class PaletteCommand(NamedTuple):
    """One palette entry: its title, a line of help, and what it does."""

    title: str
    help: str
    callback: Callable[[], object]


class BrowserCommands(Provider):
    """Palette commands of the screen the palette was opened from."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        offer = getattr(screen, "palette_commands", None)
        return list(offer()) if callable(offer) else []

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        """The commands whose titles match what is typed, best first."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    command.callback,
                    text=command.title,
                    help=command.help,
                )


def palette_commands(screen: MainScreen) -> list[PaletteCommand]:
    """The main screen's palette commands: filters, sorting, copy, export, other screens."""
    filters = screen.filters
    commands = []
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
        PaletteCommand("Contacts", "c: browse the registry's contacts", screen.action_contacts),
        PaletteCommand(
            "Help: every key",
            "?: every key of the browser, and the query language",
            screen.action_help,
        ),
    ]
    return commands
