"""Issue 6, part 2: odd but valid files load, every record kept, odd ports flagged.

The same records are written as IANA's CSV, IANA's XML and the registry page copied as
text, then saved in each odd way a real file comes: UTF-8 with a BOM, CRLF line ends,
latin-1, cp1252, UTF-8 with a few stray latin-1 bytes. The records hold a NUL inside a cell,
a duplicate, no name, no port, no protocol, a range written backwards and ports beyond
65535. Each must read back record for record; the odd ports are kept and flagged, in the
model, the command line's `show` and the browser's detail pane.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from app_support import answered, wait_until
from format_support import page
from screen_support import drawn_lines

from tui.app import PortsApp
from tui.cli import command_line as cli
from tui.registry.formats import parse_bytes
from tui.registry.formats.csv_registry import write as write_csv
from tui.registry.model import Record, Registry
from tui.widgets import DetailPane, ResultsTable

Cells = tuple[str, str, str, str]  # service name, port, protocol, description

ODD_RECORDS: list[Cells] = [
    ("cafe", "8080", "tcp", "Café crème brûlée"),
    ("quote", "8081", "udp", "“quoted” € text"),  # cp1252 has these, latin-1 does not
    ("nul", "9", "udp", "before\x00after"),
    ("dup", "7", "tcp", "Same entry twice"),
    ("dup", "7", "tcp", "Same entry twice"),
    ("", "15", "tcp", "Unassigned"),
    ("noport", "", "tcp", "No port at all"),
    ("noproto", "23", "", "No protocol given"),
    ("back", "10-5", "tcp", "Range written backwards"),
    ("big", "70000", "udp", "Port beyond 65535"),
    ("over", "65000-70000", "tcp", "Range leaving 0-65535"),
]
PROBLEMS = {
    "back": "range is written backwards",
    "big": "port is outside 0-65535",
    "over": "port is outside 0-65535",
}

XML_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "latin-1": "ISO-8859-1"}
XML_ENCODING_NAMES["cp1252"] = "windows-1252"


def csv_text(records: list[Cells]) -> str:
    out = io.StringIO()
    write_csv((Record(*cells) for cells in records), out)
    return out.getvalue()


def xml_text(records: list[Cells], encoding: str) -> str:
    declared = XML_ENCODING_NAMES[encoding]
    parts = [
        f'<?xml version="1.0" encoding="{declared}"?>\n',
        '<registry xmlns="http://www.iana.org/assignments" id="service-names-port-numbers">\n',
        "  <title>Service Name and Transport Protocol Port Number Registry</title>\n",
    ]
    for name, port, protocol, description in records:
        parts.append("  <record>\n")
        for tag, value in (("name", name), ("protocol", protocol), ("number", port)):
            if value:
                parts.append(f"    <{tag}>{escape(value)}</{tag}>\n")
        parts.append(f"    <description>{escape(description)}</description>\n  </record>\n")
    parts.append("</registry>\n")
    return "".join(parts)


def page_text(records: list[Cells]) -> str:
    lines = [
        " ".join(cell for cell in (*cells, "[Jon_Postel] [Jon_Postel]") if cell)
        for cells in records
    ]
    return page(lines).decode("utf-8")


WRITERS: dict[str, Callable[[list[Cells], str], str]] = {
    "csv": lambda records, _: csv_text(records),
    "xml": xml_text,
    "page-text": lambda records, _: page_text(records),
}


def records_for(variant: str) -> list[Cells]:
    """The odd records a file saved this way can hold (latin-1 has no curly quotes or €)."""
    if variant == "latin-1":
        return [cells for cells in ODD_RECORDS if cells[0] != "quote"]
    return ODD_RECORDS


def saved(text: str, variant: str) -> bytes:
    """The document's bytes, saved the odd way `variant` names."""
    if variant == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if variant == "bom+crlf":
        return text.replace("\n", "\r\n").encode("utf-8-sig")
    if variant == "mis-encoded":
        # UTF-8, but for one word saved as latin-1 (a line pasted from another editor).
        return text.encode("utf-8").replace("crème".encode(), "crème".encode("latin-1"))
    return text.encode(variant)


VARIANTS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "crlf": "utf-8",
    "bom+crlf": "utf-8-sig",
    "latin-1": "latin-1",
    "cp1252": "cp1252",
    "mis-encoded": "utf-8",
}
"""Each way of saving -> the encoding the XML declaration names."""


def key_cells(registry: Registry) -> list[Cells]:
    return [
        (r.service_name, r.port_number, r.transport_protocol, r.description)
        for r in registry.records
    ]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_odd_files_load_every_record(fmt: str, variant: str) -> None:
    records = records_for(variant)
    data = saved(WRITERS[fmt](records, VARIANTS[variant]), variant)
    registry = parse_bytes(data, f"odd.{fmt}")
    assert registry.format == fmt
    assert registry.skipped == 0
    assert key_cells(registry) == records
    for record in registry.records:
        assert record.port_problem == PROBLEMS.get(record.service_name, "")


def test_json_export_of_odd_records_reads_back() -> None:
    rows = [Record(*cells).to_dict() for cells in ODD_RECORDS]
    for data in (
        json.dumps(rows).encode(),
        json.dumps(rows, ensure_ascii=False).encode("utf-8-sig"),
    ):
        assert key_cells(parse_bytes(data, "odd.json")) == ODD_RECORDS


FIXTURES = Path(__file__).parents[1] / "fixtures"
FIXTURE_FILES = {
    "fixed-text": FIXTURES / "fixed-text-tricky.txt",
    "xhtml": FIXTURES / "xhtml-tricky.xhtml",
    "xml": FIXTURES / "xml-tricky.xml",
    "page-text": FIXTURES / "page-text" / "tricky.txt",
}


@pytest.mark.parametrize("variant", ["bom+crlf", "cp1252", "duplicated record"])
@pytest.mark.parametrize("fmt", sorted(FIXTURE_FILES))
def test_fixtures_saved_oddly_read_the_same(fmt: str, variant: str) -> None:
    data = FIXTURE_FILES[fmt].read_bytes()
    plain = parse_bytes(data, "plain")
    if variant == "bom+crlf":
        odd = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
        expected = [r.to_dict() for r in plain.records]
    elif variant == "cp1252":
        if fmt == "fixed-text":
            pytest.skip(
                "its columns count UTF-8 bytes: re-encoding moves them (see test_fixed_text)"
            )
        # Characters cp1252 lacks (the fixtures' "√") become "?" in both readings.
        text = "".join(c if c.encode("cp1252", "ignore") else "?" for c in data.decode())
        plain = parse_bytes(text.encode("utf-8"), "plain")
        declared = text.replace('encoding="UTF-8"', 'encoding="windows-1252"')
        odd = declared.replace("encoding='UTF-8'", "encoding='windows-1252'").encode("cp1252")
        expected = [r.to_dict() for r in plain.records]
    else:
        odd, expected = duplicated_first_record(fmt, data, plain)
    registry = parse_bytes(odd, "odd")
    assert [r.to_dict() for r in registry.records] == expected
    assert registry.contacts == plain.contacts


def duplicated_first_record(fmt: str, data: bytes, plain: Registry) -> tuple[bytes, list[dict]]:
    """The file with one record written twice, and the records it must read as."""
    text = data.decode("utf-8")
    expected = [r.to_dict() for r in plain.records]
    if fmt == "xml":
        start = text.index("<record")
        end = text.index("</record>", start) + len("</record>")
        return (text[:end] + text[start:end] + text[end:]).encode(), [expected[0], *expected]
    if fmt == "xhtml":
        start = text.rindex("<tr", 0, text.index("<td"))
        end = text.index("</tr>", start) + len("</tr>")
        return (text[:end] + text[start:end] + text[end:]).encode(), [expected[0], *expected]
    # Text forms: the first record line (a line naming the first record's service and port).
    first = plain.records[0]
    lines = text.split("\n")
    index = next(
        i
        for i, line in enumerate(lines)
        if first.port_number in line.split() and first.transport_protocol in line.split()
    )
    lines.insert(index + 1, lines[index])
    return "\n".join(lines).encode(), [expected[0], *expected]


def write_odd_csv(tmp_path: Path) -> Path:
    path = tmp_path / "odd.csv"
    path.write_bytes(saved(csv_text(ODD_RECORDS), "bom+crlf"))
    return path


@pytest.mark.parametrize("key", sorted(PROBLEMS))
def test_show_flags_odd_ports(tmp_path: Path, capsys, key: str) -> None:
    path = write_odd_csv(tmp_path)
    assert cli.main(["show", key, "--registry", str(path)]) == 0
    assert PROBLEMS[key] in capsys.readouterr().out


async def test_detail_pane_flags_odd_ports_and_keeps_every_record(tmp_path: Path) -> None:
    path = write_odd_csv(tmp_path)
    app = PortsApp(source=path)
    async with app.run_test(size=(200, 50)) as pilot:
        await answered(pilot)
        table = app.query_one("#results", ResultsTable)
        detail = app.query_one("#detail", DetailPane)
        assert key_cells(Registry(records=list(table.results))) == ODD_RECORDS
        for record in table.results:
            table.select_record(record)
            await wait_until(pilot, lambda r=record: detail.record is r)
            await pilot.pause()
            problem = PROBLEMS.get(record.service_name)
            shown = "\n".join(drawn_lines(detail.query_one("#detail-fields")))
            if problem:
                assert problem in shown, record.service_name
            else:
                assert "range is written backwards" not in shown
                assert "outside 0-65535" not in shown


def test_fixed_text_with_stray_bytes_keeps_its_utf8_text() -> None:
    # A UTF-8 file with one line saved as cp1252: each byte counts one column either way.
    data = (
        b" Service Name   Port Number Protocol   Description\n"
        b"muller               80         tcp    M\xc3\xbcller service\n"
        b"cafe                 81         tcp    Caf\xe9 \x93menu\x94\n"
    )
    registry = parse_bytes(data, "mixed.txt")
    assert registry.format == "fixed-text"
    assert key_cells(registry) == [
        ("muller", "80", "tcp", "Müller service"),
        ("cafe", "81", "tcp", "Café “menu”"),
    ]
