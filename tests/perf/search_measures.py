"""What bench_search.py measures with: the query sets, ranks among distinct entries, and the
timing of each keystroke."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tui.registry.model import Record


def read_queries(path: Path) -> list[tuple[str, str, int]]:
    """The (query, expected "name/port", rank) rows of a queries TSV file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected, rank = line.split("\t")
            rows.append((query, expected, int(rank)))
    return rows


def distinct_rank(records: list[Record], ranked: list[int], expected: str) -> int | None:
    """Rank of "name/port" among the distinct service/port pairs of the ranked records."""
    seen: set[str] = set()
    for index in ranked:
        record = records[index]
        label = f"{record.service_name}/{record.port_number}"
        if label not in seen:
            seen.add(label)
            if label == expected:
                return len(seen)
    return None


def keystrokes(queries: list[tuple[str, str, int]]) -> list[str]:
    """Every prefix of every query, as typed one character at a time."""
    return [q[:i] for q, _, _ in queries for i in range(1, len(q) + 1)]


def time_each(function: Callable[[str], object], inputs: list[str], passes: int) -> list[float]:
    """Milliseconds of each call, every input once per pass."""
    samples = []
    for _ in range(passes):
        for text in inputs:
            started = time.perf_counter()
            function(text)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at `fraction` (0.95: p95) of the sorted samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
