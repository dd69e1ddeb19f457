"""Issue 6, part 4: any query answers within 100 ms without an exception; bad qualifiers explained.

Timed on a registry the size of IANA's (the bundled excerpt grown to about 14,500 records,
each copy with its own names, ports and descriptions, so nothing is shared that the real
registry would not share), with the search index built beforehand as the browser does at
start-up. A query that takes longer is timed once more before failing: the bar is the
search, not a scheduler hiccup on a shared machine. The real registry is checked too where
it is available (realdata).
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from app_support import answered, wait_until
from conftest import shared_file
from hardening_support import assert_safe_on_screen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from screen_support import drawn_lines

from tui.cli import command_line as cli
from tui.registry.formats import load_path
from tui.registry.model import Record, Registry
from tui.registry.sources import load_registry, sample_path
from tui.search import QueryError, SearchIndex

BUDGET_S = 0.100
COPIES = 145


def grown_registry() -> Registry:
    """The bundled excerpt, copied COPIES times with names, ports and words of each copy's own."""
    excerpt = load_registry(sample_path())
    records: list[Record] = []
    for copy in range(COPIES):
        shift = copy * 449 % 60000
        for record in excerpt.records:
            port = record.port_number
            if record.port_low is not None and record.port_high is not None:
                low, high = record.port_low + shift, record.port_high + shift
                port = str(low) if low == high else f"{low}-{high}"
            records.append(
                replace(
                    record,
                    service_name=f"{record.service_name}-{copy}" if record.service_name else "",
                    port_number=port,
                    description=f"{record.description} series{copy}",
                    port_low=None,
                    port_high=None,
                )
            )
    return Registry(records=records, contacts=excerpt.contacts, source="grown", format="csv")


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    built = SearchIndex(grown_registry())
    built.search("warm up")
    return built


def answer_time(index: SearchIndex, query: str) -> float:
    """Seconds to answer `query` (every hit, as the browser asks); a QueryError is an answer."""
    started = time.perf_counter()
    try:
        index.search(query, limit=None)
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
    return time.perf_counter() - started


def assert_quick(index: SearchIndex, query: str) -> None:
    if answer_time(index, query) > BUDGET_S:
        again = answer_time(index, query)
        assert again <= BUDGET_S, f"{query[:40]!r} took {again * 1000:.0f} ms"


QUERY_PIECES = st.sampled_from(
    [
        "ssh", "http", "22", "6000-6063", "0-65535", "65535-0", "tcp", "udp", "port:", "port:22",
        "proto:", "status:", "name:", "by:", "ref:rfc", '"', "'", "(", ")", "[", "]", "{", "\\",
        "*", "?", "-", "/", ":", "東京", "🙂", "\x1b]0;t\x07", "\u202e", "\x00", " ", "  ",
        "[@click=app.quit]", "[bold]", "a" * 50,
    ]
)  # fmt: skip
ANY_QUERY = st.text(max_size=300) | st.lists(QUERY_PIECES, max_size=25).map("".join)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ANY_QUERY)
def test_any_string_answers_within_100_ms(index: SearchIndex, query: str) -> None:
    assert_quick(index, query)


TEN_THOUSAND = {
    "letters": "x" * 10_000,
    "words": ("ssh http mail data " * 600)[:10_000],
    "digits": "1" * 10_000,
    "ranges": ("1-2 " * 2_500)[:10_000],
    "open brackets": "[" * 10_000,
    "quotes": '"' * 10_000,
    "parentheses": "(" * 10_000,
    "backslashes": "\\" * 10_000,
    "qualifiers": ("port:22 " * 1_250)[:10_000],
    "name qualifiers": ("name:s " * 1_429)[:10_000],
    "cjk": ("東京 " * 3_334)[:10_000],
    "escapes": "\x1b[2J" * 2_500,
    "one long word with a typo": "servce" + "e" * 9_994,
}


@pytest.mark.parametrize("query", TEN_THOUSAND.values(), ids=TEN_THOUSAND.keys())
def test_ten_thousand_characters_answer_within_100_ms(index: SearchIndex, query: str) -> None:
    assert len(query) == 10_000
    assert_quick(index, query)


UNBALANCED = ['"ssh', 'ssh"', '"', "'", "((ssh", "ssh))", "[[ssh", "ssh]]", "{", "}", 'name:"ab']
UNBALANCED += ['"port:22', "port:22'", "[@click=app.quit", "[/]", "(a|b", '"" ""', "[1-2"]


@pytest.mark.parametrize("query", UNBALANCED)
def test_unbalanced_quotes_and_brackets_answer(index: SearchIndex, query: str) -> None:
    assert_quick(index, query)
    try:
        index.search(query)
    except QueryError as error:
        # Only a qualifier may be refused ("port:22'"), never plain words; only punctuation
        # is nothing to search for (issue 13), not everything.
        assert ":" in query or (
            not any(c.isalnum() for c in query) and "nothing to search for" in str(error)
        )


BAD_QUALIFIERS = {
    "port:abc": "port:abc",
    "port:70000": "0-65535",
    "port:1-99999": "0-65535",
    "port:22tcp": "port:22tcp",
    "port:-5": "port:-5",
    "proto:icmp": "tcp, udp, sctp, dccp",
    "proto:tcp,xyz": "tcp, udp, sctp, dccp",
    "status:maybe": "assigned, unassigned, reserved, alias",
    "ssh port:x\x1b]0;t\x07": "port:",
}


@pytest.mark.parametrize("query", BAD_QUALIFIERS)
def test_bad_qualifiers_are_explained(index: SearchIndex, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        index.search(query)
    message = str(caught.value)
    assert BAD_QUALIFIERS[query] in message and "\n" not in message and len(message) < 200
    assert_quick(index, query)


@pytest.mark.parametrize("query", BAD_QUALIFIERS)
def test_bad_qualifiers_exit_2_with_one_line(query: str, capsys) -> None:
    code = cli.main(["search", query, "--registry", str(sample_path())])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    lines = captured.err.splitlines()
    assert len(lines) == 1 and BAD_QUALIFIERS[query] in lines[0]
    assert "Traceback" not in captured.err
    assert_safe_on_screen(captured.err, query)


@pytest.mark.parametrize("query", ["proto:icmp", "status:maybe", "port:x\x1b]0;t\x07"])
async def test_bad_qualifiers_are_explained_in_the_status_line(query: str) -> None:
    from tui.app import PortsApp

    app = PortsApp(source=sample_path())
    async with app.run_test(size=(160, 40)) as pilot:
        await answered(pilot)
        app.query_one("#search").value = query
        status = app.query_one("#status")
        await wait_until(pilot, lambda: bool(status.error))
        await answered(pilot)
        await pilot.pause()
        line = " ".join(drawn_lines(status))
        assert_safe_on_screen(line, "status line")
        key = query.split(":", 1)[0]
        assert f"{key}:" in line and "expected" in line, line
        assert app.query_one("#results").results == []


@pytest.mark.realdata
def test_the_real_registry_answers_hard_queries_within_100_ms() -> None:
    index = SearchIndex(load_path(shared_file("service-names-port-numbers.xml")))
    index.search("warm up")
    for query in [*TEN_THOUSAND.values(), *UNBALANCED, "tcp", "by:a", "0-65535", "e", '"' * 40]:
        assert_quick(index, query)
