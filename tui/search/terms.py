"""The structures a search looks things up in, built once per registry.

Records that share a service name and a port (the tcp, udp, sctp and dccp lines of one
service) form one `Entry`: the unit that is ranked, so those lines stay together. Every string
is normalized once here (lower case, words of letters and digits); a keystroke then only does
dictionary and sorted-list look-ups and scores the entries those return.
"""

from __future__ import annotations

import gc
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from tui.registry.model import PORT_CLASS_RANGES, Record, Registry
from tui.search.query import STOPWORDS, words_of

ACRONYM_WORDS = (3, 6)
_REPLACEMENT_NOTE_RE = re.compile(
    r"IANA assigned this well-formed service name as a replacement for \"[^\"]*\"\.?", re.I
)
"""IANA's note on a name that replaced a historic one: about the name, not the service, so it
is left out of the words (an alias and its replacement then describe the service alike)."""
_SEGMENT_BREAK_RE = re.compile(r"[()\[\]{},;:/|]|\s[-–]\s")
"""Acronyms are read from 3 to 6 consecutive description words ("Domain Name Server" -> dns)."""

SYSTEM_PORT_PRIOR = 45.0
"""System ports (0-1023) are the commonly used ones; User ports get less, the higher the less."""
USER_PORT_PRIOR = 22.0
ALIAS_PRIOR = -15.0
"""A historic alias ranks just after the name that replaced it."""
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
    desc_weight: float = -1.0
    """The summed rarity of the description's words; worked out on first use."""


def entry_prior(named: bool, alias: bool, port_low: int | None) -> float:
    """What an entry brings to its score before the query is read: port class, alias."""
    prior = 0.0
    if alias:
        prior += ALIAS_PRIOR
    if port_low is not None and port_low >= 0:
        if port_low <= _SYSTEM_HIGH:
            prior += SYSTEM_PORT_PRIOR
        elif port_low <= _USER_HIGH:
            prior += USER_PORT_PRIOR * (1.0 - (port_low - _USER_LOW) / (_USER_HIGH - _USER_LOW))
    return prior


_NOTHING: frozenset[str] = frozenset()

RESTORED_PARTS = (
    "entries",
    "name_postings",
    "desc_postings",
    "other_postings",
    "compact_names",
    "single_ports",
    "range_entries",
    "initials_owners",
)
"""What `TermIndex.from_parts` takes as it is; the rest is derived in `_finish`."""


class _Description:
    """A description string's words, worked out once however many lines share it.

    `segments` are the runs of words between brackets, commas, colons, slashes and spaced
    dashes ("SHIP (Smart Home IP)" -> "SHIP", "Smart Home IP"): an acronym spells words of
    one segment, never across.
    """

    __slots__ = ("words", "meaningful", "text", "segments")

    def __init__(self, text: str) -> None:
        if "well-formed" in text:
            text = _REPLACEMENT_NOTE_RE.sub(" ", text)
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


class TermIndex:
    """Words, names and ports of a registry, mapped to the entries that hold them."""

    def __init__(self, registry: Registry) -> None:
        self._start(registry)
        initials: list[str] = []
        collecting = gc.isenabled()
        # The build makes ~10^5 small containers and no cycles: collecting garbage meanwhile
        # only walks them again and again.
        gc.disable()
        self._other_words: dict[str, frozenset[str]] = {}
        try:
            self._build(initials)
        finally:
            del self._other_words
            if collecting:
                gc.enable()
        self._finish(initials)

    @classmethod
    def from_parts(cls, registry: Registry, parts: dict[str, Any]) -> TermIndex:
        """An index over `registry` made of the structures an earlier build of it produced
        (read back by `tui.search.store`, which checks them), building nothing again.

        `parts` holds `entries`, the four word maps (`name_postings`, `desc_postings`,
        `other_postings`, `compact_names`), `single_ports`, `range_entries`, `initials`,
        `initials_owners`, `vocabulary` and `names_sorted`.
        """
        index = cls.__new__(cls)
        index._start(registry)
        for name in RESTORED_PARTS:
            setattr(index, name, parts[name])
        index._finish(parts["initials"], parts["vocabulary"], parts["names_sorted"])
        return index

    def _start(self, registry: Registry) -> None:
        self.records: list[Record] = registry.records
        self.entries: list[Entry] = []
        self.name_postings: dict[str, list[int]] = {}
        self.desc_postings: dict[str, list[int]] = {}
        self.other_postings: dict[str, list[int]] = {}
        self.compact_names: dict[str, list[int]] = {}
        self.single_ports: dict[int, list[int]] = {}
        self.range_entries: list[tuple[int, int, int]] = []
        self.initials: list[str] = []
        self.initials_owners: list[tuple[int, list[str], bool]] = []
        self._weights: dict[str, float] = {}

    def _finish(
        self,
        initials: list[str],
        vocabulary: list[str] | None = None,
        names_sorted: list[str] | None = None,
    ) -> None:
        """The sorted lists and joined text derived from what was built or restored.

        A restored index brings its sorted vocabulary and names (sorting them again would
        cost more than reading them).
        """
        self.initials = initials
        if vocabulary is None:
            vocabulary = sorted(
                self.name_postings.keys() | self.desc_postings.keys() | self.other_postings.keys()
            )
        self.vocabulary: list[str] = vocabulary
        self.fuzzy_vocabulary: list[str] = [w for w in vocabulary if len(w) >= 3]
        self.names_sorted: list[str] = (
            sorted(self.compact_names) if names_sorted is None else names_sorted
        )
        self.single_ports_sorted: list[int] = sorted(self.single_ports)
        self.initials_text = "\n".join(initials)
        # Where each line starts in initials_text: after the lines before it, each with its "\n".
        spans = (len(line) + 1 for line in initials)
        self.initials_offsets: list[int] = list(accumulate(spans, initial=0))[:-1]

    def _place(self, entry: Entry) -> None:
        """File an entry under its compact name and its port or range."""
        if entry.compact:
            self.compact_names.setdefault(entry.compact, []).append(entry.id)
        low, high = entry.port_low, entry.port_high
        if low is not None and high is not None:
            if low == high:
                self.single_ports.setdefault(low, []).append(entry.id)
            else:
                self.range_entries.append((low, high, entry.id))

    def _build(self, initials: list[str]) -> None:
        by_key: dict[tuple[str, str], int] = {}
        firsts: list[Record] = []
        members_of: list[list[int]] = []
        for index, record in enumerate(self.records):
            key = (record.service_name, record.port_number)
            entry_id = by_key.get(key)
            if entry_id is None:
                by_key[key] = entry_id = len(firsts)
                firsts.append(record)
                members_of.append([index])
            else:
                members_of[entry_id].append(index)
        descriptions: dict[str, _Description] = {}
        name_postings, desc_postings = self.name_postings, self.desc_postings
        owners = self.initials_owners
        entries = self.entries
        records = self.records
        for entry_id, first in enumerate(firsts):
            members = members_of[entry_id]
            texts = [first.description]
            alias = "alias to" in first.assignment_notes
            if len(members) > 1:
                for index in members[1:]:
                    other = records[index]
                    if other.description not in texts:
                        texts.append(other.description)
                    alias = alias and "alias to" in other.assignment_notes
            described = []
            for text in texts:
                found = descriptions.get(text)
                if found is None:
                    found = descriptions[text] = _Description(text)
                described.append(found)
            name = first.service_name
            name_words = words_of(name)
            meaningful = described[0].meaningful
            if len(described) > 1:
                meaningful = meaningful.union(*(d.meaningful for d in described[1:]))
            shared = _NOTHING
            if name_words and not meaningful.isdisjoint(name_words):
                shared = meaningful.intersection(name_words)
                meaningful = meaningful.difference(name_words)
            low, high = first.port_low, first.port_high
            if low is not None and high is not None and high < low:
                low, high = high, low
            entries.append(
                Entry(
                    entry_id,
                    members,
                    name.lower(),
                    "".join(name_words),
                    tuple(sorted(meaningful)),
                    tuple(sorted(shared)),
                    " | ".join([d.text for d in described]),
                    entry_prior(bool(name), bool(name) and alias, low),
                    bool(name),
                    low,
                    high,
                )
            )
            for word in set(name_words):
                name_postings.setdefault(word, []).append(entry_id)
            for word in meaningful:
                desc_postings.setdefault(word, []).append(entry_id)
            for found in described:
                for segment in found.segments:
                    initials.append("".join([w[0] for w in segment]))
                    owners.append((entry_id, segment, len(segment) == len(found.words)))
            self._place(entries[-1])
            self._post_other(entry_id, members, name_words, meaningful)

    def _post_other(
        self, entry_id: int, members: list[int], name_words: list[str], known: frozenset[str]
    ) -> None:
        """Index the words of the notes and references (those not in the name or description)."""
        texts: set[str] = set()
        records = self.records
        for index in members:
            record = records[index]
            if record.assignment_notes:
                texts.add(record.assignment_notes)
            if record.reference:
                texts.add(record.reference)
        if not texts:
            return
        words: set[str] = set()
        cache = self._other_words
        for text in texts:
            found = cache.get(text)
            if found is None:
                # References and notes repeat ("[RFC6335]", "Defined TXT keys: None").
                found = cache[text] = frozenset(words_of(text))
            words |= found
        words -= known
        words -= STOPWORDS
        words.difference_update(name_words)
        other_postings = self.other_postings
        for word in words:
            other_postings.setdefault(word, []).append(entry_id)

    @property
    def entry_of(self) -> list[int]:
        """The entry of each record, by record index (worked out on first use)."""
        owners: list[int] | None = self.__dict__.get("_entry_of")
        if owners is None:
            owners = [0] * len(self.records)
            for entry in self.entries:
                for index in entry.members:
                    owners[index] = entry.id
            self.__dict__["_entry_of"] = owners
        return owners

    def weight_of(self, word: str) -> float:
        """How rare a word is among names and descriptions: log(1 + entries / entries with it)."""
        weight = self._weights.get(word)
        if weight is None:
            count = len(self.name_postings.get(word, ())) + len(self.desc_postings.get(word, ()))
            weight = self._weights[word] = math.log(1.0 + len(self.entries) / max(count, 1))
        return weight

    def description_weight(self, entry: Entry) -> float:
        """The summed rarity of an entry's description words (0 when it has none)."""
        if entry.desc_weight < 0:
            # The two are disjoint: a description word is the name's own or it is not.
            words = entry.desc_words + entry.desc_shared
            entry.desc_weight = sum([self.weight_of(w) for w in words])
        return entry.desc_weight

    def acronym_matches(self, word: str) -> list[tuple[int, tuple[str, ...], bool]]:
        """(entry, words covered, whole?) for runs of description words whose initials spell
        `word`: "dns" -> the entry described "Domain Name Server" (the whole description).

        A run lies in one segment of the description (see `_Description`) and starts it
        (after a leading stop word) or ends it, where expansions stand: "Network File
        System - Sun Microsystems" spells nfs, "SHIP (Smart Home IP)" does not spell ssh.
        """
        low, high = ACRONYM_WORDS
        length = len(word)
        if not low <= length <= high or not word.isalpha():
            return []
        found: list[tuple[int, tuple[str, ...], bool]] = []
        text = self.initials_text
        offsets = self.initials_offsets
        owners = self.initials_owners
        position = text.find(word)
        while position != -1:
            line = bisect_right(offsets, position) - 1
            start = position - offsets[line]
            entry_id, segment, complete = owners[line]
            end = start + length
            opening = start == 0 or (start == 1 and segment[0] in STOPWORDS)
            if opening or end == len(segment):
                whole = complete and opening and end == len(segment)
                found.append((entry_id, tuple(segment[start:end]), whole))
            position = text.find(word, position + 1)
        return found

    def words_with_prefix(self, prefix: str) -> list[str]:
        """Every indexed word that starts with `prefix` (itself included when indexed)."""
        vocabulary = self.vocabulary
        start = bisect_left(vocabulary, prefix)
        end = bisect_left(vocabulary, prefix + "\U0010ffff", start)
        return vocabulary[start:end]

    def names_with_prefix(self, prefix: str) -> list[str]:
        """Every compact service name that starts with `prefix`."""
        names = self.names_sorted
        start = bisect_left(names, prefix)
        end = bisect_left(names, prefix + "\U0010ffff", start)
        return names[start:end]

    def entries_on_port(self, port: int) -> tuple[list[int], list[int]]:
        """(entries whose single port is `port`, range entries that contain it)."""
        exact = self.single_ports.get(port, [])
        inside = [e for low, high, e in self.range_entries if low <= port <= high]
        return exact, inside

    def entries_overlapping(self, low: int, high: int) -> list[tuple[int, bool]]:
        """(entry, same bounds) for every entry whose port or range overlaps [low, high]."""
        found: list[tuple[int, bool]] = []
        ports = self.single_ports_sorted
        for port in ports[bisect_left(ports, low) : bisect_left(ports, high + 1)]:
            found.extend((e, low == high == port) for e in self.single_ports[port])
        for entry_low, entry_high, entry_id in self.range_entries:
            if entry_low <= high and low <= entry_high:
                found.append((entry_id, entry_low == low and entry_high == high))
        return found
