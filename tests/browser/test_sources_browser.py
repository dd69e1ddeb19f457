"""What the browser says about where its registry came from (issue 10.1).

The sample says it is one when a search finds nothing; the bundled snapshot says when it was
preferred to an older downloaded copy.
"""

from __future__ import annotations

from app_support import answered
from registry_server import generated_rows, registry_xml

from tui.app import PortsApp
from tui.registry.origin import SourceKind
from tui.registry.userdata import copy_path


async def test_nothing_found_in_the_sample_points_to_the_full_registry() -> None:
    app = PortsApp("sample")
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        assert app.registry.origin.kind == SourceKind.SAMPLE
        assert "run without `--registry sample`" in str(app.query_one("#status").render())
        await pilot.press(*"elasticsearch")
        table = app.query_one("#results")
        await answered(pilot)  # the results answer what the search bar holds
        assert not table.results
        assert "Nothing matches 'elasticsearch'" in table.empty_message
        assert "bundled sample (100 records)" in table.empty_message
        assert "without `--registry sample`" in table.empty_message


async def test_the_snapshot_newer_than_the_copy_says_so_in_the_status_line() -> None:
    copy_path().parent.mkdir(parents=True, exist_ok=True)
    copy_path().write_bytes(registry_xml(generated_rows(1200), updated="2021-03-04"))
    app = PortsApp()
    async with app.run_test(size=(200, 30)) as pilot:
        await answered(pilot)
        assert app.registry.origin.kind == SourceKind.BUNDLED
        status = str(app.query_one("#status").render())
        assert "bundled snapshot of 2026-08-17" in status
        assert "newer than your copy of 2021-03-04" in status
