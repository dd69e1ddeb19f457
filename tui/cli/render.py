"""Rich renderables for the command line: records, one record in full, contacts.

Every registry string goes in as `rich.text.Text` after `safe.visible`, so markup such as
`[@click=app.quit]` and escape sequences are shown, never interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group
from rich.table import Table

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
            literal("\n".join(contact.addresses), keep_newlines=True),
            literal(contact.updated),
        )
    return table
