"""`show KEY` reads keys the way `search` reads queries: firewall and shell notation for ports,
and the common names of the project's table (with a note that they are not IANA's); a search
table that lists entries for a common name says so on stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.cli.command_line import main
from tui.registry.model import CSV_HEADER


def row(name: str, port: str, protocol: str, description: str) -> list[str]:
    return [name, port, protocol, description, "", "", "", "", "", "", "", ""]


ROWS = [
    row("ssh", "22", "tcp", "The Secure Shell (SSH) Protocol"),
    row("ssh", "22", "udp", "The Secure Shell (SSH) Protocol"),
    row("domain", "53", "tcp", "Domain Name Server"),
    row("domain", "53", "udp", "Domain Name Server"),
    row("https", "443", "tcp", "http protocol over TLS/SSL"),
    row("http-alt", "8080", "tcp", "HTTP Alternate (see port 80)"),
    row("mysql", "3306", "tcp", "MySQL"),
    row("mysql", "3306", "udp", "MySQL"),
    row("XmlIpcRegSvc", "9092", "tcp", "Xml-Ipc Server Reg"),
    row("XmlIpcRegSvc", "9092", "udp", "Xml-Ipc Server Reg"),
]


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(ROWS)
    path = tmp_path / "keys.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def shown(
    registry_file: Path, key: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list, str]:
    code = main(["show", key, "--format", "json", "--registry", str(registry_file)])
    captured = capsys.readouterr()
    records = json.loads(captured.out) if captured.out else []
    labels = [(r["service_name"], r["port_number"], r["transport_protocol"]) for r in records]
    return code, labels, captured.err


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("tcp/22", [("ssh", "22", "tcp")]),
        ("udp/53", [("domain", "53", "udp")]),
        (":8080", [("http-alt", "8080", "tcp")]),
        ("22,443", [("ssh", "22", "tcp"), ("ssh", "22", "udp"), ("https", "443", "tcp")]),
        ("443,22/tcp", [("https", "443", "tcp"), ("ssh", "22", "tcp")]),
    ],
)
def test_show_reads_firewall_notation(
    registry_file: Path, capsys: pytest.CaptureFixture[str], key: str, expected: list
) -> None:
    code, labels, err = shown(registry_file, key, capsys)
    assert (code, labels, err) == (0, expected, "")


def test_show_of_a_free_port_in_firewall_notation_is_explained(
    registry_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, labels, err = shown(registry_file, "tcp/49200", capsys)
    assert (code, labels) == (1, [])
    assert "Dynamic/Private range" in err


def test_show_of_a_common_name_shows_ianas_entries_and_says_the_name_is_not_ianas(
    registry_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, labels, err = shown(registry_file, "kafka", capsys)
    assert (code, labels) == (0, [("XmlIpcRegSvc", "9092", "tcp")])
    assert "not a name IANA registered" in err and "9092/tcp (unofficial use)" in err
    code, labels, err = shown(registry_file, "MariaDB", capsys)
    assert (code, labels) == (0, [("mysql", "3306", "tcp")])
    assert "another name for mysql" in err


def test_show_keeps_ianas_names_first_and_unknown_keys_not_found(
    registry_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, labels, err = shown(registry_file, "mysql", capsys)
    assert (code, labels, err) == (0, [("mysql", "3306", "tcp"), ("mysql", "3306", "udp")], "")
    code, labels, err = shown(registry_file, "no-such-thing", capsys)
    assert (code, labels) == (1, [])
    assert "no entry for 'no-such-thing'" in err


def test_a_search_table_names_the_common_names_it_matched_on_stderr(
    registry_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["search", "kafka", "--registry", str(registry_file)])
    out, err = capsys.readouterr()
    assert code == 0 and "XmlIpcRegSvc" in out and "kafka" not in out
    assert err == (
        "iana-ports: note: not IANA's names, from the project's common-names table: "
        "kafka: 9092/tcp (unofficial use)\n"
    )
    code = main(["search", "kafka", "--format", "json", "--registry", str(registry_file)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert json.loads(out)[0]["common_names"][0]["name"] == "kafka"


def test_a_search_that_matched_ianas_own_words_has_no_note(
    registry_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "mysql", "--registry", str(registry_file)]) == 0
    assert capsys.readouterr().err == ""
