"""Ranked search over a small hand-built registry: what comes first, and why."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_registry import CONTACTS, RECORDS, first, labels

from tui.registry.model import Registry
from tui.search import Hit, QueryError, SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(Registry(records=list(RECORDS), contacts=dict(CONTACTS)))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ssh", ("ssh", "22")),
        ("ftp", ("ftp", "21")),
        ("ftp-data", ("ftp-data", "20")),
        ("ftp data", ("ftp-data", "20")),
        ("postgres", ("postgresql", "5432")),
        ("pstgresql", ("postgresql", "5432")),
        ("telent", ("telnet", "23")),
        ("kerbros", ("kerberos", "88")),
        ("ms sql", ("ms-sql-s", "1433")),
        ("secure shell", ("ssh", "22")),
        ("quote of the day", ("qotd", "17")),
        ("remote job entry", ("rje", "5")),
        ("dns", ("domain", "53")),
        ("netbios session", ("netbios-ssn", "139")),
        ("22", ("ssh", "22")),
        ("6010", ("x11", "6000-6063")),
        ("6064", ("ndl-ahp-svc", "6064")),
        ("x11 6010", ("x11", "6000-6063")),
        ("tcp 53", ("domain", "53")),
        ("http 8080", ("http-alt", "8080")),
        ("8080-8090", ("http-alt", "8080")),
    ],
)
def test_the_entry_people_mean_comes_first(index: SearchIndex, query: str, expected) -> None:
    assert first(index, query) == expected


def test_an_exact_service_name_outranks_everything_else(index: SearchIndex) -> None:
    # "shell" is a word of ssh's description and a prefix of nothing: the entry named
    # "shell" still comes first, then the entry whose description has the word.
    order = labels(index.search("shell"))
    assert order[0] == ("shell", "514")
    assert ("ssh", "22") in order[1:]


def test_a_port_entry_comes_before_the_same_name_without_a_port(index: SearchIndex) -> None:
    assert labels(index.search("ssh"))[:2] == [("ssh", "22"), ("ssh", "")]


def test_every_protocol_line_of_one_service_and_port_stays_together(index: SearchIndex) -> None:
    hits = index.search("sql net", limit=None)
    keys = [(h.record.service_name, h.record.port_number) for h in hits]
    # The registry interleaves sql-net and its alias sql*net line by line.
    assert keys[:4] == [("sql-net", "66")] * 2 + [("sql*net", "66")] * 2
    assert [h.record.transport_protocol for h in hits[:2]] == ["tcp", "udp"]
    for key in set(keys):
        positions = [i for i, k in enumerate(keys) if k == key]
        assert positions == list(range(positions[0], positions[0] + len(positions)))


def test_an_alias_comes_after_the_name_that_replaced_it(index: SearchIndex) -> None:
    assert labels(index.search("oracle"))[:2] == [("sql-net", "66"), ("sql*net", "66")]


def test_equal_scores_keep_registry_order(index: SearchIndex) -> None:
    hits = index.search("twin service")
    assert [h.record.service_name for h in hits[:2]] == ["twin-a", "twin-b"]
    assert hits[0].score == hits[1].score
    reordered = SearchIndex(Registry(records=list(reversed(RECORDS))))
    assert [h.record.service_name for h in reordered.search("twin service")[:2]] == [
        "twin-b",
        "twin-a",
    ]


def test_the_same_query_gives_the_same_answer(index: SearchIndex) -> None:
    for query in ("s", "net", "sql", "6000-6100", "by:postel", "service"):
        once = [(h.record.key, h.score) for h in index.search(query, limit=None)]
        again = [(h.record.key, h.score) for h in index.search(query, limit=None)]
        assert once == again


def test_assigned_entries_come_before_unassigned_and_reserved(index: SearchIndex) -> None:
    order = labels(index.search("6000-6100"))
    assert order == [("x11", "6000-6063"), ("ndl-ahp-svc", "6064"), ("", "6064-6065")]
    statuses = [h.record.status for h in index.search("8000-8100", limit=None)]
    assert statuses == sorted(statuses, key=lambda s: s in ("unassigned", "reserved"))
    assert statuses[-1] == "reserved"


def test_scores_are_non_increasing(index: SearchIndex) -> None:
    for query in ("s", "sql", "service", "6000-9000", "ftp"):
        scores = [h.score for h in index.search(query, limit=None)]
        assert scores == sorted(scores, reverse=True)


def test_words_must_all_match_unless_none_does_all(index: SearchIndex) -> None:
    assert labels(index.search("file transfer control")) == [("ftp", "21")]
    # No entry has both words: the ones with either still answer, ranked lower.
    partial = index.search("kerberos quantum")
    assert labels(partial) == [("kerberos", "88")]
    assert partial[0].score < index.search("kerberos")[0].score


def _spelled(hit: Hit) -> dict[str, list[str]]:
    return {
        field: [getattr(hit.record, field)[start:end] for start, end in spans]
        for field, spans in hit.matches.items()
    }


def test_spans_point_at_what_matched(index: SearchIndex) -> None:
    ssh = index.search("secure shell")[0]
    assert _spelled(ssh)["description"] == ["Secure", "Shell"]
    assert _spelled(index.search("ssh")[0])["service_name"] == ["ssh"]
    assert _spelled(index.search("postgres")[0])["service_name"] == ["postgres"]
    assert _spelled(index.search("ms sql")[0])["service_name"] == ["ms", "sql"]
    # A word matched within a typo is shown whole.
    assert _spelled(index.search("telent")[0])["service_name"] == ["telnet"]
    dns = _spelled(index.search("dns")[0])
    assert dns["description"] == ["D", "N", "S"]
    port = index.search("6010")[0]
    assert _spelled(port)["port_number"] == ["6000-6063"]
    by = index.search("by:postel")[0]
    assert _spelled(by)["assignee"] == ["Postel"]
    ref = index.search("ref:rfc6335")[0]
    assert _spelled(ref)["reference"] == ["RFC6335"]
    proto = index.search("proto:udp syslog")[0]
    assert _spelled(proto)["transport_protocol"] == ["udp"]
    assert _spelled(proto)["service_name"] == ["syslog"]


def test_spans_are_sorted_disjoint_and_inside_their_field(index: SearchIndex) -> None:
    for query in ("s", "sql", "file transfer", "secure sh", "netbios", "oracle", "by:jon"):
        for hit in index.search(query, limit=None):
            for field, spans in hit.matches.items():
                value = getattr(hit.record, field)
                assert spans == sorted(spans)
                for (start, end), following in zip(spans, spans[1:] + [None], strict=True):
                    assert 0 <= start < end <= len(value)
                    if following is not None:
                        assert end < following[0]


def test_hits_can_be_made_directly() -> None:
    record = RECORDS[2]
    assert Hit(record, 1.0).matches == {}
    assert Hit(record, 1.0, {"description": [(0, 6)]}).matches == {"description": [(0, 6)]}
    assert Hit(record, 1.0) == Hit(record, 1.0)
    assert Hit(record, 1.0) != Hit(record, 2.0)


def test_an_empty_registry_answers_nothing() -> None:
    empty = SearchIndex(Registry())
    assert empty.search("ssh") == []
    assert empty.search("") == []
    assert empty.port_notice("22") == (
        "No registered service on port 22: "
        "System range (0-1023), assigned by IANA through IETF Review or IESG Approval"
    )


QUERY_PARTS = st.sampled_from(
    [
        "ssh",
        "22",
        "6000-6063",
        "tcp",
        "port:",
        "port:22",
        "proto:udp",
        "by:",
        "ref:rfc",
        "status:a",
        "name:sql",
        '"',
        "[",
        "\\",
        "-",
        "/",
        "*",
        "东京",
        "\x1b",
        " ",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80) | st.lists(QUERY_PARTS, max_size=10).map("".join))
def test_any_string_gives_hits_or_a_query_error(index: SearchIndex, text: str) -> None:
    try:
        hits = index.search(text, limit=None)
    except QueryError as error:
        assert str(error)
        return
    assert all(isinstance(hit, Hit) for hit in hits)
    keys = [id(hit.record) for hit in hits]
    assert len(keys) == len(set(keys))
    for hit in hits:
        for field, spans in hit.matches.items():
            assert all(0 <= s < e <= len(getattr(hit.record, field)) for s, e in spans)


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "[" * 10_000, "\\" * 10_000, "ssh " * 2_500, "東京 " * 3_000, "1-2 " * 2_500],
    ids=lambda q: repr(q[:8]),
)
def test_ten_thousand_characters_answer_quickly(index: SearchIndex, query: str) -> None:
    started = time.perf_counter()
    try:
        index.search(query, limit=None)
    except QueryError:
        assert not any(c.isalnum() for c in query)  # only punctuation: nothing to search for
    assert time.perf_counter() - started < 0.1
