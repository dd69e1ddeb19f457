"""Fetching a registry and installing it as the user's copy, without ever losing a good one.

A download goes to a temporary file beside the copy; it is installed only when the whole body
arrived and parses as a registry of at least MIN_RECORDS records. Installing keeps the copy it
replaces as a backup, then swaps the new file in with os.replace (atomic: a reader sees the
old file or the new, never half). Any failure, Ctrl-C included, removes the temporary file
and leaves the copy byte-identical. No command-line concerns here: progress goes through a
`Progress` object, failures are `UpdateError`s with a one-line message.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tui import __version__
from tui.registry.diff import Changes, compare
from tui.registry.formats import MAX_FILE_BYTES, read_file
from tui.registry.model import Registry, RegistryError
from tui.registry.sources import load_cached
from tui.registry.userdata import (
    PART_SUFFIX,
    CopyMeta,
    backup_path,
    read_meta,
    remove_quietly,
    write_atomically,
    write_meta,
)

DEFAULT_URL = (
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml"
)
MIN_RECORDS = 1000
"""Fewer records than this is not the registry (IANA's has about 14,500)."""

CHUNK_BYTES = 64 * 1024
USER_AGENT = f"iana-ports/{__version__}"


class UpdateError(Exception):
    """An update that did not happen: the message is one line saying what went wrong."""


class Progress(Protocol):
    """Where a download reports how far it got."""

    def start(self, total: int | None) -> None:
        """The body begins; `total` is its announced size in bytes, when announced."""

    def advance(self, received: int) -> None:
        """`received` bytes of the body have arrived so far."""

    def finish(self) -> None:
        """The transfer ended (whether or not it succeeded)."""


class NoProgress:
    """A Progress that shows nothing."""

    def start(self, total: int | None) -> None:
        """Ignore the start."""

    def advance(self, received: int) -> None:
        """Ignore progress."""

    def finish(self) -> None:
        """Ignore the end."""


@dataclass
class Outcome:
    """What an update did: installed a registry, or found the copy already current."""

    target: Path
    not_modified: bool = False
    registry: Registry | None = None
    previous: Registry | None = None
    previous_problem: str = ""
    changes: Changes | None = None
    backup: Path | None = None
    received_bytes: int = 0
    notes: list[str] = field(default_factory=list)


def update_from_url(
    url: str, target: Path, timeout: float, progress: Progress | None = None
) -> Outcome:
    """Download the registry at `url` and install it as `target`.

    Sends If-None-Match/If-Modified-Since from the last download of the same URL, so an
    unchanged registry is not fetched again (the Outcome then says `not_modified`).

    Raises:
        UpdateError: nothing was installed; `target` is as it was.
    """
    _check_url(url)
    meta = read_meta(target)
    conditional = target.is_file() and meta.url == url
    part = _new_part_file(target)
    try:
        answer = _download(
            url, part, timeout, meta if conditional else CopyMeta(), progress or NoProgress()
        )
        if answer is None:
            if not target.is_file():
                raise UpdateError(f"{url} answered 304 Not Modified, but there is no copy")
            meta.checked_at = time.time()
            _write_meta_quietly(target, meta)
            return Outcome(target=target, not_modified=True)
        etag, last_modified, received = answer
        new_meta = CopyMeta(url=url, etag=etag, last_modified=last_modified, fetched_at=time.time())
        outcome = _install(part, target, new_meta, label=url)
        outcome.received_bytes = received
        return outcome
    finally:
        remove_quietly(part)


def update_from_file(source: Path, target: Path) -> Outcome:
    """Install a registry file the user already has (any supported format) as `target`.

    Raises:
        UpdateError: nothing was installed; `target` is as it was.
    """
    try:
        data = read_file(source)
    except RegistryError as error:
        raise UpdateError(str(error)) from None
    part = _new_part_file(target)
    try:
        try:
            with part.open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            raise UpdateError(f"cannot write {part}: {error.strerror or error}") from None
        new_meta = CopyMeta(installed_from=str(source.resolve()), fetched_at=time.time())
        return _install(part, target, new_meta, label=str(source))
    finally:
        remove_quietly(part)


def _check_url(url: str) -> None:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise UpdateError(
            f"cannot download {url!r}: only http and https URLs "
            "(for a file you already have, use `iana-ports update --from FILE`)"
        )


def _new_part_file(target: Path) -> Path:
    """An empty temporary file beside the target (same file system, so os.replace is atomic)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=PART_SUFFIX
        )
    except OSError as error:
        raise UpdateError(f"cannot write in {target.parent}: {error.strerror or error}") from None
    os.close(handle)
    return Path(name)


def _download(
    url: str, part: Path, timeout: float, meta: CopyMeta, progress: Progress
) -> tuple[str, str, int] | None:
    """Fetch `url` into `part`; (etag, last-modified, bytes) or None for 304 Not Modified."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if meta.etag:
        headers["If-None-Match"] = meta.etag
    if meta.last_modified:
        headers["If-Modified-Since"] = meta.last_modified
    request = urllib.request.Request(url, headers=headers)
    host = urllib.parse.urlsplit(url).netloc or url
    try:
        # The default opener honours http_proxy/https_proxy/no_proxy from the environment.
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 304:
            return None
        raise UpdateError(f"{url} answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise UpdateError(f"no answer from {host} within {timeout:g} s") from None
        raise UpdateError(f"cannot reach {host}: {_reason(error.reason)}") from None
    except TimeoutError:
        raise UpdateError(f"no answer from {host} within {timeout:g} s") from None
    except (http.client.HTTPException, OSError) as error:
        raise UpdateError(f"{host} gave no usable answer: {_reason(error)}") from None
    except ValueError as error:
        raise UpdateError(f"cannot download {url!r}: {error}") from None
    with response:
        total = _content_length(response)
        progress.start(total)
        try:
            received = _receive(response, part, total, timeout, progress)
        finally:
            progress.finish()
        return (
            response.headers.get("ETag", "") or "",
            response.headers.get("Last-Modified", "") or "",
            received,
        )


def _receive(
    response: http.client.HTTPResponse,
    part: Path,
    total: int | None,
    timeout: float,
    progress: Progress,
) -> int:
    """Copy the body into `part`; the byte count. Raises UpdateError when it does not all come."""
    received = 0
    try:
        out = part.open("wb")
    except OSError as error:
        raise UpdateError(f"cannot write {part}: {error.strerror or error}") from None
    with out:
        while True:
            try:
                # read1 returns what has arrived, so a stall is noticed and progress is live.
                chunk = response.read1(CHUNK_BYTES)
            except TimeoutError:
                raise UpdateError(
                    f"download stalled: no data for {timeout:g} s after {received:,} bytes"
                ) from None
            except http.client.IncompleteRead:
                raise UpdateError(f"transfer cut off after {received:,} bytes") from None
            except (http.client.HTTPException, OSError) as error:
                raise UpdateError(
                    f"connection lost after {received:,} bytes: {_reason(error)}"
                ) from None
            if not chunk:
                break
            received += len(chunk)
            if received > MAX_FILE_BYTES:
                raise UpdateError(f"download is over {MAX_FILE_BYTES:,} bytes: not a registry")
            try:
                out.write(chunk)
            except OSError as error:
                raise UpdateError(f"cannot write {part}: {error.strerror or error}") from None
            progress.advance(received)
        try:
            out.flush()
            os.fsync(out.fileno())
        except OSError as error:
            raise UpdateError(f"cannot write {part}: {error.strerror or error}") from None
    if total is not None and received != total:
        raise UpdateError(f"transfer cut off after {received:,} of {total:,} bytes")
    return received


def _content_length(response: http.client.HTTPResponse) -> int | None:
    try:
        length = int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return length if length >= 0 else None


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    text = str(reason) or type(reason).__name__
    return text.replace("\n", " ")


def _install(part: Path, target: Path, meta: CopyMeta, label: str) -> Outcome:
    """Validate `part`, keep the current copy as a backup, swap `part` in as `target`."""
    registry = _validated(part, label)
    outcome = Outcome(target=target, registry=registry)
    if target.is_file():
        try:
            outcome.previous = load_cached(target)
        except RegistryError as error:
            outcome.previous_problem = error.problem
        outcome.backup = _keep_backup(target)
    try:
        # mkstemp made it private (0600); the copy is no secret, so give it a data file's mode.
        os.chmod(part, 0o644)
        os.replace(part, target)
    except OSError as error:
        raise UpdateError(f"cannot replace {target}: {error.strerror or error}") from None
    registry.source = str(target)
    _write_meta_quietly(target, meta)
    if outcome.previous is not None:
        outcome.changes = compare(outcome.previous, registry)
    return outcome


def _validated(part: Path, label: str) -> Registry:
    """The registry in `part`, or UpdateError when it is not one or is too small."""
    try:
        registry = load_cached(part)
    except RegistryError as error:
        raise UpdateError(f"{label} is not a registry: {error.problem}") from None
    except ImportError as error:
        raise UpdateError(f"{label}: no reader for this format yet ({error.name})") from None
    except Exception as error:  # noqa: BLE001 - untrusted bytes: any parser failure is "not a registry"
        raise UpdateError(f"{label} could not be read as a registry: {_reason(error)}") from None
    if len(registry) < MIN_RECORDS:
        raise UpdateError(
            f"{label} has only {len(registry):,} records, not the full registry "
            f"(expected at least {MIN_RECORDS:,})"
        )
    return registry


def _keep_backup(target: Path) -> Path:
    """Copy the current copy to its backup name (atomically); the backup's path."""
    backup = backup_path(target)
    try:
        write_atomically(backup, target.read_bytes())
    except OSError as error:
        raise UpdateError(f"cannot keep a backup at {backup}: {error.strerror or error}") from None
    return backup


def _write_meta_quietly(target: Path, meta: CopyMeta) -> None:
    # The metadata only saves a future download and dates the copy: losing it loses nothing.
    with contextlib.suppress(OSError):
        write_meta(target, meta)
