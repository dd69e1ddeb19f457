"""What a file must be before `update` reads or replaces it, and what a registry must be to
replace the copy in use.

Only regular files are read (`--from`) or replaced (the copy, `--registry X`): a device, a
FIFO, a socket or a directory is refused with one line, a symbolic link loop is named as one.
A new registry must have at least MIN_RECORDS distinct (name, port, protocol) keys, and
without `force` it may not be older than the copy it replaces, drop the contact table that
copy has, or remove more than half of its entries.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from tui.registry.diff import Changes
from tui.registry.files import kind_of
from tui.registry.formats import read_file
from tui.registry.formats.dating import registry_date
from tui.registry.model import Registry, RegistryError
from tui.registry.sources import SAMPLE, load_cached
from tui.registry.update.base import MIN_RECORDS, BadInput, UpdateError, reason
from tui.registry.userdata import CopyMeta


def _stat_problem(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a symbolic link loop"
    if error.errno == errno.ENOENT:
        return "no such file"
    return f"cannot read: {reason(error)}"


def check_source(path: Path) -> None:
    """Refuse (BadInput) a `--from` file that is missing or not a regular file, unopened."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise BadInput(f"{path}: {_stat_problem(path, error)}") from None
    if not stat.S_ISREG(mode):
        raise BadInput(f"{path}: is {kind_of(mode)}, not a registry file")


def writable_target(target: Path) -> Path:
    """The regular file `update` may replace for `target` (symbolic links followed).

    A target that does not exist yet is created. Raises BadInput for the bundled sample's
    name, a device, a FIFO, a socket, a directory or a link loop.
    """
    if os.fspath(target) == SAMPLE:
        raise BadInput(
            f"--registry {SAMPLE} is the bundled sample, which update does not replace "
            f"(for a file of that name, write ./{SAMPLE})"
        )
    try:
        is_link = os.path.islink(target)
        if is_link:
            os.stat(target)  # raises ELOOP for a loop; a dangling link names a file to create
    except OSError as error:
        if error.errno != errno.ENOENT:
            raise BadInput(f"{target}: {_stat_problem(target, error)}") from None
    real = Path(os.path.realpath(target)) if is_link else target
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as error:
        raise BadInput(f"{target}: {_stat_problem(target, error)}") from None
    if not stat.S_ISREG(mode):
        raise BadInput(
            f"{target} is {kind_of(mode)}: update replaces only a registry file (or creates one)"
        )
    return real


def distinct_keys(registry: Registry) -> int:
    """How many distinct (service name, port, protocol) keys the registry has."""
    return len({record.key for record in registry.records})


def validated(path: Path, label: str) -> Registry:
    """The registry in `path`, or UpdateError when it is not one or too small to be IANA's."""
    try:
        registry = load_cached(path)
    except RegistryError as error:
        raise UpdateError(f"{label} is not a registry: {error.problem}") from None
    except ImportError as error:
        raise UpdateError(f"{label}: no reader for this format yet ({error.name})") from None
    except Exception as error:  # noqa: BLE001 - untrusted bytes: any parser failure is "not a registry"
        raise UpdateError(f"{label} could not be read as a registry: {reason(error)}") from None
    keys = distinct_keys(registry)
    if keys < MIN_RECORDS:
        raise UpdateError(
            f"{label} has only {keys:,} distinct entries (name, port, protocol) in "
            f"{len(registry):,} records, not the full registry (expected at least {MIN_RECORDS:,})"
        )
    return registry


def is_intact(target: Path, meta: CopyMeta) -> bool:
    """Whether the copy at `target` is still what update installed: its recorded SHA-256
    matches, or else it still loads as a full registry. A conditional request is sent only
    for an intact copy, so a damaged or unreadable one is fetched again in full."""
    try:
        data = read_file(target)
    except RegistryError:
        return False
    if meta.sha256 and hashlib.sha256(data).hexdigest() == meta.sha256:
        return True
    try:
        return distinct_keys(load_cached(target)) >= MIN_RECORDS
    except Exception:  # noqa: BLE001 - a copy that fails to load in any way is not intact
        return False


def holds_bytes(target: Path, sha256: str) -> bool:
    """Whether the file at `target` reads, and its content has this SHA-256 (the hash a
    registry's origin records)."""
    try:
        data = read_file(target)
    except RegistryError:
        return False
    return bool(sha256) and hashlib.sha256(data).hexdigest() == sha256


def downgrade_problem(
    current: Registry, new: Registry, changes: Changes, label: str, in_use: str = "the copy in use"
) -> str:
    """Why installing `new` in place of `current` would lose something ("" when it would not).

    `in_use` names `current` in the message.
    """
    old_date, new_date = registry_date(current), registry_date(new)
    if old_date and new_date and new_date < old_date:
        return f"{label} is dated {new_date}, older than {in_use} ({old_date})"
    if current.contacts and not new.contacts:
        return f"{label} has no contact table, and {in_use} has {len(current.contacts):,} contacts"
    before = distinct_keys(current)
    if before and len(changes.removed) * 2 > before:
        return (
            f"{label} would remove {len(changes.removed):,} of the {before:,} entries "
            f"in {in_use} (more than half)"
        )
    return ""
