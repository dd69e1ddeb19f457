"""Shared fixtures: paths to the bundled excerpt, hand-written fixtures and the real data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from registry_server import Server

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
SHARED_DATA = TESTS.parent.parent / "shared" / "data"


def shared_file(name: str) -> Path:
    """A real registry file from ../shared/data, or skip the test where it is absent."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"real data not available: {path}")
    return path


@pytest.fixture
def fixtures() -> Path:
    """The folder of hand-written fixture files (tests/fixtures)."""
    return FIXTURES


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test away from the user's data, cache, config and state dirs and registry."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("IANA_PORTS_REGISTRY", raising=False)


@pytest.fixture(scope="session")
def cli_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user folder (cache, data, config) shared by the CLI processes a session starts
    (tests/cli_support.py), so the bundled registry is parsed once, not in every process."""
    return tmp_path_factory.mktemp("cli-user")


@pytest.fixture
def loopback_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy may carry a request of the test's: 127.0.0.1 is reached directly (a module of
    network tests names it in `pytestmark = pytest.mark.usefixtures(...)`)."""
    from registry_server import loopback_only

    loopback_only(monkeypatch)


@pytest.fixture
def loopback_updates(loopback_network: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """`loopback_network`, and a first copy in the user data dir may be any registry (the
    tests' small generated registries: tests/update_support.py `first_copy_unchecked`)."""
    from update_support import first_copy_unchecked

    first_copy_unchecked(monkeypatch)


@pytest.fixture
def server() -> Iterator[Server]:
    """A registry server on 127.0.0.1 for the test (tests/registry_server.py), stopped after."""
    from registry_server import running_server

    with running_server() as running:
        yield running
