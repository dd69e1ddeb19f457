"""What `update` accepts, what it refuses without `--force`, the copies it keeps, `--rollback`,
and the metadata it records about where a copy came from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from cli_support import run_main
from registry_server import (
    Route,
    Server,
    generated_rows,
    registry_csv,
    registry_xml,
)
from update_support import (
    assert_failed_cleanly,
    data_files,
    first_copy_checked,
)

from tui.registry.userdata import copy_path, data_dir, meta_path, read_meta

ROWS = generated_rows(1200)


pytestmark = pytest.mark.usefixtures("loopback_updates")


def xml_file(tmp_path: Path, name: str, updated: str, rows: list[list[str]] = ROWS) -> Path:
    path = tmp_path / name
    path.write_bytes(registry_xml(rows, updated))
    return path


def install(capsys: pytest.CaptureFixture[str], path: Path, *more: str) -> str:
    code, out, err = run_main(capsys, "update", "--from", str(path), *more)
    assert code == 0, err
    return out


def test_copies_of_one_record_are_not_a_registry(tmp_path: Path, capsys) -> None:
    install(capsys, xml_file(tmp_path, "good.xml", "2026-01-01"))
    before, listing = copy_path().read_bytes(), data_files()
    duplicates = tmp_path / "dup.csv"
    duplicates.write_bytes(registry_csv([ROWS[0]] * 1500))
    code, _, err = run_main(capsys, "update", "--from", str(duplicates), "--force")
    assert_failed_cleanly(code, err, before, listing)
    assert "only 1 distinct entries" in err and "1,500 records" in err


def test_a_registry_removing_most_entries_is_refused_unless_forced(
    server: Server, tmp_path: Path, capsys
) -> None:
    install(capsys, xml_file(tmp_path, "good.xml", "2026-01-01"))
    before, listing = copy_path().read_bytes(), data_files()
    others = generated_rows(1100, start_port=20000)
    for row in others:
        row[0] = row[0].replace("gen-", "other-")
    server.routes["/other.xml"] = Route(body=registry_xml(others, "2026-02-02"))
    code, _, err = run_main(capsys, "update", "--url", server.url("/other.xml"))
    assert_failed_cleanly(code, err, before, listing)
    assert code == 1
    assert "update refused" in err and "remove 1,200 of the 1,200 entries" in err
    assert "--force" in err

    code, out, err = run_main(capsys, "update", "--url", server.url("/other.xml"), "--force")
    assert code == 0, err
    assert "1,100 added, 1,200 removed" in out


def test_an_older_download_is_refused_unless_forced(server: Server, tmp_path: Path, capsys) -> None:
    install(capsys, xml_file(tmp_path, "good.xml", "2026-03-04"))
    before, listing = copy_path().read_bytes(), data_files()
    server.routes["/old.xml"] = Route(body=registry_xml(ROWS, "2025-05-05"))
    code, _, err = run_main(capsys, "update", "--url", server.url("/old.xml"))
    assert_failed_cleanly(code, err, before, listing)
    assert code == 1
    assert "dated 2025-05-05, older than the copy in use (2026-03-04)" in err

    code, out, err = run_main(capsys, "update", "--url", server.url("/old.xml"), "--force")
    assert code == 0, err
    assert copy_path().read_bytes() == registry_xml(ROWS, "2025-05-05")


def test_a_file_without_the_contact_table_is_refused_unless_forced(tmp_path: Path, capsys) -> None:
    install(capsys, xml_file(tmp_path, "good.xml", "2001-01-01"))
    before, listing = copy_path().read_bytes(), data_files()
    csv_file = tmp_path / "same.csv"
    csv_file.write_bytes(registry_csv(ROWS))  # the same records, dated 2001-01-01 too
    code, _, err = run_main(capsys, "update", "--from", str(csv_file))
    assert_failed_cleanly(code, err, before, listing)
    assert code == 1
    assert "has no contact table" in err and "1 contacts" in err

    out = install(capsys, csv_file, "--force")
    assert "Installed CSV registry" in out


def test_an_older_csv_is_dated_by_its_newest_record(tmp_path: Path, capsys) -> None:
    install(capsys, xml_file(tmp_path, "good.xml", "2026-03-04"))
    before, listing = copy_path().read_bytes(), data_files()
    rows = [list(row) for row in ROWS]
    rows[5][7] = "2025-11-30"  # the newest modification date in the file
    older = tmp_path / "older.csv"
    older.write_bytes(registry_csv(rows))
    code, _, err = run_main(capsys, "update", "--from", str(older))
    assert_failed_cleanly(code, err, before, listing)
    assert "dated 2025-11-30, older than the copy in use (2026-03-04)" in err


def test_the_last_three_copies_are_kept(tmp_path: Path, capsys) -> None:
    dates = ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]
    files = [xml_file(tmp_path, f"{date}.xml", date) for date in dates]
    for path in files:
        install(capsys, path)
    folder = data_dir()
    assert copy_path().read_bytes() == files[4].read_bytes()
    assert (folder / "registry.previous").read_bytes() == files[3].read_bytes()
    assert (folder / "registry.previous.2").read_bytes() == files[2].read_bytes()
    assert (folder / "registry.previous.3").read_bytes() == files[1].read_bytes()
    assert not (folder / "registry.previous.4").exists()
    assert read_meta(folder / "registry.previous.3").installed_from == str(files[1])


def test_rollback_goes_back_one_copy_at_a_time_and_says_what_changed(
    tmp_path: Path, capsys
) -> None:
    first = xml_file(tmp_path, "first.xml", "2026-01-01")
    second_rows = ROWS[2:] + generated_rows(3, start_port=30000, tag=" new")
    for index, row in enumerate(second_rows[-3:]):
        row[0] = f"new-svc-{index}"
    second = xml_file(tmp_path, "second.xml", "2026-02-01", second_rows)
    install(capsys, first)
    install(capsys, second)

    code, out, err = run_main(capsys, "update", "--rollback")
    assert code == 0, err
    assert copy_path().read_bytes() == first.read_bytes()
    assert "Rolled back" in out and "registry.previous" in out
    assert "2 added, 3 removed" in out  # from the second copy back to the first
    assert "2026-01-01" in out and "2026-02-01" in out
    assert read_meta(copy_path()).installed_from == str(first)
    assert data_files() == ["registry", "registry.download.json"]

    code, _, err = run_main(capsys, "update", "--rollback")
    assert code == 1 and "no earlier copy" in err and err.count("\n") == 1
    assert copy_path().read_bytes() == first.read_bytes()


def test_rollback_to_a_damaged_copy_is_refused(tmp_path: Path, capsys) -> None:
    install(capsys, xml_file(tmp_path, "first.xml", "2026-01-01"))
    install(capsys, xml_file(tmp_path, "second.xml", "2026-02-01"))
    (data_dir() / "registry.previous").write_bytes(b"<html>not a registry</html>")
    before = copy_path().read_bytes()
    code, _, err = run_main(capsys, "update", "--rollback")
    assert code == 1 and "rollback failed" in err and "not a registry" in err
    assert copy_path().read_bytes() == before


def test_rollback_with_a_source_is_a_usage_error(capsys) -> None:
    code, _, err = run_main(capsys, "update", "--rollback", "--url", "http://127.0.0.1:9/x")
    assert code == 2 and "--rollback" in err


def test_meta_says_where_each_copy_came_from(server: Server, tmp_path: Path, capsys) -> None:
    source = xml_file(tmp_path, "mine.xml", "2026-01-01")
    install(capsys, source)
    meta = read_meta(copy_path())
    assert meta.installed_from == str(source.resolve()) and meta.url == ""
    assert meta.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()

    body = registry_xml(ROWS, "2026-02-02")
    server.routes["/reg.xml"] = Route(body=body, etag='"e"')
    assert run_main(capsys, "update", "--url", server.url("/reg.xml"))[0] == 0
    meta = read_meta(copy_path())
    assert meta.url == server.url("/reg.xml") and meta.installed_from == ""
    assert meta.sha256 == hashlib.sha256(body).hexdigest()
    assert read_meta(data_dir() / "registry.previous").installed_from == str(source.resolve())


def test_meta_written_before_sha256_still_reads(capsys) -> None:
    old = {"url": "http://127.0.0.1/x", "etag": '"a"', "fetched_at": 5.0, "installed_from": ""}
    meta_path(copy_path()).parent.mkdir(parents=True)
    meta_path(copy_path()).write_text(json.dumps(old))
    meta = read_meta(copy_path())
    assert (meta.url, meta.etag, meta.fetched_at, meta.sha256) == (old["url"], '"a"', 5.0, "")


def test_the_offline_error_suggests_from_file(server: Server, capsys) -> None:
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    code, _, err = run_main(capsys, "update", "--url", f"http://127.0.0.1:{port}/reg.xml")
    assert code == 1 and err.count("\n") == 1
    assert "cannot reach 127.0.0.1" in err and "update --from FILE" in err


def test_a_signal_during_the_swap_is_held_until_the_swap_is_whole(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    import tui.registry.update.install as install_module

    install(capsys, xml_file(tmp_path, "first.xml", "2026-01-01"))
    second = xml_file(tmp_path, "second.xml", "2026-02-01")
    real_keep = install_module.keep_in_history

    def keep_then_terminated(target: Path) -> Path:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives mid-swap (update handles SIGTERM)
        return real_keep(target)

    monkeypatch.setattr(install_module, "keep_in_history", keep_then_terminated)
    code, _, err = run_main(capsys, "update", "--from", str(second))
    assert code == 128 + signal.SIGTERM
    assert "interrupted by SIGTERM" in err and "is the new copy" in err
    assert copy_path().read_bytes() == second.read_bytes()
    assert read_meta(copy_path()).sha256 == hashlib.sha256(second.read_bytes()).hexdigest()
    assert (data_dir() / "registry.previous").exists()
    assert not [name for name in data_files() if name.endswith(".part")]


def test_a_first_copy_may_not_take_from_the_bundled_snapshot(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_copy_checked(monkeypatch)  # the bundled snapshot is in use, as for a new user
    small = xml_file(tmp_path, "small.xml", "2027-01-01")
    code, _, err = run_main(capsys, "update", "--from", str(small))
    assert code == 1 and err.count("\n") == 1
    assert "would remove" in err and "the bundled snapshot in use" in err
    assert data_files() == []

    install(capsys, small, "--force")
    assert copy_path().read_bytes() == small.read_bytes()


@pytest.mark.realdata
def test_a_first_copy_older_than_the_bundled_snapshot_is_refused(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import shared_file

    first_copy_checked(monkeypatch)
    code, _, err = run_main(
        capsys, "update", "--from", str(shared_file("service-names-port-numbers.csv"))
    )
    assert code == 1
    assert "dated 2025-03-28, older than the bundled snapshot in use (2026-08-17)" in err
    assert data_files() == []

    out = install(capsys, shared_file("service-names-port-numbers.xml"))
    assert "14,533 records" in out


def test_installing_the_copy_in_place_again_keeps_the_history(tmp_path: Path, capsys) -> None:
    first = xml_file(tmp_path, "first.xml", "2026-01-01")
    second = xml_file(tmp_path, "second.xml", "2026-02-01")
    install(capsys, first)
    install(capsys, second)
    for _ in range(3):
        out = install(capsys, second)
        assert f"Already up to date: {copy_path()}" in out
    assert data_files() == [
        "registry",
        "registry.download.json",
        "registry.previous",
        "registry.previous.download.json",
    ]
    assert (data_dir() / "registry.previous").read_bytes() == first.read_bytes()
    assert read_meta(copy_path()).installed_from == str(second.resolve())
    code, _, err = run_main(capsys, "update", "--rollback")
    assert code == 0, err
    assert copy_path().read_bytes() == first.read_bytes()


def test_a_download_of_the_copy_in_place_records_its_url(
    server: Server, tmp_path: Path, capsys
) -> None:
    body = registry_xml(ROWS, "2026-02-02")
    source = tmp_path / "same.xml"
    source.write_bytes(body)
    install(capsys, source)
    server.routes["/reg.xml"] = Route(body=body, etag='"e"')
    code, out, err = run_main(capsys, "update", "--url", server.url("/reg.xml"))
    assert code == 0, err
    assert "Already up to date" in out
    assert not (data_dir() / "registry.previous").exists()
    meta = read_meta(copy_path())
    assert (meta.url, meta.etag, meta.installed_from) == (server.url("/reg.xml"), '"e"', "")


def test_the_summary_dates_a_csv_as_the_refusal_did(tmp_path: Path, capsys) -> None:
    install(capsys, xml_file(tmp_path, "good.xml", "2026-03-04"))
    rows = [list(row) for row in ROWS]
    rows[5][7] = "2025-11-30"  # the newest modification date in the file
    older = tmp_path / "older.csv"
    older.write_bytes(registry_csv(rows))
    code, _, err = run_main(capsys, "update", "--from", str(older))
    assert code == 1 and "dated 2025-11-30" in err
    out = install(capsys, older, "--force")
    assert "Registry date: 2025-11-30, its newest record's (the file carries no date)" in out
    assert "(the copy it replaced: 2026-03-04)" in out
    code, out, err = run_main(capsys, "update", "--rollback")
    assert code == 0, err
    assert "the copy it replaced: 2025-11-30, its newest record's" in out
