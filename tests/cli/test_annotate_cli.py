"""`iana-ports annotate`: streams line by line, bytes kept, files, options, bad files."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES
from machine_support import machine_registry, write_registry


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    return write_registry(machine_registry(), tmp_path / "registry.csv")


def _annotate(registry: Path, *args: str, data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "annotate", "--registry", str(registry), *args],
        input=data,
        capture_output=True,
        timeout=60,
    )


def test_each_line_comes_out_before_the_next_goes_in(registry_file: Path) -> None:
    """As on `tail -f`: the input stays open, yet every line is answered at once."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "annotate", "--registry", str(registry_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    timer = threading.Timer(60, process.kill)  # a hung test fails instead of hanging
    timer.start()
    try:
        for line, expected in [
            (b"tcp 0.0.0.0:22\n", b"tcp 0.0.0.0:22(ssh)\n"),
            (b"PROTO=UDP DPT=53\n", b"PROTO=UDP DPT=53(domain)\n"),
            (b"no port here\n", b"no port here\n"),
        ]:
            process.stdin.write(line)
            process.stdin.flush()
            assert process.stdout.readline() == expected
        process.stdin.close()
        assert process.wait() == 0
    finally:
        timer.cancel()
        process.kill()
        process.wait()


def test_files_and_stdin_in_order_bytes_kept(registry_file: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.log"
    first.write_bytes(b"caf\xe9 *:22\r\nno newline at end 10.0.0.1:443")
    done = _annotate(registry_file, str(first), "-", data=b"\xff udp *:53\n")
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout
        == b"caf\xe9 *:22(ssh)\r\nno newline at end 10.0.0.1:443(https)\xff udp *:53(domain)\n"
    )


def test_a_tool_fixture_through_the_command_line(registry_file: Path) -> None:
    source = (FIXTURES / "annotate" / "ss-tlnpu.txt").read_bytes()
    expected = (FIXTURES / "annotate" / "ss-tlnpu.expected").read_bytes()
    assert _annotate(registry_file, data=source).stdout == expected


def test_options(registry_file: Path) -> None:
    data = b"*:123 *:3000 *:60000\n"
    assert (
        _annotate(registry_file, data=data).stdout == b"*:123(ntp/udp) *:3000(unassigned) *:60000\n"
    )
    assert (
        _annotate(registry_file, "--protocol", "udp", "--dynamic", data=data).stdout
        == b"*:123(ntp) *:3000(unassigned) *:60000(dyn-named)\n"
    )
    assert (
        _annotate(registry_file, "--only-known", data=data).stdout
        == b"*:123(ntp/udp) *:3000 *:60000\n"
    )


@pytest.mark.parametrize("name", ["missing.log", "."])
def test_a_bad_file_is_one_line_exit_2_before_any_output(
    registry_file: Path, tmp_path: Path, name: str
) -> None:
    good = tmp_path / "good.log"
    good.write_bytes(b"*:22\n")
    bad = tmp_path / name
    done = _annotate(registry_file, str(good), str(bad))
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode()
    assert err.count("\n") == 1 and str(bad) in err and "Traceback" not in err


def test_a_closed_pipe_is_not_an_error(registry_file: Path) -> None:
    script = f"yes '0.0.0.0:22' | head -c 2000000 | {sys.executable} -m tui annotate --registry {registry_file} | head -1"
    done = subprocess.run(["sh", "-c", script], capture_output=True, timeout=60, env=os.environ)
    assert done.stdout == b"0.0.0.0:22(ssh)\n"
    assert b"Traceback" not in done.stderr and b"Error" not in done.stderr


def test_a_closed_pipe_after_a_named_file_is_not_an_error(
    registry_file: Path, tmp_path: Path
) -> None:
    log = tmp_path / "big.log"
    log.write_bytes(b"0.0.0.0:22\n" * 200_000)
    script = (
        f"{sys.executable} -m tui annotate --registry {registry_file} {log} 2>err.txt | head -1;"
        " echo code=${PIPESTATUS[0]}; cat err.txt"
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, timeout=60, env=os.environ, cwd=tmp_path
    )
    assert done.stdout.decode() == "0.0.0.0:22(ssh)\ncode=0\n"


def test_a_full_disk_is_the_output_not_the_file_read(registry_file: Path, tmp_path: Path) -> None:
    log = tmp_path / "ss.log"
    log.write_bytes(b"0.0.0.0:22\n" * 10_000)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tui", "annotate", "--registry", str(registry_file), str(log)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr.decode() == "iana-ports: cannot write the output: No space left on device\n"


def test_with_stderr_closed_a_bad_file_says_nothing_on_stdout(registry_file: Path) -> None:
    script = f"{sys.executable} -m tui annotate --registry {registry_file} missing.log 2>&-"
    done = subprocess.run(["sh", "-c", script], capture_output=True, timeout=60, env=os.environ)
    assert (done.returncode, done.stdout) == (2, b"")
