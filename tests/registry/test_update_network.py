"""`update` over the network: redirects, the total deadline, bad URLs, secrets in URLs.

Against the loopback server only. Only http and https redirects are followed, and at most
MAX_REDIRECTS of them; a transfer that drips bytes ends at the deadline; a URL's user and
password never appear in what is printed or recorded.
"""

from __future__ import annotations

import threading
import time

import pytest
from cli_support import run_main
from registry_server import (
    Route,
    Server,
    generated_rows,
    registry_xml,
)
from update_support import data_files

from tui.registry.update import MAX_REDIRECTS, NoProgress, UpdateError, update_from_url
from tui.registry.userdata import copy_path, meta_path, read_meta

GOOD_XML = registry_xml(generated_rows(1200), "2026-03-04")


pytestmark = pytest.mark.usefixtures("loopback_updates")


def redirect(to: str) -> Route:
    return Route(status=302, headers={"Location": to}, content_type="text/plain")


def test_http_redirects_are_followed(server: Server, capsys) -> None:
    server.routes["/reg.xml"] = Route(body=GOOD_XML)
    server.routes["/b"] = redirect("/reg.xml")
    server.routes["/a"] = redirect(server.url("/b"))
    code, _, err = run_main(capsys, "update", "--url", server.url("/a"))
    assert code == 0, err
    assert [request["path"] for request in server.requests] == ["/a", "/b", "/reg.xml"]
    assert copy_path().read_bytes() == GOOD_XML
    assert read_meta(copy_path()).url == server.url("/a")  # what to ask for next time


@pytest.mark.parametrize(
    "location", ["ftp://files.example.org/reg.xml", "file:///etc/passwd", "gopher://g.example/1"]
)
def test_a_redirect_out_of_http_is_refused(server: Server, capsys, location: str) -> None:
    server.routes["/reg.xml"] = redirect(location)
    code, _, err = run_main(capsys, "update", "--url", server.url("/reg.xml"))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    host = server.base.removeprefix("http://")
    assert f"{host} redirected to '{location}'" in err  # the host that sent the redirect
    assert "only http and https" in err
    assert data_files() == []


def test_redirects_are_bounded(server: Server, capsys) -> None:
    server.routes["/loop"] = redirect("/loop")
    code, _, err = run_main(capsys, "update", "--url", server.url("/loop"))
    assert code == 1 and err.count("\n") == 1
    assert f"more than {MAX_REDIRECTS} redirects" in err
    assert len(server.requests) == MAX_REDIRECTS + 1
    assert data_files() == []


def test_a_dripping_server_meets_the_deadline(server: Server, capsys) -> None:
    server.routes["/drip.xml"] = Route(body=GOOD_XML, drip_every=0.05)
    started = time.monotonic()
    code, _, err = run_main(
        capsys, "update", "--url", server.url("/drip.xml"), "--timeout", "5", "--deadline", "1"
    )
    assert time.monotonic() - started < 10
    assert code == 1 and err.count("\n") == 1
    assert "within the 1 s deadline" in err
    assert data_files() == []


def test_the_deadline_holds_outside_the_main_thread(server: Server) -> None:
    server.routes["/drip.xml"] = Route(body=GOOD_XML, drip_every=0.05)
    failures: list[str] = []

    def update() -> None:
        try:
            update_from_url(server.url("/drip.xml"), copy_path(), 5.0, NoProgress(), deadline=1)
        except UpdateError as error:
            failures.append(str(error))

    worker = threading.Thread(target=update)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert failures and "deadline" in failures[0]


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf"])
def test_nonsense_deadline_is_refused(server: Server, capsys, value: str) -> None:
    code, _, err = run_main(capsys, "update", "--url", server.url("/x"), "--deadline", value)
    assert code == 2 and "--deadline" in err and err.count("\n") == 1
    assert server.requests == []


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://[::1", "not a valid URL"),
        ("http://127.0.0.1:99999/reg.xml", "not a valid URL"),
        ("http:///reg.xml", "names no host"),
        ("ftp://127.0.0.1/reg.xml", "only http and https"),
    ],
)
def test_a_bad_url_is_one_line(capsys, url: str, words: str) -> None:
    code, out, err = run_main(capsys, "update", "--url", url)
    assert code == 2 and err.count("\n") == 1
    assert words in err and "internal error" not in err
    assert out == ""  # refused before any "Downloading ..." line
    assert data_files() == []


def test_user_and_password_are_never_shown(server: Server, capsys) -> None:
    secret = "s3cr3t-pw"
    code, out, err = run_main(
        capsys, "update", "--url", server.url("/missing.xml").replace("//", f"//alice:{secret}@")
    )
    assert code == 1 and "HTTP 404" in err
    assert secret not in out + err and "alice" not in out + err and "***@" in out + err

    server.routes["/reg.xml"] = Route(body=GOOD_XML, etag='"v"')
    server.routes["/hop"] = redirect(server.url("/reg.xml").replace("//", f"//bob:{secret}@"))
    code, out, err = run_main(
        capsys, "update", "--url", server.url("/hop").replace("//", f"//alice:{secret}@")
    )
    assert code == 0, err
    assert secret not in out + err
    assert secret not in meta_path(copy_path()).read_text()

    server.routes["/ftp"] = redirect(f"ftp://carol:{secret}@files.example.org/x")
    code, _, err = run_main(capsys, "update", "--url", server.url("/ftp"))
    assert code == 1 and secret not in err and "files.example.org" in err


def test_credentials_go_only_to_their_host(server: Server, capsys) -> None:
    import base64

    other_host = server.url("/reg.xml").replace("127.0.0.1", "localhost")
    server.routes["/reg.xml"] = Route(body=GOOD_XML)
    server.routes["/same"] = redirect("/hop")
    server.routes["/hop"] = redirect(other_host)
    url = server.url("/same").replace("//", "//alice:pa%40ss@")
    code, _, err = run_main(capsys, "update", "--url", url)
    assert code == 0, err
    first, same, other = server.requests
    expected = "Basic " + base64.b64encode(b"alice:pa@ss").decode()
    assert first.get("Authorization") == expected and same.get("Authorization") == expected
    assert "Authorization" not in other
