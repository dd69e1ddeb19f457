"""`iana-ports update` as a real process meets signals, special files and broken outputs.

Every case runs `python -m tui update` in a subprocess against the loopback server, bounded in
time: the copy must stay byte-identical (or be the new one, when the update was done), no
`.part` file may be left, the terminal's cursor must come back, and what goes wrong is one line
on stderr (never on stdout, never a traceback).
"""

from __future__ import annotations

import os
import pty
import select
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from registry_server import (
    Route,
    Server,
    generated_rows,
    registry_csv,
    registry_xml,
)
from update_support import PROCESS_LIMIT_S, part_files, read_until, reaped, run_process, spawn

ROWS = generated_rows(1200)
OLD_XML = registry_xml(ROWS, "2026-01-01")
NEW_XML = registry_xml(ROWS[:1100] + generated_rows(100, start_port=40000), "2026-02-02")


pytestmark = pytest.mark.usefixtures("loopback_network")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A good registry file that the updates below are pointed at (`--registry`)."""
    target = tmp_path / "reg" / "ports.xml"
    target.parent.mkdir()
    target.write_bytes(OLD_XML)
    return target


def one_line(stderr: str | bytes) -> str:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text
    assert text.count("\n") == 1, text
    return text


def stalled_update(server: Server, copy: Path, **options: object) -> subprocess.Popen[bytes]:
    """An update that has started receiving, then hangs (the server stops sending)."""
    server.routes["/stall.xml"] = Route(body=NEW_XML, stall_after=5000)
    return spawn("update", "--registry", str(copy), "--url", server.url("/stall.xml"), **options)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT", "SIGINT"])
def test_a_signal_mid_download_is_handled_like_ctrl_c(
    server: Server, copy: Path, name: str
) -> None:
    number = getattr(signal, name)
    with reaped(stalled_update(server, copy)) as process:
        assert b"Receiving" in read_until(process, b"Receiving")
        assert part_files(copy.parent)  # the download is under way
        process.send_signal(number)
        _, err = process.communicate(timeout=PROCESS_LIMIT_S)
    assert process.returncode == 128 + number
    line = one_line(err)
    assert "interrupted" in line and "previous copy stays in use" in line
    if number != signal.SIGINT:
        assert name in line
    assert copy.read_bytes() == OLD_XML
    assert part_files(copy.parent) == []


def test_sigterm_on_a_terminal_shows_the_cursor_again(server: Server, copy: Path) -> None:
    primary, secondary = pty.openpty()
    shown = b""
    signalled = False
    try:
        with reaped(stalled_update(server, copy, stdout=secondary)) as process:
            os.close(secondary)
            ends = time.monotonic() + PROCESS_LIMIT_S
            while time.monotonic() < ends:
                if not signalled and b"\x1b[?25l" in shown:
                    process.send_signal(signal.SIGTERM)  # the bar is up, the cursor hidden
                    signalled = True
                ready, _, _ = select.select([primary], [], [], 0.1)
                if ready:
                    try:
                        chunk = os.read(primary, 65536)
                    except OSError:  # EIO: the process closed the terminal
                        break
                    if not chunk:
                        break
                    shown += chunk
            process.wait(timeout=PROCESS_LIMIT_S)
    finally:
        os.close(primary)
    assert signalled, shown[-500:]
    assert process.returncode == 128 + signal.SIGTERM
    assert shown.rindex(b"\x1b[?25h") > shown.rindex(b"\x1b[?25l")
    assert copy.read_bytes() == OLD_XML and part_files(copy.parent) == []


def test_the_next_update_removes_what_a_killed_one_left(
    server: Server, copy: Path, tmp_path: Path
) -> None:
    with reaped(stalled_update(server, copy)) as process:
        read_until(process, b"Receiving")
        process.kill()  # SIGKILL: nothing can clean up
        process.wait(timeout=PROCESS_LIMIT_S)
    left = part_files(copy.parent)
    assert left  # what the killed run left behind
    newer = tmp_path / "newer.xml"
    newer.write_bytes(NEW_XML)
    result = run_process("update", "--registry", str(copy), "--from", str(newer))
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == NEW_XML
    assert part_files(copy.parent) == []


def test_an_update_leaves_the_files_of_one_still_running_alone(
    server: Server, copy: Path, tmp_path: Path
) -> None:
    with reaped(stalled_update(server, copy)) as process:
        read_until(process, b"Receiving")
        running = part_files(copy.parent)
        assert running
        newer = tmp_path / "newer.xml"
        newer.write_bytes(NEW_XML)
        result = run_process("update", "--registry", str(copy), "--from", str(newer))
        assert result.returncode == 0, result.stderr
        assert part_files(copy.parent) == running  # not stale: its owner is alive
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=PROCESS_LIMIT_S)
    assert part_files(copy.parent) == []


def special_source(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """A path that is not a regular file, and the words the refusal must use."""
    if kind == "device":
        return Path("/dev/zero"), "character device"
    if kind == "fifo":
        fifo = tmp_path / "fifo.xml"
        os.mkfifo(fifo)
        return fifo, "FIFO"
    if kind == "directory":
        return tmp_path, "directory"
    loop = tmp_path / "loop.xml"
    os.symlink(loop, loop)
    return loop, "symbolic link loop"


@pytest.mark.parametrize("kind", ["device", "fifo", "directory", "loop"])
def test_from_a_special_file_is_one_line(copy: Path, tmp_path: Path, kind: str) -> None:
    source, words = special_source(tmp_path, kind)
    started = time.monotonic()
    result = run_process("update", "--registry", str(copy), "--from", str(source))
    assert time.monotonic() - started < PROCESS_LIMIT_S / 2
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert str(source) in line and words in line
    assert copy.read_bytes() == OLD_XML and part_files(copy.parent) == []


def own_device(tmp_path: Path) -> Path:
    """A character device node of the test's own (like /dev/null), never one of the system's.

    A write test aimed at /dev/zero itself would replace the machine's device if the code under
    test failed to refuse it.
    """
    node = tmp_path / "null-device"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return node


@pytest.mark.parametrize("kind", ["device", "fifo", "directory", "loop"])
def test_registry_option_replaces_only_a_regular_file(tmp_path: Path, kind: str) -> None:
    target, words = special_source(tmp_path, kind)
    if kind == "device":
        target = own_device(tmp_path)
    good = tmp_path / "good.xml"
    good.write_bytes(OLD_XML)
    before = os.lstat(target)
    result = run_process("update", "--registry", str(target), "--from", str(good))
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert str(target) in line and words in line
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_registry_option_creates_a_new_file(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(registry_csv(ROWS))
    target = tmp_path / "new" / "ports.csv"
    result = run_process("update", "--registry", str(target), "--from", str(good))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == good.read_bytes()


def test_registry_sample_is_not_replaced(tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(OLD_XML)
    result = run_process("update", "--registry", "sample", "--from", str(good), cwd=tmp_path)
    assert result.returncode == 2
    assert "bundled sample" in one_line(result.stderr)
    assert not (tmp_path / "sample").exists()


def test_output_to_a_full_device_is_one_line(server: Server, copy: Path, tmp_path: Path) -> None:
    server.routes["/new.xml"] = Route(body=NEW_XML)
    with open("/dev/full", "w") as full:
        result = run_process(
            "update", "--registry", str(copy), "--url", server.url("/new.xml"), stdout=full
        )
    assert result.returncode == 2
    assert "nothing was done: cannot write to standard output" in one_line(result.stderr)
    assert copy.read_bytes() == OLD_XML and server.requests == []

    newer = tmp_path / "newer.xml"
    newer.write_bytes(NEW_XML)
    with open("/dev/full", "w") as full:
        result = run_process("update", "--registry", str(copy), "--from", str(newer), stdout=full)
    assert result.returncode == 2
    assert "update was done, but cannot write to standard output" in one_line(result.stderr)
    assert copy.read_bytes() == NEW_XML


def close_stderr() -> None:
    os.close(2)


@pytest.mark.parametrize("args", [["--from", "{missing}"], ["--timeout", "soon"]])
def test_errors_with_stderr_closed_never_go_to_stdout(
    copy: Path, tmp_path: Path, args: list[str]
) -> None:
    missing = str(tmp_path / "missing.xml")
    argv = [arg.format(missing=missing) for arg in args]
    result = run_process("update", "--registry", str(copy), *argv, preexec_fn=close_stderr)
    assert result.returncode == 2
    assert result.stdout == ""
    assert copy.read_bytes() == OLD_XML


def test_a_reader_that_goes_away_is_not_an_error(server: Server, copy: Path) -> None:
    server.routes["/new.xml"] = Route(body=NEW_XML)
    with reaped(
        spawn("update", "--registry", str(copy), "--url", server.url("/new.xml"))
    ) as process:
        assert process.stdout is not None
        process.stdout.close()  # like `| head -0`
        _, err = process.communicate(timeout=PROCESS_LIMIT_S)
    assert process.returncode == 0, err
    assert err == b""
    assert copy.read_bytes() == NEW_XML
