"""What a command-line start loads: only what the command needs (start-up is most of its time)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import command_line as cli

HEAVY = (
    "rich",
    "textual",
    "rapidfuzz",
    "json",
    "importlib.resources",
    "tui.registry.formats.xml_registry",
)


def modules_after(code: str, tmp_path: Path) -> set[str]:
    """The modules a fresh interpreter has imported after running `code`."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules), file=sys.stderr)"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "PATH": "/usr/bin:/bin",
        },
        cwd=Path(__file__).parents[2],
        check=True,
    )
    return set(done.stderr.split())


def loaded(modules: set[str], name: str) -> bool:
    return any(module == name or module.startswith(name + ".") for module in modules)


def test_importing_the_command_line_loads_nothing_heavy(tmp_path: Path) -> None:
    modules = modules_after("import tui.cli.command_line", tmp_path)
    assert "tui.cli.command_line" in modules
    for name in HEAVY:
        assert not loaded(modules, name), name


def test_json_output_needs_no_rich(tmp_path: Path) -> None:
    code = "from tui.cli.command_line import main; assert main(['search', 'echo', '--format', 'json']) == 0"
    modules = modules_after(code, tmp_path)
    assert "tui.search.index" in modules and loaded(modules, "json")
    assert not loaded(modules, "rich") and not loaded(modules, "textual")


def test_table_output_is_rich(tmp_path: Path) -> None:
    code = "from tui.cli.command_line import main; assert main(['search', 'echo']) == 0"
    modules = modules_after(code, tmp_path)
    assert loaded(modules, "rich.table") and not loaded(modules, "textual")


@pytest.mark.parametrize("enabled", [True, False])
def test_a_command_leaves_the_garbage_collector_as_it_was(
    enabled: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert cli.main(["search", "echo", "--format", "json"]) == 0
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert json.loads(capsys.readouterr().out)[0]["service_name"] == "echo"


def test_a_failing_command_leaves_the_garbage_collector_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert gc.isenabled()
    assert cli.main(["search", "port:abc"]) == 2
    assert gc.isenabled()
    assert "port" in capsys.readouterr().err
