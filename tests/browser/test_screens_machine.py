"""The "This machine" screen: opened with `m`, refreshed by a worker, Enter searches the port."""

from __future__ import annotations

import os
import socket
import threading
from types import SimpleNamespace

from app_support import answered, wait_until
from machine_support import hostile_machine_registry, listening_pair, machine_registry
from textual.widgets import DataTable, Static

from tui.app import PortsApp
from tui.machine.listening import Listing, listening_sockets
from tui.screens.machine import MachineScreen


def _conn(port: int, pid: int | None, kind: int = socket.SOCK_STREAM):
    return SimpleNamespace(
        fd=3,
        family=socket.AF_INET,
        type=kind,
        laddr=("0.0.0.0", port),
        raddr=(),
        status="LISTEN" if kind == socket.SOCK_STREAM else "NONE",
        pid=pid,
    )


def _as_user(monkeypatch, *connections) -> None:
    """The screen's lister sees `connections` as a non-root user would."""
    monkeypatch.setattr("tui.machine.listening._is_root", lambda: False)
    monkeypatch.setattr(
        "tui.screens.machine.listening_sockets",
        lambda: listening_sockets(lambda: list(connections)),
    )


def _rows(screen: MachineScreen) -> list[list[str]]:
    table = screen.query_one("#machine-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_m_opens_the_screen_and_enter_searches_the_port(monkeypatch) -> None:
    _as_user(
        monkeypatch, _conn(22, None), _conn(5432, os.getpid()), _conn(53, None, socket.SOCK_DGRAM)
    )
    app = PortsApp(source=machine_registry())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")  # from the search bar to the results
        await pilot.press("f8")
        await wait_until(pilot, lambda: isinstance(app.screen, MachineScreen), "the machine screen")
        screen = app.screen
        assert isinstance(screen, MachineScreen)
        await wait_until(pilot, lambda: screen.refreshes >= 1, "the first listing")
        rows = _rows(screen)
        assert [row[:3] + row[5:6] for row in rows] == [
            ["tcp", "0.0.0.0", "22", "ssh: The Secure Shell (SSH) Protocol"],
            ["udp", "0.0.0.0", "53", "domain: Domain Name Server"],
            ["tcp", "0.0.0.0", "5432", "postgresql: PostgreSQL Database"],
        ]
        assert rows[0][3:5] == ["?", "?"] and rows[2][3] == str(os.getpid())
        note = screen.query_one("#machine-note", Static)
        assert note.display and "hidden for 2 sockets" in str(note.render())
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, MachineScreen), "dismissal")
        assert app.query_one("#search").value == "5432/tcp"
        await answered(pilot)
        results = app.query_one("#results")
        assert [r.service_name for r in results.results] == ["postgresql"]


async def test_the_list_refreshes_while_open(monkeypatch) -> None:
    ports = iter(range(3000, 3100))
    seen: list[int] = []

    def growing() -> Listing:
        seen.append(next(ports))
        return listening_sockets(lambda: [_conn(port, 1) for port in seen])

    app = PortsApp(source=machine_registry())
    async with app.run_test() as pilot:
        screen = MachineScreen(app.registry, lister=growing, refresh_seconds=0.05)
        app.push_screen(screen)
        await wait_until(pilot, lambda: screen.refreshes >= 3, "three refreshes")
        assert len(_rows(screen)) >= 3
        assert str(screen.query_one("#machine-note", Static).render()) == ""  # root: nothing hidden


async def test_a_slow_listing_never_blocks_the_interface() -> None:
    entered, release = threading.Event(), threading.Event()

    def slow() -> Listing:
        entered.set()
        release.wait(timeout=10)
        return Listing((), 0, True)

    app = PortsApp(source=machine_registry())
    try:
        async with app.run_test() as pilot:
            screen = MachineScreen(app.registry, lister=slow)
            app.push_screen(screen)
            await wait_until(pilot, entered.is_set, "the listing to start")
            await pilot.press("escape")  # answered while the worker still waits
            await wait_until(pilot, lambda: app.screen is not screen, "the screen to close")
    finally:
        release.set()


async def test_real_sockets_of_this_test_are_listed() -> None:
    app = PortsApp(source=machine_registry())
    with listening_pair() as (tcp_port, udp_port):
        async with app.run_test(size=(140, 40)) as pilot:
            screen = MachineScreen(app.registry)
            app.push_screen(screen)
            await wait_until(pilot, lambda: screen.refreshes >= 1, "the first listing")
            rows = {(row[0], row[2]): row for row in _rows(screen)}
            for protocol, port in (("tcp", tcp_port), ("udp", udp_port)):
                assert rows[(protocol, str(port))][3] == str(os.getpid())


async def test_hostile_registry_text_is_shown_literally(monkeypatch) -> None:
    _as_user(monkeypatch, _conn(666, None), _conn(667, None))
    app = PortsApp(source=hostile_machine_registry())
    async with app.run_test(size=(160, 30)) as pilot:
        screen = MachineScreen(app.registry)
        app.push_screen(screen)
        await wait_until(pilot, lambda: screen.refreshes >= 1, "the first listing")
        shown = [cell for row in _rows(screen) for cell in row]
        assert not any("\x1b" in cell or "\x07" in cell for cell in shown)
        registry_cells = [row[5] for row in _rows(screen)]
        assert "[@click=app.quit]x[/]" in registry_cells[0]
        assert registry_cells[1].startswith("[red]markup[/red]")
        assert isinstance(app.screen, MachineScreen)  # no markup action ran
