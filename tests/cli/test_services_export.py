"""`export --format services`: an /etc/services file as distributions generate theirs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import run_cli

from tui.registry.model import Record, Registry
from tui.registry.services_file import services_entries, services_lines

# services(5): name, port/protocol, aliases, an optional comment; nothing else on a line.
SERVICES_LINE = re.compile(
    r"(?P<name>[^\s#]+)[ \t]+(?P<port>\d{1,5})/(?P<proto>tcp|udp|sctp|dccp)"
    r"(?P<aliases>(?:[ \t]+[^\s#]+)*)[ \t]*(?:#[^\n]*)?"
)


def check_services_text(text: str) -> list[re.Match[str]]:
    """Every line a comment, blank, or a strict services(5) entry; the entries' matches."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = SERVICES_LINE.fullmatch(line)
        assert match, f"line {number} is not services(5) syntax: {line!r}"
        assert 0 <= int(match["port"]) <= 65535
        entries.append(match)
    return entries


def record(name: str, port: str, proto: str, description: str = "", notes: str = "") -> Record:
    return Record(name, port, proto, description, assignment_notes=notes)


def test_aliases_ranges_and_unnamed_records() -> None:
    registry = Registry(
        records=[
            record("http", "80", "tcp", "World Wide Web HTTP"),
            record(
                "www",
                "80",
                "tcp",
                "World Wide Web HTTP",
                'This is a duplicate of the "http" service',
            ),
            record("whois++", "63", "tcp", "whois++", 'Alias to "whoispp"'.replace("A", "a")),
            record(
                "whoispp",
                "63",
                "tcp",
                'whois++\nIANA assigned this as a replacement for "whois++".',
            ),
            record("x11", "6000-6063", "tcp", "X Window System"),
            record("", "4", "tcp", "Unassigned"),
            record("bad name", "5", "tcp", "a space in the name"),
            record("big", "70000", "tcp", "not a port"),
            record("icmpish", "7", "icmp", "no transport protocol"),
            record("evil", "8", "tcp", "ring\x07 # and\ttab\nnew line"),
        ],
        updated="2026-08-17",
        source="/data/service-names-port-numbers.xml",
    )
    text = "\n".join(services_lines(registry)) + "\n"
    entries = check_services_text(text)
    table = {(m["name"], m["port"], m["proto"]): m["aliases"].split() for m in entries}
    assert table == {
        ("http", "80", "tcp"): ["www"],
        ("whoispp", "63", "tcp"): ["whois++"],
        ("evil", "8", "tcp"): [],
    }
    assert "# Registry updated: 2026-08-17" in text
    assert "service-names-port-numbers.xml" in text.split("\n\n")[0]
    evil = next(line for line in text.splitlines() if line.startswith("evil"))
    assert "\x07" not in evil and "\t" not in evil and "# ring" in evil


def test_alias_loops_end() -> None:
    registry = Registry(
        records=[
            record("a", "10", "tcp", "", 'alias to "b"'),
            record("b", "10", "tcp", "", 'alias to "a"'),
        ]
    )
    assert len(services_entries(registry)) <= 2
    check_services_text("\n".join(services_lines(registry)))


@pytest.mark.realdata
def test_the_full_registry_as_etc_services(cli_cache: Path, tmp_path: Path) -> None:
    done = run_cli(cli_cache, "export", "--format", "services")
    assert done.returncode == 0, done.stderr
    entries = check_services_text(done.stdout)
    assert len(entries) > 10_000
    lines = {(m["name"], m["port"], m["proto"]): m["aliases"].split() for m in entries}
    assert lines[("ssh", "22", "tcp")] == []
    assert "www" in lines[("http", "80", "tcp")]
    assert ("www", "80", "tcp") not in lines
    assert "whois++" in lines[("whoispp", "63", "tcp")]
    assert not any(name == "x11" for name, _, _ in lines)  # only a range: left out
    assert len(lines) == len(entries)  # one line per name, port and protocol
    header = done.stdout.split("\n\n")[0]
    assert "Registry updated: 2026-08-17" in header and "iana.org" in header
