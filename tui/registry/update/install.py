"""Installing a registry as the user's copy (from a download or a file), and rolling back.

A download goes to a temporary file beside the copy; it is installed only when the whole body
arrived and passes `checks` (a full registry; without `force`, nothing taken away from the
copy in use). Installing keeps the replaced copy in the history, then swaps the new file in
with os.replace (atomic: a reader sees the old file or the new, never half), with signals held
so the swap and its metadata happen together. Any failure or interruption removes the
temporary file and leaves the copy byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from tui.registry.diff import compare
from tui.registry.formats import read_file
from tui.registry.model import Registry, RegistryError
from tui.registry.sources import load_cached
from tui.registry.update.base import (
    DEFAULT_DEADLINE_S,
    BadInput,
    NoProgress,
    Outcome,
    Progress,
    Refused,
    UpdateError,
    reason,
    redacted_url,
)
from tui.registry.update.checks import (
    check_source,
    downgrade_problem,
    holds_bytes,
    is_intact,
    validated,
    writable_target,
)
from tui.registry.update.download import check_url, fetch
from tui.registry.update.history import (
    keep_in_history,
    kept_copies,
    part_file,
    restore_newest,
    signals_held,
    working_on,
)
from tui.registry.userdata import CopyMeta, read_meta, write_meta


def update_from_url(
    url: str,
    target: Path,
    timeout: float,
    progress: Progress | None = None,
    *,
    deadline: float = DEFAULT_DEADLINE_S,
    force: bool = False,
    in_use: Path | None = None,
) -> Outcome:
    """Download the registry at `url` and install it as `target`.

    Sends If-None-Match/If-Modified-Since from the last download of the same URL when the
    copy in place is intact (it matches the hash recorded at install, or still loads), so an
    unchanged registry is not fetched again (the Outcome then says `not_modified`); a damaged
    copy is fetched in full. `in_use` is the registry in use while there is no copy at
    `target` (the bundled snapshot): a first copy may not take anything away from it either.

    Raises:
        UpdateError: nothing was installed; `target` is as it was (Refused: the download
            would take something away from the copy in use, and `force` was not given).
    """
    check_url(url)
    target = writable_target(target)
    shown = redacted_url(url)
    progress = progress or NoProgress()
    with working_on(target), part_file(target) as part:
        meta = read_meta(target)
        answer = None
        validators = meta.etag or meta.last_modified
        if validators and meta.url == shown and is_intact(target, meta):
            answer = fetch(
                url,
                part,
                timeout=timeout,
                deadline=deadline,
                progress=progress,
                etag=meta.etag,
                last_modified=meta.last_modified,
            )
            if answer is None:
                current, _ = _current(target)
                if current is not None:
                    meta.checked_at = time.time()
                    _write_meta_quietly(target, meta)
                    return Outcome(target=target, not_modified=True, registry=current)
                # The copy broke since it was checked: never call it current, fetch it whole.
        if answer is None:
            answer = fetch(url, part, timeout=timeout, deadline=deadline, progress=progress)
            if answer is None:
                raise UpdateError(
                    f"{shown} answered 304 Not Modified to a request that was not "
                    "conditional: there is nothing to install"
                )
        new_meta = CopyMeta(
            url=shown,
            etag=answer.etag,
            last_modified=answer.last_modified,
            fetched_at=time.time(),
        )
        outcome = _install(part, target, new_meta, shown, force=force, in_use=in_use)
        outcome.received_bytes = answer.received
        return outcome


def update_from_file(
    source: Path, target: Path, *, force: bool = False, in_use: Path | None = None
) -> Outcome:
    """Install a registry file the user already has (any supported format) as `target`.

    Raises:
        UpdateError: nothing was installed; `target` is as it was (BadInput: the file or the
            target cannot be used; Refused: see `update_from_url`).
    """
    target = writable_target(target)
    check_source(source)
    try:
        data = read_file(source)
    except RegistryError as error:
        raise BadInput(str(error)) from None
    with working_on(target), part_file(target) as part:
        try:
            with part.open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            raise UpdateError(f"cannot write {part}: {reason(error)}") from None
        new_meta = CopyMeta(installed_from=str(source.resolve()), fetched_at=time.time())
        return _install(part, target, new_meta, str(source), force=force, in_use=in_use)


def roll_back(target: Path) -> Outcome:
    """Put the newest copy kept in the history back in place of `target`.

    The copy it replaces is discarded (a download fetches it again). Raises UpdateError when
    no copy is kept or the kept one is not a registry; `target` is then as it was.
    """
    target = writable_target(target)
    with working_on(target):
        kept = kept_copies(target)
        if not kept:
            raise UpdateError(f"no earlier copy of {target} is kept to go back to")
        registry = validated(kept[0], str(kept[0]))
        outcome = Outcome(target=target, registry=registry, rolled_back_from=kept[0])
        outcome.previous, outcome.previous_problem = _current(target)
        with signals_held():
            restore_newest(target)
        registry.source = str(target)
        if outcome.previous is not None:
            outcome.changes = compare(outcome.previous, registry)
        return outcome


def _install(
    part: Path, target: Path, meta: CopyMeta, label: str, force: bool, in_use: Path | None
) -> Outcome:
    """Check `part`, keep the current copy in the history, swap `part` in as `target`."""
    registry = validated(part, label)
    meta.sha256 = registry.content_hash
    outcome = Outcome(target=target, registry=registry)
    outcome.previous, outcome.previous_problem = _current(target)
    if outcome.previous is not None and holds_bytes(target, registry.content_hash):
        # The very bytes in place: installing them again would only push the oldest kept copy
        # out of the history. A download records where it came from (its validators save the
        # next one); a file the user has adds nothing to what is known about the copy.
        if meta.url:
            _write_meta_quietly(target, meta)
        return Outcome(target=target, not_modified=True, registry=outcome.previous)
    if outcome.previous is not None:
        outcome.changes = compare(outcome.previous, registry)
        problem = downgrade_problem(outcome.previous, registry, outcome.changes, label)
    elif not outcome.previous_problem:  # no copy yet (a damaged one is replaced, whatever)
        problem = _first_copy_problem(registry, label, in_use)
    else:
        problem = ""
    if problem and not force:
        raise Refused(problem)
    with signals_held():
        if outcome.previous is not None:
            outcome.backup = keep_in_history(target)
        try:
            # mkstemp made it private (0600); the copy is no secret, so give it a data file's mode.
            os.chmod(part, 0o644)
            os.replace(part, target)
        except OSError as error:
            raise UpdateError(f"cannot replace {target}: {reason(error)}") from None
        _write_meta_quietly(target, meta)
    registry.source = str(target)
    return outcome


def _first_copy_problem(registry: Registry, label: str, in_use: Path | None) -> str:
    """What a first copy would take away from the registry in use until now (the bundled
    snapshot), when there is one and it loads."""
    if in_use is None:
        return ""
    current, _ = _current(in_use)
    if current is None:
        return ""
    changes = compare(current, registry)
    return downgrade_problem(current, registry, changes, label, "the bundled snapshot in use")


def _current(target: Path) -> tuple[Registry | None, str]:
    """The registry at `target` and "", or None and why it cannot be read ("" when absent)."""
    if not os.path.lexists(target):
        return None, ""
    try:
        return load_cached(target), ""
    except RegistryError as error:
        return None, error.problem
    except Exception as error:  # noqa: BLE001 - a damaged copy is replaced, whatever its damage
        return None, reason(error)


def _write_meta_quietly(target: Path, meta: CopyMeta) -> None:
    # The metadata saves a future download and says where the copy came from; losing it
    # costs one full download, so a failure to write it does not undo the install.
    with contextlib.suppress(OSError):
        write_meta(target, meta)
