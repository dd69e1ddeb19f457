"""`iana-ports here`: real sockets of this test found with its pid, in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_support import record
from machine_support import ESCAPE, listening_pair, machine_registry, write_registry

from tui.cli.command_line import main
from tui.machine.answers import PortBook
from tui.registry.model import Registry


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    return write_registry(machine_registry(), tmp_path / "registry.csv")


def _here(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "here", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_json_lists_own_sockets_with_this_pid(registry_file: Path) -> None:
    book = PortBook(machine_registry())
    with listening_pair() as (tcp_port, udp_port):
        done = _here(
            str(tcp_port), str(udp_port), "--format", "json", "--registry", str(registry_file)
        )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    mine = {(row["protocol"], row["port"]): row for row in rows if row["address"] == "127.0.0.1"}
    assert set(mine) == {("tcp", tcp_port), ("udp", udp_port)}
    for (protocol, port), row in mine.items():
        assert row["pid"] == os.getpid()
        assert row["family"] == "IPv4"
        assert row["process"]
        assert row["registry"] == book.answer(port, protocol).summary
    assert {row["port"] for row in rows} == {tcp_port, udp_port}  # limited to these ports


def test_table_and_tsv_show_own_sockets(registry_file: Path) -> None:
    with listening_pair() as (tcp_port, udp_port):
        table = _here(str(tcp_port), "--registry", str(registry_file))
        tsv = _here("--format", "tsv", "--registry", str(registry_file))
    assert table.returncode == 0, table.stderr
    line = next(line for line in table.stdout.splitlines() if f" {tcp_port} " in line)
    assert line.split()[:4] == ["tcp", "127.0.0.1", str(tcp_port), str(os.getpid())]
    assert tsv.returncode == 0, tsv.stderr
    header, *rows = tsv.stdout.splitlines()
    assert header.split("\t")[:5] == ["protocol", "address", "port", "pid", "process"]
    cells = [row.split("\t") for row in rows]
    assert ["udp", "127.0.0.1", str(udp_port), str(os.getpid())] in [c[:4] for c in cells]


def test_nothing_listening_on_a_port_is_exit_1(registry_file: Path, capsys) -> None:
    with listening_pair() as (tcp_port, _):
        pass  # closed again: nothing listens there now
    assert main(["here", str(tcp_port), "--registry", str(registry_file)]) == 1
    assert f"nothing listens on port {tcp_port}" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["70000", "ssh", "-1"])
def test_a_bad_port_is_exit_2_on_one_line(registry_file: Path, bad: str) -> None:
    done = _here("--registry", str(registry_file), "--", bad)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert bad in done.stderr


def test_hostile_descriptions_come_out_literal(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    with listening_pair() as (tcp_port, _):
        hostile = Registry(
            records=[
                record("evil[b]x[/b]", str(tcp_port), "tcp", f"[@click=app.quit]q[/] {ESCAPE}")
            ]
        )
        path = write_registry(hostile, tmp_path / "hostile.csv")
        for output in ("table", "tsv", "json"):
            assert main(["here", str(tcp_port), "--format", output, "--registry", str(path)]) == 0
            out = capsys.readouterr().out
            assert "\x1b" not in out and "\x07" not in out, output
            if output != "json":
                assert "[@click=app.quit]q[/]" in out and "evil[b]x[/b]" in out, output
            else:
                assert json.loads(out)[0]["services"][0]["description"].endswith(ESCAPE)


def test_hidden_owners_are_question_marks_and_a_note(capsys, monkeypatch) -> None:
    import argparse

    from tui.cli.here import run_here
    from tui.machine.listening import Listener, Listing

    monkeypatch.setenv("COLUMNS", "200")
    listing = Listing((Listener("0.0.0.0", 22, "tcp", "IPv4", None, "?"),), 1, False)
    args = argparse.Namespace(ports=[], format="table")
    assert run_here(machine_registry(), args, listing) == 0
    captured = capsys.readouterr()
    row = next(line for line in captured.out.splitlines() if " 22 " in line)
    assert row.split()[:6] == ["tcp", "0.0.0.0", "22", "?", "?", "ssh:"]
    assert captured.err.startswith("iana-ports: note: Process names are hidden for 1 socket")
    assert captured.err.count("\n") == 1


def test_piped_rows_never_wrap(tmp_path: Path) -> None:
    long_description = "A description far wider than any terminal " * 8
    with listening_pair() as (tcp_port, _):
        registry = Registry(records=[record("wide", str(tcp_port), "tcp", long_description)])
        path = write_registry(registry, tmp_path / "wide.csv")
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        done = subprocess.run(
            [sys.executable, "-m", "tui", "here", str(tcp_port), "--registry", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if str(tcp_port) in line]
    assert len(rows) == 1 and long_description.strip() in rows[0]


def test_with_stderr_closed_notes_never_reach_stdout(
    registry_file: Path, capsys, monkeypatch
) -> None:
    import argparse

    from tui.cli.here import run_here
    from tui.machine.listening import Listener, Listing

    monkeypatch.setattr(sys, "stderr", None)  # `2>&-`: Python's sys.stderr is None
    args = argparse.Namespace(ports=[], format="json")
    listing = Listing((Listener("0.0.0.0", 22, "tcp", "IPv4", None, "?"),), 1, False)
    assert run_here(machine_registry(), args, listing) == 0
    assert json.loads(capsys.readouterr().out)[0]["port"] == 22  # the data alone, no note
    script = f"{sys.executable} -m tui here 0 --registry {registry_file} 2>&-"
    done = subprocess.run(["sh", "-c", script], capture_output=True, timeout=60, env=os.environ)
    assert (done.returncode, done.stdout) == (1, b"")
