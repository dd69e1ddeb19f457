"""A registry's date: read from the head of its file without parsing it, or from a parsed one.

Choosing between the user's downloaded copy and the bundled snapshot needs both dates at
every start; parsing both would cost a second on a cold cache, while the date sits in the
first lines of IANA's XML, XHTML and text forms (CSV has none: `peek_updated` says "").
Compressed files are decompressed only as far as the head. `update`, which has both
registries parsed, dates them with `registry_date`, which also dates a CSV by its newest
record. No interface imports.
"""

from __future__ import annotations

import os
import re

from tui.registry.files import read_head
from tui.registry.formats.compressed import head_of
from tui.registry.model import Registry

HEAD_BYTES = 64 * 1024
"""How much of the file (after decompression) is searched for the date."""

_DATE_RES = (
    re.compile(rb"<updated>\s*(\d{4}-\d{2}-\d{2})\s*</updated>"),
    re.compile(rb"Last Updated\s*</dt>\s*<dd>\s*(\d{4}-\d{2}-\d{2})"),
    re.compile(rb"Last Updated\s*\r?\n\s*(\d{4}-\d{2}-\d{2})"),
)
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_in(head: bytes) -> str:
    """The registry date ("2026-08-17") written near the start of a registry's bytes, or ""."""
    for pattern in _DATE_RES:
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii")
    return ""


def peek_updated(path: str | os.PathLike[str]) -> str:
    """The registry date of the file at `path`, from its head; "" when unknown or unreadable."""
    try:
        head = read_head(path, HEAD_BYTES)
    except OSError:
        return ""
    return date_in(head_of(head, HEAD_BYTES))


def registry_date(registry: Registry) -> str:
    """The registry's date (YYYY-MM-DD): its own `updated`, else the latest date of a record.

    IANA's CSV carries no date of its own; its newest registration or modification date is
    the best estimate of when it was published. "" when there is no date at all.
    """
    own = _DATE_RE.match(registry.updated.strip())
    if own:
        return own.group()
    latest = ""
    for record in registry.records:
        for text in (record.modification_date, record.registration_date):
            found = _DATE_RE.match(text.strip())
            if found and found.group() > latest:
                latest = found.group()
    return latest
