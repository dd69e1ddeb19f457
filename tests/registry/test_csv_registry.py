"""IANA's CSV: quoting, encodings, line ends, cut-off files, and writing IANA's bytes back."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.registry.formats import csv_registry, parse_bytes
from tui.registry.model import FIELDS, Record, Registry, RegistryError

HEADER = (
    b"Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
    b"Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,"
    b"Assignment Notes\n"
)

# Rows as IANA writes them: minimal quoting, doubled quotes, newlines inside quoted cells,
# several references in one cell, a range, a service-name-only entry, its own mis-encoding.
IANA_ROWS = (
    b",0,tcp,Reserved,,,,2024-12-20,[RFC6335],,,\n"
    b"tcpmux,1,tcp,TCP Port Service Multiplexer,[Mark_Lottor],[Mark_Lottor],,,,,,\n"
    b',2,tcp,Reserved,,,,2025-02-13,,,,"De-assigned on 2025-02-13, previously compressnet by'
    b' [Bernie_Volz]"\n'
    b'whoispp,63,tcp,"whois++\nIANA assigned this well-formed service name as a replacement'
    b' for ""whois++"".",[Rickard_Schoultz],[Rickard_Schoultz],,,,,,\n'
    b"discard,9,sctp,Discard,[Randall_Stewart],[Randall_Stewart],,2022-02-07,"
    b"[RFC4960][RFC9260],,,\n"
    b"discard,9,dccp,Discard,[Eddie_Kohler],[Eddie_Kohler],,,[RFC4340],1145656131,,\n"
    b"x11,6000-6063,tcp,X Window System,[Stephen_Gildea],[Stephen_Gildea],,,,,"
    b"Known Unauthorized Use on port 6003,\n"
    b"xadmin,9105,tcp,Xadmin Control Service,,,,,"
    b"[Ari\xe2\x88\x9a\xc2\xb4n Huisken <xadmin&huisken-systems.nl> 15 June 2009],,,\n"
    b"wot,,tcp,W3C WoT Thing Description or Directory,[W3C_WoT],[Kazuyuki_Ashimura],"
    b'2022-11-22,2022-12-15,,,,"Defined TXT keys:\n              td: Absolute pathname."\n'
)
IANA_CSV = HEADER + IANA_ROWS


def parse(data: bytes) -> Registry:
    return csv_registry.parse(data, "test.csv")


def written(records: list[Record]) -> bytes:
    out = io.StringIO()
    csv_registry.write(records, out)
    return out.getvalue().encode("utf-8")


def test_fields_as_written() -> None:
    registry = parse(IANA_CSV)
    assert len(registry.records) == 9
    assert registry.skipped == 0
    assert registry.records[1].to_dict() == {
        **dict.fromkeys(FIELDS, ""),
        "service_name": "tcpmux",
        "port_number": "1",
        "transport_protocol": "tcp",
        "description": "TCP Port Service Multiplexer",
        "assignee": "[Mark_Lottor]",
        "contact": "[Mark_Lottor]",
    }


def test_quoted_multi_line_cells_and_doubled_quotes() -> None:
    records = parse(IANA_CSV).records
    assert records[3].description == (
        'whois++\nIANA assigned this well-formed service name as a replacement for "whois++".'
    )
    assert records[8].assignment_notes == "Defined TXT keys:\n              td: Absolute pathname."
    assert records[2].assignment_notes == (
        "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]"
    )


def test_several_references_range_and_service_code() -> None:
    records = parse(IANA_CSV).records
    assert records[4].reference == "[RFC4960][RFC9260]"
    assert records[5].service_code == "1145656131"
    assert records[6].port_number == "6000-6063"
    assert (records[6].port_low, records[6].port_high) == (6000, 6063)
    assert records[8].port_number == "" and records[8].port_low is None


def test_iana_mis_encoding_kept_as_it_is() -> None:
    assert parse(IANA_CSV).records[7].reference.startswith("[Ari√´n Huisken <xadmin&")


def test_write_reproduces_iana_bytes() -> None:
    assert written(parse(IANA_CSV).records) == IANA_CSV


def test_bom_and_crlf() -> None:
    data = b"\xef\xbb\xbf" + IANA_CSV.replace(b"\n", b"\r\n")
    registry = parse(data)
    assert [r.to_dict() for r in registry.records] == [r.to_dict() for r in parse(IANA_CSV).records]
    # Written back in IANA's own form: no BOM, LF line ends, LF inside cells.
    assert written(registry.records) == IANA_CSV
    assert parse_bytes(data, "bom.csv").format == "csv"


def test_lone_crlf_inside_a_cell_of_an_lf_file_is_data() -> None:
    data = HEADER + b'a,1,tcp,"one\r\ntwo",,,,,,,,\n'
    assert parse(data).records[0].description == "one\r\ntwo"


def test_cp1252_bytes() -> None:
    data = HEADER + b"cafe,1,tcp,Caf\xe9 \x93quoted\x94 \x80,,,,,,,,\n"
    assert parse(data).records[0].description == "Café “quoted” €"


def test_latin1_when_not_even_cp1252() -> None:
    # 0x81 has no cp1252 meaning: the whole file is read as latin-1.
    data = HEADER + b"odd,1,tcp,A\x81B \xe9,,,,,,,,\n"
    assert parse(data).records[0].description == "A\x81B é"


def test_missing_cells_and_columns() -> None:
    data = HEADER + b"short,7,udp\n"
    assert parse(data).records[0].to_dict() == {
        **dict.fromkeys(FIELDS, ""),
        "service_name": "short",
        "port_number": "7",
        "transport_protocol": "udp",
    }
    narrow = b"Service Name,Port Number,Transport Protocol,Description\nssh,22,tcp,SSH\n"
    [ssh] = parse(narrow).records
    assert (ssh.description, ssh.assignee, ssh.assignment_notes) == ("SSH", "", "")


def test_columns_found_by_name() -> None:
    data = b"Service Name,Port Number,Transport Protocol,Reference,Description\nssh,22,tcp,[RFC4251],SSH\n"
    [ssh] = parse(data).records
    assert (ssh.reference, ssh.description) == ("[RFC4251]", "SSH")


def test_unreadable_rows_skipped_and_counted() -> None:
    data = (
        HEADER
        + b"ok1,1,tcp,One,,,,,,,,\n"
        + b"only,two\n"
        + b"too,many,cells,a,b,c,d,e,f,g,h,i,j,k\n"
        + b'bad,3,tcp,"closed"early,,,,,,,,\n'
        + b"ok2,4,tcp,Four,,,,,,,,\n"
    )
    registry = parse(data)
    assert [r.service_name for r in registry.records] == ["ok1", "ok2"]
    assert registry.skipped == 3
    assert registry.skipped_lines == [3, 4, 5]


def test_blank_lines_ignored() -> None:
    registry = parse(HEADER + b"\nssh,22,tcp,SSH,,,,,,,,\n\n")
    assert len(registry.records) == 1 and registry.skipped == 0


def test_last_row_without_newline_is_fine() -> None:
    [record] = parse(HEADER + b"ssh,22,tcp,SSH,,,,,,,,").records
    assert record.service_name == "ssh"


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (HEADER + b'ok,1,tcp,"two\nlines",,,,,,,,\nssh,22,tcp,"The Secure\nShell', 4, "quoted"),
        (HEADER + b'ssh,22,tcp,"The Secure\n', 2, "quoted"),
        (HEADER + b"tcpmux,1,tcp,TCP Port Service Multiplexer,[Mark_Lo", 2, "incomplete"),
    ],
    ids=["inside quote", "inside quote after a newline", "mid row"],
)
def test_cut_off_file(data: bytes, line: int, problem: str) -> None:
    with pytest.raises(RegistryError) as caught:
        parse(data)
    assert caught.value.line == line
    assert problem in caught.value.problem and "cut off" in caught.value.problem


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"name,port,protocol\nssh,22,tcp\n", "header is not IANA's"),
        (HEADER, "no records"),
        (b"", "empty"),
    ],
)
def test_not_a_registry(data: bytes, problem: str) -> None:
    with pytest.raises(RegistryError, match=problem):
        parse(data)


def test_write_quotes_what_needs_it() -> None:
    record = Record.from_fields(
        {"service_name": "q", "port_number": "1", "description": 'a "b", c\nd'}
    )
    assert written([record]) == HEADER + b'q,1,,"a ""b"", c\nd",,,,,,,,\n'


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.binary(max_size=300).map(lambda tail: HEADER + tail))
def test_any_bytes_give_registry_or_registry_error(data: bytes) -> None:
    try:
        result = csv_registry.parse(data, "fuzz.csv")
    except RegistryError as error:
        assert error.source == "fuzz.csv"
    else:
        assert isinstance(result, Registry) and result.records
