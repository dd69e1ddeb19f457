"""The program's entry point: the browser or a sub-command, the layers kept, pipes refused."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from cli_support import REPO, cli_env, run_cli

import tui.app
from tui import entry


def test_the_console_script_and_python_m_use_the_entry_point() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["iana-ports"] == "tui.entry:main"
    assert "from tui.entry import main" in (REPO / "tui" / "__main__.py").read_text()
    layers = next(c for c in project["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    assert layers["layers"][0] == "tui.entry"


def test_the_command_line_never_loads_the_browser(cli_cache: Path) -> None:
    script = (
        "import sys\n"
        "from tui.cli.command_line import main\n"
        "code = main(['search', 'ssh'])\n"
        "import tui.cli.render, tui.cli.commands\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'tui.app',"
        " 'tui.screens', 'tui.widgets'))]\n"
        "print(code, bad, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        env=cli_env(cli_cache),
        cwd=REPO,
    )
    assert done.stderr.strip().splitlines()[-1] == "0 []"


@pytest.mark.parametrize("args", [[], ["-q", "ssh"], ["--registry", "sample"]])
def test_the_browser_in_a_pipe_ends_at_once_naming_search(cli_cache: Path, args: list[str]) -> None:
    done = run_cli(cli_cache, *args, timeout=15)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "iana-ports search" in done.stderr


def test_the_browser_with_stdout_in_a_pipe_ends_at_once(cli_cache: Path, tmp_path: Path) -> None:
    with (tmp_path / "tty-less").open("w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "tui"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            timeout=15,
            env=cli_env(cli_cache),
            cwd=REPO,
        )
    assert done.returncode == 2 and "iana-ports search" in done.stderr


class FakeApp:
    """Stands in for PortsApp: records how the entry point opened it."""

    opened: list[dict[str, object]] = []
    return_code = 0

    def __init__(self, source=None, **options) -> None:
        FakeApp.opened.append({"source": source, **options})

    def run(self) -> None:
        """Nothing to run."""


@pytest.fixture
def fake_terminal(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    FakeApp.opened = []
    monkeypatch.setattr(tui.app, "PortsApp", FakeApp)
    monkeypatch.setattr(entry, "_is_terminal", lambda stream: True)
    return FakeApp.opened


def test_q_opens_the_browser_with_the_query_typed(fake_terminal) -> None:
    assert entry.main(["--registry", "sample", "-q", "secure shell"]) == 0
    (opened,) = fake_terminal
    assert opened["query"] == "secure shell"
    assert len(opened["source"].records) == 100  # the sample the options named


def test_without_q_the_browser_opens_on_everything(fake_terminal) -> None:
    assert entry.main(["--registry", "sample"]) == 0
    (opened,) = fake_terminal
    assert opened["query"] == ""


def test_q_with_a_command_is_bad_input(fake_terminal, capsys) -> None:
    assert entry.main(["-q", "ssh", "show", "22"]) == 2
    assert "-q" in capsys.readouterr().err and fake_terminal == []


def test_the_command_line_alone_does_not_open_a_browser(capsys) -> None:
    from tui.cli import main

    assert main([]) == 2
    assert "no command" in capsys.readouterr().err
