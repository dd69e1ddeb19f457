"""IANA's XML: records mapped to the CSV's twelve fields, the people table, hostile documents."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from format_support import fields, only
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.registry.formats import parse_bytes, xml_registry
from tui.registry.model import Registry, RegistryError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "xml-tricky.xml"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return xml_registry.parse(FIXTURE.read_bytes(), str(FIXTURE))


def test_counts_and_order(registry: Registry) -> None:
    assert len(registry.records) == 21
    assert [r.port_number for r in registry.records[:5]] == ["0", "1", "2", "4", "9"]
    # The last <record> has only a protocol: nothing to show, so it is skipped and counted.
    assert registry.skipped == 1


def test_reserved_with_updated_attribute_and_rfc_reference(registry: Registry) -> None:
    assert only(registry, "", "0", "tcp") == fields(
        port_number="0",
        transport_protocol="tcp",
        description="Reserved",
        modification_date="2024-12-20",
        reference="[RFC6335]",
    )


def test_no_assignee_element_shows_the_contact_as_assignee(registry: Registry) -> None:
    record = only(registry, "tcpmux", "1", "tcp")
    assert record["assignee"] == record["contact"] == "[Mark_Lottor]"


def test_assignee_element_and_contact_kept_apart(registry: Registry) -> None:
    assert only(registry, "http", "80", "tcp") == fields(
        service_name="http",
        port_number="80",
        transport_protocol="tcp",
        description="World Wide Web HTTP",
        assignee="[IESG]",
        contact="[IETF_Chair]",
        modification_date="2021-10-01",
        reference="[RFC9110]",
        assignment_notes="Defined TXT keys: u=<username> p=<password> path=<path to document>",
    )


def test_missing_cells_stay_empty(registry: Registry) -> None:
    assert only(registry, "", "4", "") == fields(port_number="4", description="Unassigned")
    presence = only(registry, "presence", "", "")
    assert presence["transport_protocol"] == presence["port_number"] == ""


def test_service_code_and_reference(registry: Registry) -> None:
    record = only(registry, "discard", "9", "dccp")
    assert record["service_code"] == "1145656131"
    assert record["reference"] == "[RFC4340]"
    assert record["assignee"] == record["contact"] == "[Eddie_Kohler]"


def test_br_is_one_line_break(registry: Registry) -> None:
    assert only(registry, "whoispp", "63", "tcp")["description"] == (
        'whois++\nIANA assigned this well-formed service name as a replacement for "whois++".'
    )
    assert only(registry, "br-inline", "64", "tcp")["description"] == "first line\nsecond line"


def test_multi_line_description_kept_as_written(registry: Registry) -> None:
    assert only(registry, "pon-ictp", "7202", "tcp")["description"] == (
        "Inter-Channel Termination Protocol (ICTP) for multi-wavelength PON\n"
        "    (Passive Optical Network) systems"
    )


def test_cells_are_stripped(registry: Registry) -> None:
    assert only(registry, "radsec", "2083", "tcp")["description"] == "Secure Radius Service"
    assert only(registry, "finger", "79", "tcp")["unauthorized_use_reported"] == (
        "Known UNAUTHORIZED USEs on port 79"
    )


def test_inline_xrefs_in_notes(registry: Registry) -> None:
    assert only(registry, "", "2", "udp")["assignment_notes"] == (
        "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]"
    )
    assert only(registry, "radsec", "2083", "tcp")["assignment_notes"] == (
        "The TCP port 2083 was already\n"
        '      previously assigned by IANA for "RadSec". See [RFC6614],\n'
        "      Appendix A for details."
    )
    assert only(registry, "recipe-sharing", "", "tcp")["assignment_notes"] == (
        "Defined TXT keys: [http://www.recipemanager.org/rsp/rsp10draft.html#dnssd]"
    )


def test_several_references_in_one_cell(registry: Registry) -> None:
    assert only(registry, "exp1", "1021", "tcp")["reference"] == "[1][RFC4727][RFC6335]"
    two = only(registry, "two-contacts", "9900", "sctp")
    assert two["reference"] == "[RFC4960][RFC9260]"
    assert two["contact"] == two["assignee"] == "[Randall_Stewart][Michael_Tuexen]"


def test_xref_kinds_as_the_csv_writes_them(registry: Registry) -> None:
    assert only(registry, "new-rwho", "550", "tcp")["reference"] == "[n/a]"
    assert only(registry, "gue", "6080", "udp")["reference"] == "[draft-herbert-gue-02]"
    assert only(registry, "dns-push-tls", "", "tcp")["reference"] == "[RFC8765, Section 6.1]"
    # The text of a uri xref wins over its address; a soft-wrapped line is joined.
    assert only(registry, "pon-ictp", "7202", "tcp")["reference"] == (
        "[TR-352][ICTP is a peer-to-peer protocol with\n"
        "      a binary message format used by channel terminations (CT) comprising a system.]"
    )
    assert only(registry, "xadmin", "9105", "tcp")["reference"] == (
        "[Ari√´n Huisken <xadmin&huisken-systems.nl> 15 June 2009]"
    )


def test_soft_wrap_needs_trailing_space_and_indent(registry: Registry) -> None:
    assert only(registry, "presence", "", "")["assignment_notes"] == (
        'Was formerly listed as "iChat AV" \n(Apple\'s IM).  Soft wrap here: joined.'
    )


def test_paragraphs(registry: Registry) -> None:
    assert only(registry, "wot", "", "tcp")["assignment_notes"] == (
        "Defined TXT keys:\n              td: Absolute pathname."
    )


def test_dates(registry: Registry) -> None:
    pon = only(registry, "pon-ictp", "7202", "tcp")
    assert (pon["registration_date"], pon["modification_date"]) == ("2017-02-22", "2019-12-16")
    assert only(registry, "recipe-sharing", "", "tcp")["registration_date"] == "2007-11"


def test_port_range(registry: Registry) -> None:
    [x11] = [r for r in registry.records if r.service_name == "x11"]
    assert x11.port_number == "6000-6063"
    assert (x11.port_low, x11.port_high) == (6000, 6063)
    assert x11.covers(6010) and not x11.covers(6064)


def test_contacts(registry: Registry) -> None:
    contacts = registry.contacts
    assert sorted(contacts) == sorted(
        ["Jon_Postel", "IESG", "_3GPP", "Joshua_Boelter", "brockman", "No_Uri"]
    )
    postel = contacts["Jon_Postel"]  # the first of a repeated id wins
    assert (postel.name, postel.organization, postel.uri) == (
        "Jon Postel",
        "",
        "mailto:postel&isi.edu",
    )
    assert postel.email == "postel@isi.edu"
    org_only = contacts["_3GPP"]
    assert (org_only.name, org_only.organization, org_only.updated) == ("", "3GPP", "2026-01-23")
    assert org_only.display_name == "3GPP"
    web = contacts["Joshua_Boelter"]
    assert (web.name, web.organization) == ("Joshua Boelter", "Intel")
    assert (web.uri, web.email) == ("http://example.org/contact", "")
    bare = contacts["brockman"]
    assert (bare.name, bare.organization, bare.email) == ("", "", "brockman@ccmail.com")
    name_only = contacts["No_Uri"]
    assert (name_only.name, name_only.uri, name_only.email) == ("No Uri", "", "")


def test_resolves_record_contacts(registry: Registry) -> None:
    [http] = [r for r in registry.records if r.service_name == "http"]
    assert [c.display_name for c in registry.assignees(http)] == ["IESG"]


def test_registry_metadata(registry: Registry) -> None:
    assert registry.title == "Service Name and Transport Protocol Port Number Registry"
    assert registry.updated == "2026-08-17"
    assert registry.experts == "TCP/UDP: Joe Touch\nSCTP: Michael Tuexen"
    assert registry.notes == (
        "Service names are assigned on a first-come, first-served process, as\n"
        "documented in [RFC6335].\n\n"
        "Request an Assignment\n[https://www.iana.org/protocols/apply]\n\n"
        "[1] It is only appropriate to use these values in explicitly-\n"
        "configured experiments."
    )


def test_detected_by_content() -> None:
    registry = parse_bytes(FIXTURE.read_bytes(), "saved-as.txt")
    assert registry.format == "xml"
    assert len(registry.records) == 21


def test_without_namespace() -> None:
    data = (
        b"<registry><record><name>ssh</name><protocol>tcp</protocol>"
        b"<description>SSH</description><number>22</number></record></registry>"
    )
    [record] = xml_registry.parse(data, "plain.xml").records
    assert record.key == ("ssh", "22", "tcp")


# --- hostile and broken documents -------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n'
    b"<!DOCTYPE lolz [\n"
    b' <!ENTITY lol "lol">\n'
    b' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n'
    b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
    b"]>\n"
    b'<registry xmlns="http://www.iana.org/assignments"><record><name>&lol3;</name>'
    b"<number>1</number></record></registry>\n"
)


def test_billion_laughs_refused() -> None:
    with pytest.raises(RegistryError) as caught:
        xml_registry.parse(BILLION_LAUGHS, "bomb.xml")
    assert caught.value.source == "bomb.xml"
    assert "DTD" in caught.value.problem
    assert caught.value.line == 2


def test_external_entity_refused_and_nothing_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<registry><record><name>&x;</name><number>1</number></record></registry>\n"
    ).encode()
    opened: list[str] = []
    watching = True

    def audit(event: str, args: tuple[object, ...]) -> None:
        # Audit hooks cannot be removed: the flag makes this one inert after the test.
        if watching and event in ("open", "urllib.Request", "socket.connect"):
            opened.append(f"{event} {args[0]!r}")

    sys.addaudithook(audit)
    try:
        with pytest.raises(RegistryError) as caught:
            xml_registry.parse(data, "xxe.xml")
    finally:
        watching = False
    assert caught.value.line == 2
    assert "TOP-SECRET" not in str(caught.value)
    assert not [event for event in opened if "secret" in event or "socket" in event], opened


def test_entity_without_doctype_is_not_well_formed() -> None:
    with pytest.raises(RegistryError) as caught:
        xml_registry.parse(b"<registry>\n<record>&x;</record></registry>", "undefined.xml")
    assert caught.value.line == 2
    assert "undefined entity" in caught.value.problem


def test_truncated_xml_names_the_line() -> None:
    data = FIXTURE.read_bytes()
    cut = data[: data.index(b"<name>exp1</name>")]
    with pytest.raises(RegistryError) as caught:
        xml_registry.parse(cut, "cut.xml")
    assert caught.value.line == cut.count(b"\n") + 1
    assert "cut off" in caught.value.problem
    assert str(caught.value).startswith(f"cut.xml: line {caught.value.line}: ")


def test_not_the_registry() -> None:
    with pytest.raises(RegistryError, match="not IANA's <registry>"):
        xml_registry.parse(b"<feed><entry/></feed>", "feed.xml")
    with pytest.raises(RegistryError, match="no <record>"):
        xml_registry.parse(b"<registry><title>t</title></registry>", "empty.xml")


def test_undecodable_declared_encoding() -> None:
    with pytest.raises(RegistryError, match="bogus"):
        xml_registry.parse(b'<?xml version="1.0" encoding="bogus"?><registry/>', "enc.xml")


def test_stray_bytes_that_are_not_utf8_are_read_as_cp1252() -> None:
    # Mis-encoded bytes are data, not a reason to refuse the file (issue 6: nothing lost).
    data = b"<registry>\n<record><name>m\xc3\xbc</name><description>caf\xe9 \x80</description></record></registry>"
    assert xml_registry.parse(data, "latin.xml").records[0].description == "café €"
    assert xml_registry.parse(data, "latin.xml").records[0].service_name == "mü"


def test_stray_bytes_in_a_broken_document_report_the_first_fault() -> None:
    data = b"<registry>\n<record><description>caf\xe9</description></record>\n<record>"
    with pytest.raises(RegistryError) as caught:
        xml_registry.parse(data, "latin.xml")
    assert caught.value.line == 2 and "not well-formed" in caught.value.problem


def test_deep_nesting_inside_a_cell_does_not_recurse() -> None:
    depth = 5000
    data = (
        b"<registry><record><name>deep</name><note>"
        + b"<paragraph>" * depth
        + b"x"
        + b"</paragraph>" * depth
        + b"</note></record></registry>"
    )
    [record] = xml_registry.parse(data, "deep.xml").records
    assert record.assignment_notes.endswith("x")


XML_PIECES = st.sampled_from(
    [
        b"<registry>", b"</registry>", b"<record>", b"</record>", b"<name>", b"</name>",
        b"<number>", b"</number>", b"<description>", b"</description>", b"<br/>",
        b'<xref type="rfc" data="rfc1"/>', b'<xref type="person"/>', b"<note>", b"</note>",
        b"<people>", b'<person id="x">', b"</person>", b"<!DOCTYPE r>", b"&amp;", b"&x;",
        b"<![CDATA[", b"]]>", b"\xff", b"\x00", b"text", b" \n  ",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.lists(XML_PIECES, max_size=40).map(b"".join))
def test_any_bytes_give_registry_or_registry_error(data: bytes) -> None:
    try:
        result = xml_registry.parse(data, "fuzz.xml")
    except RegistryError as error:
        assert error.source == "fuzz.xml"
    else:
        assert isinstance(result, Registry) and result.records
