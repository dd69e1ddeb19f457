"""Where a hit matched: character spans in a record's fields, so a table can highlight them.

Spans are (start, end) offsets into the record's own field strings, sorted and merged. They
point at what the ranking used: the letters of the service name the query spelled (all of
them for an exact name, the first ones for a prefix, the aligned ones for a typo), whole words
or word starts in the description, notes and references, the initials an acronym stood for,
the port a number matched, the protocol and the people or references a qualifier named.
"""

from __future__ import annotations

import re

from tui.registry.model import Record
from tui.search.match import ACRONYM, COMMON, EXACT, PREFIX, NameMatch, WordMatch
from tui.search.query import WORD_RE, Query
from tui.search.rank import QueryPlan

Span = tuple[int, int]

_TEXT_FIELDS = (
    "service_name",
    "description",
    "assignment_notes",
    "reference",
    "unauthorized_use_reported",
)

SPAN_LIMIT = 10_000
"""Spans are looked for in a field's first this many characters: views draw fewer (IANA's
longest value is about 1,500), and a hostile 10 MB cell must not cost seconds per hit."""


class WordTargets:
    """What to highlight in free text for one entry: whole words, word starts, initials."""

    __slots__ = ("whole", "starts", "initials")

    def __init__(self, words: list[str], matches: list[WordMatch | None]) -> None:
        self.whole: set[str] = set()
        self.starts: dict[str, int] = {}
        self.initials: set[str] = set()
        for word, match in zip(words, matches, strict=True):
            if match is None:
                continue
            _quality, where, how, found = match
            if where == COMMON:
                continue  # a name people use: not in the record's own fields
            if where == ACRONYM:
                self.initials.update(found)
            elif how == PREFIX:
                for other in found:
                    self.starts[other] = max(self.starts.get(other, 0), len(word))
            else:
                self.whole.update(found)
                if how == EXACT:
                    self.whole.add(word)

    def __bool__(self) -> bool:
        return bool(self.whole or self.starts or self.initials)

    def spans(self, text: str) -> list[Span]:
        """Spans of the target words in `text`."""
        found: list[Span] = []
        for match in WORD_RE.finditer(text):
            word = match.group().lower()
            start = match.start()
            if word in self.whole:
                found.append((start, match.end()))
            elif word in self.starts:
                found.append((start, min(start + self.starts[word], match.end())))
            elif word in self.initials:
                found.append((start, start + 1))
        return found


def name_spans(name: str, query_compact: str, match: NameMatch) -> list[Span]:
    """Spans of a service name's letters that a whole-name match spelled."""
    positions = [m.start() + i for m in WORD_RE.finditer(name) for i in range(len(m.group()))]
    letters = "".join(name[p] for p in positions).lower()
    if len(letters) != len(positions):
        return []
    tier = match[0]
    if tier == 6:
        chosen = positions
    elif tier == 3:
        chosen = positions[: len(query_compact)]
    else:
        from rapidfuzz.distance import Indel  # only a typo needs aligning

        chosen = []
        for tag, _src_start, _src_end, dest_start, dest_end in Indel.opcodes(
            query_compact, letters
        ):
            if tag == "equal":
                chosen.extend(positions[int(dest_start) : int(dest_end)])
    return merge([(p, p + 1) for p in chosen])


def merge(spans: list[Span]) -> list[Span]:
    """Sort spans and join those that touch or overlap."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def pattern_spans(pattern: re.Pattern[str] | None, text: str) -> list[Span]:
    """Spans of every match of `pattern` in `text`."""
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def text_spans(
    record: Record,
    targets: WordTargets | None,
    name_match: NameMatch | None,
    query_compact: str,
) -> dict[str, list[Span]]:
    """Spans in the service name, description, notes and reference for a text match."""
    found: dict[str, list[Span]] = {}
    for field in _TEXT_FIELDS:
        value = getattr(record, field)[:SPAN_LIMIT]
        if not value:
            continue
        spans: list[Span] = []
        if field == "service_name" and name_match is not None:
            spans = name_spans(value, query_compact, name_match)
        if targets:
            spans += targets.spans(value)
        if spans:
            found[field] = merge(spans)
    return found


class Explainer:
    """Works out a hit's spans on demand, from what its query matched."""

    def __init__(self, query: Query, plan: QueryPlan | None = None) -> None:
        self.plan = plan
        self.protocols = query.protocols
        self.people = _people_pattern(query.people)
        self.references = _references_pattern(query.references)
        self._targets: dict[int, WordTargets] = {}

    @property
    def needed(self) -> bool:
        """False when the query can match nothing worth highlighting."""
        return bool(self.plan or self.protocols or self.people or self.references)

    def spans(self, entry_id: int, record: Record) -> dict[str, list[Span]]:
        """Field name -> spans of what matched in `record`, a member of entry `entry_id`."""
        spans: dict[str, list[Span]] = {}
        plan = self.plan
        if plan is not None and entry_id >= 0:
            targets = self._targets.get(entry_id)
            if targets is None:
                targets = WordTargets(
                    plan.words + plan.words,
                    [m.get(entry_id) for m in plan.word_matches + plan.desc_matches],
                )
                self._targets[entry_id] = targets
            name_match = plan.name_matches.get(entry_id)
            spans = text_spans(record, targets, name_match, plan.query.compact_text)
            if record.port_number and any(entry_id in term for term in plan.terms):
                spans["port_number"] = [(0, len(record.port_number))]
        if self.protocols is not None and record.transport_protocol:
            spans["transport_protocol"] = [(0, len(record.transport_protocol))]
        for field, pattern in (
            ("assignee", self.people),
            ("contact", self.people),
            ("reference", self.references),
        ):
            found = pattern_spans(pattern, getattr(record, field)[:SPAN_LIMIT])
            if found:
                spans[field] = merge(spans.get(field, []) + found)
        return spans


def _people_pattern(people: list[str]) -> re.Pattern[str] | None:
    """``by:`` values as a pattern over raw cells: "jon postel" finds "[Jon_Postel]"."""
    alternatives = [r"[\s_]+".join(re.escape(part) for part in p.split()) for p in people]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def _references_pattern(references: list[str]) -> re.Pattern[str] | None:
    """``ref:`` values as a pattern over raw cells: "rfc6335" finds "RFC 6335" too."""
    if not references:
        return None
    alternatives = [r"\s*".join(re.escape(char) for char in ref) for ref in references]
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)
