"""The Textual application: `PortsApp(source)` opens the browser on a registry.

`source` is None (the default registry from `tui.registry.sources.load_registry`), a path, or a
`Registry` already loaded; `query` is typed in the search bar at start. The main screen does
the work; the app holds the registry, the quit key, the palette's commands, what is
remembered between runs (theme, pinned sort, filters, search history: `tui.settings`), and a
clipboard that also reaches the terminal from inside tmux. A source that is
not a registry ends the app before it touches the terminal, with the same one-line message
(and exit code 2) as the command line. SIGTERM, SIGHUP and SIGQUIT end it the way ctrl+q
does, so the terminal is given back as it was (cooked mode, main screen, cursor shown).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import termios
import threading
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from types import FrameType

from rich.text import Text
from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.clipboard import osc52, tmux_passthrough
from tui.registry.model import Registry, RegistryError
from tui.registry.sources import load_registry
from tui.safe import visible
from tui.screens.commands import palette_commands
from tui.screens.main import MainScreen
from tui.screens.main_actions import HistoryChanged, SettingsChanged
from tui.settings import Settings, read_history, read_settings, write_history, write_settings

RegistrySource = Registry | str | os.PathLike[str] | None

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
"""Signals that end the browser, restoring the terminal first (SIGINT is a key to Textual)."""
FORCE_AFTER_S = 3.0
"""How long an ending signal waits for the app to close before the terminal is restored
directly and the process ends: the interface thread may be busy."""
RESTORE_SEQUENCES = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reports off
    "\x1b[?2004l\x1b[?7h\x1b[<u"  # bracketed paste off, line wrap on, Kitty keys off
    "\x1b[?1049l\x1b[?25h\x1b[?1004l"  # main screen, cursor shown, focus reports off
)
"""What Textual's driver writes when it leaves application mode, for the forced way out."""


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
        self,
        source: RegistrySource = None,
        query: str = "",
        *,
        show_timing: bool = True,
        remember: bool = True,
    ) -> None:
        """Open on `source` (see `load_source`), with `query` typed and answered.

        Args:
            source: a Registry, a path to a registry file, or None for the default.
            query: the search the browser opens on ("" for the whole registry).
            show_timing: show each query's time in the status line (off for screenshots,
                whose pixels must not depend on the machine's speed).
            remember: read and save the settings and history in the user's dirs (off for
                screenshots and benchmarks, which must not depend on a previous run).
        """
        super().__init__()
        self.opening_query = query
        self.remember = remember
        self.settings = Settings()
        self.history: list[str] = []
        self.setting_problems: list[str] = []
        """Why remembered settings or history were ignored (shown once the app runs)."""
        if remember:
            self.settings, problem = read_settings()
            self.history, history_problem = read_history()
            self.setting_problems = [text for text in (problem, history_problem) if text]
        self._saved_settings = asdict(self.settings)
        self.load_error: RegistryError | None = None
        """Why `source` could not be loaded; the app then exits at once with it."""
        try:
            self.registry = load_source(source)
        except RegistryError as error:
            self.load_error = error
            self.registry = Registry(source=str(source))
        self.show_timing = show_timing
        self.add_mode(self.DEFAULT_MODE, self._main_screen)
        self._previous_handlers: dict[int, object] = {}
        self._ending = threading.Event()

    @on(events.Load)
    def _leave_if_unloaded(self) -> None:
        # Exiting on Load, before the driver starts, leaves the terminal untouched; Textual
        # then prints the message. Soft wrap keeps it one line, however narrow the terminal.
        if self.load_error is not None:
            self.error_console.soft_wrap = True
            message = Text(visible(f"iana-ports: {self.load_error}"))
            self.exit(return_code=2, message=message)
            return
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    @on(events.Mount)
    def _say_setting_problems(self) -> None:
        for problem in self.setting_problems:
            self.notify(visible(problem), title="Settings", severity="warning", markup=False)

    @on(events.Mount)
    def _catch_ending_signals(self) -> None:
        # Only a real terminal needs giving back, and only the main thread may set handlers.
        if self.is_headless or threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for signum in ENDING_SIGNALS:
            self._previous_handlers[signum] = signal.signal(
                signum, lambda number, frame: self._ending_signal(loop, number, frame)
            )

    @on(events.Unmount)
    def _release_ending_signals(self) -> None:
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self._previous_handlers.clear()

    def _ending_signal(
        self, loop: asyncio.AbstractEventLoop, signum: int, frame: FrameType | None
    ) -> None:
        """End the app as ctrl+q does (exit code 128 + the signal's number); should it not
        have closed `FORCE_AFTER_S` later, or a second signal come, restore and end at once."""
        if self._ending.is_set():
            self._force_exit(signum)
        self._ending.set()
        loop.call_soon_threadsafe(self.exit, None, 128 + signum)
        watchdog = threading.Timer(FORCE_AFTER_S, self._force_exit, args=(signum,))
        watchdog.daemon = True
        watchdog.start()

    def _force_exit(self, signum: int) -> None:
        """Give the terminal back directly (the interface thread is stuck) and end the process."""
        driver = self._driver
        try:
            attributes = getattr(driver, "attrs_before", None)
            fileno = getattr(driver, "fileno", None)
            if attributes is not None and isinstance(fileno, int):
                termios.tcsetattr(fileno, termios.TCSANOW, attributes)
            # Textual draws on the process's original stderr.
            os.write(sys.__stderr__.fileno(), RESTORE_SEQUENCES.encode())  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError, termios.error):
            pass  # a hung-up terminal: nothing left to restore
        finally:
            os._exit(128 + signum)

    def _main_screen(self) -> MainScreen:
        return MainScreen(
            self.registry,
            show_timing=self.show_timing,
            query=self.opening_query,
            settings=self.settings,
            history=self.history,
        )

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen (through the palette) for the next run."""
        self.settings.theme = theme
        self.save_settings()

    @on(SettingsChanged)
    def save_settings(self) -> None:
        """Write the settings when they changed; a file that cannot be written is said once."""
        current = asdict(self.settings)
        if not self.remember or current == self._saved_settings:
            return
        self._saved_settings = current
        self._say_once(write_settings(self.settings))

    @on(HistoryChanged)
    def _save_history(self, event: HistoryChanged) -> None:
        self.history = event.history
        if self.remember:
            self._say_once(write_history(event.history))

    def _say_once(self, problem: str) -> None:
        if problem and problem not in self.setting_problems:
            self.setting_problems.append(problem)
            self.notify(visible(problem), title="Settings", severity="warning", markup=False)

    async def on_event(self, event: events.Event) -> None:
        """Route a key typed on the results to a new search first (`MainScreen.type_ahead`)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            screen = self.screen
            if isinstance(screen, MainScreen) and screen.type_ahead(event):
                return
        await super().on_event(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands (without its "Keys" panel: the browser's help says more),
        then the main screen's own: filters, sorting, copy, export, other screens."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        if isinstance(screen, MainScreen):
            for title, help_text, callback in palette_commands(screen):
                yield SystemCommand(title, help_text, callback)

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
