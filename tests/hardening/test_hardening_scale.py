"""Scale of a hostile file (issue 13.9): a registry far past IANA's size is refused, fast.

A 1,000,000-record CSV once took 1.5-1.8 GB and 11 s to the browser's first screen. Measured
(tests/perf/bench_scale.py), memory and time grow linearly with the records, so the product
reads at most MAX_FILE_BYTES (16 MB, after decompression) and MAX_RECORDS (50,000 records;
IANA's registry has about 14,500) and says so on one line. The records are bounded before
parsing by counting lines or record tags, so the refusal costs little time and memory.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from hostile_cases_support import CSV_HEAD, run_cli
from registry_server import generated_rows, registry_csv

from tui.registry import formats
from tui.registry.formats import MAX_RECORDS
from tui.registry.model import RegistryError
from tui.registry.sources import load_registry


def minimal_csv(count: int) -> bytes:
    """`count` records of about 30 bytes each (the most records a megabyte can hold)."""
    lines = (f"s{n},{n % 65535 + 1},tcp,S{n},,,,,,,,\n" for n in range(count))
    return CSV_HEAD.encode() + "".join(lines).encode()


def assert_refused_quickly(path: Path, words: str) -> None:
    started = time.monotonic()
    done = run_cli("--registry", str(path), "info")  # capped at 1.5 GB and 10 s
    elapsed = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and str(path) in done.stderr
    assert words in done.stderr and "IANA's registry" in done.stderr
    assert elapsed < 5.0, elapsed


def test_a_million_record_csv_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "million.csv"
    path.write_bytes(minimal_csv(1_000_000))
    assert path.stat().st_size > formats.MAX_FILE_BYTES
    assert_refused_quickly(path, "over 16 MB; IANA's registry is about 4 MB")


def test_a_million_records_compressed_small_are_refused_by_what_they_expand_to(
    tmp_path: Path,
) -> None:
    path = tmp_path / "million.csv.gz"
    path.write_bytes(gzip.compress(minimal_csv(1_000_000)))
    assert path.stat().st_size < formats.MAX_FILE_BYTES
    assert_refused_quickly(path, "decompresses to over")


def test_many_short_records_under_the_size_cap_are_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "short.csv"
    path.write_bytes(minimal_csv(400_000))  # ~14 MB: under the size cap
    assert path.stat().st_size < formats.MAX_FILE_BYTES
    assert_refused_quickly(path, "too many entries (400,001 lines)")

    def must_not_parse(data: bytes, source: str) -> None:
        raise AssertionError("parsed a file the count already refuses")

    monkeypatch.setattr(formats.FORMATS["csv"](), "parse", must_not_parse)
    with pytest.raises(RegistryError, match="at most 50,000 records"):
        load_registry(path)


def test_one_record_past_the_limit_is_refused_and_the_limit_itself_is_read(
    tmp_path: Path,
) -> None:
    over = tmp_path / "over.csv"
    over.write_bytes(registry_csv(generated_rows(MAX_RECORDS + 1)))
    with pytest.raises(RegistryError, match=f"{MAX_RECORDS + 1:,} records"):
        load_registry(over)
    at = tmp_path / "at.csv"
    at.write_bytes(registry_csv(generated_rows(MAX_RECORDS)))
    assert len(load_registry(at)) == MAX_RECORDS
