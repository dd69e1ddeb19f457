"""Issue 6, part 3 on the command line: hostile registry text printed literally, kept in exports.

`search`, `show` and `contacts` print tables: every hostile string must come out with its
markup literal and its controls as visible stand-ins. `export` must give back the text
exactly as stored (CSV and JSON read back equal, NUL, CR and escapes included).
"""

from __future__ import annotations

import json

import pytest
from cli_support import run_main
from hardening_support import (
    BIDI,
    CLICK,
    MARKUP,
    STAND_INS,
    WIDE,
    assert_safe_on_screen,
    hostile_registry,
    shown,
    squashed,
)

from tui.registry.formats import parse_bytes
from tui.registry.model import FIELDS, Registry


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """The hostile registry, served to every command in place of a file."""
    hostile = hostile_registry()
    monkeypatch.setattr("tui.registry.sources.load_registry", lambda path=None: hostile)
    # Wide enough that short phrases are not folded; no colour codes of Rich's own.
    monkeypatch.setenv("COLUMNS", "4000")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    return hostile


def assert_literal(out: str, phrases: list[str]) -> None:
    flat = squashed(out)
    for phrase in phrases:
        assert squashed(phrase) in flat, phrase


@pytest.mark.parametrize(
    "args",
    [("search", "666", "--limit", "50"), ("show", "666"), ("contacts",)],
    ids=["search", "show", "contacts"],
)
def test_tables_show_hostile_text_literally(registry: Registry, capsys, args) -> None:
    code, out, err = run_main(capsys, *args)
    assert code == 0, err
    assert_safe_on_screen(out, " ".join(args))
    assert_safe_on_screen(err, " ".join(args))
    assert_literal(out, [MARKUP, CLICK, *STAND_INS.values()] if args[0] != "contacts" else [])
    assert_literal(out, [WIDE[:8]])


def test_show_prints_every_field_literally(registry: Registry, capsys) -> None:
    code, out, _ = run_main(capsys, "show", "666")
    assert code == 0
    # Each record's hostile fields, controls made visible: reference, notes, long text.
    assert_literal(out, ["[@click=app.quit]ref[/]", "notes ␛]0;pwned title␇", "long-" * 50])
    assert_literal(out, ["abc<U+202E>evil<U+202C>def<U+2066>isolate<U+2069><U+200F>mark"])
    assert "pwned title\x07" not in out and "\x1b" not in out


def test_contacts_table_shows_hostile_contacts_literally(registry: Registry, capsys) -> None:
    code, out, _ = run_main(capsys, "contacts")
    assert code == 0
    assert_literal(
        out, [CLICK, MARKUP, "Esc ␛]0;pwned title␇ ␛[2J␛[H", "Org <U+0080>", shown(WIDE)]
    )
    assert_literal(out, ["https://x/␛[31;1mred␛[0m"])


def test_contacts_search_by_hostile_text(registry: Registry, capsys) -> None:
    code, out, _ = run_main(capsys, "contacts", "Mallory")
    assert code == 0
    assert_safe_on_screen(out, "contacts Mallory")
    assert_literal(out, [CLICK])


def test_search_json_keeps_the_original_text(registry: Registry, capsys) -> None:
    code, out, _ = run_main(capsys, "search", "666", "--limit", "50", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    by_key = {(r.service_name, r.transport_protocol): r.to_dict() for r in registry.records}
    for row in rows:
        original = by_key[(row["service_name"], row["transport_protocol"])]
        assert {name: row[name] for name in original} == original


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_keeps_the_original_text_exactly(registry: Registry, capsys, fmt: str) -> None:
    code, out, _ = run_main(capsys, "export", "--format", fmt)
    assert code == 0
    back = parse_bytes(out.encode("utf-8"), f"export.{fmt}")
    assert back.format == fmt
    assert [r.to_dict() for r in back.records] == [r.to_dict() for r in registry.records]
    assert "\x1b]0;pwned title\x07" in out if fmt == "csv" else "\\u001b]0;pwned title" in out


def test_export_of_a_query_keeps_the_original_text(registry: Registry, capsys) -> None:
    code, out, _ = run_main(capsys, "export", "evil", "--format", "json")
    assert code == 0
    exported = json.loads(out)
    originals = [r.to_dict() for r in registry.records]
    assert exported and all({name: row[name] for name in FIELDS} in originals for row in exported)


def test_bidi_reference_is_shown_visibly(registry: Registry, capsys) -> None:
    code, out, _ = run_main(capsys, "show", "evil-bidi")
    assert code == 0
    assert BIDI not in out
    assert "<U+202E>" in out and "<U+2066>" in out
