"""Issue 13, item 3 (browser): signals end the browser and give the terminal back.

Each test runs `python -m tui` in a real pseudo-terminal (Textual's own driver puts it in raw
mode on the alternate screen), sends a real signal or key, and reads back what the process
left behind: the tty's modes (echo, line editing, signal keys, CR read as NL) and the last
screen and cursor sequences it wrote.
"""

from __future__ import annotations

import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pty_support import PtyProcess, browser_command, is_cooked, isolated_env, left_mode

from tui.app import FORCE_AFTER_S

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")

READY = b"Echo"
"""The first rows of the sample (echo 7/tcp, "Echo") are drawn: the app is up."""


def assert_terminal_given_back(terminal: PtyProcess) -> None:
    """Cooked mode again, the alternate screen left, the cursor shown."""
    assert is_cooked(terminal.modes_before), "the pty did not start in cooked mode"
    assert is_cooked(terminal.modes()), "left in raw mode (no echo, no signal keys, no ICRNL)"
    drawn = terminal.drawn()
    assert b"\x1b[?1049h" in drawn, "the app never entered the alternate screen"
    assert left_mode(drawn, b"\x1b[?1049h", b"\x1b[?1049l"), "still on the alternate screen"
    assert left_mode(drawn, b"\x1b[?25l", b"\x1b[?25h"), "the cursor stays hidden"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT])
def test_an_ending_signal_restores_the_terminal_and_exits(tmp_path: Path, signum: int) -> None:
    terminal = PtyProcess(browser_command("--registry", "sample"), isolated_env(tmp_path))
    try:
        terminal.wait_for_output(READY)
        time.sleep(0.3)  # past the first frame: the handlers are in place once mounted
        terminal.send_signal(signum)
        assert terminal.wait(10.0) < 10.0
        # The app ended itself (a process killed by the signal has a negative return code).
        assert terminal.process.returncode >= 0
        assert_terminal_given_back(terminal)
    finally:
        terminal.close()


STUCK_APP = """
import sys, time
from pathlib import Path
from tui.app import PortsApp
from tui.registry.sources import load_registry, sample_path

class Stuck(PortsApp):
    def on_ready(self) -> None:
        def stick() -> None:
            Path(sys.argv[1]).write_text("stuck")
            time.sleep(120)  # the interface thread never comes back
        self.set_timer(0.2, stick)

Stuck(load_registry(sample_path())).run()
"""


def test_a_signal_restores_the_terminal_even_when_the_interface_is_stuck(tmp_path: Path) -> None:
    script = tmp_path / "stuck.py"
    script.write_text(textwrap.dedent(STUCK_APP))
    flag = tmp_path / "stuck.flag"
    terminal = PtyProcess([sys.executable, str(script), str(flag)], isolated_env(tmp_path))
    try:
        terminal.wait_for_output(READY)
        deadline = time.monotonic() + 10
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert flag.exists(), "the app never got stuck"
        terminal.send_signal(signal.SIGTERM)
        assert terminal.wait(FORCE_AFTER_S + 10) < FORCE_AFTER_S + 10
        assert terminal.process.returncode == 128 + signal.SIGTERM
        assert_terminal_given_back(terminal)
    finally:
        terminal.close()


ENDLESS_SEARCH_APP = """
import time
from tui.app import PortsApp
from tui.registry.sources import load_registry, sample_path
from tui.search.index import SearchIndex

def endless(self, query, limit=50, **keywords):
    time.sleep(120)  # a search that never answers (a hostile registry, a slow machine)
    return []

SearchIndex.search = endless
PortsApp(load_registry(sample_path())).run()
"""


def test_ctrl_q_quits_at_once_while_a_search_never_ends(tmp_path: Path) -> None:
    script = tmp_path / "endless.py"
    script.write_text(textwrap.dedent(ENDLESS_SEARCH_APP))
    terminal = PtyProcess([sys.executable, str(script)], isolated_env(tmp_path))
    try:
        terminal.wait_for_output(READY)
        terminal.type(b"ssh")
        time.sleep(1.0)  # the search has started, and sleeps
        terminal.type(b"\x11")  # ctrl+q
        assert terminal.wait(8.0) < 8.0
        assert terminal.process.returncode == 0
        assert_terminal_given_back(terminal)
    finally:
        terminal.close()
