"""The browser's keys: the main screen's bindings, and the list the help screen shows.

Each binding's description is one short word or two for the Footer; its tooltip says what
the key does, for the help screen (and the Footer's hover).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

_MAIN_KEYS: tuple[tuple[str, str, str, str, str, bool], ...] = (
    # key, action, Footer word, what it does, binding id, shown in the Footer.
    # A printable key typed while the results have the focus starts a new search with it,
    # unless the Footer shows it: every printable key here is shown (see MainScreen).
    (
        "slash",
        "new_search",
        "Search",
        "A new search: the query selected, typing replaces it",
        "new_search",
        True,
    ),
    ("escape", "clear_search", "Clear", "Clear the search and go back to it", "clear_search", True),
    ("question_mark", "help", "Help", "This help: every key", "help", True),
    # Shown in the Footer while typing in the search bar, where ? is a character of the query.
    ("f1", "help_f1", "Help", "This help, also from the search bar", "help_f1", True),
    (
        "c",
        "contacts",
        "Contacts",
        "The contacts screen, on the highlighted record's assignee and contact",
        "contacts",
        True,
    ),
    # Not `m`: a letter the Footer shows acts on the results instead of starting a search,
    # and "mysql" typed there must search (see MainScreen.type_ahead).
    (
        "f8",
        "machine",
        "Machine",
        "This machine: what listens here, and the registry's entry for each port",
        "machine",
        True,
    ),
    (
        "s",
        "cycle_sort",
        "Sort",
        "Sort by the next column (relevance, port, protocol, …)",
        "cycle_sort",
        True,
    ),
    ("S", "reverse_sort", "Reverse", "Reverse the order", "reverse_sort", True),
    (
        "f7",
        "pin_sort",
        "Pin sort",
        "Pin the sort: new searches keep it (again: each new search starts by relevance)",
        "pin_sort",
        True,
    ),
    ("y", "copy_line", "Copy", "Copy the record as one line", "copy_line", True),
    ("Y", "copy_json", "JSON", "Copy the record as JSON", "copy_json", True),
    (
        "o",
        "open_reference",
        "Open",
        "Open the record's reference (RFC, draft, URL) in a browser",
        "open_reference",
        True,
    ),
    (
        "ctrl+r",
        "history",
        "History",
        "The last queries: pick one to search it again",
        "history",
        True,
    ),
    (
        "f2",
        "only_protocol('tcp')",
        "TCP only",
        "Only TCP records (again: every protocol)",
        "only_tcp",
        True,
    ),
    (
        "f3",
        "only_protocol('udp')",
        "UDP only",
        "Only UDP records (again: every protocol)",
        "only_udp",
        True,
    ),
    ("alt+1", "toggle_protocol('tcp')", "TCP", "Hide or show TCP records", "toggle_tcp", False),
    ("alt+2", "toggle_protocol('udp')", "UDP", "Hide or show UDP records", "toggle_udp", False),
    ("alt+3", "toggle_protocol('sctp')", "SCTP", "Hide or show SCTP records", "toggle_sctp", False),
    ("alt+4", "toggle_protocol('dccp')", "DCCP", "Hide or show DCCP records", "toggle_dccp", False),
    (
        "f4",
        "cycle_port_class",
        "Port class",
        "Only System, User, then Dynamic ports; then all",
        "port_class",
        False,
    ),
    (
        "f5",
        "toggle_unassigned",
        "Unassigned",
        "Hide or show Unassigned and Reserved entries",
        "unassigned",
        False,
    ),
    (
        "f6",
        "clear_filters",
        "No filters",
        "Clear the filters: every record again",
        "clear_filters",
        False,
    ),
    # While typing in the search bar, the arrows and page keys move the table's cursor.
    ("down", "move('cursor_down')", "Next", "", "down", False),
    ("up", "move('cursor_up')", "Previous", "", "up", False),
    ("pagedown", "move('page_down')", "Page down", "", "page_down", False),
    ("pageup", "move('page_up')", "Page up", "", "page_up", False),
)

MAIN_BINDINGS: list[BindingType] = [
    Binding(key, action, word, show=show, tooltip=does, id=f"main.{name}")
    for key, action, word, does, name, show in _MAIN_KEYS
]
"""The main screen's bindings; ids are `main.<name>`, for remapping keys."""

PRINTABLE_KEY_ACTIONS = frozenset(
    {
        "new_search",
        "help",
        "contacts",
        "cycle_sort",
        "reverse_sort",
        "copy_line",
        "copy_json",
        "open_reference",
    }
)
"""The actions of printable keys: in the search bar those keys are text, not actions."""


TO_SEARCH_BAR = frozenset({"new_search", "clear_search"})
"""Actions that move to the search bar: run as their key arrives (see `type_ahead`)."""

OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("enter", "In the search bar: go to the results; on a link: follow it"),
    ("tab,shift+tab", "Move between the search bar, the results and the detail pane's links"),
    ("up", "On an empty search bar: the last query again"),
    (
        "a–z,0–9…",
        "On the results: a new search, starting with that key (unless the Footer shows it)",
    ),
)
"""Keys Textual widgets handle themselves, listed in the help all the same."""


def key_list(owners: Iterable[type[DOMNode]], palette_key: str) -> list[tuple[str, str]]:
    """Every binding of `owners`, then the palette, as ("down,j", "Next"), in declaration order.

    A binding is described by its tooltip when it has one, else by its description.
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
            said = binding.tooltip or binding.description or action
            keys, _ = merged.setdefault(action, ([], said))
            for key in binding.key.split(","):
                if key.strip() and key.strip() not in keys:
                    keys.append(key.strip())
    entries = [(",".join(keys), description) for keys, description in merged.values()]
    entries += OTHER_KEYS
    entries.append((palette_key, "Command palette: filters, sorting, export"))
    return entries


def _canonical(action: str) -> str:
    """The action a binding really performs: move('cursor_down') is cursor_down, app.quit quit."""
    if action.startswith("move('") and action.endswith("')"):
        return action[len("move('") : -2]
    return action.removeprefix("app.")
