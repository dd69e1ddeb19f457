"""What every part of `update` shares: its errors, its progress protocol, what it reports back.

An `UpdateError` is an update that did not happen; its message is one line. `BadInput` is one
caused by what the user gave (a file that is not a registry, a target that is a device, a URL
that is not one); `Refused` is a registry that reads fine but would take something away from
the copy in use (an older date, the contact table, most of the records) and is installed only
with `force`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tui import __version__
from tui.registry.diff import Changes
from tui.registry.model import Registry

DEFAULT_URL = (
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml"
)
MIN_RECORDS = 1000
"""Fewer distinct (name, port, protocol) keys than this is not the registry (IANA has ~14,500)."""
DEFAULT_DEADLINE_S = 600.0
"""How long a whole download may take, however steadily the bytes come."""
MAX_REDIRECTS = 5
"""Redirects followed before giving up (IANA's URL answers directly)."""
USER_AGENT = f"iana-ports/{__version__}"

_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")


class UpdateError(Exception):
    """An update that did not happen: the message is one line saying what went wrong."""


class BadInput(UpdateError):
    """An update that could not start from what the user gave: a bad file, target or URL."""


class Refused(UpdateError):
    """A readable registry that would take something away from the copy in use."""


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
    """What an update did: installed a registry, found the copy current, or rolled back.

    `registry` is the registry now in place (also after a 304); `previous` the one it replaced
    (None when there was none or it could not be read: `previous_problem` says why).
    """

    target: Path
    not_modified: bool = False
    rolled_back_from: Path | None = None
    registry: Registry | None = None
    previous: Registry | None = None
    previous_problem: str = ""
    changes: Changes | None = None
    backup: Path | None = None
    received_bytes: int = 0
    notes: list[str] = field(default_factory=list)


def redacted_url(url: str) -> str:
    """`url` with any `user:password@` replaced by `***@`, fit to show or record."""
    return _USERINFO.sub(r"\1***@", url)


def reason(error: object) -> str:
    """An exception (or an error's reason) as a short phrase on one line."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error) or type(error).__name__
    return text.replace("\r", " ").replace("\n", " ")
