"""Answering queries off the interface thread: the index, the hits for a query and filters.

`Searcher` holds the search index (built once, on first use, under a lock so a worker thread
and a start-up warm-up never build two) and turns a query and filters into an `Answer`. The
index applies the filters itself (its keyword filters), so the rules live in one place.
`SearchQueue` keeps a storm of keystrokes (a paste typed out by a terminal without bracketed
paste) down to one search at a time: requests made while one runs replace each other, and the
running one stops at its next check once it is stale. `run_abandonable` runs the search in a
daemon thread that a quitting app need not wait for.
No Textual imports: the screen runs `answer` in a thread worker and shows the result.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from tui.registry.model import Record, Registry
from tui.registry.origin import SourceKind
from tui.search.filters import Filters
from tui.search.index import Hit, QueryError, SearchIndex


@dataclass(slots=True)
class Answer:
    """What a query (with filters) came to: the hits to show, or the query's error."""

    generation: int
    query: str
    hits: list[Hit] = field(default_factory=list)
    matched: int = 0
    """How many records match the query before the filters (counted only when none is shown)."""
    error: str = ""
    notice: str = ""
    elapsed_ms: float = 0.0


def failure_line(error: BaseException | None) -> str:
    """A search that raised, said in one line for a status line (the log has the rest)."""
    if error is None:
        return "Search failed."
    words = " ".join(str(error).split())
    if len(words) > 120:
        words = words[:119] + "…"
    name = type(error).__name__
    return f"Search failed: {name}: {words}" if words else f"Search failed: {name}"


class Cancelled(Exception):
    """The search was overtaken by a newer one."""


_Result = TypeVar("_Result")


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """One query (with the filters then in force) that the screen asked an answer for."""

    generation: int
    query: str
    filters: Filters


class SearchQueue:
    """At most one search running, the newest request waiting behind it, older ones dropped.

    Used from the interface thread only; a worker thread only reads `generation` (through
    `is_stale`) to stop early.
    """

    def __init__(self) -> None:
        self.generation = 0
        """The newest request's number: an answer to any other is stale."""
        self.running = False
        self.waiting: SearchRequest | None = None

    def request(self, query: str, filters: Filters) -> SearchRequest | None:
        """Note a new request; return it when nothing runs (start it now), else None (it waits,
        replacing whatever waited before)."""
        self.generation += 1
        request = SearchRequest(self.generation, query, filters)
        if self.running:
            self.waiting = request
            return None
        self.running = True
        return request

    def finished(self) -> SearchRequest | None:
        """The running search ended: the request to start next, or None when none waits."""
        following, self.waiting = self.waiting, None
        self.running = following is not None
        return following

    def is_stale(self, generation: int) -> bool:
        """True when a newer request than `generation` was made."""
        return generation != self.generation


def run_abandonable(
    work: Callable[[], _Result], abandoned: Callable[[], bool], poll_s: float = 0.05
) -> _Result:
    """`work()` run in a daemon thread, waited for until it ends or `abandoned()` turns true.

    An abandoned thread finishes on its own and its result is dropped: being a daemon, it never
    holds up the exit (a thread worker itself is joined when the app ends).

    Raises:
        Cancelled: `abandoned()` turned true first.
        Exception: whatever `work` raised.
    """
    outcome: list[tuple[bool, object]] = []
    done = threading.Event()

    def target() -> None:
        """Run the work, keep its result or its exception."""
        try:
            outcome.append((True, work()))
        except BaseException as error:  # handed over to the waiting thread
            outcome.append((False, error))
        done.set()

    threading.Thread(target=target, name="iana-ports-search", daemon=True).start()
    while not done.wait(poll_s):
        if abandoned():
            raise Cancelled
    succeeded, value = outcome[0]
    if not succeeded:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]


class Searcher:
    """Turns a query and filters into an Answer, reusing the last query's hits."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._everything = [Hit(record, 0.0) for record in registry.records]
        self._last: tuple[tuple[str, Filters], list[Hit]] | None = None

    @property
    def index(self) -> SearchIndex:
        """The search index, built on first use."""
        with self._lock:
            if self._index is None:
                self._index = SearchIndex(self.registry)
            return self._index

    def hits(self, query: str, filters: Filters | None = None) -> list[Hit]:
        """Every hit for `query` under `filters`, best first; the registry in its order for "".

        Raises:
            QueryError: the query cannot be understood.
        """
        filters = filters or Filters()
        if not query.strip() and filters.is_default:
            return self._everything  # needs no index: shown at once while it is built
        key = (query, filters)
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        hits = self.index.search(query, limit=None, **filters.search_keywords())
        self._last = (key, hits)
        return hits

    def passes(self, record: Record, filters: Filters) -> bool:
        """True when `filters` leave `record` in the whole registry's list."""
        return filters.is_default or any(hit.record is record for hit in self.hits("", filters))

    def answer(
        self,
        generation: int,
        query: str,
        filters: Filters,
        is_cancelled: Callable[[], bool] = lambda: False,
    ) -> Answer:
        """Search, filter and time one query.

        Raises:
            Cancelled: `is_cancelled()` turned true part-way.
        """
        if is_cancelled():
            raise Cancelled  # overtaken before it began: no work at all
        started = time.perf_counter()
        result = Answer(generation, query)
        try:
            result.hits = self.hits(query, filters)
            if is_cancelled():
                raise Cancelled
            result.matched = len(result.hits)
            if not result.hits and not filters.is_default:
                # Only an empty answer needs to know what the filters hid.
                result.matched = len(self.hits(query))
        except QueryError as error:
            result.error = str(error)
            result.elapsed_ms = (time.perf_counter() - started) * 1000
            return result
        if is_cancelled():
            raise Cancelled
        if not result.hits:
            result.notice = self._empty_notice(query, result.matched)
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def _empty_notice(self, query: str, matched: int) -> str:
        if matched:
            return f"All {matched:,} matches are hidden by the filters."
        if not query.strip():
            return "The registry holds no records."
        notice = self.index.port_notice(query) or f"Nothing matches {query.strip()!r}."
        if self.registry.origin.kind == SourceKind.SAMPLE:
            notice += (
                f" This is the bundled sample ({len(self.registry):,} records): "
                "run without `--registry sample` for the full registry."
            )
        return notice
