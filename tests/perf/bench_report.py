"""What the benchmarks print: plain text tables, and targets checked as they are printed.

`check` remembers each missed target in MISSED, so a benchmark's exit code can say whether
every target was met.
"""

from __future__ import annotations

MISSED: list[str] = []
"""The labels of the targets `check` found missed, in order."""


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    """Print a plain text table."""
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def check(label: str, ok: bool) -> str:
    """'ok' or 'MISSED' (and remember the miss for the exit code)."""
    if not ok:
        MISSED.append(label)
    return "ok" if ok else "MISSED"
