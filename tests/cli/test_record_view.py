"""One renderer of a record's fields: CLI `show` and the browser's detail pane say the same rows;
the browser's `Y` copy and JSON export give the CLI's JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import write_registry_csv
from rich.table import Table

from tui.cli.command_line import main
from tui.cli.render import record_panel
from tui.clipboard import record_json
from tui.registry.documents import record_document
from tui.registry.exporting import export_records
from tui.registry.model import Contact, Record, Registry
from tui.registry.record_rows import COMMON_NAMES_NOTE, record_rows
from tui.widgets.detail_text import fields_grid

SHARED_ONLY = ("Links", "Also", "Alias")
"""Rows the CLI adds after the shared ones (the pane shows them as links)."""


def registry() -> Registry:
    records = [
        Record("ms-wbt-server", "3389", "tcp", "MS WBT Server", "[Jordan]", "[Jordan]"),
        Record("ms-wbt-server", "3389", "udp", "MS WBT Server", "[Jordan]", "[Jordan]"),
        Record("huge", "99999999999999999999", "tcp", "A port that is no number"),
        Record("backwards", "6063-6000", "tcp", "Written backwards", "[Nobody]"),
        Record("ssh", "22", "tcp", "The Secure Shell", reference="[RFC4251]"),
    ]
    contacts = {"Jordan": Contact("Jordan", "Jordan M", "", "mailto:jm&example.com")}
    return Registry(records=records, contacts=contacts, source="view.csv", format="csv")


def cells(table: Table) -> list[tuple[str, str]]:
    labels = [str(cell) for cell in table.columns[0]._cells]
    values = [getattr(cell, "plain", str(cell)) for cell in table.columns[1]._cells]
    return list(zip(labels, values, strict=True))


@pytest.mark.parametrize("index", range(5))
def test_show_and_the_pane_draw_the_same_rows(index: int) -> None:
    reg = registry()
    record = reg.records[index]
    pane = cells(fields_grid(record, reg))
    cli = [row for row in cells(record_panel(reg, record)) if row[0] not in SHARED_ONLY]
    assert cli == pane
    assert pane == [(row.label, row.plain) for row in record_rows(record, reg)]


def test_the_rows_name_the_port_class_problem_people_and_common_names() -> None:
    reg = registry()
    labels = dict(cells(fields_grid(reg.records[0], reg)))
    assert labels["Port Class"] == "User (1024-49151)"
    assert labels["Assignee"] == "Jordan M <jm@example.com>"
    common = labels["Common Names"]
    assert common.startswith(COMMON_NAMES_NOTE) and "not IANA's" in common and "rdp" in common
    huge = dict(cells(record_panel(reg, reg.records[2])))
    assert "not a number or range" in huge["Problem"]
    backwards = dict(cells(record_panel(reg, reg.records[3])))
    assert backwards["Problem"] == "⚠ range is written backwards"
    assert backwards["Assignee"] == "[Nobody] (not in the contact table)"


def write_csv(path: Path, reg: Registry) -> Path:
    return write_registry_csv(path, (r.to_row() for r in reg.records))


def test_show_of_a_record_with_an_impossible_port_has_the_problem_row(
    tmp_path: Path, capsys
) -> None:
    path = write_csv(tmp_path / "view.csv", registry())
    assert main(["show", "huge", "--registry", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Problem" in out and "not a number or range" in out


def test_the_copy_and_the_export_give_the_cli_shape(tmp_path: Path, capsys) -> None:
    reg = registry()
    record = reg.records[0]
    assert json.loads(record_json(record, reg)) == record_document(record, reg)
    path = export_records(reg.records, "json", tmp_path, registry=reg)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported == [record_document(r, reg) for r in reg.records]
    assert exported[0]["assignee_contacts"][0]["emails"] == ["jm@example.com"]
    # The same documents as the command line writes for the same records.
    csv_path = write_csv(tmp_path / "view.csv", reg)
    assert main(["export", "--registry", str(csv_path), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert [
        {k: v for k, v in d.items() if k != "contact_contacts" and k != "assignee_contacts"}
        for d in cli
    ] == [
        {k: v for k, v in d.items() if k != "contact_contacts" and k != "assignee_contacts"}
        for d in exported
    ]
