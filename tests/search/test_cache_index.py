"""The search index kept in the cache: read back instead of built, the same, never trusted."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from cache_support import entry_for, read_envelope, rewrite_entry, sealed
from conftest import SHARED_DATA, shared_file
from search_registry import RECORDS

from tui.cli import command_line as cli
from tui.registry import cache
from tui.registry.formats import load_path
from tui.registry.formats.csv_registry import write
from tui.registry.model import Registry
from tui.registry.origin import Origin, SourceKind
from tui.registry.sources import load_registry
from tui.search import SearchIndex
from tui.search.store import INDEX_KIND
from tui.search.terms import TermIndex

QUERIES = [
    "ssh", "secure shell", "sftp", "kerbros", "ftp", "file transfer", "dns", "domain name",
    "22", "6010", "6000-6100", "8080", "sql*net", "ms sql", "postgres", "x window",
    "name:ssh", "proto:udp ftp", "by:postel", "ref:rfc959", "status:unassigned", "twin",
    "netbios", "telent", "qotd", "rje 5", "49999", "",
]  # fmt: skip
"""Words, typos, acronyms, ports, ranges, phrases and qualifiers: every structure is read."""

TERM_PARTS = (
    "entries", "name_postings", "desc_postings", "other_postings", "compact_names",
    "single_ports", "range_entries", "initials", "initials_owners", "vocabulary",
    "fuzzy_vocabulary", "names_sorted", "single_ports_sorted", "initials_text",
    "initials_offsets",
)  # fmt: skip


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    """The hand-built search registry as IANA's CSV, so tui.registry.sources reads (and caches) it."""
    path = tmp_path / "ports.csv"
    out = io.StringIO()
    write(RECORDS, out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts index builds (and still builds)."""
    calls: list[int] = []
    real = TermIndex._build

    def counting(self: TermIndex, initials: list[str]) -> None:
        calls.append(len(self.records))
        real(self, initials)

    monkeypatch.setattr(TermIndex, "_build", counting)
    return calls


def forbid_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_build(self: TermIndex, initials: list[str]) -> None:
        raise AssertionError("the index was built on a cache hit")

    monkeypatch.setattr(TermIndex, "_build", must_not_build)


def answers(index: SearchIndex) -> list[list[tuple[Any, ...]]]:
    """Every query's hits: record, score and matched spans."""
    return [
        [(hit.record.key, hit.score, hit.matches) for hit in index.search(query, limit=None)]
        for query in QUERIES
    ]


def index_entry(path: Path) -> Path:
    return entry_for(path, INDEX_KIND)


def test_second_start_reads_the_index(
    registry_file: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = SearchIndex(load_registry(registry_file))
    assert builds == [len(RECORDS)]
    assert index_entry(registry_file).is_file()
    expected = answers(built)

    forbid_building(monkeypatch)
    restored = SearchIndex(load_registry(registry_file))
    assert answers(restored) == expected


def test_restored_index_is_the_built_one(registry_file: Path) -> None:
    SearchIndex(load_registry(registry_file))
    registry = load_registry(registry_file)
    restored = SearchIndex(registry).terms
    built = TermIndex(registry)
    for part in TERM_PARTS:
        assert getattr(restored, part) == getattr(built, part), part
    assert restored.records is registry.records


def test_search_answers_the_same_from_a_restored_index(registry_file: Path) -> None:
    SearchIndex(load_registry(registry_file))
    registry = load_registry(registry_file)
    restored = SearchIndex(registry)
    registry.origin = Origin()  # the same records, no content hash: indexed from scratch
    assert answers(restored) == answers(SearchIndex(registry))


def test_registries_without_a_content_hash_are_indexed_not_cached(
    registry_file: Path, builds: list[int]
) -> None:
    registry = load_path(registry_file)
    SearchIndex(registry)
    SearchIndex(registry)
    assert builds == [len(RECORDS), len(RECORDS)]
    assert not list(cache.cache_dir().glob(f"{INDEX_KIND}-*"))


def test_the_bundled_snapshot_is_cached_like_any_file(builds: list[int]) -> None:
    registry = load_registry()
    assert registry.origin.kind == SourceKind.BUNDLED and registry.content_hash
    SearchIndex(registry)
    assert len(builds) == 1
    assert list(cache.cache_dir().glob(f"{INDEX_KIND}-*"))
    SearchIndex(load_registry())
    assert len(builds) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 3],
        lambda raw: cache.MAGIC + b"\x00" * 64,
        lambda raw: raw.replace(b"ssh", b"ss\xff", 1),
        lambda raw: sealed(raw[len(cache.MAGIC) + 4 : -5]),
    ],
    ids=["empty", "cut-off", "zeros", "a-word-changed", "sealed-cut-off"],
)
def test_corrupt_index_entry_is_rebuilt(registry_file: Path, builds: list[int], damage) -> None:
    expected = answers(SearchIndex(load_registry(registry_file)))
    entry = index_entry(registry_file)
    entry.write_bytes(damage(entry.read_bytes()))
    assert answers(SearchIndex(load_registry(registry_file))) == expected
    assert len(builds) == 2
    assert read_envelope(entry)[1] == cache.code_stamp(INDEX_KIND)


def _first_key(data: dict[str, Any], part: str) -> Any:
    return next(iter(data[part]))


def _set_first(data: dict[str, Any], part: str, value: Any) -> None:
    data[part][_first_key(data, part)] = value


def _entry_cell(data: dict[str, Any], column: int, value: Any) -> None:
    data["entries"][column][0] = value


def _records_plus_one(data: dict[str, Any]) -> None:
    data["records"] += 1


WRONG_SHAPES = {
    "entry-id-past-the-end": lambda d: _set_first(d, "name_postings", [len(d["entries"][0])]),
    "negative-entry-id": lambda d: _set_first(d, "desc_postings", [-1]),
    "float-entry-id": lambda d: _set_first(d, "compact_names", [0.0]),
    "bool-entry-id": lambda d: _set_first(d, "name_postings", [True]),
    "empty-postings": lambda d: _set_first(d, "other_postings", []),
    "tuple-postings": lambda d: _set_first(d, "name_postings", (0,)),
    "int-word": lambda d: d["desc_postings"].__setitem__(5, [0]),
    "string-port": lambda d: d["single_ports"].__setitem__("22", [0]),
    "port-entry-past-the-end": lambda d: _set_first(d, "single_ports", [10**6]),
    "record-past-the-end": lambda d: _entry_cell(d, 0, [d["records"]]),
    "entry-without-records": lambda d: _entry_cell(d, 0, []),
    "list-of-words": lambda d: _entry_cell(d, 3, ["secure"]),
    "int-in-words": lambda d: _entry_cell(d, 4, (1,)),
    "int-name": lambda d: _entry_cell(d, 1, 7),
    "int-prior": lambda d: _entry_cell(d, 6, 45),
    "int-named": lambda d: _entry_cell(d, 7, 1),
    "string-port-bound": lambda d: _entry_cell(d, 8, "22"),
    "short-entry-column": lambda d: d["entries"][2].pop(),
    "missing-entry-column": lambda d: d["entries"].pop(),
    "range-of-two": lambda d: d["range_entries"].__setitem__(0, (6000, 6063)),
    "range-entry-past-the-end": lambda d: d["range_entries"].append((1, 2, 10**6)),
    "range-as-list": lambda d: d["range_entries"].__setitem__(0, list(d["range_entries"][0])),
    "vocabulary-unsorted": lambda d: d["vocabulary"].reverse(),
    "vocabulary-repeats": lambda d: d["vocabulary"].append(d["vocabulary"][-1]),
    "unknown-name": lambda d: d["names_sorted"].append("zzzz-not-a-name"),
    "name-left-out": lambda d: d["names_sorted"].pop(),
    "initials-longer-than-words": lambda d: d["initials"].__setitem__(0, d["initials"][0] + "x"),
    "owner-past-the-end": lambda d: d["initials_owners"][0].__setitem__(0, 10**6),
    "owner-not-bool": lambda d: d["initials_owners"][2].__setitem__(0, 1),
    "other-record-count": _records_plus_one,
    "part-missing": lambda d: d.pop("vocabulary"),
}


@pytest.mark.parametrize("change", WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_index_entry_of_the_wrong_shape_is_refused(
    registry_file: Path, builds: list[int], change
) -> None:
    expected = answers(SearchIndex(load_registry(registry_file)))
    rewrite_entry(registry_file, lambda envelope: change(envelope[4]), INDEX_KIND)
    assert answers(SearchIndex(load_registry(registry_file))) == expected
    assert len(builds) == 2


def test_index_data_that_is_not_a_mapping_is_refused(
    registry_file: Path, builds: list[int]
) -> None:
    expected = answers(SearchIndex(load_registry(registry_file)))
    rewrite_entry(registry_file, lambda envelope: envelope.__setitem__(4, [1, 2]), INDEX_KIND)
    assert answers(SearchIndex(load_registry(registry_file))) == expected
    assert len(builds) == 2


def test_index_of_another_registry_is_refused(
    registry_file: Path, tmp_path: Path, builds: list[int]
) -> None:
    other = tmp_path / "other.csv"
    other.write_text(registry_file.read_text().replace("Secure Shell", "Safe Shell"))
    SearchIndex(load_registry(other))
    expected = answers(SearchIndex(load_registry(registry_file)))
    index_entry(registry_file).write_bytes(index_entry(other).read_bytes())
    assert answers(SearchIndex(load_registry(registry_file))) == expected
    assert len(builds) == 3


def test_registry_of_other_records_under_the_same_hash_is_indexed_afresh(
    registry_file: Path, builds: list[int]
) -> None:
    SearchIndex(load_registry(registry_file))
    registry = load_registry(registry_file)
    shorter = Registry(records=registry.records[:-3], origin=registry.origin)
    assert len(SearchIndex(shorter).search("", limit=None)) == len(RECORDS) - 3
    assert len(builds) == 2


def test_new_search_code_rebuilds_the_index_not_the_registry(
    registry_file: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    SearchIndex(load_registry(registry_file))
    real_stamp = cache.code_stamp

    def stamp(kind: str = "") -> str:
        return real_stamp(kind) + ("-edited" if kind == INDEX_KIND else "")

    monkeypatch.setattr(cache, "code_stamp", stamp)
    monkeypatch.setattr(
        "tui.registry.sources.parse_bytes", pytest.fail
    )  # the registry entry still holds
    assert SearchIndex(load_registry(registry_file)).search("ssh")
    assert len(builds) == 2
    assert read_envelope(index_entry(registry_file))[1].endswith("-edited")


def test_index_stamp_covers_the_code_that_shapes_it() -> None:
    shaping = cache.STAMPED_MODULES[INDEX_KIND]
    for module in (
        "search/terms.py",
        "search/store.py",
        "search/query.py",
        "registry/*.py",
        "registry/formats/*.py",
    ):
        assert module in shaping
    assert cache.code_stamp(INDEX_KIND) != cache.code_stamp("registry")


def test_index_stamp_covers_the_tables_it_indexes() -> None:
    """The common names and the services list are indexed: an edited table is a new index."""
    package = Path(cache.__file__).parents[1]
    stamped = {
        path.relative_to(package).as_posix()
        for pattern in cache.STAMPED_MODULES[INDEX_KIND]
        for path in package.glob(pattern)
    }
    assert {"data/common-names.csv", "data/common-services.txt"} <= stamped
    assert {"search/popular.py", "search/notation.py", "search/entry.py"} <= stamped


def test_unwritable_cache_still_searches(
    registry_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[int]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache dir cannot be made under a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert SearchIndex(load_registry(registry_file)).search("ssh")
    assert SearchIndex(load_registry(registry_file)).search("ssh")
    assert len(builds) == 2


def test_command_line_search_reads_the_index(
    registry_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["search", "ssh", "--format", "csv", "--registry", str(registry_file)]
    assert cli.main(argv) == 0
    first = capsys.readouterr().out
    forbid_building(monkeypatch)
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == first


@pytest.mark.realdata
def test_real_registry_index_is_read_back_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_file("service-names-port-numbers.xml")
    dev = SHARED_DATA.parent / "queries-dev.tsv"
    queries = [line.split("\t")[0] for line in dev.read_text().splitlines()[1:] if line.strip()]
    built = SearchIndex(load_registry(path))
    forbid_building(monkeypatch)
    restored = SearchIndex(load_registry(path))
    for part in TERM_PARTS:
        assert getattr(restored.terms, part) == getattr(built.terms, part), part
    for query in [*queries, *QUERIES]:
        expected = built.search(query, limit=20)
        assert [(h.record, h.score, h.matches) for h in restored.search(query, limit=20)] == [
            (h.record, h.score, h.matches) for h in expected
        ], query
