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

from tui.registry.model import Registry
from tui.registry.userdata import data_dir, write_atomically

SEEN_NAME = "hints-shown.json"
KEEP_AT_MOST = 50
"""Keys remembered at most (the oldest are forgotten first)."""


def seen_path() -> Path:
    """The file listing the hints already shown."""
    return data_dir() / SEEN_NAME


def stale_copy_key(registry: Registry) -> str:
    """The key of the old-copy hint for this copy of the registry."""
    return f"stale-copy:{registry.content_hash}:{registry.copy_time or 0:.0f}"


def _read_seen(path: Path) -> list[str]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [key for key in raw if isinstance(key, str)] if isinstance(raw, list) else []


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
