"""Matching one part of a query against the term index: a word, the whole text as a service
name, a number, a port range, a ``name:`` value. Each returns, by entry id, how it matched;
`tui.search.rank` turns that into scores.

A word matches a name word or a description word whole, by its start, as the acronym of a run
of description words ("dns": "Domain Name Server"), in the notes or references, or, when it is
neither a registry word nor the start of one, within a typo or two (OSA edit distance, so a
swapped pair of letters is one typo).
"""

from __future__ import annotations

from bisect import bisect_left

from tui.search.terms import TermIndex

NAME, DESC, ACRONYM, OTHER, COMMON = 0, 1, 2, 3, 4
"""Where a word matched: a service-name word, a description word, an acronym, notes/references
(and unauthorized uses), a name people use that is not IANA's (`tui.search.popular`)."""

COMMON_NAME = 0.8
"""The start of a name people use (or a typo of it) counts as this much of an IANA name's."""

EXACT, PREFIX, FUZZY = 0, 1, 2
"""How a word matched: the whole word, the start of a word, a word within a typo or two."""

MAX_WORDS = 12
"""Words matched at most (a 10,000-character paste is answered by its first words)."""
MAX_FUZZY_LENGTH = 40
"""Longer words are not compared by edit distance: no registry word is that long."""

SYNONYMS: dict[str, tuple[str, ...]] = {
    "secure": ("tls", "ssl"),
    "tls": ("ssl",),
    "ssl": ("tls",),
    "encrypted": ("tls", "ssl", "secure"),
}
"""Words IANA writes one way and people another: "imap secure" is "IMAP over TLS". A query
word also matches these, a little below itself."""
SYNONYM_QUALITY = 0.9

WordMatch = tuple[float, int, int, tuple[str, ...]]
"""(quality 0-1, where, how, the registry words it matched)."""
NameMatch = tuple[int, float]
"""(tier, closeness 0-1)."""


def typo_allowance(length: int) -> int:
    """Edits allowed between a word of this length and a registry word: none below 4 letters."""
    if length < 4:
        return 0
    return 1 if length <= 6 else 2


def within_typos(typed: str, choices: list[str]) -> list[tuple[str, float]]:
    """(choice, similarity 0-1) for each choice a typo or two from `typed` (see typo_allowance).

    Similarity weighs shared letters (Indel) and a shared start, which people seldom get wrong:
    "ircd" is nearer "irc" than "ircu" or "ipcd". rapidfuzz is imported here, on first need,
    so a command line that meets no typo never loads it.
    """
    allowance = typo_allowance(len(typed))
    if not allowance or len(typed) > MAX_FUZZY_LENGTH:
        return []
    from rapidfuzz import process
    from rapidfuzz.distance import OSA, Indel

    found = []
    for choice, _distance, _ in process.extract(
        typed, choices, scorer=OSA.distance, score_cutoff=allowance, limit=None
    ):
        shared = 0
        for typed_char, choice_char in zip(typed, choice, strict=False):
            if typed_char != choice_char:
                break
            shared += 1
        similarity = 0.7 * Indel.normalized_similarity(typed, choice) + 0.3 * shared / len(typed)
        found.append((choice, similarity))
    return found


def match_word(
    index: TermIndex, word: str, expand: bool = True
) -> tuple[dict[int, WordMatch], dict[int, WordMatch]]:
    """The best match of one query word in every entry that has it, by entry id; and the best
    match in its description, where that is not the best overall ("pop" starts the name pop3
    and is the acronym of its "Post Office Protocol": both count)."""
    best: dict[int, WordMatch] = {}
    described: dict[int, WordMatch] = {}

    def offer(
        postings: list[int] | None, quality: float, where: int, how: int, words: tuple[str, ...]
    ) -> None:
        if not postings:
            return
        found = (quality, where, how, words)
        for entry_id in postings:
            current = best.get(entry_id)
            if current is None or quality > current[0]:
                best[entry_id] = found
        if where in (DESC, ACRONYM):
            for entry_id in postings:
                current = described.get(entry_id)
                if current is None or quality > current[0]:
                    described[entry_id] = found

    for synonym in SYNONYMS.get(word, ()) if expand else ():
        for matched, into in zip(match_word(index, synonym, False), (best, described), strict=True):
            for entry_id, (quality, where, how, words) in matched.items():
                if how == FUZZY:
                    continue
                quality *= SYNONYM_QUALITY
                current = into.get(entry_id)
                if current is None or quality > current[0]:
                    into[entry_id] = (quality, where, how, words)
    length = len(word)
    single = (word,)
    offer(index.name_postings.get(word), 1.0, NAME, EXACT, single)
    offer(index.desc_postings.get(word), 0.9, DESC, EXACT, single)
    offer(index.other_postings.get(word), 0.4, OTHER, EXACT, single)
    offer(index.common_postings.get(word), 0.95, COMMON, EXACT, single)
    if length >= 3:
        for entry_id, covered, whole in index.acronym_matches(word):
            offer([entry_id], 0.85 if whole else 0.7, ACRONYM, EXACT, covered)
    starting = index.words_with_prefix(word) if length >= 2 else []
    if length >= 2:
        for other in starting:
            if other == word:
                continue
            ratio = length / len(other)
            found = (other,)
            offer(index.name_postings.get(other), 0.6 + 0.3 * ratio, NAME, PREFIX, found)
            offer(index.common_postings.get(other), 0.55 + 0.3 * ratio, COMMON, PREFIX, found)
            if length >= 3:
                offer(index.desc_postings.get(other), 0.5 + 0.3 * ratio, DESC, PREFIX, found)
                offer(index.other_postings.get(other), 0.3, OTHER, PREFIX, found)
    if not starting:
        # Neither a word nor the start of one: read it as a typo.
        for other, similarity in within_typos(word, index.fuzzy_vocabulary):
            found = (other,)
            offer(index.name_postings.get(other), 0.55 * similarity, NAME, FUZZY, found)
            offer(index.desc_postings.get(other), 0.5 * similarity, DESC, FUZZY, found)
            offer(index.other_postings.get(other), 0.25 * similarity, OTHER, FUZZY, found)
            offer(index.common_postings.get(other), 0.5 * similarity, COMMON, FUZZY, found)
    return best, described


def match_name(index: TermIndex, text: str) -> dict[int, NameMatch]:
    """Entries whose compact service name is `text`, starts with it, or is within a typo of it."""
    found: dict[int, NameMatch] = {}
    if not text:
        return found
    for entry_id in index.compact_names.get(text, ()):
        found[entry_id] = (6, 1.0)
    starting = index.names_with_prefix(text)
    for name in starting:
        if name != text:
            closeness = len(text) / len(name)
            for entry_id in index.compact_names[name]:
                found[entry_id] = (3, closeness)
    if not starting:
        for name, similarity in within_typos(text, index.names_sorted):
            for entry_id in index.compact_names[name]:
                found.setdefault(entry_id, (1, similarity))
    return found


def match_common_name(index: TermIndex, text: str) -> dict[int, NameMatch]:
    """Entries a name people use (not IANA's) names: that name is `text` (tier 6, as an IANA
    name), starts with it (3) or is within a typo of it (1). Another name for the IANA service
    (an alias) is worth an IANA name; an unofficial use of its port, and a start or a typo,
    `COMMON_NAME` of one: right after an exact IANA name."""
    found: dict[int, NameMatch] = {}
    if not text:
        return found
    names = index.common_compact
    for entry_id in names.get(text, ()):
        found[entry_id] = (6, COMMON_NAME)
    for entry_id in index.alias_compact.get(text, ()):
        found[entry_id] = (6, 1.0)
    sorted_names = index.common_sorted
    start = bisect_left(sorted_names, text)
    end = bisect_left(sorted_names, text + "\U0010ffff", start)
    for name in sorted_names[start:end]:
        if name != text:
            for entry_id in names[name]:
                found.setdefault(entry_id, (3, COMMON_NAME * len(text) / len(name)))
    if start == end:
        for name, similarity in within_typos(text, sorted_names):
            for entry_id in names[name]:
                found.setdefault(entry_id, (1, COMMON_NAME * similarity))
    return found


INITIALS_WORDS = 3
"""Words a query needs before their initials may spell a name ("network file system")."""


def match_initials(index: TermIndex, words: list[str]) -> dict[int, NameMatch]:
    """Entries whose service name (or a name people use) the query's words spell by their
    initials, as people type an expansion: "simple network management protocol" -> snmp,
    "remote desktop protocol" -> rdp. Spelling the whole name is tier 3; spelling all but
    its last letter ("simple network management" -> snmp) tier 2."""
    found: dict[int, NameMatch] = {}
    if len(words) < INITIALS_WORDS or not all(word.isalpha() for word in words):
        return found
    initials = "".join(word[0] for word in words)
    for names in (index.compact_names, index.common_compact):
        for entry_id in names.get(initials, ()):
            found[entry_id] = (3, 1.0)
    for name in index.names_with_prefix(initials):
        if len(name) == len(initials) + 1 and name[-1].isalpha():
            for entry_id in index.compact_names[name]:
                found.setdefault(entry_id, (2, len(initials) / len(name)))
    return found


def match_number(index: TermIndex, number: int) -> dict[int, NameMatch]:
    """Entries on this port (tier 5), whose range holds it (4), or with it as a word (2)."""
    found: dict[int, NameMatch] = {}
    text = str(number)
    for postings in (index.name_postings.get(text), index.desc_postings.get(text)):
        for entry_id in postings or ():
            found[entry_id] = (2, 0.5)
    _add_on_port(index, number, found)
    return found


def _add_on_port(index: TermIndex, port: int, found: dict[int, NameMatch]) -> None:
    """Put in `found` the entries on `port` (tier 5) and those whose range holds it (4,
    narrower ranges closer)."""
    exact, inside = index.entries_on_port(port)
    for entry_id in exact:
        found[entry_id] = (5, 1.0)
    entries = index.entries
    for entry_id in inside:
        entry = entries[entry_id]
        width = (entry.port_high or 0) - (entry.port_low or 0)
        found[entry_id] = (4, 1.0 - min(width, 65535) / 65536)


def match_port_range(index: TermIndex, low: int, high: int) -> dict[int, NameMatch]:
    """Entries whose port or range overlaps [low, high]: the same bounds rank above others."""
    found: dict[int, NameMatch] = {}
    for entry_id, same in index.entries_overlapping(low, high):
        found[entry_id] = (5, 1.0) if same else (4, 0.5)
    return found


def match_port_item(index: TermIndex, low: int, high: int, overlap: bool) -> dict[int, NameMatch]:
    """A port of a query made only of ports: entries on it (5) or whose range holds it (4),
    narrower ranges first; a range typed as such overlaps (see `match_port_range`).
    Never words with its digits: "22" is not in "c1222-acse"."""
    if overlap:
        return match_port_range(index, low, high)
    found: dict[int, NameMatch] = {}
    _add_on_port(index, low, found)
    return found


def match_service_name(index: TermIndex, value: str) -> dict[int, NameMatch]:
    """``name:`` — entries whose service name equals, starts with or contains `value`."""
    found: dict[int, NameMatch] = {}
    for entry in index.entries:
        name = entry.name
        if not name:
            continue
        if name == value:
            found[entry.id] = (6, 1.0)
        elif name.startswith(value):
            found[entry.id] = (3, len(value) / len(name))
        elif value in name:
            found[entry.id] = (2, len(value) / len(name))
    return found
