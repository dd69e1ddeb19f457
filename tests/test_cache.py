"""The parsed-registry cache: used when the bytes are unchanged, never trusted otherwise."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from conftest import shared_file
from registry_server import generated_rows, registry_csv, registry_xml

import tui.sources
from tui import cache
from tui.formats import load_path
from tui.sources import load_registry


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    path = tmp_path / "ports.xml"
    path.write_bytes(registry_xml(generated_rows(50), "2026-04-04"))
    return path


@pytest.fixture
def parser_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts calls to the parser behind load_registry (and still parses)."""
    calls: list[str] = []
    real = tui.sources.parse_bytes

    def counting(data: bytes, source: str):
        calls.append(source)
        return real(data, source)

    monkeypatch.setattr(tui.sources, "parse_bytes", counting)
    return calls


def entry_for(path: Path) -> Path:
    return cache.entry_path("registry", cache.content_hash(path.read_bytes()))


def same_registry(a, b) -> bool:
    return (
        a.records == b.records
        and [r.port_low for r in a] == [r.port_low for r in b]
        and a.contacts == b.contacts
        and (a.title, a.updated, a.format, a.skipped) == (b.title, b.updated, b.format, b.skipped)
    )


def test_second_load_does_not_parse(
    registry_file: Path, parser_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_registry(registry_file)
    assert len(parser_calls) == 1
    assert entry_for(registry_file).is_file()

    def must_not_parse(data: bytes, source: str):
        raise AssertionError("parser called on a cache hit")

    monkeypatch.setattr(tui.sources, "parse_bytes", must_not_parse)
    second = load_registry(registry_file)
    assert same_registry(first, second)
    assert second.source == str(registry_file) and second.source_kind == "explicit"
    assert second.content_hash == cache.content_hash(registry_file.read_bytes())


def test_cache_lives_in_xdg_cache_home(registry_file: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "my-cache"))
    load_registry(registry_file)
    assert entry_for(registry_file).parent == tmp_path / "my-cache" / "iana-ports"
    assert entry_for(registry_file).is_file()


def test_changed_file_is_parsed_again(registry_file: Path, parser_calls: list[str]) -> None:
    load_registry(registry_file)
    registry_file.write_bytes(registry_xml(generated_rows(60), "2026-05-05"))
    registry = load_registry(registry_file)
    assert len(parser_calls) == 2
    assert len(registry) == 60 and registry.updated == "2026-05-05"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"schema": 1, "stamp": "x"',
        pickle.dumps({"records": []}),
        b"[1, 2, 3]",
        b"[" * 100_000,
    ],
    ids=["empty", "garbage", "cut-off", "pickle", "not-an-object", "deep-nesting"],
)
def test_corrupt_entry_is_ignored_and_rebuilt(
    registry_file: Path, parser_calls: list[str], damage: bytes
) -> None:
    expected = load_registry(registry_file)
    entry_for(registry_file).write_bytes(damage)
    registry = load_registry(registry_file)
    assert len(parser_calls) == 2
    assert same_registry(expected, registry)
    rebuilt = json.loads(entry_for(registry_file).read_bytes())
    assert rebuilt["stamp"] == cache.code_stamp("registry")


def rewrite_entry(path: Path, change) -> None:
    entry = entry_for(path)
    envelope = json.loads(entry.read_bytes())
    change(envelope)
    entry.write_text(json.dumps(envelope))


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.update(stamp="0.0.1+0000000000000000"),
        lambda e: e.update(schema=cache.CACHE_SCHEMA + 1),
        lambda e: e.update(hash="0" * 64),
        lambda e: e.update(kind="index"),
        lambda e: e.pop("data"),
    ],
    ids=["other-version", "other-schema", "other-hash", "other-kind", "no-data"],
)
def test_foreign_entry_is_ignored(registry_file: Path, parser_calls: list[str], change) -> None:
    load_registry(registry_file)
    rewrite_entry(registry_file, change)
    registry = load_registry(registry_file)
    assert len(parser_calls) == 2 and len(registry) == 50


def test_entry_written_by_another_version_is_ignored(
    registry_file: Path, parser_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_registry(registry_file)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    cache.code_stamp.cache_clear()
    try:
        assert len(load_registry(registry_file)) == 50
        assert len(parser_calls) == 2
        assert json.loads(entry_for(registry_file).read_bytes())["stamp"].startswith("99.0.0+")
    finally:
        monkeypatch.undo()
        cache.code_stamp.cache_clear()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["records"][3].__setitem__(0, 22),
        lambda d: d["records"][3].append("extra"),
        lambda d: d["records"][3].__setitem__(12, "22"),
        lambda d: d["records"].__setitem__(0, {"service_name": "x"}),
        lambda d: d["contacts"].append(["id", "name", None, "", ""]),
        lambda d: d.__setitem__("updated", ["2026"]),
        lambda d: d.__setitem__("skipped", True),
        lambda d: d.__setitem__("records", "everything"),
    ],
    ids=[
        "int-cell",
        "wide-row",
        "string-port-bound",
        "dict-row",
        "null-in-contact",
        "list-date",
        "bool-count",
        "records-not-list",
    ],
)
def test_entry_of_the_wrong_shape_is_refused(
    registry_file: Path, parser_calls: list[str], change
) -> None:
    expected = load_registry(registry_file)
    rewrite_entry(registry_file, lambda envelope: change(envelope["data"]))
    registry = load_registry(registry_file)
    assert len(parser_calls) == 2
    assert same_registry(expected, registry)


def test_unwritable_cache_is_not_an_error(
    registry_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache dir cannot be made under a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(load_registry(registry_file)) == 50
    assert len(load_registry(registry_file)) == 50


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    for count in range(1, 7):
        path = tmp_path / f"r{count}.csv"
        path.write_bytes(registry_csv(generated_rows(count)))
        load_registry(path)
    entries = list(cache.cache_dir().glob("registry-*.json"))
    assert len(entries) == cache.KEEP_PER_KIND
    assert entry_for(tmp_path / "r6.csv") in entries


def test_generic_entries_for_other_kinds() -> None:
    digest = cache.content_hash(b"some source")
    assert cache.load("index", digest) is None
    assert cache.store("index", digest, {"names": ["ssh", "http"], "ports": [22, 80]})
    assert cache.load("index", digest) == {"names": ["ssh", "http"], "ports": [22, 80]}
    assert cache.load("registry", digest) is None
    with pytest.raises(ValueError):
        cache.entry_path("../escape", digest)


@pytest.mark.realdata
def test_real_registry_survives_the_cache_unchanged(parser_calls: list[str]) -> None:
    path = shared_file("service-names-port-numbers.xml")
    parsed = load_path(path)
    load_registry(path)
    cached = load_registry(path)
    assert len(parser_calls) == 1
    assert same_registry(parsed, cached)
    assert cached.experts == parsed.experts and cached.notes == parsed.notes
