"""Finding contacts: fuzzy search over a registry's contact table by id, name, organization, e-mail.

`ContactIndex` does the work once per registry (word vocabulary, postings, the records each
contact is named in) so that a search per keystroke over IANA's 5,615 contacts stays in the
low milliseconds. No interface imports: the CLI and the Textual screen both use it.

Ranking: every word of the query must match some word of the contact (in any field, any
order). A word matches exactly (best), as a prefix, inside a word, or fuzzily (typos: "Postle"
finds "Postel"). Words of the id and name weigh more than the organization's, which weigh more
than the e-mail's, so "ibm" lists IBM itself before people with an ibm.com address.
"""

from __future__ import annotations

import threading
import unicodedata
import weakref
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from tui.registry.model import Contact, Record, Registry
from tui.search.query import QueryError, shortened

EXACT_SCORE = 100.0
PREFIX_SCORE = 95.0
INFIX_SCORE = 85.0
FUZZY_WEIGHT = 0.8
"""Fuzzy word scores (75-99) are scaled below every exact, prefix or infix match."""
FUZZY_CUTOFF = 75.0
FUZZY_MIN_LENGTH = 3
INFIX_MIN_LENGTH = 2

FIELD_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("id", 1.0),
    ("name", 1.0),
    ("organization", 0.95),
    ("emails", 0.9),
)
"""The fields a contact is searched by, and how much a match in each counts."""


def fold(text: str) -> str:
    """Lower-case words of `text`, accents dropped, punctuation and "_" turned into spaces."""
    if not text.isascii():  # most registry text is ASCII: skip the slow path for it
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return utils.default_process(text)


def contact_haystack(contact: Contact) -> str:
    """The text a contact is searched by."""
    return " ".join(
        part for part in (contact.id, contact.name, contact.organization, *contact.emails) if part
    )


def records_by_contact(registry: Registry) -> dict[str, list[Record]]:
    """Every contact id named in the registry, mapped to the records naming it (registry order)."""
    found: dict[str, list[Record]] = {}
    for record in registry.records:
        for contact_id in dict.fromkeys(record.assignee_ids + record.contact_ids):
            found.setdefault(contact_id, []).append(record)
    return found


@dataclass(frozen=True, slots=True)
class ContactRole:
    """How a record names a contact: as its assignee, its contact, or both."""

    assignee: bool
    contact: bool

    @property
    def label(self) -> str:
        """The role in words: "assignee", "contact" or "assignee, contact"."""
        return ", ".join(
            word
            for word, named in (("assignee", self.assignee), ("contact", self.contact))
            if named
        )


class ContactIndex:
    """A registry's contacts made searchable, with the records each contact is named in.

    Build it once per registry (see `contact_index`); the registry must not change afterwards.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.contacts: list[Contact] = sorted(
            registry.contacts.values(), key=lambda contact: (contact.id.lower(), contact.id)
        )
        self._position = {contact.id: index for index, contact in enumerate(self.contacts)}
        postings: dict[str, dict[int, float]] = {}
        for index, contact in enumerate(self.contacts):
            for field_name, weight in FIELD_WEIGHTS:
                value = getattr(contact, field_name)
                text = " ".join(value) if isinstance(value, tuple) else value
                for word in fold(text).split():
                    best = postings.setdefault(word, {})
                    if best.get(index, 0.0) < weight:
                        best[index] = weight
        self._words: list[str] = list(postings)
        self._postings: list[dict[int, float]] = [postings[word] for word in self._words]
        self._records = records_by_contact(registry)

    def __len__(self) -> int:
        return len(self.contacts)

    def position(self, contact_id: str) -> int | None:
        """Where a contact stands in `contacts` (sorted by id), or None when it is not there."""
        return self._position.get(contact_id)

    def records_of(self, contact_id: str) -> list[Record]:
        """Every record naming this contact id as assignee or contact, in registry order."""
        return self._records.get(contact_id, [])

    def role(self, record: Record, contact_id: str) -> ContactRole:
        """How `record` names `contact_id`."""
        return ContactRole(contact_id in record.assignee_ids, contact_id in record.contact_ids)

    def search(self, query: str) -> list[Contact]:
        """Contacts matching every word of `query`, best first (ties by id).

        An empty query (or one with no letters or digits) lists every contact, sorted by id.
        """
        words = fold(query).split()
        if not words:
            return list(self.contacts)
        totals: dict[int, float] | None = None
        for word in words:
            scores = self._word_scores(word)
            if totals is None:
                totals = scores
            else:
                totals = {i: totals[i] + s for i, s in scores.items() if i in totals}
            if not totals:
                return []
        assert totals is not None
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        return [self.contacts[index] for index, _ in ranked]

    def _word_scores(self, word: str) -> dict[int, float]:
        """Each contact matching one query word, with its best score for that word."""
        word_scores: dict[int, float] = {}
        for index, candidate in enumerate(self._words):
            if candidate == word:
                word_scores[index] = EXACT_SCORE
            elif candidate.startswith(word):
                word_scores[index] = PREFIX_SCORE
            elif len(word) >= INFIX_MIN_LENGTH and word in candidate:
                word_scores[index] = INFIX_SCORE
        if len(word) >= FUZZY_MIN_LENGTH:
            for _, score, index in process.extract(
                word,
                self._words,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=FUZZY_CUTOFF,
                limit=None,
            ):
                if index not in word_scores:
                    word_scores[index] = score * FUZZY_WEIGHT
        contact_scores: dict[int, float] = {}
        for word_index, score in word_scores.items():
            for contact_index, weight in self._postings[word_index].items():
                weighted = score * weight
                if contact_scores.get(contact_index, 0.0) < weighted:
                    contact_scores[contact_index] = weighted
        return contact_scores


_cache_lock = threading.Lock()
_cached: tuple[weakref.ref[Registry], ContactIndex] | None = None


def contact_index(registry: Registry) -> ContactIndex:
    """The `ContactIndex` of `registry`, built on first use and kept while the registry lives.

    Safe to call from worker threads: one build at a time, and the last registry's index is
    reused (an app shows one registry at a time).
    """
    global _cached
    with _cache_lock:
        if _cached is not None and _cached[0]() is registry:
            return _cached[1]
        index = ContactIndex(registry)
        _cached = (weakref.ref(registry), index)
        return index


def search_contacts(registry: Registry, query: str, limit: int | None = None) -> list[Contact]:
    """Contacts matching `query`, best first; every contact, sorted by id, for an empty query.

    Raises:
        QueryError: the query is not blank but has nothing to search for (only punctuation
            or invisible characters): that is not "every contact".
    """
    if query.strip() and not fold(query).split():
        raise QueryError(
            f"nothing to search for in {shortened(query)!r}: type a name, an id or an organization"
        )
    return contact_index(registry).search(query)[:limit]
