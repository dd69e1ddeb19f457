"""Benchmark: a second start is fast because the parsed registry and its index come from the cache.

Prints a table of cold (parse) against warm (cache hit) loads of the full XML registry, in
process and as a fresh `python` process, each as a ratio against its cold baseline measured
in the same run, with the search index built against read back from the cache; and, where
the browser exists, the time from process start to the first frame that shows results
(launched in a pseudo-terminal, no Pilot). Targets: a warm load <= 150 ms; the browser's
first frame on a warm start <= 0.6 s.

    /work/venv/bin/python tests/perf/bench_start.py [--registry PATH] [--runs N]

Uses a private, empty XDG cache/data dir, so the user's own cache is neither read nor written.
"""

from __future__ import annotations

import argparse
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REGISTRY = ROOT.parent / "shared" / "data" / "service-names-port-numbers.xml"
WARM_LOAD_TARGET_S = 0.150
FIRST_FRAME_TARGET_S = 0.6


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_of(runs: int, action: Callable[[], object], before: Callable[[], object] = lambda: None):
    samples = []
    for _ in range(runs):
        before()
        samples.append(timed(action))
    return statistics.median(samples)


def clear_cache(cache_home: Path) -> None:
    """Remove every cache entry (registry and index, of any schema)."""
    for entry in cache_home.rglob("*"):
        if entry.is_file():
            entry.unlink()


def in_process(registry: Path, runs: int, cache_home: Path) -> list[tuple[str, float]]:
    """Cold load (no cache entry: parse and store) against warm load (cache hit); the same
    for the search index (build and store, against read back)."""
    from tui.registry.formats import parse_bytes
    from tui.registry.sources import load_registry
    from tui.search import SearchIndex

    data = registry.read_bytes()
    parse_only = median_of(runs, lambda: parse_bytes(data, str(registry)))
    cold = median_of(runs, lambda: load_registry(registry), lambda: clear_cache(cache_home))
    load_registry(registry)
    warm = median_of(runs, lambda: load_registry(registry))
    loaded = load_registry(registry)
    index_cold = median_of(runs, lambda: SearchIndex(loaded), lambda: clear_cache(cache_home))
    load_registry(registry)
    SearchIndex(loaded)
    index_warm = median_of(runs, lambda: SearchIndex(loaded))
    both_warm = median_of(runs, lambda: SearchIndex(load_registry(registry)))
    return [
        ("in process: parse only (baseline)", parse_only),
        ("in process: cold load (parse + store)", cold),
        ("in process: warm load (cache hit)", warm),
        ("in process: index, cold (build + store)", index_cold),
        ("in process: index, warm (read back)", index_warm),
        ("in process: warm load + index", both_warm),
    ]


def fresh_process(registry: Path, runs: int, cache_home: Path) -> list[tuple[str, float]]:
    """Whole `python` processes: interpreter alone, cold load, warm load."""
    load = f"from tui.registry.sources import load_registry; load_registry({str(registry)!r})"
    index = f"{load.replace('; load_registry', '; r = load_registry')}; "
    index += "from tui.search import SearchIndex; SearchIndex(r)"

    def python(code: str) -> None:
        subprocess.run([sys.executable, "-c", code], check=True, env=os.environ.copy())

    bare = median_of(runs, lambda: python("pass"))
    cold = median_of(runs, lambda: python(load), lambda: clear_cache(cache_home))
    python(load)
    warm = median_of(runs, lambda: python(load))
    python(index)
    indexed = median_of(runs, lambda: python(index))
    return [
        ("process: python -c pass", bare),
        ("process: cold load", cold),
        ("process: warm load", warm),
        ("process: warm load + index", indexed),
    ]


def first_frame(registry: Path, marker: bytes, limit_s: float = 20.0) -> float | None:
    """Seconds from spawning `iana-ports --registry X` in a pty until `marker` is drawn."""
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: become the browser
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "tui", "--registry", str(registry)])
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - started < limit_s:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                elapsed = time.perf_counter() - started
                break
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


def print_table(title: str, rows: list[tuple[str, float]], baseline: float) -> None:
    print(f"\n{title}")
    print(f"{'measure':<44} {'ms':>9} {'x baseline':>11}")
    for name, seconds in rows:
        print(f"{name:<44} {seconds * 1000:>9.1f} {seconds / baseline:>11.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--marker", default="tcpmux", help="text the first results frame shows")
    args = parser.parse_args()
    if not args.registry.exists():
        print(f"no registry at {args.registry}: nothing to measure")
        return 1
    scratch = Path(tempfile.mkdtemp(prefix="bench-start-"))
    cache_home = scratch / "cache"
    os.environ["XDG_CACHE_HOME"] = str(cache_home)
    os.environ["XDG_DATA_HOME"] = str(scratch / "data")
    os.environ.pop("IANA_PORTS_REGISTRY", None)
    print(f"registry: {args.registry} ({args.registry.stat().st_size:,} bytes), runs: {args.runs}")

    rows = in_process(args.registry, args.runs, cache_home)
    print_table("Loading the registry (median)", rows, baseline=rows[0][1])
    warm = rows[2][1]
    rows = fresh_process(args.registry, args.runs, cache_home)
    print_table("A fresh process loading it (median)", rows, baseline=rows[1][1])
    process_warm_extra = rows[2][1] - rows[0][1]
    print(
        f"\nwarm load in process: {warm * 1000:.1f} ms (target <= {WARM_LOAD_TARGET_S * 1000:.0f})"
    )
    print(f"warm load, process minus bare interpreter: {process_warm_extra * 1000:.1f} ms")
    verdict = warm <= WARM_LOAD_TARGET_S

    try:
        import tui.app  # noqa: F401 - only asks whether the browser exists yet
    except ImportError as error:
        print(f"\nfirst frame: not measured, the browser is not there ({error})")
        return 0 if verdict else 1
    marker = args.marker.encode()
    clear_cache(cache_home)
    cold = first_frame(args.registry, marker)
    frames = [first_frame(args.registry, marker) for _ in range(args.runs)]
    if cold is None or None in frames:
        print(f"\nfirst frame: {args.marker!r} never appeared within the time limit")
        return 1
    warm_frame = statistics.median(f for f in frames if f is not None)
    print_table(
        "Browser: process start to first frame with results",
        [("cold cache (baseline)", cold), ("warm cache (median)", warm_frame)],
        baseline=cold,
    )
    print(f"first frame, warm: {warm_frame:.3f} s (target <= {FIRST_FRAME_TARGET_S} s)")
    verdict = verdict and warm_frame <= FIRST_FRAME_TARGET_S
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
