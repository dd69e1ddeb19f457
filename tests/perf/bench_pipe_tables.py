"""Benchmark: the command line's tables into a pipe, drawn directly against Rich's layout.

Run it as a script (pytest does not collect tests/perf):

    python tests/perf/bench_pipe_tables.py [--runs N]

On the bundled snapshot, for `contacts` (every contact) and `search proto:tcp --limit all`
(every tcp record), the time to make the text of the table: `tui.cli.plain_table.plain_lines`
against Rich printing the same table on the command line's pipe console (the baseline, measured
in the same run), best of N. Both texts are checked equal. Target: at least 10x faster.
Exit code 1 when missed or when the texts differ.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.table import Table  # noqa: E402
from table_support import plain_text as direct  # noqa: E402
from table_support import rich_text as with_rich  # noqa: E402

from tui.cli.render import contacts_table, records_table  # noqa: E402
from tui.registry.sources import load_registry  # noqa: E402
from tui.search import SearchIndex  # noqa: E402

TARGET_RATIO = 10.0


def best(make: Callable[[], Table], draw: Callable[[Table], str], runs: int) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(runs):
        table = make()
        start = time.perf_counter()
        text = draw(table)
        times.append(time.perf_counter() - start)
    return min(times), text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    registry = load_registry()
    tcp = [hit.record for hit in SearchIndex(registry).search("proto:tcp", limit=None)]
    cases: dict[str, Callable[[], Table]] = {
        f"contacts ({len(registry.contacts):,} rows)": lambda: contacts_table(
            list(registry.contacts.values())
        ),
        f"search proto:tcp --limit all ({len(tcp):,} rows)": lambda: records_table(tcp, registry),
    }
    print(f"{'table':<44} {'Rich (baseline)':>16} {'direct':>10} {'ratio':>8}")
    ok = True
    for name, make in cases.items():
        rich_time, rich_text = best(make, with_rich, runs)
        direct_time, direct_text = best(make, direct, runs)
        ratio = rich_time / direct_time
        same = rich_text == direct_text
        ok = ok and same and ratio >= TARGET_RATIO
        print(
            f"{name:<44} {rich_time * 1000:>13.0f} ms {direct_time * 1000:>7.1f} ms "
            f"{ratio:>7.0f}x{'' if same else '  TEXT DIFFERS'}"
        )
    print(f"target: >= {TARGET_RATIO:.0f}x, same text: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
