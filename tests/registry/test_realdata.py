"""IANA's real CSV and XML (from ../shared/data; skipped where absent): counts, round trip,
and the XML read the way IANA's own CSV shows the same records."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_file

from tui.cli.command_line import main
from tui.registry.formats import csv_registry, load_path
from tui.registry.model import FIELDS, Record, Registry

pytestmark = pytest.mark.realdata

XML_NAME = "service-names-port-numbers.xml"
CSV_NAME = "service-names-port-numbers.csv"


@pytest.fixture(scope="module")
def xml_registry() -> Registry:
    return load_path(shared_file(XML_NAME))


@pytest.fixture(scope="module")
def csv_path() -> Path:
    return shared_file(CSV_NAME)


def test_csv_export_is_the_same_file_byte_for_byte(
    csv_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--registry", str(csv_path), "--format", "csv"]) == 0
    exported = capsys.readouterr().out
    original = csv_path.read_bytes()
    exported_file = tmp_path / "exported.csv"
    exported_file.write_text(exported, encoding="utf-8", newline="")
    # Row for row first (a readable failure), then byte for byte.
    before = [r.to_row() for r in load_path(csv_path).records]
    after = [r.to_row() for r in load_path(exported_file).records]
    assert len(after) == len(before) == 14474
    mismatched = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert not mismatched, [before[i] for i in mismatched[:3]]
    assert exported_file.read_bytes() == original


def test_xml_counts(xml_registry: Registry) -> None:
    assert xml_registry.format == "xml"
    assert len(xml_registry.records) == 14533
    assert len(xml_registry.contacts) == 5615
    assert xml_registry.skipped == 0
    assert xml_registry.updated == "2026-08-17"
    assert xml_registry.title == "Service Name and Transport Protocol Port Number Registry"


def _unique_by_key(records: list[Record]) -> dict[tuple[str, str, str], Record]:
    counts = Counter(record.key for record in records)
    return {record.key: record for record in records if counts[record.key] == 1}


def test_xml_agrees_with_csv(xml_registry: Registry, csv_path: Path) -> None:
    """A year apart, so some entries really changed: at least 99% must agree on all 12 fields."""
    from_xml = _unique_by_key(xml_registry.records)
    from_csv = _unique_by_key(csv_registry.parse(csv_path.read_bytes(), str(csv_path)).records)
    common = from_xml.keys() & from_csv.keys()
    assert len(common) > 14000
    differing = Counter()
    agreeing = 0
    for key in common:
        mine, theirs = from_xml[key].to_dict(), from_csv[key].to_dict()
        wrong = [name for name in FIELDS if mine[name] != theirs[name]]
        agreeing += not wrong
        differing.update(wrong)
    rate = agreeing / len(common)
    print(
        f"\nXML vs CSV: {agreeing:,} of {len(common):,} records agree on all 12 fields; "
        f"disagreement rate {1 - rate:.2%}; by field: {dict(differing.most_common())}"
    )
    assert rate >= 0.99


def _one(registry: Registry, name: str, port: str, protocol: str) -> Record:
    [record] = [r for r in registry.records if r.key == (name, port, protocol)]
    return record


def test_spot_checks(xml_registry: Registry) -> None:
    ssh = _one(xml_registry, "ssh", "22", "tcp")
    assert ssh.description == "The Secure Shell (SSH) Protocol"
    assert ssh.reference == "[RFC4251]"
    http = _one(xml_registry, "http", "80", "tcp")
    assert (http.assignee, http.contact) == ("[IESG]", "[IETF_Chair]")
    assert http.description == "World Wide Web HTTP"
    discard = _one(xml_registry, "discard", "9", "dccp")
    assert discard.service_code == "1145656131"
    assert discard.reference == "[RFC4340]"
    x11 = _one(xml_registry, "x11", "6000-6063", "tcp")
    assert (x11.port_low, x11.port_high) == (6000, 6063)
    assert x11.description == "X Window System"
    exp1 = _one(xml_registry, "exp1", "1021", "tcp")
    assert exp1.reference == "[1][RFC4727][RFC6335]"


def test_xml_contacts(xml_registry: Registry) -> None:
    postel = xml_registry.contacts["Jon_Postel"]
    assert (postel.name, postel.uri, postel.email) == (
        "Jon Postel",
        "mailto:postel&isi.edu",
        "postel@isi.edu",
    )
    iesg = xml_registry.contacts["IESG"]
    assert (iesg.name, iesg.organization) == ("", "IESG")
    http = _one(xml_registry, "http", "80", "tcp")
    assert [c.id for c in xml_registry.contacts_of(http)] == ["IETF_Chair"]
    assert xml_registry.contacts["IETF_Chair"].organization == "IETF"
