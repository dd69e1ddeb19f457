"""Rich renderables for the command line: records, one record in full, contacts, registry info.

Every registry string goes in as `rich.text.Text` after `safe.visible`, so markup such as
`[@click=app.quit]` and escape sequences are shown, never interpreted.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from tui.registry.model import Contact, Record, Registry
from tui.registry.record_rows import record_rows
from tui.registry.references import reference_links
from tui.safe import literal, segments_text


def assignee_text(record: Record, registry: Registry | None) -> str:
    """Who the record is assigned to, by name where the contact table knows the id."""
    if registry is None or not registry.contacts or not record.assignee_ids:
        return record.assignee
    return ", ".join(contact.display_name for contact in registry.assignees(record))


def records_table(
    records: list[Record], registry: Registry | None = None, header: bool = True
) -> Table:
    """A table of records: port, protocol, service, description, assignee (by name when
    `registry` has a contact table); no column is cut (a narrow terminal folds lines)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_header=header)
    table.add_column("Port", justify="right", no_wrap=True)
    table.add_column("Proto", no_wrap=True)
    table.add_column("Service", no_wrap=True, overflow="fold")
    table.add_column("Description", ratio=1, overflow="fold")
    table.add_column("Assignee", overflow="fold")
    for record in records:
        table.add_row(
            literal(record.port_number),
            literal(record.transport_protocol),
            literal(record.service_name, style="bold"),
            literal(record.description),
            literal(assignee_text(record, registry)),
        )
    return table


def record_panel(registry: Registry, record: Record, merged: Sequence[Record] = ()) -> Table:
    """A record in full: the rows every view shares (`tui.registry.record_rows`), then its
    links, the same service on other protocols, and aliases.

    Args:
        registry: resolves people and finds related records.
        record: the record shown.
        merged: records identical to `record` but for the protocol, shown as this one panel
            (their protocols named together).
    """
    protocols = [r.transport_protocol for r in (record, *merged)] if merged else []
    title = record.label
    if merged:
        title = f"{record.service_name or record.description} {record.port_number}/"
        title += "+".join(protocols)
    table = Table(box=box.ROUNDED, show_header=False, title=literal(title), expand=False)
    table.add_column("Field", style="bold", no_wrap=True)
    table.add_column("Value", overflow="fold")
    for row in record_rows(record, registry, protocols):
        table.add_row(row.label, segments_text(row.segments))
    links = reference_links(record.reference)
    if links:
        table.add_row("Links", Group(*(literal(url) for _, url in links)))
    shown = {id(r) for r in merged}
    others = [r for r in registry.siblings(record) if id(r) not in shown]
    if others:
        table.add_row(
            "Also", literal(", ".join(f"{r.port_number}/{r.transport_protocol}" for r in others))
        )
    for alias in registry.aliases(record):
        table.add_row("Alias", literal(alias.label))
    return table


def contacts_table(contacts: list[Contact], header: bool = True) -> Table:
    """A table of contacts: id, name, organization, e-mail or URI, updated."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_header=header)
    for title in ("ID", "Name", "Organization", "E-mail / URI", "Updated"):
        table.add_column(title, overflow="fold")
    for contact in contacts:
        table.add_row(
            literal(contact.id),
            literal(contact.name),
            literal(contact.organization),
            literal(contact.email or contact.uri),
            literal(contact.updated),
        )
    return table


def registry_age_days(updated: str, today: _dt.date | None = None) -> int | None:
    """Days since the registry's "last updated" date, or None when it has none."""
    try:
        date = _dt.date.fromisoformat(updated.strip()[:10])
    except ValueError:
        return None
    return ((today or _dt.date.today()) - date).days


def info_lines(registry: Registry, now: float | None = None) -> list[Text]:
    """What `iana-ports info` prints: which source, format, counts, registry date, copy's age.

    On the bundled excerpt, and on a downloaded copy older than 90 days, a last line says to
    run `iana-ports update`.
    """
    from tui.registry.sources import DOWNLOADED, copy_age_days, source_label, update_hint

    registry_age = registry_age_days(registry.updated, _today(now))
    updated = registry.updated or "unknown"
    if registry_age is not None and registry_age >= 0:
        updated += f" ({_days(registry_age)})"
    lines = [
        Text.assemble(("Source:   ", "bold"), source_label(registry)),
        Text.assemble(("File:     ", "bold"), literal(registry.source)),
        Text.assemble(("Format:   ", "bold"), literal(registry.format)),
        Text.assemble(("Records:  ", "bold"), f"{len(registry.records):,}"),
        Text.assemble(("Contacts: ", "bold"), f"{len(registry.contacts):,}"),
        Text.assemble(("Skipped:  ", "bold"), f"{registry.skipped:,} unreadable lines"),
        Text.assemble(("Updated:  ", "bold"), literal(updated)),
    ]
    copy_age = copy_age_days(registry, now)
    if registry.copy_time is not None and copy_age is not None:
        when = _dt.datetime.fromtimestamp(registry.copy_time).strftime("%Y-%m-%d %H:%M")
        verb = "fetched" if registry.source_kind == DOWNLOADED else "file modified"
        lines.append(Text.assemble(("Copy:     ", "bold"), f"{verb} {when} ({_days(copy_age)})"))
    hint = update_hint(registry, now)
    if hint:
        lines.append(Text(hint))
    return lines


def _today(now: float | None) -> _dt.date | None:
    return None if now is None else _dt.date.fromtimestamp(now)


def _days(count: int) -> str:
    if count <= 0:
        return "today"
    return "1 day ago" if count == 1 else f"{count:,} days ago"
