"""Hostile registry text for the hardening suite, and checks on what reaches a terminal.

Every string here is third-party data the tool must print literally: markup that Rich or
Textual would interpret, `[@click=…]` actions, escape sequences that retitle the window or
clear the screen, C0/C1 controls, bidi overrides, very wide and very long text. The checks
are written independently of `tui.safe`, so they can catch it being wrong.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from tui.registry.model import Contact, Record, Registry

MARKUP = "[bold red]not bold[/] [link=https://evil.example]link[/link] [reverse]x[/reverse]"
CLICK = "[@click=app.quit]quit[/] [@click=app.bell]bell[/] [@click=screen.dismiss]shut[/]"
CLICK_ACTIONS = ("quit", "bell", "dismiss", "push_screen", "toggle_dark")
"""Actions named by the `[@click]` text in the hostile registry: none may ever run."""
OSC_TITLE = "\x1b]0;pwned title\x07"
SCREEN_CLEAR = "\x1b[2J\x1b[H"
SGR = "\x1b[31;1mred\x1b[0m"
C0 = "".join(chr(code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D))
C1 = "".join(chr(code) for code in range(0x80, 0xA0))
BIDI = "abc\u202eevil\u202c def \u2066isolate\u2069 \u200fmark"
WIDE = "東京都港湾サービス 🚀🔥👩\u200d💻🇯🇵 ｗｉｄｅ"
LONG = "long-" * 4000
assert len(LONG) == 20_000

UNSURE_WIDTH = frozenset(
    [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"]
    + [chr(code) for code in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))]
    + list("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2028\u2029\u3164\uffa0")
)
"""Characters terminals draw at no agreed width (zero, one or two cells): every format
character (Cf: zero-width space and joiners, soft hyphen, BOM, tags...), variation selectors,
the combining grapheme joiner, Hangul fillers, line and paragraph separators."""

FORBIDDEN_ON_SCREEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    + "".join(sorted(re.escape(char) for char in UNSURE_WIDTH))
    + "]"
)
"""What must never reach the terminal from registry text: C0/C1 controls (but the line feed
between lines), DEL, bidi controls, characters of unsure width."""

STAND_INS = {
    OSC_TITLE: "␛]0;pwned title␇",
    SCREEN_CLEAR: "␛[2J␛[H",
    SGR: "␛[31;1mred␛[0m",
    "\u202e": "<U+202E>",
    "\x9b": "<U+009B>",
    "\x00": "␀",
}
"""Hostile text -> the visible form it must be shown as."""


def hostile_record(name: str, protocol: str, description: str, **fields: str) -> Record:
    """A record on port 666 (so `search 666` and `show 666` find every hostile one)."""
    values = {
        "service_name": name,
        "port_number": "666",
        "transport_protocol": protocol,
        "description": description,
        **fields,
    }
    return Record.from_fields(values)


def hostile_records() -> list[Record]:
    """One record per kind of hostile text, the text in several fields."""
    return [
        hostile_record(
            "evil-markup",
            "tcp",
            MARKUP,
            assignee="[Mallory]",
            contact="[Mallory]",
            assignment_notes=CLICK,
            reference="[RFC6335] [@click=app.quit]ref[/]",
        ),
        hostile_record("[@click=app.quit]q[/]", "udp", CLICK, assignee="[Mallory]"),
        hostile_record(
            "evil-escape",
            "sctp",
            f"Evil {OSC_TITLE} then {SCREEN_CLEAR} and {SGR}",
            assignee="[Escaper]",
            contact="[Escaper]",
            assignment_notes=f"notes {OSC_TITLE}",
        ),
        hostile_record("evil-controls", "dccp", f"C0 {C0} C1 {C1} end", assignee="[Escaper]"),
        hostile_record("evil-bidi", "tcp", BIDI, reference=f"[{BIDI}]"),
        hostile_record(f"evil-{WIDE[:3]}", "udp", WIDE * 3, assignee="[Wide]", contact="[Wide]"),
        hostile_record("evil-long", "tcp", LONG, assignment_notes=LONG, contact="[Longman]"),
    ]


def hostile_contacts() -> dict[str, Contact]:
    """Contacts whose every field is hostile; one is named in no record."""
    contacts = [
        Contact("Mallory", CLICK, MARKUP, "mailto:m&evil.example", "2020-01-01"),
        Contact("Escaper", f"Esc {OSC_TITLE} {SCREEN_CLEAR}", f"Org {C1}", f"https://x/{SGR}"),
        Contact("Wide", WIDE, WIDE, "mailto:wide&example.jp"),
        Contact("Longman", LONG, LONG, "https://example.org/" + LONG),
        Contact("Nobody", f"Unnamed {CLICK}", BIDI, ""),
    ]
    return {contact.id: contact for contact in contacts}


def hostile_registry() -> Registry:
    """The hostile records and contacts, as a loaded registry."""
    return Registry(
        records=hostile_records(),
        contacts=hostile_contacts(),
        source="hostile.xml",
        format="xml",
        updated="2026-01-01",
    )


_BOX_DRAWING = re.compile("[\u2500-\u257f]")


def squashed(text: str) -> str:
    """Text without white space or box drawing, to find a phrase in wrapped or folded output
    (a bordered pane puts its border between the pieces of a folded line)."""
    return _BOX_DRAWING.sub("", "".join(text.split()))


def terminal_width(text: str) -> int:
    """The cells a terminal gives `text`, by wcwidth's rules and apart from Rich: East Asian
    wide and fullwidth characters two, combining marks and format characters none, others one.
    (Characters whose width terminals disagree about must not reach the screen at all.)"""
    width = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def assert_safe_on_screen(text: str, where: str) -> None:
    """No forbidden character in `text` (what a widget or command put on the terminal)."""
    found = FORBIDDEN_ON_SCREEN.search(text)
    assert found is None, f"{where}: {found.group()!r} reached the screen" if found else ""


def shown(text: str) -> str:
    """How registry text must look on screen, by the issue's rule, written apart from tui.safe:
    C0 controls as control pictures (␀ ␛ ␇ …), DEL as ␡, C1 and bidi controls and characters
    of unsure width as <U+XXXX>.
    Line breaks and tabs are left to the caller (tables flatten them, panes keep them).
    """
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20 and char not in "\t\n\r":
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif (
            0x80 <= code <= 0x9F
            or char in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
            or char in UNSURE_WIDTH
        ):
            out.append(f"<U+{code:04X}>")
        else:
            out.append(char)
    return "".join(out)
