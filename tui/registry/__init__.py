"""The registry: its data model, the readers of every IANA format, and where it comes from.

No Rich and no Textual here: the command line and the browser both build on this package.
`load_registry` is imported on first use (PEP 562), so importing the model stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.registry.model import Contact, Record, Registry, RegistryError

if TYPE_CHECKING:
    from tui.registry.sources import load_registry

__all__ = ["Contact", "Record", "Registry", "RegistryError", "load_registry"]


def __getattr__(name: str) -> Any:
    if name == "load_registry":
        from tui.registry.sources import load_registry

        return load_registry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
