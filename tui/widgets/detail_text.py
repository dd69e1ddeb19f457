"""What the detail pane says about a record, built as Rich objects from registry data.

The labeled fields as `tui.registry.record_rows` defines them for every view (description
and the people resolved through the contact table first, so a short pane shows them; the
port's class and problem; common names), and the links a user can follow: people,
references, the same service on other protocols and aliases both ways. Every registry string
becomes `Text` after `safe.visible`; no markup.
No Textual imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.table import Table
from rich.text import Text

from tui.registry.model import Contact, Record, Registry
from tui.registry.record_rows import FIELD_ORDER, Row, port_class_text, record_rows
from tui.registry.references import reference_links
from tui.safe import literal, segments_text

__all__ = [
    "FIELD_ORDER",
    "DetailLink",
    "contact_label",
    "detail_links",
    "fields_grid",
    "port_class_text",
    "row_text",
    "title_text",
]

LinkKind = Literal["contact", "url", "record"]


@dataclass(frozen=True, slots=True)
class DetailLink:
    """Something the detail pane lets the user follow.

    `target` is a contact id ("contact"), a URL ("url") or a record ("record").
    """

    kind: LinkKind
    label: Text
    target: str | Record


def title_text(record: Record) -> Text:
    """The pane's heading: the record's label."""
    return literal(record.label, style="bold")


def row_text(row: Row) -> Text:
    """A row's value as Rich Text (see `tui.safe.segments_text`)."""
    return segments_text(row.segments)


def fields_grid(
    record: Record, registry: Registry | None = None, protocols: Sequence[str] = ()
) -> Table:
    """A record in full as a two-column grid: the rows `record_rows` defines, labels in bold.

    With a `registry`, assignee and contact ids are shown with the name and e-mail (or URI)
    the contact table gives for them.
    """
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for row in record_rows(record, registry, protocols):
        grid.add_row(Text(row.label), row_text(row))
    return grid


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
        roles_text = " and ".join(roles[contact_id])
        person = contact_label(roles_text, contact, bool(registry.contacts))
        links.append(DetailLink("contact", person, contact_id))
    for name, url in reference_links(record.reference):
        text = Text()
        text.append("Reference: ", style="bold")
        if url != name:
            text.append_text(literal(name))
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
