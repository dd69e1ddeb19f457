"""Where a registry comes from, and which one is in use.

In order: the file given with `--registry`; the file named by `$IANA_PORTS_REGISTRY`; the
user's copy fetched by `iana-ports update` (in the platformdirs user data dir); the excerpt
shipped in the package. Files are parsed once and then served from the cache (tui.registry.cache),
keyed by their content hash. Nothing here touches the network.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from tui.registry import cache
from tui.registry.formats import parse_bytes, read_file
from tui.registry.model import Registry, RegistryError
from tui.registry.userdata import copy_path, read_meta

BUNDLED_NAME = "service-names-port-numbers.xml.xz"
"""IANA's XML (with the contact table), a dated snapshot, compressed: the default registry."""
SAMPLE_NAME = "registry-excerpt.txt"
"""The registry page copied as text, 100 records: a small sample (`--registry sample`)."""
SAMPLE = "sample"
"""The name `--registry` takes for the bundled sample."""
ENV_VAR = "IANA_PORTS_REGISTRY"
STALE_AFTER_DAYS = 90
"""A downloaded copy older than this earns a hint to run `iana-ports update`."""

EXPLICIT, ENVIRONMENT, DOWNLOADED, BUNDLED = "explicit", "environment", "downloaded", "bundled"

SOURCE_LABELS: dict[str, str] = {
    EXPLICIT: "--registry",
    ENVIRONMENT: f"${ENV_VAR}",
    DOWNLOADED: "downloaded copy",
    BUNDLED: "bundled snapshot",
}
"""How each kind of source is named to the user."""


@dataclass(frozen=True)
class Source:
    """A registry source: its kind (EXPLICIT, ENVIRONMENT, DOWNLOADED, BUNDLED) and file."""

    kind: str
    path: Path


def _data_file(name: str) -> Path:
    # Imported here: importlib.resources pulls in tempfile, shutil and zipfile machinery
    # (~6 ms of every command's start-up), and only the bundled files need it.
    from importlib import resources

    return Path(str(resources.files("tui") / "data" / name))


def bundled_path() -> Path:
    """The registry snapshot shipped inside the package (IANA's XML, xz-compressed)."""
    return _data_file(BUNDLED_NAME)


def sample_path() -> Path:
    """The small sample shipped inside the package: the registry page copied as text."""
    return _data_file(SAMPLE_NAME)


def find_source(path: str | os.PathLike[str] | None = None) -> Source:
    """The source that `load_registry(path)` would read, by the order of precedence."""
    if path is not None:
        if os.fspath(path) == SAMPLE:
            return Source(EXPLICIT, sample_path())
        return Source(EXPLICIT, Path(path))
    named = os.environ.get(ENV_VAR, "").strip()
    if named:
        return Source(ENVIRONMENT, Path(named).expanduser())
    downloaded = copy_path()
    if downloaded.is_file():
        return Source(DOWNLOADED, downloaded)
    return Source(BUNDLED, bundled_path())


def load_registry(path: str | os.PathLike[str] | None = None) -> Registry:
    """Load the registry at `path`, else the best one available (see the module docstring).

    The result says where it came from: `source_kind`, `source`, `copy_time`, `bundled`.

    Raises:
        RegistryError: the file is missing, unreadable or not a registry.
    """
    source = find_source(path)
    try:
        registry = load_cached(source.path)
    except RegistryError as error:
        raise _explained(error, source) from None
    if source.kind == BUNDLED:
        registry.bundled = True
    else:
        registry.copy_time = _copy_time(source)
    registry.source_kind = source.kind
    return registry


def load_cached(path: str | os.PathLike[str]) -> Registry:
    """Read and parse a registry file, or take it from the cache when the bytes are unchanged.

    Raises:
        RegistryError: the file is missing, unreadable or not a registry.
    """
    data = read_file(path)
    digest = cache.content_hash(data)
    registry = cache.decode_registry(cache.load("registry", digest))
    if registry is None:
        registry = parse_bytes(data, str(path))
        cache.store("registry", digest, cache.encode_registry(registry))
    registry.source = str(path)
    registry.content_hash = digest
    return registry


def _explained(error: RegistryError, source: Source) -> RegistryError:
    """Add to a load error where the file's name came from and what to do about it."""
    if source.kind == ENVIRONMENT:
        note = f"(named by ${ENV_VAR})"
    elif source.kind == DOWNLOADED:
        note = "(the downloaded copy: run `iana-ports update` to fetch a fresh one)"
    else:
        return error
    return RegistryError(error.source, f"{error.problem} {note}", error.line)


def _copy_time(source: Source) -> float | None:
    """When the copy was last known current: the recorded download or check, else its mtime."""
    if source.kind == DOWNLOADED:
        recorded = read_meta(source.path).current_as_of
        if recorded:
            return recorded
    try:
        return source.path.stat().st_mtime
    except OSError:
        return None


def copy_age_days(registry: Registry, now: float | None = None) -> int | None:
    """Whole days since the registry's copy was last known current; None when unknown."""
    if registry.copy_time is None:
        return None
    seconds = (time.time() if now is None else now) - registry.copy_time
    return max(0, int(seconds // 86400))


def source_label(registry: Registry) -> str:
    """How the registry's source is named to the user: "downloaded copy", "bundled excerpt"..."""
    return SOURCE_LABELS.get(registry.source_kind, "file")


def update_hint(registry: Registry, now: float | None = None) -> str | None:
    """A sentence telling the user to run `iana-ports update`, when they should; else None.

    On the bundled excerpt always; on a downloaded copy older than STALE_AFTER_DAYS.
    """
    if registry.bundled or registry.source_kind == BUNDLED:
        return None
    age = copy_age_days(registry, now)
    if registry.source_kind == DOWNLOADED and age is not None and age > STALE_AFTER_DAYS:
        return (
            f"This copy was fetched {age} days ago: "
            "run `iana-ports update` for IANA's current registry."
        )
    return None
