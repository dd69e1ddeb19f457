"""What engineers commonly use and call things: the signals ranking uses beyond IANA's text.

Two tables the project ships in `tui/data/`, read once:

- ``common-services.txt``: the services a standard ``/etc/services`` lists (Debian's netbase,
  which adds a port only when IANA assigned it and it is used in the real world), with that
  file's aliases. A registered service listed there is *commonly deployed*: among equally
  good matches it comes first ("pop" finds pop3 before pop2). Its aliases are names people
  use ("mail" for smtp, "webcache" for http-alt).
- ``common-names.csv`` (`tui.registry.common_names`): names engineers use that IANA's records
  do not contain, and unofficial uses of ports. An alias row marks its service as commonly
  deployed too.

Both are part of the search index's cache stamp (`tui.registry.cache.STAMPED_MODULES`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from tui.registry.common_names import CommonName, common_names

SERVICES_TABLE = "common-services.txt"


class ServiceLine(NamedTuple):
    """One line of a services file: name, port, protocol, aliases (all lower case)."""

    name: str
    port: int
    protocol: str
    aliases: tuple[str, ...]


def parse_services(text: str) -> tuple[ServiceLine, ...]:
    """The lines of an ``/etc/services``-style text; comments and malformed lines are skipped."""
    lines = []
    for raw in text.splitlines():
        fields = raw.split("#", 1)[0].split()
        if len(fields) < 2:
            continue
        port, _, protocol = fields[1].partition("/")
        if not port.isdigit() or not protocol:
            continue
        aliases = tuple(alias.lower() for alias in fields[2:])
        lines.append(ServiceLine(fields[0].lower(), int(port), protocol.lower(), aliases))
    return tuple(lines)


@lru_cache(maxsize=1)
def common_services() -> tuple[ServiceLine, ...]:
    """The services file shipped in the package."""
    from importlib import resources

    text = (resources.files("tui") / "data" / SERVICES_TABLE).read_text(encoding="utf-8")
    return parse_services(text)


def popular_keys(
    services: tuple[ServiceLine, ...], names: tuple[CommonName, ...]
) -> dict[tuple[str, int], int]:
    """(service name, port) of every commonly deployed service, with how many of the two
    sources say so: a services line (under its name or an alias: netbase says imap2 where
    IANA says imap), and a common-names alias row (people have another name for it)."""
    listed = {(line.name, line.port) for line in services}
    listed.update((alias, line.port) for line in services for alias in line.aliases)
    named = {(row.service.lower(), row.port) for row in names if row.kind == "alias"}
    return {key: (key in listed) + (key in named) for key in listed | named}


class Signals(NamedTuple):
    """What an index build reads beside the registry."""

    services: tuple[ServiceLine, ...]
    names: tuple[CommonName, ...]

    @property
    def popular(self) -> dict[tuple[str, int], int]:
        """See `popular_keys`."""
        return popular_keys(self.services, self.names)


def shipped_signals() -> Signals:
    """The tables shipped in the package."""
    return Signals(common_services(), common_names())
