"""The copies `update` keeps, the temporary files it makes, and the moment it swaps them.

The last HISTORY_SIZE copies replaced are kept beside the copy (`registry.previous`,
`.previous.2`, `.previous.3`), each with its metadata; `roll_back` puts the newest back.
Temporary files are `.<name>.XXXXXXXX.part` beside the target (same file system, so
`os.replace` is atomic). While an update runs it holds a shared lock on the folder; an update
that can take the lock exclusively knows no other is running, so every `.part` file there
was left by a run that was killed, and removes it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from tui.registry.update.base import UpdateError, reason
from tui.registry.userdata import (
    PART_SUFFIX,
    history_paths,
    meta_path,
    remove_quietly,
    write_atomically,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locks, so stale files are left
    fcntl = None  # type: ignore[assignment]

HELD_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    if hasattr(signal, name)
)
"""Signals held back while the copy is swapped, so an interruption never splits the swap."""


@contextlib.contextmanager
def working_on(target: Path) -> Iterator[list[Path]]:
    """Hold the folder's update lock for a run; yields the stale `.part` files it removed."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UpdateError(f"cannot write in {folder}: {reason(error)}") from None
    if fcntl is None:
        yield []
        return
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield []  # an unreadable folder: no lock, and nothing removed
        return
    try:
        removed: list[Path] = []
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            removed = _remove_stale_parts(target)
        except OSError:
            pass  # another update is running: its temporary files are not stale
        fcntl.flock(handle, fcntl.LOCK_SH)
        yield removed
    finally:
        os.close(handle)


def _remove_stale_parts(target: Path) -> list[Path]:
    prefix = f".{target.name}."
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if (
                entry.name.startswith(prefix)
                and entry.name.endswith(PART_SUFFIX)
                and entry.is_file(follow_symlinks=False)
            ):
                path = Path(entry.path)
                remove_quietly(path)
                removed.append(path)
    return removed


@contextlib.contextmanager
def part_file(target: Path) -> Iterator[Path]:
    """A new, empty temporary file beside `target`, removed when the block ends."""
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=PART_SUFFIX
        )
    except OSError as error:
        raise UpdateError(f"cannot write in {target.parent}: {reason(error)}") from None
    os.close(handle)
    try:
        yield Path(name)
    finally:
        remove_quietly(Path(name))


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM, SIGHUP and SIGQUIT; each one that came is raised again,
    to whatever handler was there, when the block ends.

    Python runs signal handlers in the main thread whichever thread the signal reached, so
    the handlers are swapped there (elsewhere, nothing is held).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def hold(signum: int, frame: object) -> None:
        pending.append(signum)

    previous = {}
    for number in HELD_SIGNALS:
        handler = signal.getsignal(number)
        if handler is not None:  # None: set outside Python, and not ours to restore
            previous[number] = signal.signal(number, hold)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(pending):
            signal.raise_signal(number)


def kept_copies(target: Path) -> list[Path]:
    """The copies kept for `target` that exist, newest first."""
    return [path for path in history_paths(target) if path.is_file()]


def keep_in_history(target: Path) -> Path:
    """Copy `target` (and its metadata) to the newest history slot, shifting older ones down.

    The oldest beyond HISTORY_SIZE is dropped. Returns the newest slot's path.
    """
    slots = history_paths(target)
    try:
        for older, newer in reversed(list(zip(slots[1:], slots[:-1], strict=True))):
            if newer.is_file():
                _move_with_meta(newer, older)
        write_atomically(slots[0], target.read_bytes())
        _copy_meta(target, slots[0])
    except OSError as error:
        raise UpdateError(f"cannot keep a copy at {slots[0]}: {reason(error)}") from None
    return slots[0]


def restore_newest(target: Path) -> Path:
    """Move the newest kept copy (with its metadata) back to `target`; shift the rest up.

    Returns the path the copy came from. The copy that was at `target` is discarded.
    """
    slots = history_paths(target)
    kept = kept_copies(target)
    if not kept:
        raise UpdateError(f"no earlier copy of {target} is kept")
    source = kept[0]
    try:
        _move_with_meta(source, target)
        later = slots[slots.index(source) + 1 :]
        free = source
        for slot in later:
            if slot.is_file():
                _move_with_meta(slot, free)
                free = slot
    except OSError as error:
        raise UpdateError(f"cannot restore {source}: {reason(error)}") from None
    return source


def _move_with_meta(source: Path, destination: Path) -> None:
    os.replace(source, destination)
    if meta_path(source).is_file():
        os.replace(meta_path(source), meta_path(destination))
    else:
        remove_quietly(meta_path(destination))


def _copy_meta(source: Path, destination: Path) -> None:
    try:
        data = meta_path(source).read_bytes()
    except OSError:
        remove_quietly(meta_path(destination))
        return
    write_atomically(meta_path(destination), data)
