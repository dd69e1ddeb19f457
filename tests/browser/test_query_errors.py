"""The browser shows a query it cannot answer as typed under the search bar: an unknown
qualifier with the one it resembles, a query with nothing to search for."""

from __future__ import annotations

import pytest
from app_support import answered, parts, small_registry, wait_until

from tui.app import PortsApp
from tui.widgets import StatusLine


def shown(app: PortsApp) -> str:
    return str(app.query_one("#status", StatusLine).render())


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("prot:tcp", "did you mean `proto:`?"),
        ("svc:ftp", "did you mean `service:`?"),
        ("!!!", "nothing to search for"),
    ],
)
async def test_a_query_error_is_shown_under_the_search_bar(typed: str, message: str) -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await pilot.press(*typed)
        table, _, status = parts(app)
        await wait_until(pilot, lambda: message in status.error, "the query's error")
        assert table.results == []
        assert message in shown(app)
        assert app.is_running


async def test_service_qualifier_answers_as_name_does() -> None:
    app = PortsApp(small_registry())
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        await pilot.press(*"service:ftp")
        table, _, status = parts(app)
        await wait_until(pilot, lambda: table.answered == "service:ftp", "the answer")
        assert not status.error
        assert table.results and all("ftp" in r.service_name for r in table.results)
