"""`annotate` and `here` speed, each beside a baseline measured in the same run.

Run it as a script (pytest does not collect tests/perf):

    python tests/perf/bench_machine.py [--lines N] [--sockets N] [--runs N]

Prints two tables:
1. annotate: a log of N real-shaped lines (the ss, netstat, lsof, iptables, nftables and nmap
   fixtures, iptables LOG lines with varied ports, and port-free syslog lines) piped through
   `cat` and through `iana-ports annotate` (one process: start-up and the default registry's
   load included), both into `| cat > /dev/null`; the same lines through `Annotator` in
   process (no I/O, no load), as one block and line by line. Target: >= 50,000 lines/s for
   the whole process.
2. here: `iana-ports here --format tsv` as a whole process and `listening_sockets()` in
   process, with the machine as it is and with N extra TCP sockets listening on 127.0.0.1,
   beside `ss -tlnpu` on the same sockets. Target: < 0.5 s for the whole process with N=1000.
Times are wall and CPU (user + system, the children's included): the machine is shared, so
wall time also counts waiting for a core; targets are checked on CPU time, and the load
average is printed. The exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import MISSED, check, table  # noqa: E402

from tui.machine.annotate import Annotator  # noqa: E402
from tui.machine.answers import PortBook  # noqa: E402
from tui.machine.listening import listening_sockets  # noqa: E402
from tui.registry.sources import load_registry  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "annotate"
ANNOTATE_TARGET = 50_000
HERE_TARGET_S = 0.5


def median_of(runs: int, action: Callable[[], object]) -> float:
    """Median wall time of `action` over `runs` runs, in seconds."""
    return timed(runs, action)[0]


def timed(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """Median wall time and median CPU time (this process and its children) of `action`.

    Both, because this machine is shared: wall time counts the waits for a core other work
    holds; CPU time is what the program itself costs.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = _cpu()
        started = time.perf_counter()
        action()
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def log_lines(count: int) -> list[bytes]:
    """`count` lines shaped like what people pipe through annotate, in a fixed random order."""
    rng = random.Random(6335)
    shapes = [
        line
        for path in sorted(FIXTURES.glob("*.txt"))
        for line in path.read_bytes().splitlines(keepends=True)
    ]
    template = (
        "Dec  1 10:{m:02d}:{s:02d} gw kernel: [{up}.{frac:06d}] IN=eth0 OUT= "
        "MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.{a} DST=192.168.1.20 "
        "LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID={ident} DF PROTO={proto} SPT={spt} DPT={dpt} "
        "WINDOW=64240 RES=0x00 SYN URGP=0\n"
    )
    plain = b"Dec  1 10:30:45 gw systemd[1]: Started Session 4711 of user alice.\n"
    lines = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.4:
            lines.append(rng.choice(shapes))
        elif pick < 0.8:
            text = template.format(
                m=rng.randrange(60),
                s=rng.randrange(60),
                up=rng.randrange(10**6),
                frac=rng.randrange(10**6),
                a=rng.randrange(256),
                ident=rng.randrange(65536),
                proto=rng.choice(("TCP", "UDP")),
                spt=rng.randrange(1024, 65536),
                dpt=rng.choice((22, 53, 80, 123, 443, 3389, 5432, rng.randrange(65536))),
            )
            lines.append(text.encode())
        else:
            lines.append(plain)
    return lines


def pipeline(command: str, source: Path) -> None:
    """Run `command < source | cat > /dev/null` in sh."""
    subprocess.run(["sh", "-c", f"{command} < '{source}' | cat > /dev/null"], check=True)


def bench_annotate(count: int, runs: int) -> None:
    lines = log_lines(count)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "log.txt"
        source.write_bytes(b"".join(lines))
        empty = Path(folder) / "empty.txt"
        empty.write_bytes(b"")
        annotate = f"'{sys.executable}' -m tui annotate"
        pipeline(annotate, source)  # warm the registry cache and the bytecode
        cat = timed(runs, lambda: pipeline("cat", source))
        whole = timed(runs, lambda: pipeline(annotate, source))
        start = timed(runs, lambda: pipeline(annotate, empty))
        size_mb = source.stat().st_size / 1e6
    annotator = Annotator(PortBook(load_registry()))
    in_process = timed(runs, lambda: annotator.annotate_line(b"".join(lines)))
    per_line = timed(runs, lambda: [annotator.annotate_line(line) for line in lines])
    streaming = (max(whole[0] - start[0], 1e-9), max(whole[1] - start[1], 1e-9))

    def row(what: str, cost: tuple[float, float], target: str = "", rate: bool = True) -> list[str]:
        wall, cpu = cost
        return [
            what,
            f"{wall * 1000:.0f}",
            f"{cpu * 1000:.0f}",
            f"{count / wall:,.0f}" if rate else "",
            f"{count / cpu:,.0f}" if rate else "",
            f"{wall / cat[0]:.0f}x",
            target,
        ]

    rows = [
        row("cat (baseline)", cat),
        row(
            "annotate, whole process",
            whole,
            check("annotate lines/s", count / whole[1] >= ANNOTATE_TARGET),
        ),
        row("annotate, empty input (start + load)", start, rate=False),
        row("annotate, lines only (whole - empty)", streaming),
        row("Annotator in process, one block", in_process),
        row("Annotator in process, line by line", per_line),
    ]
    title = (
        f"annotate: {count:,} lines ({size_mb:.1f} MB) into `| cat > /dev/null`, median of "
        f"{runs}; target >= {ANNOTATE_TARGET:,} lines/s of CPU for the whole process; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    header = ["what", "wall ms", "cpu ms", "lines/s wall", "lines/s cpu", "vs cat", "target"]
    table(title, header, rows)


def open_listeners(count: int) -> list[socket.socket]:
    """`count` TCP sockets listening on 127.0.0.1, on ports the OS picks."""
    opened = []
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        opened.append(sock)
    return opened


def bench_here(count: int, runs: int) -> None:
    here = [sys.executable, "-m", "tui", "here", "--format", "tsv"]

    def run(command: list[str]) -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    run(here)  # warm the registry cache and the bytecode
    rows = []
    for extra in (0, count):
        opened = open_listeners(extra)
        try:
            found = len(listening_sockets().listeners)
            in_process = timed(runs, listening_sockets)
            whole = timed(runs, lambda: run(here))
            ss = timed(runs, lambda: run(["ss", "-tlnpu"])) if _has("ss") else None
        finally:
            for sock in opened:
                sock.close()
        target = check("here < 0.5 s", whole[1] < HERE_TARGET_S) if extra else ""
        rows.append(
            [
                f"+{extra}",
                str(found),
                f"{whole[0] * 1000:.0f} / {whole[1] * 1000:.0f}",
                f"{in_process[0] * 1000:.0f} / {in_process[1] * 1000:.0f}",
                f"{ss[0] * 1000:.0f} / {ss[1] * 1000:.0f}" if ss else "-",
                f"{whole[0] / ss[0]:.1f}x" if ss else "-",
                target,
            ]
        )
    title = (
        f"here: sockets listening, wall / cpu ms, median of {runs}; target < {HERE_TARGET_S} s "
        f"of CPU with +{count}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    header = ["opened", "listed", "here", "listening_sockets()", "ss -tlnpu", "vs ss", "target"]
    table(title, header, rows)


def _has(program: str) -> bool:
    return any(
        os.access(Path(folder) / program, os.X_OK)
        for folder in os.environ.get("PATH", "").split(":")
    )


def main() -> int:
    """Run both benchmarks; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bench_annotate(args.lines, args.runs)
    bench_here(args.sockets, args.runs)
    if MISSED:
        print(f"\nMISSED: {', '.join(MISSED)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
