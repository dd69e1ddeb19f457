"""Where the port numbers are in text: ss, netstat, lsof, firewall logs and rules, nmap.

Works on bytes, so any input (any encoding, or none) is read as it is. `port_spans(text)` returns
each port found as (end offset, port, protocol or ""): the offset just after its last digit.
`text` is one line or many whole lines: no pattern reaches across a line break, so a block of
lines gives the spans of each of its lines (what lets `annotate` scan a whole read at once).
Numbers that are not ports are left out by shape: an IPv4 address's parts, times (10:30:45),
dates, MAC addresses and IPv6 groups (a number followed by ":" and more, or by "." and a digit,
or after a "host" that is no address or dotted name), PIDs and byte counts (no port-shaped
context around them).

Speed: a log line is ~150 bytes and must cost a few microseconds, so each shape is looked for
only when its literal is in the text (`b"PT=" in text` is a memchr), the patterns start with a
literal where they can (the regex engine scans for it fast), and the host before a port's colon
is checked afterwards, only for the few colons that pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_PORT = rb"(?:0|[1-9][0-9]{0,4})"
# After a port: no word character, no "(" (already annotated), no ".5" (an address or a decimal)
# and no ":x" (a time, a MAC address, an IPv6 group, a compiler's line:column).
_END = rb"(?![0-9A-Za-z_(]|\.[0-9]|:[0-9A-Za-z])"
_PROTOCOL = rb"(?:tcp|udp|sctp|dccp|TCP|UDP|SCTP|DCCP)"
_ZONE = rb"(?:%[A-Za-z0-9_.-]+)?"

# host:port, [v6]:port, *:port, and netstat's ":::port": the colon first, the host checked after.
_COLON_PORT_RE = re.compile(rb":(?<=[\]*0-9A-Za-z:]:)(" + _PORT + rb")" + _END)
_HOST_RE = re.compile(
    rb"\[[0-9A-Fa-f:.]+" + _ZONE + rb"\]|\*|::|(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|localhost|"
    rb"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*)" + _ZONE
)
_HOST_DELIMITERS = frozenset(b" \t\r\n\v\f>=(,\"'<@;|{}/")
"""Bytes that end a host name going backwards from its port's colon (a line break among them)."""
_LONGEST_HOST = 260
# iptables / nftables LOG lines: SPT=, DPT= (the literal first, what precedes it checked after).
_LOGGED_RE = re.compile(rb"PT=(?<=[DS]PT=)(?<![\w][DS]PT=)(" + _PORT + rb")" + _END)
# After a "/": nmap grepable "22/open/tcp//ssh///", "22/tcp", and "tcp/22" (what stands before
# the "/" is checked afterwards).
_SLASH_RE = re.compile(
    rb"/(?:(?:open|closed|filtered|unfiltered)(?:\|(?:open|closed|filtered))?/(?P<grepable>"
    + _PROTOCOL
    + rb")/|(?P<named>"
    + _PROTOCOL
    + rb")(?!\w)|(?P<port>"
    + _PORT
    + rb")"
    + _END
    + rb")"
)
# After "ort": dport 22, --sport 22, port 22, port=22, dport { 22, 80 }, --dports 22,80; never a
# range ("port" itself, and what stands before it, checked afterwards).
_LISTED_RE = re.compile(
    rb"ort(?<=[pP]ort)s?(?:[ \t]+|=)(?:\{[ \t]*)?("
    + _PORT
    + rb"(?:[ \t]*,[ \t]*"
    + _PORT
    + rb")*)"
    + _END
    + rb"(?!-[0-9]|:[0-9])"
)
_LISTED_PORT_RE = re.compile(rb"[0-9]+")
# A netstat row: "tcp6  0  0 ::1:631  :::*  LISTEN": the local address's last ":N" is its port.
_NETSTAT_ROW_RE = re.compile(
    rb"(?m)^(?:tcp|udp|sctp)6?[ \t]+[0-9]+[ \t]+[0-9]+[ \t]+[0-9A-Fa-f:.%a-z]*:("
    + _PORT
    + rb")[ \t]"
)
_PROTOCOL_NAMES = (b"tcp", b"udp", b"sctp", b"dccp")
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")

Span = tuple[int, int, str]
"""(offset just after the port's last digit, the port, the protocol the text gives or "")."""


def _host_before(line: bytes, colon: int) -> bool:
    """Whether the token ending at `colon` is an address, "*", "::" or a dotted host name."""
    start = colon
    limit = max(0, colon - _LONGEST_HOST)
    while start > limit and line[start - 1] not in _HOST_DELIMITERS:
        start -= 1
    return _HOST_RE.fullmatch(line, start, colon) is not None


def port_spans(line: bytes) -> list[Span]:
    """Every port recognised in `line` (or in a block of whole lines), in order; each offset
    at most once."""
    spans: list[Span] = []
    if b":" in line:
        for match in _COLON_PORT_RE.finditer(line):
            if _host_before(line, match.start()):
                spans.append((match.end(1), int(match.group(1)), ""))
    if b"PT=" in line:
        spans += [(m.end(1), int(m.group(1)), "") for m in _LOGGED_RE.finditer(line)]
    if b"/" in line:
        spans += _slashed(line)
    if b"ort" in line:
        for match in _LISTED_RE.finditer(line):
            if not _port_word_at(line, match.start() - 1):
                continue
            start = match.start(1)
            for number in _LISTED_PORT_RE.finditer(match.group(1)):
                spans.append((start + number.end(), int(number.group()), ""))
    if b"tcp" in line or b"udp" in line or b"sctp" in line:
        spans += [(row.end(1), int(row.group(1)), "") for row in _NETSTAT_ROW_RE.finditer(line)]
    if len(spans) > 1:
        spans = sorted({span[0]: span for span in spans}.values())
    return [span for span in spans if span[1] <= 65535]


def _slashed(line: bytes) -> list[Span]:
    """The ports written with their protocol across a "/": 22/tcp, tcp/22, nmap's grepable."""
    found = []
    for match in _SLASH_RE.finditer(line):
        slash = match.start()
        if match.group("port") is not None:
            protocol = _protocol_ending_at(line, slash)
            if protocol:
                found.append((match.end("port"), int(match.group("port")), protocol))
            continue
        grepable = match.group("grepable")
        protocol = (grepable or match.group("named")).lower().decode()
        digits = _digits_ending_at(line, slash, b"/" if grepable else b"/.:-")
        if digits is not None:
            found.append((slash, digits, protocol))
    return found


def _digits_ending_at(line: bytes, end: int, not_before: bytes) -> int | None:
    """The port written just before `end` (1-5 digits, no leading zero), if nothing word-like
    or in `not_before` comes before it."""
    start = end
    while start > 0 and end - start < 6 and 48 <= line[start - 1] <= 57:
        start -= 1
    if not 0 < end - start <= 5 or (line[start] == 48 and end - start > 1):
        return None
    if start > 0 and (line[start - 1] in _WORD_BYTES or line[start - 1] in not_before):
        return None
    return int(line[start:end])


def _protocol_ending_at(line: bytes, end: int) -> str:
    """The protocol name standing alone just before `end` ("tcp" in "tcp/22"), else ""."""
    for name in _PROTOCOL_NAMES:
        start = end - len(name)
        if start >= 0 and line[start:end].lower() == name:
            before = line[start - 1] if start > 0 else 32
            return name.decode() if before not in _WORD_BYTES and before != 47 else ""
    return ""


def _port_word_at(line: bytes, p_at: int) -> bool:
    """Whether "port" at `p_at` is a word of its own, or dport/sport: what `_LISTED_RE` needs."""
    before = p_at - 1
    if before >= 0 and line[before] in b"dDsS":
        before -= 1
    return before < 0 or line[before] not in _WORD_BYTES


_PROTOCOL_WORD_RE = re.compile(
    rb"p(?:(?<=tcp)|(?<=udp)|(?<=sctp)|(?<=dccp))6?(?![a-z0-9_])"  # the literal "p" first: fast
)


class ProtocolWords:
    """The protocol words of a text ("tcp", "UDP", "tcp6", "PROTO=TCP"), found once, so each
    port without its own protocol takes the one its line names."""

    def __init__(self, text: bytes) -> None:
        """Find the words of `text` (one line or many)."""
        self.text = text
        lowered = text.lower()
        self.starts: list[int] = []
        self.names: list[str] = []
        for match in _PROTOCOL_WORD_RE.finditer(lowered):
            end = match.start() + 1
            name = "tcp" if lowered[end - 3 : end] == b"tcp" else "udp"
            if lowered[end - 4 : end] in (b"sctp", b"dccp"):
                name = lowered[end - 4 : end].decode()
            start = end - len(name)
            if start > 0 and lowered[start - 1] in _WORD_BYTES:
                continue
            self.starts.append(start)
            self.names.append(name)

    def at(self, offset: int, default: str) -> str:
        """The protocol a port ending at `offset` is in: the nearest word before it on its line,
        else the first after it on its line, else `default`."""
        if not self.starts:
            return default
        line_start = self.text.rfind(b"\n", 0, offset) + 1
        index = bisect_left(self.starts, offset)
        if index > 0 and self.starts[index - 1] >= line_start:
            return self.names[index - 1]
        line_end = self.text.find(b"\n", offset)
        if index < len(self.starts) and (line_end < 0 or self.starts[index] < line_end):
            return self.names[index]
        return default
