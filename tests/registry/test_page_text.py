"""The registry page copied as text: tricky cells, contacts, encodings, bad lines, any bytes.

`fixtures/page-text/tricky.txt` is written by hand from real registry lines (and a few made
up to reach every rule); the expected values below are what IANA's CSV would say.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from format_support import HEADER, POSTEL, page
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.registry.formats import page_text
from tui.registry.formats.page_text_cells import split_name
from tui.registry.model import FIELDS, Registry, RegistryError

TRICKY = Path(__file__).parents[1] / "fixtures" / "page-text" / "tricky.txt"


def only_record(line: str, contacts: Sequence[str] = (POSTEL,)) -> dict[str, str]:
    """The non-empty fields of the one record a line gives."""
    registry = page_text.parse(page([line], contacts), "test")
    assert len(registry.records) == 1 and registry.skipped == 0
    return {k: v for k, v in registry.records[0].to_dict().items() if v}


@pytest.fixture(scope="module")
def tricky() -> Registry:
    return page_text.parse(TRICKY.read_bytes(), str(TRICKY))


def by_key(registry: Registry, name: str, port: str, protocol: str) -> dict[str, str]:
    found = [r for r in registry.records if r.key == (name, port, protocol)]
    assert len(found) == 1, (name, port, protocol)
    return {k: v for k, v in found[0].to_dict().items() if v}


def test_tricky_counts_and_metadata(tricky: Registry) -> None:
    assert (len(tricky.records), len(tricky.contacts), tricky.skipped) == (19, 11, 0)
    assert tricky.title == "Service Name and Transport Protocol Port Number Registry"
    assert tricky.updated == "2024-01-02"
    assert tricky.experts == "TCP/UDP: Joe Touch\nSCTP: Michael Tuexen"
    assert tricky.notes == "First paragraph of the note.\n\nSecond paragraph, after a blank line."


def test_brackets_inside_descriptions(tricky: Registry) -> None:
    assert by_key(tricky, "", "15", "tcp") == {
        "port_number": "15",
        "transport_protocol": "tcp",
        "description": "Unassigned [was netstat]",
    }
    ftp_data = by_key(tricky, "ftp-data", "20", "tcp")
    assert ftp_data["description"] == "File Transfer [Default Data]"
    assert ftp_data["assignee"] == ftp_data["contact"] == "[Jon_Postel]"
    assert ftp_data["reference"] == "[RFC959]"
    assert by_key(tricky, "mpm", "45", "udp")["description"] == "MPM [default send]"


def test_id_shaped_bracket_before_known_ids_is_description(tricky: Registry) -> None:
    assert by_key(tricky, "ftp", "21", "tcp") == {
        "service_name": "ftp",
        "port_number": "21",
        "transport_protocol": "tcp",
        "description": "File Transfer Protocol [Control]",
        "assignee": "[Jon_Postel]",
        "contact": "[Jon_Postel]",
        "reference": "[RFC959]",
        "assignment_notes": "Defined TXT keys: u=<username> p=<password> path=<path>",
    }


def test_service_code_and_reference(tricky: Registry) -> None:
    discard = by_key(tricky, "discard", "9", "dccp")
    assert (discard["reference"], discard["service_code"]) == ("[RFC4340]", "1145656131")


def test_several_references_in_one_cell(tricky: Registry) -> None:
    assert by_key(tricky, "bgp", "179", "sctp")["reference"] == "[RFC4960][RFC9260]"
    url = by_key(tricky, "3gpp-cbsp", "48049", "tcp")["reference"]
    assert url == "[https://www.3gpp.org/ftp/Specs/html-info/48049.htm]"


def test_lone_date_is_the_modification_date(tricky: Registry) -> None:
    for key in (("", "47", "tcp"), ("bgp", "179", "sctp"), ("pt-tls", "271", "tcp")):
        record = by_key(tricky, *key)
        assert "registration_date" not in record
        assert record["modification_date"] in ("2017-05-18", "2022-02-07", "2012-07-31")
    removed = by_key(tricky, "", "47", "tcp")
    assert removed["assignment_notes"] == "This entry has been removed on 2017-05-18."
    assert removed["description"] == "Reserved"


def test_two_dates_are_registration_then_modification(tricky: Registry) -> None:
    radsec = by_key(tricky, "radsec", "2083", "udp")
    assert (radsec["registration_date"], radsec["modification_date"]) == ("2005-05", "2014-07-14")
    assert radsec["reference"] == "[RFC7360]"


def test_missing_cells(tricky: Registry) -> None:
    no_protocol = by_key(tricky, "", "1023", "")
    assert no_protocol["description"] == "Reserved"
    assert no_protocol["assignee"] == "[IANA]"
    no_port = by_key(tricky, "est", "", "tcp")
    assert no_port["description"] == "Enrollment Over Secure Transport"
    assert no_port["assignment_notes"] == "[RFC7030]. Defined TXT keys: None"
    assert "reference" not in no_port


def test_port_range(tricky: Registry) -> None:
    x11 = next(r for r in tricky.records if r.service_name == "x11")
    assert (x11.port_number, x11.port_low, x11.port_high) == ("6000-6063", 6000, 6063)
    assert x11.unauthorized_use_reported == "Known Unauthorized Use on port 6003"
    assert x11.assignment_notes == ""


def test_multi_line_description_with_text_before_the_tail(tricky: Registry) -> None:
    record = by_key(tricky, "multi-line", "4000", "tcp")
    assert record["description"] == (
        "First line of the description\nSecond paragraph of the description.\nThird paragraph."
    )
    assert record["modification_date"] == "2001-01-01"
    assert by_key(tricky, "after", "4001", "udp")["description"] == "After the multi-line entry"


def test_multi_line_description_then_unauthorized_use(tricky: Registry) -> None:
    record = by_key(tricky, "boks-servc", "6501", "tcp")
    assert record["description"] == (
        'BoKS Servc\nIANA assigned this well-formed service name as a replacement for "boks_servc".'
    )
    assert record["unauthorized_use_reported"] == "Known Unauthorized Use on port 6501"
    alias = by_key(tricky, "boks_servc", "6501", "tcp")
    assert alias["unauthorized_use_reported"] == "Known Unauthorized Use on port 6501"
    assert alias["assignment_notes"].startswith('This entry is an alias to "boks-servc".')


def test_multi_line_description_without_a_tail_ends_at_the_next_record(tricky: Registry) -> None:
    record = by_key(tricky, "no-tail", "6502", "udp")
    assert record["description"] == "A description with no assignee\nIt goes on after a blank line."
    assert by_key(tricky, "next", "6503", "udp")["description"] == "The next entry starts here"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "brski-reg-cmp tcp Registrar with CMP capabilities (LCMPP) [RFC9483] [Jon_Postel] "
            "[Jon_Postel] 2023-11-14",
            {
                "service_name": "brski-reg-cmp",
                "transport_protocol": "tcp",
                "description": "Registrar with CMP capabilities (LCMPP) [RFC9483]",
                "assignee": "[Jon_Postel]",
                "contact": "[Jon_Postel]",
                "modification_date": "2023-11-14",
            },
        ),
        (
            "1407 udp Reserved This port has been removed on 2015-06-16.",
            {
                "port_number": "1407",
                "transport_protocol": "udp",
                "description": "Reserved",
                "assignment_notes": "This port has been removed on 2015-06-16.",
            },
        ),
        (
            "gist 270 udp Q-mode encapsulation for GIST messages [RFC5971]",
            {
                "service_name": "gist",
                "port_number": "270",
                "transport_protocol": "udp",
                "description": "Q-mode encapsulation for GIST messages",
                "reference": "[RFC5971]",
            },
        ),
        (
            "oob-ws-http 623 tcp DMTF out-of-band web services [Jon_Postel] [Jon_Postel] 2007-06",
            {
                "service_name": "oob-ws-http",
                "port_number": "623",
                "transport_protocol": "tcp",
                "description": "DMTF out-of-band web services",
                "assignee": "[Jon_Postel]",
                "contact": "[Jon_Postel]",
                "modification_date": "2007-06",
            },
        ),
        (
            "tcp-aco TCP Alternate Checksum Option",
            {"service_name": "tcp-aco", "description": "TCP Alternate Checksum Option"},
        ),
        (
            "finger 79 tcp Finger [Jon_Postel] [Jon_Postel] Unauthorized use by some mail users "
            "(see [RFC4146] for details)",
            {
                "service_name": "finger",
                "port_number": "79",
                "transport_protocol": "tcp",
                "description": "Finger",
                "assignee": "[Jon_Postel]",
                "contact": "[Jon_Postel]",
                "unauthorized_use_reported": (
                    "Unauthorized use by some mail users (see [RFC4146] for details)"
                ),
            },
        ),
        (
            "vat 3456 udp VAT default data [Van_Jacobson][Steve_McCanne] [Jon_Postel]",
            {
                "service_name": "vat",
                "port_number": "3456",
                "transport_protocol": "udp",
                "description": "VAT default data",
                "assignee": "[Van_Jacobson][Steve_McCanne]",
                "contact": "[Jon_Postel]",
            },
        ),
    ],
    ids=[
        "rfc-in-description",
        "this-port-notes",
        "reference-only",
        "year-month-date",
        "protocol-word-in-description",
        "unauthorized-use",
        "two-assignees-unknown-ids",
    ],
)
def test_single_lines(line: str, expected: dict[str, str]) -> None:
    assert only_record(line) == expected


def test_unknown_ids_without_a_contact_table_are_read_by_shape() -> None:
    record = only_record("deos 76 tcp Distributed External Object Store [Robert_Ullmann] [R_U]", [])
    assert record["description"] == "Distributed External Object Store"
    assert (record["assignee"], record["contact"]) == ("[Robert_Ullmann]", "[R_U]")


def test_contacts(tricky: Registry) -> None:
    def fields(contact_id: str) -> tuple[str, str, str, str, str]:
        c = tricky.contacts[contact_id]
        return (c.name, c.organization, c.uri, c.email, c.updated)

    assert fields("_3GPP") == (
        "",
        "3GPP",
        "mailto:dongwook.kim&etsi.org",
        "dongwook.kim@etsi.org",
        "2026-01-23",
    )
    assert fields("IESG") == ("", "IESG", "mailto:iesg&ietf.org", "iesg@ietf.org", "")
    assert fields("IETF_Chair") == (
        "IETF Chair",
        "IETF",
        "mailto:chair&ietf.org",
        "chair@ietf.org",
        "",
    )
    assert fields("Eddie_Kohler")[:2] == ("Eddie Kohler", "IETF dccp WG")
    assert fields("Magnus_Nystrom") == ("Magnus Nystrom", "", "", "", "")
    assert fields("Jack_Visoky") == ("Jack Visoky", "", "https://www.example.org/visoky", "", "")
    assert fields("Nexenta") == (
        "John S. Howard",
        "Nexenta",
        "mailto:jsh&nexenta.com",
        "jsh@nexenta.com",
        "2012-12-07",
    )
    assert fields("Stephen_Gildea")[4] == "2003-06"


@pytest.mark.parametrize(
    ("contact_id", "words", "expected"),
    [
        ("Gary_S_Malkin", "Gary S. Malkin", ("Gary S. Malkin", "")),
        ("Randall_Stewart", "Randall Stewart IETF TSVWG", ("Randall Stewart", "IETF TSVWG")),
        ("Adan_Munoz", "Adan Muñoz MUNDO READER SL", ("Adan Muñoz", "MUNDO READER SL")),
        ("Adam_Ernst_2", "Adam Ernst", ("Adam Ernst", "")),
        ("_3GPP_3", "3GPP", ("", "3GPP")),
        ("AMTEC_S_p_A", "AMTEC S.p.A", ("", "AMTEC S.p.A")),
        ("Accurate_Always_Inc", "Accurate Always Inc.", ("", "Accurate Always Inc.")),
        ("Acertant", "Acertant Technologies, Inc.", ("", "Acertant Technologies, Inc.")),
        ("APCO_Project", "Steve Glass APCO Project 25", ("Steve Glass", "APCO Project 25")),
        ("Someone", "Quite Another Name", ("Quite Another Name", "")),
        ("Nobody", "", ("", "")),
    ],
)
def test_split_name(contact_id: str, words: str, expected: tuple[str, str]) -> None:
    assert split_name(contact_id, words.split()) == expected


def test_crlf_and_bom_read_the_same() -> None:
    data = TRICKY.read_bytes()
    windows = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    plain, crlf = page_text.parse(data, "lf"), page_text.parse(windows, "crlf")
    assert [r.to_dict() for r in crlf.records] == [r.to_dict() for r in plain.records]
    assert [c.to_dict() for c in crlf.contacts.values()] == [
        c.to_dict() for c in plain.contacts.values()
    ]
    assert (crlf.title, crlf.updated, crlf.notes) == (plain.title, plain.updated, plain.notes)


def test_latin1_bytes() -> None:
    line = "caf\xe9 8080 tcp Caf\xe9 cr\xe8me [Jon_Postel] [Jon_Postel]"
    registry = page_text.parse(page([line]).decode("utf-8").encode("latin-1"), "latin1")
    assert registry.records[0].service_name == "café"
    assert registry.records[0].description == "Café crème"


def test_tab_separated_copy() -> None:
    data = page(["echo\t7\ttcp\tEcho\t[Jon_Postel]\t[Jon_Postel]"]).replace(b" Port", b"\tPort")
    record = page_text.parse(data, "tabs").records[0]
    assert (record.service_name, record.port_number, record.description) == ("echo", "7", "Echo")
    assert record.contact == "[Jon_Postel]"


def test_unreadable_lines_are_skipped_and_counted() -> None:
    data = page(
        [
            "echo 7 tcp Echo [Jon_Postel] [Jon_Postel]",
            "@@@ !!! ###",
            "[ stray bracket",
            "time 37 tcp Time",
        ],
        [POSTEL, "not a contact line", "[broken id"],
    )
    registry = page_text.parse(data, "bad-lines")
    assert [r.service_name for r in registry.records] == ["echo", "time"]
    assert registry.skipped == 4
    assert registry.skipped_lines == [3, 4, 11, 12]
    assert list(registry.contacts) == ["Jon_Postel"]


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (b"", None, "not the registry page"),
        (b"hello world\n", None, "not the registry page"),
        (HEADER.encode(), 1, "no readable record"),
        (("intro\n" + HEADER + "\n@@@\n\nContact Information\n").encode(), 2, "no readable record"),
    ],
)
def test_not_a_page_raises(data: bytes, line: int | None, problem: str) -> None:
    with pytest.raises(RegistryError) as caught:
        page_text.parse(data, "broken.txt")
    assert caught.value.line == line
    assert problem in caught.value.problem
    assert "broken.txt" in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_registry_or_registry_error(data: bytes) -> None:
    try:
        registry = page_text.parse(data, "fuzz")
    except RegistryError:
        return
    assert isinstance(registry, Registry)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab1 -[]_\t\n2017-05-18tcp"), max_size=40)))
def test_any_lines_under_the_header_give_a_registry_or_registry_error(lines: list[str]) -> None:
    try:
        registry = page_text.parse(page(lines), "fuzz")
    except RegistryError:
        return
    for record in registry.records:
        assert all(isinstance(getattr(record, name), str) for name in FIELDS)
        assert all(getattr(record, name) == getattr(record, name).strip() for name in FIELDS)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFXYZ/().,-", min_size=1, max_size=8).filter(
    lambda w: (
        w[0].isalpha()
        and not w.lower().startswith(("unauthori", "known"))
        and w not in ("tcp", "udp", "sctp", "dccp", "This")
    )
)
KNOWN_IDS = ["Jon_Postel", "IESG", "IETF_Chair", "_3GPP"]
DATE = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")


@st.composite
def records(draw: st.DrawFn) -> dict[str, str]:
    """A record whose cells a page copy can tell apart (the shapes IANA's cells have)."""
    low = draw(st.integers(0, 65535))
    high = draw(st.one_of(st.none(), st.integers(low + 1, 65536)))
    ids = st.lists(st.sampled_from(KNOWN_IDS), min_size=1, max_size=2).map(
        lambda xs: "".join(f"[{x}]" for x in xs)
    )
    dates = draw(st.lists(DATE, max_size=2))
    record = {
        "service_name": draw(st.sampled_from(["", "ssh", "cl/1", "z39.50", "x-11_b"])),
        "port_number": f"{low}-{high}" if high is not None else str(low),
        "transport_protocol": draw(st.sampled_from(["", "tcp", "udp", "sctp", "dccp"])),
        "description": " ".join(draw(st.lists(WORD, min_size=1, max_size=6))),
        "assignee": draw(st.one_of(st.just(""), ids)),
        "registration_date": dates[0] if len(dates) == 2 else "",
        "modification_date": dates[-1] if dates else "",
        "reference": draw(st.sampled_from(["", "[RFC6335]", "[RFC4960][RFC9260]", "[draft-x-y]"])),
        "service_code": draw(st.sampled_from(["", "1145656131"])),
        "unauthorized_use_reported": draw(
            st.sampled_from(["", "Known Unauthorized Use on port 9"])
        ),
        "assignment_notes": draw(
            st.sampled_from(["", "Defined TXT keys: None", "This entry is x."])
        ),
    }
    record["contact"] = draw(st.one_of(st.just(""), ids)) if record["assignee"] else ""
    marked = any(record[name] for name in ("assignee", "modification_date", "reference"))
    if not marked:
        # Nothing marks where the description ends: a bare number would read as more
        # description, as it would for anyone reading the page.
        record["service_code"] = ""
    if not marked or record["unauthorized_use_reported"]:
        # Free-text notes are told from the description, or from the unauthorized-use text,
        # only by IANA's own "This entry ..." wording.
        record["assignment_notes"] = draw(st.sampled_from(["", "This entry is x."]))
    return record


@settings(max_examples=300, deadline=None)
@given(records())
def test_a_rendered_record_reads_back_cell_for_cell(record: dict[str, str]) -> None:
    line = " ".join(record[name] for name in FIELDS if record[name])
    contacts = [POSTEL, "[IESG] IESG", "[IETF_Chair] IETF Chair IETF", "[_3GPP] 3GPP"]
    registry = page_text.parse(page([line], contacts), "roundtrip")
    assert registry.records[0].to_dict() == {name: record.get(name, "") for name in FIELDS}
