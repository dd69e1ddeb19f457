"""`iana-ports update` against a real HTTP server on 127.0.0.1 (no test reaches beyond loopback).

Every failure must leave the user's copy byte-identical, no temporary file behind, and say so
in one line on stderr, without a traceback.
"""

from __future__ import annotations

import time
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
from update_support import assert_failed_cleanly, data_files

from tui.registry.update import MIN_RECORDS, update_from_url
from tui.registry.userdata import copy_path, data_dir

ROWS = generated_rows(1200)
GOOD_XML = registry_xml(ROWS, "2026-09-04")
HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1><p>Try again later.</p></body></html>\n"
)


pytestmark = pytest.mark.usefixtures("loopback_updates")


@pytest.fixture
def previous_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    """A good copy already installed (from a file); its bytes."""
    source = tmp_path / "earlier.csv"
    source.write_bytes(registry_csv(generated_rows(1100, tag=" (earlier)")))
    code, _, err = run_main(capsys, "update", "--from", str(source))
    assert code == 0, err
    return copy_path().read_bytes()


def test_good_download_then_info_and_search_use_it(server: Server, capsys) -> None:
    server.routes["/reg.xml"] = Route(body=GOOD_XML, etag='"v1"')
    code, out, err = run_main(capsys, "update", "--url", server.url("/reg.xml"), "--timeout", "5")
    assert code == 0, err
    assert "1,200 records" in out and "first copy" in out
    assert copy_path().read_bytes() == GOOD_XML
    assert data_files() == ["registry", "registry.download.json"]

    code, out, err = run_main(capsys, "info")
    assert code == 0, err
    assert "downloaded copy" in out and str(copy_path()) in out
    assert "Records:  1,200" in out and "2026-09-04" in out
    assert "fetched" in out and "run `iana-ports update`" not in out

    code, out, err = run_main(capsys, "search", "gen-svc-0777")
    assert code == 0, err
    assert "gen-svc-0777" in out


def test_update_says_what_changed_and_both_dates(server: Server, capsys) -> None:
    server.routes["/old.xml"] = Route(body=registry_xml(ROWS, "2026-01-01"))
    assert run_main(capsys, "update", "--url", server.url("/old.xml"))[0] == 0
    new_rows = [list(row) for row in ROWS[3:]]  # three removed
    new_rows[10][3] = "Described anew"
    new_rows[20][3] = "Described anew too"
    new_rows += generated_rows(5, start_port=30000, tag=" added")
    for index, row in enumerate(new_rows[-5:]):
        row[0] = f"added-svc-{index}"
    server.routes["/new.xml"] = Route(body=registry_xml(new_rows, "2026-02-01"))

    code, out, err = run_main(capsys, "update", "--url", server.url("/new.xml"))
    assert code == 0, err
    assert "5 added, 3 removed, 2 modified" in out
    assert "2026-02-01" in out and "2026-01-01" in out
    assert "gen-svc-0013" in out  # the first modified entry, by name
    assert (data_dir() / "registry.previous").read_bytes() == registry_xml(ROWS, "2026-01-01")


def test_http_error_keeps_the_copy(server: Server, previous_copy: bytes, capsys) -> None:
    listing = data_files()
    code, _, err = run_main(capsys, "update", "--url", server.url("/missing.xml"))
    assert_failed_cleanly(code, err, previous_copy, listing)
    assert "HTTP 404" in err


def test_html_body_is_not_installed(server: Server, previous_copy: bytes, capsys) -> None:
    server.routes["/page"] = Route(body=HTML_PAGE, content_type="text/html")
    listing = data_files()
    code, _, err = run_main(capsys, "update", "--url", server.url("/page"))
    assert_failed_cleanly(code, err, previous_copy, listing)
    assert server.url("/page") in err


def test_cut_off_transfer_is_not_installed(server: Server, previous_copy: bytes, capsys) -> None:
    half = GOOD_XML[: len(GOOD_XML) // 2]
    server.routes["/reg.xml"] = Route(body=half, content_length=len(GOOD_XML))
    listing = data_files()
    code, _, err = run_main(capsys, "update", "--url", server.url("/reg.xml"), "--timeout", "5")
    assert_failed_cleanly(code, err, previous_copy, listing)
    assert f"cut off after {len(half):,} of {len(GOOD_XML):,} bytes" in err


def test_server_that_never_answers_times_out(server: Server, previous_copy: bytes, capsys) -> None:
    server.routes["/reg.xml"] = Route(silent=True)
    listing = data_files()
    started = time.monotonic()
    code, _, err = run_main(capsys, "update", "--url", server.url("/reg.xml"), "--timeout", "0.5")
    assert time.monotonic() - started < 10
    assert_failed_cleanly(code, err, previous_copy, listing)
    assert "no answer" in err and "0.5 s" in err


def test_transfer_that_stalls_times_out(server: Server, previous_copy: bytes, capsys) -> None:
    server.routes["/reg.xml"] = Route(body=GOOD_XML, stall_after=5000)
    listing = data_files()
    code, _, err = run_main(capsys, "update", "--url", server.url("/reg.xml"), "--timeout", "0.5")
    assert_failed_cleanly(code, err, previous_copy, listing)
    assert "stalled" in err and "5,000 bytes" in err


def test_too_small_a_registry_is_refused(server: Server, previous_copy: bytes, capsys) -> None:
    server.routes["/small.csv"] = Route(body=registry_csv(generated_rows(10)))
    listing = data_files()
    code, _, err = run_main(capsys, "update", "--url", server.url("/small.csv"))
    assert_failed_cleanly(code, err, previous_copy, listing)
    assert "only 10 distinct entries" in err and f"{MIN_RECORDS:,}" in err


def test_unchanged_registry_is_not_downloaded_again(server: Server, capsys) -> None:
    server.routes["/reg.xml"] = Route(body=GOOD_XML, etag='"abc123"')
    assert run_main(capsys, "update", "--url", server.url("/reg.xml"))[0] == 0
    assert "If-None-Match" not in server.requests[-1]
    installed = copy_path().read_bytes()
    listing = data_files()

    code, out, err = run_main(capsys, "update", "--url", server.url("/reg.xml"))
    assert code == 0, err
    assert server.requests[-1].get("If-None-Match") == '"abc123"'
    assert "Already up to date" in out and "2026-09-04" in out
    assert copy_path().read_bytes() == installed
    assert data_files() == listing


def test_ctrl_c_mid_download_keeps_the_copy(
    server: Server, previous_copy: bytes, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.routes["/reg.xml"] = Route(body=GOOD_XML)
    listing = data_files()

    class Interrupting:
        def start(self, total: int | None) -> None:
            pass

        def advance(self, received: int) -> None:
            raise KeyboardInterrupt

        def finish(self) -> None:
            pass

    with pytest.raises(KeyboardInterrupt):
        update_from_url(server.url("/reg.xml"), copy_path(), 5.0, Interrupting())
    assert copy_path().read_bytes() == previous_copy and data_files() == listing

    import tui.cli.update

    monkeypatch.setattr(tui.cli.update, "_progress_for", lambda out, quiet: Interrupting())
    code, _, err = run_main(capsys, "update", "--url", server.url("/reg.xml"))
    assert code == 130
    assert_failed_cleanly(code, err, previous_copy, listing)


def test_failure_without_any_copy_installs_nothing(server: Server, capsys) -> None:
    code, _, err = run_main(capsys, "update", "--url", server.url("/missing.xml"))
    assert code == 1 and err.count("\n") == 1
    assert "nothing was installed" in err
    assert data_files() == []


def test_only_http_urls_are_fetched(capsys) -> None:
    code, _, err = run_main(capsys, "update", "--url", "file:///etc/passwd")
    assert code == 2 and "only http and https" in err  # a bad --url is bad input
    assert data_files() == []


def test_from_file_installs_atomically_keeping_a_backup(tmp_path: Path, capsys) -> None:
    csv_file = tmp_path / "ports.csv"
    csv_file.write_bytes(registry_csv(ROWS))
    xml_file = tmp_path / "ports.xml"
    xml_file.write_bytes(GOOD_XML)
    assert run_main(capsys, "update", "--from", str(csv_file))[0] == 0
    code, out, err = run_main(capsys, "update", "--from", str(xml_file))
    assert code == 0, err
    assert copy_path().read_bytes() == GOOD_XML
    assert (data_dir() / "registry.previous").read_bytes() == csv_file.read_bytes()
    assert "0 added, 0 removed, 0 modified" not in out  # same entries: said in words
    assert "no entry added, removed or modified" in out


def test_from_bad_file_keeps_the_copy(tmp_path: Path, previous_copy: bytes, capsys) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(HTML_PAGE)
    listing = data_files()
    code, _, err = run_main(capsys, "update", "--from", str(page))
    assert code == 2
    assert_failed_cleanly(code, err, previous_copy, listing)


def test_quiet_prints_nothing_and_plain_lines_otherwise(server: Server, capsys) -> None:
    server.routes["/reg.xml"] = Route(body=GOOD_XML)
    code, out, err = run_main(capsys, "update", "--quiet", "--url", server.url("/reg.xml"))
    assert code == 0 and out == "" and err == ""

    server.routes["/reg2.xml"] = Route(body=registry_xml(ROWS, "2026-10-05"))  # newer
    code, out, _ = run_main(capsys, "update", "--url", server.url("/reg2.xml"))
    assert code == 0
    assert f"Receiving ({len(GOOD_XML):,} bytes)" in out
    assert "(100%)" in out and "\x1b" not in out


def test_registry_option_updates_that_file(tmp_path: Path, server: Server, capsys) -> None:
    mine = tmp_path / "mine.xml"
    mine.write_bytes(registry_xml(ROWS[:1000], "2025-12-12"))
    server.routes["/reg.xml"] = Route(body=GOOD_XML)
    code, out, err = run_main(
        capsys, "update", "--registry", str(mine), "--url", server.url("/reg.xml")
    )
    assert code == 0, err
    assert mine.read_bytes() == GOOD_XML
    assert "200 added" in out
    assert data_files() == []


def test_environment_variable_is_mentioned(
    tmp_path: Path, server: Server, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinned = tmp_path / "pinned.csv"
    pinned.write_bytes(registry_csv(ROWS))
    monkeypatch.setenv("IANA_PORTS_REGISTRY", str(pinned))
    server.routes["/reg.xml"] = Route(body=GOOD_XML)
    code, out, _ = run_main(capsys, "update", "--url", server.url("/reg.xml"))
    assert code == 0
    assert "IANA_PORTS_REGISTRY is set" in out and str(pinned) in out


@pytest.mark.parametrize("timeout", ["0", "-1", "nan", "inf"])
def test_nonsense_timeout_is_refused(server: Server, capsys, timeout: str) -> None:
    server.routes["/reg.xml"] = Route(body=GOOD_XML)
    code, _, err = run_main(capsys, "update", "--url", server.url("/reg.xml"), "--timeout", timeout)
    assert code == 2 and "--timeout" in err and err.count("\n") == 1
    assert data_files() == [] and server.requests == []


def test_from_and_url_together_are_refused(tmp_path: Path, capsys) -> None:
    source = tmp_path / "ports.csv"
    source.write_bytes(registry_csv(ROWS))
    code, _, err = run_main(
        capsys, "update", "--from", str(source), "--url", "http://127.0.0.1:9/x"
    )
    assert code == 2 and "only one" in err and data_files() == []
