"""A cache of plain data in the user cache dir, so a second start need not parse or index again.

An entry is marshal data of plain values only (tuples, lists, dicts, strings, numbers):
reading it builds those values and never runs code, unlike pickle, and it loads several times
faster than JSON. The marshal bytes follow a magic line and their CRC-32, so a damaged file is
refused before it is decoded. Entries are named by a kind ("registry", "index") and the content
hash of the file they were built from, and stamped with the project version and a fingerprint
of the modules that shape that kind; an entry whose magic, checksum, stamp, kind or hash does
not match, or that does not decode, is ignored and rebuilt, never trusted. Decoders check the
structure of every value before use. The cache is only an optimisation: every failure to read
or write it is silent.
"""

from __future__ import annotations

import gc
import marshal
import re
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

from tui import __version__
from tui.registry.files import NotRegularFile, read_regular
from tui.registry.model import FIELDS, Contact, Record, Registry

CACHE_SCHEMA = 3
"""Bumped when the envelope or the registry encoding changes shape (2: marshal, columns;
3: every URI of a contact)."""

MAGIC = b"iana-ports cache\n"
"""The first bytes of every entry: anything else is not ours and is not decoded at all."""
_CHECKSUM_BYTES = 4
"""After the magic: the CRC-32 of the marshal bytes that follow, big-endian."""

SUFFIX = ".marshal"
LEGACY_SUFFIXES = (".json",)
"""Entries of older schemas, removed when an entry of the same kind is written."""

KEEP_PER_KIND = 3
"""Entries kept per kind: the current source plus a couple of others (explicit files)."""

MAX_ENTRY_BYTES = 256 * 1024 * 1024

_KIND_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_HASH_RE = re.compile(r"[0-9a-f]{16,128}")
_CONTACT_FIELDS = ("id", "name", "organization", "uri", "updated")
_TEXT_META = ("title", "updated", "experts", "notes", "format")
_NONE_TYPE = type(None)


def cache_dir() -> Path:
    """The user cache dir for iana-ports (respects XDG_CACHE_HOME); not created here."""
    import platformdirs

    from tui.registry.userdata import APP_NAME

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def content_hash(data: bytes) -> str:
    """The hash that names a source's cache entries: SHA-256 of the file's bytes."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


STAMPED_MODULES: dict[str, tuple[str, ...]] = {
    "registry": ("__init__.py", "registry/*.py", "registry/formats/*.py"),
    "index": (
        "__init__.py",
        "registry/*.py",
        "registry/formats/*.py",
        "search/query.py",
        "search/notation.py",
        "search/entry.py",
        "search/terms.py",
        "search/popular.py",
        "search/store.py",
        "data/common-names.csv",
        "data/common-services.txt",
    ),
}
"""The modules whose code shapes an entry of each kind; other kinds stamp the whole package.

An index entry is built from a registry entry's records, so it is stamped by what shapes
those too, and by the tables of common names and services it indexes beside them."""


@lru_cache(maxsize=8)
def code_stamp(kind: str = "") -> str:
    """The project version plus a fingerprint (size, mtime) of the modules that shape `kind`.

    The version alone would let an edited parser in a checkout keep serving what the old
    parser produced; stat()ing a few files costs well under a millisecond.
    """
    import hashlib

    package = Path(__file__).parents[1]  # the tui package
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
    return cache_dir() / f"{kind}-{digest}{SUFFIX}"


def load(kind: str, digest: str) -> Any | None:
    """The plain data stored for (kind, content hash) by this version of the code, or None.

    The caller still validates the data's structure: this only vouches for the envelope.
    """
    path = entry_path(kind, digest)
    try:
        raw = read_regular(path, MAX_ENTRY_BYTES)
    except NotRegularFile:
        # A FIFO or a link to a device in our folder would hang or flood every start:
        # removed (the link itself, never its target), so the entry is rebuilt.
        remove_entry(path)
        return None
    except OSError:
        return None
    try:
        if not raw.startswith(MAGIC):
            return None
        payload = memoryview(raw)[len(MAGIC) + _CHECKSUM_BYTES :]
        checksum = raw[len(MAGIC) : len(MAGIC) + _CHECKSUM_BYTES]
        if checksum != zlib.crc32(payload).to_bytes(_CHECKSUM_BYTES, "big"):
            return None
        with gc_paused():
            envelope = marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError, RecursionError, MemoryError):
        return None
    if (
        type(envelope) is not tuple
        or len(envelope) != 5
        or envelope[:4] != (CACHE_SCHEMA, code_stamp(kind), kind, digest)
    ):
        return None
    return envelope[4]


def store(kind: str, digest: str, data: Any) -> bool:
    """Store plain data for (kind, content hash); True when written. Never raises on I/O."""
    from tui.registry.userdata import write_atomically

    path = entry_path(kind, digest)
    envelope = (CACHE_SCHEMA, code_stamp(kind), kind, digest, data)
    try:
        payload = marshal.dumps(envelope)
        checksum = zlib.crc32(payload).to_bytes(_CHECKSUM_BYTES, "big")
        write_atomically(path, MAGIC + checksum + payload)
    except (OSError, ValueError, TypeError):
        return False
    _prune(kind, keep=path)
    return True


def remove_entry(path: Path) -> None:
    """Remove a cache entry that is not a regular file (a directory is left alone)."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink()
    except OSError:
        pass


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off while a block makes many objects and no cycles.

    Reading an entry makes ~10^5 containers; each collection the allocations trigger would
    walk all of them again, which costs more than the reading itself. Nested blocks leave
    the collector as the outermost one found it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _prune(kind: str, keep: Path) -> None:
    """Remove all but the newest entries of a kind, so old sources do not pile up."""
    try:
        folder = cache_dir()
        for suffix in LEGACY_SUFFIXES:
            for legacy in folder.glob(f"{kind}-*{suffix}"):
                legacy.unlink()
        entries = sorted(
            (p for p in folder.glob(f"{kind}-*{SUFFIX}") if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[KEEP_PER_KIND - 1 :]:
            old.unlink()
    except OSError:
        pass


class SharedStrings:
    """Hands out one string object per distinct text, so marshal writes repeats as references.

    IANA's cells repeat a lot ("tcp", "[IESG]", dates): a shared copy makes the entry smaller
    and its reading faster, and the records read back share their strings too.
    """

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}

    def column(self, texts: Iterable[str]) -> list[str]:
        """A list of the shared copies of `texts`."""
        texts = list(texts)
        return list(map(self._strings.setdefault, texts, texts))

    def tuples(self, groups: Any) -> list[tuple[str, ...]]:
        """Each group of texts as a tuple of their shared copies."""
        share = self._strings.setdefault
        return [tuple(map(share, texts, texts)) for texts in groups]

    def keys(self, mapping: dict[str, Any]) -> dict[str, Any]:
        """The same mapping, keyed by the shared copies of its keys."""
        return dict(zip(self.column(mapping), mapping.values(), strict=True))


def encode_registry(registry: Registry) -> dict[str, Any]:
    """A registry as plain data: columns of the 12 fields and port bounds, contacts, metadata."""
    shared = SharedStrings()
    plain: dict[str, Any] = {name: getattr(registry, name) for name in _TEXT_META}
    plain["skipped"] = registry.skipped
    plain["skipped_lines"] = list(registry.skipped_lines)
    records = registry.records
    columns = [shared.column(map(attrgetter(name), records)) for name in FIELDS]
    columns.append(list(map(attrgetter("port_low"), records)))
    columns.append(list(map(attrgetter("port_high"), records)))
    plain["records"] = columns
    people = registry.contacts.values()
    plain["contacts"] = [shared.column(map(attrgetter(name), people)) for name in _CONTACT_FIELDS]
    plain["contacts"].append(shared.tuples(map(attrgetter("uris"), people)))
    return plain


def decode_registry(plain: Any) -> Registry | None:
    """The registry from `encode_registry`'s data, or None when the structure is not exactly that.

    Every cell's type is checked: a damaged or crafted entry is refused, not half-loaded.
    """
    if type(plain) is not dict:
        return None
    with gc_paused():
        return _registry_of(plain)


def _registry_of(plain: dict[str, Any]) -> Registry | None:
    columns: Any = plain.get("records")
    people: Any = plain.get("contacts")
    skipped, skipped_lines = plain.get("skipped"), plain.get("skipped_lines")
    if type(skipped) is not int or type(skipped_lines) is not list:
        return None
    if type(columns) is not list or type(people) is not list:
        return None
    if not all_of_types(skipped_lines, int):
        return None
    if not all(type(plain.get(name)) is str for name in _TEXT_META):
        return None
    width = len(FIELDS)
    if not (equal_columns(columns, width + 2) and equal_columns(people, len(_CONTACT_FIELDS) + 1)):
        return None
    if not (all_text(columns[:width]) and all_text(people[:-1])):
        return None
    uris = people[-1]
    if not (all_of_types(uris, tuple) and all_text(uris)):
        return None
    if not all_of_types(chain(columns[width], columns[width + 1]), int, _NONE_TYPE):
        return None
    records = list(map(Record, *columns))
    contacts = {contact.id: contact for contact in map(Contact, *people)}
    registry = Registry(records=records, contacts=contacts, skipped=skipped)
    registry.skipped_lines = skipped_lines
    for name in _TEXT_META:
        setattr(registry, name, plain[name])
    return registry


def equal_columns(columns: Any, width: int) -> bool:
    """True when `columns` is a list of exactly `width` lists, all of the same length."""
    if type(columns) is not list or len(columns) != width:
        return False
    if not all_of_types(columns, list):
        return False
    return len({len(column) for column in columns}) <= 1


def all_text(columns: Any) -> bool:
    """True when every cell of every column is a str (str.join checks it in C, fast)."""
    try:
        "".join(chain.from_iterable(columns))
    except TypeError:
        return False
    return True


def all_of_types(values: Any, *types: type) -> bool:
    """True when every value's exact type is one of `types` (bool is not taken for int)."""
    return set(map(type, values)) <= set(types)
