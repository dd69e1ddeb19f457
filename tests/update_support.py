"""Test support for `iana-ports update`: running it in-process or as a real process, and what
a failed update must leave behind (the copy byte-identical, no temporary file, one line)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.cli.update
from tui.registry.userdata import copy_path, data_dir

_BUNDLED_IN_USE = tui.cli.update.bundled_in_use
PROCESS_LIMIT_S = 60
"""No real `iana-ports` process started by a test may run longer than this."""


def first_copy_unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a first copy in the user data dir be any registry: the tests' small generated
    registries would each be refused as taking most entries away from the bundled snapshot."""
    monkeypatch.setattr(tui.cli.update, "bundled_in_use", lambda: None)


def first_copy_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo `first_copy_unchecked`: a first copy is checked against the bundled snapshot."""
    monkeypatch.setattr(tui.cli.update, "bundled_in_use", _BUNDLED_IN_USE)


def data_files() -> list[str]:
    """The names in the user data dir (where the copy and its history live), sorted."""
    folder = data_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def part_files(folder: Path | None = None) -> list[str]:
    """Temporary `.part` files left in a folder (the user data dir by default)."""
    folder = folder or data_dir()
    return (
        sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))
        if folder.exists()
        else []
    )


def assert_failed_cleanly(code: int, err: str, before: bytes, listing: list[str]) -> None:
    """A failed update: one line, no traceback, the copy and the folder as they were."""
    assert code != 0
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    assert "update failed" in err or "interrupted" in err or "update refused" in err
    assert "previous copy stays in use" in err
    assert copy_path().read_bytes() == before
    assert data_files() == listing
    assert not part_files()


def spawn(*args: str, **options: object) -> subprocess.Popen[bytes]:
    """Start `python -m tui ARGS` as a real process (same environment: XDG dirs, PYTHONPATH)."""
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-m", "tui", *args],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        **{"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options},
    )


@contextlib.contextmanager
def reaped(process: subprocess.Popen[bytes]) -> Iterator[subprocess.Popen[bytes]]:
    """The process for the block; then it is killed if still running, waited for, its pipes
    closed."""
    try:
        yield process
    finally:
        process.kill()
        with process:
            pass


def run_process(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui ARGS` to the end (bounded in time): exit code, stdout, stderr."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-m", "tui", *args],
        **{**streams, "text": True, "timeout": PROCESS_LIMIT_S, **options},
    )


def read_until(process: subprocess.Popen[bytes], text: bytes, limit_s: float = 20.0) -> bytes:
    """Read the process's stdout until `text` appears (or it ends, or `limit_s` passes)."""
    import select
    import time

    assert process.stdout is not None
    seen = b""
    ends = time.monotonic() + limit_s
    while text not in seen and time.monotonic() < ends:
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            seen += chunk
    return seen
