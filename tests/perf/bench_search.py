"""Search relevance and speed, against baselines measured in the same run on the same records.

Run it as a script (pytest does not collect tests/perf):

    python tests/perf/bench_search.py [--runs N] [--data DIR] [--skip-cli] [--skip-synthetic]
                                      [--cli-only]

Prints five tables:
1. relevance on ../shared/queries-dev.tsv and ../shared/queries-people-dev.tsv (queries as
   people ask them: notation, common names, the popular entry): top-1, top-5 and MRR (ranks
   counted over distinct service/port pairs) for the project and three baselines (see
   search_baselines.py);
2. per keystroke: every query of both sets typed character by character over the full registry,
   limit=50: p50/p95, against the median of a naive rapidfuzz WRatio scan of the same
   keystrokes (targets: p95 <= 10 ms, and the naive median >= 8x the project's p95);
3. the same keystrokes over a synthetic registry 10x the real one (target p95 <= 60 ms);
4. index build time (target <= 300 ms) and the peak RSS of a process that loads and
   indexes the registry (target <= 100 MB);
5. `iana-ports search ssh` as a whole process against `whatportis ssh` on the same CSV
   (whatportis's TinyDB filled from that CSV, no network; target <= 0.5x), every program run
   from compiled bytecode as an installed one is (a private pycache, filled by a warm-up run),
   beside floors measured in the same run: the bare interpreter, and a script that only
   imports Rich and prints a 20-row table (what any Rich table output costs before reading a
   record); then where one search spends its time.
The exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import MISSED, check, table  # noqa: E402
from search_baselines import (  # noqa: E402
    fill_whatportis,
    fzf_ranker,
    naive_scan,
    record_lines,
    substring_ranker,
    synthetic,
    wratio_ranker,
)
from search_measures import (  # noqa: E402
    distinct_rank,
    keystrokes,
    percentile,
    read_queries,
    time_each,
)
from search_probes import PHASES_SCRIPT, RICH_FLOOR_SCRIPT, RSS_SCRIPT  # noqa: E402

from tui.registry.formats import load_path  # noqa: E402
from tui.registry.model import Registry  # noqa: E402
from tui.search import SearchIndex  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
BIN = Path(sys.executable).parent


def relevance(registry: Registry, index: SearchIndex, queries, label: str = "dev") -> None:
    records = registry.records
    position = {id(r): i for i, r in enumerate(records)}
    lines = record_lines(records)
    rankers = {
        "iana-ports (SearchIndex)": lambda q: [
            position[id(h.record)] for h in index.search(q, limit=None)
        ],
        "substring, registry order": substring_ranker(lines),
        "fzf --filter": fzf_ranker(lines),
        "rapidfuzz WRatio": wratio_ranker(lines),
    }
    summary, ranks_by_method = [], {}
    for name, ranker in rankers.items():
        if ranker is None:
            summary.append([name, "-", "-", "-", "skipped: fzf not installed"])
            continue
        ranks = [distinct_rank(records, ranker(q), expected) for q, expected, _ in queries]
        ranks_by_method[name] = ranks
        top1 = sum(r == 1 for r in ranks) / len(ranks)
        top5 = sum(r is not None and r <= 5 for r in ranks) / len(ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        summary.append([name, f"{top1:.2f}", f"{top5:.2f}", f"{mrr:.3f}", ""])
    project_top1 = float(summary[0][1])
    summary[0][4] = f"target top-1 >= 0.95: {check(f'top-1 {label}', project_top1 >= 0.95)}"
    table(
        f"1. Relevance on {len(queries)} {label} queries ({len(records):,} records)",
        ["method", "top-1", "top-5", "MRR", "note"],
        summary,
    )
    names = list(ranks_by_method)
    rows = [
        [q, expected, *[str(ranks_by_method[n][i] or "-") for n in names]]
        for i, (q, expected, _) in enumerate(queries)
    ]
    table("   Rank of the expected entry, per query", ["query", "expected", *names], rows)


def speed(registry: Registry, index: SearchIndex, queries, passes: int) -> None:
    typed = keystrokes(queries)
    time_each(lambda q: index.search(q, limit=50), typed, 1)  # warm-up: lazy imports, caches
    ours = time_each(lambda q: index.search(q, limit=50), typed, passes)
    # Reading the spans of the first 20 hits is what a screen of results costs on top.
    shown = time_each(lambda q: [h.matches for h in index.search(q, limit=50)[:20]], typed, 1)
    naive = time_each(naive_scan(record_lines(registry.records)), typed, 1)
    p50, p95, naive_median = percentile(ours, 0.5), percentile(ours, 0.95), statistics.median(naive)
    rows = [
        [
            "SearchIndex.search(limit=50)",
            f"{p50:.2f}",
            f"{p95:.2f}",
            f"{max(ours):.2f}",
            f"p95 <= 10 ms: {check('keystroke p95', p95 <= 10)}",
        ],
        [
            "  + spans of the first 20 hits",
            f"{percentile(shown, 0.5):.2f}",
            f"{percentile(shown, 0.95):.2f}",
            f"{max(shown):.2f}",
            "",
        ],
        [
            "naive WRatio scan, top 50",
            f"{naive_median:.2f}",
            f"{percentile(naive, 0.95):.2f}",
            f"{max(naive):.2f}",
            "",
        ],
        ["naive median / our p50", f"{naive_median / p50:.1f}x", "", "", ""],
        [
            "naive median / our p95",
            f"{naive_median / p95:.1f}x",
            "",
            "",
            f">= 8x: {check('8x naive', naive_median / p95 >= 8)}",
        ],
    ]
    table(
        f"2. Per keystroke, ms: {len(typed)} keystrokes x {passes} passes (after one "
        f"untimed pass), {len(registry.records):,} records",
        ["what", "p50", "p95", "max", "target"],
        rows,
    )


def synthetic_speed(registry: Registry, queries) -> None:
    big = synthetic(registry.records)
    started = time.perf_counter()
    index = SearchIndex(big)
    build = (time.perf_counter() - started) * 1000
    typed = keystrokes(queries)
    time_each(lambda q: index.search(q, limit=50), typed, 1)  # warm-up, as for the real one
    samples = time_each(lambda q: index.search(q, limit=50), typed, 1)
    p95 = percentile(samples, 0.95)
    table(
        f"3. Synthetic registry, {len(big.records):,} records (10x), the same keystrokes "
        "after one untimed pass",
        ["what", "value", "target"],
        [
            ["index build, ms", f"{build:.0f}", ""],
            ["keystroke p50, ms", f"{percentile(samples, 0.5):.2f}", ""],
            ["keystroke p95, ms", f"{p95:.2f}", f"<= 60 ms: {check('10x p95', p95 <= 60)}"],
            ["keystroke max, ms", f"{max(samples):.2f}", ""],
        ],
    )


def measure_memory(path: Path) -> dict[str, float]:
    """Peak RSS (MB) of fresh processes that load the registry, then index it (median of 3).

    Run before this process grows: on Linux a child's ru_maxrss starts from its parent's at
    the exec, so it is cross-checked with the child's own VmHWM.
    """
    samples = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", RSS_SCRIPT, str(path), str(REPO)],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(json.loads(out.stdout))
    return {key: statistics.median(s[key] for s in samples) / 1024 for key in samples[0]}


def index_read_back(path: Path, runs: int) -> list[float]:
    """Times of SearchIndex on a registry read through tui.registry.sources, its index entry stored."""
    from tui.registry.sources import load_registry

    saved = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CACHE_HOME"] = scratch  # never the user's own cache
        try:
            registry = load_registry(path)
            SearchIndex(registry)  # built and stored
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                SearchIndex(registry)
                times.append((time.perf_counter() - started) * 1000)
        finally:
            if saved is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = saved
    return times


def build_and_memory(path: Path, registry: Registry, runs: int, memory: dict[str, float]) -> None:
    builds = []
    for _ in range(runs):
        started = time.perf_counter()
        SearchIndex(registry)
        builds.append((time.perf_counter() - started) * 1000)
    median_build = statistics.median(builds)
    restores = index_read_back(path, runs)
    indexed = memory["indexed_kb"]
    table(
        f"4. Index build and memory ({path.name})",
        ["what", "value", "target"],
        [
            [
                f"index build, median of {runs}, ms",
                f"{median_build:.0f}",
                f"<= 300 ms: {check('build', median_build <= 300)}",
            ],
            ["index build, slowest, ms", f"{max(builds):.0f}", ""],
            [
                f"index read back from the cache, median of {runs}, ms",
                f"{statistics.median(restores):.1f}",
                f"{statistics.median(restores) / median_build:.2f}x the build",
            ],
            ["peak RSS after load (getrusage), MB", f"{memory['loaded_kb']:.1f}", ""],
            [
                "peak RSS after load + index (getrusage), MB",
                f"{indexed:.1f}",
                f"<= 100 MB: {check('rss', indexed <= 100)}",
            ],
            ["  the same from VmHWM, MB", f"{memory['hwm_kb']:.1f}", ""],
        ],
    )


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return (time.perf_counter() - started) * 1000


def command_env(home: Path) -> dict[str, str]:
    """A scratch home, cache and data dir; bytecode compiled once into a private pycache, as
    pip compiles an installed package (this environment may forbid writing bytecode)."""
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"))
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    env.update(PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("IANA_PORTS_REGISTRY", None)
    return env


def command_line(data: Path, runs: int) -> None:
    whatportis = BIN / "whatportis"
    csv_path = data / "service-names-port-numbers.csv"
    xml_path = data / "service-names-port-numbers.xml"
    if not whatportis.exists():
        print("\n5. Command line: skipped (whatportis is not installed: pip install whatportis)")
        return
    iana = str(BIN / "iana-ports")
    python = str(BIN / "python")
    base_name = "whatportis ssh (TinyDB from the CSV)"
    search = [iana, "search", "ssh", "--registry"]
    commands = {
        base_name: [str(whatportis), "ssh"],
        "iana-ports search ssh --registry CSV": [*search, str(csv_path)],
        "iana-ports search ssh --registry XML": [*search, str(xml_path)],
        "  the same, --format json (no Rich)": [*search, str(xml_path), "--format", "json"],
        "iana-ports info --registry CSV (no search)": [iana, "info", "--registry", str(csv_path)],
        "floor: python -c pass": [python, "-c", "pass"],
        "floor: python importing Rich, printing a table": [python, "-c", RICH_FLOOR_SCRIPT],
    }
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        fill_whatportis(home, csv_path)
        env = command_env(home)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # compile bytecode, warm the OS and registry caches
            wall(command, env)
        for _ in range(runs):  # interleaved, so a busy moment costs each the same
            for name, command in commands.items():
                times[name].append(wall(command, env))
        probes = [
            json.loads(
                subprocess.run(
                    [python, "-c", PHASES_SCRIPT, str(csv_path), str(REPO)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(5)
        ]
    phases = {phase: statistics.median(p[phase] for p in probes) for phase in probes[0]}
    medians = {name: statistics.median(samples) for name, samples in times.items()}
    base = medians[base_name]
    rows = []
    for name, median in medians.items():
        ratio = median / base
        target = ""
        if name.startswith("iana-ports search") and "CSV" in name:
            target = f"<= 0.5x: {check('cli vs whatportis', ratio <= 0.5)}"
        rows.append([name, f"{median:.0f}", f"{min(times[name]):.0f}", f"{ratio:.2f}x", target])
    table(
        f"5. Whole process, ms (median and fastest of {runs}, interleaved; caches warm)",
        ["command", "median", "fastest", "vs whatportis", "target"],
        rows,
    )
    inside = sum(phases.values())
    outside = medians["iana-ports search ssh --registry CSV"] - inside
    phase_rows = [[phase, f"{ms:.1f}"] for phase, ms in phases.items()]
    phase_rows.append(["interpreter start and exit (the process's median minus the above)",
                       f"{outside:.1f}"])  # fmt: skip
    table(
        "   Where `iana-ports search ssh --registry CSV` spends it (median of 5 processes, ms)",
        ["phase", "ms"],
        phase_rows,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=3, help="keystroke passes (and 5x CLI runs)")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--cli-only", action="store_true", help="only table 5, the command line")
    args = parser.parse_args()
    if args.cli_only:
        print(f"cpus {os.cpu_count()}; load average {os.getloadavg()[0]:.2f}")
        command_line(args.data, max(5, args.runs * 5))
        print(f"\nmissed: {', '.join(MISSED)}" if MISSED else "\nevery target met")
        return 1 if MISSED else 0
    queries = read_queries(args.data.parent / "queries-dev.tsv")
    path = args.data / "service-names-port-numbers.xml"
    memory = measure_memory(path)
    registry = load_path(path)
    index = SearchIndex(registry)
    print(
        f"registry: {path} ({len(registry.records):,} records, "
        f"{len(registry.contacts):,} contacts); python {sys.version.split()[0]}; "
        f"cpus {os.cpu_count()}; load average {os.getloadavg()[0]:.2f}"
    )
    relevance(registry, index, queries)
    people = args.data.parent / "queries-people-dev.tsv"
    if people.exists():
        relevance(registry, index, read_queries(people), "people-dev")
        queries = queries + read_queries(people)  # the keystrokes of both sets are timed
    speed(registry, index, queries, args.runs)
    if not args.skip_synthetic:
        synthetic_speed(registry, queries)
    build_and_memory(path, registry, max(5, args.runs), memory)
    if not args.skip_cli:
        command_line(args.data, max(5, args.runs * 5))
    print(f"\nmissed: {', '.join(MISSED)}" if MISSED else "\nevery target met")
    return 1 if MISSED else 0


if __name__ == "__main__":
    sys.exit(main())
