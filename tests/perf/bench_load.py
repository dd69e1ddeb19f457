"""Load time of every real registry file, against a bare standard-library parse of the same bytes.

Run it as a script (pytest does not collect tests/perf):

    python tests/perf/bench_load.py [--runs N] [--data DIR]

For each file in ../shared/data it prints the median (and fastest) time of
`tui.registry.formats.load_path`, the median of a bare stdlib parse of the same bytes measured in the
same run (XML: `xml.etree.ElementTree.fromstring`; CSV: `csv.reader`; XHTML: `HTMLParser`;
text: decode and split lines), and their ratio. The XML is also loaded once in each of a few
fresh interpreters, imports included ("first load"), and compared with a bare parse in that
same process. Target: the XML's load within 2.0x of the bare parse, first load included; the exit
code is 1 when it is missed. A format whose reader module is not written yet is skipped.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.registry.formats import FORMATS, detect_format, load_path  # noqa: E402
from tui.registry.formats.text import decode_text  # noqa: E402
from tui.registry.model import RegistryError  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
XML_TARGET = 2.0

# Runs in a fresh interpreter: the first load pays for every lazy import on the way.
FIRST_LOAD_SCRIPT = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[2])
path = sys.argv[1]
data = open(path, "rb").read()
start = time.perf_counter()
from tui.registry.formats import load_path
registry = load_path(path)
first = time.perf_counter() - start
# The bare parse runs with nothing else alive, as the first load did.
del registry
import gc
gc.collect()
import xml.etree.ElementTree as ElementTree
bare = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    ElementTree.fromstring(data)
    bare.append(time.perf_counter() - start)
print(json.dumps({"first": first, "bare": statistics.median(bare)}))
"""


def _bare_csv(data: bytes) -> None:
    for _ in csv.reader(io.StringIO(decode_text(data), newline="")):
        pass


def _bare_html(data: bytes) -> None:
    parser = HTMLParser()
    parser.feed(decode_text(data))
    parser.close()


def _bare_text(data: bytes) -> None:
    decode_text(data).splitlines()


BASELINES: dict[str, tuple[str, Callable[[bytes], object]]] = {
    "xml": ("ElementTree.fromstring", ElementTree.fromstring),
    "csv": ("csv.reader", _bare_csv),
    "xhtml": ("HTMLParser.feed", _bare_html),
    "page-text": ("decode+splitlines", _bare_text),
    "fixed-text": ("decode+splitlines", _bare_text),
}


def paired_timings(
    action: Callable[[], object], baseline: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Wall times of `action` and `baseline`, run in turns so both meet the same machine load.

    Each timed run starts from a collected heap, so neither pays for the other's garbage.
    """
    action_times: list[float] = []
    baseline_times: list[float] = []
    for _ in range(runs):
        for run, times in ((action, action_times), (baseline, baseline_times)):
            gc.collect()
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return action_times, baseline_times


def reader_available(format_name: str) -> bool:
    """True when the module reading this format exists (others are still being written)."""
    try:
        FORMATS[format_name]()
    except ModuleNotFoundError:
        return False
    return True


def first_load(path: Path, runs: int, processes: int) -> dict[str, float]:
    """The first load in a fresh interpreter, and a bare ElementTree parse there: the medians
    over several fresh interpreters, as one first load is a single, noisy sample."""
    samples = []
    for _ in range(processes):
        result = subprocess.run(
            [sys.executable, "-c", FIRST_LOAD_SCRIPT, str(path), str(REPO), str(runs)],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(json.loads(result.stdout))
    return {key: statistics.median(s[key] for s in samples) for key in ("first", "bare")}


def bench(data_dir: Path, runs: int) -> int:
    """Print the table; return 1 when the XML misses its target, else 0."""
    files = sorted(p for p in data_dir.iterdir() if p.is_file() and p.suffix != ".md")
    if not files:
        print(f"no registry files in {data_dir}")
        return 0
    header = (
        f"{'file':<46} {'format':<10} {'MB':>5} {'records':>7} {'contacts':>8} "
        f"{'load ms':>8} {'best ms':>8} {'baseline':<22} {'base ms':>8} {'ratio':>6}"
    )
    print(f"median of {runs} runs, Python {sys.version.split()[0]}\n")
    print(header)
    print("-" * len(header))
    verdict = 0
    xml_files: list[Path] = []
    for path in files:
        data = path.read_bytes()
        try:
            format_name = detect_format(data, str(path))
        except RegistryError as error:
            print(f"{path.name:<46} not a registry: {error.problem}")
            continue
        if not reader_available(format_name):
            print(f"{path.name:<46} {format_name:<10} skipped: its reader is not written yet")
            continue
        try:
            registry = load_path(path)  # once untimed, so every timed run is alike
        except Exception as error:  # noqa: BLE001 - a reader still being written: report, go on
            print(f"{path.name:<46} {format_name:<10} failed: {type(error).__name__}: {error}")
            verdict |= format_name == "xml"
            continue
        baseline_name, baseline = BASELINES[format_name]
        load_times, base_times = paired_timings(
            lambda p=path: load_path(p), lambda f=baseline, d=data: f(d), runs
        )
        load, best = statistics.median(load_times), min(load_times)
        base = statistics.median(base_times)
        ratio = load / base
        print(
            f"{path.name:<46} {format_name:<10} {len(data) / 1e6:>5.2f} "
            f"{len(registry.records):>7,} {len(registry.contacts):>8,} "
            f"{load * 1000:>8.1f} {best * 1000:>8.1f} {baseline_name:<22} "
            f"{base * 1000:>8.1f} {ratio:>5.2f}x"
        )
        if format_name == "xml":
            xml_files.append(path)
            verdict |= ratio > XML_TARGET
    for path in xml_files:
        fresh = first_load(path, runs, processes=min(runs, 5))
        ratio = fresh["first"] / fresh["bare"]
        print(
            f"\nXML first load in a fresh interpreter ({path.name}, median of "
            f"{min(runs, 5)} interpreters): "
            f"{fresh['first'] * 1000:.1f} ms, bare ElementTree parse there "
            f"{fresh['bare'] * 1000:.1f} ms: {ratio:.2f}x (target <= {XML_TARGET}x) "
            f"{'ok' if ratio <= XML_TARGET else 'MISSED'}"
        )
        verdict |= ratio > XML_TARGET
    return int(verdict)


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per file (median)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="registry files")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data directory at {args.data}: nothing to measure")
        return 0
    return bench(args.data, max(1, args.runs))


if __name__ == "__main__":
    sys.exit(main())
