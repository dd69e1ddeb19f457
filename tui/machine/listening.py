"""The sockets listening on this machine, through psutil.

TCP sockets in LISTEN and UDP sockets bound without a peer, over IPv4 and IPv6, each with the
owning process where the OS tells (pid and name; None and "?" where it does not: another user's
process seen by a non-root user, a process gone meanwhile). Never raises for a denied process.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import psutil

UNKNOWN = "?"
"""What stands for a pid or process name the OS does not show."""


@dataclass(frozen=True, slots=True)
class Listener:
    """One listening socket."""

    address: str
    """The local address as the OS gives it: "0.0.0.0", "::", "127.0.0.1", "fe80::1%eth0"."""
    port: int
    protocol: str
    """"tcp" or "udp"."""
    family: str
    """"IPv4" or "IPv6"."""
    pid: int | None
    process: str
    """The process name, or UNKNOWN."""


@dataclass(frozen=True, slots=True)
class Listing:
    """Every listening socket found, and whether the OS hid some of their owners."""

    listeners: tuple[Listener, ...]
    hidden: int
    """How many sockets came without their process (not root: others' processes are hidden)."""
    privileged: bool
    """Whether this process runs as root (then nothing is hidden by the OS)."""

    def only(self, ports: Iterable[int]) -> Listing:
        """The same listing, limited to `ports` (all when empty)."""
        wanted = set(ports)
        if not wanted:
            return self
        kept = tuple(item for item in self.listeners if item.port in wanted)
        hidden = sum(1 for item in kept if item.pid is None)
        return Listing(kept, hidden, self.privileged)

    @property
    def names_hidden(self) -> bool:
        """True when some owners are unknown because this user may not see them."""
        return self.hidden > 0 and not self.privileged


def _is_root() -> bool:
    geteuid: Callable[[], int] | None = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0


def _connections() -> list[Any]:
    """psutil's inet sockets; where the OS denies the system-wide list, each process's own."""
    try:
        return list(psutil.net_connections(kind="inet"))
    except psutil.AccessDenied:
        found: list[Any] = []
        for process in psutil.process_iter():
            try:
                found += [
                    conn._replace(pid=process.pid) for conn in process.net_connections(kind="inet")
                ]
            except (psutil.Error, OSError):
                continue
        return found


def _is_listening(conn: Any) -> bool:
    if conn.type == socket.SOCK_STREAM:
        return bool(conn.status == psutil.CONN_LISTEN)
    return conn.type == socket.SOCK_DGRAM and not conn.raddr and bool(conn.laddr)


def _process_name(pid: int | None, names: dict[int, str]) -> str:
    if pid is None:
        return UNKNOWN
    if pid not in names:
        try:
            names[pid] = psutil.Process(pid).name() or UNKNOWN
        except (psutil.Error, OSError):
            names[pid] = UNKNOWN
    return names[pid]


def listening_sockets(connections: Callable[[], list[Any]] = _connections) -> Listing:
    """Every TCP socket in LISTEN and every bound, unconnected UDP socket, sorted by port.

    Args:
        connections: where psutil-shaped connection tuples come from (tests pass their own).
    """
    names: dict[int, str] = {}
    seen: set[Listener] = set()
    for conn in connections():
        if not _is_listening(conn):
            continue
        protocol = "tcp" if conn.type == socket.SOCK_STREAM else "udp"
        family = "IPv6" if conn.family == socket.AF_INET6 else "IPv4"
        pid = conn.pid if conn.pid else None
        address, port = conn.laddr[0], conn.laddr[1]
        seen.add(Listener(address, port, protocol, family, pid, _process_name(pid, names)))
    ordered = tuple(
        sorted(seen, key=lambda s: (s.port, s.protocol, s.family, s.address, s.pid or 0))
    )
    hidden = sum(1 for item in ordered if item.pid is None)
    return Listing(ordered, hidden, _is_root())
