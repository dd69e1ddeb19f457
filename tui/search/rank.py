"""Matching a parsed query against the term index, and scoring the entries it finds.

An entry's score is ``tier * 1000 + service + within``. The tier says how the query matched,
best first:

====  ==========================================================================
6     the text is the service name exactly ("ssh", "ms sql s"), or ``name:`` equals it
5     a number is the entry's port exactly, or a range is the entry's range exactly
4     a number lies inside the entry's range, or a range overlaps the entry's port
3     the text starts the service name ("postgres"), or names the whole description
      ("quote of the day", or "dns" for "Domain Name Server"), or its words' initials are
      the name ("network file system"), or every word is whole in a commonly deployed
      service's name or description ("web": http's "World Wide Web HTTP")
2     every word is a word, a word's start or an acronym in the name or description
1     some word only matches with a typo (or the name only matches with a typo)
0     some word is only in the notes or references, or the query matched only in part
====  ==========================================================================

Within a tier, an entry with a service gets 500 more than an Unassigned or Reserved one, so
it always ranks above them; then up to 499 more order the tier: how well the words matched,
how much of the name and description the query covers (rare words count more), the words as a
phrase, the port or range, the commonly used System ports and the commonly deployed services
(`tui.search.popular`). Equal scores keep registry order.

A name people use that IANA's records do not contain (the common-names table, a standard
/etc/services' aliases) matches as a service name does: another name for the service ranks
with its IANA name, more commonly deployed first; an unofficial use of a port right after an
exact IANA name. A query made only of ports (``22,443``) is not scored against words at all:
exactly those ports, in the order typed (see `PLACE`).
"""

from __future__ import annotations

import heapq

from tui.search.match import (
    ACRONYM,
    COMMON,
    EXACT,
    FUZZY,
    MAX_FUZZY_LENGTH,
    MAX_WORDS,
    NAME,
    OTHER,
    NameMatch,
    WordMatch,
    match_common_name,
    match_initials,
    match_name,
    match_number,
    match_port_item,
    match_port_range,
    match_service_name,
    match_word,
)
from tui.search.query import Query
from tui.search.terms import Entry, TermIndex

TIER = 1000.0
SERVICE = 500.0
"""Within a tier, any entry with a service ranks above any Unassigned or Reserved one."""
QUALITY = 110.0
"""How well the words matched (whole words over starts over typos; names over descriptions)."""
CLOSENESS = 75.0
"""How much of the service name the text spells ("postgres" is most of "postgresql")."""
COVERAGE = 75.0
"""How much of the description the words cover, rare words counting more."""
WHOLE_DESCRIPTION = 75.0
"""The words are the whole description: as good as spelling the name out."""
PHRASE, PHRASE_AT_HEAD = 30.0, 45.0
"""The words in a row in the description; at its head, where what the service is stands."""
TERMS = 40.0
"""Ports and ``name:`` values: exact over inside a range or contained."""
PLACE = 10 * TIER
"""A query made only of ports answers them in the order typed: each earlier place is worth
more than any score (``22 443``: ssh before https)."""


class QueryPlan:
    """Every term of a query matched against the index, ready to score candidate entries."""

    def __init__(self, index: TermIndex, query: Query) -> None:
        self.index = index
        self.query = query
        self.ordered = query.only_ports
        self.relaxed = False
        self.phrase = ""
        self.name_matches: dict[int, NameMatch] = {}
        self.common_matches: dict[int, NameMatch] = {}
        self.initials_matches: dict[int, NameMatch] = {}
        self.terms: list[dict[int, NameMatch]] = []
        self.word_matches: list[dict[int, WordMatch]] = []
        self.desc_matches: list[dict[int, WordMatch]] = []
        self.words: list[str] = []
        if self.ordered:
            # Exactly the ports typed, in that order, and nothing that only has their digits.
            for item in query.port_items[:MAX_WORDS]:
                self.terms.append(match_port_item(index, item.low, item.high, item.range))
            return
        self.words = query.required_words[:MAX_WORDS]
        matched = [match_word(index, word) for word in self.words]
        self.word_matches = [best for best, _ in matched]
        self.desc_matches = [described for _, described in matched]
        self.name_matches = match_name(index, query.compact_text[: MAX_FUZZY_LENGTH * 2])
        self.common_matches = match_common_name(index, query.compact_text[: MAX_FUZZY_LENGTH * 2])
        self.initials_matches = match_initials(index, query.words[:MAX_WORDS])
        for number in query.numbers[:MAX_WORDS]:
            self.terms.append(match_number(index, number))
        for low, high in query.port_ranges[:MAX_WORDS]:
            self.terms.append(match_port_range(index, low, high))
        for value in query.names[:MAX_WORDS]:
            self.terms.append(match_service_name(index, value))
        self.phrase = " " + " ".join(query.words) if len(self.words) >= 2 else ""

    @property
    def has_terms(self) -> bool:
        """False when the query only filters (``proto:``, ``by:``...): nothing to rank by."""
        return bool(self.words or self.terms)

    def candidates(self) -> set[int]:
        """Entries that match every word and term; failing that, those matching the most.

        A match of the whole text with a service name stands for every word.
        """
        if self.ordered:
            return set().union(*self.terms)
        named = self.name_matches.keys() | self.common_matches.keys() | self.initials_matches.keys()
        required: list[set[int]] = [found.keys() | named for found in self.word_matches]
        required.extend(set(term) for term in self.terms)
        if not required:
            return set()
        required.sort(key=len)
        strict = required[0].intersection(*required[1:])
        if strict or len(required) == 1:
            return strict
        self.relaxed = True
        counts: dict[int, int] = {}
        for found in required:
            for entry_id in found:
                counts[entry_id] = counts.get(entry_id, 0) + 1
        most = max(counts.values(), default=0)
        return {entry_id for entry_id, count in counts.items() if count == most}

    def rank(self, candidates: set[int], need: int | None) -> list[tuple[float, int]]:
        """(-score, entry id) of candidates, best first (equal scores: registry order).

        With `need`, only the `need` best are returned, exactly ordered: candidates are taken
        in the order of a cheap upper bound of their score and scored in full until no bound
        left can beat the `need`-th best score found.
        """
        entries = self.index.entries
        score = bound = self._placed_score if self.ordered else self.score
        # A bound costs about what a score does: worth it only when most candidates can go.
        if need is None or len(candidates) <= 5 * need:
            scored = [(-score(entries[e]), e) for e in candidates]
            scored.sort()
            return scored if need is None else scored[:need]
        if not self.ordered:
            bound = self.upper_bound
        bounds = sorted((-bound(entries[e]), e) for e in candidates)
        kept: list[tuple[float, int]] = []
        for negative_bound, entry_id in bounds:
            if len(kept) >= need and -negative_bound < kept[0][0]:
                break
            item = (score(entries[entry_id]), -entry_id)
            if len(kept) < need:
                heapq.heappush(kept, item)
            elif item > kept[0]:
                heapq.heapreplace(kept, item)
        return sorted((-value, -negative_id) for value, negative_id in kept)

    def item_protocols(self, entry_id: int) -> frozenset[str] | None:
        """The protocols the typed ports that name this entry allow (None: any), when the
        query is made only of ports (``tcp/22 udp/53``: ssh's tcp line, domain's udp one)."""
        if not self.ordered:
            return None
        allowed: set[str] = set()
        for item, term in zip(self.query.port_items, self.terms, strict=False):
            if entry_id in term:
                if item.protocols is None:
                    return None
                allowed |= item.protocols
        return frozenset(allowed)

    def _placed_score(self, entry: Entry) -> float:
        """A port-list entry's score: its first place in the list, then how it matched there."""
        terms = self.terms
        for place, term in enumerate(terms):
            found = term.get(entry.id)
            if found is not None:
                service = SERVICE if entry.named else 0.0
                within = min(entry.prior + TERMS * found[1], SERVICE - 1.0)
                return (len(terms) - 1 - place) * PLACE + found[0] * TIER + service + within
        return 0.0

    def score(self, entry: Entry) -> float:
        """tier * 1000 + within, for one candidate entry (see the module's table)."""
        return self._evaluate(entry, True)

    def upper_bound(self, entry: Entry) -> float:
        """A score `score(entry)` cannot exceed, without the costlier coverage and phrase."""
        return self._evaluate(entry, False)

    def _evaluate(self, entry: Entry, exact: bool) -> float:
        entry_id = entry.id
        tier = 0
        within = entry.prior
        if self.words:
            name_match = self.name_matches.get(entry_id)
            common = self.common_matches.get(entry_id)
            if common is not None and (name_match is None or common > name_match):
                name_match = common
                if common == (6, 1.0):
                    # Another name for the service names all of it, as a whole description
                    # does: "cifs" is microsoft-ds 445 more than the cifs IANA lists at 3020.
                    within += COVERAGE
            spelled = self.initials_matches.get(entry_id)
            if spelled is not None and (name_match is None or spelled > name_match):
                name_match = spelled
            if name_match is not None:
                tier = name_match[0]
                within += CLOSENESS * name_match[1]
            matches = [found.get(entry_id) for found in self.word_matches]
            present = [m for m in matches if m is not None]
            if present:
                word_tier, word_within = self._words_score(entry, present, exact)
                if len(present) < len(matches):
                    # Some words did not match (a name match or a relaxed query): no tier from
                    # the words, and credit in proportion.
                    word_tier = 0
                    word_within *= len(present) / len(matches)
                if word_tier > tier:
                    tier = word_tier
                within += word_within
        terms = self.terms
        if terms:
            share = TERMS / len(terms)
            for term in terms:
                found = term.get(entry_id)
                if found is not None:
                    if found[0] > tier:
                        tier = found[0]
                    within += share * found[1]
        if self.relaxed:
            tier = 0
        service = SERVICE if entry.named else 0.0
        return tier * TIER + service + min(within, SERVICE - 1.0)

    def _words_score(
        self, entry: Entry, matches: list[WordMatch], exact: bool
    ) -> tuple[int, float]:
        """(tier, within) from the words: quality, description coverage, phrase."""
        quality = 0.0
        all_exact = True
        fuzzy = other = described = False
        for match in matches:
            quality += match[0]
            how = match[2]
            if how != EXACT:
                all_exact = False
                if how == FUZZY:
                    fuzzy = True
            where = match[1]
            if where == OTHER:
                other = True
            elif where != NAME and where != COMMON:
                described = True
        within = QUALITY * quality / len(matches)
        if not exact:
            # Coverage needs a description word; a whole description also all-exact words.
            if self.phrase:
                within += PHRASE_AT_HEAD
            if described and (entry.desc_words or entry.desc_shared):
                within += COVERAGE + (WHOLE_DESCRIPTION if all_exact else 0.0)
            return (0 if other else 1 if fuzzy else 3 if all_exact else 2), within
        coverage = 0.0
        acronym = False
        desc_words, shared = entry.desc_words, entry.desc_shared
        if desc_words or shared:
            covered: set[str] = set()
            evidence = list(matches)
            for found_in_description in self.desc_matches:
                extra = found_in_description.get(entry.id)
                if extra is not None and extra not in evidence:
                    evidence.append(extra)
            for match in evidence:
                where, how = match[1], match[2]
                acronym = acronym or where == ACRONYM
                if how == FUZZY:
                    continue  # a word within a typo is found, not spelled: no coverage
                # A name word the description repeats counts only when spelled out (or in an
                # acronym): "http" does not cover "HTTPX", the whole description of httpx.
                spelled = how == EXACT
                for word in match[3]:
                    if word in desc_words or (spelled and word in shared):
                        covered.add(word)
            if covered:
                index = self.index
                weight_of = index.weight_of
                total = index.description_weight(entry)
                coverage = sum([weight_of(w) for w in covered]) / total if total else 0.0
        within += COVERAGE * coverage
        if self.phrase and self.phrase in entry.desc_text:
            # The words in a row; more so at the head of the description, where what the
            # service is stands ("File Transfer Protocol" over "Trivial File Transfer").
            within += PHRASE_AT_HEAD if entry.desc_text.startswith(self.phrase) else PHRASE
        if other:
            return 0, within
        if fuzzy:
            return 1, within
        if all_exact and coverage >= 0.999 and desc_words:
            # The query names the whole description; spelled out, as fully as a name does.
            return 3, within + (0.0 if acronym else WHOLE_DESCRIPTION)
        if all_exact and entry.popular:
            # Whole words of a commonly deployed service are as telling as the start of a
            # name: "web" finds http ("World Wide Web HTTP") before webpush.
            return 3, within
        return 2, within
