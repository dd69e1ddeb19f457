"""Where a registry comes from: an explicit path, or the bundled excerpt."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from .formats import load_path, parse_bytes
from .model import Registry

BUNDLED_NAME = "registry-excerpt.txt"


def bundled_path() -> Path:
    """The excerpt shipped inside the package."""
    return Path(str(resources.files("tui") / "data" / BUNDLED_NAME))


def load_registry(path: str | os.PathLike[str] | None = None) -> Registry:
    """Load the registry at `path`, or the bundled excerpt when no path is given.

    Raises:
        RegistryError: the file is missing, unreadable or not a registry.
    """
    if path is not None:
        return load_path(path)
    source = bundled_path()
    registry = parse_bytes(source.read_bytes(), str(source))
    registry.bundled = True
    return registry
