"""The browser in a pseudo-terminal: Textual's real driver, real signals, the tty read back.

`PtyProcess` starts a command with a pty as its stdin, stdout and stderr, keeps reading what it
draws (so it never blocks on a full pty), and after it ends still holds the pty's slave side,
so a test can read back the terminal modes the process left behind.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

SIZE = (100, 30)
START_TIMEOUT = 30.0
READY_MARKER = b"Multiplexer"
"""Text of tcpmux's description, early in every registry: on screen once the rows are drawn."""


def browser_command(*args: str) -> list[str]:
    """`python -m tui ARGS...` with this interpreter (PYTHONPATH picks the checkout under test)."""
    return [sys.executable, "-m", "tui", *args]


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """The test's environment with its own XDG dirs, a UTF-8 locale and a capable TERM."""
    env = dict(os.environ)
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        LANG="C.UTF-8",
        TERM="xterm-256color",
        **extra,
    )
    for name in ("COLUMNS", "LINES", "IANA_PORTS_REGISTRY", "TEXTUAL_ALLOW_SIGNALS"):
        env.pop(name, None)
    return env


def is_cooked(attributes: list) -> bool:
    """True for a terminal in cooked mode: echo, line editing, signal keys, CR read as NL."""
    iflag, lflag = attributes[0], attributes[3]
    wanted = termios.ECHO | termios.ICANON | termios.ISIG
    return lflag & wanted == wanted and bool(iflag & termios.ICRNL)


class PtyProcess:
    """A command running in a new pseudo-terminal of `SIZE`, its output collected."""

    def __init__(self, command: Sequence[str], env: dict[str, str]) -> None:
        self.master, self.slave = os.openpty()
        columns, rows = SIZE
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.modes_before = termios.tcgetattr(self.slave)
        self.output = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.process = subprocess.Popen(
            list(command),
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.output += data

    def drawn(self) -> bytes:
        """Everything the process wrote to the terminal so far."""
        with self._lock:
            return bytes(self.output)

    def wait_for_output(self, marker: bytes, timeout: float = START_TIMEOUT) -> None:
        """Wait until `marker` was drawn; fail (naming what was drawn last) after `timeout`."""
        deadline = time.monotonic() + timeout
        while marker not in self.drawn():
            if self.process.poll() is not None:
                raise AssertionError(f"ended ({self.process.returncode}): {self.drawn()[-500:]!r}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{marker!r} never drawn: {self.drawn()[-500:]!r}")
            time.sleep(0.05)

    def type(self, data: bytes) -> None:
        """Send bytes as the keyboard would."""
        os.write(self.master, data)

    def send_signal(self, signum: int) -> None:
        """Send a real signal to the process."""
        self.process.send_signal(signum)

    def wait(self, timeout: float) -> float:
        """Wait for the process to end; the seconds it took. Fails after `timeout`."""
        started = time.monotonic()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running {timeout} s later") from None
        return time.monotonic() - started

    def modes(self) -> list:
        """The terminal's modes now (read on the pty's slave side)."""
        return termios.tcgetattr(self.slave)

    def close(self) -> None:
        """Kill the process if it still runs, stop reading, close the pty."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self._stop.set()
        self._reader.join(5)
        os.close(self.master)
        os.close(self.slave)


def left_mode(drawn: bytes, on: bytes, off: bytes) -> bool:
    """True when the last `on` sequence in `drawn` is followed by an `off` one."""
    return drawn.rfind(off) > drawn.rfind(on)
