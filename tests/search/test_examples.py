"""Every query the README and the help screen show as an example answers on the bundled
default registry: an example that finds nothing teaches the wrong thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.registry.sources import load_registry
from tui.screens.help import COMBINED_EXAMPLE, QUERY_LANGUAGE
from tui.search import SearchIndex

README = Path(__file__).parents[2] / "README.md"


def readme_examples() -> list[str]:
    """The backticked queries of the README's query-language table and the line after it."""
    text = README.read_text(encoding="utf-8")
    start = text.index("**The query language**")
    section = text[start : text.index("\n\n", text.index("Qualifiers combine", start))]
    examples = []
    for line in section.splitlines():
        if line.startswith("| `"):
            examples += re.findall(r"`([^`]+)`", line.split(" | ")[0])
        elif line.startswith("Qualifiers combine"):
            examples += re.findall(r"`([^`]+)`", line)[:1]
    return examples


def help_examples() -> list[str]:
    """The help screen's examples: its left column (two spaces part examples), its last line."""
    found = [part for left, _ in QUERY_LANGUAGE for part in re.split(r"\s{2,}", left)]
    return [*found, COMBINED_EXAMPLE]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_registry())


def test_the_examples_are_read() -> None:
    assert "proto:tcp by:ietf 5000-5999" in readme_examples()
    assert {"tcp/22", "22/tcp", "by:postel"} <= set(readme_examples()) & set(help_examples())


@pytest.mark.parametrize("query", sorted(set(readme_examples()) | set(help_examples())))
def test_every_example_answers(index: SearchIndex, query: str) -> None:
    assert index.search(query, limit=1), query
