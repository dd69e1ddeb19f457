"""Rich renderables for the command line: records, one record in full, contacts, registry info.

Every registry string goes in as `rich.text.Text` after `safe.visible`, so markup such as
`[@click=app.quit]` and escape sequences are shown, never interpreted.
"""

from __future__ import annotations

import datetime as _dt

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from tui.registry.model import FIELD_LABELS, FIELDS, Contact, Record, Registry, port_range_class
from tui.registry.references import reference_links
from tui.safe import DISPLAY_LIMIT, visible


def literal(text: str, keep_newlines: bool = False, style: str = "") -> Text:
    """Registry text as a Rich Text: literal, controls visible, cut past `DISPLAY_LIMIT`
    characters with a marker naming the full length (JSON and exports keep it all)."""
    return Text(visible(text, keep_newlines=keep_newlines, limit=DISPLAY_LIMIT), style=style)


def assignee_text(record: Record, registry: Registry | None) -> str:
    """Who the record is assigned to, by name where the contact table knows the id."""
    if registry is None or not registry.contacts or not record.assignee_ids:
        return record.assignee
    return ", ".join(contact.display_name for contact in registry.assignees(record))


def records_table(records: list[Record], registry: Registry | None = None) -> Table:
    """A table of records: port, protocol, service, description, assignee (by name when
    `registry` has a contact table)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
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


def contact_lines(contact: Contact) -> Text:
    """One contact as "Name, Organization <e-mail> URI (updated ...)"."""
    parts = [contact.name or contact.id]
    if contact.organization and contact.organization != contact.name:
        parts.append(contact.organization)
    text = ", ".join(parts)
    if contact.email:
        text += f" <{contact.email}>"
    elif contact.uri:
        text += f" {contact.uri}"
    if contact.updated:
        text += f" (updated {contact.updated})"
    return literal(text)


def record_panel(registry: Registry, record: Record) -> Table:
    """Every non-empty field of a record, labeled, with contacts resolved and links listed."""
    table = Table(box=box.ROUNDED, show_header=False, title=literal(record.label), expand=False)
    table.add_column("Field", style="bold", no_wrap=True)
    table.add_column("Value", overflow="fold")
    people = {"assignee": registry.assignees, "contact": registry.contacts_of}
    for name in FIELDS:
        value = getattr(record, name)
        if not value:
            continue
        cell: Text | Group = literal(value, keep_newlines=True)
        if name in people:
            named = people[name](record)
            cell = Group(cell, *(contact_lines(c) for c in named if c.name or c.uri))
        table.add_row(FIELD_LABELS[name], cell)
    links = reference_links(record.reference)
    if links:
        table.add_row("Links", Group(*(literal(url) for _, url in links)))
    if record.port_low is not None:
        problem = record.port_problem
        table.add_row(
            "Port class",
            literal(problem or port_range_class(record.port_low, record.port_high)),
        )
    others = registry.siblings(record)
    if others:
        table.add_row(
            "Also", literal(", ".join(f"{r.port_number}/{r.transport_protocol}" for r in others))
        )
    for alias in registry.aliases(record):
        table.add_row("Alias", literal(alias.label))
    return table


def contacts_table(contacts: list[Contact]) -> Table:
    """A table of contacts: id, name, organization, e-mail or URI, updated."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
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
