"""Reading a file safely: only regular files, bounded by the bytes actually read.

A device reports a size of 0 and never ends (`/dev/zero`), a FIFO blocks its reader until a
writer comes, a symbolic link may loop. Every file the project reads (a registry, the cache,
its own state files) goes through `read_regular`, which opens without blocking, checks the
type of what it opened (links resolved), and stops after `limit` bytes whatever the file
claims its size is. No interface imports.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable

_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_CHUNK = 1024 * 1024


class NotRegularFile(OSError):
    """The path names something other than a regular file (a directory, FIFO, device, socket)."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", path)
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit allows (counted in bytes read, not its reported size)."""

    def __init__(self, path: str, limit: int) -> None:
        super().__init__(errno.EFBIG, f"holds over {limit:,} bytes", path)
        self.limit = limit


def kind_of(mode: int) -> str:
    """What a st_mode describes, in words: "a regular file", "a FIFO (named pipe)"..."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `limit` of them.

    Never blocks on a FIFO and never reads a device: the type is checked on the opened file.

    Raises:
        NotRegularFile: a directory, FIFO, device or socket.
        TooLarge: more than `limit` bytes could be read.
        OSError: anything else (no such file, permission, a symbolic link loop).
    """
    name = os.fspath(path)
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket (or a FIFO's other end) cannot be opened
            raise NotRegularFile(name, _kind_by_stat(name)) from None
        raise
    try:
        mode = os.fstat(handle).st_mode
    except OSError:
        os.close(handle)
        raise
    if not stat.S_ISREG(mode):
        os.close(handle)
        raise NotRegularFile(name, kind_of(mode))
    with os.fdopen(handle, "rb", buffering=0, closefd=True) as stream:
        os.set_blocking(handle, True)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    if total > limit:
        raise TooLarge(name, limit)
    return b"".join(chunks)


def read_head(path: str | os.PathLike[str], size: int) -> bytes:
    """The first `size` bytes (at most) of the regular file at `path`; same checks as above.

    Raises:
        NotRegularFile: a directory, FIFO, device or socket.
        OSError: anything else.
    """
    try:
        return read_regular(path, size)
    except TooLarge:
        pass
    with open(path, "rb") as stream:  # a regular file: read_regular just checked it
        return stream.read(size)


def _kind_by_stat(name: str) -> str:
    try:
        return kind_of(os.stat(name).st_mode)
    except OSError:
        return "not a regular file"


def describe_error(error: OSError) -> str:
    """An OSError from `read_regular` as the few words a user reads after the file's name."""
    if isinstance(error, NotRegularFile | TooLarge):
        return str(error.strerror)
    if error.errno == errno.EISDIR:
        return "is a directory, not a regular file"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.ENOTDIR:
        return "no such file (a part of the path is not a folder)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read: {error.strerror or error}"
