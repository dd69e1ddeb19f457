"""Bad input the command line refuses before searching: ports outside 0-65535, malformed ranges.

`search 70000` and `show 70000` are not "nothing found" (exit 1) but bad input (exit 2): no
port can be 70000. A range written backwards (`6063-6000`) or beyond 65535 is malformed.
"""

from __future__ import annotations

import re

from tui.registry.model import PORT_MAX, PROTOCOLS

_PROTOCOL = "|".join(PROTOCOLS)
_PORT_TOKEN_RE = re.compile(
    rf"(?:(?:{_PROTOCOL})/)?:?(?P<low>[0-9]+)(?:-(?P<high>[0-9]+))?(?:/(?:{_PROTOCOL}))?",
    re.IGNORECASE,
)


class PortInputError(ValueError):
    """A port or range that cannot be: the message says which and why."""


def check_port_token(token: str) -> None:
    """Refuse a token written as a port or range (`70000`, `70000/tcp`, `5-3`, `port:1-99999`)
    that names no valid port.

    Raises:
        PortInputError: a port above 65535, or a range whose end is before its start.
    """
    value = token[len("port:") :] if token.lower().startswith("port:") else token
    for part in value.split(","):
        match = _PORT_TOKEN_RE.fullmatch(part.strip())
        if match is None:
            continue
        low, high = int(match["low"]), int(match["high"] or match["low"])
        for number in (low, high):
            if number > PORT_MAX:
                raise PortInputError(f"{number} is not a port number: ports are 0-{PORT_MAX}")
        if high < low:
            raise PortInputError(f"{part.strip()!r} is not a range: its end is before its start")


def check_query_ports(query: str) -> None:
    """`check_port_token` on each word of a query (quoted phrases are text, not ports).

    Raises:
        PortInputError: see `check_port_token`.
    """
    if '"' in query:
        query = re.sub(r'"[^"]*"', " ", query)
    for token in query.split():
        check_port_token(token)
