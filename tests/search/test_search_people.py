"""Answers the way people ask, on the bundled default registry: firewall and shell notation,
common names, unauthorized uses, the popular entry first, qualifiers that never fail silently.

The default registry ships in the package (no ../shared needed). Common names come from the
fixture table tests/fixtures/common-names-people.csv where a test means a table's rows, so the
ranking is tested apart from the rows the project's own table holds.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from search_registry import labels

from tui.registry.common_names import CommonName, parse_table
from tui.registry.model import Record, Registry
from tui.registry.sources import load_registry
from tui.search import QueryError, SearchIndex
from tui.search.popular import Signals, common_services


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def index(registry: Registry) -> SearchIndex:
    """The shipped index: the shipped tables of common names and services."""
    return SearchIndex(registry)


def people_table() -> tuple[CommonName, ...]:
    return parse_table((FIXTURES / "common-names-people.csv").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def people(registry: Registry) -> SearchIndex:
    """The default registry indexed beside the fixture's common names."""
    return SearchIndex(registry, Signals(common_services(), people_table()))


def distinct(index: SearchIndex, query: str, limit: int = 200) -> list[str]:
    """ "name/port" of each distinct entry answering `query`, best first."""
    seen: list[str] = []
    for hit in index.search(query, limit=limit):
        label = f"{hit.record.service_name}/{hit.record.port_number}"
        if label not in seen:
            seen.append(label)
    return seen


@pytest.mark.parametrize(
    ("query", "ports", "protocols"),
    [
        ("tcp/22", ["22"], {"tcp"}),
        ("22/tcp", ["22"], {"tcp"}),
        ("udp/53", ["53"], {"udp"}),
        (":8080", ["8080"], {"tcp", "udp"}),
        ("80-80/tcp", ["80"], {"tcp"}),
        ("port 22", ["22"], {"tcp", "udp", "sctp"}),
        ("22,443", ["22", "443"], {"tcp", "udp", "sctp"}),
        ("22 443 3389", ["22", "443", "3389"], {"tcp", "udp", "sctp"}),
        ("80,443/tcp", ["80", "443"], {"tcp"}),
        ("500/udp", ["500"], {"udp"}),
        ("tcp/22 udp/53", ["22", "53"], {"tcp", "udp"}),
        ("[::1]:22", ["22"], {"tcp", "udp", "sctp"}),
    ],
)
def test_firewall_notation_answers_exactly_those_ports_in_the_order_typed(
    index: SearchIndex, query: str, ports: list[str], protocols: set[str]
) -> None:
    hits = index.search(query, limit=None)
    assert hits
    typed_order = [h.record.port_number for h in hits]
    # Every hit is on a port typed, and the ports come in the order typed.
    assert set(typed_order) == set(ports)
    assert sorted(typed_order, key=ports.index) == typed_order
    assert {h.record.transport_protocol for h in hits} <= protocols


def test_a_port_query_adds_no_words_with_its_digits(index: SearchIndex) -> None:
    assert not any("c1222" in label for label in distinct(index, "22/tcp"))
    assert not any("x500ms" in label for label in distinct(index, "500/udp"))
    assert distinct(index, "22,443") == ["ssh/22", "https/443"]
    assert distinct(index, "tcp/22") == ["ssh/22"]
    # Per port, its own protocol: ssh's tcp line and domain's udp line, nothing more.
    pairs = [(h.record.service_name, h.record.key) for h in index.search("tcp/22 udp/53")]
    assert [name for name, _ in pairs] == ["ssh", "domain"]


def test_a_port_inside_a_range_is_found(index: SearchIndex) -> None:
    assert distinct(index, "6010/tcp") == ["x11/6000-6063"]


def test_scores_follow_the_order_typed(index: SearchIndex) -> None:
    scores = [h.score for h in index.search("3389 22 443", limit=None)]
    assert scores == sorted(scores, reverse=True)
    assert distinct(index, "3389 22 443") == ["ms-wbt-server/3389", "ssh/22", "https/443"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rdp", "ms-wbt-server/3389"),
        ("remote desktop", "ms-wbt-server/3389"),
        ("vnc", "rfb/5900"),
        ("ike", "isakmp/500"),
        ("smb", "microsoft-ds/445"),
        ("cifs", "microsoft-ds/445"),
        ("winrm", "wsman/5985"),
        ("mariadb", "mysql/3306"),
        ("kafka", "XmlIpcRegSvc/9092"),
        ("elasticserch", "wap-wsp/9200"),  # a typo of a common name
    ],
)
def test_common_names_find_the_records_at_their_port(
    people: SearchIndex, query: str, expected: str
) -> None:
    assert distinct(people, query)[0] == expected


def test_an_unofficial_use_finds_every_record_at_its_port(people: SearchIndex) -> None:
    found = people.search("elasticsearch", limit=None)
    assert found and {h.record.port_number for h in found} == {"9200", "9300"}
    assert {h.record.service_name for h in found} >= {"wap-wsp"}


def test_common_names_rank_right_after_an_exact_iana_name_at_equal_standing() -> None:
    registry = Registry(
        [
            Record.from_fields(
                {"service_name": "acme", "port_number": "4001", "transport_protocol": "tcp"}
            ),
            Record.from_fields(
                {"service_name": "zed", "port_number": "4002", "transport_protocol": "tcp"}
            ),
        ]
    )
    row = CommonName("acme", 4002, "tcp", "unofficial", "", "a test")
    index = SearchIndex(registry, Signals((), (row,)))
    assert labels(index.search("acme")) == [("acme", "4001"), ("zed", "4002")]
    # Without the table, the name people use finds nothing.
    assert labels(SearchIndex(registry, Signals((), ())).search("acme")) == [("acme", "4001")]


def test_unauthorized_use_reported_is_searched(index: SearchIndex) -> None:
    hits = index.search("pointcast", limit=None)
    assert hits and {h.record.port_number for h in hits} == {"90"}
    spans = hits[0].matches["unauthorized_use_reported"]
    text = hits[0].record.unauthorized_use_reported
    assert [text[s:e].lower() for s, e in spans] == ["pointcast"]


@pytest.mark.parametrize(
    ("query", "expected", "rarer"),
    [
        ("web", "http/80", "webpush/1001"),
        ("pop", "pop3/110", "pop2/109"),
        ("sql server", "ms-sql-s/1433", "rsqlserver/4430"),
        ("http alternate", "http-alt/8080", "http-alt/8008"),
        ("imap secure", "imaps/993", "imap/143"),
        ("simple network management protocol", "snmp/161", None),
    ],
)
def test_the_commonly_deployed_entry_comes_first(
    index: SearchIndex, query: str, expected: str, rarer: str | None
) -> None:
    found = distinct(index, query)
    assert found[0] == expected
    if rarer is not None and rarer in found:
        assert found.index(rarer) > 0


@pytest.mark.parametrize(
    ("query", "expected"), [("rdp", "ms-wbt-server/3389"), ("smb", "microsoft-ds/445")]
)
def test_a_port_before_a_portless_registration_of_the_same_name(
    people: SearchIndex, query: str, expected: str
) -> None:
    found = distinct(people, query)
    portless = f"{query}/"
    assert found[0] == expected and portless in found
    assert found.index(expected) < found.index(portless)


@pytest.mark.parametrize(
    ("query", "meant"), [("prot:tcp", "proto"), ("nam:ssh", "name"), ("svc:https", "service")]
)
def test_unknown_qualifiers_are_errors_naming_the_one_meant(
    index: SearchIndex, query: str, meant: str
) -> None:
    with pytest.raises(QueryError, match=f"did you mean `{meant}:`"):
        index.search(query)


def test_service_is_name(index: SearchIndex) -> None:
    assert distinct(index, "service:https")[0] == "https/443"
    assert distinct(index, "service:https") == distinct(index, "name:https")


@pytest.mark.parametrize("query", ["http://example.org", "10:30", "[::1]:22", "fe80::1"])
def test_urls_times_and_addresses_are_not_qualifiers(index: SearchIndex, query: str) -> None:
    index.search(query)  # no QueryError
    assert distinct(index, "http://example.org")[0] == "http/80"
    assert distinct(index, "https://example.org:8443/")[0] == "pcsync-https/8443"


def test_the_services_list_is_shipped_with_its_provenance() -> None:
    from importlib import resources

    text = (resources.files("tui") / "data" / "common-services.txt").read_text(encoding="utf-8")
    assert "netbase" in text.splitlines()[3] and "GPL-2" in text
    services = common_services()
    assert len(services) > 300
    popular = Signals(services, ()).popular
    assert {("pop3", 110), ("http", 80), ("ms-sql-s", 1433), ("imap", 143)} <= popular.keys()
    assert ("pop2", 109) not in popular


def test_parse_services_skips_comments_and_malformed_lines() -> None:
    from tui.search.popular import parse_services

    text = "# comment\nssh 22/tcp # SSH\nhttp 80/tcp www\nbroken\nbad x/tcp\n"
    assert [(s.name, s.port, s.protocol, s.aliases) for s in parse_services(text)] == [
        ("ssh", 22, "tcp", ()),
        ("http", 80, "tcp", ("www",)),
    ]


# Written apart from the dev sets, as engineers type them; answers that need no common-names
# row (IANA's text and the services list decide them).
HELD_OUT = [
    ("ldaps", "ldaps/636"),
    ("imaps", "imaps/993"),
    ("nfs", "nfs/2049"),
    ("snmp trap", "snmptrap/162"),
    ("kerberos", "kerberos/88"),
    ("mqtt", "mqtt/1883"),
    ("amqp", "amqp/5672"),
    ("memcached", "memcache/11211"),
    ("postgres", "postgresql/5432"),
    ("docker", "docker/2375"),
    ("svn", "svn/3690"),
    ("subversion", "svn/3690"),
    ("dns", "domain/53"),
    ("submission", "submission/587"),
    ("radius", "radius/1812"),
    ("rsync", "rsync/873"),
    ("secure imap", "imaps/993"),
    ("ldap secure", "ldaps/636"),
    ("pop3 secure", "pop3s/995"),
    ("secure smtp", "submissions/465"),
    ("network file system", "nfs/2049"),
    ("border gateway protocol", "bgp/179"),
    ("lightweight directory access protocol", "ldap/389"),
    ("network news transfer protocol", "nntp/119"),
    ("tcp/3389", "ms-wbt-server/3389"),
    ("161/udp", "snmp/161"),
    ("0.0.0.0:22", "ssh/22"),
    ("port 3306", "mysql/3306"),
    ("53 123", "domain/53"),
    ("ntp 123", "ntp/123"),
]


@pytest.mark.parametrize(("query", "expected"), HELD_OUT)
def test_held_out_queries(index: SearchIndex, query: str, expected: str) -> None:
    assert distinct(index, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("who registered 3306", ["mysql/3306"]),
        ("what runs on 8080", ["http-alt/8080"]),
        ("what's running on 22/tcp", ["ssh/22"]),
        ("who uses port 443?", ["https/443"]),
    ],
)
def test_a_question_about_ports_answers_those_ports(
    index: SearchIndex, query: str, expected: list[str]
) -> None:
    assert distinct(index, query) == expected


def test_a_question_about_a_free_port_finds_nothing_and_says_why(index: SearchIndex) -> None:
    assert index.search("is 49152 free?") == []
    assert "Dynamic/Private range" in (index.port_notice("is 49152 free?") or "")


def test_question_words_beside_a_name_stay_words(index: SearchIndex) -> None:
    assert distinct(index, "who", limit=1) == ["who/513"]
    assert "ftp/21" in distinct(index, "ftp 21")
    assert "nicname/43" in distinct(index, "who registered mysql")
