"""State files read defensively (issue 13.6): any content is ignored, rewritten, never fatal.

The project writes three kinds of state: the downloaded copy's `registry.download.json`,
the browser's `hints-shown.json`, and the cache entries. Each is fed hypothesis-generated
JSON (and, for the cache, arbitrary plain data behind a valid envelope), plus the cases the
adversarial run found: 100,000 nested brackets, NaN, a millisecond timestamp.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pytest
from app_support import answered, small_registry
from hostile_cases_support import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from registry_server import generated_rows, registry_xml

from tui import hints
from tui.app import PortsApp
from tui.registry import cache
from tui.registry.facts import info_facts
from tui.registry.origin import Origin, SourceKind
from tui.registry.sources import load_registry
from tui.registry.userdata import CopyMeta, copy_path, meta_path, read_meta, read_meta_checked

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FIELDS = ("url", "etag", "last_modified", "fetched_at", "checked_at", "installed_from")

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
meta_objects = st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=6), json_values, max_size=7
)
NESTED = "[" * 100_000 + "]" * 100_000


def copy_dated(updated: str = "2099-01-02") -> Path:
    """A downloaded copy newer than the bundled snapshot, so it is the one in use."""
    copy_path().parent.mkdir(parents=True, exist_ok=True)
    copy_path().write_bytes(registry_xml(generated_rows(1200), updated=updated))
    return copy_path()


def sound(meta: CopyMeta) -> bool:
    now = time.time() + 86400
    times = (meta.fetched_at, meta.checked_at)
    texts = (meta.url, meta.etag, meta.last_modified, meta.installed_from)
    return all(math.isfinite(t) and 0 <= t <= now for t in times) and all(
        isinstance(t, str) for t in texts
    )


@SETTINGS
@given(content=json_values | meta_objects)
def test_any_json_in_the_download_record_is_tolerated(content: object) -> None:
    copy = copy_dated()
    meta_path(copy).write_text(json.dumps(content), encoding="utf-8")
    meta, problem = read_meta_checked(copy)
    assert sound(meta)
    if problem:  # rewritten with what was sound: read again, it is clean
        assert "ignored" in problem
        assert read_meta_checked(copy) == (meta, "")
    registry = load_registry()
    facts = info_facts(registry)
    assert facts["source"] == "downloaded" and json.dumps(facts)


@SETTINGS
@given(content=st.binary(max_size=200) | st.just(NESTED.encode()))
def test_any_bytes_in_the_download_record_are_tolerated(content: bytes) -> None:
    copy = copy_dated()
    meta_path(copy).write_bytes(content)
    assert sound(read_meta(copy))


@pytest.mark.parametrize(
    "content, unusable",
    [
        (NESTED, "is over 65,536 bytes"),
        ("[" * 30_000 + "]" * 30_000, "not valid JSON"),
        ('{"fetched_at": NaN, "url": "http://127.0.0.1/x"}', "fetched_at"),
        ('{"fetched_at": 1764547200000.0}', "fetched_at"),
        ('{"fetched_at": 1e308, "checked_at": -5}', "fetched_at, checked_at"),
        ('{"etag": ["x"], "url": {"a": 1}}', "url, etag"),
        ('"just a string"', "not a JSON object"),
    ],
    ids=[
        "nested-100000",
        "nested-30000",
        "nan",
        "milliseconds",
        "huge-and-negative",
        "wrong-types",
        "not-object",
    ],
)
def test_info_search_and_the_notice_on_a_damaged_record(content: str, unusable: str) -> None:
    copy = copy_dated()
    meta_path(copy).write_text(content, encoding="utf-8")
    done = run_cli("info")
    assert done.returncode == 0, done.stderr
    assert "registry.download.json" in done.stdout and unusable in done.stdout
    assert "ignored and rewritten" in done.stdout
    json.loads(meta_path(copy).read_text(encoding="utf-8"))  # rewritten as sound JSON
    again = run_cli("info")
    assert again.returncode == 0 and "registry.download.json" not in again.stdout
    assert run_cli("search", "gen-svc-0002").returncode == 0


async def test_the_browser_starts_on_a_copy_whose_record_holds_nan() -> None:
    copy = copy_dated()
    meta_path(copy).write_text('{"fetched_at": NaN, "checked_at": Infinity}', encoding="utf-8")
    app = PortsApp()
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        assert app.registry.origin.kind == SourceKind.DOWNLOADED
        assert len(app.query_one("#results").results) == 1200


@SETTINGS
@given(content=json_values | st.just(json.loads("[" * 50 + "]" * 50)))
def test_any_json_in_the_hints_memory_is_tolerated_and_rewritten(content: object) -> None:
    hints.seen_path().parent.mkdir(parents=True, exist_ok=True)
    hints.seen_path().write_text(json.dumps(content), encoding="utf-8")
    assert hints.first_time("some-key") is True
    kept = json.loads(hints.seen_path().read_text(encoding="utf-8"))
    assert isinstance(kept, list) and all(isinstance(k, str) for k in kept) and "some-key" in kept
    assert hints.first_time("some-key") is False


async def test_a_deeply_nested_hints_memory_does_not_stop_the_old_copy_hint() -> None:
    hints.seen_path().parent.mkdir(parents=True, exist_ok=True)
    hints.seen_path().write_text(NESTED, encoding="utf-8")
    registry = small_registry()
    registry.origin = Origin(SourceKind.DOWNLOADED, copy_time=time.time() - 200 * 86400)
    app = PortsApp(registry)
    async with app.run_test(size=(120, 30)) as pilot:
        await answered(pilot)
        assert [n.title for n in app._notifications] == ["An old copy"]


plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=20,
)


@SETTINGS
@given(payload=plain_values)
def test_any_plain_data_in_a_cache_entry_is_refused_or_decoded_never_fatal(payload: object) -> None:
    digest = "ab" * 32
    assert cache.store("registry", digest, payload)
    loaded = cache.load("registry", digest)
    assert cache.decode_registry(loaded) is None or isinstance(payload, dict)


@SETTINGS
@given(noise=st.binary(max_size=300))
def test_any_bytes_in_a_cache_entry_are_ignored(noise: bytes) -> None:
    path = cache.entry_path("registry", "cd" * 32)
    path.parent.mkdir(parents=True, exist_ok=True)
    for content in (noise, cache.MAGIC + noise):
        path.write_bytes(content)
        assert cache.decode_registry(cache.load("registry", "cd" * 32)) is None
