"""Issue 13, item 7: one huge cell (a 10 MB description) keeps every view fast.

Views draw at most `DISPLAY_LIMIT` characters of a value, with a marker naming the full
length; JSON, exports and copies keep all of it. The command line runs in a subprocess with
time and memory caps; the browser under Pilot, with bounds on each step. Before the fix,
`show` took 107 s on such a registry, `search` over 120 s, and the browser ignored ctrl+q.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from app_support import answered, wait_until
from hardening_support import squashed
from hostile_cases_support import limit_memory
from huge_cell_support import TEN_MB, THREE_MB, huge_cell_registry, write_huge_cell_registry
from screen_support import drawn_lines

from tui.app import PortsApp
from tui.safe import DISPLAY_LIMIT
from tui.search import SearchIndex
from tui.widgets import DetailPane, ResultsTable

CLI_SECONDS = 20.0
"""A generous cap on a loaded machine; each command takes about a second here."""
STEP_SECONDS = 20.0
MARKER = f"… ({TEN_MB:,} characters)"


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_huge_cell_registry(tmp_path_factory.mktemp("huge") / "huge-cell.xml")


def run_cli(path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--registry", str(path), *args],
        capture_output=True,
        text=True,
        timeout=CLI_SECONDS * 2,
        preexec_fn=limit_memory,
    )
    return result, time.monotonic() - started


@pytest.mark.parametrize("command", [["show", "bigcell"], ["search", "bigcell"]])
def test_show_and_search_cut_the_cell_with_its_length(huge_file: Path, command: list[str]) -> None:
    result, seconds = run_cli(huge_file, *command)
    assert result.returncode == 0, result.stderr[-500:]
    assert seconds < CLI_SECONDS
    assert "lorem ipsum dolor sit amet bigcell" in result.stdout
    assert squashed(MARKER) in squashed(result.stdout)
    # What a view draws is bounded: a few thousand characters, not ten million.
    assert len(result.stdout) < 4 * DISPLAY_LIMIT + 20_000


def test_json_keeps_the_whole_cell(huge_file: Path) -> None:
    result, seconds = run_cli(huge_file, "search", "bigcell", "--format", "json")
    assert result.returncode == 0, result.stderr[-500:]
    assert seconds < CLI_SECONDS
    (found,) = [r for r in json.loads(result.stdout) if r["service_name"] == "bigcell"]
    assert len(found["description"]) == TEN_MB
    assert "characters)" not in found["description"]


def test_the_index_builds_and_answers_over_a_huge_cell() -> None:
    registry = huge_cell_registry()
    started = time.monotonic()
    index = SearchIndex(registry)
    hits = index.search("bigcell", limit=5)
    spans = hits[0].matches  # worked out over the huge description
    assert time.monotonic() - started < STEP_SECONDS
    assert hits[0].record.service_name == "bigcell"
    assert spans["description"][0] == (27, 34)  # "bigcell", the description's sixth word
    assert index.search("tcpmux", limit=1)[0].record.service_name == "tcpmux"


@pytest.mark.parametrize("size", [THREE_MB, TEN_MB])
async def test_browser_opens_answers_and_quits_over_a_huge_cell(size: int) -> None:
    registry = huge_cell_registry(size)
    big = registry.records[0]
    app = PortsApp(registry, show_timing=False)
    async with app.run_test(size=(160, 45)) as pilot:
        table = app.query_one("#results", ResultsTable)
        detail = app.query_one("#detail", DetailPane)
        await wait_until(
            pilot, lambda: detail.record is big, "the first frame", timeout=STEP_SECONDS
        )
        row = table.render_line(0).text
        assert "bigcell" in row and "lorem ipsum" in row
        fields = detail.query_one("#detail-fields")
        await wait_until(
            pilot,
            lambda: f"…({size:,}characters)" in squashed("".join(drawn_lines(fields))),
            "the detail pane's cut marker",
            timeout=STEP_SECONDS,
        )

        started = time.monotonic()
        await pilot.press(*"bigcell")
        await answered(pilot)
        assert time.monotonic() - started < STEP_SECONDS
        assert table.results[0] is big

        # A copy keeps the whole text.
        table.focus()
        await pilot.press("Y")
        await wait_until(pilot, lambda: len(app.clipboard) > size, "the JSON copy")

        started = time.monotonic()
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app.return_code is not None, "the quit", timeout=5)
        assert time.monotonic() - started < 5
