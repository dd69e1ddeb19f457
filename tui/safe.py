"""Making registry text safe to show: control characters become visible, never executed.

Registry strings are third-party data. Before any of them reaches a terminal, escape
sequences, C0/C1 controls and bidi overrides are replaced by visible stand-ins, so a cell
holding ``ESC ] 0 ; title BEL`` shows as ``␛]0;title␇`` instead of retitling the window.
Characters whose width terminals disagree about (zero-width spaces and joiners, soft
hyphens, variation selectors, Hangul fillers, tags) get the same treatment, so every cell
measures what the terminal draws and table borders line up. A value longer than any view
needs is cut (`cut`) with a marker naming its full length, so drawing it costs little.
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
UNSURE_WIDTH = (
    "\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200d\u2028\u2029\u2060-\u2065\u206a-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
"""Character ranges (for a regex class) that draw nothing, or as wide as one terminal pleases:
every format character (Unicode's Cf) but the bidi controls, variation selectors, the
combining grapheme joiner, Hangul fillers, line and paragraph separators, tags."""
_UNSAFE = f"\x7f-\x9f{BIDI_CONTROLS}{UNSURE_WIDTH}"
_UNSAFE_RE = re.compile(f"[\x00-\x08\x0b-\x1f{_UNSAFE}]")
_UNSAFE_WITH_BREAKS_RE = re.compile(f"[\x00-\x1f{_UNSAFE}]")

DISPLAY_LIMIT = 4_000
"""The most characters of one registry value a view draws (IANA's longest is about 1,500)."""


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␀ ␛ ␇ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def cut(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """`text` itself, or its first `limit` characters and a marker: "… (3,145,728 characters)".

    The marker says how long the value really is; exports and copies keep all of it.
    """
    if len(text) <= limit:
        return text
    kept = text[:limit]
    if kept.endswith("\r"):
        kept = kept[:-1]  # half of a "\r\n" line break would show as a stray ␍
    return f"{kept}… ({len(text):,} characters)"


def visible(text: str, keep_newlines: bool = False, limit: int | None = None) -> str:
    """Replace every control character, bidi override and character of unsure width in `text`
    with a visible stand-in.

    Args:
        text: registry text, as stored.
        keep_newlines: keep "\\n" (and tabs) as they are, for multi-line views; otherwise
            line breaks become " ⏎ " so a row stays one line.
        limit: cut `text` to this many characters first (see `cut`); None keeps it whole.
    """
    if limit is not None:
        text = cut(text, limit)
    if keep_newlines:
        text = text.replace("\r\n", "\n")
        return _UNSAFE_RE.sub(lambda m: _stand_in(m.group()), text)
    text = text.replace("\r\n", "\n").replace("\n", " \u23ce ").replace("\t", " ")
    return _UNSAFE_WITH_BREAKS_RE.sub(lambda m: _stand_in(m.group()), text)


def is_clean(text: str) -> bool:
    """True when `text` holds nothing `visible` would replace (line breaks aside)."""
    return _UNSAFE_RE.search(text) is None


def literal(text: str, keep_newlines: bool = False, style: str = "") -> Text:
    """Registry text as a Rich Text: literal, controls visible, cut past `DISPLAY_LIMIT`
    characters with a marker naming the full length (JSON and exports keep it all); Rich
    is imported only here."""
    from rich.text import Text

    return Text(visible(text, keep_newlines=keep_newlines, limit=DISPLAY_LIMIT), style=style)


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
