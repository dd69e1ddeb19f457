"""The browser's screens: contacts, this machine's sockets, search history, and the help.

Imported on first use (PEP 562 `__getattr__`), so the browser's start does not pay for
screens that may never open.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.screens.contacts import ContactsScreen
    from tui.screens.help import HelpScreen
    from tui.screens.history import HistoryScreen
    from tui.screens.machine import MachineScreen

__all__ = ["ContactsScreen", "HelpScreen", "HistoryScreen", "MachineScreen"]

_HOMES = {
    "ContactsScreen": ".contacts",
    "HelpScreen": ".help",
    "HistoryScreen": ".history",
    "MachineScreen": ".machine",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
