"""The registry meets the machine: listening sockets, and port numbers in any text.

No Textual, no Rich: the command line (`here`, `annotate`) and the browser's "This machine"
screen both build on these. It sits above `tui.search` and `tui.registry` in the layers because
it talks to the operating system (psutil) and reads the user's text, which neither should do.
Names are imported on first use (PEP 562 `__getattr__`): `annotate` never loads psutil.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.machine.annotate import AnnotateOptions, Annotator, label_text
    from tui.machine.answers import PortAnswer, PortBook
    from tui.machine.listening import Listener, Listing, listening_sockets

__all__ = [
    "AnnotateOptions",
    "Annotator",
    "Listener",
    "Listing",
    "PortAnswer",
    "PortBook",
    "label_text",
    "listening_sockets",
]

_HOMES = {
    "AnnotateOptions": ".annotate",
    "Annotator": ".annotate",
    "label_text": ".annotate",
    "PortAnswer": ".answers",
    "PortBook": ".answers",
    "Listener": ".listening",
    "Listing": ".listening",
    "listening_sockets": ".listening",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
