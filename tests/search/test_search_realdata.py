"""Ranking on IANA's real registry: the dev queries, further expectations, and any input.

Uses ../shared (the XML registry and queries-dev.tsv); skipped where it is absent.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SHARED_DATA, shared_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.registry.common_names import common_names
from tui.registry.formats import load_path
from tui.search import Hit, QueryError, SearchIndex

pytestmark = pytest.mark.realdata

DEV_QUERIES = SHARED_DATA.parent / "queries-dev.tsv"


def _dev_queries() -> list[tuple[str, str, int]]:
    if not DEV_QUERIES.exists():
        return []
    rows = []
    for line in DEV_QUERIES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, expected, rank = line.split("\t")
        rows.append((query, expected, int(rank)))
    return rows


# Unambiguous in the registry: the name, port or description says so.
MORE_QUERIES: list[tuple[str, str, int]] = [
    ("telent", "telnet/23", 1),
    ("pstgresql", "postgresql/5432", 1),
    ("mysqll", "mysql/3306", 1),
    ("ircd", "irc/194", 1),
    ("kerberos", "kerberos/88", 1),
    ("imap", "imap/143", 1),
    ("pop3", "pop3/110", 1),
    ("domain", "domain/53", 1),
    ("dns", "domain/53", 1),
    ("domain name server", "domain/53", 1),
    ("http", "http/80", 1),
    ("https", "https/443", 1),
    ("ms-wbt-server", "ms-wbt-server/3389", 1),
    ("3389", "ms-wbt-server/3389", 1),
    ("8080", "http-alt/8080", 1),
    ("5060", "sip/5060", 1),
    ("tcp 53", "domain/53", 1),
    ("proto:udp syslog", "syslog/514", 1),
    ("snmp", "snmp/161", 1),
    ("ntp", "ntp/123", 1),
    ("sip", "sip/5060", 1),
    ("ldaps", "ldaps/636", 1),
    ("mqtt", "mqtt/1883", 1),
    ("amqp", "amqp/5672", 1),
    ("docker", "docker/2375", 1),
    ("tftp", "tftp/69", 1),
    ("trivial file transfer", "tftp/69", 1),
    ("nfs", "nfs/2049", 1),
    ("network file system", "nfs/2049", 1),
    ("microsoft-ds", "microsoft-ds/445", 1),
    ("mssql", "ms-sql-s/1433", 1),
    ("internet relay chat", "irc/194", 1),
    ("6000-6063", "x11/6000-6063", 1),
    ("x11 6010", "x11/6000-6063", 1),
    ("ftp", "ftp/21", 1),
    ("ftp-data", "ftp-data/20", 1),
    ("secure shel", "ssh/22", 1),
    ("post office", "pop3/110", 2),
    ("simple mail", "smtp/25", 3),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_path(shared_file("service-names-port-numbers.xml")))


def rank_of(hits: list[Hit], expected: str) -> int | None:
    """Rank of `expected` ("name/port") among the distinct service/port pairs of `hits`."""
    seen: list[str] = []
    for hit in hits:
        label = f"{hit.record.service_name}/{hit.record.port_number}"
        if label not in seen:
            seen.append(label)
        if label == expected:
            return len(seen)
    return None


@pytest.mark.parametrize(("query", "expected", "rank"), _dev_queries() or [("", "", 0)])
def test_dev_query(index: SearchIndex, query: str, expected: str, rank: int) -> None:
    if not query:
        pytest.skip(f"no dev queries at {DEV_QUERIES}")
    found = rank_of(index.search(query, limit=None), expected)
    assert found is not None and found <= rank, f"{query!r}: {expected} at {found}, wanted {rank}"


@pytest.mark.parametrize(("query", "expected", "rank"), MORE_QUERIES)
def test_more_queries(index: SearchIndex, query: str, expected: str, rank: int) -> None:
    found = rank_of(index.search(query, limit=None), expected)
    assert found is not None and found <= rank, f"{query!r}: {expected} at {found}, wanted {rank}"


def test_exact_names_come_first_across_the_registry(index: SearchIndex) -> None:
    # Unless the common-names table says people mean another port by that name (winrm).
    meant_elsewhere = {row.name for row in common_names()}
    names = sorted({r.service_name for r in index.registry.records if r.service_name})
    for name in [n for n in names[::37] if n.lower() not in meant_elsewhere]:
        top = index.search(name, limit=1)[0].record.service_name.lower()
        assert "".join(ch for ch in top if ch.isalnum()) == "".join(
            ch for ch in name.lower() if ch.isalnum()
        ), name


def test_qualifiers_on_the_real_registry(index: SearchIndex) -> None:
    postel = index.search("by:postel", limit=None)
    assert len(postel) > 20
    assert all("postel" in (h.record.assignee + h.record.contact).lower() for h in postel)
    rfc6335 = index.search("ref:rfc6335", limit=None)
    assert rfc6335 and all("rfc6335" in h.record.reference.lower() for h in rfc6335)
    assert index.search("49999") == []
    assert "Dynamic" in (index.port_notice("49999") or "")


HOSTILE = [
    "x" * 10_000,
    "ssh " * 2_500,
    "[" * 10_000,
    "\\" * 10_000,
    "(" + "a|" * 3_000 + ")*",
    "port:22 " * 1_000,
    "東京ΔΕΛΤΑ مرحبا 🙂" * 400,
    "\x00\x1b]0;x\x07" * 1_000,
    "1-2 " * 2_500,
    "9" * 10_000,
    '"' * 10_000,
    "by:" + "a" * 10_000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:12]))
def test_any_long_string_answers_quickly(index: SearchIndex, query: str) -> None:
    best = min(_timed(index, query) for _ in range(3))
    assert best < 0.1


def _timed(index: SearchIndex, query: str) -> float:
    started = time.perf_counter()
    try:
        hits = index.search(query, limit=None)
    except QueryError:
        return time.perf_counter() - started
    assert all(isinstance(hit, Hit) for hit in hits)
    return time.perf_counter() - started


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_any_string_is_answered_or_refused_quickly(index: SearchIndex, text: str) -> None:
    started = time.perf_counter()
    try:
        hits = index.search(text, limit=50)
    except QueryError as error:
        assert str(error)
        return
    assert all(isinstance(hit, Hit) for hit in hits)
    for hit in hits[:5]:
        for field, spans in hit.matches.items():
            value = getattr(hit.record, field)
            assert all(0 <= start < end <= len(value) for start, end in spans)
    assert time.perf_counter() - started < 0.5


def test_dev_queries_file_is_where_the_tests_look() -> None:
    if not DEV_QUERIES.exists():
        pytest.skip("../shared absent")
    assert Path(DEV_QUERIES).read_text(encoding="utf-8").strip()
