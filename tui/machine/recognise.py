"""Where the port numbers are in a line of text: ss, netstat, lsof, firewall logs and rules, nmap.

Works on bytes, so any input (any encoding, or none) is read as it is. `port_spans(line)` returns
each port found as (end offset, port, protocol or ""): the offset just after its last digit.
Numbers that are not ports are left out by shape: an IPv4 address's parts, times (10:30:45),
dates, MAC addresses and IPv6 groups (a number followed by ":" and more, or by "." and a digit),
PIDs and byte counts (no port-shaped context around them).
"""

from __future__ import annotations

import re

_PORT = rb"(?:0|[1-9][0-9]{0,4})"
# After a port: no word character, no "(" (already annotated), no ".5" (an address or a decimal)
# and no ":x" (a time, a MAC address, an IPv6 group, a compiler's line:column).
_END = rb"(?![0-9A-Za-z_(]|\.[0-9]|:[0-9A-Za-z])"
_PROTOCOL = rb"(?:tcp|udp|sctp|dccp|TCP|UDP|SCTP|DCCP)"
_IPV4 = rb"[0-9]{1,3}(?:\.[0-9]{1,3}){3}"
_HOSTNAME = rb"(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*)"
_ZONE = rb"(?:%[A-Za-z0-9_.-]+)?"
_NMAP_STATE = rb"(?:open|closed|filtered|unfiltered)(?:\|(?:open|closed|filtered))?"

_ALTERNATIVES = (
    # host:port, [v6]:port, *:port (ss, netstat, lsof, logs)
    rb"(?:\[[0-9A-Fa-f:.]+%s\]|(?<![\w*])\*|(?<![\w:.-])(?:%s|%s)%s):(?P<endpoint>%s)%s"
    % (_ZONE, _IPV4, _HOSTNAME, _ZONE, _PORT, _END),
    # netstat's IPv6 wildcard without brackets: ":::22"
    rb"(?<![\w:]):::(?P<wildcard>%s)%s" % (_PORT, _END),
    # iptables / nftables LOG lines
    rb"(?<![\w])[DS]PT=(?P<logged>%s)%s" % (_PORT, _END),
    # nmap grepable: "22/open/tcp//ssh///"
    rb"(?<![\w/])(?P<grepable>%s)/%s/(?P<grepable_protocol>%s)/" % (_PORT, _NMAP_STATE, _PROTOCOL),
    # 22/tcp (nmap normal output, services files, prose)
    rb"(?<![\w/.:-])(?P<slashed>%s)/(?P<slashed_protocol>%s)(?![\w])" % (_PORT, _PROTOCOL),
    # tcp/22 (firewalls)
    rb"(?<![\w/])(?P<protocol_first>%s)/(?P<after_protocol>%s)%s" % (_PROTOCOL, _PORT, _END),
    # dport 22, --sport 22, port 22, port=22, dport { 22, 80 }, --dports 22,80; not a range
    rb"(?<![\w])(?:[dDsS][pP]ort|[pP]ort)s?(?:\s+|=)(?:\{\s*)?(?P<listed>%s(?:\s*,\s*%s)*)%s"
    rb"(?!-[0-9]|:[0-9])" % (_PORT, _PORT, _END),
)
_PORTS_RE = re.compile(b"|".join(_ALTERNATIVES))
_LISTED_PORT_RE = re.compile(rb"[0-9]+")
_PROTOCOL_WORD_RE = re.compile(rb"(?<![A-Za-z0-9])(" + _PROTOCOL + rb")6?(?![A-Za-z0-9])")
# A netstat row: "tcp6  0  0 ::1:631  :::*  LISTEN": the local address's last ":N" is its port.
_NETSTAT_ROW_RE = re.compile(
    rb"(?:tcp|udp|sctp)6?[ \t]+[0-9]+[ \t]+[0-9]+[ \t]+[0-9A-Fa-f:.%a-z]*:(" + _PORT + rb")[ \t]"
)

Span = tuple[int, int, str]
"""(offset just after the port's last digit, the port, the protocol the text gives or "")."""


def port_spans(line: bytes) -> list[Span]:
    """Every port recognised in `line`, in order; each offset at most once."""
    spans: list[Span] = []
    for match in _PORTS_RE.finditer(line):
        group = match.lastgroup
        if group == "listed":
            start = match.start("listed")
            for number in _LISTED_PORT_RE.finditer(match.group("listed")):
                spans.append((start + number.end(), int(number.group()), ""))
        elif group == "grepable_protocol":
            protocol = match.group("grepable_protocol").lower().decode()
            spans.append((match.end("grepable"), int(match.group("grepable")), protocol))
        elif group == "slashed_protocol":
            protocol = match.group("slashed_protocol").lower().decode()
            spans.append((match.end("slashed"), int(match.group("slashed")), protocol))
        elif group == "after_protocol":
            protocol = match.group("protocol_first").lower().decode()
            spans.append((match.end(group), int(match.group(group)), protocol))
        elif group is not None:
            spans.append((match.end(group), int(match.group(group)), ""))
    row = _NETSTAT_ROW_RE.match(line)
    if row is not None and all(span[0] != row.end(1) for span in spans):
        spans.append((row.end(1), int(row.group(1)), ""))
        spans.sort()
    return [span for span in spans if span[1] <= 65535]


def line_protocols(line: bytes) -> list[tuple[int, str]]:
    """The protocol words in a line ("tcp", "UDP", "tcp6", "PROTO=TCP") with their offsets."""
    return [
        (match.start(), match.group(1).lower().decode())
        for match in _PROTOCOL_WORD_RE.finditer(line)
    ]


def protocol_at(offset: int, words: list[tuple[int, str]], default: str) -> str:
    """The protocol a port at `offset` is in: the nearest word before it, else the first after,
    else `default`."""
    before = [protocol for start, protocol in words if start < offset]
    if before:
        return before[-1]
    return words[0][1] if words else default
