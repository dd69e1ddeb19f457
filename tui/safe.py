"""Making registry text safe to show: control characters become visible, never executed.

Registry strings are third-party data. Before any of them reaches a terminal, escape
sequences, C0/C1 controls and bidi overrides are replaced by visible stand-ins, so a cell
holding ``ESC ] 0 ; title BEL`` shows as ``␛]0;title␇`` instead of retitling the window.
Exports (CSV, JSON) keep the original text: only what is displayed goes through here.
`literal` makes the Rich `Text` that the command line and the browser both show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

    from tui.registry.record_rows import Segment

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The bidi marks, embeddings, overrides and isolates: they reorder the text drawn after them."""
_UNSAFE_RE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_UNSAFE_WITH_BREAKS_RE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␀ ␛ ␇ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str, keep_newlines: bool = False) -> str:
    """Replace every control character and bidi override in `text` with a visible stand-in.

    Args:
        text: registry text, as stored.
        keep_newlines: keep "\\n" (and tabs) as they are, for multi-line views; otherwise
            line breaks become " ⏎ " so a row stays one line.
    """
    if keep_newlines:
        text = text.replace("\r\n", "\n")
        return _UNSAFE_RE.sub(lambda m: _stand_in(m.group()), text)
    text = text.replace("\r\n", "\n").replace("\n", " \u23ce ").replace("\t", " ")
    return _UNSAFE_WITH_BREAKS_RE.sub(lambda m: _stand_in(m.group()), text)


def is_clean(text: str) -> bool:
    """True when `text` holds nothing `visible` would replace (line breaks aside)."""
    return _UNSAFE_RE.search(text) is None


def literal(text: str, keep_newlines: bool = False, style: str = "") -> Text:
    """Registry text as a Rich Text: literal, controls visible (Rich imported only here)."""
    from rich.text import Text

    return Text(visible(text, keep_newlines=keep_newlines), style=style)


SEGMENT_STYLES: dict[str, str] = {"": "", "note": "dim", "warning": "bold"}
"""How each role of a record row's segment (`tui.registry.record_rows.Segment`) is drawn."""


def segments_text(segments: Iterable[Segment]) -> Text:
    """A record row's value as Rich Text: each segment literal (line breaks kept), styled by
    its role; the command line and the detail pane draw rows with this one function."""
    from rich.text import Text

    text = Text()
    for segment in segments:
        style = SEGMENT_STYLES.get(segment.role, "")
        text.append_text(literal(segment.text, keep_newlines=True, style=style))
    return text
