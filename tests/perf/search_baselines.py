"""What bench_search.py measures the project's search against, on the same records.

Each ranks the registry's records for a query, best first, as a list of record indices:
- substring containment in registry order (what IANA's page filter does);
- ``fzf --filter`` over "name port protocol description" lines (when fzf is installed);
- rapidfuzz ``process.extract`` with WRatio over the same lines;
and the workloads: a synthetic registry 10x the real one, whatportis's database.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from tui.registry.model import Record, Registry

Ranker = Callable[[str], list[int]]


def record_lines(records: list[Record]) -> list[str]:
    """One line per record: "name port protocol description" (line breaks flattened)."""
    return [
        " ".join(
            part
            for part in (
                r.service_name,
                r.port_number,
                r.transport_protocol,
                " ".join(r.description.split()),
            )
            if part
        )
        for r in records
    ]


def substring_ranker(lines: list[str]) -> Ranker:
    """Lines containing the query (any case), in registry order."""
    lowered = [line.lower() for line in lines]

    def rank(query: str) -> list[int]:
        needle = query.lower().strip()
        return [i for i, line in enumerate(lowered) if needle in line]

    return rank


def fzf_ranker(lines: list[str]) -> Ranker | None:
    """fzf's own ranking (``fzf --filter``), or None when fzf is not installed."""
    fzf = shutil.which("fzf")
    if fzf is None:
        return None
    # Each line carries its index in a field fzf does not match on.
    feed = "".join(f"{i}\t{line}\n" for i, line in enumerate(lines)).encode()

    def rank(query: str) -> list[int]:
        result = subprocess.run(
            [fzf, "--filter", query, "--delimiter", "\t", "--with-nth", "2..", "--no-color"],
            input=feed,
            capture_output=True,
            check=False,
            env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "FZF_DEFAULT_OPTS": ""},
        )
        return [int(line.split(b"\t", 1)[0]) for line in result.stdout.splitlines() if line]

    return rank


def wratio_ranker(lines: list[str], limit: int | None = 200) -> Ranker:
    """rapidfuzz WRatio over the lines, case-folded, best first (registry order on ties)."""
    from rapidfuzz import fuzz, process, utils

    def rank(query: str) -> list[int]:
        found = process.extract(
            query, lines, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit
        )
        return [index for _line, _score, index in found]

    return rank


def naive_scan(lines: list[str]) -> Callable[[str], object]:
    """The naive per-keystroke search: WRatio over every line, top 50 (for the speed ratio)."""
    from rapidfuzz import fuzz, process, utils

    def scan(query: str) -> object:
        return process.extract(
            query, lines, scorer=fuzz.WRatio, processor=utils.default_process, limit=50
        )

    return scan


def synthetic(records: list[Record], copies: int = 10, seed: int = 0) -> Registry:
    """A registry `copies` times the size, with the real one's words in new combinations.

    The real records come first; each copy then takes every record's port, protocol and
    status, a name made of its name and another record's ("ssh-mysql"), and another record's
    description: the vocabulary stays the registry's, every word turns up `copies` times as
    often, and no word is made up (which would match some keystrokes unnaturally often).
    """
    import random

    shuffle = random.Random(seed)
    made = list(records)
    names = [r.service_name for r in records if r.service_name]
    descriptions = [r.description for r in records]
    for _ in range(1, copies):
        for r in records:
            values = r.to_dict()
            if r.service_name:
                values["service_name"] = f"{r.service_name}-{shuffle.choice(names)}"
                values["description"] = shuffle.choice(descriptions)
            made.append(Record.from_fields(values))
    return Registry(records=made)


def fill_whatportis(home: Path, csv_path: Path) -> None:
    """Fill whatportis's TinyDB from the CSV as its own populate_db does, without network."""
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware
    from tinydb.storages import JSONStorage

    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    ports = [
        {
            "name": row[0] or "---",
            "port": row[1] or "---",
            "protocol": row[2] or "---",
            "description": row[3] or "---",
        }
        for row in rows
    ]
    database = TinyDB(home / ".whatportis_db.json", storage=CachingMiddleware(JSONStorage))
    database.truncate()
    database.insert_multiple(ports)
    database.close()
