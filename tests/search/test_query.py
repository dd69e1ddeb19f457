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


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("tcp/22", [(22, 22, "tcp")]),
        ("udp/53", [(53, 53, "udp")]),
        ("80-80/tcp", [(80, 80, "tcp")]),
        ("port 22", [(22, 22, None)]),
        ("22,443", [(22, 22, None), (443, 443, None)]),
        ("22 443 3389", [(22, 22, None), (443, 443, None), (3389, 3389, None)]),
        ("80,443/tcp", [(80, 80, "tcp"), (443, 443, "tcp")]),
        ("{22, 443}", [(22, 22, None), (443, 443, None)]),
        ("tcp/22 udp/53", [(22, 22, "tcp"), (53, 53, "udp")]),
        ("--dport 22", [(22, 22, None)]),
    ],
)
def test_firewall_and_shell_notation_is_ports_in_the_order_typed(
    text: str, items: list[tuple[int, int, str | None]]
) -> None:
    query = parse_query(text)
    assert query.only_ports and query.words == []
    written = [
        (item.low, item.high, None if item.protocols is None else "".join(item.protocols))
        for item in query.port_items
    ]
    assert written == items


def test_ports_beside_words_are_not_a_port_list() -> None:
    assert not parse_query("x11 6010").only_ports
    assert not parse_query("port mapper").only_ports
    assert parse_query("port mapper").words == ["port", "mapper"]
    assert not parse_query("70000").only_ports


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


def test_a_url_is_its_scheme_and_its_port() -> None:
    assert parse_query("http://example.org/x").words == ["http"]
    query = parse_query("https://user@example.org:8443/path")
    assert query.words == ["https"] and query.numbers == [8443]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("prot:tcp", "proto"),
        ("nam:ssh", "name"),
        ("svc:http", "service"),
        ("prto:udp", "proto"),
        ("stat:alias", "status"),
        ("ports:22", "port"),
        ("assignee:postel", "by"),
        ("rfc:6335", "ref"),
    ],
)
def test_an_unknown_qualifier_is_an_error_naming_the_one_meant(text: str, meant: str) -> None:
    with pytest.raises(QueryError, match=f"did you mean `{meant}:`"):
        parse_query(text)


def test_an_unknown_qualifier_resembling_none_lists_them_all() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("ssh foo:bar")
    assert "`foo:`" in str(caught.value)
    assert all(f"{key}:" in str(caught.value) for key in ("port", "proto", "name", "by", "ref"))


def test_service_is_a_synonym_of_name() -> None:
    assert parse_query("service:HTTPS").names == ["https"]
    assert parse_query("Service:https").names == parse_query("name:https").names


@pytest.mark.parametrize(
    ("text", "ports"),
    [
        ("localhost:8080", [8080]),
        ("[::1]:22", [22]),
        ("0.0.0.0:443", [443]),
        (":::22", [22]),
        ("*:22", [22]),
        (":8080", [8080]),
        ("tcp:22", [22]),
    ],
)
def test_an_address_with_a_port_is_that_port(text: str, ports: list[int]) -> None:
    query = parse_query(text)
    assert query.numbers == ports and query.words == [] and query.only_ports


def test_iptables_range_is_a_range() -> None:
    assert parse_query("10:30").port_ranges == [(10, 30)]


@pytest.mark.parametrize("text", ['"', "\u200b", "!!!", "\ufeff -- ...", " ' ", "\u2060"])
def test_punctuation_or_invisible_only_is_nothing_to_search_for(text: str) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        parse_query(text)


def test_blank_and_qualifiers_being_typed_are_still_everything() -> None:
    assert parse_query("").is_blank and parse_query("   ").is_blank
    assert parse_query("port:").is_blank and parse_query("ssh !!").words == ["ssh"]


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
        assert "\n" not in str(error)
        known = ("port:", "proto", "status:", "qualifier", "nothing to search for")
        assert any(key in str(error) for key in known)
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
        assert (":" in text or not any(c.isalnum() for c in text)) and str(error)
    else:
        assert all(name == name.lower() for name in query.names)
        assert all(0 <= low <= high <= 65535 for low, high in query.port_ranges)
        assert query.protocols is None or query.protocols <= {"tcp", "udp", "sctp", "dccp"}
