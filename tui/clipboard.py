"""What the browser copies, and the escape sequences that carry it to the terminal's clipboard.

Textual's `App.copy_to_clipboard` writes an OSC 52 sequence; inside tmux that sequence reaches
the outer terminal only when tmux accepts it itself (`set-clipboard on`) or when it is wrapped
in tmux's DCS passthrough (`allow-passthrough on`). No interface imports.
"""

from __future__ import annotations

import base64

from tui.registry.documents import dumps, record_document
from tui.registry.model import Record, Registry

_ESC = "\x1b"


def osc52(text: str) -> str:
    """The OSC 52 sequence asking the terminal to put `text` on the system clipboard."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"{_ESC}]52;c;{payload}\a"


def tmux_passthrough(sequence: str) -> str:
    """`sequence` wrapped in tmux's DCS passthrough: every ESC inside doubled."""
    return f"{_ESC}Ptmux;{sequence.replace(_ESC, _ESC + _ESC)}{_ESC}\\"


def record_line(record: Record) -> str:
    """A record as one line, in the spirit of /etc/services: "ssh 22/tcp  # The Secure Shell".

    Line breaks inside the description become spaces so the result is always one line.
    """
    description = " ".join(record.description.split())
    return f"{record.label}  # {description}" if description else record.label


def record_json(record: Record, registry: Registry | None = None) -> str:
    """A record as an indented JSON object: the shape of `iana-ports show --format json`
    (the twelve IANA fields, port bounds, the people resolved through `registry`, common
    names)."""
    return dumps(record_document(record, registry))
