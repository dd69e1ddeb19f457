"""A listening socket beside the registry's answer for its port: what `here` shows, row by row.

Shared by the command line (table, JSON, TSV) and the browser's "This machine" screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.machine.answers import PortAnswer, PortBook
from tui.machine.listening import Listener, Listing
from tui.registry.common_names import CommonName, names_for_port
from tui.registry.model import Registry


@dataclass(frozen=True, slots=True)
class SocketReport:
    """One listening socket, what IANA registers on its port, and its common names."""

    listener: Listener
    answer: PortAnswer
    common: tuple[CommonName, ...]

    @property
    def search_key(self) -> str:
        """The query that shows this port's records in the browser: "5432/tcp"."""
        return f"{self.listener.port}/{self.listener.protocol}"

    @property
    def common_text(self) -> str:
        """The common names, comma-separated ("" when none)."""
        return ", ".join(dict.fromkeys(row.name for row in self.common))

    def to_dict(self) -> dict[str, object]:
        """Plain values for JSON: the socket, then the registry's answer and the common names."""
        item = self.listener
        return {
            "address": item.address,
            "port": item.port,
            "protocol": item.protocol,
            "family": item.family,
            "pid": item.pid,
            "process": item.process,
            "status": self.answer.status,
            "services": [
                {
                    "service_name": r.service_name,
                    "transport_protocol": r.transport_protocol,
                    "description": r.description,
                }
                for r in self.answer.records
            ],
            "registry": self.answer.summary,
            "common_names": [row.to_dict() for row in self.common],
        }


def socket_reports(listing: Listing, registry: Registry | PortBook) -> list[SocketReport]:
    """Each socket of `listing` with the registry's answer for its port and protocol.

    Args:
        registry: the registry (indexed here for just these ports), or a book already built.
    """
    book = (
        registry
        if isinstance(registry, PortBook)
        else PortBook(registry, {item.port for item in listing.listeners})
    )
    return [
        SocketReport(
            item,
            book.answer(item.port, item.protocol),
            names_for_port(item.port, item.protocol),
        )
        for item in listing.listeners
    ]


HIDDEN_NOTE = (
    "Process names are hidden for {count} socket{s}: the OS shows other users' processes "
    "only to root (run as root to see them)."
)


def hidden_note(listing: Listing) -> str:
    """The plain sentence saying that the OS hides some owners ("" when it hides none)."""
    if not listing.names_hidden:
        return ""
    count = listing.hidden
    return HIDDEN_NOTE.format(count=count, s="" if count == 1 else "s")
