"""A record as a JSON document: the one shape of `--format json`/`jsonl`, `export`, and the
browser's `Y` copy and JSON export.

IANA's twelve fields exactly as written, then what the project adds under keys of its own:
`port_low`/`port_high` (integers, null without a port), `assignee_contacts` and
`contact_contacts` (the people resolved through the contact table) and, where the record has
them, `common_names` (the project's table, not IANA's). A document reads back as a registry:
the JSON reader takes the twelve fields and ignores the rest. No interface imports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import IO, Any

from tui.registry.common_names import common_names_for
from tui.registry.model import Contact, Record, Registry
from tui.safe import BIDI_CONTROLS

_RISKY_RE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def contact_document(contact: Contact) -> dict[str, Any]:
    """A person as JSON: id, name, organization, every e-mail address, uri."""
    emails = getattr(contact, "emails", None)
    if emails is None:
        emails = [contact.email] if contact.email else []
    return {
        "id": contact.id,
        "name": contact.name,
        "organization": contact.organization,
        "emails": list(emails),
        "uri": contact.uri,
    }


def record_document(record: Record, registry: Registry | None = None) -> dict[str, Any]:
    """One record as a JSON-ready dict (see the module's docstring for the keys).

    Without a `registry` the people are the bare ids of the record's cells.
    """
    document: dict[str, Any] = dict(record.to_dict())
    document["port_low"] = record.port_low
    document["port_high"] = record.port_high
    if registry is not None:
        assignees, contacts = registry.assignees(record), registry.contacts_of(record)
    else:
        assignees = [Contact(id=i) for i in record.assignee_ids]
        contacts = [Contact(id=i) for i in record.contact_ids]
    document["assignee_contacts"] = [contact_document(c) for c in assignees]
    document["contact_contacts"] = [contact_document(c) for c in contacts]
    names = common_names_for(record)
    if names:
        document["common_names"] = [name.to_dict() for name in names]
    return document


def record_documents(records: Iterable[Record], registry: Registry | None) -> list[dict[str, Any]]:
    """`record_document` for each record, in order."""
    return [record_document(record, registry) for record in records]


def dumps(value: object, *, indent: int | None = 2, ascii_only: bool = False) -> str:
    """JSON text that reads back exactly yet cannot act on a terminal.

    JSON escapes C0 controls itself; C1 controls, DEL, line/paragraph separators and bidi
    overrides are written as \\uXXXX escapes too. `ascii_only` escapes everything beyond
    ASCII, for an output that cannot encode it.
    """
    separators = None if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent, separators=separators)
    if ascii_only:
        return text
    return _RISKY_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def write_json_lines(values: Iterable[object], out: IO[str], ascii_only: bool = False) -> None:
    """One compact JSON document a line (JSON Lines)."""
    for value in values:
        out.write(dumps(value, indent=None, ascii_only=ascii_only) + "\n")
