"""Compressed registries (issue 10.1): every format may come gzip-, xz- or bzip2-compressed.

Recognised by magic bytes, never by the file name; read the same as the plain file. Damaged,
truncated and bomb inputs are refused with one line naming the file, within the size cap.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES
from registry_server import generated_rows, registry_csv

from tui.cli.command_line import main
from tui.registry import formats
from tui.registry.formats import load_path
from tui.registry.model import RegistryError
from tui.registry.sources import load_registry, sample_path

COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "xz": lzma.compress,
    "bzip2": bz2.compress,
}


def plain_files(tmp_path: Path) -> dict[str, Path]:
    """One plain file of each format the project reads."""
    csv_file = tmp_path / "plain.csv"
    csv_file.write_bytes(registry_csv(generated_rows(40)))
    return {
        "xml": FIXTURES / "xml-tricky.xml",
        "xhtml": FIXTURES / "xhtml-tricky.xhtml",
        "fixed-text": FIXTURES / "fixed-text-tricky.txt",
        "page-text": sample_path(),
        "csv": csv_file,
    }


@pytest.mark.parametrize("compression", sorted(COMPRESSORS))
@pytest.mark.parametrize("fmt", ["xml", "xhtml", "fixed-text", "page-text", "csv"])
def test_each_format_reads_the_same_compressed(tmp_path: Path, fmt: str, compression: str) -> None:
    plain = plain_files(tmp_path)[fmt]
    packed = tmp_path / "registry.data"  # a name that says nothing
    packed.write_bytes(COMPRESSORS[compression](plain.read_bytes()))
    expected, got = load_path(plain), load_registry(packed)
    assert got.format == expected.format == fmt
    assert [r.to_dict() for r in got.records] == [r.to_dict() for r in expected.records]
    assert got.contacts == expected.contacts and got.updated == expected.updated
    assert len(got) > 0


@pytest.mark.parametrize("compression", sorted(COMPRESSORS))
def test_damaged_and_truncated_compressed_files_are_refused(
    tmp_path: Path, compression: str, capsys
) -> None:
    packed = COMPRESSORS[compression](registry_csv(generated_rows(400)))
    middle = len(packed) // 2
    damaged = packed[:middle] + bytes(b ^ 0xFF for b in packed[middle : middle + 64])
    damaged += packed[middle + 64 :]
    for name, data in (("damaged", damaged), ("truncated", packed[: len(packed) * 2 // 3])):
        path = tmp_path / f"{name}.{compression}"
        path.write_bytes(data)
        with pytest.raises(RegistryError, match=f"damaged {compression} data"):
            load_registry(path)
        assert main(["--registry", str(path), "info"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err


@pytest.mark.parametrize("compression", sorted(COMPRESSORS))
def test_a_bomb_stops_at_the_cap(
    tmp_path: Path, compression: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 4 * 1024 * 1024)
    bomb = tmp_path / f"bomb.{compression}"
    bomb.write_bytes(COMPRESSORS[compression](b"\n" * (64 * 1024 * 1024)))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(RegistryError, match=f"{compression} data decompresses to over"):
        load_registry(bomb)


def test_the_bundled_snapshot_is_xz_read_by_its_magic() -> None:
    registry = load_registry()
    assert registry.origin.path.endswith(".xml.xz") and registry.format == "xml"
    assert len(registry) == 14_533 and len(registry.contacts) == 5_615
