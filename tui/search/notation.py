"""Ports as firewalls, shells and socket listings write them, read into port items.

One token of a query may name one or more ports:

- ``22``, ``6000-6063`` and iptables' ``1000:2000`` (a range);
- a list: ``22,443``, ``{22, 443}`` (nftables), ``80,443/tcp``;
- with its protocol on either side: ``22/tcp``, ``tcp/22``, ``80-80/tcp``;
- an address's port: ``:8080``, ``*:22``, ``0.0.0.0:443``, ``[::1]:22``, ``:::22``.

`port_items(token)` returns the items in the order written, or None when the token is not
made only of ports (``cl/1``, ``x11``, ``70000``): it is then read as words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tui.registry.model import PORT_MAX, PROTOCOLS

PORT_WORDS: frozenset[str] = frozenset(("port", "ports", "dport", "sport"))
"""Words that only say "the numbers are ports" ("port 22", iptables' ``--dport 22``)."""

QUESTION_WORDS: frozenset[str] = frozenset(
    (
        *PORT_WORDS,
        *("who", "what", "whats", "s", "which", "is", "are", "does", "the", "a", "an"),
        *("registered", "assigned", "owns", "uses", "used", "runs", "running", "listening"),
        *("on", "at", "for", "to", "by", "of", "free", "available", "taken", "open"),
    )
)
"""Words that only frame a question about ports ("who registered 3306", "is 49152 free",
"what runs on 8443"): beside ports and nothing else, they are the question, not its subject."""

_ITEM = r"[0-9]{1,9}(?:\s*[-:]\s*[0-9]{1,9})?"
_LIST_RE = re.compile(
    rf"""\{{?\s*(?P<list>{_ITEM}(?:\s*,\s*{_ITEM})*)\s*,?\s*\}}?   # 22 / 22,443 / {{22, 443}}
    """,
    re.VERBOSE,
)
_ITEM_RE = re.compile(r"([0-9]{1,9})(?:\s*[-:]\s*([0-9]{1,9}))?")
_ADDRESS_PORT_RE = re.compile(
    r"""(?:\[[0-9A-Za-z:.%]*\]        # [::1] or [fe80::1%eth0]
       | [0-9.]* | \* | :*              # 0.0.0.0, *, :: (netstat's ":::22"), nothing
       ):(?P<port>[0-9]{1,9})""",
    re.VERBOSE,
)


class PortItem(NamedTuple):
    """Ports a query names, in the order typed: bounds, and the protocols written beside them."""

    low: int
    high: int
    protocols: frozenset[str] | None = None
    range: bool = False
    """True when written as a range (N-M): it overlaps; a single port is one port."""


def port_items(token: str) -> list[PortItem] | None:
    """The ports one token names, in order; None when it is not only ports (see the module).

    A number beyond 65535 is no port: the token is then not a port token at all.
    """
    text = token.strip().rstrip("?!")  # "443?": a question mark ends the question, not the port
    protocols: frozenset[str] | None = None
    head, colon, tail = text.partition(":")
    if colon and head.lower() in PROTOCOLS:
        text, protocols = tail, frozenset((head.lower(),))  # "tcp:22"
    head, slash, tail = text.partition("/")
    if slash and protocols is None:
        if tail.lower() in PROTOCOLS:
            text, protocols = head, frozenset((tail.lower(),))
        elif head.lower() in PROTOCOLS:
            text, protocols = tail, frozenset((head.lower(),))
        else:
            return None
    elif slash:
        return None
    address = _ADDRESS_PORT_RE.fullmatch(text)
    if address and not _LIST_RE.fullmatch(text):
        port = int(address.group("port"))
        return [PortItem(port, port, protocols)] if port <= PORT_MAX else None
    listed = _LIST_RE.fullmatch(text)
    if not listed:
        return None
    items = []
    for item in _ITEM_RE.finditer(listed.group("list")):
        low = int(item.group(1))
        high = low if item.group(2) is None else int(item.group(2))
        if high < low:
            high = low  # "6000-6" is a range still being typed: its start.
        if high > PORT_MAX:
            return None
        items.append(PortItem(low, high, protocols, item.group(2) is not None))
    return items or None
