"""An entry of the search index, the description words it is read from, and its prior.

Records that share a service name and a port (the tcp, udp, sctp and dccp lines of one
service) form one `Entry`: the unit that is ranked, so those lines stay together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.registry.model import PORT_CLASS_RANGES
from tui.search.query import STOPWORDS, words_of

ACRONYM_WORDS = (3, 6)
_REPLACEMENT_NOTE_RE = re.compile(
    r"IANA assigned this well-formed service name as a replacement for \"[^\"]*\"\.?", re.I
)
"""IANA's note on a name that replaced a historic one: about the name, not the service, so it
is left out of the words (an alias and its replacement then describe the service alike)."""
_SEE_ALSO_RE = re.compile(r"\(see [^)]*\)", re.I)
"""A cross-reference ("HTTP Alternate (see port 80)"): about another entry, not this one."""
_SEGMENT_BREAK_RE = re.compile(r"[()\[\]{},;:/|]|\s[-–]\s")
"""Acronyms are read from 3 to 6 consecutive description words ("Domain Name Server" -> dns)."""

SYSTEM_PORT_PRIOR = 45.0
"""System ports (0-1023) are the commonly used ones; User ports get less, the higher the less."""
USER_PORT_PRIOR = 22.0
ALIAS_PRIOR = -15.0
"""A historic alias ranks just after the name that replaced it."""
PORTLESS_PRIOR = -40.0
"""A service name registered without a port (for DNS-SD) ranks after equal matches that have
one: people look up ports ("rdp": ms-wbt-server 3389 before the port-less rdp)."""
POPULAR_PRIOR = 40.0
"""A commonly deployed service (`tui.search.popular`) ranks before its rarer siblings: this
much for each source that says so (a standard /etc/services, the common-names table)."""
_SYSTEM_HIGH = PORT_CLASS_RANGES["System"][1]
_USER_LOW, _USER_HIGH = PORT_CLASS_RANGES["User"]


@dataclass(slots=True)
class Entry:
    """One service on one port: the registry lines that share a service name and port number."""

    id: int
    members: list[int]
    name: str
    compact: str
    desc_words: tuple[str, ...]
    """Description words beyond the name's own (and beyond stop words), sorted."""
    desc_shared: tuple[str, ...]
    """Description words that are the name's own too ("Kerberos" for kerberos), sorted."""
    desc_text: str
    """The description's words, space-separated and space-framed, to find a phrase in."""
    prior: float
    named: bool
    port_low: int | None
    port_high: int | None
    popular: bool = False
    """A commonly deployed service: in a standard /etc/services or the common-names table."""
    desc_weight: float = -1.0
    """The summed rarity of the description's words; worked out on first use."""


def entry_prior(named: bool, alias: bool, port_low: int | None, popular: int = 0) -> float:
    """What an entry brings to its score before the query is read: port class, alias, how
    many sources say it is commonly deployed."""
    prior = POPULAR_PRIOR * popular
    if alias:
        prior += ALIAS_PRIOR
    if named and port_low is None:
        prior += PORTLESS_PRIOR
    if port_low is not None and port_low >= 0:
        if port_low <= _SYSTEM_HIGH:
            prior += SYSTEM_PORT_PRIOR
        elif port_low <= _USER_HIGH:
            prior += USER_PORT_PRIOR * (1.0 - (port_low - _USER_LOW) / (_USER_HIGH - _USER_LOW))
    return prior


class Description:
    """A description string's words, worked out once however many lines share it.

    `segments` are the runs of words between brackets, commas, colons, slashes and spaced
    dashes ("SHIP (Smart Home IP)" -> "SHIP", "Smart Home IP"): an acronym spells words of
    one segment, never across.
    """

    __slots__ = ("words", "meaningful", "text", "segments")

    def __init__(self, text: str) -> None:
        if "well-formed" in text:
            text = _REPLACEMENT_NOTE_RE.sub(" ", text)
        if "(see " in text or "(See " in text:
            text = _SEE_ALSO_RE.sub(" ", text)
        self.words = words_of(text)
        self.meaningful = frozenset(self.words) - STOPWORDS
        self.text = " " + " ".join(self.words) + " "
        if len(self.words) < ACRONYM_WORDS[0]:
            self.segments: list[list[str]] = []
        elif _SEGMENT_BREAK_RE.search(text):
            self.segments = [
                words
                for part in _SEGMENT_BREAK_RE.split(text)
                if len(words := words_of(part)) >= ACRONYM_WORDS[0]
            ]
        else:
            self.segments = [self.words]
