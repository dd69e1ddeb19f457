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

from tui.registry.files import NotRegularFile, TooLarge, describe_error, read_regular

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
    return read_meta_checked(target)[0]


def read_meta_checked(target: Path) -> tuple[CopyMeta, str]:
    """The recorded metadata for a copy, and what was wrong with the file ("" when nothing).

    Any content is tolerated: a file that is not a small JSON object of the expected fields
    (too deep, too big, NaN, a time in milliseconds or in the future, wrong types) has its bad
    parts ignored and is rewritten with what was sound, so the problem is reported once.
    A missing file is no problem.
    """
    path = meta_path(target)
    try:
        raw = json.loads(read_regular(path, MAX_META_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return CopyMeta(), ""
    except TooLarge:
        return _rewritten(target, CopyMeta(), f"is over {MAX_META_BYTES:,} bytes")
    except OSError as error:
        if isinstance(error, NotRegularFile):
            remove_quietly(path)
        return CopyMeta(), f"{path.name} could not be read ({describe_error(error)}): ignored"
    except (ValueError, RecursionError, MemoryError):
        return _rewritten(target, CopyMeta(), "is not valid JSON")
    if not isinstance(raw, dict):
        return _rewritten(target, CopyMeta(), "is not a JSON object")
    meta, bad = _sound_fields(raw)
    if bad:
        return _rewritten(target, meta, f"had unusable {', '.join(bad)}")
    return meta, ""


MAX_META_BYTES = 64 * 1024
"""The metadata file is a few hundred bytes; anything past this is damage."""
_MAX_TEXT = 4096
"""The longest URL, ETag or path kept from the metadata."""
_FUTURE_SLACK = 86400.0
"""A recorded time later than now by more than this (a clock in ms, a typo) is not believed."""


def _sound_fields(raw: dict[object, object]) -> tuple[CopyMeta, list[str]]:
    """The fields of `raw` that have the right type and a believable value; the names of others."""
    import math
    import time

    meta = CopyMeta()
    bad: list[str] = []
    latest = time.time() + _FUTURE_SLACK
    for name, default in asdict(CopyMeta()).items():
        if name not in raw:
            continue
        value = raw[name]
        if isinstance(default, float):
            sound = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and 0 <= value <= latest
            )
            if sound:
                setattr(meta, name, float(value))  # type: ignore[arg-type]
        else:
            sound = isinstance(value, str) and len(value) <= _MAX_TEXT and value.isprintable()
            if sound:
                setattr(meta, name, value)
        if not sound:
            bad.append(name)
    return meta, bad


def _rewritten(target: Path, meta: CopyMeta, problem: str) -> tuple[CopyMeta, str]:
    """Write the sound part of damaged metadata back, and word the problem for the user."""
    with contextlib.suppress(OSError):
        write_meta(target, meta)
    return meta, f"{meta_path(target).name} {problem}: ignored and rewritten"


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
