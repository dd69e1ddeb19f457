"""The browser's keys as (key, description) pairs for the help screen, aliases merged."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.dom import DOMNode


def key_list(owners: Iterable[type[DOMNode]], palette_key: str) -> list[tuple[str, str]]:
    """Every binding of `owners`, then the palette, as ("down,j", "Next"), in declaration order.

    Keys are Textual key names, alternatives joined by commas (the help screen formats them).
    Bindings for the same action merge into one entry; the main screen's forwarding of the
    arrows from the search bar (`move('cursor_down')`) merges with the table's own arrows.
    """
    merged: dict[str, tuple[list[str], str]] = {}
    for owner in owners:
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding):
                continue
            action = _canonical(binding.action)
            keys, _ = merged.setdefault(action, ([], binding.description or action))
            for key in binding.key.split(","):
                if key.strip() and key.strip() not in keys:
                    keys.append(key.strip())
    entries = [(",".join(keys), description) for keys, description in merged.values()]
    entries.append((palette_key, "Command palette: filters, sorting, export"))
    return entries


def _canonical(action: str) -> str:
    """The action a binding really performs: move('cursor_down') is cursor_down, app.quit quit."""
    if action.startswith("move('") and action.endswith("')"):
        return action[len("move('") : -2]
    return action.removeprefix("app.")
