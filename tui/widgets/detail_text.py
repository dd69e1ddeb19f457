"""What the detail pane says about a record, built as Rich objects from registry data.

The labeled fields (description and the people resolved through the contact table first,
so a short pane shows them), the port's class, and the links a user can follow: people,
references, the same service on other protocols and aliases both ways. Every registry string
becomes `Text` after `safe.visible`; no markup.
No Textual imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.table import Table
from rich.text import Text

from tui.cli.render import literal
from tui.registry.model import FIELD_LABELS, FIELDS, Contact, Record, Registry, port_range_class
from tui.registry.references import reference_links

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
    return port_range_class(record.port_low, record.port_high)


def title_text(record: Record) -> Text:
    """The pane's heading: the record's label."""
    return literal(record.label, style="bold")


FIRST_FIELDS: tuple[str, ...] = ("description", "assignee", "contact")
"""Shown first (a short pane shows these): what the entry is, and whom to ask about it."""

FIELD_ORDER: tuple[str, ...] = FIRST_FIELDS + tuple(f for f in FIELDS if f not in FIRST_FIELDS)
"""The detail pane's field order: the first fields, then the rest in IANA's column order."""


def fields_grid(record: Record, registry: Registry | None = None) -> Table:
    """Every non-empty field, labeled, multi-line values kept, people resolved; the port class.

    With a `registry`, assignee and contact ids are shown with the name and e-mail (or URI)
    the contact table gives for them.
    """
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    people = {}
    if registry is not None:
        people = {"assignee": registry.assignees(record), "contact": registry.contacts_of(record)}
    for name in FIELD_ORDER:
        value = getattr(record, name)
        if value.strip():
            if name in people:
                shown = people_text(value, people[name], bool(registry and registry.contacts))
            else:
                shown = literal(value, keep_newlines=True)
            grid.add_row(Text(FIELD_LABELS[name]), shown)
        if name == "port_number" and port_class_text(record):
            grid.add_row(Text("Port Class"), Text(port_class_text(record)))
    if record.port_problem:
        grid.add_row(Text("Problem"), literal(f"⚠ {record.port_problem}", style="bold"))
    return grid


def people_text(value: str, people: list[Contact], has_table: bool = True) -> Text:
    """An assignee or contact cell resolved: "Name <e-mail>" (or "Name · URI"), one per line.

    The ids themselves are on the pane's links (and the contacts screen). An id the contact
    table lacks is shown as written, with a note; text in the cell outside the brackets (older
    entries name people in words) is kept on a line of its own.
    """
    text = Text()
    for index, contact in enumerate(people):
        if index:
            text.append("\n")
        if contact.name or contact.organization or contact.uri:
            text.append_text(literal(contact.display_name))
            for email in contact.emails:
                text.append_text(literal(f" <{email}>"))
            for uri in contact.addresses[len(contact.emails) :]:
                text.append(" · ")
                text.append_text(literal(uri))
        else:
            text.append_text(literal(f"[{contact.id}]"))
            if has_table:
                text.append(" (not in the contact table)", style="dim")
    outside = value
    for contact in people:
        outside = outside.replace(f"[{contact.id}]", "")
    if outside.strip():
        if people:
            text.append("\n")
        text.append_text(literal(value, keep_newlines=True))
    return text


def contact_label(roles: str, contact: Contact, has_table: bool = True) -> Text:
    """A person to follow to the contacts screen: roles, name and id, then what else is known."""
    text = Text()
    text.append(f"{roles}: ", style="bold")
    text.append_text(literal(contact.display_name))
    if contact.display_name != contact.id:
        text.append_text(literal(f" [{contact.id}]", style="dim"))
    details = []
    if contact.organization and contact.organization != contact.display_name:
        details.append(contact.organization)
    details.extend(contact.addresses[len(contact.emails) :])  # URIs that are no e-mail
    if contact.updated:
        details.append(f"updated {contact.updated}")
    if not (contact.name or contact.organization or contact.uri):
        details.append(
            "not in the contact table"
            if has_table
            else "this registry file has no contact table (IANA's CSV carries none)"
        )
    if details:
        text.append(" · ")
        text.append_text(literal(" · ".join(details)))
    return text


def detail_links(record: Record, registry: Registry) -> list[DetailLink]:
    """Everything the pane links to, in reading order: people, references, related records.

    A person named as both assignee and contact is one link.
    """
    links: list[DetailLink] = []
    roles: dict[str, list[str]] = {}
    people: dict[str, Contact] = {}
    for role, named in (
        ("Assignee", registry.assignees(record)),
        ("Contact", registry.contacts_of(record)),
    ):
        for contact in named:
            people.setdefault(contact.id, contact)
            if role not in roles.setdefault(contact.id, []):
                roles[contact.id].append(role)
    for contact_id, contact in people.items():
        label = contact_label(" and ".join(roles[contact_id]), contact, bool(registry.contacts))
        links.append(DetailLink("contact", label, contact_id))
    for label, url in reference_links(record.reference):
        text = Text()
        text.append("Reference: ", style="bold")
        if url != label:
            text.append_text(literal(label))
            text.append(" ")
        text.append_text(literal(url, style="underline"))
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
