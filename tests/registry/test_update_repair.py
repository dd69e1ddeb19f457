"""`update` repairs a damaged copy: a conditional request only for a copy that is intact.

Against the loopback server. A copy that no longer matches the SHA-256 recorded when it was
installed and does not load is fetched again in full; a 304 never makes a copy that does not
load "up to date"; a 304 to a request that was not conditional is an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_main
from registry_server import (
    Route,
    Server,
    generated_rows,
    registry_xml,
)
from update_support import data_files

import tui.registry.update.checks
import tui.registry.update.install
from tui.registry.model import RegistryError
from tui.registry.sources import load_cached
from tui.registry.userdata import copy_path, read_meta

GOOD_XML = registry_xml(generated_rows(1200), "2026-03-04")


pytestmark = pytest.mark.usefixtures("loopback_updates")


@pytest.fixture
def downloaded(server: Server, capsys: pytest.CaptureFixture[str]) -> str:
    """A copy downloaded from a server that sends an ETag; the URL."""
    server.routes["/reg.xml"] = Route(body=GOOD_XML, etag='"v1"')
    code, _, err = run_main(capsys, "update", "--url", server.url("/reg.xml"))
    assert code == 0, err
    assert "If-None-Match" not in server.requests[-1]
    return server.url("/reg.xml")


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif how == "garbage":
        path.write_bytes(b"\x00garbage\xff" * (len(data) // 10))
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "garbage", "empty"])
def test_a_damaged_copy_is_fetched_again_in_full(
    server: Server, downloaded: str, capsys, how: str
) -> None:
    damage(copy_path(), how)
    with pytest.raises(RegistryError):  # the damage is real: the copy does not load
        load_cached(copy_path())

    code, out, err = run_main(capsys, "update", "--url", downloaded)
    assert code == 0, err
    assert "If-None-Match" not in server.requests[-1]  # no conditional request for it
    assert "Already up to date" not in out and "Installed" in out
    assert "could not be read" in out
    assert copy_path().read_bytes() == GOOD_XML
    assert len(load_cached(copy_path())) == 1200


def test_an_unreadable_copy_is_fetched_again(
    server: Server, downloaded: str, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root, chmod 000 reads fine: make the read itself fail where the copy is checked.
    def unreadable(path: object) -> bytes:
        from tui.registry.model import RegistryError

        raise RegistryError(str(path), "cannot read: Permission denied")

    monkeypatch.setattr(tui.registry.update.checks, "read_file", unreadable)
    code, out, err = run_main(capsys, "update", "--url", downloaded)
    assert code == 0, err
    assert "If-None-Match" not in server.requests[-1]
    assert "Already up to date" not in out


def test_a_copy_matching_its_recorded_hash_is_checked_without_parsing(
    server: Server, downloaded: str, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parse(path: object) -> object:
        raise AssertionError("the recorded SHA-256 should have been enough")

    monkeypatch.setattr(tui.registry.update.checks, "load_cached", no_parse)
    assert read_meta(copy_path()).sha256
    code, out, err = run_main(capsys, "update", "--url", downloaded)
    assert code == 0, err
    assert server.requests[-1].get("If-None-Match") == '"v1"'
    assert "Already up to date" in out


def test_an_edited_copy_that_still_loads_gets_a_conditional_request(
    server: Server, downloaded: str, capsys
) -> None:
    copy_path().write_bytes(GOOD_XML.replace(b"number 7<", b"number seven<"))
    code, out, err = run_main(capsys, "update", "--url", downloaded)
    assert code == 0, err
    assert server.requests[-1].get("If-None-Match") == '"v1"'
    assert "Already up to date" in out


def test_a_304_for_a_copy_that_does_not_load_is_not_up_to_date(
    server: Server, downloaded: str, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The copy breaks between the check and the answer: the 304 must not make it current.
    damage(copy_path(), "truncated")
    monkeypatch.setattr(tui.registry.update.install, "is_intact", lambda target, meta: True)
    code, out, err = run_main(capsys, "update", "--url", downloaded)
    assert code == 0, err
    conditional, full = server.requests[-2:]
    assert conditional.get("If-None-Match") == '"v1"' and "If-None-Match" not in full
    assert "Already up to date" not in out
    assert copy_path().read_bytes() == GOOD_XML


def test_an_unconditional_304_is_an_error(server: Server, downloaded: str, capsys) -> None:
    server.routes["/odd.xml"] = Route(status=304)
    before = read_meta(copy_path())
    listing = data_files()
    code, out, err = run_main(capsys, "update", "--url", server.url("/odd.xml"))
    assert code == 1
    assert "Already up to date" not in out
    assert "304" in err and "not conditional" in err and err.count("\n") == 1
    assert read_meta(copy_path()) == before  # not marked as checked
    assert copy_path().read_bytes() == GOOD_XML and data_files() == listing


def test_an_unconditional_304_without_a_copy_installs_nothing(server: Server, capsys) -> None:
    server.routes["/odd.xml"] = Route(status=304)
    code, out, err = run_main(capsys, "update", "--url", server.url("/odd.xml"))
    assert code == 1 and "not conditional" in err and "nothing was installed" in err
    assert data_files() == []
