"""The parsed-registry cache: used when the bytes are unchanged, never trusted otherwise."""

from __future__ import annotations

import marshal
import pickle
from pathlib import Path
from typing import Any

import pytest
from cache_support import entry_for, read_envelope, rewrite_entry, sealed
from conftest import shared_file
from registry_server import generated_rows, registry_csv, registry_xml

import tui.registry.sources
from tui.registry import cache
from tui.registry.formats import load_path
from tui.registry.origin import SourceKind
from tui.registry.sources import load_registry


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    path = tmp_path / "ports.xml"
    path.write_bytes(registry_xml(generated_rows(50), "2026-04-04"))
    return path


@pytest.fixture
def parser_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts calls to the parser behind load_registry (and still parses)."""
    calls: list[str] = []
    real = tui.registry.sources.parse_bytes

    def counting(data: bytes, source: str):
        calls.append(source)
        return real(data, source)

    monkeypatch.setattr(tui.registry.sources, "parse_bytes", counting)
    return calls


def same_registry(a, b) -> bool:
    return (
        a.records == b.records
        and [(r.port_low, r.port_high) for r in a] == [(r.port_low, r.port_high) for r in b]
        and a.contacts == b.contacts
        and (a.title, a.updated, a.format, a.skipped) == (b.title, b.updated, b.format, b.skipped)
        and a.skipped_lines == b.skipped_lines
    )


def test_second_load_does_not_parse(
    registry_file: Path, parser_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_registry(registry_file)
    assert len(parser_calls) == 1
    assert entry_for(registry_file).is_file()

    def must_not_parse(data: bytes, source: str):
        raise AssertionError("parser called on a cache hit")

    monkeypatch.setattr(tui.registry.sources, "parse_bytes", must_not_parse)
    second = load_registry(registry_file)
    assert same_registry(first, second)
    assert second.source == str(registry_file) and second.origin.kind == SourceKind.EXPLICIT
    assert second.content_hash == cache.content_hash(registry_file.read_bytes())


def test_entry_is_marshal_of_plain_values_behind_the_magic(registry_file: Path) -> None:
    load_registry(registry_file)
    schema, stamp, kind, digest, data = read_envelope(entry_for(registry_file))
    assert (schema, stamp, kind) == (cache.CACHE_SCHEMA, cache.code_stamp("registry"), "registry")
    assert digest == cache.content_hash(registry_file.read_bytes())
    assert entry_for(registry_file).name == f"registry-{digest}{cache.SUFFIX}"
    assert len(data["records"]) == 14 and {len(column) for column in data["records"]} == {50}


def test_repeated_cells_are_stored_once(tmp_path: Path) -> None:
    """Cells with the same text share one string, in the entry and in the records read back."""
    path = tmp_path / "ports.csv"
    path.write_bytes(registry_csv(generated_rows(40)))
    load_registry(path)
    registry = load_registry(path)
    tcp = [r.transport_protocol for r in registry if r.transport_protocol == "tcp"]
    assert len(tcp) > 1 and all(text is tcp[0] for text in tcp)


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


CODE_RAN = "cache-code-ran"


def code_that_leaves_a_mark(folder: Path) -> bytes:
    """marshal of a code object that, were it ever run, would create a file."""
    code = compile(f"open({str(folder / CODE_RAN)!r}, 'w').close()", "crafted", "exec")
    return marshal.dumps(code)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw, folder: b"",
        lambda raw, folder: b"{not marshal",
        lambda raw, folder: raw[: len(raw) // 2],
        lambda raw, folder: raw[:-1],
        lambda raw, folder: raw[:-1] + bytes([raw[-1] ^ 1]),
        lambda raw, folder: raw.replace(b"gen-svc", b"gen-svx", 1),
        lambda raw, folder: cache.MAGIC,
        lambda raw, folder: pickle.dumps({"records": []}),
        lambda raw, folder: b'{"schema": 1, "stamp": "x", "data": {}}',
        lambda raw, folder: sealed(b""),
        lambda raw, folder: sealed(pickle.dumps({"records": []})),
        lambda raw, folder: sealed(marshal.dumps([1, 2, 3])),
        lambda raw, folder: sealed(b"[\x01\x00\x00\x00" * 5000 + b"N"),
        lambda raw, folder: sealed(b"[" + (2**31 - 1).to_bytes(4, "little")),
        lambda raw, folder: sealed(code_that_leaves_a_mark(folder)),
    ],
    ids=[
        "empty",
        "garbage",
        "cut-in-half",
        "last-byte-missing",
        "a-bit-flipped",
        "a-name-changed",
        "magic-only",
        "pickle",
        "json-of-old-schema",
        "sealed-nothing",
        "sealed-pickle",
        "sealed-list",
        "sealed-deep-nesting",
        "sealed-claim-of-a-huge-list",
        "sealed-code-object",
    ],
)
def test_corrupt_entry_is_ignored_and_rebuilt(
    registry_file: Path, parser_calls: list[str], damage, tmp_path: Path
) -> None:
    expected = load_registry(registry_file)
    entry = entry_for(registry_file)
    entry.write_bytes(damage(entry.read_bytes(), tmp_path))
    registry = load_registry(registry_file)
    assert len(parser_calls) == 2
    assert same_registry(expected, registry)
    assert read_envelope(entry)[1] == cache.code_stamp("registry")
    assert not (tmp_path / CODE_RAN).exists()


def test_code_object_in_the_data_is_refused_never_run(
    registry_file: Path, parser_calls: list[str], tmp_path: Path
) -> None:
    load_registry(registry_file)
    code = marshal.loads(code_that_leaves_a_mark(tmp_path))
    rewrite_entry(registry_file, lambda e: e.__setitem__(4, code))
    assert len(load_registry(registry_file)) == 50
    assert len(parser_calls) == 2
    assert not (tmp_path / CODE_RAN).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.__setitem__(1, "0.0.1+0000000000000000"),
        lambda e: e.__setitem__(0, cache.CACHE_SCHEMA + 1),
        lambda e: e.__setitem__(3, "0" * 64),
        lambda e: e.__setitem__(2, "index"),
        lambda e: e.pop(),
        lambda e: e.append("extra"),
    ],
    ids=["other-version", "other-schema", "other-hash", "other-kind", "no-data", "longer"],
)
def test_foreign_entry_is_ignored(registry_file: Path, parser_calls: list[str], change) -> None:
    load_registry(registry_file)
    rewrite_entry(registry_file, change)
    registry = load_registry(registry_file)
    assert len(parser_calls) == 2 and len(registry) == 50


def test_entry_of_another_file_is_ignored(
    registry_file: Path, tmp_path: Path, parser_calls: list[str]
) -> None:
    other = tmp_path / "other.csv"
    other.write_bytes(registry_csv(generated_rows(7, tag="o")))
    load_registry(other)
    load_registry(registry_file)
    entry_for(registry_file).write_bytes(entry_for(other).read_bytes())
    registry = load_registry(registry_file)
    assert len(parser_calls) == 3 and len(registry) == 50


def test_entry_written_by_another_version_is_ignored(
    registry_file: Path, parser_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_registry(registry_file)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    cache.code_stamp.cache_clear()
    try:
        assert len(load_registry(registry_file)) == 50
        assert len(parser_calls) == 2
        assert read_envelope(entry_for(registry_file))[1].startswith("99.0.0+")
    finally:
        monkeypatch.undo()
        cache.code_stamp.cache_clear()


def _add_contact(data: dict[str, Any], values: list[Any]) -> None:
    for column, value in zip(data["contacts"], values, strict=True):
        column.append(value)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["records"][0].__setitem__(3, 22),
        lambda d: d["records"][0].__setitem__(3, b"ssh"),
        lambda d: d["records"][5].append("extra"),
        lambda d: d["records"].append(["x"] * 50),
        lambda d: d["records"][12].__setitem__(3, "22"),
        lambda d: d["records"][13].__setitem__(3, True),
        lambda d: d["records"][12].__setitem__(3, 22.0),
        lambda d: d["records"].__setitem__(0, {"service_name": "x"}),
        lambda d: d["records"].__setitem__(0, tuple(d["records"][0])),
        lambda d: _add_contact(d, ["id", "name", None, "", "", ()]),
        lambda d: _add_contact(d, ["id", "name", "", "", "", ("mailto:a", 7)]),
        lambda d: _add_contact(d, ["id", "name", "", "", "", ["mailto:a"]]),
        lambda d: d["contacts"][0].append("lonely"),
        lambda d: d.__setitem__("updated", ["2026"]),
        lambda d: d.__setitem__("skipped", True),
        lambda d: d["skipped_lines"].append("7"),
        lambda d: d.__setitem__("records", "everything"),
        lambda d: d.pop("contacts"),
    ],
    ids=[
        "int-cell",
        "bytes-cell",
        "long-column",
        "extra-column",
        "string-port-bound",
        "bool-port-bound",
        "float-port-bound",
        "dict-column",
        "tuple-column",
        "null-in-contact",
        "int-among-uris",
        "uris-not-tuple",
        "short-contact-columns",
        "list-date",
        "bool-count",
        "string-line-number",
        "records-not-list",
        "no-contacts",
    ],
)
def test_entry_of_the_wrong_shape_is_refused(
    registry_file: Path, parser_calls: list[str], change
) -> None:
    expected = load_registry(registry_file)
    rewrite_entry(registry_file, lambda envelope: change(envelope[4]))
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
    entries = list(cache.cache_dir().glob(f"registry-*{cache.SUFFIX}"))
    assert len(entries) == cache.KEEP_PER_KIND
    assert entry_for(tmp_path / "r6.csv") in entries


def test_entries_of_the_old_json_schema_are_removed(registry_file: Path) -> None:
    folder = cache.cache_dir()
    folder.mkdir(parents=True)
    legacy = folder / f"registry-{'a' * 64}.json"
    legacy.write_text('{"schema": 1}')
    unrelated = folder / "notes.json"
    unrelated.write_text("{}")
    load_registry(registry_file)
    assert not legacy.exists() and unrelated.exists()


def test_generic_entries_for_other_kinds() -> None:
    digest = cache.content_hash(b"some source")
    assert cache.load("notes", digest) is None
    assert cache.store("notes", digest, {"names": ["ssh", "http"], "ports": (22, 80)})
    assert cache.load("notes", digest) == {"names": ["ssh", "http"], "ports": (22, 80)}
    assert cache.load("registry", digest) is None
    assert not cache.store("notes", digest, {"not plain": object()})
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
