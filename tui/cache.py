"""A cache of plain data in the user cache dir, so a second start need not parse again.

An entry is JSON (plain lists, dicts, strings and numbers: reading it cannot run code, unlike
pickle) named by a kind ("registry", or whatever else wants to reuse the place, e.g. a search
index) and the content hash of the file it was built from. Each entry is stamped with the
project version and a fingerprint of the package's code; an entry whose stamp, kind or hash
does not match, or that does not parse, is ignored and rebuilt, never trusted. The cache is
only an optimisation: every failure to read or write it is silent.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from . import __version__
from .model import FIELDS, Contact, Record, Registry
from .userdata import APP_NAME, write_atomically

CACHE_SCHEMA = 1
"""Bumped when the envelope or the registry encoding changes shape."""

KEEP_PER_KIND = 3
"""Entries kept per kind: the current source plus a couple of others (explicit files)."""

MAX_ENTRY_BYTES = 256 * 1024 * 1024

_KIND_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_HASH_RE = re.compile(r"[0-9a-f]{16,128}")
_RECORD_WIDTH = len(FIELDS) + 2
_CONTACT_FIELDS = ("id", "name", "organization", "uri", "updated")
_TEXT_META = ("title", "updated", "experts", "notes", "format")


def cache_dir() -> Path:
    """The user cache dir for iana-ports (respects XDG_CACHE_HOME); not created here."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def content_hash(data: bytes) -> str:
    """The hash that names a source's cache entries: SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


STAMPED_MODULES: dict[str, tuple[str, ...]] = {
    "registry": ("__init__.py", "model.py", "cache.py", "formats/*.py"),
}
"""The modules whose code shapes an entry of each kind; other kinds stamp the whole package."""


@lru_cache(maxsize=8)
def code_stamp(kind: str = "") -> str:
    """The project version plus a fingerprint (size, mtime) of the modules that shape `kind`.

    The version alone would let an edited parser in a checkout keep serving what the old
    parser produced; stat()ing a few files costs well under a millisecond.
    """
    package = Path(__file__).parent
    patterns = STAMPED_MODULES.get(kind, ("**/*.py",))
    modules = sorted({module for pattern in patterns for module in package.glob(pattern)})
    digest = hashlib.sha256()
    for module in modules:
        try:
            info = module.stat()
        except OSError:
            continue
        digest.update(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def entry_path(kind: str, digest: str) -> Path:
    """The file holding the entry of this kind for this content hash."""
    if not _KIND_RE.fullmatch(kind) or not _HASH_RE.fullmatch(digest):
        raise ValueError(f"bad cache key: {kind!r}, {digest!r}")
    return cache_dir() / f"{kind}-{digest}.json"


def load(kind: str, digest: str) -> Any | None:
    """The plain data stored for (kind, content hash) by this version of the code, or None.

    The caller still validates the data's structure: this only vouches for the envelope.
    """
    path = entry_path(kind, digest)
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            return None
        envelope = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if (
        not isinstance(envelope, dict)
        or envelope.get("schema") != CACHE_SCHEMA
        or envelope.get("stamp") != code_stamp(kind)
        or envelope.get("kind") != kind
        or envelope.get("hash") != digest
        or "data" not in envelope
    ):
        return None
    return envelope["data"]


def store(kind: str, digest: str, data: Any) -> bool:
    """Store plain data for (kind, content hash); True when written. Never raises on I/O."""
    path = entry_path(kind, digest)
    envelope = {
        "schema": CACHE_SCHEMA,
        "stamp": code_stamp(kind),
        "kind": kind,
        "hash": digest,
        "data": data,
    }
    try:
        encoded = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
        write_atomically(path, encoded)
    except (OSError, ValueError, TypeError):
        return False
    _prune(kind, keep=path)
    return True


def _prune(kind: str, keep: Path) -> None:
    """Remove all but the newest entries of a kind, so old sources do not pile up."""
    try:
        entries = sorted(
            (p for p in cache_dir().glob(f"{kind}-*.json") if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[KEEP_PER_KIND - 1 :]:
            old.unlink()
    except OSError:
        pass


def encode_registry(registry: Registry) -> dict[str, Any]:
    """A registry as plain data: rows of 12 strings plus port bounds, contacts, metadata."""
    plain: dict[str, Any] = {name: getattr(registry, name) for name in _TEXT_META}
    plain["skipped"] = registry.skipped
    plain["skipped_lines"] = list(registry.skipped_lines)
    plain["records"] = [[*r.to_row(), r.port_low, r.port_high] for r in registry.records]
    plain["contacts"] = [
        [getattr(c, name) for name in _CONTACT_FIELDS] for c in registry.contacts.values()
    ]
    return plain


def decode_registry(plain: Any) -> Registry | None:
    """The registry from `encode_registry`'s data, or None when the structure is not exactly that.

    Every cell's type is checked: a damaged or crafted entry is refused, not half-loaded.
    """
    if not isinstance(plain, dict):
        return None
    rows, people = plain.get("records"), plain.get("contacts")
    skipped, skipped_lines = plain.get("skipped"), plain.get("skipped_lines")
    if not (isinstance(rows, list) and isinstance(people, list)):
        return None
    if type(skipped) is not int or not isinstance(skipped_lines, list):
        return None
    if not all(type(line) is int for line in skipped_lines):
        return None
    if not all(type(plain.get(name)) is str for name in _TEXT_META):
        return None
    if not (_all_rows(rows, _RECORD_WIDTH) and _all_rows(people, len(_CONTACT_FIELDS))):
        return None
    width = len(FIELDS)
    if not (_all_text(row[:width] for row in rows) and _all_text(people)):
        return None
    if not {type(bound) for row in rows for bound in row[width:]} <= {int, type(None)}:
        return None
    records = [Record(*row) for row in rows]
    contacts = {person[0]: Contact(*person) for person in people}
    registry = Registry(records=records, contacts=contacts, skipped=skipped)
    registry.skipped_lines = list(skipped_lines)
    for name in _TEXT_META:
        setattr(registry, name, plain[name])
    return registry


def _all_rows(rows: list[Any], width: int) -> bool:
    """True when every row is a list of exactly `width` cells."""
    return all(type(row) is list and len(row) == width for row in rows)


def _all_text(rows: Iterable[list[Any]]) -> bool:
    """True when every cell of every row is a str (str.join checks it in C, fast)."""
    try:
        "".join(chain.from_iterable(rows))
    except TypeError:
        return False
    return True
