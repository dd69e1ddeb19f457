"""What the detail pane says about a record, built as Rich objects from registry data.

The labeled fields, the port's class, and the links a user can follow: assignee and contact
(resolved through the contact table), references, the same service on other protocols and
aliases both ways. Every registry string becomes `Text` after `safe.visible`; no markup.
No Textual imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.table import Table
from rich.text import Text

from ..model import FIELD_LABELS, FIELDS, PORT_CLASS_RANGES, Contact, Record, Registry, port_class
from ..references import reference_links
from ..render import literal

LinkKind = Literal["contact", "url", "record"]


@dataclass(frozen=True, slots=True)
class DetailLink:
    """Something the detail pane lets the user follow.

    `target` is a contact id ("contact"), a URL ("url") or a record ("record").
    """

    kind: LinkKind
    label: Text
    target: str | Record


def port_class_text(record: Record) -> str:
    """The port's class in words: "System (0-1023)", "User to Dynamic", "" without a port."""
    if record.port_low is None or record.port_high is None:
        return ""
    low, high = sorted((record.port_low, record.port_high))
    first, last = port_class(low), port_class(high)
    if first == last:
        bounds = PORT_CLASS_RANGES.get(first)
        return f"{first} ({bounds[0]}-{bounds[1]})" if bounds else first
    return f"{first} to {last}"


def title_text(record: Record) -> Text:
    """The pane's heading: the record's label."""
    return literal(record.label, style="bold")


def fields_grid(record: Record) -> Table:
    """The twelve fields, labeled, empty ones left out, multi-line values kept; then the class."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name in FIELDS:
        value = getattr(record, name)
        if value.strip():
            grid.add_row(Text(FIELD_LABELS[name]), literal(value, keep_newlines=True))
    port_kind = port_class_text(record)
    if port_kind:
        grid.add_row(Text("Port Class"), Text(port_kind))
    if record.port_problem:
        grid.add_row(Text("Problem"), literal(f"⚠ {record.port_problem}", style="bold"))
    return grid


def contact_label(role: str, contact: Contact, has_table: bool = True) -> Text:
    """A contact as two lines: role and name, then organization, e-mail, URI, last update."""
    text = Text()
    text.append(f"{role}: ", style="bold")
    text.append_text(literal(contact.name or contact.organization or contact.id))
    details = []
    if contact.organization and contact.organization != (contact.name or contact.organization):
        details.append(contact.organization)
    if contact.email:
        details.append(contact.email)
    if contact.uri and not contact.email:
        details.append(contact.uri)
    if contact.updated:
        details.append(f"updated {contact.updated}")
    if not (contact.name or contact.organization or contact.uri):
        details.append(
            f"[{contact.id}] is not in the contact table"
            if has_table
            else "this registry file has no contact table (IANA's CSV carries none)"
        )
    if details:
        text.append("\n  ")
        text.append_text(literal(" · ".join(details)))
    return text


def detail_links(record: Record, registry: Registry) -> list[DetailLink]:
    """Everything the pane links to, in reading order: people, references, related records."""
    links: list[DetailLink] = []
    for role, people in (
        ("Assignee", registry.assignees(record)),
        ("Contact", registry.contacts_of(record)),
    ):
        for contact in people:
            label = contact_label(role, contact, has_table=bool(registry.contacts))
            links.append(DetailLink("contact", label, contact.id))
    for label, url in reference_links(record.reference):
        text = Text()
        text.append("Reference: ", style="bold")
        text.append_text(literal(label))
        if url != label:
            text.append("\n  ")
            text.append_text(literal(url))
        links.append(DetailLink("url", text, url))
    for sibling in registry.siblings(record):
        links.append(DetailLink("record", _record_label("Also", sibling), sibling))
    for alias in registry.aliases(record):
        links.append(DetailLink("record", _record_label("Alias", alias), alias))
    return links


def _record_label(role: str, record: Record) -> Text:
    text = Text()
    text.append(f"{role}: ", style="bold")
    text.append_text(literal(record.label))
    return text
