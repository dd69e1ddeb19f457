"""annotate's recogniser: real-shaped tool output, numbers that are not ports, options, safety."""

from __future__ import annotations

import io
import re

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from machine_support import ESCAPE, annotator, hostile_machine_registry

from tui.machine.recognise import port_spans

TOOLS = sorted(path.stem for path in (FIXTURES / "annotate").glob("*.txt"))
LABEL_RE = re.compile(rb"\([^()\s]+\)")


def test_every_tool_has_a_fixture() -> None:
    assert TOOLS == [
        "iptables-log",
        "lsof-i-P",
        "netstat-tlnp",
        "nftables-rules",
        "nmap-grepable",
        "nmap-normal",
        "ss-tlnpu",
    ]


@pytest.mark.parametrize("tool", TOOLS)
def test_tool_output_is_annotated_as_written_out(tool: str) -> None:
    source = (FIXTURES / "annotate" / f"{tool}.txt").read_bytes()
    expected = (FIXTURES / "annotate" / f"{tool}.expected").read_bytes()
    lines = source.splitlines(keepends=True)
    assert b"".join(annotator().annotate_line(line) for line in lines) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            b"tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n",
            b"tcp LISTEN 0 128 0.0.0.0:22(ssh) 0.0.0.0:*\n",
        ),
        (b"listening on [::]:5432\n", b"listening on [::]:5432(postgresql)\n"),
        (b"udp *:5353\n", b"udp *:5353(mdns)\n"),
        (b"PROTO=UDP SPT=53 DPT=123", b"PROTO=UDP SPT=53(domain) DPT=123(ntp)"),
        (b"-A INPUT -p tcp --dport 443 -j ACCEPT", b"-A INPUT -p tcp --dport 443(https) -j ACCEPT"),
        (b"-p tcp -m multiport --dports 22,80", b"-p tcp -m multiport --dports 22(ssh),80(http)"),
        (b"Server listening on 0.0.0.0 port 22.", b"Server listening on 0.0.0.0 port 22(ssh)."),
        (b"allow tcp/8080 and 53/udp", b"allow tcp/8080(http-alt) and 53(domain)/udp"),
        (b"connect to example.com:443 failed", b"connect to example.com:443(https) failed"),
    ],
)
def test_port_shapes(line: bytes, expected: bytes) -> None:
    assert annotator().annotate_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        b"from 192.168.22.80 to 10.0.0.53",  # IPv4 parts
        b"Dec  1 10:30:45 host sshd[1045]: started",  # a time, a PID
        b"2026-12-01T22:53:05+00:00 ok",  # a date, a time, a zone
        b"MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00",  # MAC addresses
        b"inet6 2001:db8::1:22/64 fe80::80:443 scope link",  # IPv6 groups
        b"counter packets 22 bytes 443",  # packet and byte counts
        b"pid=1045 fd=22 uid=80",  # key=value numbers that are not ports
        b"RX bytes:5432 (5.4 KB) took 0.443 s",  # counts and decimals
        b"main.c:22:5: error",  # a compiler's file:line:column
        b"1045/sshd: /usr/sbin/sshd",  # netstat's PID/program
        b"tcp dport 8000-8080 drop",  # a range, not one port
        b"already 0.0.0.0:22(ssh) here",  # already annotated
    ],
)
def test_numbers_that_are_not_ports_stay(line: bytes) -> None:
    assert annotator().annotate_line(line) == line


def test_protocol_comes_from_the_line_else_the_option() -> None:
    # ntp is registered for udp only in the test registry.
    assert annotator().annotate_line(b"udp dport 123") == b"udp dport 123(ntp)"
    assert annotator().annotate_line(b"port 123") == b"port 123(ntp/udp)"
    assert annotator(protocol="udp").annotate_line(b"port 123") == b"port 123(ntp)"
    assert annotator().annotate_line(b"tcp dport 123") == b"tcp dport 123(ntp/udp)"


def test_dynamic_range_left_alone_unless_asked() -> None:
    line = b"0.0.0.0:60000 0.0.0.0:51544"
    assert annotator(protocol="udp").annotate_line(line) == line
    assert (
        annotator(protocol="udp", dynamic=True).annotate_line(line)
        == b"0.0.0.0:60000(dyn-named) 0.0.0.0:51544(dynamic)"
    )


def test_only_known_leaves_unassigned_and_reserved_ports_alone() -> None:
    line = b"tcp *:3000 *:1023 *:22 udp *:8080 *:123"
    assert (
        annotator().annotate_line(line)
        == b"tcp *:3000(unassigned) *:1023(reserved) *:22(ssh) udp *:8080(http-alt) *:123(ntp)"
    )
    assert (
        annotator(only_known=True).annotate_line(line)
        == b"tcp *:3000 *:1023 *:22(ssh) udp *:8080(http-alt) *:123(ntp)"
    )


def test_non_utf8_bytes_pass_through() -> None:
    line = b"\xff\xfe caf\xe9 0.0.0.0:22 \x00\x1b[31m\r\n"
    assert annotator().annotate_line(line) == b"\xff\xfe caf\xe9 0.0.0.0:22(ssh) \x00\x1b[31m\r\n"


def test_hostile_registry_names_come_out_literal() -> None:
    hostile = annotator(hostile_machine_registry())
    out = hostile.annotate_line(b"*:666 *:667 *:22\n")
    assert b"\x1b" not in out and b"\x07" not in out
    assert out.count(b"(") == 3 and all(LABEL_RE.fullmatch(m) for m in LABEL_RE.findall(out))
    text = out.decode()
    assert "evil␛]0;pwned␇␛[31mname" in text
    assert "[red]markup[/red]" in text  # markup is text: nothing reads it as style
    assert ESCAPE not in text


# ---- the property: nothing outside the inserted labels changes -----------------------------

_PIECES = st.sampled_from(
    [
        b"0.0.0.0:",
        b"[::]:",
        b"[::1]:",
        b"*:",
        b":::",
        b"::1:",
        b"DPT=",
        b"SPT=",
        b"dport ",
        b"sport ",
        b"port ",
        b"--dports ",
        b"{ ",
        b", ",
        b"/tcp",
        b"/udp",
        b"tcp/",
        b"/open/tcp//",
        b"tcp ",
        b"udp6 ",
        b"PROTO=UDP ",
        b"example.com:",
        b"localhost:",
        b"(",
        b")",
        b".",
        b":",
        b"-",
        b" ",
        b"\t",
        b"\r\n",
    ]
)
_NUMBERS = st.integers(min_value=0, max_value=99999).map(lambda n: str(n).encode())
_LINES = st.lists(st.one_of(_PIECES, _NUMBERS, st.binary(max_size=4)), max_size=24).map(b"".join)


def _without_labels(output: bytes, line: bytes) -> bytes:
    """`output` with each label it added taken out; fails if anything else differs."""
    kept = bytearray()
    i = 0
    at = 0
    while at < len(output):
        if i < len(line) and output[at] == line[i]:
            kept.append(output[at])
            i += 1
            at += 1
            continue
        label = LABEL_RE.match(output, at)
        assert label is not None, (line, output, at)
        assert kept[-1:].isdigit(), "a label follows a port's last digit"
        at = label.end()
    return bytes(kept)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_annotate_changes_nothing_but_what_it_inserts(line: bytes) -> None:
    out = annotator(dynamic=True).annotate_line(line)
    assert _without_labels(out, line) == line
    # With the dynamic range on, every port recognised gets exactly one label.
    assert len(LABEL_RE.findall(out)) - len(LABEL_RE.findall(line)) == len(port_spans(line))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_come_back_with_only_labels_added(line: bytes) -> None:
    out = annotator(dynamic=True).annotate_line(line)
    assert _without_labels(out, line) == line


def test_annotating_twice_changes_nothing_more() -> None:
    source = (FIXTURES / "annotate" / "ss-tlnpu.txt").read_bytes()
    once = b"".join(annotator().annotate_line(line) for line in source.splitlines(True))
    twice = b"".join(annotator().annotate_line(line) for line in once.splitlines(True))
    assert twice == once


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=8))
def test_a_block_of_lines_is_annotated_as_each_line_alone(pieces: list[bytes]) -> None:
    lines = [piece.replace(b"\n", b" ") + b"\n" for piece in pieces]
    each = annotator()
    assert each.annotate_line(b"".join(lines)) == b"".join(each.annotate_line(x) for x in lines)


class _Trickle:
    """A stream whose reads return a few bytes at a time, cutting lines and ports anywhere."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.at = data, size, 0

    def read1(self, size: int = -1, /) -> bytes:
        piece = self.data[self.at : self.at + min(self.size, size)]
        self.at += len(piece)
        return piece


@pytest.mark.parametrize("size", [1, 7, 64, 1 << 16])
def test_a_stream_cut_anywhere_comes_out_as_whole_lines_do(size: int) -> None:
    source = b"".join((FIXTURES / "annotate" / f"{tool}.txt").read_bytes() for tool in TOOLS)
    source += b"last line without a break *:22"
    out = io.BytesIO()
    read = annotator().annotate_stream(_Trickle(source, size), out)
    lines = source.splitlines(keepends=True)
    assert read == len(source)
    assert out.getvalue() == b"".join(annotator().annotate_line(line) for line in lines)
