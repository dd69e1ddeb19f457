"""Search over a registry: the ranked index behind the browser's search bar and `iana-ports search`.

``SearchIndex(registry).search(query, limit)`` answers a query in the language of
`tui.search.query` with `Hit`s, best first: each hit carries its record, its score and the character
spans that matched, by field. The ranking rules live in `tui.search.rank`, the lookup
structures (built once) in `tui.search.terms`, record filters in `tui.search.narrowing`, spans
in `tui.search.spans`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.registry.model import PORT_MAX, Record, Registry, port_class
from tui.search.narrowing import RecordFilters, RecordTest
from tui.search.popular import Signals
from tui.search.query import QueryError, parse_query
from tui.search.rank import QueryPlan
from tui.search.spans import Explainer
from tui.search.store import term_index
from tui.search.terms import TermIndex

__all__ = ["Hit", "QueryError", "SearchIndex"]

_PORT_CLASS_WORDS = {
    "System": "System range (0-1023), assigned by IANA through IETF Review or IESG Approval",
    "User": "User range (1024-49151), assigned by IANA through Expert Review, IETF Review "
    "or IESG Approval",
    "Dynamic": "Dynamic/Private range (49152-65535), not assigned by IANA",
}


@dataclass(slots=True, init=False, eq=False)
class Hit:
    """One search result: the record, its score, and the character spans that matched, by field.

    `score` is ``tier * 1000 + service + within`` (see `tui.search.rank`): higher is better;
    0 when the query only filters. A query made only of ports ranks by the order they were
    typed: 10,000 more for each later port there is (``22 443``: ssh 15,xxx, https 5,xxx).
    `matches` maps a field name ("service_name", "description", "port_number", ...) to sorted
    (start, end) spans in that field's string. A search works the spans out when `matches` is
    first read, so the hits nobody shows cost nothing.
    ``Hit(record, score)`` and ``Hit(record, score, matches)`` build one directly.
    """

    record: Record
    score: float
    _matches: dict[str, list[tuple[int, int]]] | None = field(init=False, repr=False)
    _explainer: Explainer | None = field(init=False, repr=False)
    _entry: int = field(init=False, repr=False)

    def __init__(
        self,
        record: Record,
        score: float,
        matches: dict[str, list[tuple[int, int]]] | None = None,
        *,
        explainer: Explainer | None = None,
        entry: int = -1,
    ) -> None:
        self.record = record
        self.score = score
        self._matches = matches
        self._explainer = explainer
        self._entry = entry

    @property
    def matches(self) -> dict[str, list[tuple[int, int]]]:
        """Field name -> (start, end) spans of what matched in that field."""
        if self._matches is None:
            explainer = self._explainer
            self._matches = explainer.spans(self._entry, self.record) if explainer else {}
            self._explainer = None
        return self._matches

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Hit):
            return NotImplemented
        return (self.record, self.score, self.matches) == (other.record, other.score, other.matches)

    __hash__ = None  # type: ignore[assignment]


class SearchIndex:
    """A registry's records, indexed once for ranked search on every keystroke.

    The index of a registry read through `tui.registry.sources` is kept in the cache, keyed by the
    file's content hash, so a second start reads it back instead of building it.
    """

    def __init__(self, registry: Registry, signals: Signals | None = None) -> None:
        """Index `registry` beside the shipped tables of common names and services, or beside
        `signals` (other tables: that index is built, not cached)."""
        self.registry = registry
        self.terms = term_index(registry) if signals is None else TermIndex(registry, signals)
        self.filters = RecordFilters(registry)

    def search(
        self,
        query: str,
        limit: int | None = 50,
        *,
        protocols: frozenset[str] | None = None,
        hidden_protocols: frozenset[str] | None = None,
        port_class: str | None = None,
        hide_unassigned: bool = False,
    ) -> list[Hit]:
        """Records answering `query`, best first.

        The keyword filters narrow the answer the way qualifiers do, without writing them
        into the query (the browser's toggles), and combine with the query's own qualifiers.

        Args:
            query: words, ports, ranges and qualifiers; blank for everything.
            limit: at most this many hits; None for every match.
            protocols: keep only these protocols (``frozenset({"tcp"})``); "" in the set keeps
                records without a protocol. None keeps every protocol.
            hidden_protocols: leave these protocols out; records without a protocol stay.
            port_class: keep "System", "User" or "Dynamic" ports (any case): records whose port
                or range overlaps the class; records without a port are left out.
            hide_unassigned: leave out entries without a service (Unassigned and Reserved).

        Returns:
            Hits, best first. The lines of one service and port (tcp, udp, sctp, dccp) come
            together in registry order; equal scores keep registry order. A blank query, or one
            made only of filtering qualifiers (``proto:``, ``status:``, ``by:``, ``ref:``),
            gives the records in registry order, with score 0.

        Raises:
            QueryError: a malformed qualifier (``port:abc``), an unknown protocol or port class.
        """
        parsed = parse_query(query)
        accept = self.filters.test(parsed, protocols, hidden_protocols, port_class, hide_unassigned)
        if limit is not None and limit <= 0:
            return []
        plan = None if parsed.is_blank else QueryPlan(self.terms, parsed)
        if plan is None or not plan.has_terms:
            explainer = Explainer(parsed)
            return self._in_registry_order(accept, limit, explainer if explainer.needed else None)
        return self._ranked(plan, accept, limit)

    def _ranked(self, plan: QueryPlan, accept: RecordTest | None, limit: int | None) -> list[Hit]:
        entries = self.terms.entries
        candidates = plan.candidates()
        if plan.ordered and any(item.protocols for item in plan.query.port_items):
            accept = self._with_item_protocols(plan, accept)
        if accept is not None:
            candidates = {e for e in candidates if any(map(accept, entries[e].members))}
        explainer = Explainer(plan.query, plan)
        records = self.terms.records
        hits: list[Hit] = []
        for negative_score, entry_id in plan.rank(candidates, limit):
            score = -negative_score
            for index in entries[entry_id].members:
                if accept is not None and not accept(index):
                    continue
                hits.append(Hit(records[index], score, explainer=explainer, entry=entry_id))
                if limit is not None and len(hits) >= limit:
                    return hits
        return hits

    def _with_item_protocols(self, plan: QueryPlan, accept: RecordTest | None) -> RecordTest:
        """`accept` and, for each record, the protocol written beside the port that found it."""
        owner = self.terms.entry_of
        record_protocols = self.filters.protocols()
        allowed_by_entry: dict[int, frozenset[str] | None] = {}

        def allowed(index: int) -> bool:
            entry_id = owner[index]
            if entry_id not in allowed_by_entry:
                allowed_by_entry[entry_id] = plan.item_protocols(entry_id)
            protocols = allowed_by_entry[entry_id]
            return protocols is None or record_protocols[index] in protocols

        if accept is None:
            return allowed
        first = accept
        return lambda index: first(index) and allowed(index)

    def _in_registry_order(
        self, accept: RecordTest | None, limit: int | None, explainer: Explainer | None
    ) -> list[Hit]:
        empty: dict[str, list[tuple[int, int]]] | None = None if explainer is not None else {}
        hits: list[Hit] = []
        for index, record in enumerate(self.terms.records):
            if accept is not None and not accept(index):
                continue
            hits.append(Hit(record, 0.0, empty, explainer=explainer))
            if limit is not None and len(hits) >= limit:
                break
        return hits

    def port_notice(self, query: str) -> str | None:
        """A sentence for a port the query names that no registered service uses, else None.

        It names the port's class: "No registered service on port 49999: Dynamic/Private range
        (49152-65535), not assigned by IANA"; a port only listed as Unassigned or Reserved says
        so. A number beyond 65535 is said not to be a port.
        """
        try:
            parsed = parse_query(query)
        except QueryError:
            return None
        for number in parsed.numbers:
            if number > PORT_MAX:
                return f"{number} is not a port number: ports run from 0 to {PORT_MAX}"
        entries = self.terms.entries
        statuses = None
        for port in parsed.ports:
            exact, inside = self.terms.entries_on_port(port)
            covering = [entries[e] for e in exact + inside]
            if any(entry.named for entry in covering):
                continue
            listed = ""
            if covering:
                statuses = statuses or self.filters.statuses()
                found = sorted({statuses[entry.members[0]].title() for entry in covering})
                listed = f" (listed as {' and '.join(found)})"
            return (
                f"No registered service on port {port}{listed}: "
                f"{_PORT_CLASS_WORDS[port_class(port)]}"
            )
        return None
