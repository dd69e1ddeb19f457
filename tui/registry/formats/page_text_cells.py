"""Cell rules for the registry page copied as text: where one cell ends and the next begins.

A page copy writes a record's cells separated by single spaces and leaves empty cells out, so
the boundaries are recovered from what each cell looks like. The head of a line is
`[service name] [port or range] [protocol]`; then comes the free-text description; then the
*tail*, whose cells have shapes and a fixed order:

    [assignee ids] [contact ids] [date [date]] [references] [service code]
    [unauthorized use text] [assignment notes]

The description ends where the tail starts: at the leftmost place from which the rest of the
line reads as a well-formed tail. A bracket that holds a known contact id (from the page's own
contact table) or is shaped like an id starts the assignee; a reference-shaped bracket
(`[RFC…]`, `[draft-…]`, a URL), a date, "Unauthorized use…" or IANA's "This entry …" notes
wording may start a tail that has no ids. Brackets with spaces in them (`[Default Data]`,
`[was netstat]`) are description text. A candidate is rejected when its tail would put known
contact ids in the reference cell or leave a bracket at the start of the notes: those brackets
are ids the description only seemed to end before (`File Transfer Protocol [Control]
[Jon_Postel] [Jon_Postel]`).

Contact lines, `[ID] Name Organization URI Date`, are split the same way: the date and URI are
recognised by shape at the end, and the id tells where the name ends (see `split_name`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

from tui.registry.model import PROTOCOLS, Contact, bracket_ids

_END = r"(?=\s|$)"
# IANA writes some older dates as year and month only ("2005-05").
_DATE = r"\d{4}-\d{2}(?:-\d{2})?"
_TOKEN_RE = re.compile(r"\S+")
_PORT_RE = re.compile(r"\d+(?:-\d+)?")
_NAME_RE = re.compile(r"\w[\w.+/*-]*")
_DATE_RE = re.compile(_DATE + _END)
_DATE_ONLY_RE = re.compile(_DATE)
_ID_GROUP_RE = re.compile(r"(?:\[[^\[\]\s]+\])+" + _END)
_BRACKETS_RE = re.compile(r"(?:\[[^\[\]]*\])+" + _END)
_ID_SHAPE_RE = re.compile(r"[\w.-]+")
_REFERENCE_SHAPE_RE = re.compile(r"RFC\d|RFC-|draft-|[a-z][a-z0-9+.-]*://|\d+$", re.IGNORECASE)
_SERVICE_CODE_RE = re.compile(r"\d+" + _END)
_UNAUTHORIZED = r"(?i:known\s+)?(?i:unauthori[sz]ed)\b"
_UNAUTHORIZED_RE = re.compile(_UNAUTHORIZED)
# IANA writes its own notes as "This entry is an alias to …", "This port has been removed …".
_NOTES = r"This (?:entry|port)\b"
_NOTES_RE = re.compile(_NOTES)
_NOTES_LATER_RE = re.compile(r"\s" + _NOTES)
_TAIL_START_RE = re.compile(rf"(?:^|(?<=\s))(?=\[|{_DATE}{_END}|{_UNAUTHORIZED}|{_NOTES})")
_URI_RE = re.compile(r"(?:mailto:|tel:|[a-z][a-z0-9+.-]*://)\S+", re.IGNORECASE)
_COPY_SUFFIX_RE = re.compile(r"_\d+$")
LEGAL_FORMS = frozenset(
    {"inc", "ltd", "llc", "gmbh", "corporation", "corp", "limited", "plc", "ag", "kg"}
    | {"bv", "sa", "ab", "spa", "sas", "srl", "oy", "nv", "as", "se"}
)
"""Company-form words (folded) that end an organization's name, never a person's."""
MAX_CONTACT_LINE = 2000
"""Longer lines are not contacts (IANA's longest is under 200 characters): a bound on work."""


@dataclass(slots=True)
class Head:
    """The first cells of a record line and where the description begins."""

    service_name: str
    port_number: str
    transport_protocol: str
    rest: str


def split_head(line: str) -> Head | None:
    """Read `[name] [port] [protocol]` off the start of a record line; None when unreadable.

    A service name always holds a letter, so a first cell shaped like a port is the port. A
    line must say something beyond its first cell, and its name must look like one.
    """
    tokens = [(m.group(), m.end()) for m in islice(_TOKEN_RE.finditer(line), 3)]
    values = {"service_name": "", "port_number": "", "transport_protocol": ""}
    position = 0
    index = 0
    if index < len(tokens) and not _PORT_RE.fullmatch(tokens[index][0]):
        if not _NAME_RE.fullmatch(tokens[index][0]):
            return None
        values["service_name"], position = tokens[index]
        index += 1
    if index < len(tokens) and _PORT_RE.fullmatch(tokens[index][0]):
        values["port_number"], position = tokens[index]
        index += 1
    if index < len(tokens) and tokens[index][0] in PROTOCOLS:
        values["transport_protocol"], position = tokens[index]
        index += 1
    rest = line[position:].strip()
    if index == 0 or (index == 1 and not rest):
        return None
    return Head(rest=rest, **values)


def looks_like_record_start(line: str) -> bool:
    """True when a line plainly opens a new record: `[name] port protocol` or `name protocol`."""
    tokens = line.split(maxsplit=3)
    if len(tokens) >= 2 and _PORT_RE.fullmatch(tokens[0]) and tokens[1] in PROTOCOLS:
        return True
    if len(tokens) >= 2 and _NAME_RE.fullmatch(tokens[0]) and tokens[1] in PROTOCOLS:
        return True
    return (
        len(tokens) >= 3
        and bool(_NAME_RE.fullmatch(tokens[0]))
        and bool(_PORT_RE.fullmatch(tokens[1]))
        and tokens[2] in PROTOCOLS
    )


def find_tail(text: str, known_ids: frozenset[str]) -> tuple[int, dict[str, str]]:
    """Where the tail starts in `text`, and its cells by field name.

    Returns (len(text), {}) when the text is all description.
    """
    for candidate in _TAIL_START_RE.finditer(text):
        cells = _read_tail(text, candidate.start(), known_ids)
        if cells is not None:
            return candidate.start(), cells
    return len(text), {}


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _is_id(text: str, known_ids: frozenset[str]) -> bool:
    if text in known_ids:
        return True
    return bool(_ID_SHAPE_RE.fullmatch(text)) and not _REFERENCE_SHAPE_RE.match(text)


def _read_tail(text: str, start: int, known_ids: frozenset[str]) -> dict[str, str] | None:
    """Read the tail's cells from `start`, in their fixed order; None when they do not fit."""
    cells: dict[str, str] = {}
    position = start

    def take(match: re.Match[str]) -> str:
        nonlocal position
        position = _skip_spaces(text, match.end())
        return match.group()

    for field in ("assignee", "contact"):
        match = _ID_GROUP_RE.match(text, position)
        if not match or not all(_is_id(i, known_ids) for i in bracket_ids(match.group())):
            break
        cells[field] = take(match)
    dates: list[str] = []
    while len(dates) < 2 and (match := _DATE_RE.match(text, position)):
        dates.append(take(match))
    if len(dates) == 2:
        cells["registration_date"], cells["modification_date"] = dates
    elif dates:
        # A lone date cannot say which it is. Every lone date in the bundled excerpt (nntp,
        # bgp/sctp, the removed Reserved entries) is a Modification Date in IANA's CSV, so
        # it goes there. (Over IANA's whole CSV a lone date is more often a Registration
        # Date, 4,451 rows to 316: revisit this if full page copies become common.)
        cells["modification_date"] = dates[0]
    match = _BRACKETS_RE.match(text, position)
    if match:
        inside = bracket_ids(match.group())
        if position == start and not _REFERENCE_SHAPE_RE.match(inside[0] if inside else ""):
            return None  # a bracket of description text, not the start of a tail
        if inside and all(i in known_ids for i in inside):
            return None  # contact ids cannot be references: the tail starts further left
        cells["reference"] = take(match)
    if position > start and (match := _SERVICE_CODE_RE.match(text, position)):
        cells["service_code"] = take(match)
    if _UNAUTHORIZED_RE.match(text, position):
        notes_at = _NOTES_LATER_RE.search(text, position)
        end = notes_at.start() if notes_at else len(text)
        cells["unauthorized_use_reported"] = text[position:end].strip()
        position = _skip_spaces(text, end)
    if position < len(text):
        if _BRACKETS_RE.match(text, position):
            return None  # a whole bracket cell cannot open the notes: the tail starts later
        if position == start and not _NOTES_RE.match(text, position):
            return None
        cells["assignment_notes"] = text[position:].strip()
    return cells


def parse_contact(line: str) -> Contact | None:
    """Read `[ID] Name Organization URI Date` (any of the last four absent); None if unreadable."""
    if not line.startswith("[") or len(line) > MAX_CONTACT_LINE:
        return None
    close = line.find("]")
    contact_id = line[1:close].strip() if close > 0 else ""
    if not contact_id or any(c.isspace() or c == "[" for c in contact_id):
        return None
    words = line[close + 1 :].split()
    updated = words.pop() if words and _DATE_ONLY_RE.fullmatch(words[-1]) else ""
    uri = words.pop() if words and _URI_RE.fullmatch(words[-1]) else ""
    name, organization = split_name(contact_id, words)
    return Contact(id=contact_id, name=name, organization=organization, uri=uri, updated=updated)


def _fold(text: str) -> str:
    """Letters and digits only, lower case, accents dropped: "Gary S." and "Gary_S" agree."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).lower()


def split_name(contact_id: str, words: list[str]) -> tuple[str, str]:
    """Split the words between a contact's id and its URI into (name, organization).

    The id is written from the name or, for an organization, from the organization, so the
    words that spell the id (loosely: case, dots, accents and IANA's `_2` copy suffix aside)
    say where the name ends. `[Randall_Stewart] Randall Stewart IETF TSVWG` -> name, then
    organization; `[Nexenta] John S. Howard Nexenta` -> the id spells the organization.
    When the words are the id and nothing else, a one-word id or one starting with "_"
    (`[IESG] IESG`, `[_3GPP] 3GPP`) is an organization, as IANA's XML records 141 such
    contacts to 42 persons; a many-word id (`[Kevin_DeVault] Kevin DeVault`) is a person.
    Words that do not spell the id are taken as a name.
    """
    target = _fold(contact_id)
    targets = {target, _fold(_COPY_SUFFIX_RE.sub("", contact_id))} - {""}
    if target:
        for first in range(len(words)):
            spelled = ""
            last = 0
            for index in range(first, len(words)):
                spelled += _fold(words[index])
                if not target.startswith(spelled):
                    break
                if spelled in targets:
                    last = index + 1
            if last:
                if first > 0:
                    return " ".join(words[:first]), " ".join(words[first:])
                if _names_organization(contact_id, words, last):
                    return "", " ".join(words)
                return " ".join(words[:last]), " ".join(words[last:])
    return " ".join(words), ""


def _names_organization(contact_id: str, words: list[str], spelled: int) -> bool:
    """True when words that begin by spelling the id are all an organization's name."""
    if contact_id.startswith("_") or "_" not in contact_id:
        return True
    return spelled == len(words) and _fold(words[-1]) in LEGAL_FORMS
