"""The query language: what a search string asks for, parsed once, checked, and explained.

Plain words search names, descriptions, notes and references. A number is a port (or a word);
``N-M`` is a port range (one still being typed, ``6000-6``, is read as its start); ports as
firewalls and shells write them (``22/tcp``, ``tcp/22``, ``:8080``, ``22,443``; see
`tui.search.notation`) are ports. A query made only of ports and protocols (``port 22``,
``22 443 3389``) asks for exactly those ports, in the order typed. Qualifiers narrow the answer:
``port:`` ``proto:`` (or a bare ``tcp``/``udp``/``sctp``/``dccp``) ``name:`` (or ``service:``)
``by:`` ``ref:`` ``status:``; a value with spaces goes in double quotes (``by:"Jon Postel"``).

A word followed by ``:`` is a qualifier: an unknown one (``prot:``) raises `QueryError` with
the qualifier it most likely meant. Not qualifiers: a URL (``http://host:8080`` is its scheme
and port), an address's port (``localhost:8080``, ``[::1]:22``), iptables' range ``1000:2000``.
A malformed value (``port:abc``, ``proto:xyz``) and a query with nothing to search for (only
punctuation or invisible characters) raise `QueryError` too, whose message says what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.registry.model import PORT_MAX, PROTOCOLS
from tui.search.notation import QUESTION_WORDS, PortItem, port_items

STATUSES: tuple[str, ...] = ("assigned", "unassigned", "reserved", "alias")
QUALIFIERS: tuple[str, ...] = (
    "port",
    "proto",
    "protocol",
    "name",
    "service",
    "by",
    "ref",
    "status",
)
SYNONYMS: dict[str, str] = {"protocol": "proto", "service": "name"}
"""Qualifiers that mean another: the key they are applied as."""
SUGGESTED: dict[str, str] = {
    "assignee": "by",
    "contact": "by",
    "owner": "by",
    "author": "by",
    "rfc": "ref",
    "reference": "ref",
    "svc": "service",
    "srv": "service",
    "type": "proto",
    "transport": "proto",
    "range": "port",
}
"""Words people reach for as a qualifier, and the qualifier they mean (suggested, not applied)."""

STOPWORDS: frozenset[str] = frozenset(
    ("a", "an", "and", "as", "at", "for", "from", "in", "is", "of", "on", "or", "over", "the")
    + ("to", "via", "with")
)
"""Words that join a phrase but do not pick an entry: optional in a query, not indexed alone."""

WORD_RE = re.compile(r"[^\W_]+")
"""A word: a run of letters and digits of any script. The index and the highlighting share it."""
_TOKEN_RE = re.compile(
    r"""(?P<key>[A-Za-z]+):"(?P<quoted>[^"]*)"?   # key:"a value with spaces" (quote may be open)
      | (?P<pair>[A-Za-z]+):(?P<value>\S*)       # key:value
      | "(?P<phrase>[^"]*)"?                     # "a phrase"
      | (?P<bare>\S+)                            # anything else
    """,
    re.VERBOSE,
)
_NUMBER_RE = re.compile(r"[0-9]{1,9}")
_RANGE_RE = re.compile(r"([0-9]{1,9})\s*-\s*([0-9]{1,9})")
_URL_PORT_RE = re.compile(r"//(?:[^/@]*@)?(?:\[[^\]]*\]|[^/:\[]*):([0-9]{1,9})(?:[/?#]|$)")

MAX_PORT_ITEMS = 64
"""Ports read from one query at most (a pasted 10,000-character list is answered by its first)."""

PORT_HELP = "a port 0-65535 or a range N-M, e.g. port:443 or port:8000-8100"


class QueryError(ValueError):
    """A query that cannot be answered as typed: a malformed or unknown qualifier (``port:abc``,
    ``prot:tcp``), or nothing to search for; the message says what is wrong."""


def words_of(text: str) -> list[str]:
    """Lower-case words of `text` (letters and digits of any script; everything else separates)."""
    return WORD_RE.findall(text.lower())


def compact(text: str) -> str:
    """`text` lower-cased with every separator removed: "MS-SQL-S" and "ms sql s" -> "mssqls"."""
    return "".join(words_of(text))


@dataclass(slots=True)
class Query:
    """A parsed query.

    Attributes:
        words: text words, lower case, in order (stop words included; see `required_words`).
        numbers: bare numbers that may be ports: each matches a port or, failing that, a word.
        port_ranges: bare ranges ``N-M`` and ``port:`` values; each must cover a record's port.
        protocols: protocols allowed (None: any).
        statuses: statuses allowed (None: any).
        names: ``name:`` values (lower case); each must be part of the service name.
        people: ``by:`` values, normalized (lower case, "_" as space).
        references: ``ref:`` values, normalized (lower case, no brackets or spaces).
        text: the query's plain text (words and numbers) as typed, for name comparison.
        port_items: every port, list and range, bare or ``port:``, in the order typed, with
            the protocols written beside it.
    """

    words: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    port_ranges: list[tuple[int, int]] = field(default_factory=list)
    protocols: frozenset[str] | None = None
    statuses: frozenset[str] | None = None
    names: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    text: str = ""
    port_items: list[PortItem] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        """True when the query asks for nothing: every record answers it."""
        return not (
            self.words
            or self.numbers
            or self.port_ranges
            or self.protocols is not None
            or self.statuses is not None
            or self.names
            or self.people
            or self.references
        )

    @property
    def only_ports(self) -> bool:
        """True when the query names ports and nothing to match as text (``22/tcp``,
        ``port 22``, ``22,443``): it answers exactly those ports, never words with digits."""
        return (
            bool(self.port_items)
            and not (self.words or self.names)
            and all(number <= PORT_MAX for number in self.numbers)
        )

    @property
    def required_words(self) -> list[str]:
        """The words a match must contain: stop words are optional unless they are all there is."""
        meaningful = [w for w in self.words if w not in STOPWORDS]
        return meaningful or list(self.words)

    @property
    def compact_text(self) -> str:
        """Words and numbers run together, to compare with a service name ("ms sql" -> "mssql")."""
        return compact(self.text)

    @property
    def ports(self) -> list[int]:
        """Every single port the query names (bare numbers in range, and one-port ranges)."""
        singles = [n for n in self.numbers if n <= PORT_MAX]
        singles += [low for low, high in self.port_ranges if low == high]
        return singles


def _frames_ports(part: str) -> bool:
    words = words_of(part)
    return bool(words) and set(words) <= QUESTION_WORDS


def parse_query(query: str) -> Query:
    """Parse a search string into a `Query`.

    Raises:
        QueryError: a qualifier's value is malformed (``port:abc``, ``port:70000``,
            ``proto:xyz``, ``status:maybe``); the message says what the qualifier accepts.
    """
    parsed = Query()
    text_parts: list[str] = []
    protocols: set[str] = set()
    statuses: set[str] = set()
    qualified = False
    for match in _TOKEN_RE.finditer(query):
        key = match.group("key") or match.group("pair")
        if key is not None:
            value = match.group("quoted") if match.group("key") else match.group("value")
            known = _qualifier_key(key, value, match.group(0))
            if known is not None:
                qualified = True
                _apply_qualifier(parsed, known, value.strip(), protocols, statuses)
                continue
            if value.startswith("//"):
                _apply_url(parsed, key, value, text_parts)
                continue
            if key.lower() not in PROTOCOLS and match.group("pair"):
                _apply_plain(parsed, value, text_parts, protocols)  # localhost:8080
                continue
        token = match.group("phrase") if match.group("bare") is None else match.group("bare")
        if token is None:
            token = match.group(0)
        _apply_plain(parsed, token, text_parts, protocols)
    if parsed.port_items and parsed.words and set(parsed.words) <= QUESTION_WORDS:
        # "port 22", "who registered 3306": the words only say the numbers are ports asked about.
        parsed.words = []
        text_parts = [part for part in text_parts if not _frames_ports(part)]
    parsed.text = " ".join(text_parts)
    written = {item.protocols for item in parsed.port_items}
    if not parsed.only_ports or len(written) == 1:
        # Beside words, "22/tcp" narrows the whole query; a list of ports with protocols of
        # their own ("tcp/22 udp/53", "tcp/22 443") keeps each to its own (SearchIndex).
        protocols.update(*(found for found in written if found))
    if protocols:
        parsed.protocols = frozenset(protocols)
    if statuses:
        parsed.statuses = frozenset(statuses)
    if parsed.is_blank and not qualified and query.strip():
        raise QueryError(
            f"nothing to search for in {shortened(query)!r}: type a word, a port or a qualifier"
        )
    return parsed


def _qualifier_key(key: str, value: str, written: str) -> str | None:
    """The qualifier `key:` is (synonyms resolved), or None for a URL or an address's port.

    Raises:
        QueryError: an unknown qualifier, naming the one it most likely meant.
    """
    lowered = key.lower()
    if lowered in QUALIFIERS:
        return SYNONYMS.get(lowered, lowered)
    if value.startswith("//") or lowered in PROTOCOLS and port_items(value) is not None:
        return None  # a URL's scheme; "tcp:22" is tcp/22
    guess = nearest_qualifier(lowered)
    if guess is None and port_items(value) is not None:
        return None  # an address's port: "localhost:8080"
    written = shortened(written)
    if guess is None:
        known = " ".join(f"{name}:" for name in QUALIFIERS)
        raise QueryError(f"unknown qualifier `{key}:` in {written!r}: qualifiers are {known}")
    raise QueryError(f"unknown qualifier `{key}:` in {written!r}: did you mean `{guess}:`?")


def nearest_qualifier(key: str) -> str | None:
    """The qualifier a mistyped key most likely meant ("prot" -> "proto", "svc" -> "service"),
    or None when it resembles none (then it may be a host name, as in ``localhost:8080``)."""
    key = key.lower()
    if key in SUGGESTED:
        return SUGGESTED[key]
    for known in QUALIFIERS:
        if known.startswith(key) or key.startswith(known):
            return known
    for known in QUALIFIERS:
        if len(key) >= 2 and key[0] == known[0] and _is_subsequence(key, known):
            return known
    if len(key) >= 3:
        from rapidfuzz.distance import OSA

        distances = [(OSA.distance(key, known), known) for known in QUALIFIERS]
        distance, known = min(distances)
        if distance <= (1 if len(key) <= 4 else 2):
            return known
    return None


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(char in letters for char in short)


def _apply_url(parsed: Query, scheme: str, rest: str, text_parts: list[str]) -> None:
    """A URL asks for its scheme's service, and its port when it names one."""
    parsed.words.extend(words_of(scheme))
    text_parts.append(scheme)
    port = _URL_PORT_RE.match(rest)
    if port and int(port.group(1)) <= PORT_MAX:
        number = int(port.group(1))
        parsed.numbers.append(number)
        parsed.port_items.append(PortItem(number, number))
        text_parts.append(port.group(1))


def _apply_plain(parsed: Query, token: str, text_parts: list[str], protocols: set[str]) -> None:
    lowered = token.lower()
    if lowered in PROTOCOLS:
        protocols.add(lowered)
        return
    items = port_items(token) if len(parsed.port_items) < MAX_PORT_ITEMS else None
    if items is not None:
        parsed.port_items.extend(items)
        for item in items:
            if item.range:
                parsed.port_ranges.append((item.low, item.high))
            else:
                parsed.numbers.append(item.low)
                text_parts.append(str(item.low))
        return
    if _NUMBER_RE.fullmatch(token):
        parsed.numbers.append(int(token))  # beyond the port space: a number, not a port
        text_parts.append(token)
        return
    words = words_of(token)
    parsed.words.extend(words)
    if words:
        text_parts.append(token)


def _apply_qualifier(
    parsed: Query, key: str, value: str, protocols: set[str], statuses: set[str]
) -> None:
    if not value:
        return  # a qualifier still being typed ("port:") narrows nothing yet
    if key == "port":
        low, high = parse_port_value(value)
        parsed.port_ranges.append((low, high))
        parsed.port_items.append(PortItem(low, high, None, True))
    elif key in ("proto", "protocol"):
        protocols.update(_choices(key, value, PROTOCOLS))
    elif key == "status":
        statuses.update(_choices(key, value, STATUSES))
    elif key == "name":
        parsed.names.append(value.lower())
    elif key == "by":
        parsed.people.append(normalize_person(value))
    elif key == "ref":
        reference = normalize_reference(value)
        if reference:
            parsed.references.append(reference)


def parse_port_value(value: str) -> tuple[int, int]:
    """The (low, high) bounds of a ``port:`` value: "443" or "8000-8100".

    Raises:
        QueryError: not a number or range, or outside 0-65535.
    """
    text = value.strip()
    number = _NUMBER_RE.fullmatch(text)
    span = _RANGE_RE.fullmatch(text)
    if number:
        low = high = int(text)
    elif span:
        low, high = _range_bounds(span)
    else:
        raise QueryError(f"port:{shortened(value)} is not a port: expected {PORT_HELP}")
    if high > PORT_MAX:
        raise QueryError(
            f"port:{shortened(value)} is out of range: ports are 0-{PORT_MAX}; expected {PORT_HELP}"
        )
    return low, high


def _range_bounds(span: re.Match[str]) -> tuple[int, int]:
    """Bounds of "N-M"; an end below the start ("6000-6") is a range still being typed: N."""
    low, high = int(span.group(1)), int(span.group(2))
    return (low, high) if high >= low else (low, low)


def _choices(key: str, value: str, allowed: tuple[str, ...]) -> set[str]:
    """Values of a choice qualifier: a comma-separated list; a prefix stands for every value
    it starts ("status:a" is assigned and alias), so a value being typed narrows already."""
    chosen: set[str] = set()
    for part in value.lower().split(","):
        part = part.strip()
        if not part:
            continue
        found = {option for option in allowed if option.startswith(part)}
        if not found:
            raise QueryError(
                f"{key}:{shortened(value)} is not understood: expected one of {', '.join(allowed)}"
            )
        chosen |= found
    return chosen


def normalize_person(text: str) -> str:
    """A person or organization as compared by ``by:``: lower case, "_" as a space, one space."""
    return " ".join(text.lower().replace("_", " ").split())


def normalize_reference(text: str) -> str:
    """A reference as compared by ``ref:``: lower case, without brackets or spaces ("RFC 6335")."""
    return "".join(text.lower().replace("[", "").replace("]", "").split())


def shortened(value: str, width: int = 40) -> str:
    """A user's value on one line for a message: spaces collapsed, cut to `width` with "…"."""
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"
