"""Hints the browser shows once: remembered in the user data dir, so they do not nag.

The "your copy is old" hint is shown once per copy: its key is the copy's content hash and
the time it was last known current, so a fresh download (or a server's "unchanged") that
later grows old again earns the hint again. The memory is a small JSON list; a missing or
damaged file only means a hint may be shown once more. No interface imports.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from tui.registry.files import NotRegularFile, read_regular
from tui.registry.model import Registry
from tui.registry.userdata import data_dir, remove_quietly, write_atomically

SEEN_NAME = "hints-shown.json"
KEEP_AT_MOST = 50
"""Keys remembered at most (the oldest are forgotten first)."""


def seen_path() -> Path:
    """The file listing the hints already shown."""
    return data_dir() / SEEN_NAME


def stale_copy_key(registry: Registry) -> str:
    """The key of the old-copy hint for this copy of the registry."""
    return f"stale-copy:{registry.content_hash}:{registry.origin.copy_time or 0:.0f}"


MAX_SEEN_BYTES = 64 * 1024
"""The memory holds at most KEEP_AT_MOST short keys; anything larger is damage."""


def _read_seen(path: Path) -> list[str]:
    """The keys remembered; [] for any damage (it is rewritten by the next `first_time`)."""
    try:
        raw = json.loads(read_regular(path, MAX_SEEN_BYTES).decode("utf-8"))
    except NotRegularFile:
        remove_quietly(path)  # a FIFO or a device link here would hang or flood the browser
        return []
    except (OSError, ValueError, RecursionError, MemoryError):
        return []
    if not isinstance(raw, list):
        return []
    return [key for key in raw if isinstance(key, str) and len(key) <= 512][-KEEP_AT_MOST:]


def first_time(key: str) -> bool:
    """True (and remembered) the first time `key` is asked about; False after that.

    A memory that cannot be written says True again next time (a hint shown twice is harmless).
    """
    path = seen_path()
    seen = _read_seen(path)
    if key in seen:
        return False
    seen = [*seen, key][-KEEP_AT_MOST:]
    with contextlib.suppress(OSError):
        write_atomically(path, json.dumps(seen, indent=1).encode("utf-8"))
    return True
