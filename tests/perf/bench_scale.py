"""Benchmark: how the product scales with a registry far larger than IANA's (issue 13.9).

Writes CSV registries of N distinct records (rows of IANA's own CSV, renamed so every key is
distinct) and measures, each in a fresh process with a cold cache: the file's size, the peak
memory (max RSS), the time to load it, to build the search index (the browser's first screen
waits for the load; its first query for the index), and the first query itself. Ratios are
against IANA's real CSV measured in the same run.

    python tests/perf/bench_scale.py [--sizes 14533,100000,250000,1000000] [--no-cap]

`--no-cap` lifts MAX_FILE_BYTES and MAX_RECORDS in the child, to measure what the cap now refuses.
Uses a private XDG cache/data dir.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_CSV = ROOT.parent / "shared" / "data" / "service-names-port-numbers.csv"

CHILD = r"""
import json, sys, time


def peak_mb():
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would count the parent.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


started = time.perf_counter()
import tui.registry.formats as formats
if sys.argv[2] == "nocap":
    formats.MAX_FILE_BYTES = formats.MAX_RECORDS = 1 << 40
from tui.registry.sources import load_registry
from tui.registry.model import RegistryError
try:
    registry = load_registry(sys.argv[1])
except RegistryError as error:
    print(json.dumps({
        "error": error.problem[:60],
        "load": time.perf_counter() - started,
        "rss_mb": peak_mb(),
    }))
    sys.exit(0)
loaded = time.perf_counter()
from tui.search import SearchIndex
index = SearchIndex(registry)
indexed = time.perf_counter()
index.search("ssh", limit=50)
queried = time.perf_counter()
print(json.dumps({
    "records": len(registry),
    "load": loaded - started,
    "index": indexed - loaded,
    "query": queried - indexed,
    "rss_mb": peak_mb(),
}))
"""


def scaled_csv(rows: list[list[str]], header: list[str], count: int, short: bool = False) -> bytes:
    """IANA's rows repeated to `count` records, each copy's names made distinct; with `short`,
    minimal rows (name, port, protocol, a word: ~30 bytes), the most records a megabyte holds."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    if short:
        for number in range(count):
            writer.writerow([f"s{number}", number % 65535 + 1, "tcp", f"S{number}"] + [""] * 8)
        return out.getvalue().encode("utf-8")
    for number in range(count):
        row = list(rows[number % len(rows)])
        copy = number // len(rows)
        if copy:
            row[0] = f"{row[0] or 'x'}-{copy}"
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def measure(path: Path, cap: str, env: dict[str, str]) -> dict[str, float | str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), cap],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1][:90]}
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="14533,100000,250000,500000,1000000")
    parser.add_argument("--no-cap", action="store_true")
    parser.add_argument("--short", action="store_true", help="minimal ~30-byte rows")
    args = parser.parse_args()
    if not REAL_CSV.exists():
        print(f"no registry at {REAL_CSV}: nothing to measure")
        return 1
    table = list(csv.reader(io.StringIO(REAL_CSV.read_text(encoding="utf-8"))))
    header, rows = table[0], table[1:]
    scratch = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(scratch / "cache"), XDG_DATA_HOME=str(scratch))
    env.pop("IANA_PORTS_REGISTRY", None)
    cap = "nocap" if args.no_cap else "cap"
    results = []
    baseline = measure(REAL_CSV, cap, env)
    results.append(("IANA's CSV (baseline)", REAL_CSV.stat().st_size, baseline))
    for size in (int(s) for s in args.sizes.split(",")):
        path = scratch / f"scaled-{size}.csv"
        path.write_bytes(scaled_csv(rows, header, size, args.short))
        results.append((f"{size:,} records", path.stat().st_size, measure(path, cap, env)))
        path.unlink()
    rows_kind = "minimal rows" if args.short else "IANA's rows"
    cap_kind = "lifted" if args.no_cap else "as set"
    print(f"\nScale: {rows_kind}, cold cache, a fresh process each; the size cap {cap_kind}")
    print(
        f"{'registry':<24}{'MB':>7}{'RSS MB':>9}{'x':>6}{'load s':>8}{'x':>7}"
        f"{'index s':>9}{'x':>7}{'query ms':>10}"
    )
    base_rss, base_load = float(baseline["rss_mb"]), float(baseline["load"])
    base_index = float(baseline["index"])
    for name, size, got in results:
        if "error" in got and "load" in got:
            rss, load = float(got["rss_mb"]), float(got["load"])
            print(
                f"{name:<24}{size / 1e6:>7.1f}{rss:>9.0f}{rss / base_rss:>6.1f}{load:>8.2f}"
                f"{load / base_load:>7.1f}  refused: {got['error']}"
            )
            continue
        if "error" in got:
            print(f"{name:<24}{size / 1e6:>7.1f}  failed: {got['error']}")
            continue
        rss, load, index = float(got["rss_mb"]), float(got["load"]), float(got["index"])
        print(
            f"{name:<24}{size / 1e6:>7.1f}{rss:>9.0f}{rss / base_rss:>6.1f}{load:>8.2f}"
            f"{load / base_load:>7.1f}{index:>9.2f}{index / base_index:>7.1f}"
            f"{float(got['query']) * 1000:>10.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
