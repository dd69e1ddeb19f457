"""Where the registry comes from: --registry, $IANA_PORTS_REGISTRY, the downloaded copy, the
bundled snapshot (the newer of the last two), and `--registry sample`.

Also the registry's one frozen origin, what `info` says about the source in use (text and
JSON), and that loading never touches the network.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import time
from pathlib import Path

import pytest
from registry_server import generated_rows, registry_csv

from tui.cli.command_line import main
from tui.cli.info import info_lines
from tui.registry.facts import info_facts
from tui.registry.model import RegistryError
from tui.registry.origin import SourceKind
from tui.registry.sources import (
    BUNDLED,
    DOWNLOADED,
    ENVIRONMENT,
    EXPLICIT,
    SNAPSHOT_STALE_AFTER_DAYS,
    STALE_AFTER_DAYS,
    bundled_path,
    find_source,
    load_registry,
    sample_path,
    update_hint,
)
from tui.registry.userdata import CopyMeta, copy_path, write_meta

DAY = 86400.0


def write_registry(path: Path, count: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(registry_csv(generated_rows(count)))
    return path


def info_text(registry, now: float | None = None) -> str:
    return "\n".join(line.plain for line in info_lines(registry, now))


@pytest.fixture
def three_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A downloaded copy (7 records), an environment file (5) and an explicit file (3)."""
    downloaded = write_registry(copy_path(), 7)
    environment = write_registry(tmp_path / "env.csv", 5)
    explicit = write_registry(tmp_path / "explicit.csv", 3)
    monkeypatch.setenv("IANA_PORTS_REGISTRY", str(environment))
    return {DOWNLOADED: downloaded, ENVIRONMENT: environment, EXPLICIT: explicit}


def test_precedence_explicit_then_environment_then_copy_then_excerpt(
    three_sources: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = load_registry(three_sources[EXPLICIT])
    assert (registry.origin.kind, len(registry)) == (EXPLICIT, 3)
    assert registry.source == registry.origin.path == str(three_sources[EXPLICIT])

    registry = load_registry()
    assert (registry.origin.kind, len(registry)) == (ENVIRONMENT, 5)

    monkeypatch.delenv("IANA_PORTS_REGISTRY")
    registry = load_registry()
    assert (registry.origin.kind, len(registry)) == (DOWNLOADED, 7)
    assert registry.source == registry.origin.path == str(copy_path())

    copy_path().unlink()
    registry = load_registry()
    assert registry.origin.kind == BUNDLED and registry.origin.packaged
    assert registry.source == registry.origin.path == str(bundled_path())


def test_empty_environment_variable_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IANA_PORTS_REGISTRY", "  ")
    assert find_source().kind == BUNDLED


def test_copy_lives_in_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    assert copy_path() == tmp_path / "elsewhere" / "iana-ports" / "registry"


def test_missing_environment_file_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    missing = tmp_path / "gone.xml"
    monkeypatch.setenv("IANA_PORTS_REGISTRY", str(missing))
    with pytest.raises(RegistryError, match=r"no such file \(named by \$IANA_PORTS_REGISTRY\)"):
        load_registry()
    assert main(["info"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err and "IANA_PORTS_REGISTRY" in err


def test_damaged_copy_says_how_to_repair_it() -> None:
    copy_path().parent.mkdir(parents=True)
    copy_path().write_bytes(b"\x00\x01\x02 not a registry \xff" * 100)
    with pytest.raises(RegistryError, match="run `iana-ports update`") as caught:
        load_registry()
    assert str(copy_path()) in str(caught.value)


def test_info_on_a_downloaded_copy_shows_its_age() -> None:
    write_registry(copy_path(), 4)
    fetched = time.time() - 12 * DAY
    write_meta(copy_path(), CopyMeta(url="http://127.0.0.1/x", fetched_at=fetched))
    registry = load_registry()
    assert registry.origin.copy_time == pytest.approx(fetched)
    text = info_text(registry)
    assert "downloaded copy" in text and str(copy_path()) in text
    assert "fetched" in text and "12 days ago" in text
    assert "From:     downloaded from http://127.0.0.1/x" in text
    assert "iana-ports update" not in text


def test_old_copy_earns_a_hint_fresh_and_explicit_ones_do_not(tmp_path: Path) -> None:
    write_registry(copy_path(), 4)
    write_meta(copy_path(), CopyMeta(fetched_at=1_000_000_000.0))
    registry = load_registry()
    stale_now = 1_000_000_000.0 + (STALE_AFTER_DAYS + 1) * DAY
    fresh_now = 1_000_000_000.0 + (STALE_AFTER_DAYS - 1) * DAY
    hint = update_hint(registry, stale_now)
    assert hint and f"{STALE_AFTER_DAYS + 1} days ago" in hint
    assert "iana-ports update" in info_text(registry, stale_now)
    assert update_hint(registry, fresh_now) is None

    explicit = load_registry(write_registry(tmp_path / "old.csv", 4))
    explicit.origin = dataclasses.replace(explicit.origin, copy_time=1_000_000_000.0)
    assert update_hint(explicit, stale_now) is None
    assert "--registry" in info_text(explicit, stale_now)


def test_a_recent_304_check_makes_an_old_download_current() -> None:
    write_registry(copy_path(), 4)
    write_meta(copy_path(), CopyMeta(fetched_at=1_000.0, checked_at=time.time() - DAY))
    registry = load_registry()
    assert update_hint(registry) is None
    assert "1 day ago" in info_text(registry)


def test_loading_never_touches_the_network(
    three_sources: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("network access while loading a registry")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert len(load_registry(three_sources[EXPLICIT])) == 3
    assert main(["info"]) == 0
    monkeypatch.delenv("IANA_PORTS_REGISTRY")
    assert main(["info"]) == 0
    assert main(["search", "gen-svc-0002"]) == 0
    assert "gen-svc-0002" in capsys.readouterr().out


def test_the_origin_is_frozen_and_set_by_load_registry(tmp_path: Path) -> None:
    path = write_registry(tmp_path / "mine.csv", 3)
    origin = load_registry(path).origin
    assert (origin.kind, origin.path) == (SourceKind.EXPLICIT, str(path))
    assert origin.content_hash and origin.copy_time == pytest.approx(path.stat().st_mtime)
    with pytest.raises(dataclasses.FrozenInstanceError):
        origin.kind = SourceKind.BUNDLED  # type: ignore[misc]
    sample = load_registry("sample").origin
    assert (sample.kind, sample.path) == (SourceKind.SAMPLE, str(sample_path()))


def installed_copy(updated: str, meta: CopyMeta | None = None) -> Path:
    """A downloaded copy in IANA's XML dated `updated`, 1,200 records."""
    from registry_server import registry_xml

    copy_path().parent.mkdir(parents=True, exist_ok=True)
    copy_path().write_bytes(registry_xml(generated_rows(1200), updated=updated))
    write_meta(
        copy_path(), meta or CopyMeta(installed_from="/tmp/iana.xml", fetched_at=time.time())
    )
    return copy_path()


def test_a_copy_older_than_the_snapshot_gives_way_and_info_says_so() -> None:
    installed_copy("2020-01-02")
    registry = load_registry()
    assert registry.origin.kind == BUNDLED and len(registry) > 14_000
    passed = registry.origin.passed_over
    assert passed and (passed.path, passed.updated) == (str(copy_path()), "2020-01-02")
    text = info_text(registry)
    assert "bundled snapshot (2026-08-17) is newer than your downloaded copy (2020-01-02)" in text
    facts = info_facts(registry)
    assert facts["passed_over"] == {"path": str(copy_path()), "updated": "2020-01-02"}


def test_a_copy_newer_than_the_snapshot_is_used_and_says_where_it_came_from() -> None:
    installed_copy("2099-01-02")
    registry = load_registry()
    assert registry.origin.kind == DOWNLOADED and len(registry) == 1200
    assert registry.origin.passed_over is None
    assert "From:     installed from /tmp/iana.xml" in info_text(registry)
    assert info_facts(registry)["obtained"] == {"how": "installed", "from": "/tmp/iana.xml"}


def test_an_old_snapshot_earns_the_update_hint_past_120_days() -> None:
    registry = load_registry()
    assert registry.origin.kind == BUNDLED and registry.updated == "2026-08-17"
    snapshot_day = time.mktime(time.strptime("2026-08-17 12:00", "%Y-%m-%d %H:%M"))
    old = snapshot_day + (SNAPSHOT_STALE_AFTER_DAYS + 1) * DAY
    young = snapshot_day + (SNAPSHOT_STALE_AFTER_DAYS - 1) * DAY
    hint = update_hint(registry, old)
    assert hint and f"{SNAPSHOT_STALE_AFTER_DAYS + 1} days ago" in hint and "2026-08-17" in hint
    assert "iana-ports update" in info_text(registry, old)
    assert update_hint(registry, young) is None
    assert "iana-ports update" not in info_text(registry, young)
    assert f"Updated:  2026-08-17 ({SNAPSHOT_STALE_AFTER_DAYS - 1} days ago)" in info_text(
        registry, young
    )


def test_info_json_states_the_same_facts(capsys) -> None:
    installed_copy("2099-01-02", CopyMeta(url="http://127.0.0.1:9/r.xml", fetched_at=time.time()))
    assert main(["info", "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["source"] == "downloaded" and facts["records"] == 1200
    assert facts["updated"] == "2099-01-02" and facts["copy"]["how"] == "fetched"
    assert facts["obtained"] == {"how": "downloaded", "from": "http://127.0.0.1:9/r.xml"}
    assert facts["hint"] is None and facts["passed_over"] is None
    assert main(["info", "--format", "json", "--registry", "sample"]) == 0
    sample = json.loads(capsys.readouterr().out)
    assert (sample["source"], sample["records"], sample["copy"]) == ("sample", 100, None)


def test_info_on_a_copy_installed_from_a_file_never_calls_it_downloaded() -> None:
    write_registry(copy_path(), 4)
    installed = time.time() - 3 * DAY
    write_meta(copy_path(), CopyMeta(installed_from="/srv/iana.xml", fetched_at=installed))
    registry = load_registry()
    text = info_text(registry)
    assert "Source:   installed copy" in text and "downloaded" not in text
    assert "Copy:     installed" in text and "3 days ago" in text and "fetched" not in text
    assert "From:     installed from /srv/iana.xml" in text
