"""The search index kept in the cache: its structures as plain data, and read back checked.

Building the index from 14,533 records takes ~80 ms; reading what it built takes a fraction
of that. `term_index(registry)` takes the index from the cache entry of kind "index" named by
the registry's content hash (set by `tui.registry.sources` for files it read), else builds it and
stores it there. What is read back is checked value by value, every entry and record number
in range, before it is used: an entry that is damaged, crafted or built from other records
is refused and the index rebuilt. Registries without a content hash (parsed directly, the
bundled excerpt) are simply indexed.
"""

from __future__ import annotations

from itertools import chain, islice
from operator import attrgetter
from typing import Any

from tui.registry import cache
from tui.registry.cache import SharedStrings, all_of_types, all_text, equal_columns
from tui.registry.model import Registry
from tui.search.terms import POSTINGS, Entry, TermIndex

INDEX_KIND = "index"

_ENTRY_COLUMNS = (
    "members",
    "name",
    "compact",
    "desc_words",
    "desc_shared",
    "desc_text",
    "prior",
    "named",
    "port_low",
    "port_high",
    "popular",
)
"""The fields of `Entry` after its id (the id is the entry's position), in `Entry`'s order."""
_NONE_TYPE = type(None)


def term_index(registry: Registry) -> TermIndex:
    """The registry's term index: from the cache when its entry is sound, else built (and kept)."""
    digest = registry.content_hash
    if digest:
        restored = decode_index(cache.load(INDEX_KIND, digest), registry)
        if restored is not None:
            return restored
    built = TermIndex(registry)
    if digest:
        cache.store(INDEX_KIND, digest, encode_index(built))
    return built


def encode_index(index: TermIndex) -> dict[str, Any]:
    """What `TermIndex` built, as plain data (`decode_index` reads it back)."""
    shared = SharedStrings()
    entries = index.entries
    columns: list[list[Any]] = []
    for name in _ENTRY_COLUMNS:
        cells = map(attrgetter(name), entries)
        if name in ("name", "compact", "desc_text"):
            columns.append(shared.column(cells))
        elif name in ("desc_words", "desc_shared"):
            columns.append(shared.tuples(cells))
        else:
            columns.append(list(cells))
    owners = index.initials_owners
    plain: dict[str, Any] = {
        "records": len(index.records),
        "entries": columns,
        "single_ports": index.single_ports,
        "range_entries": index.range_entries,
        "initials": shared.column(index.initials),
        "initials_owners": [
            [owner[0] for owner in owners],
            [shared.column(owner[1]) for owner in owners],
            [owner[2] for owner in owners],
        ],
        "vocabulary": shared.column(index.vocabulary),
        "names_sorted": shared.column(index.names_sorted),
    }
    for name in POSTINGS:
        plain[name] = shared.keys(getattr(index, name))
    return plain


def decode_index(plain: Any, registry: Registry) -> TermIndex | None:
    """The TermIndex that `encode_index` stored for this registry, or None when `plain` is not
    exactly that shape, or was built from a different number of records."""
    if type(plain) is not dict or plain.get("records") != len(registry.records):
        return None
    with cache.gc_paused():
        try:
            return _restored(_checked(plain, len(registry.records)), registry)
        except _Refused:
            return None


def _restored(plain: dict[str, Any], registry: Registry) -> TermIndex:
    """A TermIndex over `registry` made of checked data, without building anything again."""
    columns = plain["entries"]
    ids, segments, complete = plain["initials_owners"]
    parts = dict(
        plain,
        entries=list(map(Entry, range(len(columns[0])), *columns)),
        initials_owners=list(zip(ids, segments, complete, strict=True)),
    )
    return TermIndex.from_parts(registry, parts)


class _Refused(Exception):
    """The stored data is not what `encode_index` writes."""


def _require(condition: bool) -> None:
    if not condition:
        raise _Refused


def _ids_below(values: Any, limit: int) -> bool:
    """True when every value (an iterable of them) is an int in range(limit)."""
    values = list(values)
    return not values or (all_of_types(values, int) and min(values) >= 0 and max(values) < limit)


def _strictly_sorted(words: list[str]) -> bool:
    """True when the words are in ascending order, each once (what bisect relies on)."""
    return all(map(str.__lt__, words, islice(words, 1, None)))


def _checked(plain: dict[str, Any], record_count: int) -> dict[str, Any]:
    """`plain` itself once every part has the type and range `decode_index` relies on.

    What the values mean is vouched for by the entry's key (content hash and code stamp);
    this makes sure that no damaged or crafted entry can make a search fail.

    Raises:
        _Refused: a part is missing, of another type, or refers outside the index.
    """
    columns: Any = plain.get("entries")
    _require(equal_columns(columns, len(_ENTRY_COLUMNS)))
    (
        members,
        names,
        compacts,
        desc_words,
        desc_shared,
        desc_texts,
        priors,
        named,
        lows,
        highs,
        popular,
    ) = columns
    entry_count = len(members)
    _require(all_of_types(members, list) and all(members))
    _require(_ids_below(chain.from_iterable(members), record_count))
    _require(all_text((names, compacts, desc_texts)))
    _require(all_of_types(chain(desc_words, desc_shared), tuple))
    _require(all_text((chain.from_iterable(desc_words), chain.from_iterable(desc_shared))))
    _require(all_of_types(priors, float) and all_of_types(chain(named, popular), bool))
    _require(all_of_types(chain(lows, highs), int, _NONE_TYPE))

    for name in POSTINGS:
        postings: Any = plain.get(name)
        _require(type(postings) is dict and all_text((postings,)))
        _require(_postings_sound(postings, entry_count))
    single_ports: Any = plain.get("single_ports")
    _require(type(single_ports) is dict and all_of_types(single_ports, int))
    _require(_postings_sound(single_ports, entry_count))
    ranges: Any = plain.get("range_entries")
    _require(type(ranges) is list and all_of_types(ranges, tuple))
    _require(set(map(len, ranges)) <= {3} and all_of_types(chain.from_iterable(ranges), int))
    _require(_ids_below([bounds[2] for bounds in ranges], entry_count))

    initials: Any = plain.get("initials")
    _require(type(initials) is list and all_text((initials,)))
    owners: Any = plain.get("initials_owners")
    _require(equal_columns(owners, 3) and len(owners[0]) == len(initials))
    owner_ids, segments, complete = owners
    _require(_ids_below(owner_ids, entry_count) and all_of_types(complete, bool))
    _require(all_of_types(segments, list) and all_text(segments))
    # A line of initials has one letter for each word of its segment.
    _require(list(map(len, initials)) == list(map(len, segments)))

    vocabulary: Any = plain.get("vocabulary")
    names_sorted: Any = plain.get("names_sorted")
    _require(type(vocabulary) is list and all_text((vocabulary,)) and _strictly_sorted(vocabulary))
    _require(type(names_sorted) is list and all_text((names_sorted,)))
    _require(_strictly_sorted(names_sorted) and len(names_sorted) == len(plain["compact_names"]))
    _require(all(map(plain["compact_names"].__contains__, names_sorted)))
    return plain


def _postings_sound(postings: dict[Any, Any], entry_count: int) -> bool:
    """True when every value is a non-empty list of entry ids."""
    values = postings.values()
    if not all_of_types(values, list) or not all(values):
        return False
    return _ids_below(chain.from_iterable(values), entry_count)
