"""Where the user's own copy of the registry lives, and what is known about how it got there.

The copy sits in the platformdirs user data dir (`$XDG_DATA_HOME/iana-ports` on Linux) as
`registry`; `update` keeps the copies it replaced as `registry.previous` (the newest),
`registry.previous.2` and `registry.previous.3`, and writes what it knows about each copy (where
it came from, its SHA-256, the server's validators, when) beside it in `<name>.download.json`.
The same names are used beside any other file `update` is pointed at.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

APP_NAME = "iana-ports"
COPY_NAME = "registry"
BACKUP_SUFFIX = ".previous"
HISTORY_SIZE = 3
"""How many replaced copies `update` keeps (`update --rollback` goes back through them)."""
META_SUFFIX = ".download.json"
PART_SUFFIX = ".part"


def data_dir() -> Path:
    """The user data dir for iana-ports (respects XDG_DATA_HOME); not created here."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def copy_path() -> Path:
    """The user's downloaded (or installed) copy of the registry, whether it exists or not."""
    return data_dir() / COPY_NAME


def backup_path(target: Path) -> Path:
    """Where the copy that `update` replaced last is kept (the newest of `history_paths`)."""
    return target.with_name(target.name + BACKUP_SUFFIX)


def history_paths(target: Path) -> list[Path]:
    """Where the copies `update` replaced are kept, newest first (HISTORY_SIZE of them)."""
    newest = backup_path(target)
    return [newest] + [
        newest.with_name(f"{newest.name}.{number}") for number in range(2, HISTORY_SIZE + 1)
    ]


def meta_path(target: Path) -> Path:
    """The small JSON file that says where a copy came from (a backup has its own)."""
    return target.with_name(target.name + META_SUFFIX)


@dataclass
class CopyMeta:
    """What `update` recorded about a copy: where it came from and when.

    A downloaded copy has `url` (user and password, if any, replaced by `***`); one installed
    with `update --from FILE` has `installed_from` (the file's absolute path) instead.
    `sha256` is the hash of the bytes installed: a copy that no longer matches it was changed
    or damaged after `update` checked it. Times are POSIX seconds. `checked_at` is the last
    time the server confirmed the copy is current (a 304 answer), which makes the copy as
    fresh as a new download.
    """

    url: str = ""
    etag: str = ""
    last_modified: str = ""
    fetched_at: float = 0.0
    checked_at: float = 0.0
    installed_from: str = ""
    sha256: str = ""

    @property
    def current_as_of(self) -> float:
        """When the copy was last known to be current (0.0 when never recorded)."""
        return max(self.fetched_at, self.checked_at)


def read_meta(target: Path) -> CopyMeta:
    """The recorded metadata for a copy; an empty CopyMeta when missing or unreadable.

    The file is only a hint (validators and times), so damage costs at most one full download.
    """
    try:
        raw = json.loads(meta_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return CopyMeta()
    if not isinstance(raw, dict):
        return CopyMeta()
    meta = CopyMeta()
    for name, default in asdict(CopyMeta()).items():
        value = raw.get(name, default)
        if isinstance(default, float) and isinstance(value, int | float):
            setattr(meta, name, float(value))
        elif isinstance(default, str) and isinstance(value, str):
            setattr(meta, name, value)
    return meta


def write_meta(target: Path, meta: CopyMeta) -> None:
    """Write the metadata beside the copy, atomically (a temporary file, then os.replace)."""
    write_atomically(meta_path(target), json.dumps(asdict(meta), indent=2).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a reader sees either the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=PART_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp_name, path)
    except BaseException:
        remove_quietly(Path(temp_name))
        raise


def remove_quietly(path: Path) -> None:
    """Delete a file if it is there; a file that cannot be deleted is left alone."""
    with contextlib.suppress(OSError):
        path.unlink()
