"""The common-names table (tui/data/common-names.csv): its rows, their sources, and the loader.

The table is data the project vouches for, so these tests hold every row to the schema and to
the bundled registry: an alias names the IANA service really registered at that port and
protocol, an unofficial use is a port whose IANA record is something else, and every row cites
a source a reader can look up.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.registry import load_registry
from tui.registry.common_names import (
    COLUMNS,
    PROTOCOLS,
    TABLE_NAME,
    CommonName,
    common_names,
    common_names_for,
    names_for_port,
    parse_table,
)
from tui.registry.model import Record

HEADER = ",".join(COLUMNS)

# The names issue 10 asks for by name, with the ports they must lead to.
ISSUE_EXAMPLES = [
    ("rdp", 3389, "ms-wbt-server"),
    ("remote desktop", 3389, "ms-wbt-server"),
    ("vnc", 5900, "rfb"),
    ("ike", 500, "isakmp"),
    ("ipsec", 500, "isakmp"),
    ("ipsec", 4500, "ipsec-nat-t"),
    ("smb", 445, "microsoft-ds"),
    ("cifs", 445, "microsoft-ds"),
    ("windows file sharing", 445, "microsoft-ds"),
    ("winrm", 5985, "wsman"),
    ("winrm", 5986, "wsmans"),
    ("mariadb", 3306, "mysql"),
    ("rabbitmq", 5672, "amqp"),
    ("elasticsearch", 9200, ""),
    ("elasticsearch", 9300, ""),
    ("kafka", 9092, ""),
    ("zookeeper", 2181, ""),
    ("kubernetes api", 6443, ""),
    ("https alternate", 8443, ""),
]

# What a checkable source names: an RFC, a quoted page or section title, a manual page
# ("memcached(1)"), or a numbered specification.
RFC = re.compile(r"\bRFC \d{3,5}\b")
DOCUMENT = re.compile(
    r'"[^"]{4,}"'  # a page, article or section title, quoted
    r"|\b[\w.-]+\(\d\)"  # a manual page
    r"|\[MS-[A-Z0-9]+\]"  # a Microsoft Open Specification
    r"|\b(?:IEEE Std|ITU-T Recommendation|3GPP TS|BEP) [\w.]+"
    r"|\bSpecification\b|\bImplementation Guide\b"
)
URL = re.compile(r"[a-z][a-z0-9+.-]*://|\bwww\.", re.IGNORECASE)


def raw_rows() -> list[dict[str, str]]:
    """The shipped table as its cells, before the loader normalises anything."""
    text = (resources.files("tui") / "data" / TABLE_NAME).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def records_by_port() -> dict[int, list[Record]]:
    """Every record of the bundled default registry under each port it covers."""
    grouped: dict[int, list[Record]] = defaultdict(list)
    for record in load_registry().records:
        if record.port_low is None:
            continue
        for port in range(record.port_low, (record.port_high or record.port_low) + 1):
            grouped[port].append(record)
    return grouped


def at(records: list[Record], row: CommonName) -> list[Record]:
    """The records at a row's port that share its protocol ("" shares every protocol)."""
    return [r for r in records if not row.protocol or r.transport_protocol == row.protocol]


# --- the shipped table


def test_the_shipped_table_parses_into_a_few_hundred_rows_of_both_kinds() -> None:
    rows = common_names()
    assert 250 <= len(rows) <= 400
    assert {row.kind for row in rows} == {"alias", "unofficial"}
    assert len(rows) == len(raw_rows())


def test_names_are_lower_case_and_trimmed_as_written() -> None:
    for cells in raw_rows():
        assert cells["name"] == cells["name"].strip().lower(), cells
        assert cells["name"], cells


def test_no_two_rows_share_name_port_and_protocol() -> None:
    keys = [(c["name"], c["port"], c["protocol"]) for c in raw_rows()]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates


def test_every_source_names_a_document_a_reader_can_find_and_the_port() -> None:
    for cells in raw_rows():
        source = cells["source"]
        assert RFC.search(source) or DOCUMENT.search(source), cells
        assert not URL.search(source), f"a URL is no source: {cells}"
        # The citation says which port it vouches for, so a copied source shows up.
        assert re.search(rf"\b{cells['port']}\b", source), cells


def test_every_alias_names_the_iana_service_at_its_port_and_protocol(
    records_by_port: dict[int, list[Record]],
) -> None:
    aliases = [row for row in common_names() if row.kind == "alias"]
    assert aliases
    for row in aliases:
        services = {r.service_name for r in at(records_by_port[row.port], row)}
        assert row.service in services, f"{row.name}: no {row.service} at {row.port}/{row.protocol}"


def test_every_unofficial_use_is_a_port_iana_gave_to_something_else(
    records_by_port: dict[int, list[Record]],
) -> None:
    unofficial = [row for row in common_names() if row.kind == "unofficial"]
    assert unofficial
    for row in unofficial:
        iana_names = {r.service_name.lower() for r in at(records_by_port[row.port], row)}
        assert row.name not in iana_names, f"{row.name} is IANA's own name at {row.port}"


def test_no_common_name_repeats_the_iana_name_it_sits_beside(
    records_by_port: dict[int, list[Record]],
) -> None:
    # A row that only repeats IANA's name adds nothing to search or to the detail pane.
    for row in common_names():
        beside = {r.service_name.lower() for r in records_by_port[row.port] if row.applies_to(r)}
        assert row.name not in beside, row


@pytest.mark.parametrize(("name", "port", "service"), ISSUE_EXAMPLES)
def test_the_names_the_issue_asks_for_are_present(name: str, port: int, service: str) -> None:
    matches = [row for row in names_for_port(port) if row.name == name]
    assert matches, f"{name} -> {port} missing"
    assert {row.service for row in matches} == {service}
    assert {row.kind for row in matches} == {"alias" if service else "unofficial"}


def test_an_alias_sits_beside_its_record_and_an_unofficial_use_beside_the_port(
    records_by_port: dict[int, list[Record]],
) -> None:
    rdp_record = next(
        r
        for r in records_by_port[3389]
        if r.service_name == "ms-wbt-server" and r.transport_protocol == "tcp"
    )
    assert "rdp" in {row.name for row in common_names_for(rdp_record)}
    kafka_record = next(r for r in records_by_port[9092] if r.transport_protocol == "tcp")
    names = {row.name: row for row in common_names_for(kafka_record)}
    assert names["kafka"].kind == "unofficial"
    assert kafka_record.service_name not in {row.service for row in names.values()}


# --- the loader refuses what the schema does not allow

GOOD = "rdp,3389,tcp,alias,ms-wbt-server,RFC 0000 (a test source)"


def test_a_good_row_round_trips() -> None:
    (row,) = parse_table(f"{HEADER}\n{GOOD}\n")
    assert row == CommonName(
        "rdp", 3389, "tcp", "alias", "ms-wbt-server", "RFC 0000 (a test source)"
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("rdp,3389,tcp,nickname,ms-wbt-server,RFC 1", "bad kind"),
        ("rdp,65536,tcp,alias,ms-wbt-server,RFC 1", "out of range"),
        ("rdp,-1,tcp,alias,ms-wbt-server,RFC 1", "bad kind or port"),
        ("rdp,33 89,tcp,alias,ms-wbt-server,RFC 1", "bad kind or port"),
        ("rdp,\u0663,tcp,alias,ms-wbt-server,RFC 1", "bad kind or port"),
        ("rdp,,tcp,alias,ms-wbt-server,RFC 1", "bad kind or port"),
        ("rdp,3389,icmp,alias,ms-wbt-server,RFC 1", "bad protocol"),
        (",3389,tcp,alias,ms-wbt-server,RFC 1", "bad protocol, name or source"),
        ("rdp,3389,tcp,alias,ms-wbt-server,", "bad protocol, name or source"),
        ("rdp,3389,tcp,alias,,RFC 1", "alias row"),
        ("kafka,9092,tcp,unofficial,XmlIpcRegSvc,RFC 1", "unofficial row"),
        ("rdp,3389,tcp,alias,ms-wbt-server", "5 cells"),
        ("rdp,3389,tcp,alias,ms-wbt-server,RFC 1,extra", "7 cells"),
    ],
)
def test_a_bad_row_is_refused_with_its_line_number(line: str, reason: str) -> None:
    with pytest.raises(ValueError, match=rf"line 3: .*{re.escape(reason)}"):
        parse_table(f"{HEADER}\n{GOOD}\n{line}\n")


def test_a_second_row_for_the_same_name_port_and_protocol_is_refused() -> None:
    with pytest.raises(ValueError, match="line 3: duplicate"):
        parse_table(f"{HEADER}\n{GOOD}\n{GOOD.replace('rdp', 'RDP')}\n")


def test_a_wrong_header_is_refused() -> None:
    with pytest.raises(ValueError, match="header"):
        parse_table(f"name,port,kind,service,source\n{GOOD}\n")


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 -./+", min_size=1, max_size=20)


@given(
    name=names.filter(lambda text: text.strip() != ""),
    port=st.integers(min_value=0, max_value=65535),
    protocol=st.sampled_from(PROTOCOLS),
    service=st.one_of(st.just(""), st.from_regex(r"\A[a-z][a-z0-9-]{0,14}\Z")),
)
def test_any_well_formed_row_loads_as_written(
    name: str, port: int, protocol: str, service: str
) -> None:
    kind = "alias" if service else "unofficial"
    (row,) = parse_table(f"{HEADER}\n{name},{port},{protocol},{kind},{service},RFC 1\n")
    assert (row.name, row.port, row.protocol, row.kind, row.service) == (
        name.strip(),
        port,
        protocol,
        kind,
        service,
    )


@given(port=st.one_of(st.integers(max_value=-1), st.integers(min_value=65536)))
def test_any_port_outside_the_range_is_refused(port: int) -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_table(f"{HEADER}\nx,{port},tcp,unofficial,,RFC 1\n")
