"""The detail pane draws the rows every view shares (the port's problem, the common names); the
browser opens on a query (`iana-ports -q QUERY`)."""

from __future__ import annotations

from app_support import parts, record, small_registry, wait_until

from tui.app import PortsApp
from tui.registry.record_rows import COMMON_NAMES_NOTE


async def test_the_pane_shows_common_names_apart_and_a_port_problem() -> None:
    registry = small_registry()
    rdp = record("ms-wbt-server", "3389", "tcp", "MS WBT Server")
    huge = record("huge", "99999999999999999999", "tcp", "No port at all")
    registry.records += [rdp, huge]
    app = PortsApp(registry)
    async with app.run_test(size=(160, 45)) as pilot:
        table, detail, _ = parts(app)
        await wait_until(pilot, lambda: table.results)
        table.select_record(rdp)
        await wait_until(pilot, lambda: detail.record is rdp)
        lines = detail.plain_text.splitlines()
        heading = next(i for i, line in enumerate(lines) if "Common Names" in line)
        assert COMMON_NAMES_NOTE in lines[heading]
        assert any("another name: rdp, remote desktop" in line for line in lines[heading:])
        table.select_record(huge)
        await wait_until(pilot, lambda: detail.record is huge)
        assert any(
            "Problem" in line and "not a number or range" in line
            for line in detail.plain_text.splitlines()
        )


async def test_the_browser_opens_with_the_query_typed() -> None:
    app = PortsApp(small_registry(), query="ssh")
    async with app.run_test(size=(160, 45)) as pilot:
        table, detail, _ = parts(app)
        search = app.query_one("#search")
        await wait_until(
            pilot, lambda: table.results and table.results[0].service_name == "ssh", "ssh first"
        )
        assert search.value == "ssh"
        assert len(table.results) < len(app.registry.records)
