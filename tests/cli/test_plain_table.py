"""Tables into a pipe are written without Rich's layout (tui.cli.plain_table), and say exactly
what Rich says there: the same characters, widths, padding, header rule and multi-line cells."""

from __future__ import annotations

import pytest
from rich.table import Table
from table_support import plain_text, rich_text

from tui.cli.plain_table import plain_lines
from tui.cli.render import contacts_table, records_table
from tui.registry.model import Contact, Record, Registry
from tui.registry.sources import load_registry, sample_path


def odd_registry() -> Registry:
    records = [
        Record("東京-svc", "6000-6063", "tcp", "Wide 東京 and combining e\u0301 ⏎ cells", "[A]"),
        Record("", "0", "udp", "", ""),
        Record("zw\u200bsp", "65535", "", "zero\u200bwidth", "[B]"),
        Record("ctl", "7", "tcp", "a\ttab and a\nbreak"),
    ]
    contacts = {
        "A": Contact("A", "Ann Ödegård", "Org", "mailto:a&x.org"),
        "B": Contact("B", "", "", ""),
    }
    return Registry(records=records, contacts=contacts, source="odd.csv", format="csv")


@pytest.mark.parametrize("header", [True, False])
def test_records_tables_match_rich(header: bool) -> None:
    for registry in (load_registry(sample_path()), odd_registry()):
        table = records_table(list(registry.records), registry, header=header)
        assert plain_text(table) == rich_text(table)
        empty = records_table([], registry, header=header)
        assert plain_text(empty) == rich_text(empty)


@pytest.mark.parametrize("header", [True, False])
def test_contacts_tables_match_rich_with_several_addresses(header: bool) -> None:
    registry = load_registry()  # the bundled snapshot: people with two addresses
    several = [c for c in registry.contacts.values() if len(c.addresses) > 1]
    assert several
    contacts = several + list(registry.contacts.values())[:300]
    contacts += list(odd_registry().contacts.values())
    table = contacts_table(contacts, header=header)
    assert plain_text(table) == rich_text(table)


def test_a_table_of_another_shape_is_left_to_rich() -> None:
    table = Table(title="a title")
    table.add_column("x")
    table.add_row("1")
    assert plain_lines(table) is None
