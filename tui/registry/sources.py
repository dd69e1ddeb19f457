"""Where a registry comes from, and which one is in use.

In order: the file given with `--registry` (`sample` names the excerpt shipped in the
package); the file named by `$IANA_PORTS_REGISTRY`; the user's copy fetched by `iana-ports
update` (in the platformdirs user data dir); the snapshot of IANA's XML shipped in the package.
When the user's copy is older than the snapshot (the package was upgraded since), the snapshot
is used and its origin says which copy it was preferred to: the two dates are read from the
files' heads (`formats.dating`), well under a millisecond, not by parsing both. Files are
parsed once and then served from the cache (tui.registry.cache), keyed by their content hash.
Nothing here touches the network.
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from tui.registry import cache
from tui.registry.formats import parse_bytes, read_file
from tui.registry.formats.dating import peek_updated
from tui.registry.model import Registry, RegistryError
from tui.registry.origin import Origin, PassedOver, SourceKind
from tui.registry.userdata import copy_path, read_meta_checked

BUNDLED_NAME = "service-names-port-numbers.xml.xz"
"""IANA's XML (with the contact table), a dated snapshot, compressed: the default registry."""
SAMPLE_NAME = "registry-excerpt.txt"
"""The registry page copied as text, 100 records: a small sample (`--registry sample`)."""
SAMPLE = "sample"
"""The name `--registry` takes for the bundled sample."""
ENV_VAR = "IANA_PORTS_REGISTRY"
STALE_AFTER_DAYS = 90
"""A downloaded copy fetched longer ago than this earns a hint to run `iana-ports update`."""
SNAPSHOT_STALE_AFTER_DAYS = 120
"""The bundled snapshot, when its registry date is older than this, earns the same hint."""

EXPLICIT, ENVIRONMENT, DOWNLOADED, BUNDLED = (
    SourceKind.EXPLICIT,
    SourceKind.ENVIRONMENT,
    SourceKind.DOWNLOADED,
    SourceKind.BUNDLED,
)


@dataclass(frozen=True)
class Source:
    """A registry source: its kind, its file, and the older copy it was preferred to, if any."""

    kind: SourceKind
    path: Path
    passed_over: PassedOver | None = None


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
            return Source(SourceKind.SAMPLE, sample_path())
        return Source(SourceKind.EXPLICIT, Path(path))
    named = os.environ.get(ENV_VAR, "").strip()
    if named:
        return Source(SourceKind.ENVIRONMENT, Path(named).expanduser())
    downloaded = copy_path()
    if os.path.lexists(downloaded):
        return _newer_of(downloaded)
    return Source(SourceKind.BUNDLED, bundled_path())


def _newer_of(downloaded: Path) -> Source:
    """The downloaded copy, unless the bundled snapshot's registry date is later than its.

    A copy whose date cannot be read (CSV has none; a damaged copy) is used: loading it says
    what is wrong and how to repair it.
    """
    copy_date = peek_updated(downloaded)
    snapshot = bundled_path()
    if copy_date and peek_updated(snapshot) > copy_date:
        return Source(SourceKind.BUNDLED, snapshot, PassedOver(str(downloaded), copy_date))
    return Source(SourceKind.DOWNLOADED, downloaded)


def load_registry(path: str | os.PathLike[str] | None = None) -> Registry:
    """Load the registry at `path`, else the best one available (see the module docstring).

    The result says where it came from in `registry.origin` (kind, file, copy time, hash).

    Raises:
        RegistryError: the file is missing, unreadable or not a registry.
    """
    source = find_source(path)
    try:
        registry, digest = _read_cached(source.path)
    except RegistryError as error:
        raise _explained(error, source) from None
    registry.origin = _origin(source, digest)
    return registry


def _origin(source: Source, digest: str) -> Origin:
    """The frozen origin of a registry loaded from `source`."""
    if source.kind in (SourceKind.BUNDLED, SourceKind.SAMPLE):
        return Origin(source.kind, str(source.path), None, digest, passed_over=source.passed_over)
    if source.kind != SourceKind.DOWNLOADED:
        return Origin(source.kind, str(source.path), _mtime(source.path), digest)
    meta, problem = read_meta_checked(source.path)
    return Origin(
        source.kind,
        str(source.path),
        meta.current_as_of or _mtime(source.path),
        digest,
        fetched_from=meta.url,
        installed_from=meta.installed_from,
        meta_problem=problem,
    )


def load_cached(path: str | os.PathLike[str]) -> Registry:
    """Read and parse a registry file, or take it from the cache when the bytes are unchanged.

    Its origin is PARSED (`load_registry` says which source it was).

    Raises:
        RegistryError: the file is missing, unreadable or not a registry.
    """
    registry, digest = _read_cached(path)
    registry.origin = Origin(SourceKind.PARSED, str(path), _mtime(Path(path)), digest)
    return registry


def _read_cached(path: str | os.PathLike[str]) -> tuple[Registry, str]:
    """The registry in a file (from the cache when the bytes are unchanged) and its hash."""
    data = read_file(path)
    digest = cache.content_hash(data)
    registry = cache.decode_registry(cache.load("registry", digest))
    if registry is None:
        registry = parse_bytes(data, str(path))
        cache.store("registry", digest, cache.encode_registry(registry))
    registry.source = str(path)
    return registry, digest


def _explained(error: RegistryError, source: Source) -> RegistryError:
    """Add to a load error where the file's name came from and what to do about it."""
    if source.kind == ENVIRONMENT:
        note = f"(named by ${ENV_VAR})"
    elif source.kind == DOWNLOADED:
        note = "(the downloaded copy: run `iana-ports update` to fetch a fresh one)"
    else:
        return error
    return RegistryError(error.source, f"{error.problem} {note}", error.line)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def copy_age_days(registry: Registry, now: float | None = None) -> int | None:
    """Whole days since the registry's copy was last known current; None when unknown."""
    if registry.origin.copy_time is None:
        return None
    seconds = (time.time() if now is None else now) - registry.origin.copy_time
    return max(0, int(seconds // 86400))


def registry_age_days(updated: str, now: float | None = None) -> int | None:
    """Days since a registry's own date ("2026-08-17"), or None when it has none."""
    try:
        date = _dt.date.fromisoformat(updated.strip()[:10])
        today = _dt.date.today() if now is None else _dt.date.fromtimestamp(now)
    except (ValueError, OverflowError, OSError):
        return None
    return (today - date).days


def update_hint(registry: Registry, now: float | None = None) -> str | None:
    """A sentence telling the user to run `iana-ports update`, when they should; else None.

    On a downloaded copy fetched over STALE_AFTER_DAYS ago; on the bundled snapshot when its
    registry date is over SNAPSHOT_STALE_AFTER_DAYS old.
    """
    kind = registry.origin.kind
    if kind == SourceKind.DOWNLOADED:
        age = copy_age_days(registry, now)
        if age is not None and age > STALE_AFTER_DAYS:
            return (
                f"This copy was fetched {age} days ago: "
                "run `iana-ports update` for IANA's current registry."
            )
    elif kind == SourceKind.BUNDLED:
        age = registry_age_days(registry.updated, now)
        if age is not None and age > SNAPSHOT_STALE_AFTER_DAYS:
            return (
                f"The bundled snapshot is of {registry.updated}, {age} days ago: "
                "run `iana-ports update` for IANA's current registry."
            )
    return None


def newer_snapshot_notice(registry: Registry) -> str | None:
    """When the bundled snapshot was preferred to an older downloaded copy, a sentence saying so."""
    passed = registry.origin.passed_over
    if passed is None:
        return None
    return (
        f"The bundled snapshot ({registry.updated or 'undated'}) is newer than your downloaded "
        f"copy ({passed.updated}): using the snapshot."
    )
