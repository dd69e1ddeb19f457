"""Where a loaded registry came from: one frozen value, set once by `load_registry`.

The kind of source (an Enum, never a string compared by hand), the file, when the copy was
last known current, the content hash, how a downloaded copy got there (a URL or a file), and,
when the bundled snapshot was chosen over an older downloaded copy, that copy's date.
No interface imports.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SourceKind(enum.Enum):
    """Which source a registry was loaded from, in the order `load_registry` looks."""

    EXPLICIT = "explicit"
    """`--registry PATH` (or `load_registry(path)`)."""
    ENVIRONMENT = "environment"
    """The file named by `$IANA_PORTS_REGISTRY`."""
    DOWNLOADED = "downloaded"
    """The user's copy, fetched or installed by `iana-ports update`."""
    BUNDLED = "bundled"
    """The snapshot of IANA's XML shipped inside the package."""
    SAMPLE = "sample"
    """The small excerpt shipped inside the package (`--registry sample`)."""
    PARSED = "parsed"
    """Parsed directly from bytes or a file, not chosen by `load_registry`."""

    @property
    def label(self) -> str:
        """How the kind is named to the user."""
        return _LABELS[self]


_LABELS = {
    SourceKind.EXPLICIT: "--registry",
    SourceKind.ENVIRONMENT: "$IANA_PORTS_REGISTRY",
    SourceKind.DOWNLOADED: "downloaded copy",
    SourceKind.BUNDLED: "bundled snapshot",
    SourceKind.SAMPLE: "bundled sample",
    SourceKind.PARSED: "file",
}


INSTALLED_LABEL = "installed copy"
"""The label of the user's copy when `update --from FILE` put it there."""


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A downloaded copy that was not used because the bundled snapshot is newer."""

    path: str
    updated: str
    """The copy's own registry date ("2025-01-10")."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a registry came from. Immutable: `load_registry` makes one per load."""

    kind: SourceKind = SourceKind.PARSED
    path: str = ""
    copy_time: float | None = None
    """POSIX time the copy was last known current (download, check, or file mtime)."""
    content_hash: str = ""
    """SHA-256 of the file's bytes: the key for anything cached about this registry."""
    fetched_from: str = ""
    """The URL a downloaded copy was fetched from ("" when unknown or not downloaded)."""
    installed_from: str = ""
    """The file a downloaded copy was installed from with `update --from`."""
    meta_problem: str = ""
    """What was wrong with the copy's recorded metadata, which was ignored ("" when fine)."""
    passed_over: PassedOver | None = None
    """The older downloaded copy, when the bundled snapshot was used instead of it."""

    @property
    def label(self) -> str:
        """How the source is named to the user: "downloaded copy", "bundled snapshot"...; the
        user's copy installed with `update --from FILE` is an "installed copy" (nothing was
        downloaded)."""
        if self.kind == SourceKind.DOWNLOADED and self.installed_from and not self.fetched_from:
            return INSTALLED_LABEL
        return self.kind.label

    @property
    def packaged(self) -> bool:
        """True for the files shipped inside the package (the snapshot and the sample)."""
        return self.kind in (SourceKind.BUNDLED, SourceKind.SAMPLE)
