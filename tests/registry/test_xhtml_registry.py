"""IANA's XHTML page: the records table, the people table and the definition list."""

from __future__ import annotations

import contextlib

import pytest
from conftest import FIXTURES, shared_file
from format_support import fields, only
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.registry.formats import parse_bytes, xhtml_registry
from tui.registry.formats.xhtml_reader import cell_text
from tui.registry.model import Contact, Registry, RegistryError

FIXTURE = FIXTURES / "xhtml-tricky.xhtml"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return xhtml_registry.parse(FIXTURE.read_bytes(), str(FIXTURE))


def test_detected_by_content(registry: Registry) -> None:
    assert parse_bytes(FIXTURE.read_bytes(), "registry.txt").format == "xhtml"


def test_counts_order_and_skipped_rows(registry: Registry) -> None:
    assert [r.service_name or r.port_number for r in registry.records] == [
        "0", "discard", "discard", "ftp-data", "whoispp", "finger", "lanrevagent", "ms-sql",
        "x11", "ciao",
    ]  # fmt: skip
    # An all-empty record row and a person row without an id: skipped, counted, located.
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    empty_row = next(
        number
        for number, line in enumerate(lines, 1)
        if line.strip() == "<tr>" and all(c.strip() == "<td></td>" for c in lines[number:][:12])
    )
    nobody = next(i for i, line in enumerate(lines, 1) if "<td>Nobody</td>" in line) - 2
    assert registry.skipped == 2
    assert registry.skipped_lines == [empty_row, nobody]


def test_metadata(registry: Registry) -> None:
    assert registry.title == "Service Name and Transport Protocol Port Number Registry"
    assert registry.updated == "2015-03-16"
    assert (
        registry.experts == "TCP/UDP: Joe Touch; Eliot Lear,\n     Lars Eggert; DCCP: Eddie Kohler"
    )
    assert registry.notes == (
        "Service names are assigned on a first-come, first-served process, as\n"
        "documented in [RFC6335].\n"
        "\n"
        "* PLEASE NOTE: fixture text *"
    )


def test_links_read_as_their_text_like_the_csv(registry: Registry) -> None:
    assert only(registry, "", "0", "tcp") == fields(
        port_number="0",
        transport_protocol="tcp",
        description="Reserved",
        assignee="[Jon_Postel]",
        contact="[Jon_Postel]",
    )
    assert only(registry, "discard", "9", "dccp") == fields(
        service_name="discard",
        port_number="9",
        transport_protocol="dccp",
        description="Discard",
        assignee="[Eddie_Kohler]",
        contact="[Eddie_Kohler]",
        modification_date="2022-02-07",
        reference="[RFC4340]",
        service_code="1145656131",
    )


def test_several_references(registry: Registry) -> None:
    assert only(registry, "discard", "9", "sctp")["reference"] == "[RFC4960][RFC9260]"
    assert only(registry, "ms-sql", "1433", "tcp")["reference"] == (
        "[draft-ietf-x-y-01][http://example.com/spec]"
    )


def test_missing_cells_are_empty(registry: Registry) -> None:
    # The row has six cells of twelve.
    assert only(registry, "ftp-data", "20", "tcp") == fields(
        service_name="ftp-data",
        port_number="20",
        transport_protocol="tcp",
        description="File Transfer [Default Data]",
        assignee="[Jon_Postel]",
        contact="[Jon_Postel]",
    )
    assert only(registry, "ciao", "", "tcp")["port_number"] == ""


def test_breaks_become_newlines(registry: Registry) -> None:
    # "<br/><br/>" and the source line end after them: one newline, as IANA's CSV has it.
    assert only(registry, "whoispp", "63", "tcp")["description"] == (
        'whois++\nIANA assigned this well-formed service name as a replacement for "whois++".'
    )
    # Indentation after a break is kept, entities decoded.
    assert only(registry, "lanrevagent", "3970", "tcp")["assignment_notes"] == (
        "Defined TXT keys:\n  txtvers\n  server=<main LANrev server for agent>"
    )
    assert only(registry, "ms-sql", "1433", "tcp")["description"] == (
        "Microsoft-SQL-Server & Tools\nsecond line"
    )


def test_unauthorized_use_and_ranges(registry: Registry) -> None:
    assert only(registry, "finger", "79", "tcp")["unauthorized_use_reported"] == (
        "Unauthorized use by some mail users (see [RFC4146] for details)"
    )
    x11 = [r for r in registry.records if r.service_name == "x11"][0]
    assert (x11.port_number, x11.port_low, x11.port_high) == ("6000-6063", 6000, 6063)


def test_people_table(registry: Registry) -> None:
    assert registry.contacts == {
        c.id: c
        for c in [
            Contact("ARTIS_Software", "", "ARTIS Software", "mailto:contact&artissoftware.com"),
            Contact(
                "Eddie_Kohler",
                "Eddie Kohler",
                "IETF dccp WG",
                "mailto:kohler&cs.ucla.edu",
                "2011-05-13",
            ),
            # A row with a second URI cell: the first URI is kept, the last cell is the date.
            Contact("Mark_Lottor", "Mark Lottor", "", "mailto:MKL&nisc.sri.com", "2003-06"),
            Contact("Rina_Nethaniel", "Rina Nethaniel"),
            Contact("w3c", "", "World Wide Web Consortium", "http://www.w3.org/Consortium/contact"),
            Contact("bare_id", "Bare Id"),
        ]
    }
    assert registry.contacts["Eddie_Kohler"].email == "kohler@cs.ucla.edu"
    assert registry.contacts["w3c"].email == ""


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        (["a", None, "b"], "a\nb"),
        (["whois++", None, None, "\nIANA"], "whois++\nIANA"),
        (["a", None, "  ", None, "\n b"], "a\n b"),
        (["keys:", None, "\n  txtvers"], "keys:\n  txtvers"),
        ([None, "  lead"], "lead"),
        (["tail", None, "  \n"], "tail"),
        (["two\nlines as written"], "two\nlines as written"),
    ],
)
def test_cell_text(parts: list[str | None], text: str) -> None:
    assert cell_text(parts) == text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<html><body><p>no table here</p></body></html>", "no records table"),
        (
            b"<html><table><tr><th>Service Name</th><th>Port Number</th></tr></table></html>",
            "no records",
        ),
        (b"<html><![foo x]><table></table></html>", "malformed markup"),
    ],
)
def test_unreadable_pages_raise(data: bytes, problem: str) -> None:
    with pytest.raises(RegistryError, match=problem):
        xhtml_registry.parse(data, "bad.xhtml")


def test_sloppy_html_rows_and_cells_left_open() -> None:
    page = (
        b"<html><table><tr><th>Service Name<th>Port Number<th>Transport Protocol"
        b"<tr><td>echo<td>7<td>tcp<tr><td>echo<td>7<td>udp</table></html>"
    )
    registry = xhtml_registry.parse(page, "sloppy.html")
    assert [r.key for r in registry.records] == [("echo", "7", "tcp"), ("echo", "7", "udp")]


@given(st.binary(max_size=2000))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_any_bytes_give_a_registry_or_registry_error(data: bytes) -> None:
    with contextlib.suppress(RegistryError):
        assert isinstance(xhtml_registry.parse(data, "fuzz.xhtml"), Registry)


@given(st.data())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_damaged_fixture_gives_a_registry_or_registry_error(data: st.DataObject) -> None:
    original = FIXTURE.read_bytes()
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 400)))
    patch = data.draw(
        st.binary(max_size=60) | st.sampled_from([b"<tr>", b"</table>", b"<![", b"<br/>", b"<!"])
    )
    with contextlib.suppress(RegistryError):
        damaged = original[:start] + patch + original[end:]
        assert isinstance(xhtml_registry.parse(damaged, "f"), Registry)


@pytest.mark.realdata
def test_real_2015_sample() -> None:
    path = shared_file("service-names-port-numbers-2015-sample.xhtml")
    registry = parse_bytes(path.read_bytes(), str(path))
    print(f"\n{path.name}: {len(registry.records)} records, {len(registry.contacts)} contacts")
    assert registry.format == "xhtml"
    assert len(registry.records) == 100
    assert len(registry.contacts) == 11
    assert registry.skipped == 0
    assert registry.updated == "2015-03-16"
    assert registry.title == "Service Name and Transport Protocol Port Number Registry"
    assert only(registry, "ssh", "22", "tcp") == fields(
        service_name="ssh",
        port_number="22",
        transport_protocol="tcp",
        description="The Secure Shell (SSH) Protocol",
        reference="[RFC4251]",
        assignment_notes="Defined TXT keys: u=<username> p=<password>",
    )
    assert registry.contacts["Eddie_Kohler"] == Contact(
        "Eddie_Kohler", "Eddie Kohler", "IETF dccp WG", "mailto:kohler&cs.ucla.edu"
    )
    assert registry.contacts["Mark_Lottor"].uri == "mailto:MKL&nisc.sri.com"
    # Every id the records name in brackets is in the sample's people table.
    named = {i for r in registry.records for i in r.assignee_ids + r.contact_ids}
    assert named <= set(registry.contacts)
