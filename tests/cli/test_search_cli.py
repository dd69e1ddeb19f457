"""`iana-ports search`: ranking, JSON with scores and spans, limits, exit codes, any input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import run_main, write_registry_csv

ROWS = [
    ["", "4", "tcp", "Unassigned"],
    ["ftp-data", "20", "tcp", "File Transfer [Default Data]"],
    ["ftp", "21", "tcp", "File Transfer Protocol [Control]"],
    ["ftp", "21", "udp", "File Transfer Protocol [Control]"],
    ["ssh", "22", "tcp", "The Secure Shell (SSH) Protocol"],
    ["ssh", "22", "udp", "The Secure Shell (SSH) Protocol"],
    ["domain", "53", "udp", "Domain Name Server"],
    ["x11", "6000-6063", "tcp", "X Window System"],
    ["sshell", "614", "tcp", "SSLshell"],
]


@pytest.fixture
def registry_csv(tmp_path: Path) -> Path:
    return write_registry_csv(tmp_path / "ports.csv", ROWS)


def search(capsys, path: Path, *args: str) -> tuple[int, str, str]:
    return run_main(capsys, "search", *args, "--registry", str(path))


def test_ranked_json_has_score_and_matched_spans(registry_csv: Path, capsys) -> None:
    code, out, err = search(capsys, registry_csv, "ftp", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["service_name"], r["transport_protocol"]) for r in rows[:3]] == [
        ("ftp", "tcp"),
        ("ftp", "udp"),
        ("ftp-data", "tcp"),
    ]
    assert rows[0]["score"] > rows[2]["score"] > 0
    # The name, and the initials of the description "ftp" is the acronym of.
    assert rows[0]["matched"] == {
        "service_name": [[0, 3]],
        "description": [[0, 1], [5, 6], [14, 15]],
    }
    for row in rows:
        for field, spans in row["matched"].items():
            for start, end in spans:
                assert row[field][start:end].lower() in ("ftp", "f", "t", "p")


def test_several_words_are_one_query(registry_csv: Path, capsys) -> None:
    code, out, _ = search(capsys, registry_csv, "secure", "shell", "--format", "json")
    assert code == 0
    first = json.loads(out)[0]
    assert first["service_name"] == "ssh"
    described = first["description"]
    assert [described[s:e] for s, e in first["matched"]["description"]] == ["Secure", "Shell"]


def test_limit(registry_csv: Path, capsys) -> None:
    code, out, _ = search(capsys, registry_csv, "ftp", "--limit", "1", "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == 1


def test_table_and_csv_outputs(registry_csv: Path, capsys) -> None:
    code, out, _ = search(capsys, registry_csv, "6010")
    assert code == 0 and "x11" in out and "6000-6063" in out
    code, out, _ = search(capsys, registry_csv, "ssh", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Service Name,Port Number")
    assert lines[1].startswith("ssh,22,tcp")


def test_nothing_found_exits_1_with_one_line(registry_csv: Path, capsys) -> None:
    code, out, err = search(capsys, registry_csv, "kubernetes")
    assert (code, out) == (1, "")
    assert err.strip() == "iana-ports: nothing matches 'kubernetes'"


def test_a_port_nobody_uses_is_named_with_its_class(registry_csv: Path, capsys) -> None:
    code, _, err = search(capsys, registry_csv, "49999")
    assert code == 1
    assert err.strip() == (
        "iana-ports: No registered service on port 49999: "
        "Dynamic/Private range (49152-65535), not assigned by IANA"
    )
    code, out, err = search(capsys, registry_csv, "4")
    assert code == 0 and "Unassigned" in out
    assert "listed as Unassigned" in err and "System range (0-1023)" in err


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("port:abc", "0-65535"),
        ("port:70000", "0-65535"),
        ("proto:icmp", "tcp, udp, sctp, dccp"),
        ("status:maybe", "assigned, unassigned, reserved, alias"),
    ],
)
def test_malformed_qualifier_exits_2(registry_csv: Path, capsys, query: str, says: str) -> None:
    code, out, err = search(capsys, registry_csv, query)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and says in err and "Traceback" not in err


@pytest.mark.parametrize(
    "query",
    [
        "[" * 10_000,
        "\\" * 10_000,
        "x" * 10_000,
        "ssh " * 2_500,
        "東京 ΔΕΛΤΑ مرحبا 🙂 ",
        "[bold]ssh[/bold]",
        "(a|b)*",
        "\x1b]0;t\x07",
        "-",
        '"',
        "port:22 port:",
    ],
    ids=lambda q: repr(q[:10]),
)
def test_any_other_string_answers_quickly_without_error(
    registry_csv: Path, capsys, query: str
) -> None:
    started = time.perf_counter()
    code, _, err = search(capsys, registry_csv, query, "--format", "json")
    assert time.perf_counter() - started < 1.0  # loading included; the search itself < 0.1 s
    # Only punctuation is nothing to search for (bad input), never "everything".
    assert code in ((0, 1) if any(c.isalnum() for c in query) else (2,))
    assert "Traceback" not in err and "internal error" not in err
    assert err.count("\n") <= 1
    assert len(err) < 200


def test_search_starts_without_textual_or_rapidfuzz(registry_csv: Path) -> None:
    probe = (
        "import sys; from tui.cli.command_line import main; "
        f"code = main(['search', 'ssh', '--registry', {str(registry_csv)!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rapidfuzz')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
