"""Search qualifiers and filters, blank queries and limits, and port notices."""

from __future__ import annotations

import pytest
from search_registry import CONTACTS, RECORDS, labels

from tui.registry.model import Registry
from tui.search import QueryError, SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(Registry(records=list(RECORDS), contacts=dict(CONTACTS)))


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
