"""The query language: words, numbers, ranges, qualifiers, and the errors malformed ones raise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search.query import QueryError, compact, parse_query, words_of


def test_plain_words_are_lower_case_words_of_letters_and_digits() -> None:
    query = parse_query("Secure  Shell, X11!")
    assert query.words == ["secure", "shell", "x11"]
    assert query.numbers == [] and query.port_ranges == []
    assert query.protocols is None and query.statuses is None


def test_stop_words_are_optional_unless_they_are_all_there_is() -> None:
    assert parse_query("quote of the day").required_words == ["quote", "day"]
    assert parse_query("the").required_words == ["the"]


def test_compact_text_runs_words_together_to_compare_with_names() -> None:
    assert parse_query("ms sql").compact_text == "mssql"
    assert parse_query("MS-SQL-S").compact_text == "mssqls"
    assert compact("sql*net") == "sqlnet"


def test_words_of_any_script() -> None:
    assert words_of("Ariën Straße 東京 ΔΕΛΤΑ") == ["ariën", "straße", "東京", "δελτα"]


def test_a_number_is_a_port_and_part_of_the_text() -> None:
    query = parse_query("443")
    assert query.numbers == [443]
    assert query.ports == [443]
    assert query.compact_text == "443"


def test_a_number_beyond_65535_is_kept_but_names_no_port() -> None:
    query = parse_query("70000")
    assert query.numbers == [70000]
    assert query.ports == []


def test_a_range_overlaps_and_a_backwards_one_is_still_being_typed() -> None:
    assert parse_query("8000-8100").port_ranges == [(8000, 8100)]
    assert parse_query("6000-6").port_ranges == [(6000, 6000)]
    # Beyond the port space a "range" is only words.
    assert parse_query("70000-80000").port_ranges == []
    assert parse_query("70000-80000").words == ["70000", "80000"]


def test_port_slash_protocol() -> None:
    query = parse_query("22/tcp")
    assert query.numbers == [22]
    assert query.protocols == frozenset({"tcp"})
    # Not a protocol after the slash: just words.
    assert parse_query("cl/1").words == ["cl", "1"]


@pytest.mark.parametrize("word", ["tcp", "UDP", "sctp", "dccp"])
def test_bare_protocols_filter(word: str) -> None:
    query = parse_query(f"{word} syslog")
    assert query.protocols == frozenset({word.lower()})
    assert query.words == ["syslog"]


def test_qualifiers() -> None:
    query = parse_query(
        'port:8000-8100 proto:udp name:HTTP by:"Jon Postel" ref:"[RFC 6335]" status:unassigned'
    )
    assert query.port_ranges == [(8000, 8100)]
    assert query.protocols == frozenset({"udp"})
    assert query.names == ["http"]
    assert query.people == ["jon postel"]
    assert query.references == ["rfc6335"]
    assert query.statuses == frozenset({"unassigned"})
    assert query.words == []


def test_qualifier_keys_ignore_case_and_protocol_is_a_synonym() -> None:
    query = parse_query("PORT:22 Protocol:tcp")
    assert query.port_ranges == [(22, 22)]
    assert query.protocols == frozenset({"tcp"})


def test_by_underscore_and_space_are_the_same() -> None:
    assert parse_query("by:Jon_Postel").people == parse_query('by:"jon  postel"').people


def test_choice_prefixes_and_lists() -> None:
    assert parse_query("status:a").statuses == frozenset({"assigned", "alias"})
    assert parse_query("status:un").statuses == frozenset({"unassigned"})
    assert parse_query("proto:tcp,udp").protocols == frozenset({"tcp", "udp"})
    assert parse_query("proto:s").protocols == frozenset({"sctp"})


def test_qualifiers_still_being_typed_narrow_nothing() -> None:
    assert parse_query("port:").is_blank
    assert parse_query('name:"').is_blank
    assert parse_query("ssh proto:").words == ["ssh"]


def test_unknown_keys_are_plain_text() -> None:
    query = parse_query("http://example.org foo:bar")
    assert query.words == ["http", "example", "org", "foo", "bar"]


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("port:abc", "0-65535"),
        ("port:70000", "0-65535"),
        ("port:1-70000", "0-65535"),
        ("port:22tcp", "0-65535"),
        ("proto:icmp", "tcp, udp, sctp or dccp"),
        ("status:maybe", "assigned, unassigned, reserved, alias"),
    ],
)
def test_malformed_qualifiers_say_what_is_allowed(text: str, allowed: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    message = str(caught.value)
    assert text.split(":", 1)[0] in message
    for option in allowed.replace(" or ", ", ").split(", "):
        assert option in message


def test_error_messages_stay_one_short_line() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("port:" + "x" * 5000 + "\nmore")
    message = str(caught.value)
    assert "\n" not in message and len(message) < 200


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_any_string_parses_or_raises_query_error(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert str(error)
        assert any(key in str(error) for key in ("port:", "proto", "status:"))
    else:
        assert all(word == word.lower() and word for word in query.words)
        assert all(0 <= low <= high <= 65535 for low, high in query.port_ranges)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["port:", "proto:", "status:", "name:", "by:", "ref:", "tcp", '"', "-", "/", "22"]
        )
        | st.text(alphabet='abcdefxyz0123456789-:/" ', max_size=8),
        max_size=8,
    )
)
def test_qualifier_soup_parses_or_raises_query_error(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        query = parse_query(text)
    except QueryError as error:
        assert ":" in text and str(error)
    else:
        assert all(name == name.lower() for name in query.names)
        assert all(0 <= low <= high <= 65535 for low, high in query.port_ranges)
        assert query.protocols is None or query.protocols <= {"tcp", "udp", "sctp", "dccp"}
