"""The bundled excerpt read as the registry page copied as text: every record and contact.

The expected values were generated once from IANA's CSV (records) and the `<people>` table of
IANA's XML (contacts), then checked by eye against the excerpt. One deliberate difference
from IANA's CSV: the notes of the four alias entries (cl/1, subntbcst_tftp) hold line breaks
there that the page copy shows as spaces, so they are written here as the page shows them
(`test_excerpt_agrees_with_iana_csv` checks that whitespace is the only difference).
"""

from __future__ import annotations

import csv
import json

import defusedxml.ElementTree as ElementTree
import pytest
from conftest import shared_file

from tui.cli.command_line import main
from tui.registry.formats import page_text
from tui.registry.model import FIELDS, Registry
from tui.registry.sources import load_registry, sample_path

CONTACT_FIELDS = ("id", "name", "organization", "uri", "email", "updated")

# fmt: off
EXPECTED_RECORDS: list[tuple[str, ...]] = [
    # name, port, protocol, description, assignee, contact, registration date, modification
    # date, reference, service code, unauthorized use reported, notes ("" left off the end)
    ("echo", "7", "tcp", "Echo", "[Jon_Postel]", "[Jon_Postel]"),
    ("echo", "7", "udp", "Echo", "[Jon_Postel]", "[Jon_Postel]"),
    ("daytime", "13", "tcp", "Daytime", "[Jon_Postel]", "[Jon_Postel]", "", "", "[RFC867]"),
    ("daytime", "13", "udp", "Daytime", "[Jon_Postel]", "[Jon_Postel]", "", "", "[RFC867]"),
    ("qotd", "17", "tcp", "Quote of the Day", "[Jon_Postel]", "[Jon_Postel]"),
    ("qotd", "17", "udp", "Quote of the Day", "[Jon_Postel]", "[Jon_Postel]"),
    ("nsw-fe", "27", "tcp", "NSW User System FE", "[Robert_Thomas]", "[Robert_Thomas]"),
    ("nsw-fe", "27", "udp", "NSW User System FE", "[Robert_Thomas]", "[Robert_Thomas]"),
    ("time", "37", "tcp", "Time", "[Jon_Postel]", "[Jon_Postel]"),
    ("time", "37", "udp", "Time", "[Jon_Postel]", "[Jon_Postel]"),
    ("", "47", "tcp", "Reserved", "", "", "", "2017-05-18", "", "", "",
        "This entry has been removed on 2017-05-18."),
    ("", "47", "udp", "Reserved", "", "", "", "2017-05-18", "", "", "",
        "This entry has been removed on 2017-05-18."),
    ("", "57", "tcp", "any private terminal access", "[Jon_Postel]", "[Jon_Postel]"),
    ("", "57", "udp", "any private terminal access", "[Jon_Postel]", "[Jon_Postel]"),
    ("", "61", "tcp", "Reserved", "", "", "", "2017-05-18", "", "", "",
        "This entry has been removed on 2017-05-18."),
    ("", "61", "udp", "Reserved", "", "", "", "2017-05-18", "", "", "",
        "This entry has been removed on 2017-05-18."),
    ("bootps", "67", "tcp", "Bootstrap Protocol Server", "[Bill_Croft]", "[Bill_Croft]", "", "",
        "[RFC951]", "", "", "Defined TXT keys: None"),
    ("bootps", "67", "udp", "Bootstrap Protocol Server"),
    ("gopher", "70", "tcp", "Gopher", "[Mark_McCahill]", "[Mark_McCahill]"),
    ("gopher", "70", "udp", "Gopher", "[Mark_McCahill]", "[Mark_McCahill]"),
    ("netrjs-1", "71", "tcp", "Remote Job Service"),
    ("netrjs-1", "71", "udp", "Remote Job Service"),
    ("netrjs-2", "72", "tcp", "Remote Job Service"),
    ("netrjs-2", "72", "udp", "Remote Job Service"),
    ("netrjs-3", "73", "tcp", "Remote Job Service"),
    ("netrjs-3", "73", "udp", "Remote Job Service"),
    ("netrjs-4", "74", "tcp", "Remote Job Service", "[Bob_Braden]", "[Bob_Braden]"),
    ("netrjs-4", "74", "udp", "Remote Job Service", "[Bob_Braden]", "[Bob_Braden]"),
    ("", "75", "tcp", "any private dial out service", "[Jon_Postel]", "[Jon_Postel]"),
    ("", "75", "udp", "any private dial out service", "[Jon_Postel]", "[Jon_Postel]"),
    ("deos", "76", "tcp", "Distributed External Object Store", "[Robert_Ullmann]",
        "[Robert_Ullmann]"),
    ("deos", "76", "udp", "Distributed External Object Store", "[Robert_Ullmann]",
        "[Robert_Ullmann]"),
    ("", "77", "tcp", "any private RJE service", "[Jon_Postel]", "[Jon_Postel]"),
    ("", "77", "udp", "any private RJE service", "[Jon_Postel]", "[Jon_Postel]"),
    ("vettcp", "78", "tcp", "vettcp", "[Christopher_Leong]", "[Christopher_Leong]"),
    ("vettcp", "78", "udp", "vettcp", "[Christopher_Leong]", "[Christopher_Leong]"),
    ("finger", "79", "tcp", "Finger", "[David_Zimmerman]", "[David_Zimmerman]", "", "", "", "",
        "Unauthorized use by some mail users (see [RFC4146] for details)"),
    ("finger", "79", "udp", "Finger", "[David_Zimmerman]", "[David_Zimmerman]", "", "", "", "",
        "Unauthorized use by some mail users (see [RFC4146] for details)"),
    ("", "87", "tcp", "any private terminal link", "[Jon_Postel]", "[Jon_Postel]"),
    ("", "87", "udp", "any private terminal link", "[Jon_Postel]", "[Jon_Postel]"),
    ("swift-rvf", "97", "tcp", "Swift Remote Virtural File Protocol", "[Maurice_R_Turcotte]",
        "[Maurice_R_Turcotte]"),
    ("swift-rvf", "97", "udp", "Swift Remote Virtural File Protocol", "[Maurice_R_Turcotte]",
        "[Maurice_R_Turcotte]"),
    ("rtelnet", "107", "tcp", "Remote Telnet Service", "[Jon_Postel]", "[Jon_Postel]"),
    ("rtelnet", "107", "udp", "Remote Telnet Service", "[Jon_Postel]", "[Jon_Postel]"),
    ("uucp-path", "117", "tcp", "UUCP Path Service"),
    ("uucp-path", "117", "udp", "UUCP Path Service"),
    ("nntp", "119", "tcp", "Network News Transfer Protocol", "[IESG]", "[IETF_Chair]", "",
        "2018-07-06", "[RFC3977]"),
    ("nntp", "119", "udp", "Network News Transfer Protocol", "[IESG]", "[IETF_Chair]", "",
        "2018-07-06", "[RFC3977]"),
    ("locus-con", "127", "tcp", "Locus PC-Interface Conn Server", "[Eric_Peterson]",
        "[Eric_Peterson]"),
    ("locus-con", "127", "udp", "Locus PC-Interface Conn Server", "[Eric_Peterson]",
        "[Eric_Peterson]"),
    ("netbios-ns", "137", "tcp", "NETBIOS Name Service"),
    ("netbios-ns", "137", "udp", "NETBIOS Name Service"),
    ("iso-ip", "147", "tcp", "ISO-IP", "[Marshall_Rose]", "[Marshall_Rose]"),
    ("iso-ip", "147", "udp", "ISO-IP", "[Marshall_Rose]", "[Marshall_Rose]"),
    ("knet-cmp", "157", "tcp", "KNET/VM Command/Message Protocol", "[Gary_S_Malkin]",
        "[Gary_S_Malkin]"),
    ("knet-cmp", "157", "udp", "KNET/VM Command/Message Protocol", "[Gary_S_Malkin]",
        "[Gary_S_Malkin]"),
    ("namp", "167", "tcp", "NAMP", "[Marty_Schoffstahl]", "[Marty_Schoffstahl]"),
    ("namp", "167", "udp", "NAMP", "[Marty_Schoffstahl]", "[Marty_Schoffstahl]"),
    ("print-srv", "170", "tcp", "Network PostScript", "[Brian_Reid]", "[Brian_Reid]"),
    ("print-srv", "170", "udp", "Network PostScript", "[Brian_Reid]", "[Brian_Reid]"),
    ("multiplex", "171", "tcp", "Network Innovations Multiplex"),
    ("multiplex", "171", "udp", "Network Innovations Multiplex"),
    ("cl-1", "172", "tcp",
        "Network Innovations CL/1\nIANA assigned this well-formed service name as a replacement "
        "for \"cl/1\".",
        "[Kevin_DeVault]", "[Kevin_DeVault]"),
    ("cl/1", "172", "tcp", "Network Innovations CL/1", "[Kevin_DeVault]", "[Kevin_DeVault]", "", "",
        "", "", "",
        "This entry is an alias to \"cl-1\". This entry is now historic, not usable for use with "
        "many common service discovery mechanisms."),
    ("cl-1", "172", "udp",
        "Network Innovations CL/1\nIANA assigned this well-formed service name as a replacement "
        "for \"cl/1\".",
        "[Kevin_DeVault]", "[Kevin_DeVault]"),
    ("cl/1", "172", "udp", "Network Innovations CL/1", "[Kevin_DeVault]", "[Kevin_DeVault]", "", "",
        "", "", "",
        "This entry is an alias to \"cl-1\". This entry is now historic, not usable for use with "
        "many common service discovery mechanisms."),
    ("xyplex-mux", "173", "tcp", "Xyplex", "[Bob_Stewart]", "[Bob_Stewart]"),
    ("xyplex-mux", "173", "udp", "Xyplex", "[Bob_Stewart]", "[Bob_Stewart]"),
    ("mailq", "174", "tcp", "MAILQ", "[Rayan_Zachariassen]", "[Rayan_Zachariassen]"),
    ("mailq", "174", "udp", "MAILQ", "[Rayan_Zachariassen]", "[Rayan_Zachariassen]"),
    ("vmnet", "175", "tcp", "VMNET", "[Christopher_Tengi]", "[Christopher_Tengi]"),
    ("vmnet", "175", "udp", "VMNET", "[Christopher_Tengi]", "[Christopher_Tengi]"),
    ("genrad-mux", "176", "tcp", "GENRAD-MUX", "[Ron_Thornton]", "[Ron_Thornton]"),
    ("genrad-mux", "176", "udp", "GENRAD-MUX", "[Ron_Thornton]", "[Ron_Thornton]"),
    ("xdmcp", "177", "tcp", "X Display Manager Control Protocol", "[Robert_W_Scheifler]",
        "[Robert_W_Scheifler]"),
    ("xdmcp", "177", "udp", "X Display Manager Control Protocol", "[Robert_W_Scheifler]",
        "[Robert_W_Scheifler]"),
    ("nextstep", "178", "tcp", "NextStep Window Server", "[Leo_Hourvitz]", "[Leo_Hourvitz]"),
    ("nextstep", "178", "udp", "NextStep Window Server", "[Leo_Hourvitz]", "[Leo_Hourvitz]"),
    ("bgp", "179", "tcp", "Border Gateway Protocol", "[Kirk_Lougheed]", "[Kirk_Lougheed]"),
    ("bgp", "179", "udp", "Border Gateway Protocol", "[Kirk_Lougheed]", "[Kirk_Lougheed]"),
    ("bgp", "179", "sctp", "BGP", "[Randall_Stewart]", "[Randall_Stewart]", "", "2022-02-07",
        "[RFC9260]"),
    ("aci", "187", "tcp", "Application Communication Interface", "[Rick_Carlos]", "[Rick_Carlos]"),
    ("aci", "187", "udp", "Application Communication Interface", "[Rick_Carlos]", "[Rick_Carlos]"),
    ("dls", "197", "tcp", "Directory Location Service"),
    ("dls", "197", "udp", "Directory Location Service"),
    ("at-7", "207", "tcp", "AppleTalk Unused"),
    ("at-7", "207", "udp", "AppleTalk Unused"),
    ("dbase", "217", "tcp", "dBASE Unix", "[Don_Gibson]", "[Don_Gibson]"),
    ("dbase", "217", "udp", "dBASE Unix", "[Don_Gibson]", "[Don_Gibson]"),
    ("dsp3270", "246", "tcp", "Display Systems Protocol", "[Weldon_J_Showalter]",
        "[Weldon_J_Showalter]"),
    ("dsp3270", "246", "udp", "Display Systems Protocol", "[Weldon_J_Showalter]",
        "[Weldon_J_Showalter]"),
    ("subntbcst-tftp", "247", "tcp",
        "SUBNTBCST_TFTP\nIANA assigned this well-formed service name as a replacement for "
        "\"subntbcst_tftp\".",
        "[John_Fake]", "[John_Fake]"),
    ("subntbcst_tftp", "247", "tcp", "SUBNTBCST_TFTP", "[John_Fake]", "[John_Fake]", "", "", "", "",
        "",
        "This entry is an alias to \"subntbcst-tftp\". This entry is now historic, not usable for "
        "use with many common service discovery mechanisms."),
    ("subntbcst-tftp", "247", "udp",
        "SUBNTBCST_TFTP\nIANA assigned this well-formed service name as a replacement for "
        "\"subntbcst_tftp\".",
        "[John_Fake]", "[John_Fake]"),
    ("subntbcst_tftp", "247", "udp", "SUBNTBCST_TFTP", "[John_Fake]", "[John_Fake]", "", "", "", "",
        "",
        "This entry is an alias to \"subntbcst-tftp\". This entry is now historic, not usable for "
        "use with many common service discovery mechanisms."),
    ("set", "257", "tcp", "Secure Electronic Transaction", "[Donald_Eastlake]",
        "[Donald_Eastlake]"),
    ("set", "257", "udp", "Secure Electronic Transaction", "[Donald_Eastlake]",
        "[Donald_Eastlake]"),
    ("td-service", "267", "tcp", "Tobit David Service Layer"),
    ("td-service", "267", "udp", "Tobit David Service Layer"),
    ("", "270", "tcp", "Reserved"),
]
EXPECTED_CONTACTS: list[tuple[str, ...]] = [
    # id, name, organization, uri, email, updated ("" left off the end)
    ("Bill_Croft", "Bill Croft", "", "mailto:Croft&sumex-aim.stanford.edu",
        "Croft@sumex-aim.stanford.edu"),
    ("Bob_Braden", "Bob Braden", "", "mailto:Braden&isi.edu", "Braden@isi.edu"),
    ("Bob_Stewart", "Bob Stewart", "", "mailto:STEWART&xyplex.com", "STEWART@xyplex.com"),
    ("Brian_Reid", "Brian Reid", "", "mailto:reid&decwrl.dec.com", "reid@decwrl.dec.com"),
    ("Christopher_Leong", "Christopher Leong", "", "mailto:leong&kolmod.mlo.dec.com",
        "leong@kolmod.mlo.dec.com"),
    ("Christopher_Tengi", "Christopher Tengi", "", "mailto:tengi&princeton.edu",
        "tengi@princeton.edu"),
    ("David_Zimmerman", "David Zimmerman", "", "mailto:dpz&rutgers.edu", "dpz@rutgers.edu"),
    ("Don_Gibson", "Don Gibson", "",
        "mailto:sequent!aero!twinsun!ashtate.A-T.COM!dong&uunet.UU.NET",
        "sequent!aero!twinsun!ashtate.A-T.COM!dong@uunet.UU.NET"),
    ("Donald_Eastlake", "Donald Eastlake", "", "mailto:d3e3e3&gmail.com", "d3e3e3@gmail.com"),
    ("Eric_Peterson", "Eric Peterson", "", "mailto:lcc.eric&seas.ucla.edu",
        "lcc.eric@seas.ucla.edu"),
    ("Gary_S_Malkin", "Gary S. Malkin", "", "mailto:GMALKIN&xylogics.com", "GMALKIN@xylogics.com"),
    ("IESG", "", "IESG", "mailto:iesg&ietf.org", "iesg@ietf.org"),
    ("IETF_Chair", "IETF Chair", "IETF", "mailto:chair&ietf.org", "chair@ietf.org"),
    ("John_Fake", "John Fake", "", "mailto:fake&us.ibm.com", "fake@us.ibm.com"),
    ("Jon_Postel", "Jon Postel", "", "mailto:postel&isi.edu", "postel@isi.edu"),
    ("Kevin_DeVault", "Kevin DeVault"),
    ("Kirk_Lougheed", "Kirk Lougheed", "", "mailto:LOUGHEED&mathom.cisco.com",
        "LOUGHEED@mathom.cisco.com"),
    ("Leo_Hourvitz", "Leo Hourvitz", "", "mailto:leo&next.com", "leo@next.com"),
    ("Mark_McCahill", "Mark McCahill", "", "mailto:mpm&boombox.micro.umn.edu",
        "mpm@boombox.micro.umn.edu"),
    ("Marshall_Rose", "Marshall Rose", "", "mailto:mrose17&gmail.com", "mrose17@gmail.com",
        "2024-07-29"),
    ("Marty_Schoffstahl", "Marty Schoffstahl", "", "mailto:schoff&nisc.nyser.net",
        "schoff@nisc.nyser.net"),
    ("Maurice_R_Turcotte", "Maurice R. Turcotte", "",
        "mailto:mailrus!uflorida!rm1!dnmrt%25rmatl@uunet.uu.net",
        "mailrus!uflorida!rm1!dnmrt%25rmatl@uunet.uu.net"),
    ("Randall_Stewart", "Randall Stewart", "IETF TSVWG", "mailto:rrs&lakerest.net",
        "rrs@lakerest.net"),
    ("Rayan_Zachariassen", "Rayan Zachariassen", "", "mailto:rayan&ai.toronto.edu",
        "rayan@ai.toronto.edu"),
    ("Rick_Carlos", "Rick Carlos", "", "mailto:rick&ticipa.csc.ti.com", "rick@ticipa.csc.ti.com"),
    ("Robert_Thomas", "Robert Thomas", "", "mailto:BThomas&f.bbn.com", "BThomas@f.bbn.com"),
    ("Robert_Ullmann", "Robert Ullmann", "", "mailto:ariel&world.std.com", "ariel@world.std.com"),
    ("Robert_W_Scheifler", "Robert W. Scheifler", "", "mailto:RWS&xx.lcs.mit.edu",
        "RWS@xx.lcs.mit.edu"),
    ("Ron_Thornton", "Ron Thornton", "", "mailto:thornton&aerostation.org",
        "thornton@aerostation.org", "2020-09-01"),
    ("Weldon_J_Showalter", "Weldon J. Showalter", "", "mailto:Gamma&mintaka.dca.mil",
        "Gamma@mintaka.dca.mil"),
]
# fmt: on


def _padded(rows: list[tuple[str, ...]], width: int) -> list[tuple[str, ...]]:
    return [row + ("",) * (width - len(row)) for row in rows]


RECORDS = _padded(EXPECTED_RECORDS, len(FIELDS))
CONTACTS = _padded(EXPECTED_CONTACTS, len(CONTACT_FIELDS))


@pytest.fixture(scope="module")
def excerpt() -> Registry:
    return page_text.parse(sample_path().read_bytes(), "registry-excerpt.txt")


def test_counts(excerpt: Registry) -> None:
    assert len(excerpt.records) == len(RECORDS) == 100
    assert len(excerpt.contacts) == len(CONTACTS) == 30
    assert excerpt.skipped == 0 and excerpt.skipped_lines == []


def test_metadata(excerpt: Registry) -> None:
    assert excerpt.title == "Service Name and Transport Protocol Port Number Registry"
    assert excerpt.updated == "2025-07-22"
    assert excerpt.experts == (
        "TCP/UDP: Joe Touch; Eliot Lear, Kumiko Ono, Wes Eddy, Brian Trammell,\n"
        "Jana Iyengar, and Michael Scharf\n"
        "SCTP: Michael Tuexen\n"
        "DCCP: Eddie Kohler and Yoshifumi Nishida"
    )
    notes = excerpt.notes.split("\n")
    assert notes[0] == "Service names and port numbers are used to distinguish between different"
    assert notes[3] == ""  # paragraphs keep their blank lines
    assert "* PLEASE NOTE THE FOLLOWING:                                           *" in notes
    assert notes[-1] == "*" * 72
    assert "Request an Assignment" not in excerpt.notes
    assert "[RFC6335]" not in excerpt.experts


def _record_id(row: tuple[str, ...]) -> str:
    return f"{row[0] or row[3]}-{row[1]}-{row[2]}"


@pytest.mark.parametrize(
    ("index", "row"),
    list(enumerate(RECORDS)),
    ids=[_record_id(r) for r in RECORDS],
)
def test_record(excerpt: Registry, index: int, row: tuple[str, ...]) -> None:
    assert excerpt.records[index].to_dict() == dict(zip(FIELDS, row, strict=True))


@pytest.mark.parametrize("row", CONTACTS, ids=[c[0] for c in CONTACTS])
def test_contact(excerpt: Registry, row: tuple[str, ...]) -> None:
    contact = excerpt.contacts[row[0]].to_dict()
    expected = dict(zip(CONTACT_FIELDS, row, strict=True))
    uri, email = expected["uri"], expected["email"]
    assert contact == {**expected, "uris": [uri] if uri else [], "emails": [email] if email else []}


def test_contacts_keep_table_order(excerpt: Registry) -> None:
    assert list(excerpt.contacts) == [row[0] for row in CONTACTS]


def test_every_id_named_by_a_record_is_in_the_contact_table(excerpt: Registry) -> None:
    named = {i for r in excerpt.records for i in r.assignee_ids + r.contact_ids}
    assert named == set(excerpt.contacts)


def test_port_bounds(excerpt: Registry) -> None:
    cl1 = excerpt.lookup("cl-1/udp")[0]
    assert (cl1.port_low, cl1.port_high) == (172, 172)
    assert all(r.port_low is not None for r in excerpt.records)


def test_bundled_sample_loads_as_page_text() -> None:
    registry = load_registry("sample")
    assert registry.format == "page-text"
    assert [r.to_row() for r in registry.records] == [list(row) for row in RECORDS]


def _exported_json(capsys: pytest.CaptureFixture[str], *registry_args: str) -> object:
    """The 12 IANA fields of each exported record (the JSON adds bounds, people, names)."""
    assert main(["export", *registry_args, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return [{name: row[name] for name in FIELDS} for row in json.loads(captured.out)]


def test_export_json_reproduces_the_records(capsys: pytest.CaptureFixture[str]) -> None:
    exported = _exported_json(capsys, "--registry", str(sample_path()))
    assert exported == [dict(zip(FIELDS, row, strict=True)) for row in RECORDS]


def test_export_json_of_the_sample_is_the_excerpt(
    capsys: pytest.CaptureFixture[str],
) -> None:
    exported = _exported_json(capsys, "--registry", "sample")
    assert exported == [dict(zip(FIELDS, row, strict=True)) for row in RECORDS]


@pytest.mark.realdata
def test_excerpt_agrees_with_iana_csv(excerpt: Registry) -> None:
    """Every field as IANA's CSV writes it; the notes differ at most in line breaks."""
    path = shared_file("service-names-port-numbers.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    by_key = {}
    for row in rows:
        by_key.setdefault((row[0], row[1], row[2]), row)
    for record in excerpt.records:
        expected = dict(zip(FIELDS, by_key[record.key], strict=True))
        got = record.to_dict()
        assert got["assignment_notes"].split() == expected["assignment_notes"].split()
        got.pop("assignment_notes")
        expected.pop("assignment_notes")
        assert got == expected, record.key


@pytest.mark.realdata
def test_contacts_agree_with_iana_xml(excerpt: Registry) -> None:
    """Names, organizations, URIs and dates as IANA's own `<people>` table records them."""
    root = ElementTree.parse(shared_file("service-names-port-numbers.xml")).getroot()
    people = {person.get("id"): person for person in root.findall(".//{*}person")}
    for contact in excerpt.contacts.values():
        person = people[contact.id]

        def text(tag: str, person=person) -> str:
            found = person.find(f"{{*}}{tag}")
            return (found.text or "").strip() if found is not None else ""

        assert (contact.name, contact.organization, contact.uri, contact.updated) == (
            text("name"),
            text("org"),
            text("uri"),
            text("updated"),
        ), contact.id
