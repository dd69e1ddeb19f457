"""Fetching a registry and installing it as the user's copy, without ever losing a good one.

`update_from_url` downloads (download), `update_from_file` takes a file the user has, both
install through the same checks (checks) and keep the replaced copy (history); `roll_back`
goes back to it. No command-line concerns here: progress goes through a `Progress` object,
failures are `UpdateError`s with a one-line message.
"""

from tui.registry.update.base import (
    DEFAULT_DEADLINE_S,
    DEFAULT_URL,
    MAX_REDIRECTS,
    MIN_RECORDS,
    BadInput,
    NoProgress,
    Outcome,
    Progress,
    Refused,
    UpdateError,
    redacted_url,
)
from tui.registry.update.install import roll_back, update_from_file, update_from_url

__all__ = [
    "DEFAULT_DEADLINE_S",
    "DEFAULT_URL",
    "MAX_REDIRECTS",
    "MIN_RECORDS",
    "BadInput",
    "NoProgress",
    "Outcome",
    "Progress",
    "Refused",
    "UpdateError",
    "redacted_url",
    "roll_back",
    "update_from_file",
    "update_from_url",
]
