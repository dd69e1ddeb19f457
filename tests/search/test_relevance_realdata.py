"""Top-1 on the shared relevance sets, on the full registry (../shared): the typo and
description set, and the set of queries as people ask them (notation, common names, the
popular entry first). Both must reach 0.95."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED_DATA

from tui.registry.common_names import parse_table
from tui.registry.sources import load_registry
from tui.search import SearchIndex
from tui.search.popular import Signals, common_services

pytestmark = pytest.mark.realdata

SETS = {
    "dev": SHARED_DATA.parent / "queries-dev.tsv",
    "people": SHARED_DATA.parent / "queries-people-dev.tsv",
}


def read_set(path: Path) -> list[tuple[str, str]]:
    """(query, expected "name/port") rows of a relevance set; skip where it is absent."""
    if not path.exists():
        pytest.skip(f"relevance set not available: {path}")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected, _rank = line.split("\t")
            rows.append((query, expected))
    return rows


def top1(index: SearchIndex, rows: list[tuple[str, str]]) -> tuple[float, list[str]]:
    """The share of rows whose expected entry comes first, and the misses."""
    misses = []
    for query, expected in rows:
        hits = index.search(query, limit=1)
        first = f"{hits[0].record.service_name}/{hits[0].record.port_number}" if hits else "-"
        if first != expected:
            misses.append(f"{query!r}: {first}, wanted {expected}")
    return 1 - len(misses) / len(rows), misses


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize("name", sorted(SETS))
def test_top1_on_the_shipped_tables(registry, name: str) -> None:
    score, misses = top1(SearchIndex(registry), read_set(SETS[name]))
    assert score >= 0.95, misses


@pytest.mark.parametrize("name", sorted(SETS))
def test_top1_with_a_table_of_common_names(registry, name: str) -> None:
    """The mechanism, apart from which rows the project's table holds: the fixture's rows
    (the names the issue lists) with the shipped services file."""
    table = parse_table((FIXTURES / "common-names-people.csv").read_text(encoding="utf-8"))
    index = SearchIndex(registry, Signals(common_services(), table))
    score, misses = top1(index, read_set(SETS[name]))
    assert score >= 0.95, misses
