"""A query that cannot be answered as typed is one line on stderr and exit 2, in every command
that takes a query: punctuation or invisible characters only, an unknown qualifier."""

from __future__ import annotations

import pytest

from tui.cli.command_line import main
from tui.registry.sources import sample_path

NOTHING = ['"', "\u200b", "!!!", "\ufeff ..."]


@pytest.mark.parametrize("command", ["search", "export", "contacts"])
@pytest.mark.parametrize("query", NOTHING)
def test_nothing_to_search_for_is_bad_input(
    command: str, query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([command, query, "--registry", str(sample_path())])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "nothing to search for" in err


@pytest.mark.parametrize("query", ["", " ", "\t"])
def test_a_blank_search_is_bad_input_not_every_record(
    query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["search", query, "--registry", str(sample_path())])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "nothing to search for" in err


@pytest.mark.parametrize(
    ("query", "meant"), [("prot:tcp", "proto"), ("nam:ftp", "name"), ("svc:ftp", "service")]
)
@pytest.mark.parametrize("command", ["search", "export"])
def test_an_unknown_qualifier_is_bad_input_naming_the_one_meant(
    command: str, query: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([command, query, "--registry", str(sample_path())])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"did you mean `{meant}:`?" in err


def test_service_qualifier_is_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "service:ftp", "--registry", str(sample_path()), "--format", "csv"]) == 0
    by_service = capsys.readouterr().out
    assert main(["search", "name:ftp", "--registry", str(sample_path()), "--format", "csv"]) == 0
    assert by_service == capsys.readouterr().out and "ftp" in by_service
