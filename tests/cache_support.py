"""Reading and writing cache entries the way tui.registry.cache lays them out, to damage them in tests."""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import Any

from tui.registry import cache


def entry_for(path: Path, kind: str = "registry") -> Path:
    """The cache entry of this kind for a registry file's current bytes."""
    return cache.entry_path(kind, cache.content_hash(path.read_bytes()))


def sealed(payload: bytes) -> bytes:
    """An entry's bytes around any payload: the magic and the payload's true checksum."""
    return cache.MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload


def read_envelope(entry: Path) -> list[Any]:
    """An entry's envelope (schema, stamp, kind, hash, data), as a list to change."""
    raw = entry.read_bytes()
    assert raw.startswith(cache.MAGIC)
    payload = raw[len(cache.MAGIC) + 4 :]
    assert raw == sealed(payload)
    envelope = marshal.loads(payload)
    assert type(envelope) is tuple
    return list(envelope)


def write_envelope(entry: Path, envelope: list[Any]) -> None:
    """Write an envelope back, sealed, so only its content can make it refused."""
    entry.write_bytes(sealed(marshal.dumps(tuple(envelope))))


def rewrite_entry(path: Path, change, kind: str = "registry") -> None:
    """Apply `change` to the envelope of a registry file's entry of this kind."""
    entry = entry_for(path, kind)
    envelope = read_envelope(entry)
    change(envelope)
    write_envelope(entry, envelope)
