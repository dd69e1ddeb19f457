"""Making registry text safe to show: control characters become visible, never executed.

Registry strings are third-party data. Before any of them reaches a terminal, escape
sequences, C0/C1 controls and bidi overrides are replaced by visible stand-ins, so a cell
holding ``ESC ] 0 ; title BEL`` shows as ``␛]0;title␇`` instead of retitling the window.
Exports (CSV, JSON) keep the original text: only what is displayed goes through here.
"""

from __future__ import annotations

import re

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
