"""Rich renderables for the command line: records, one record in full, contacts.

Every registry string goes in as `rich.text.Text` after `safe.visible`, so markup such as
`[@click=app.quit]` and escape sequences are shown, never interpreted.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from tui.registry.model import FIELD_LABELS, FIELDS, Contact, Record, Registry, port_range_class
from tui.registry.references import reference_links
from tui.safe import visible


def literal(text: str, keep_newlines: bool = False, style: str = "") -> Text:
    """Registry text as a Rich Text: literal, controls visible."""
    return Text(visible(text, keep_newlines=keep_newlines), style=style)


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
    """One contact as "Name, Organization <e-mail> <e-mail> URI (updated ...)"."""
    parts = [contact.name or contact.id]
    if contact.organization and contact.organization != contact.name:
        parts.append(contact.organization)
    text = ", ".join(parts)
    for email in contact.emails:
        text += f" <{email}>"
    for address in contact.addresses[len(contact.emails) :]:
        text += f" {address}"
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
            literal("\n".join(contact.addresses), keep_newlines=True),
            literal(contact.updated),
        )
    return table
