"""Issue 6, part 5: every parser, fed damaged real records or any bytes, gives a Registry or a
RegistryError, nothing else; export then parse gives back what went out, odd ports included.

Damage is done to small valid documents of every format (the bundled excerpt, CSV and JSON
exports of it, the hand-written XML, XHTML, fixed-width and page-text fixtures): byte spans
deleted, inserted, replaced, lines duplicated, dropped or swapped, the file cut short. Each
damaged file goes both through content detection (`parse_bytes`) and straight into its own
format's reader, which must cope with bytes that are not its format at all.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.registry.formats import FORMATS, parse_bytes
from tui.registry.formats.csv_registry import write as write_csv
from tui.registry.model import FIELDS, Contact, Record, Registry, RegistryError
from tui.registry.sources import sample_path

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _documents() -> dict[str, tuple[str, bytes]]:
    """Small valid documents: name -> (format, bytes)."""
    excerpt = sample_path().read_bytes()
    records = parse_bytes(excerpt, "excerpt").records
    out = io.StringIO()
    write_csv(records, out)
    exported_json = json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2)
    return {
        "excerpt (page text)": ("page-text", excerpt),
        "page-text fixture": ("page-text", (FIXTURES / "page-text" / "tricky.txt").read_bytes()),
        "csv export": ("csv", out.getvalue().encode("utf-8")),
        "json export": ("json", exported_json.encode("utf-8")),
        "xml fixture": ("xml", (FIXTURES / "xml-tricky.xml").read_bytes()),
        "xhtml fixture": ("xhtml", (FIXTURES / "xhtml-tricky.xhtml").read_bytes()),
        "fixed-text fixture": ("fixed-text", (FIXTURES / "fixed-text-tricky.txt").read_bytes()),
    }


DOCUMENTS = _documents()

TOKENS = st.sampled_from(
    [
        b"<", b">", b"</record>", b"<record>", b"<br/>", b"&", b"&amp;", b"&#0;", b"<![CDATA[",
        b"<!DOCTYPE x [", b"]]>", b'"', b"'", b",", b",,,,", b"\n", b"\r\n", b"\r", b"\x00",
        b"\xff", b"\xc3", b"\xef\xbb\xbf", b"[", b"]", b"[Jon_Postel]", b"-", b"65536",
        b"0-65535", b"99999999999", b"tcp", b"  ", b"\t", b"{", b"}", b"null", b"<td>", b"</tr>",
        b"Service Name", b"Contact Information", "東京".encode(), b"\x1b]0;x\x07",
    ]
)  # fmt: skip
INSERTED = TOKENS | st.binary(min_size=1, max_size=24)


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one to four kinds of damage done to it."""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["delete", "insert", "replace", "duplicate line", "drop line", "swap lines", "cut"]
            )
        )
        size = len(data)
        at = draw(st.integers(0, size))
        span = draw(st.integers(0, 64))
        if kind == "delete":
            data = data[:at] + data[at + span :]
        elif kind == "insert":
            data = data[:at] + draw(INSERTED) + data[at:]
        elif kind == "replace":
            data = data[:at] + draw(INSERTED) + data[at + span :]
        elif kind == "cut":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            first = draw(st.integers(0, len(lines) - 1))
            second = draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate line":
                lines.insert(first, lines[first])
            elif kind == "drop line":
                del lines[first]
            else:
                lines[first], lines[second] = lines[second], lines[first]
            data = b"\n".join(lines)
    return data


def assert_registry_or_registry_error(read, data: bytes) -> None:
    """`read(data)` returns a well-formed Registry or raises RegistryError; nothing else."""
    try:
        registry = read(data)
    except RegistryError as error:
        message = str(error)
        assert message.startswith("damaged") and "\n" not in message.strip(), message[:300]
        return
    assert isinstance(registry, Registry)
    for record in registry.records:
        assert isinstance(record, Record)
        # Every cell is text a terminal and an export can write (no lone surrogate).
        for name in FIELDS:
            getattr(record, name).encode("utf-8")
        assert isinstance(record.port_problem, str)
    for contact_id, contact in registry.contacts.items():
        assert isinstance(contact, Contact) and contact.id == contact_id
        for value in contact.to_dict().values():
            for text in value if isinstance(value, list) else [value]:  # uris, emails: lists
                text.encode("utf-8")


def by_detection(data: bytes) -> Registry:
    return parse_bytes(data, "damaged")


PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", DOCUMENTS)
@PROPERTY
@given(st.data())
def test_damaged_documents_give_a_registry_or_registry_error(name: str, data) -> None:
    fmt, original = DOCUMENTS[name]
    document = data.draw(damaged(original), label="damaged document")
    assert_registry_or_registry_error(by_detection, document)
    reader = FORMATS[fmt]()
    assert_registry_or_registry_error(lambda b: reader.parse(b, "damaged"), document)


def test_the_undamaged_documents_read() -> None:
    for name, (fmt, document) in DOCUMENTS.items():
        registry = parse_bytes(document, name)
        assert registry.format == fmt and len(registry.records) >= 10, name


ANY_BYTES = st.binary(max_size=1500) | st.lists(TOKENS, max_size=40).map(b"".join)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_BYTES)
def test_any_bytes_into_any_reader(fmt: str, data: bytes) -> None:
    reader = FORMATS[fmt]()
    assert_registry_or_registry_error(lambda b: reader.parse(b, "damaged"), data)


@settings(max_examples=200, deadline=None)
@given(ANY_BYTES)
def test_any_bytes_through_detection(data: bytes) -> None:
    assert_registry_or_registry_error(by_detection, data)


CELL_TEXT = st.text(max_size=20) | st.text(
    alphabet=st.characters(categories=["Cs", "Cc", "Lo", "Zs"]), min_size=1, max_size=6
)
"""Cell strings, lone surrogates among them (JSON carries them as \\udXXX escapes)."""
JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | CELL_TEXT
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
JSON_ITEMS = st.lists(
    st.dictionaries(st.sampled_from(FIELDS), CELL_TEXT, max_size=6)
    | st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=6)
    | JSON_VALUES,
    max_size=6,
)
JSON_EXTRAS = ["", "1" * 5000, "[" * 3000, "-0.5e999999", '{"service_name": "\\udfff"}']


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON_ITEMS, st.sampled_from(JSON_EXTRAS))
def test_json_shaped_like_an_export_gives_a_registry_or_registry_error(items, extra) -> None:
    text = json.dumps(items)  # ensure_ascii: lone surrogates travel as "\\udXXX" escapes
    if extra:
        text = text[:-1] + (", " if items else "") + extra + "]"
    assert_registry_or_registry_error(by_detection, text.encode())


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (b'[{"service_name": "x"}, ' + b"1" * 5000 + b"]", "number too long"),
        (b'[{"service_name": "x"}, ' + b"[" * 100_000 + b"]" * 100_000 + b"]", "too deeply"),
        (b'[{"service_name": "\\ud800"}]', "no records"),
    ],
    ids=["a 5,000-digit number", "nested 100,000 deep", "a lone surrogate"],
)
def test_hostile_json_is_refused_in_one_line(document: bytes, problem: str) -> None:
    with pytest.raises(RegistryError, match=problem):
        parse_bytes(document, "hostile.json")


def test_a_lone_surrogate_skips_only_its_entry() -> None:
    document = b'[{"service_name": "ok", "port_number": "1"}, {"service_name": "\\udc80"}]'
    registry = parse_bytes(document, "hostile.json")
    assert [r.service_name for r in registry.records] == ["ok"]
    assert registry.skipped == 1 and registry.skipped_lines == [2]
