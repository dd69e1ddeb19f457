"""Running `iana-ports` as a user does (a real process, with a time cap, on the bundled default)
or in-process, and the small CSV registries the command-line tests write."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from tui.cli.command_line import main
from tui.registry.model import CSV_HEADER

REPO = Path(__file__).resolve().parents[1]
TIME_LIMIT = 30.0


def cli_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment for a CLI process: this worktree first on the path, a shared warm cache,
    the user's own registry copy out of reach."""
    env = {k: v for k, v in os.environ.items() if k not in ("IANA_PORTS_REGISTRY", "COLUMNS")}
    env.update(
        PYTHONPATH=str(REPO),
        XDG_CACHE_HOME=str(cache / "cache"),
        XDG_DATA_HOME=str(cache / "data"),
        XDG_CONFIG_HOME=str(cache / "config"),
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def run_cli(
    cache: Path, *args: str, timeout: float = TIME_LIMIT, input: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` in a fresh process; stdout and stderr captured as UTF-8 text."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        input=input if input is not None else "",
        timeout=timeout,
        env=cli_env(cache, **env),
        cwd=REPO,
    )


def run_shell(cache: Path, script: str, timeout: float = TIME_LIMIT, **env: str):
    """A shell pipeline (`iana_ports` is `python -m tui` here), run in the `cache` folder (files
    it writes stay there); output captured as text."""
    program = f"{sys.executable} -m tui"
    return subprocess.run(
        ["bash", "-c", f'iana_ports() {{ {program} "$@"; }}\n{script}'],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=cli_env(cache, **env),
        cwd=cache,
    )


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in-process: (exit code, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def registry_csv_text(rows: Iterable[Sequence[str]]) -> str:
    """IANA's CSV: its header, then `rows` (a short row padded with empty cells)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([*row, *[""] * (len(CSV_HEADER) - len(row))])
    return out.getvalue()


def write_registry_csv(path: Path, rows: Iterable[Sequence[str]]) -> Path:
    """`registry_csv_text(rows)` written to `path` as UTF-8; the path."""
    path.write_text(registry_csv_text(rows), encoding="utf-8")
    return path
