"""The structures a search looks things up in, built once per registry.

Records that share a service name and a port (the tcp, udp, sctp and dccp lines of one
service) form one `Entry`: the unit that is ranked, so those lines stay together. Every string
is normalized once here (lower case, words of letters and digits); a keystroke then only does
dictionary and sorted-list look-ups and scores the entries those return.
"""

from __future__ import annotations

import gc
import math
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Any

from tui.registry.model import Record, Registry
from tui.search.entry import ACRONYM_WORDS, Description, Entry, entry_prior
from tui.search.popular import Signals, shipped_signals
from tui.search.query import STOPWORDS, compact, words_of

__all__ = ["POSTINGS", "Entry", "TermIndex", "entry_prior"]

_NOTHING: frozenset[str] = frozenset()

POSTINGS = (
    "name_postings",
    "desc_postings",
    "other_postings",
    "compact_names",
    "common_postings",
    "common_compact",
    "alias_compact",
)
"""The word -> entry ids maps of a TermIndex."""
RESTORED_PARTS = ("entries", *POSTINGS, "single_ports", "range_entries", "initials_owners")
"""What `TermIndex.from_parts` takes as it is; the rest is derived in `_finish`."""


class TermIndex:
    """Words, names and ports of a registry, mapped to the entries that hold them."""

    def __init__(self, registry: Registry, signals: Signals | None = None) -> None:
        self._start(registry)
        self._signals = shipped_signals() if signals is None else signals
        initials: list[str] = []
        collecting = gc.isenabled()
        # The build makes ~10^5 small containers and no cycles: collecting garbage meanwhile
        # only walks them again and again.
        gc.disable()
        self._other_words: dict[str, frozenset[str]] = {}
        try:
            self._build(initials)
            self._post_common()
        finally:
            del self._other_words, self._signals
            if collecting:
                gc.enable()
        self._finish(initials)

    @classmethod
    def from_parts(cls, registry: Registry, parts: dict[str, Any]) -> TermIndex:
        """An index over `registry` made of the structures an earlier build of it produced
        (read back by `tui.search.store`, which checks them), building nothing again.

        `parts` holds `entries`, the seven word maps (`name_postings`, `desc_postings`,
        `other_postings`, `compact_names`, `common_postings`, `common_compact`, `alias_compact`),
        `single_ports`, `range_entries`, `initials`, `initials_owners`, `vocabulary` and
        `names_sorted`.
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
        self.common_postings: dict[str, list[int]] = {}
        """Words of the names people use that IANA's records do not contain -> entries."""
        self.common_compact: dict[str, list[int]] = {}
        """Those names, compact ("remote desktop" -> "remotedesktop") -> entries."""
        self.alias_compact: dict[str, list[int]] = {}
        """The part of `common_compact` that names the IANA service itself (not an unofficial
        use of its port): another name for it, by the table's alias rows or /etc/services."""
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
                self.name_postings.keys()
                | self.desc_postings.keys()
                | self.other_postings.keys()
                | self.common_postings.keys()
            )
        self.vocabulary: list[str] = vocabulary
        self.fuzzy_vocabulary: list[str] = [w for w in vocabulary if len(w) >= 3]
        self.names_sorted: list[str] = (
            sorted(self.compact_names) if names_sorted is None else names_sorted
        )
        self.common_sorted: list[str] = sorted(self.common_compact)
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
        descriptions: dict[str, Description] = {}
        name_postings, desc_postings = self.name_postings, self.desc_postings
        owners = self.initials_owners
        entries = self.entries
        records = self.records
        popular = self._signals.popular
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
                    found = descriptions[text] = Description(text)
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
            sources = 0
            if name and low is not None and low == high:
                sources = popular.get((name.lower(), low), 0)
            entries.append(
                Entry(
                    entry_id,
                    members,
                    name.lower(),
                    "".join(name_words),
                    tuple(sorted(meaningful)),
                    tuple(sorted(shared)),
                    " | ".join([d.text for d in described]),
                    entry_prior(bool(name), bool(name) and alias, low, sources),
                    bool(name),
                    low,
                    high,
                    sources > 0,
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

    def _post_common(self) -> None:
        """Index the names people use that IANA's records do not contain, by the entries they
        belong to: the common-names table's rows (`CommonName.applies_to`) and the aliases of
        a standard /etc/services (those that are not the entry's own IANA name)."""
        named: dict[str, set[int]] = {}
        aliases: dict[str, set[int]] = {}
        entries = self.entries
        records = self.records
        ports = sorted({row.port for row in self._signals.names})
        inside: dict[int, list[int]] = {}
        for low, high, range_id in self.range_entries:  # one pass, not one per row
            at = bisect_left(ports, low)
            while at < len(ports) and ports[at] <= high:
                inside.setdefault(ports[at], []).append(range_id)
                at += 1
        for row in self._signals.names:
            for entry_id in self.single_ports.get(row.port, []) + inside.get(row.port, []):
                if any(row.applies_to(records[i]) for i in entries[entry_id].members):
                    named.setdefault(row.name, set()).add(entry_id)
                    if row.kind == "alias":
                        aliases.setdefault(row.name, set()).add(entry_id)
        for line in self._signals.services:
            names = {line.name, *line.aliases}
            exact = self.single_ports.get(line.port, [])
            for entry_id in exact:
                entry = entries[entry_id]
                if entry.name not in names:
                    continue
                protocols = {records[i].transport_protocol.lower() for i in entry.members}
                if line.protocol not in protocols:
                    continue
                for other in names:
                    # An IANA name stays IANA's: "icp" is icp/1112, though netbase calls
                    # icpv2/3130 so too (the curated table may say otherwise, above).
                    if compact(other) not in self.compact_names:
                        named.setdefault(other, set()).add(entry_id)
                        aliases.setdefault(other, set()).add(entry_id)
        for name, found in named.items():
            ids = sorted(found)
            key = compact(name)
            if key:
                self.common_compact.setdefault(key, []).extend(ids)
            for word in set(words_of(name)):
                self.common_postings.setdefault(word, []).extend(ids)
        for name, found in aliases.items():
            self.alias_compact.setdefault(compact(name), []).extend(found)
        for postings in (self.common_compact, self.common_postings, self.alias_compact):
            for key, ids in postings.items():
                postings[key] = sorted(set(ids))

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
            if record.unauthorized_use_reported:
                texts.add(record.unauthorized_use_reported)
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

        A run lies in one segment of the description (see `Description`) and starts it
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
