"""The installed `iana-ports` in a real terminal: tmux runs it, the test types and reads the screen.

Everything else drives the app through Textual's Pilot; this test goes through the console
script, a pseudo-terminal and the key handling of a real terminal emulator. It uses its own
tmux server (`tmux -L <unique name>`), so it never touches the user's sessions, and empty XDG
dirs under the test's tmp dir, so the app shows the bundled excerpt. Skipped without tmux
(CI installs it: see .ci/run).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

SIZE = (160, 40)
START_TIMEOUT = 30.0
ANSWER_TIMEOUT = 15.0


def installed_command() -> Path:
    """The `iana-ports` console script of this Python's environment (else the one on PATH)."""
    beside = Path(sys.executable).parent / "iana-ports"
    if beside.is_file():
        return beside
    found = shutil.which("iana-ports")
    if found is None:
        pytest.skip("the iana-ports console script is not installed")
    return Path(found)


class Terminal:
    """One tmux session on a private server: start a command, type, read the screen."""

    def __init__(self, socket_name: str) -> None:
        self.base = [str(TMUX), "-L", socket_name, "-f", os.devnull]
        self.session = "iana-ports-test"

    def tmux(self, *args: str) -> str:
        """Run a tmux command against the private server; its standard output."""
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        """Run `command` in a new detached session of SIZE; the pane stays open after it ends."""
        settings = " ".join(f"{name}={shlex.quote(value)}" for name, value in env.items())
        # Keep the pane after the app exits, with its status, so a crash shows on the screen.
        # COLUMNS/LINES left in the test process's environment would override the pane's
        # real size (shutil.get_terminal_size reads them first): the app must measure the pane.
        shell = f"env -u COLUMNS -u LINES {settings} {command}; echo; echo EXITED $?; sleep 60"
        width, height = SIZE
        self.tmux(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), shell
        )

    def type(self, text: str) -> None:
        """Type `text` literally."""
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def press(self, key: str) -> None:
        """Press one named key (tmux names: Enter, Escape, C-q...)."""
        self.tmux("send-keys", "-t", self.session, key)

    def screen(self) -> str:
        """The visible screen as plain text."""
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, found: Callable[[str], bool], timeout: float, what: str) -> str:
        """Poll the screen until `found(screen)`; fail with the last screen after `timeout`."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if found(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")

    def kill(self) -> None:
        """Stop the private server and everything in it."""
        subprocess.run([*self.base, "kill-server"], capture_output=True, timeout=10, check=False)


def isolated_env(home: Path) -> dict[str, str]:
    """Variables that keep the app away from the user's registry, cache and settings."""
    return {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "IANA_PORTS_REGISTRY": "",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }


def test_typing_a_query_in_a_real_terminal_shows_the_answer(tmp_path: Path) -> None:
    command = shlex.quote(str(installed_command()))
    terminal = Terminal(f"iana-ports-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        terminal.start(command, isolated_env(tmp_path))
        started = terminal.wait_for(
            lambda screen: "14,533 of 14,533 records" in screen or "EXITED" in screen,
            START_TIMEOUT,
            "the browser to start",
        )
        assert "EXITED" not in started, started

        terminal.type("gopher")
        answer = terminal.wait_for(
            lambda screen: "gopher 70/tcp" in screen, ANSWER_TIMEOUT, "the answer to gopher"
        )
        # A row is the first cells of a line once the panes' borders are set aside (the
        # detail pane may stand beside the table, on the same lines).
        rows = [line.replace("\u2502", " ").split()[:4] for line in answer.splitlines()]
        assert ["70", "tcp", "gopher", "Gopher"] in rows, answer
        assert ["70", "udp", "gopher", "Gopher"] in rows, answer
        # The detail pane shows the first answer with its contact resolved.
        assert "gopher 70/tcp" in answer
        assert "Mark McCahill <mpm@boombox.micro.umn.edu>" in answer

        terminal.press("C-q")
        ended = terminal.wait_for(lambda screen: "EXITED" in screen, ANSWER_TIMEOUT, "the exit")
        assert "EXITED 0" in ended
    finally:
        terminal.kill()


def search_bar_text(screen: str) -> str:
    """What the search bar holds: the first line drawn inside its box (160 columns: a box)."""
    for line in screen.splitlines():
        if line.startswith("\u258a") and line.strip("\u258a\u258e\u2594\u2581 "):
            return line.strip("\u258a\u258e ").strip()
    return ""


def first_row(screen: str) -> list[str]:
    """The first result row's first cells (port, protocol, service)."""
    lines = screen.splitlines()
    header = next(i for i, line in enumerate(lines) if "Port" in line and "Service" in line)
    return lines[header + 1].replace("\u2502", " ").split()[:3]


def test_keyboard_flows_in_a_real_terminal(tmp_path: Path) -> None:
    """Contacts, Esc, typing; `/` then typing; a sort, then a new search: relevance again."""
    command = shlex.quote(str(installed_command()))
    terminal = Terminal(f"iana-ports-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        terminal.start(command, isolated_env(tmp_path))
        started = terminal.wait_for(
            lambda screen: "14,533 of 14,533 records" in screen or "EXITED" in screen,
            START_TIMEOUT,
            "the browser to start",
        )
        assert "EXITED" not in started, started

        # 1. 3306, Enter, c, Esc, then mysql typed on the results: a search, not y/s/q keys.
        terminal.type("3306")
        terminal.wait_for(lambda s: "mysql 3306/tcp" in s, ANSWER_TIMEOUT, "the answer to 3306")
        terminal.press("Enter")
        terminal.type("c")
        terminal.wait_for(lambda s: "named in" in s, ANSWER_TIMEOUT, "the record's people")
        terminal.press("Escape")
        terminal.wait_for(lambda s: "records" in s and "named in" not in s, 5, "the results")
        terminal.type("mysql")
        shown = terminal.wait_for(
            lambda s: search_bar_text(s) == "mysql" or "EXITED" in s,
            ANSWER_TIMEOUT,
            "mysql in the search bar",
        )
        assert "EXITED" not in shown and first_row(shown) == ["3306", "tcp", "mysql"], shown

        # 2. Enter, `/`, ssh: a new search, not "mysqlssh".
        terminal.press("Enter")
        terminal.type("/")
        terminal.type("ssh")
        shown = terminal.wait_for(
            lambda s: search_bar_text(s) == "ssh" and first_row(s) == ["22", "tcp", "ssh"],
            ANSWER_TIMEOUT,
            "ssh searched anew",
        )
        best = first_row(shown)

        # 3. A sort, then a new search: the best answer first again, the header says relevance.
        terminal.press("Enter")
        terminal.type("s")
        terminal.wait_for(
            lambda s: "Port\u25b2" in s or "Port \u25b2" in s, ANSWER_TIMEOUT, "sorted by port"
        )
        terminal.type("s")
        sorted_screen = terminal.wait_for(
            lambda s: re.search("Pro\\S* ?\u25b2", s) is not None, ANSWER_TIMEOUT, "by protocol"
        )
        assert first_row(sorted_screen) != best, sorted_screen
        terminal.type("/")
        terminal.type("ssh")  # the same query searched anew: relevance order again
        shown = terminal.wait_for(
            lambda s: search_bar_text(s) == "ssh" and first_row(s) == best,
            ANSWER_TIMEOUT,
            "ssh in relevance order",
        )
        assert "\u25b2" not in shown and "\u25bc" not in shown, shown

        terminal.press("C-q")
        ended = terminal.wait_for(lambda screen: "EXITED" in screen, ANSWER_TIMEOUT, "the exit")
        assert "EXITED 0" in ended
    finally:
        terminal.kill()
