"""Bad files end in exit 2 with one line naming the file and the problem, fast and bounded.

Each case runs the real command in a subprocess (as a user would), with a time limit and a
memory cap, and checks: exit code 2, nothing on stdout, exactly one line on stderr that names
the file, no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_cases_support import CASES, random_bytes, run_cli


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    path = tmp_path / f"registry-{case.replace(' ', '-')}.dat"
    path.write_bytes(CASES[case](tmp_path))
    result = run_cli("search", "ssh", "--registry", str(path))
    assert result.returncode == 2, (case, result.stdout[:500], result.stderr[-2000:])
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines[:5]
    assert str(path) in lines[0]
    assert "TOP-SECRET-CONTENT" not in result.stderr


@pytest.mark.parametrize("args", [("info",), ("show", "ssh"), ("export",), ("contacts",)])
def test_every_command_reports_bad_file_the_same_way(tmp_path: Path, args: tuple[str, ...]) -> None:
    path = tmp_path / "random.bin"
    path.write_bytes(random_bytes(4096))
    result = run_cli(*args, "--registry", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr


def test_missing_path_and_directory(tmp_path: Path) -> None:
    for path, problem in ((tmp_path / "missing.xml", "no such file"), (tmp_path, "directory")):
        result = run_cli("info", "--registry", str(path))
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert str(path) in result.stderr and problem in result.stderr
