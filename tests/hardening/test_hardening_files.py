"""Issue 6, part 1: bad files stop the browser the way they stop the command line.

`tests/test_hostile_files.py` runs `iana-ports search` on each bad file. Here the same files
go to the browser: the `iana-ports --registry BAD` command (which loads before starting the
app), and `PortsApp(source=BAD)` itself, which must exit with code 2 and the same one line
before touching the terminal. Each run is bounded in time; subprocess runs also in memory.
External entities may neither read a local file nor reach the network.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile_cases_support import CASES, TIME_LIMIT, limit_memory, run_cli

from tui import entry
from tui.app import PortsApp
from tui.cli import command_line as cli

SECRET = "TOP-SECRET-CONTENT"
EVERY_CASE = sorted([*CASES, "missing path", "directory"])
HEAVY_CASES = ["50 MB single line", "50 MB single csv line", "billion laughs", "external entity"]
"""Cases also run as a real `PortsApp(...).run()` in a memory-capped subprocess."""


def bad_path(tmp_path: Path, case: str) -> Path:
    """The path of the bad registry for `case` (a file written here, or none, or a folder)."""
    (tmp_path / "secret.txt").write_text(SECRET)
    if case == "missing path":
        return tmp_path / "no-such-registry.xml"
    if case == "directory":
        folder = tmp_path / "a-folder"
        folder.mkdir()
        return folder
    path = tmp_path / f"registry-{case.replace(' ', '-')}.dat"
    path.write_bytes(CASES[case](tmp_path))
    return path


def assert_one_line_about(stderr: str, path: Path) -> str:
    """The single stderr line: names the file, no traceback, no internal error, no secret."""
    lines = stderr.splitlines()
    assert len(lines) == 1, lines[:5]
    line = lines[0]
    assert str(path) in line and line.startswith("iana-ports: ")
    assert "Traceback" not in stderr and "internal error" not in line
    assert SECRET not in stderr
    return line


def cli_line(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The line the command line prints for this file (run in-process: same code path)."""
    assert cli.main(["info", "--registry", str(path)]) == 2
    return capsys.readouterr().err.strip()


@pytest.mark.parametrize("case", EVERY_CASE)
def test_browser_command_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    path = bad_path(tmp_path, case)
    started = time.monotonic()
    result = run_cli("--registry", str(path))  # no command: the browser
    assert time.monotonic() - started < TIME_LIMIT
    assert result.returncode == 2, (result.stdout[:300], result.stderr[-1000:])
    assert result.stdout == ""
    assert_one_line_about(result.stderr, path)


@pytest.mark.parametrize("case", EVERY_CASE)
async def test_app_exits_with_the_command_lines_message(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad_path(tmp_path, case)
    expected = cli_line(path, capsys)
    started = time.monotonic()
    app = PortsApp(source=path)
    async with app.run_test(size=(100, 30)):
        pass
    assert time.monotonic() - started < TIME_LIMIT
    assert app.return_code == 2
    assert app.load_error is not None
    assert assert_one_line_about(capsys.readouterr().err, path) == expected


APP_PROBE = (
    "import sys; from tui.app import PortsApp; app = PortsApp(source=sys.argv[1]); "
    "app.run(headless=True); sys.exit(app.return_code)"
)


@pytest.mark.parametrize("case", HEAVY_CASES)
def test_app_run_on_a_heavy_bad_file_is_bounded(tmp_path: Path, case: str) -> None:
    path = bad_path(tmp_path, case)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", APP_PROBE, str(path)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=limit_memory,
    )
    assert time.monotonic() - started < TIME_LIMIT
    assert result.returncode == 2, result.stderr[-1000:]
    assert "\x1b" not in result.stdout  # the terminal was never put in application mode
    assert_one_line_about(result.stderr, path)


def test_narrow_terminal_keeps_the_message_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 150 + ".xml")
    result = subprocess.run(
        [sys.executable, "-c", APP_PROBE, str(path)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        env={"COLUMNS": "40", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert assert_one_line_about(result.stderr, path).endswith("no such file")


@pytest.fixture
def listener() -> Iterator[tuple[int, Callable[[], int]]]:
    """A TCP port on 127.0.0.1, and a count of the connections made to it so far.

    A connection to a listening socket on loopback completes in the kernel before `connect`
    returns, so once the in-process command has returned, any attempt is already queued here:
    the count takes them without blocking, and needs no waiting.
    """
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.setblocking(False)
    made = 0

    def connections() -> int:
        nonlocal made
        for _ in range(64):  # at most the backlog
            try:
                connection, _ = server.accept()
            except BlockingIOError:
                break
            connection.close()
            made += 1
        return made

    yield server.getsockname()[1], connections
    server.close()


def test_the_listener_counts_a_connection(listener: tuple[int, Callable[[], int]]) -> None:
    port, connections = listener
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        assert connections() == 1


def network_documents(port: int, secret: Path) -> dict[str, str]:
    """XML documents that would fetch http://127.0.0.1:port/... if anything followed them."""
    url = f"http://127.0.0.1:{port}"
    record = "<record><name>x</name><number>1</number><protocol>tcp</protocol></record>"
    root = '<registry xmlns="http://www.iana.org/assignments">'
    return {
        "external entity": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{url}/e">]>'
        f"{root}<title>&e;</title>{record}</registry>",
        "external dtd": f'<?xml version="1.0"?><!DOCTYPE registry SYSTEM "{url}/dtd">'
        f"{root}{record}</registry>",
        "parameter entity": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "{url}/p">%p;]>'
        f"{root}{record}</registry>",
        "entity reading a file": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file://{secret}">]>'
        f"{root}<record><name>&e;</name><number>1</number></record></registry>",
        "xinclude": f'<?xml version="1.0"?>{root}<record><name>x</name><number>1</number>'
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/xi" parse="text"/>'
        "</record></registry>",
        "stylesheet": f'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="{url}/xsl"?>'
        f"{root}{record}</registry>",
    }


def test_xml_never_reaches_the_network_nor_reads_files(
    tmp_path: Path, listener: tuple[int, Callable[[], int]], capsys: pytest.CaptureFixture[str]
) -> None:
    port, connections = listener
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    for name, document in network_documents(port, secret).items():
        path = tmp_path / f"{name.replace(' ', '-')}.xml"
        path.write_text(document)
        code = cli.main(["search", "x", "--registry", str(path), "--format", "json"])
        captured = capsys.readouterr()
        assert SECRET not in captured.out + captured.err, name
        if code == 2:  # refused: one line naming the file
            assert_one_line_about(captured.err, path)
        else:  # read without following the reference: the reference is not data
            assert code == 0 and f"127.0.0.1:{port}" not in captured.out, name
    assert connections() == 0


def test_a_file_name_holding_escapes_is_shown_visibly(tmp_path: Path, capsys) -> None:
    path = tmp_path / "evil\x1b]0;pwned\x07\x1b[2J.xml"
    path.write_bytes(b"")
    for args in (["info", "--registry", str(path)], ["--registry", str(path)]):
        assert entry.main(args) == 2  # the program: a sub-command, or the browser
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "\x1b" not in err and "\x07" not in err
        assert "evil␛]0;pwned␇␛[2J.xml" in err and "file is empty" in err


async def test_the_app_shows_a_file_name_holding_escapes_visibly(tmp_path: Path, capsys) -> None:
    path = tmp_path / "evil\x1b]0;pwned\x07.xml"
    app = PortsApp(source=path)
    async with app.run_test():
        pass
    err = capsys.readouterr().err
    assert app.return_code == 2 and err.count("\n") == 1
    assert "\x1b" not in err and "evil␛]0;pwned␇.xml" in err and "no such file" in err
