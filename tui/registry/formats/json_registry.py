"""The project's own JSON export read back: an array of objects with the twelve record fields.

`iana-ports export --format json` writes it; reading it again gives the same records, so a
filtered export can itself be browsed or searched.
"""

from __future__ import annotations

import json

from tui.registry.formats.text import decode_text
from tui.registry.model import FIELDS, Record, Registry, RegistryError


def parse(data: bytes, source: str) -> Registry:
    """Parse a JSON array of records (as `export --format json` writes) into a Registry.

    Raises:
        RegistryError: not JSON, not an array of objects, or no object with record fields.
    """
    try:
        items = json.loads(decode_text(data))
    except json.JSONDecodeError as error:
        raise RegistryError(source, f"malformed JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise RegistryError(source, "JSON nested too deeply") from None
    except ValueError:
        # json turns digits into int: Python refuses one of more than 4,300 digits.
        raise RegistryError(source, "JSON holds a number too long to read") from None
    if not isinstance(items, list):
        raise RegistryError(source, "JSON is not an array of records")
    registry = Registry()
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not any(name in item for name in FIELDS):
            registry.skip(position)
            continue
        values = {name: item.get(name, "") for name in FIELDS}
        if not all(isinstance(value, str) and _is_text(value) for value in values.values()):
            registry.skip(position)
            continue
        registry.records.append(Record.from_fields(values))
    if not registry.records:
        raise RegistryError(source, "JSON holds no records with IANA's fields")
    return registry


def _is_text(value: str) -> bool:
    """False for a string holding a lone surrogate (JSON's "\\ud800"): no terminal or file
    encoding can write it, so the entry it is in is skipped as unreadable."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
