"""Ranked search over small hand-built registries: what comes first, and why."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model import Contact, Record, Registry
from tui.search import Hit, QueryError, SearchIndex


def rec(
    name: str,
    port: str,
    protocol: str,
    description: str,
    *,
    assignee: str = "",
    contact: str = "",
    reference: str = "",
    notes: str = "",
) -> Record:
    return Record(
        service_name=name,
        port_number=port,
        transport_protocol=protocol,
        description=description,
        assignee=assignee,
        contact=contact,
        reference=reference,
        assignment_notes=notes,
    )


def both(name: str, port: str, description: str, **extra: str) -> list[Record]:
    """The tcp and udp lines of one service, as the registry writes most of them."""
    return [rec(name, port, p, description, **extra) for p in ("tcp", "udp")]


REPLACES = 'IANA assigned this well-formed service name as a replacement for "sql*net".'

RECORDS: list[Record] = [
    *both("", "4", "Unassigned"),
    *both("rje", "5", "Remote Job Entry", assignee="[Jon_Postel]", contact="[Jon_Postel]"),
    *both("qotd", "17", "Quote of the Day", assignee="[Jon_Postel]"),
    *both("ftp-data", "20", "File Transfer [Default Data]", assignee="[Jon_Postel]"),
    *both("ftp", "21", "File Transfer Protocol [Control]", reference="[RFC959]"),
    *both("ssh", "22", "The Secure Shell (SSH) Protocol", reference="[RFC4251]"),
    *both("telnet", "23", "Telnet", assignee="[Jon_Postel]"),
    *both("domain", "53", "Domain Name Server", reference="[RFC1035]"),
    *both("kerberos", "88", "Kerberos", reference="[RFC4120]"),
    rec("syslog", "514", "udp", ""),
    rec("shell", "514", "tcp", "cmd", notes="like exec, but automatic authentication"),
    rec("sql-net", "66", "tcp", f"Oracle SQL*NET {REPLACES}"),
    rec("sql*net", "66", "tcp", "Oracle SQL*NET", notes='This entry is an alias to "sql-net".'),
    rec("sql-net", "66", "udp", f"Oracle SQL*NET {REPLACES}"),
    rec("sql*net", "66", "udp", "Oracle SQL*NET", notes='This entry is an alias to "sql-net".'),
    *both("ms-sql-s", "1433", "Microsoft-SQL-Server"),
    *both("ms-sql-m", "1434", "Microsoft-SQL-Monitor"),
    *both("postgresql", "5432", "PostgreSQL Database", reference="[RFC6335]"),
    *both("x11", "6000-6063", "X Window System", assignee="[Stephen_Gildea]"),
    *both("", "6064-6065", "Unassigned"),
    *both("ndl-ahp-svc", "6064", "NDL-AHP-SVC"),
    *both("http-alt", "8080", "HTTP Alternate (see port 80)", reference="[RFC6335]"),
    *both("", "8081-8082", "Reserved"),
    rec("ssh", "", "tcp", "SSH Remote Login Protocol", notes="Defined TXT keys: u=<username>"),
    rec("netbios-ssn", "139", "tcp", "NETBIOS Session Service"),
    rec("netbios-ssn", "139", "udp", "NETBIOS Session Service"),
    rec("netbios-ns", "137", "tcp", "NETBIOS Name Service"),
    rec("twin-a", "7001", "tcp", "Twin Service"),
    rec("twin-b", "7001", "tcp", "Twin Service"),
    rec("discard", "9", "sctp", "Discard", assignee="[Randall_Stewart]", reference="[RFC9260]"),
]

CONTACTS = {
    "Jon_Postel": Contact("Jon_Postel", name="Jon Postel", organization="ISI"),
    "Stephen_Gildea": Contact("Stephen_Gildea", name="Stephen Gildea", organization="X Consortium"),
    "Randall_Stewart": Contact(
        "Randall_Stewart", name="Randall R. Stewart", organization="Netflix"
    ),
}


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(Registry(records=list(RECORDS), contacts=dict(CONTACTS)))


def labels(hits: list[Hit]) -> list[tuple[str, str]]:
    """Distinct (service, port) in the order they first appear."""
    seen: list[tuple[str, str]] = []
    for hit in hits:
        key = (hit.record.service_name, hit.record.port_number)
        if key not in seen:
            seen.append(key)
    return seen


def first(index: SearchIndex, query: str) -> tuple[str, str]:
    return labels(index.search(query))[0]


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


def test_blank_query_is_the_whole_registry_in_order(index: SearchIndex) -> None:
    for blank in ("", "   ", "\t\n"):
        hits = index.search(blank, limit=None)
        assert [h.record for h in hits] == RECORDS
        assert all(h.score == 0 and h.matches == {} for h in hits)
    assert [h.record for h in index.search("", limit=3)] == RECORDS[:3]


def test_limit(index: SearchIndex) -> None:
    every = index.search("s", limit=None)
    assert len(every) > 5
    assert index.search("s", limit=5) == every[:5]
    assert index.search("s", limit=0) == []


def test_nothing_matches(index: SearchIndex) -> None:
    assert index.search("zzzzqqq") == []
    assert index.search("kubernetes") == []


def test_words_must_all_match_unless_none_does_all(index: SearchIndex) -> None:
    assert labels(index.search("file transfer control")) == [("ftp", "21")]
    # No entry has both words: the ones with either still answer, ranked lower.
    partial = index.search("kerberos quantum")
    assert labels(partial) == [("kerberos", "88")]
    assert partial[0].score < index.search("kerberos")[0].score


def test_proto_qualifier_and_bare_protocol(index: SearchIndex) -> None:
    hits = index.search("proto:udp syslog")
    assert (hits[0].record.service_name, hits[0].record.transport_protocol) == ("syslog", "udp")
    assert all(h.record.transport_protocol == "udp" for h in hits)
    assert all(h.record.transport_protocol == "sctp" for h in index.search("sctp", limit=None))
    assert [h.record.transport_protocol for h in index.search("ssh 22/udp")] == ["udp"]


def test_by_matches_assignee_and_contact_by_id_name_or_organization(index: SearchIndex) -> None:
    postel = {h.record.service_name for h in index.search("by:postel", limit=None)}
    assert postel == {"rje", "qotd", "ftp-data", "telnet"}
    assert {h.record.service_name for h in index.search("by:isi", limit=None)} == postel
    assert {h.record.service_name for h in index.search("by:Jon_Postel", limit=None)} == postel
    netflix = index.search("by:netflix", limit=None)
    assert [h.record.service_name for h in netflix] == ["discard"]
    assert index.search("by:postel telnet")[0].record.service_name == "telnet"


def test_by_works_without_a_contact_table() -> None:
    index = SearchIndex(Registry(records=list(RECORDS)))
    assert {h.record.service_name for h in index.search('by:"jon postel"', limit=None)} == {
        "rje",
        "qotd",
        "ftp-data",
        "telnet",
    }


def test_ref_finds_whole_references(index: SearchIndex) -> None:
    found = {h.record.service_name for h in index.search("ref:rfc6335", limit=None)}
    assert found == {"postgresql", "http-alt"}
    assert [h.record.service_name for h in index.search("ref:RFC959", limit=None)] == ["ftp"] * 2
    # A reference still being typed finds the ones it starts.
    assert {h.record.service_name for h in index.search("ref:rfc63", limit=None)} == found


def test_status_and_name_qualifiers(index: SearchIndex) -> None:
    unassigned = index.search("status:unassigned", limit=None)
    assert unassigned and all(h.record.status == "unassigned" for h in unassigned)
    assert {h.record.service_name for h in index.search("status:alias", limit=None)} == {"sql*net"}
    names = labels(index.search("name:sql", limit=None))
    assert names[0][0] in ("sql-net", "sql*net")
    assert {n for n, _ in names} == {"sql-net", "sql*net", "ms-sql-s", "ms-sql-m", "postgresql"}
    assert labels(index.search("name:ssh port:22")) == [("ssh", "22")]


def test_keyword_filters_narrow_without_touching_the_query(index: SearchIndex) -> None:
    assert all(
        h.record.transport_protocol == "udp"
        for h in index.search("ssh", limit=None, protocols=frozenset({"udp"}))
    )
    kept = index.search("ssh", limit=None, hidden_protocols=frozenset({"udp"}))
    assert {h.record.transport_protocol for h in kept} == {"tcp"}
    system = index.search("sql", limit=None, port_class="system")
    assert {h.record.port_number for h in system} == {"66"}
    shown = index.search("6000-6100", limit=None, hide_unassigned=True)
    assert all(h.record.status not in ("unassigned", "reserved") for h in shown)
    with pytest.raises(QueryError, match="System, User, Dynamic"):
        index.search("ssh", port_class="private")
    with pytest.raises(QueryError, match="tcp"):
        index.search("ssh", protocols=frozenset({"icmp"}))


def test_malformed_qualifiers_raise(index: SearchIndex) -> None:
    for query in ("port:abc", "port:70000", "proto:xyz", "status:maybe"):
        with pytest.raises(QueryError):
            index.search(query)


def test_port_notice_names_the_class(index: SearchIndex) -> None:
    assert index.port_notice("49999") == (
        "No registered service on port 49999: "
        "Dynamic/Private range (49152-65535), not assigned by IANA"
    )
    assert index.port_notice("4") is not None and "listed as Unassigned" in index.port_notice("4")
    assert "System range (0-1023)" in index.port_notice("4")
    assert "User range (1024-49151)" in index.port_notice("2000")
    assert "Reserved" in index.port_notice("port:8081")
    assert index.port_notice("22") is None
    assert index.port_notice("6010") is None
    assert index.port_notice("ssh") is None
    assert index.port_notice("port:abc") is None
    assert "not a port number" in index.port_notice("70000")


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
    index.search(query, limit=None)
    assert time.perf_counter() - started < 0.1
