"""The command line as scripts use it: limits, pipes, TSV, JSON shape, exit codes, bare queries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_support import run_cli, run_main, run_shell, write_registry_csv
from hypothesis import given
from hypothesis import strategies as st

from tui.cli.command_line import main
from tui.cli.parser import SUBCOMMANDS, with_bare_query
from tui.registry.exporting import tsv_line
from tui.registry.formats.json_registry import parse as parse_json_registry
from tui.registry.model import CSV_HEADER, FIELDS
from tui.registry.sources import load_registry

LONG = "An unusually long description " * 12
ROWS = [
    *(
        ["ssh", "22", protocol, "The Secure Shell (SSH) Protocol", "[Tatu_Ylonen]", "", "", ""]
        + ["[RFC4251]", "", "", ""]
        for protocol in ("tcp", "udp")
    ),
    ["long", "4000", "tcp", LONG.strip(), "", "", "", "", "", "", "", ""],
    ["tabby", "4001", "tcp", "tab\there", "", "", "", "", "", "", "", "line one\nline two \\ back"],
]
ROWS += [
    [f"svc{n}", str(5000 + n), "tcp", f"service number {n}", "", "", "", "", "", "", "", ""]
    for n in range(30)
]


@pytest.fixture
def registry_csv(tmp_path: Path) -> Path:
    return write_registry_csv(tmp_path / "reg.csv", ROWS)


# 1. Limits


def test_default_limit_cut_is_said_on_stderr_only(registry_csv: Path, capsys) -> None:
    code, out, err = run_main(
        capsys, "search", "service", "--registry", str(registry_csv), "--format", "json"
    )
    assert code == 0
    assert len(json.loads(out)) == 20
    assert err == "iana-ports: shown 20 of 30; --limit all for every match\n"


@pytest.mark.parametrize("limit", ["all", "ALL", "0"])
def test_limit_all_and_zero_give_every_match(registry_csv: Path, capsys, limit: str) -> None:
    code, out, err = run_main(
        capsys,
        "search",
        "service",
        "--registry",
        str(registry_csv),
        "--format",
        "json",
        "--limit",
        limit,
    )
    assert code == 0 and err == ""
    assert len(json.loads(out)) == 30


def test_an_explicit_limit_cuts_quietly(registry_csv: Path, capsys) -> None:
    code, out, err = run_main(
        capsys,
        "search",
        "service",
        "--registry",
        str(registry_csv),
        "--limit",
        "5",
        "--format",
        "jsonl",
    )
    assert code == 0 and err == ""
    assert len(out.splitlines()) == 5


@pytest.mark.parametrize("limit", ["-1", "some", "1.5"])
def test_a_bad_limit_is_bad_input(registry_csv: Path, capsys, limit: str) -> None:
    code, out, err = run_main(
        capsys, "search", "ssh", "--registry", str(registry_csv), "--limit", limit
    )
    assert (code, out) == (2, "") and err.count("\n") == 1 and "--limit" in err


@pytest.mark.realdata
def test_iesg_search_and_export_agree_with_limit_all(cli_cache: Path) -> None:
    searched = run_cli(cli_cache, "search", "by:iesg", "--format", "json", "--limit", "all")
    exported = run_cli(cli_cache, "export", "by:iesg", "--format", "json")
    assert searched.returncode == exported.returncode == 0
    assert len(json.loads(searched.stdout)) == len(json.loads(exported.stdout)) > 100


# 2. Pipes


def test_a_table_in_a_pipe_is_never_wrapped(registry_csv: Path, capsys) -> None:
    code, out, _ = run_main(capsys, "search", "long", "--registry", str(registry_csv))
    assert code == 0
    assert any(LONG.strip() in line for line in out.splitlines())


def test_contacts_in_a_pipe_keep_each_address_on_one_line(cli_cache: Path) -> None:
    done = run_shell(cli_cache, "iana_ports contacts Monty | grep -c analytikerna")
    assert done.stdout.strip() == "1", done.stderr


def test_tsv_escapes_tabs_newlines_and_backslashes(registry_csv: Path, capsys) -> None:
    code, out, _ = run_main(
        capsys, "search", "tabby", "--registry", str(registry_csv), "--format", "tsv"
    )
    assert code == 0
    header, line = out.splitlines()
    assert header.split("\t") == list(CSV_HEADER)
    cells = line.split("\t")
    assert len(cells) == 12
    assert cells[3] == "tab\\there"
    assert cells[11] == "line one\\nline two \\\\ back"


@pytest.mark.parametrize(
    ("command", "first_line"),
    [
        (["search", "ssh", "--format", "tsv"], "Service Name\t"),
        (["search", "ssh"], "Port"),
        (["export", "--format", "tsv"], "Service Name\t"),
        (["export", "--format", "csv"], "Service Name,"),
    ],
)
def test_no_header_drops_the_header_line(registry_csv: Path, capsys, command, first_line) -> None:
    code, with_header, _ = run_main(capsys, *command, "--registry", str(registry_csv))
    assert code == 0 and with_header.startswith(first_line)
    code, without, _ = run_main(capsys, *command, "--registry", str(registry_csv), "--no-header")
    assert code == 0 and not without.lstrip().startswith(first_line.strip())
    assert "ssh" in without.splitlines()[0] or "tcp" in without.splitlines()[0]


def test_jsonl_is_one_document_a_line(registry_csv: Path, capsys) -> None:
    code, out, _ = run_main(capsys, "export", "--registry", str(registry_csv), "--format", "jsonl")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(ROWS)
    assert [json.loads(line)["service_name"] for line in lines] == [row[0] for row in ROWS]


# 3. JSON shape


@pytest.mark.realdata
def test_json_keeps_the_twelve_fields_and_adds_bounds_people_and_common_names(
    cli_cache: Path,
) -> None:
    done = run_cli(cli_cache, "show", "3389/tcp", "--format", "json")
    assert done.returncode == 0, done.stderr
    (document,) = json.loads(done.stdout)
    record = load_registry().lookup("3389/tcp")[0]
    assert {name: document[name] for name in FIELDS} == record.to_dict()
    assert list(document)[:12] == list(FIELDS)
    assert (document["port_low"], document["port_high"]) == (3389, 3389)
    (person,) = document["assignee_contacts"]
    assert set(person) == {"id", "name", "organization", "emails", "uri"}
    assert person["id"] == "Jordan_Marchese" and person["emails"] == ["jordanm@microsoft.com"]
    assert document["contact_contacts"] == document["assignee_contacts"]
    assert "rdp" in [row["name"] for row in document["common_names"]]


def test_a_record_without_port_or_common_names_says_so(tmp_path: Path, capsys) -> None:
    path = tmp_path / "r.csv"
    path.write_text(",".join(CSV_HEADER) + "\nnoport,,tcp,No port,,,,,,,,\n", encoding="utf-8")
    code, out, _ = run_main(capsys, "export", "--registry", str(path), "--format", "json")
    (document,) = json.loads(out)
    assert code == 0
    assert document["port_low"] is None and document["port_high"] is None
    assert document["assignee_contacts"] == [] and "common_names" not in document


@pytest.mark.realdata
def test_exported_json_reads_back_as_the_same_registry(cli_cache: Path, tmp_path: Path) -> None:
    done = run_cli(cli_cache, "export", "by:iesg", "--format", "json")
    assert done.returncode == 0
    again = parse_json_registry(done.stdout.encode("utf-8"), "export.json")
    documents = json.loads(done.stdout)
    assert [r.to_dict() for r in again.records] == [{n: d[n] for n in FIELDS} for d in documents]
    assert again.skipped == 0


# 4. Exit codes


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["search", "ssh"], 0, ""),
        (["search", "zzqqxxyy"], 1, "nothing matches"),
        (["search", "70000"], 2, "0-65535"),
        (["search", "70000/tcp"], 2, "0-65535"),
        (["search", "tcp/70000"], 2, "0-65535"),
        (["search", "60000-70000"], 2, "0-65535"),
        (["search", "6063-6000"], 2, "not a range"),
        (["search", "port:70000"], 2, "0-65535"),
        (["show", "70000"], 2, "0-65535"),
        (["show", "6063-6000"], 2, "not a range"),
        (["show", "zzqqxxyy"], 1, "no entry"),
        (["search", "ssh", "--format", "yaml"], 2, "--format"),
        (["search", "ssh", "--bogus"], 2, "--bogus"),
        (["export", "70000"], 2, "0-65535"),
    ],
)
def test_exit_codes(registry_csv: Path, capsys, args: list[str], code: int, says: str) -> None:
    got, out, err = run_main(capsys, *args, "--registry", str(registry_csv))
    assert got == code, err
    if code:
        assert out == "" and err.count("\n") == 1 and says in err and "Traceback" not in err


@pytest.mark.realdata
def test_show_explains_a_free_port_as_search_does(cli_cache: Path) -> None:
    shown = run_cli(cli_cache, "show", "49152")
    searched = run_cli(cli_cache, "search", "49152")
    assert shown.returncode == searched.returncode == 1
    assert "Dynamic/Private range (49152-65535)" in shown.stderr
    assert shown.stderr == searched.stderr


@pytest.mark.realdata
def test_show_merges_records_that_differ_only_in_the_protocol(cli_cache: Path) -> None:
    done = run_cli(cli_cache, "show", "3306")
    assert done.returncode == 0
    assert done.stdout.count("Description") == 1
    assert "mysql 3306/tcp+udp" in done.stdout
    assert "tcp and udp" in done.stdout


# 5. A bare query searches


@pytest.mark.realdata
@pytest.mark.parametrize("query", [["8080"], ["secure", "shell"], ["--limit", "3", "ssh"]])
def test_a_bare_query_is_search(cli_cache: Path, query: list[str]) -> None:
    bare = run_cli(cli_cache, *query)
    searched = run_cli(cli_cache, "search", *query)
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout == searched.stdout and bare.stdout.strip()


def test_a_bare_query_keeps_global_options(registry_csv: Path, capsys) -> None:
    code, out, _ = run_main(capsys, "--registry", str(registry_csv), "tabby", "--format", "jsonl")
    assert code == 0 and json.loads(out)["service_name"] == "tabby"


def test_help_says_how_to_search_for_a_command_name(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "iana-ports search info" in text and "bare query searches" in text.lower()


# Properties


def unescape_tsv(cell: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[m.group(1)], cell
    )


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_tsv_cells_stay_apart_and_read_back(cells: list[str]) -> None:
    line = tsv_line(cells)
    assert line.endswith("\n") and line.count("\n") == 1
    assert [unescape_tsv(cell) for cell in line[:-1].split("\t")] == cells


@given(st.sampled_from(SUBCOMMANDS), st.lists(st.text(min_size=1), max_size=3))
def test_a_command_word_first_is_never_rewritten(command: str, rest: list[str]) -> None:
    assert with_bare_query([command, *rest]) == [command, *rest]
    assert with_bare_query(["--registry", "x", command, *rest]) == [
        "--registry",
        "x",
        command,
        *rest,
    ]


@given(st.text(min_size=1).filter(lambda w: w not in SUBCOMMANDS and not w.startswith("-")))
def test_any_other_first_word_is_a_search(word: str) -> None:
    assert with_bare_query([word, "more"]) == ["search", word, "more"]
    assert with_bare_query(["-q", "x", word]) == ["-q", "x", "search", word]


def test_a_command_registered_later_is_not_a_query(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli import parser as grammar

    built = grammar.build_parser

    def with_later():
        parser = built()
        subparsers = next(a for a in parser._actions if hasattr(a, "add_parser"))
        subparsers.add_parser("later")
        return parser

    monkeypatch.setattr(grammar, "build_parser", with_later)
    assert grammar.parse_command_line(["later"]).command == "later"
    assert grammar.parse_command_line(["8080"]).command == "search"


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["shwo", "22"], "show"),
        (["contact", "postel"], "contacts"),
        (["--registry", "sample", "inof"], "info"),
        (["updte"], "update"),
    ],
)
def test_a_mistyped_command_searches_and_says_which_command_was_meant(
    argv: list[str], meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if "--registry" not in argv:
        argv = ["--registry", "sample", *argv]
    main(argv)
    err = capsys.readouterr().err
    assert f"did you mean `iana-ports {meant}`?" in err.splitlines()[0]


def test_a_mistyped_command_with_its_options_names_the_command_meant(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--registry", "sample", "exprot", "--format", "services"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean `iana-ports export`?" in err


@pytest.mark.parametrize("argv", [["ssh"], ["secure", "shell"], ["8080"], ["--", "shwo"]])
def test_plain_queries_get_no_command_note(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--registry", "sample", *argv])
    assert "did you mean" not in capsys.readouterr().err
