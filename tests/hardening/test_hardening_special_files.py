"""Special files (issue 13.1): only regular files are read, and never past a bound.

`/dev/zero` and `/dev/urandom` as a registry once grew memory without end (a device reports
size 0); a FIFO hung every command. Each is now refused at once with exit 2 and one line,
whether named by `--registry` or `$IANA_PORTS_REGISTRY`; a symbolic link loop is named as
one. The cache folder gets the same rule: a FIFO or a link to a device in place of an entry
is removed and the entry rebuilt. Commands run as real processes with time and memory caps.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_cases_support import run_cli
from registry_server import generated_rows, registry_csv

from tui.registry import cache
from tui.registry.files import NotRegularFile, TooLarge, read_regular
from tui.registry.formats import read_file
from tui.registry.model import RegistryError


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "registry.fifo"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    yield path
    server.close()


def special(kind: str, tmp_path: Path, fifo: Path) -> tuple[Path, str]:
    """A special file of `kind` and the words its refusal must contain."""
    if kind == "fifo":
        return fifo, "FIFO"
    if kind == "link to a device":
        link = tmp_path / "zero-link.xml"
        link.symlink_to("/dev/zero")
        return link, "character device"
    return Path(kind), "character device"


KINDS = ["/dev/zero", "/dev/urandom", "fifo", "link to a device"]


def assert_one_line_refusal(done, path: Path, words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(path) in done.stderr and words in done.stderr and "not a regular file" in done.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_given_with_registry_is_refused_at_once(
    kind: str, tmp_path: Path, fifo: Path
) -> None:
    path, words = special(kind, tmp_path, fifo)
    for command in (["info"], ["search", "ssh"]):
        assert_one_line_refusal(run_cli("--registry", str(path), *command), path, words)


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_named_by_the_environment_is_refused_at_once(
    kind: str, tmp_path: Path, fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, words = special(kind, tmp_path, fifo)
    monkeypatch.setenv("IANA_PORTS_REGISTRY", str(path))
    done = run_cli("info")
    assert_one_line_refusal(done, path, words)
    assert "IANA_PORTS_REGISTRY" in done.stderr


def test_a_socket_is_refused(unix_socket: Path) -> None:
    with pytest.raises(RegistryError, match="is a socket, not a regular file"):
        read_file(unix_socket)


def test_a_symbolic_link_loop_is_named_as_one(tmp_path: Path) -> None:
    loop = tmp_path / "loop.xml"
    loop.symlink_to(loop)
    done = run_cli("--registry", str(loop), "info")
    assert done.returncode == 2 and "symbolic link loop" in done.stderr
    assert "no such file" not in done.stderr
    missing = run_cli("--registry", str(tmp_path / "missing.xml"), "info")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_reads_are_bounded_by_bytes_read_not_by_the_reported_size(tmp_path: Path) -> None:
    # /proc files are regular yet report a size of 0: only counting what is read bounds them.
    status = Path("/proc/self/maps")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("no /proc file reporting size 0 here")
    with pytest.raises(TooLarge):
        read_regular(status, 16)
    assert len(read_regular(status, 10_000_000)) > 16
    big = tmp_path / "big"
    big.write_bytes(b"x" * 1000)
    with pytest.raises(TooLarge):
        read_regular(big, 999)
    assert read_regular(big, 1000) == b"x" * 1000
    with pytest.raises(RegistryError, match=r"over 999 bytes; IANA's registry is about 4 MB"):
        read_file(big, limit=999)


def test_a_directory_is_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile, match="a directory"):
        read_regular(tmp_path, 100)


@pytest.mark.parametrize("kind", ["fifo", "link to a device"])
def test_a_special_entry_in_the_cache_is_removed_and_rebuilt(
    kind: str, tmp_path: Path, fifo: Path
) -> None:
    registry = tmp_path / "r.csv"
    registry.write_bytes(registry_csv(generated_rows(5)))
    entry = cache.entry_path("registry", cache.content_hash(registry.read_bytes()))
    entry.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    done = run_cli("--registry", str(registry), "search", "gen-svc-0002")
    assert done.returncode == 0, done.stderr
    assert "gen-svc-0002" in done.stdout
    assert entry.is_file() and not entry.is_symlink()  # rebuilt as a real entry
    assert entry.read_bytes().startswith(cache.MAGIC)


def test_a_special_state_file_does_not_hang_info(tmp_path: Path) -> None:
    from tui.registry.userdata import copy_path, meta_path

    copy = copy_path()
    copy.parent.mkdir(parents=True)
    copy.write_bytes(registry_csv(generated_rows(1200)))
    os.mkfifo(meta_path(copy))
    done = run_cli("info")
    assert done.returncode == 0, done.stderr
    assert "downloaded copy" in done.stdout
