"""Output faults a script or a terminal can cause: a closed pipe, `COLUMNS=0`, a full disk,
a closed stderr, narrow encodings. Each ends with the documented code and no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import REPO, cli_env, run_cli, run_shell

pytestmark = pytest.mark.realdata  # the bundled default registry: large enough to fill a pipe

COMMANDS = [
    "show 0",
    "info",
    "search a --limit all",
    "search ssh --format json",
    "search ssh --format jsonl",
    "export",
    "export --format json",
    "export --format tsv",
    "export --format services",
    "contacts",
    "contacts --format json",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_pipe_ends_quietly_with_0(cli_cache: Path, command: str) -> None:
    done = run_shell(
        cli_cache,
        f"iana_ports {command} 2>err.txt | true; echo ${{PIPESTATUS[0]}}; cat err.txt",
    )
    code, _, err = done.stdout.partition("\n")
    assert code in ("0", "141"), done.stdout
    assert "Traceback" not in err and "error" not in err.lower() and "Exception" not in err


def test_columns_0_still_prints_in_a_pipe(cli_cache: Path) -> None:
    done = run_cli(cli_cache, "search", "ssh", COLUMNS="0")
    assert done.returncode == 0 and "The Secure Shell" in done.stdout


def test_columns_0_on_a_terminal_uses_the_terminal(cli_cache: Path) -> None:
    primary, secondary = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui", "search", "ssh"],
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            env=cli_env(cli_cache, COLUMNS="0", TERM="xterm"),
            cwd=REPO,
        )
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=30) == 0
    finally:
        os.close(primary)
    assert b"The Secure Shell" in b"".join(chunks)


@pytest.mark.parametrize("command", ["search ssh", "export", "export --format json", "info"])
def test_a_full_disk_is_one_line_and_exit_2(cli_cache: Path, command: str) -> None:
    done = run_shell(cli_cache, f"iana_ports {command} >/dev/full")
    assert done.returncode == 2
    assert done.stderr == "iana-ports: cannot write the output: No space left on device\n"


def test_with_stderr_closed_errors_never_reach_stdout(cli_cache: Path) -> None:
    done = run_shell(cli_cache, "iana_ports show 70000 2>&-; echo code=$?")
    assert done.stdout == "code=2\n"
    done = run_shell(cli_cache, "iana_ports search zzqqxxyy 2>&-; echo code=$?")
    assert done.stdout == "code=1\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_narrow_encodings_never_fail(cli_cache: Path, tmp_path: Path, encoding: str) -> None:
    for command, check in (
        ("export", "utf8"),
        ("export --format tsv", "utf8"),
        ("export --format services", "utf8"),
        ("export --format json", "json"),
        ("contacts --format json", "json"),
        ("search by:iesg --format jsonl", "jsonl"),
        ("contacts", "table"),
        ("show 3389/tcp", "table"),
    ):
        target = tmp_path / "out"
        done = run_shell(cli_cache, f"iana_ports {command} > {target}", PYTHONIOENCODING=encoding)
        assert done.returncode == 0, (command, done.stderr)
        assert "Traceback" not in done.stderr and "Error" not in done.stderr
        data = target.read_bytes()
        if check == "utf8":
            assert "ö".encode() in data or "é".encode() in data or "Services" in data.decode()
            data.decode("utf-8")
        elif check == "json":
            assert data.isascii() if encoding == "ascii" else True
            assert json.loads(data.decode(encoding))
        elif check == "jsonl":
            assert all(json.loads(line) for line in data.decode(encoding).splitlines())
        else:
            text = data.decode(encoding)
            assert text.strip()


def test_a_table_on_ascii_replaces_what_it_cannot_write(cli_cache: Path) -> None:
    done = run_cli(cli_cache, "contacts", "Norén", PYTHONIOENCODING="ascii")
    if done.returncode == 1:
        pytest.skip("no such contact in this registry")
    assert done.returncode == 0 and "Nor?n" in done.stdout
