"""Fetching the registry over HTTP(S) into a temporary file, within a timeout and a deadline.

`--timeout` bounds the silence between bytes; the deadline bounds the whole transfer, so a
server that drips a byte now and then cannot keep an update running forever. Only http and
https are fetched and followed, through at most MAX_REDIRECTS redirects. A user and password
in a URL never appear in a message (`redacted_url`).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tui.registry.formats import MAX_FILE_BYTES
from tui.registry.update.base import (
    MAX_REDIRECTS,
    USER_AGENT,
    BadInput,
    Progress,
    UpdateError,
    reason,
    redacted_url,
)

CHUNK_BYTES = 64 * 1024
SCHEMES = ("http", "https")


@dataclass
class Fetched:
    """A body that arrived whole: the server's validators and its size."""

    etag: str
    last_modified: str
    received: int


class _DeadlinePassed(BaseException):
    """Raised (by SIGALRM) when the whole transfer took too long.

    A BaseException, so no `except Exception` on the way (urllib has some) can swallow it.
    """


def check_url(url: str) -> None:
    """Refuse a URL that is malformed or not http(s), with a one-line BadInput."""
    shown = redacted_url(url)
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is what finds "http://host:99999"
    except ValueError as error:
        raise BadInput(f"{shown!r} is not a valid URL: {reason(error)}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise BadInput(
            f"cannot download {shown!r}: only http and https URLs "
            "(for a file you already have, use `iana-ports update --from FILE`)"
        )
    if not parts.hostname:
        raise BadInput(f"{shown!r} is not a valid URL: it names no host")


def host_of(url: str) -> str:
    """The host (and port) a URL names, without any user or password: for messages."""
    netloc = urllib.parse.urlsplit(redacted_url(url)).netloc
    return netloc.rpartition("@")[2] or url


def without_credentials(url: str) -> tuple[str, str]:
    """`url` without its `user:password@`, and the Basic Authorization header they make
    ("" when the URL has none). urllib would take them for part of the host name."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, ""
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    pair = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}"
    header = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    return urllib.parse.urlunsplit(parts._replace(netloc=hostport)), header


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows http(s) redirects only, at most MAX_REDIRECTS of them; remembers the last URL."""

    max_redirections = max_repeats = MAX_REDIRECTS + 1  # our own count below speaks first

    def __init__(self, url: str) -> None:
        self.current = url
        self.hops = 0

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> object:
        """Check where the redirect leads before urllib follows it."""
        location = headers.get("location") or headers.get("uri")
        if location:
            try:
                new_url = urllib.parse.urljoin(req.full_url, location.strip())
                scheme = urllib.parse.urlsplit(new_url).scheme.lower()
            except ValueError:
                new_url, scheme = location, ""
            here = host_of(req.full_url)
            if scheme not in SCHEMES:
                fp.close()
                raise UpdateError(
                    f"{here} redirected to {redacted_url(new_url)!r}: "
                    "only http and https redirects are followed"
                )
            self.hops += 1
            if self.hops > MAX_REDIRECTS:
                fp.close()
                raise UpdateError(
                    f"more than {MAX_REDIRECTS} redirects (the last from {here}): giving up"
                )
            self.current = new_url
        return super().http_error_302(req, fp, code, msg, headers)

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        """The next request: credentials go only to the host they were given for."""
        newurl, authorization = without_credentials(newurl)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            same_host = (
                urllib.parse.urlsplit(newurl).netloc == urllib.parse.urlsplit(req.full_url).netloc
            )
            if authorization:
                new.add_unredirected_header("Authorization", authorization)
            elif not same_host:
                new.remove_header("Authorization")
        return new

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(
    url: str,
    part: Path,
    *,
    timeout: float,
    deadline: float,
    progress: Progress,
    etag: str = "",
    last_modified: str = "",
) -> Fetched | None:
    """Download `url` into `part`; None when the server answered 304 Not Modified.

    Args:
        timeout: seconds of silence tolerated (connecting, or between bytes).
        deadline: seconds the whole transfer may take.
        etag, last_modified: validators for a conditional request ("" for none).

    Raises:
        UpdateError: the body did not arrive whole (the message says why, in one line).
    """
    received = [0]
    try:
        with _deadline(deadline):
            return _fetch(url, part, timeout, deadline, progress, etag, last_modified, received)
    except _DeadlinePassed:
        raise UpdateError(
            f"download not finished within the {deadline:g} s deadline "
            f"({received[0]:,} bytes received)"
        ) from None


def _fetch(
    url: str,
    part: Path,
    timeout: float,
    deadline: float,
    progress: Progress,
    etag: str,
    last_modified: str,
    received: list[int],
) -> Fetched | None:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    url, authorization = without_credentials(url)
    if authorization:
        headers["Authorization"] = authorization
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    redirects = _Redirects(url)
    # build_opener keeps the default handlers, ProxyHandler included: http_proxy/https_proxy/
    # no_proxy from the environment are honoured.
    opener = urllib.request.build_opener(redirects)
    try:
        response = opener.open(urllib.request.Request(url, headers=headers), timeout=timeout)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 304:
            return None
        shown = redacted_url(error.url or redirects.current)
        raise UpdateError(f"{shown} answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        host = host_of(redirects.current)
        if isinstance(error.reason, TimeoutError):
            raise UpdateError(f"no answer from {host} within {timeout:g} s") from None
        raise UpdateError(f"cannot reach {host}: {reason(error.reason)}") from None
    except TimeoutError:
        raise UpdateError(
            f"no answer from {host_of(redirects.current)} within {timeout:g} s"
        ) from None
    except (http.client.HTTPException, OSError) as error:
        raise UpdateError(
            f"{host_of(redirects.current)} gave no usable answer: {reason(error)}"
        ) from None
    except ValueError as error:
        raise BadInput(f"cannot download {redacted_url(url)!r}: {reason(error)}") from None
    with response:
        total = _content_length(response)
        progress.start(total)
        try:
            ends_at = time.monotonic() + deadline
            _receive(response, part, total, timeout, ends_at, received, progress)
        finally:
            progress.finish()
        return Fetched(
            etag=response.headers.get("ETag", "") or "",
            last_modified=response.headers.get("Last-Modified", "") or "",
            received=received[0],
        )


def _receive(
    response: http.client.HTTPResponse,
    part: Path,
    total: int | None,
    timeout: float,
    ends_at: float,
    received: list[int],
    progress: Progress,
) -> None:
    """Copy the body into `part`, counting bytes in `received[0]`; UpdateError if it stops."""
    try:
        out = part.open("wb")
    except OSError as error:
        raise UpdateError(f"cannot write {part}: {reason(error)}") from None
    with out:
        while True:
            try:
                # read1 returns what has arrived, so a stall is noticed and progress is live.
                chunk = response.read1(CHUNK_BYTES)
            except TimeoutError:
                raise UpdateError(
                    f"download stalled: no data for {timeout:g} s after {received[0]:,} bytes"
                ) from None
            except http.client.IncompleteRead:
                raise UpdateError(f"transfer cut off after {received[0]:,} bytes") from None
            except (http.client.HTTPException, OSError) as error:
                raise UpdateError(
                    f"connection lost after {received[0]:,} bytes: {reason(error)}"
                ) from None
            if not chunk:
                break
            received[0] += len(chunk)
            if received[0] > MAX_FILE_BYTES:
                raise UpdateError(f"download is over {MAX_FILE_BYTES:,} bytes: not a registry")
            try:
                out.write(chunk)
            except OSError as error:
                raise UpdateError(f"cannot write {part}: {reason(error)}") from None
            progress.advance(received[0])
            if time.monotonic() > ends_at:
                # Where no alarm can be set (not the main thread), the deadline is checked here.
                raise _DeadlinePassed
        try:
            out.flush()
            os.fsync(out.fileno())
        except OSError as error:
            raise UpdateError(f"cannot write {part}: {reason(error)}") from None
    if total is not None and received[0] != total:
        raise UpdateError(f"transfer cut off after {received[0]:,} of {total:,} bytes")


def _content_length(response: http.client.HTTPResponse) -> int | None:
    try:
        length = int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return length if length >= 0 else None


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _DeadlinePassed in this (main) thread after `seconds`, wherever it is blocked.

    Uses SIGALRM and restores whatever alarm and handler were there before. Elsewhere than
    the main thread, or without setitimer, it does nothing (the receive loop checks the clock).
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def passed(signum: int, frame: object) -> None:
        raise _DeadlinePassed

    started = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, passed)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay > 0:
            left = max(old_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)
