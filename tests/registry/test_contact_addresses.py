"""Contacts keep every address (issue 10.2): seven people in IANA's XML have two `<uri>`.

Every reader keeps them all (`Contact.uris`; `emails` the mailto ones, `email` still the
first), the cache carries them, and the command line shows them in its table and JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_file

from tui.cli.command_line import main
from tui.registry.formats import load_path, parse_bytes
from tui.registry.model import Contact
from tui.registry.sources import load_registry

TWO_URIS = {
    "Oracle_Corp": (
        "mailto:bharathi.sivaramakrishnan&oracle.com",
        "mailto:chris.newman&oracle.com",
    ),
    "WAP_Forum": ("mailto:wap-feedback&mail.wapforum.org", "mailto:pg&uplanet.com"),
    "David_Walend": ("mailto:david&walend.net", "mailto:dev&salutafugijms.dev.java.net"),
}


def test_a_contact_holds_every_uri_and_its_first_email_for_compatibility() -> None:
    contact = Contact("X", "X Y", uris=("https://x.example/", "mailto:a&x.org", "mailto:b&x.org"))
    assert contact.uri == "https://x.example/"
    assert contact.emails == ("a@x.org", "b@x.org") and contact.email == "a@x.org"
    assert contact.addresses == ("a@x.org", "b@x.org", "https://x.example/")
    assert contact.to_dict()["uris"] == list(contact.uris)
    assert contact.to_dict()["emails"] == ["a@x.org", "b@x.org"]
    single = Contact("Y", uri="mailto:y&y.org")
    assert single.uris == ("mailto:y&y.org",) and single.email == "y@y.org"
    assert Contact("Z").to_dict() | {"uris": [], "emails": []} == Contact("Z").to_dict()


@pytest.mark.realdata
@pytest.mark.parametrize(
    "name", ["service-names-port-numbers.xml", "service-names-port-numbers-2013.txt"]
)
def test_xml_and_fixed_text_keep_both_uris(name: str) -> None:
    registry = load_path(shared_file(name))
    present = [i for i in TWO_URIS if i in registry.contacts]  # 2013 predates Oracle_Corp
    assert len(present) >= 2
    for contact_id in present:
        uris = TWO_URIS[contact_id]
        contact = registry.contacts[contact_id]
        assert contact.uris == uris, contact_id
        assert contact.email == uris[0].removeprefix("mailto:").replace("&", "@")
    if name.endswith(".xml"):
        assert sum(len(c.uris) > 1 for c in registry.contacts.values()) == 7


@pytest.mark.realdata
def test_xhtml_keeps_both_uris() -> None:
    page = shared_file("service-names-port-numbers-2015-sample.xhtml").read_text("utf-8")
    one = '<a href="mailto:volz&amp;cisco.com">mailto:volz&amp;cisco.com</a>'
    assert one in page
    two = one + '<br/>\n<a href="mailto:b&amp;volz.example">mailto:b&amp;volz.example</a>'
    registry = parse_bytes(page.replace(one, two).encode(), "page.xhtml")
    assert registry.contacts["Bernie_Volz"].uris == (
        "mailto:volz&cisco.com",
        "mailto:b&volz.example",
    )
    assert registry.contacts["Ed_Cain"].uris == ("mailto:cain&edn-unix.dca.mil",)


@pytest.mark.realdata
def test_the_cache_gives_back_every_uri(tmp_path: Path) -> None:
    first = load_registry(shared_file("service-names-port-numbers.xml"))
    again = load_registry(shared_file("service-names-port-numbers.xml"))  # from the cache
    for contact_id, uris in TWO_URIS.items():
        assert first.contacts[contact_id].uris == again.contacts[contact_id].uris == uris


def test_the_contacts_command_shows_and_exports_every_address(capsys) -> None:
    assert main(["contacts", "Oracle_Corp", "--format", "json"]) == 0
    found = {c["id"]: c for c in json.loads(capsys.readouterr().out)}
    oracle = found["Oracle_Corp"]
    assert oracle["uris"] == list(TWO_URIS["Oracle_Corp"])
    assert oracle["emails"] == [
        "bharathi.sivaramakrishnan@oracle.com",
        "chris.newman@oracle.com",
    ]
    assert oracle["email"] == "bharathi.sivaramakrishnan@oracle.com"
    assert main(["contacts", "WAP_Forum"]) == 0
    table = "".join(capsys.readouterr().out.split())  # the table may fold long cells
    assert "wap-feedback@mail.wapforum.org" in table and "pg@uplanet.com" in table


def test_the_second_address_finds_the_contact(capsys) -> None:
    assert main(["contacts", "pg@uplanet.com", "--format", "json"]) == 0
    assert "WAP_Forum" in [c["id"] for c in json.loads(capsys.readouterr().out)]


def test_show_lists_both_addresses_of_a_record_contact(capsys) -> None:
    registry = load_registry()
    record = next(r for r in registry.records if "WAP_Forum" in r.contact_ids + r.assignee_ids)
    assert main(["show", f"{record.service_name}/{record.transport_protocol}"]) == 0
    shown = "".join(capsys.readouterr().out.split())
    assert "wap-feedback@mail.wapforum.org" in shown and "pg@uplanet.com" in shown
