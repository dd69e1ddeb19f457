"""Fixtures of the command-line tests: one warm cache for every process a session starts."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def cli_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user folder (cache, data, config) shared by the CLI processes of a session."""
    return tmp_path_factory.mktemp("cli-user")
