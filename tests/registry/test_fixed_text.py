"""IANA's fixed-width plain text: columns, wrapped and centred cells, the People table."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, shared_file
from format_support import fields, only
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.registry.formats import fixed_text, parse_bytes
from tui.registry.formats.text_columns import HeaderLabel, locate_columns, split_cells
from tui.registry.model import Contact, Registry, RegistryError

FIXTURE = FIXTURES / "fixed-text-tricky.txt"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return fixed_text.parse(FIXTURE.read_bytes(), str(FIXTURE))


def test_detected_by_content(registry: Registry) -> None:
    assert parse_bytes(FIXTURE.read_bytes(), "x.html").format == "fixed-text"


def test_counts_order_and_the_unreadable_line(registry: Registry) -> None:
    assert [r.service_name or r.port_number for r in registry.records] == [
        "0", "tcpmux", "compressnet", "discard", "discard", "msp", "msp", "ftp-data", "ssh",
        "whoispp", "whois++", "finger", "genstat", "oob-ws-http", "asf-rmcp", "instl_boots",
        "instl-bootc", "iax", "iax", "3100-3199", "x11",
        "Apple Remote Desktop (Net Assistant)", "xadmin", "mpeg-dsmcc", "longref",
        "ciao", "cip4discovery", "zigbee-bridge",
    ]  # fmt: skip
    # "badport  12x4  tcp": a port no one can read; the line is skipped and counted.
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    bad_line = next(i for i, line in enumerate(lines, 1) if line.startswith("badport"))
    assert registry.skipped == 1
    assert registry.skipped_lines == [bad_line]


def test_preamble(registry: Registry) -> None:
    assert registry.title == "Service Name and Transport Protocol Port Number Registry"
    assert registry.updated == "2013-06-26"
    assert registry.experts == "Joe Touch; Eliot Lear"
    assert registry.notes == (
        "****************************\n"
        "* Hand-written test fixture *\n"
        "****************************\n"
        "\n"
        "Service names and port numbers are used to\n"
        "distinguish services."
    )


def test_no_name_and_missing_cells(registry: Registry) -> None:
    assert only(registry, "", "0", "tcp") == fields(
        port_number="0",
        transport_protocol="tcp",
        description="Reserved",
        assignee="[Jon_Postel]",
        contact="[Jon_Postel]",
    )
    assert only(registry, "compressnet", "2", "tcp") == fields(
        service_name="compressnet",
        port_number="2",
        transport_protocol="tcp",
        description="Management Utility",
    )


def test_several_references_and_a_service_code_wider_than_its_column(
    registry: Registry,
) -> None:
    assert only(registry, "discard", "9", "sctp")["reference"] == "[RFC4960][RFC9260]"
    assert only(registry, "discard", "9", "dccp") == fields(
        service_name="discard",
        port_number="9",
        transport_protocol="dccp",
        description="Discard",
        assignee="[Eddie_Kohler]",
        contact="[Eddie_Kohler]",
        reference="[RFC4340]",
        service_code="1145656131",
    )


def test_description_wrapped_below_its_anchor(registry: Registry) -> None:
    for protocol in ("tcp", "udp"):
        record = only(registry, "msp", "18", protocol)
        assert record["description"] == "Message Send Protocol (historic)"
        assert record["assignee"] == "[Rina_Nethaniel]"
    # "Protocol" then the next row's "whois++": "Protocol whois++" would have fitted one line,
    # so "whois++" is not ssh's.
    assert only(registry, "ssh", "22", "tcp") == fields(
        service_name="ssh",
        port_number="22",
        transport_protocol="tcp",
        description="The Secure Shell (SSH) Protocol",
        reference="[RFC4251]",
        assignment_notes="Defined TXT keys: u=<username> p=<password>",
    )


def test_brackets_inside_a_description(registry: Registry) -> None:
    record = only(registry, "ftp-data", "20", "tcp")
    assert record["description"] == "File Transfer [Default Data]"
    assert record["assignee"] == "[Jon_Postel]"


def test_blank_line_inside_a_cell_is_a_newline(registry: Registry) -> None:
    assert only(registry, "whoispp", "63", "tcp")["description"] == (
        'whois++\nIANA assigned this well-formed service name as a replacement for "whois++".'
    )


def test_notes_centred_around_the_anchor(registry: Registry) -> None:
    record = only(registry, "whois++", "63", "tcp")
    assert record["description"] == "whois++"
    assert record["assignment_notes"] == (
        'This entry is an alias to "whoispp". This entry is now historic, not usable for use '
        "with many common service discovery mechanisms."
    )


def test_unauthorized_use_over_six_lines(registry: Registry) -> None:
    assert only(registry, "finger", "79", "tcp")["unauthorized_use_reported"] == (
        "Unauthorized use by some mail users (see [RFC4146] for details)"
    )


def test_columns_counted_in_bytes_past_a_non_ascii_name(registry: Registry) -> None:
    assert only(registry, "genstat", "7283", "tcp") == fields(
        service_name="genstat",
        port_number="7283",
        transport_protocol="tcp",
        description="General Statistics Rendezvous Protocol",
        assignee="[VSN_International_Ltd][Sean_D_Sollé]",
        contact="[Sean_D_Sollé]",
        registration_date="2011-09-28",
    )


def test_even_evidence_continues_downward(registry: Registry) -> None:
    # "services management protocol" could end oob-ws-http's cell or open asf-rmcp's (both
    # rows stay well formed, no wrap says otherwise): text continues downward.
    assert only(registry, "oob-ws-http", "623", "tcp")["description"] == (
        "DMTF out-of-band web services management protocol"
    )
    assert only(registry, "asf-rmcp", "623", "udp")["description"] == (
        "ASF Remote Management and Control Protocol"
    )


def test_a_gap_inside_a_cell_is_doubtful(registry: Registry) -> None:
    # Below instl_boots's notes, "Installation Bootstrap" starts instl-bootc's description:
    # giving it to instl_boots would leave a gap in instl_boots's description.
    assert only(registry, "instl_boots", "1067", "udp") == fields(
        service_name="instl_boots",
        port_number="1067",
        transport_protocol="udp",
        description="Installation Bootstrap Proto. Serv.",
        assignment_notes=(
            'This entry is an alias to "instl-boots". Historic, not usable with many service '
            "discovery mechanisms."
        ),
    )
    assert only(registry, "instl-bootc", "1068", "tcp")["description"] == (
        "Installation Bootstrap Proto. Cli.\nIANA assigned this well-formed service name as a "
        'replacement for "instl_bootc".'
    )


def test_twins_are_laid_out_alike(registry: Registry) -> None:
    # Lines broken on purpose (<br/> on the page) give no wrap evidence; a service's tcp and
    # udp rows being alike places "Defined TXT keys:" above the udp anchor, not below tcp's.
    for protocol in ("tcp", "udp"):
        assert only(registry, "iax", "4569", protocol)["assignment_notes"] == (
            "Defined TXT keys: auth plaintext userid alphanumeric"
        )


def test_ranges(registry: Registry) -> None:
    unassigned = only(registry, "", "3100-3199", "")
    assert unassigned["description"] == "Unassigned"
    x11 = [r for r in registry.records if r.service_name == "x11"][0]
    assert (x11.port_low, x11.port_high) == (6000, 6063)
    assert x11.modification_date == "2012-03-01"
    assert x11.reference == "[RFC1013]"


def test_wrapped_historic_service_name(registry: Registry) -> None:
    record = only(registry, "Apple Remote Desktop (Net Assistant)", "3283", "tcp")
    assert record["description"] == "Net Assistant"


def test_wrapped_references(registry: Registry) -> None:
    assert only(registry, "xadmin", "9105", "tcp")["reference"] == (
        "[Ari√´n Huisken <xadmin&huisken-systems.nl> 15 June 2009]"
    )
    record = only(registry, "mpeg-dsmcc", "9999", "udp")
    # Inside brackets a wrap is a space; between two bracketed references it is nothing.
    assert record["reference"] == "[ISO/IEC 13818-6 MPEG-2 DSM-CC][RFC-ietf-p2psip-base-26]"
    assert record["unauthorized_use_reported"] == "Unknown"


def test_value_overrunning_its_column(registry: Registry) -> None:
    record = only(registry, "longref", "9998", "tcp")
    assert record["reference"] == "[http://www.example.com/registry/reference]"
    assert record["service_code"] == record["unauthorized_use_reported"] == ""


def test_header_repeated_after_a_page_break_is_not_data(registry: Registry) -> None:
    assert not [r for r in registry.records if "Service" in r.service_name]
    assert only(registry, "ciao", "", "tcp")["assignment_notes"] == (
        "Defined TXT keys: see www.ciaoapp.com"
    )


def test_name_only_registrations_and_unpaired_brackets(registry: Registry) -> None:
    # "Ciao Arduino Protocol Discovery of JDF (CIP4 Job" would leave a "(" open.
    assert only(registry, "ciao", "", "tcp")["description"] == "Ciao Arduino Protocol"
    assert only(registry, "cip4discovery", "", "") == fields(
        service_name="cip4discovery",
        description="Discovery of JDF (CIP4 Job Definition Format) enabled devices",
        assignee="[Stefan_Daun]",
        contact="[Stefan_Daun]",
        assignment_notes="Defined TXT keys: None",
    )
    assert only(registry, "zigbee-bridge", "", "tcp")["assignment_notes"] == (
        "Defined TXT keys: see: http://www.zigbee.org/Standards/ZigBeeNetworkDevices"
    )


def test_people_table(registry: Registry) -> None:
    assert registry.contacts == {
        c.id: c
        for c in [
            Contact("AMTEC_S_p_A", "AMTEC S.p.A", "", "mailto:sp.amtec&interbusiness.it", ""),
            Contact(
                "APCO_Project",
                "Steve Glass",
                "APCO Project 25",
                "mailto:admin&sedition.org.au",
                "2011-05-13",
            ),
            Contact("ARTIS_Software", "", "ARTIS Software", "mailto:contact&artissoftware.com"),
            Contact("Jon_Postel", "Jon Postel", "", "mailto:postel&isi.edu"),
            Contact("Rina_Nethaniel", "Rina Nethaniel"),
            Contact(
                "Sean_D_Sollé",
                "Sean D. Sollé",
                "VSN International Ltd",
                "mailto:sean&example.com",
                "2011-09-28",
            ),
            Contact(
                "Ziad_Sawalha",
                "Ziad Sawalha",
                "Rackspace Hosting",
                "mailto:ziad.sawalha&rackspace.com",
                "2011-08-15",
            ),
            # "ZigBee Alliance's" sits above the id line: its words are the id's, not Ziad's.
            Contact(
                "ZigBee_Alliances_Network_Device_working_group",
                "",
                "ZigBee Alliance's Network Device working group",
                "mailto:ljm&exegin.com",
                "2013-05-28",
            ),
            Contact("flanne", "", "", "flanne@vnet.IBM.COM"),
            Contact("w3c", "", "World Wide Web Consortium", "http://www.w3.org/Consortium/contact"),
        ]
    }
    assert registry.contacts["APCO_Project"].email == "admin@sedition.org.au"
    assert registry.contacts["flanne"].email == ""


def test_crlf_and_tabs_read_the_same(registry: Registry) -> None:
    data = FIXTURE.read_bytes().replace(b"\n", b"\r\n")
    again = fixed_text.parse(data, "crlf.txt")
    assert again.records == registry.records
    assert again.contacts == registry.contacts


def test_cp1252_file() -> None:
    header = (
        b" Service Name   Port Number Protocol   Description\n"
        b"caf\xe9                 80         tcp    Caf\xe9 \x93menu\x94 service\n"
    )
    registry = fixed_text.parse(header, "cp1252.txt")
    assert registry.records[0].description == "Café \u201cmenu\u201d service"


def test_two_uris_keep_the_first() -> None:
    people = (
        b" Service Name   Port Number Protocol   Description\n"
        b"echo                7          tcp    Echo\n"
        b"\n"
        b"      People\n\n"
        b"        ID                   Name             Organization        Contact URI\n"
        b"[David_Walend]       David Walend                          mailto:david&walend.net\n"
        b"                                                           mailto:dev&example.net\n"
    )
    registry = fixed_text.parse(people, "people.txt")
    assert registry.contacts["David_Walend"].uri == "mailto:david&walend.net"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"just some text\nwith no header\n", "no records header"),
        (b" Service Name   Port Number   Nothing\nssh  22  tcp\n", "lacks a column"),
        (b" Service Name   Port Number Protocol   Description\n\n\n", "no records"),
    ],
)
def test_unreadable_files_raise(data: bytes, problem: str) -> None:
    with pytest.raises(RegistryError, match=problem):
        fixed_text.parse(data, "bad.txt")


def test_split_cells_gives_an_overrunning_word_to_its_column() -> None:
    starts = (0, 10, 20)
    # Left-aligned text runs on to the right: it stays where it starts.
    assert split_cells(b"abc       http://example.com/long   x", starts) == [
        b"abc",
        b"http://example.com/long",
        b"x",
    ]
    assert split_cells(b"abc def-very-long-word x", starts) == [
        b"abc def-very-long-word",
        b"",
        b"x",
    ]
    # A centred value spilling over both edges goes where most of it is.
    assert split_cells(b"abc      1234567890    x", starts) == [b"abc", b"1234567890", b"x"]
    assert split_cells(b"ab", starts) == [b"ab", b"", b""]


def test_columns_found_between_centred_labels() -> None:
    # Labels are centred over their columns; the data's edges and gutters place the boundaries.
    labels = [HeaderLabel("a", 1, 4), HeaderLabel("b", 9, 14), HeaderLabel("c", 22, 26)]
    body = [
        b"one       77    left text here",
        b"three    1234   more text",
        b"          5     x y",
    ]
    layout = locate_columns(labels, body)
    assert layout.starts == (0, 9, 16)
    assert layout.widths == (8, 6, 14)
    assert [split_cells(line, layout.starts) for line in body] == [
        [b"one", b"77", b"left text here"],
        [b"three", b"1234", b"more text"],
        [b"", b"5", b"x y"],
    ]


@given(st.binary(max_size=2000))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_any_bytes_give_a_registry_or_registry_error(data: bytes) -> None:
    with contextlib.suppress(RegistryError):
        assert isinstance(fixed_text.parse(data, "fuzz.txt"), Registry)


@given(st.data())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_damaged_fixture_gives_a_registry_or_registry_error(data: st.DataObject) -> None:
    original = FIXTURE.read_bytes()
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 400)))
    patch = data.draw(st.binary(max_size=60) | st.sampled_from([b"\n", b"   ", b"[x]", b"\t"]))
    with contextlib.suppress(RegistryError):
        assert isinstance(
            fixed_text.parse(original[:start] + patch + original[end:], "f"), Registry
        )


# --- the real 2013 file -------------------------------------------------------------------

REAL_2013 = "service-names-port-numbers-2013.txt"
_PORT = re.compile(rb"\d+(-\d+)?")
_PROTOCOL = re.compile(rb"tcp|udp|sctp|dccp")
_SERVICE_NAME = re.compile(rb"[A-Za-z0-9][A-Za-z0-9+._/*-]*")


def _count_2013_entries(path: Path) -> tuple[int, int]:
    """Count entry lines and People lines the simple way, from the byte columns seen by eye:
    name 0-14, port 15-27, protocol 28-36, then the rest."""
    lines = path.read_bytes().split(b"\n")
    header = next(i for i, line in enumerate(lines) if b"Service Name   Port Number" in line)
    people = next(i for i, line in enumerate(lines) if line.strip() == b"People")
    entries = 0
    for line in lines[header + 2 : people]:
        name, port, protocol, rest = line[:15], line[15:28], line[28:37], line[37:]
        if _PORT.fullmatch(port.strip()) or _PROTOCOL.fullmatch(protocol.strip()):
            entries += 1
        elif _SERVICE_NAME.fullmatch(name.strip()) and not port.strip() and rest.strip():
            entries += 1  # a name registered without port or protocol
    contacts = sum(1 for line in lines[people:] if line.startswith(b"["))
    return entries, contacts


@pytest.fixture(scope="module")
def real_2013() -> Registry:
    path = shared_file(REAL_2013)
    data = path.read_bytes()
    started = time.perf_counter()
    registry = fixed_text.parse(data, str(path))
    print(f"\n{REAL_2013}: parsed in {time.perf_counter() - started:.3f} s")
    return registry


@pytest.mark.realdata
def test_real_2013_spot_checks(real_2013: Registry) -> None:
    assert only(real_2013, "ssh", "22", "tcp") == fields(
        service_name="ssh",
        port_number="22",
        transport_protocol="tcp",
        description="The Secure Shell (SSH) Protocol",
        reference="[RFC4251]",
        assignment_notes="Defined TXT keys: u=<username> p=<password>",
    )
    assert only(real_2013, "msp", "18", "tcp")["description"] == "Message Send Protocol (historic)"
    discard = only(real_2013, "discard", "9", "dccp")
    assert discard["service_code"] == "1145656131"
    assert discard["reference"] == "[RFC4340]"
    assert real_2013.title == "Service Name and Transport Protocol Port Number Registry"
    assert real_2013.updated == "2013-06-26"
    assert real_2013.experts.startswith("Joe Touch; Eliot Lear")
    assert "PLEASE NOTE THE FOLLOWING" in real_2013.notes
    zigbee = real_2013.contacts["ZigBee_Alliances_Network_Device_working_group"]
    assert zigbee.organization == "ZigBee Alliance's Network Device working group"


@pytest.mark.realdata
def test_real_2013_counts_match_the_file(real_2013: Registry) -> None:
    entries, contacts = _count_2013_entries(shared_file(REAL_2013))
    print(
        f"\nrecords {len(real_2013.records)} (lines counted: {entries}), "
        f"contacts {len(real_2013.contacts)} (lines counted: {contacts}), "
        f"skipped {real_2013.skipped}"
    )
    assert 11_000 < len(real_2013.records) < 15_000
    assert 4_000 < len(real_2013.contacts) < 5_500
    assert len(real_2013.records) == entries
    assert len(real_2013.contacts) == contacts
    assert real_2013.skipped == 0


@pytest.mark.realdata
def test_real_2013_every_cell_in_its_column(real_2013: Registry) -> None:
    """A boundary misplaced by one byte shows up in thousands of cells: check them all."""
    date = re.compile(r"(\d{4}-\d{2}(-\d{2})?)?")
    ids = re.compile(r"(\[[^\[\]]+\])*")
    for record in real_2013.records:
        assert re.fullmatch(r"(\d+(-\d+)?)?", record.port_number), record
        assert record.transport_protocol in ("tcp", "udp", "sctp", "dccp", ""), record
        assert ids.fullmatch(record.assignee) and ids.fullmatch(record.contact), record
        assert date.fullmatch(record.registration_date), record
        assert date.fullmatch(record.modification_date), record
        assert record.service_code.isdigit() or not record.service_code, record
        assert not record.reference or record.reference[0] + record.reference[-1] == "[]"
        for text in (record.description, record.unauthorized_use_reported):
            assert "  " not in text, record
    for contact in real_2013.contacts.values():
        assert date.fullmatch(contact.updated), contact
        assert " " not in contact.uri, contact
