"""`iana-ports info`: the facts about the registry in use, as text lines or JSON.

The facts come from `tui.registry.facts.info_facts`; this module only words them. Every
value from a file (its name, its date) is shown through `safe.visible`, as Rich Text.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui.registry.facts import info_facts
from tui.registry.model import Registry
from tui.safe import visible


def _days(count: int) -> str:
    if count <= 0:
        return "today"
    return "1 day ago" if count == 1 else f"{count:,} days ago"


def _line(label: str, value: str) -> Text:
    return Text.assemble((f"{label + ':':<10}", "bold"), visible(value))


def info_lines(registry: Registry, now: float | None = None) -> list[Text]:
    """What `iana-ports info` prints: which source, format, counts, registry date, copy's age.

    Notices follow (the bundled snapshot preferred to an older copy; damaged metadata), and
    last the advice to run `iana-ports update` when the copy or the snapshot is old.
    """
    return lines_of(info_facts(registry, now))


def lines_of(facts: dict[str, Any]) -> list[Text]:
    """The text lines for facts from `info_facts`."""
    updated = facts["updated"] or "unknown"
    age = facts["registry_age_days"]
    if facts["updated"] and age is not None and age >= 0:
        updated += f" ({_days(age)})"
    lines = [
        _line("Source", facts["source_label"]),
        _line("File", facts["file"]),
        _line("Format", facts["format"]),
        _line("Records", f"{facts['records']:,}"),
        _line("Contacts", f"{facts['contacts']:,}"),
        _line("Skipped", f"{facts['skipped']:,} unreadable lines"),
        _line("Updated", updated),
    ]
    copy = facts["copy"]
    if copy:
        when = f"{copy['how']} {copy['local_time']} ({_days(copy['age_days'])})"
        lines.append(_line("Copy", when))
    obtained = facts["obtained"]
    if obtained:
        lines.append(_line("From", f"{obtained['how']} from {obtained['from']}"))
    lines += [Text(visible(notice)) for notice in facts["notices"]]
    if facts["hint"]:
        lines.append(Text(facts["hint"]))
    return lines
