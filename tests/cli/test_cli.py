"""The command line: outputs, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run_main, write_registry_csv

from tui.cli.command_line import main
from tui.registry.model import FIELDS

ROWS = [
    [
        "ssh",
        "22",
        "tcp",
        "The Secure Shell (SSH) Protocol",
        "",
        "",
        "",
        "",
        "[RFC4251]",
        "",
        "",
        "",
    ],
    [
        "ssh",
        "22",
        "udp",
        "The Secure Shell (SSH) Protocol",
        "",
        "",
        "",
        "",
        "[RFC4251]",
        "",
        "",
        "",
    ],
    [
        "x11",
        "6000-6063",
        "tcp",
        "X Window System",
        "[Stephen_Gildea]",
        "[Stephen_Gildea]",
        "",
        "",
        "",
        "",
        "Known Unauthorized Use on port 6003",
        "",
    ],
    [
        "evil",
        "666",
        "tcp",
        "[@click=app.quit]x[/] \x1b]0;pwned\x07 [bold]b[/bold]",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        'multi\nline "note"',
    ],
]


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    return write_registry_csv(tmp_path / "small.csv", ROWS)


def test_export_csv_round_trip_is_byte_identical(small_csv: Path, capsys) -> None:
    code, out, err = run_main(capsys, "export", "--registry", str(small_csv), "--format", "csv")
    assert code == 0, err
    assert out == small_csv.read_text(encoding="utf-8")


def test_export_json_keeps_original_text(small_csv: Path, capsys) -> None:
    code, out, _ = run_main(capsys, "export", "--registry", str(small_csv), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [[r[name] for name in FIELDS] for r in rows] == ROWS


def test_registry_option_before_or_after_command(small_csv: Path, capsys) -> None:
    for args in (
        ("--registry", str(small_csv), "show", "ssh"),
        ("show", "ssh", "--registry", str(small_csv)),
    ):
        code, out, _ = run_main(capsys, *args)
        assert code == 0
        assert "The Secure Shell (SSH) Protocol" in out


def test_show_port_inside_range_and_json(small_csv: Path, capsys) -> None:
    code, out, _ = run_main(
        capsys, "show", "6010", "--registry", str(small_csv), "--format", "json"
    )
    assert code == 0
    assert [r["service_name"] for r in json.loads(out)] == ["x11"]


def test_show_unknown_key_exits_1(small_csv: Path, capsys) -> None:
    code, out, err = run_main(capsys, "show", "nosuch", "--registry", str(small_csv))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "nosuch" in err


def test_hostile_text_printed_literally_in_tables(small_csv: Path, capsys) -> None:
    code, out, _ = run_main(capsys, "show", "evil", "--registry", str(small_csv))
    assert code == 0
    assert "[@click=app.quit]x[/]" in out
    assert "[bold]b[/bold]" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\u241b]0;pwned\u2407" in out


def test_info_counts(small_csv: Path, capsys) -> None:
    code, out, _ = run_main(capsys, "info", "--registry", str(small_csv))
    assert code == 0
    assert "Records:  4" in out and "Format:   csv" in out


def test_contacts_on_csv_says_there_is_no_table(small_csv: Path, capsys) -> None:
    code, _, err = run_main(capsys, "contacts", "--registry", str(small_csv))
    assert code == 1
    assert "no contact table" in err


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03\xff\xfe" * 200, "binary"),
        (b"# Just some markdown\n\nNothing to see.\n", "not a port registry"),
        (b"Name,Port,Proto\nssh,22,tcp\n", "not a port registry"),
    ],
)
def test_bad_files_exit_2_with_one_line(
    tmp_path: Path, capsys, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.file"
    path.write_bytes(content)
    code, out, err = run_main(capsys, "info", "--registry", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert str(path) in err and problem in err
    assert "Traceback" not in err


def test_missing_file_and_directory(tmp_path: Path, capsys) -> None:
    code, _, err = run_main(capsys, "info", "--registry", str(tmp_path / "nope.xml"))
    assert code == 2 and "no such file" in err
    code, _, err = run_main(capsys, "info", "--registry", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_bad_option_exits_2_with_one_line(capsys) -> None:
    code, _, err = run_main(capsys, "search", "ssh", "--limit", "zero")
    assert code == 2
    assert err.count("\n") == 1


def test_module_entry_point_runs(small_csv: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "show", "22/udp", "--registry", str(small_csv)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=small_csv.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "udp" in result.stdout


def test_cli_does_not_import_textual(small_csv: Path) -> None:
    code = (
        f"import sys; from tui.cli.command_line import main; main(['info', '--registry', {str(small_csv)!r}]);"
        "sys.exit(1 if any(m.startswith('textual') for m in sys.modules) else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_json_output_escapes_terminal_controls_but_reads_back_exactly(
    small_csv: Path, capsys
) -> None:
    evil = "a\x1b]0;t\x07\x9b\u202eb"
    path = small_csv.parent / "evil.json"
    path.write_text(json.dumps([{"service_name": "evil", "port_number": "1", "description": evil}]))
    code, out, _ = run_main(capsys, "export", "--registry", str(path), "--format", "json")
    assert code == 0
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    assert json.loads(out)[0]["description"] == evil


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_csv_to_a_terminal_shows_controls_visibly_and_to_a_file_exactly(
    small_csv: Path, capsys, monkeypatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    code = main(["export", "--registry", str(small_csv), "--format", "csv"])
    assert code == 0
    shown = terminal.getvalue()
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\u241b]0;pwned\u2407" in shown
    assert "control characters are shown visibly" in capsys.readouterr().err
    monkeypatch.undo()
    code, out, _ = run_main(capsys, "export", "--registry", str(small_csv), "--format", "csv")
    assert "\x1b]0;pwned\x07" in out


def test_search_table_names_assignees_through_the_contact_table(capsys) -> None:
    code, out, _ = run_main(capsys, "search", "gopher")
    assert code == 0
    assert "Mark McCahill" in out and "[Mark_McCahill]" not in out
