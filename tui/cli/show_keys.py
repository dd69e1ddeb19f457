"""What `show KEY` names, read the way `search` reads a query; and the common names a search
matched, named on stderr (a table shows only IANA's fields).

A key is first what the registry itself can look up (`ssh`, `22`, `22/tcp`, `6000-6063`); then
ports as firewalls and shells write them (`tcp/22`, `udp/53`, `:8080`, `22,443`), the notation
`search` accepts; then a name from the project's common-names table (`kafka`, `mariadb`), which
shows IANA's entries on that port with a note that the name is not IANA's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.registry.common_names import CommonName, common_names, common_names_for
from tui.registry.model import Record, Registry
from tui.search.notation import port_items

NOTE_ROWS = 6
"""At most this many common names are named in a search's note (it stays one line)."""


@dataclass
class ShownKey:
    """The records a key names, and the common-names rows that led to them (if any)."""

    records: list[Record] = field(default_factory=list)
    common: list[CommonName] = field(default_factory=list)
    names_ports: bool = False
    """True when the key is written only as ports (a free port is then explained)."""


def _add(found: list[Record], records: list[Record]) -> None:
    seen = {id(record) for record in found}
    found.extend(record for record in records if id(record) not in seen)


def _on_ports(registry: Registry, key: str) -> list[Record] | None:
    items = port_items(key)
    if items is None:
        return None
    found: list[Record] = []
    for item in items:
        written = f"{item.low}-{item.high}" if item.range else str(item.low)
        _add(
            found,
            [
                record
                for record in registry.lookup(written)
                if item.protocols is None or record.transport_protocol.lower() in item.protocols
            ],
        )
    return found


def _by_common_name(registry: Registry, key: str) -> ShownKey:
    wanted = " ".join(key.lower().split())
    rows = [row for row in common_names() if row.name == wanted]
    found: list[Record] = []
    for row in rows:
        _add(found, [r for r in registry.lookup(str(row.port)) if row.applies_to(r)])
    return ShownKey(found, rows)


def shown_key(registry: Registry, key: str) -> ShownKey:
    """The records `show KEY` shows, in the order the key names them (see the module)."""
    on_ports = _on_ports(registry, key)
    records = registry.lookup(key)
    if records:
        return ShownKey(records, names_ports=on_ports is not None)
    if on_ports is not None:
        return ShownKey(on_ports, names_ports=True)
    return _by_common_name(registry, key)


def common_name_note(key: str, rows: list[CommonName]) -> str:
    """One line saying that `key` is the project's common name, not IANA's, and for what."""
    uses = [_use(row) for row in rows]
    return (
        f"{key.strip()!r} is not a name IANA registered; the project's common-names table "
        f"gives {', '.join(uses)}"
    )


def _use(row: CommonName) -> str:
    where = f"{row.port}/{row.protocol}" if row.protocol else str(row.port)
    what = f"another name for {row.service}" if row.kind == "alias" else "unofficial use"
    return f"{where} ({what})"


def matched_common_names(records: list[Record], query: str) -> list[CommonName]:
    """The common names beside `records` that hold every word of `query`: why a search for
    `kafka` lists XmlIpcRegSvc, which IANA's fields never mention."""
    from tui.search.query import parse_query, words_of

    try:
        wanted = set(parse_query(query).required_words)
    except ValueError:
        return []
    found: list[CommonName] = []
    for record in records:
        for row in common_names_for(record):
            if wanted and wanted <= set(words_of(row.name)) and row not in found:
                found.append(row)
    return found


def search_note(rows: list[CommonName]) -> str:
    """One line naming the common names a search matched, and that they are not IANA's."""
    uses = "; ".join(f"{row.name}: {_use(row)}" for row in rows[:NOTE_ROWS])
    if len(rows) > NOTE_ROWS:
        uses += f"; and {len(rows) - NOTE_ROWS} more (--format json lists them)"
    return f"not IANA's names, from the project's common-names table: {uses}"
