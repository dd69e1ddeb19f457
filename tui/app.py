"""The Textual application: `PortsApp(source)` opens the browser on a registry.

`source` is None (the default registry from `tui.registry.sources.load_registry`), a path, or a
`Registry` already loaded. The main screen does the work; the app holds the registry, the
quit key, and a clipboard that also reaches the terminal from inside tmux. A source that is
not a registry ends the app before it touches the terminal, with the same one-line message
(and exit code 2) as the command line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui.clipboard import osc52, tmux_passthrough
from tui.registry.model import Registry, RegistryError
from tui.registry.sources import load_registry
from tui.safe import visible
from tui.screens.main import MainScreen

RegistrySource = Registry | str | os.PathLike[str] | None


def load_source(source: RegistrySource) -> Registry:
    """The registry `source` names: itself, the file at a path, or the default one.

    Raises:
        RegistryError: the file is missing or not a registry.
    """
    if isinstance(source, Registry):
        return source
    return load_registry(Path(source) if source is not None else None)


class PortsApp(App[None]):
    """The browser for IANA's Service Name and Transport Protocol Port Number Registry."""

    TITLE = "iana-ports"
    # A named mode (not get_default_screen): only screens made through modes or pushed get
    # their CSS_PATH loaded.
    DEFAULT_MODE = "browse"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
    ]

    def __init__(
        self, source: RegistrySource = None, *, query: str = "", show_timing: bool = True
    ) -> None:
        """Open on `source` (see `load_source`).

        Args:
            source: a Registry, a path to a registry file, or None for the default.
            query: typed into the search bar at start (`iana-ports -q QUERY`).
            show_timing: show each query's time in the status line (off for screenshots,
                whose pixels must not depend on the machine's speed).
        """
        super().__init__()
        self.load_error: RegistryError | None = None
        """Why `source` could not be loaded; the app then exits at once with it."""
        try:
            self.registry = load_source(source)
        except RegistryError as error:
            self.load_error = error
            self.registry = Registry(source=str(source))
        self.show_timing = show_timing
        self.initial_query = query
        self.add_mode(self.DEFAULT_MODE, self._main_screen)

    @on(events.Load)
    def _leave_if_unloaded(self) -> None:
        # Exiting on Load, before the driver starts, leaves the terminal untouched; Textual
        # then prints the message. Soft wrap keeps it one line, however narrow the terminal.
        if self.load_error is not None:
            self.error_console.soft_wrap = True
            message = Text(visible(f"iana-ports: {self.load_error}"))
            self.exit(return_code=2, message=message)

    @on(events.Ready)
    def _type_initial_query(self) -> None:
        if self.initial_query and self.load_error is None:
            search = self.screen.query_one("#search", Input)
            search.value = self.initial_query
            search.cursor_position = len(self.initial_query)

    def _main_screen(self) -> MainScreen:
        return MainScreen(self.registry, show_timing=self.show_timing)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, without its "Keys" panel: the browser's help says more."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command

    def copy_to_clipboard(self, text: str) -> None:
        """Copy `text` through OSC 52; inside tmux also through its DCS passthrough.

        tmux forwards a bare OSC 52 only with `set-clipboard on`, and a wrapped one only with
        `allow-passthrough on`: sending both reaches the terminal under either setting.
        """
        if not os.environ.get("TMUX"):
            super().copy_to_clipboard(text)
            return
        self._clipboard = text
        if self._driver is not None:
            sequence = osc52(text)
            self._driver.write(sequence + tmux_passthrough(sequence))
