"""IANA's XML form of the registry: `<record>` entries and the `<people>` contact table.

Parsed with defusedxml: a DTD (and with it entity expansion and external entities) is
refused outright, so a billion-laughs bomb or a `SYSTEM "file:///etc/passwd"` entity ends in a
`RegistryError`, never in memory blow-up or a file read.

Each `<record>` becomes the twelve fields exactly as IANA's CSV shows the same record; the
mapping was learnt by comparing IANA's XML and CSV of the same registry:

- `<name>`, `<number>`, `<protocol>`, `<description>`, `<sc>`, `<unauthorized>`, `<note>`:
  their text, stripped; an inline `<xref>` is written as in a reference cell (`[RFC6614]`,
  `[Bernie_Volz]`); each `<paragraph>` starts indented by eight spaces, as the CSV shows.
- `<br/>` is a line break. IANA always follows it with a newline in the source, and its CSV
  shows exactly one newline there (`whois++<br/><br/>` newline `IANA assigned...` is
  "whois++\\nIANA assigned..."), so a break already followed by a newline adds nothing.
- `<assignee><xref type="person" data="X"/></assignee>` -> assignee "[X]"; a person xref
  outside `<assignee>` -> contact "[X]"; a record without `<assignee>` shows its contact as
  its assignee too (that is what the CSV does).
- Other xrefs, in document order, make the reference cell: an xref with text shows its text
  (`[TR-352]`, `[RFC8765, Section 6.1]`); else rfc `rfc6335` -> `[RFC6335]`, and draft, uri,
  note (a footnote anchor) -> `[their data]`.
- Attributes `date` -> registration_date, `updated` -> modification_date.
- A line ending in a space and followed by an indented line is one wrapped line: IANA's CSV
  joins it ("communication in \\n    accordance" -> "communication in accordance"), while a
  line break without that trailing space, or before an unindented line, stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml.common import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import DefusedXMLParser

from tui.registry.formats.xml_lenient import lenient_text, restore_characters
from tui.registry.model import Contact, Record, Registry, RegistryError

__all__ = ["NAMESPACE", "parse"]

NAMESPACE = "http://www.iana.org/assignments"
"""The namespace IANA's registry XML is written in (files without it are read too)."""


class _Tags(NamedTuple):
    """The element names of one document, qualified once with its namespace (none is fine).

    Built once per parse, so the hot loops compare ready-made strings instead of building
    `{namespace}name` for every element.
    """

    assignee: str
    br: str
    description: str
    expert: str
    footnote: str
    name: str
    note: str
    number: str
    org: str
    paragraph: str
    people: str
    person: str
    protocol: str
    record: str
    sc: str
    title: str
    unauthorized: str
    updated: str
    uri: str
    xref: str

    @classmethod
    def qualified(cls, prefix: str) -> _Tags:
        """Every name with `prefix` (`{namespace}` or "") in front."""
        return cls._make(prefix + local for local in cls._fields)


def parse(data: bytes, source: str) -> Registry:
    """Parse IANA's XML bytes into a Registry with records, contacts and metadata.

    Raises:
        RegistryError: not well-formed (with the line), a DTD or entity (refused), or not
            IANA's registry XML.
    """
    root = _parse_tree(data, source)
    local = root.tag.rpartition("}")[2]
    if local != "registry":
        raise RegistryError(source, f"XML root is <{local}>, not IANA's <registry>")
    prefix = root.tag[: len(root.tag) - len(local)]
    tags = _Tags.qualified(prefix)
    registry = Registry()
    notes: list[str] = []
    footnotes: list[str] = []
    experts: list[str] = []
    records = registry.records
    record_tag = tags.record
    read_record = _record_reader(tags)
    for child in root:
        tag = child.tag
        if tag == record_tag:
            record = read_record(child)
            if record is None:
                registry.skip()
            else:
                records.append(record)
        elif tag == tags.people:
            _people(child, tags, registry.contacts)
        elif tag == tags.title:
            registry.title = _inline_text(child, tags)
        elif tag == tags.updated:
            registry.updated = (child.text or "").strip()
        elif tag == tags.expert:
            experts.append(_inline_text(child, tags))
        elif tag == tags.note:
            notes.append(_registry_note(child, tags))
        elif tag == tags.footnote:
            footnotes.append(f"[{child.get('anchor', '')}] {_inline_text(child, tags)}")
    if not records:
        raise RegistryError(source, "XML has IANA's <registry> but no <record> entries")
    registry.experts = "\n".join(e for e in experts if e)
    registry.notes = "\n\n".join(n for n in notes + footnotes if n)
    return registry


class _NotWellFormed(RegistryError):
    """Expat's refusal of the document as it is (it may read as text: see xml_lenient)."""


def _parse_tree(data: bytes, source: str) -> Element:
    """The document's root element, read with DTDs, entities and external references refused.

    A document refused only for its characters (stray non-UTF-8 bytes, a NUL in a cell) is
    read a second time as text by `xml_lenient`; if that fails too, the first error stands.
    """
    try:
        return _read_tree(data, source)
    except _NotWellFormed as error:
        text = lenient_text(data)
        if text is not None:
            try:
                return restore_characters(_read_tree(text, source))
            except RegistryError:
                pass
        raise RegistryError(error.source, error.problem, error.line) from None


def _read_tree(document: bytes | str, source: str) -> Element:
    parser = DefusedXMLParser(
        target=TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(document)
        return parser.close()
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise _NotWellFormed(source, _malformed(str(error)), line) from None
    except DefusedXmlException as error:
        line = parser.parser.CurrentLineNumber
        raise RegistryError(source, _refusal(error), line) from None
    except (ValueError, LookupError) as error:
        # An encoding expat cannot use (a multi-byte or unknown `encoding=` declaration).
        raise RegistryError(source, f"XML cannot be decoded: {error}") from None


def _malformed(message: str) -> str:
    """Expat's complaint ("no element found: line 12, column 0") as a problem in words."""
    problem = message.split(": line", 1)[0]
    if problem in ("no element found", "unclosed token"):
        return f"XML ends before its document does: {problem} (file cut off?)"
    if problem.startswith("not well-formed"):
        return f"XML is {problem}"
    return f"XML is not well-formed: {problem}"


def _refusal(error: DefusedXmlException) -> str:
    """Why a document was refused, in words."""
    if isinstance(error, DTDForbidden):
        return "XML declares a DTD (refused: it could expand entities or read other files)"
    if isinstance(error, EntitiesForbidden):
        return f"XML declares entity {error.name!r} (refused: entity expansion)"
    if isinstance(error, ExternalReferenceForbidden):
        return f"XML refers to an external entity {error.sysid!r} (refused)"
    return f"XML refused: {error}"


def _record_reader(tags: _Tags) -> Callable[[Element], Record | None]:
    """A function turning one `<record>` into a Record (None when it has no name, port or
    description).

    A closure over the document's tag names, so the loop run for every record reads them as
    local cells rather than attribute look-ups: this loop is most of the load time after
    the parse itself.
    """
    description_tag, number_tag, protocol_tag = tags.description, tags.number, tags.protocol
    name_tag, xref_tag, assignee_tag, note_tag = tags.name, tags.xref, tags.assignee, tags.note
    unauthorized_tag, sc_tag = tags.unauthorized, tags.sc

    def read(element: Element) -> Record | None:
        name = number = protocol = description = sc = unauthorized = note = ""
        assignees: list[str] = []
        contacts: list[str] = []
        references: list[str] = []
        has_assignee = False
        for child in element:
            tag = child.tag
            if tag == description_tag:
                description = _inline_text(child, tags) if len(child) else _cell(child.text)
            elif tag == number_tag:
                number = (child.text or "").strip()
            elif tag == protocol_tag:
                protocol = (child.text or "").strip()
            elif tag == name_tag:
                name = (child.text or "").strip()
            elif tag == xref_tag:
                if child.get("type") == "person":
                    contacts.append(f"[{child.get('data', '')}]")
                else:
                    references.append(_xref_label(child))
            elif tag == assignee_tag:
                has_assignee = True
                assignees += [_xref_label(x) for x in child if x.tag == xref_tag]
                if not len(child) and _strip(child.text):
                    assignees.append(f"[{_strip(child.text)}]")
            elif tag == note_tag:
                note = _inline_text(child, tags) if len(child) else _cell(child.text)
            elif tag == unauthorized_tag:
                unauthorized = _inline_text(child, tags) if len(child) else _cell(child.text)
            elif tag == sc_tag:
                sc = (child.text or "").strip()
        if not (name or number or description):
            return None
        contact = "".join(contacts)
        return Record(
            name,
            number,
            protocol,
            description,
            "".join(assignees) if has_assignee else contact,
            contact,
            element.get("date", ""),
            element.get("updated", ""),
            "".join(references),
            sc,
            unauthorized,
            note,
        )

    return read


def _strip(text: str | None) -> str:
    return text.strip() if text else ""


_PARAGRAPH_INDENT = " " * 8
"""What IANA's CSV puts before each `<paragraph>` of a note (seen in the `wot` entries)."""

_SOFT_WRAP_RE = re.compile(r"([ \t]+)\r?\n[ \t]+")


def _cell(text: str | None) -> str:
    """Free text as IANA's CSV shows it: stripped, soft-wrapped lines joined (see above)."""
    if not text:
        return ""
    text = text.strip()
    if " \n" in text or "\t\n" in text or " \r\n" in text:
        text = _SOFT_WRAP_RE.sub(r"\1", text)
    return text


def _xref_label(xref: Element) -> str:
    """An xref as IANA's CSV writes it: `[RFC6335]`, `[Jon_Postel]`, `[TR-352]`, `[1]`."""
    text = _cell(xref.text)
    if text:
        return f"[{text}]"
    data = xref.get("data", "")
    if xref.get("type") == "rfc" and data[:3].lower() == "rfc":
        return f"[RFC{data[3:]}]"
    return f"[{data}]"


def _inline_text(element: Element, tags: _Tags) -> str:
    """An element's text with inline markup rendered: xrefs in brackets, `<br/>` as a break.

    Walks the subtree with an explicit stack, so a deeply nested hostile document cannot
    exhaust Python's recursion limit.
    """
    parts: list[str] = []
    pending_break = False

    def add(text: str | None) -> None:
        nonlocal pending_break
        if not text:
            return
        if pending_break and not text.startswith(("\n", "\r")):
            parts.append("\n")
        pending_break = False
        parts.append(text)

    add(element.text)
    # Each stack entry is (element, whether its own text/children are done).
    stack: list[tuple[Element, bool]] = [(child, False) for child in reversed(element)]
    while stack:
        node, done = stack.pop()
        if done:
            add(node.tail)
            continue
        tag = node.tag
        if tag == tags.br:
            pending_break = True
            add(node.tail)
        elif tag == tags.xref:
            add(_xref_label(node))
            add(node.tail)
        else:
            if tag == tags.paragraph:
                add(_PARAGRAPH_INDENT)
            add(node.text)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
    return _cell("".join(parts))


def _registry_note(element: Element, tags: _Tags) -> str:
    """A registry-level note, its title (when it has one) on the first line."""
    body = _inline_text(element, tags)
    title = _strip(element.get("title"))
    return f"{title}\n{body}" if title and body else title or body


def _people(element: Element, tags: _Tags, contacts: dict[str, Contact]) -> None:
    """Read the `<people>` table into `contacts`, keyed by id (the first of a repeated id wins)."""
    name_tag, org_tag, uri_tag, updated_tag = tags.name, tags.org, tags.uri, tags.updated
    for person in element:
        if person.tag != tags.person:
            continue
        person_id = _strip(person.get("id"))
        if not person_id or person_id in contacts:
            continue
        name = organization = updated = ""
        uris: list[str] = []
        for child in person:
            tag = child.tag
            if tag == name_tag:
                name = _strip(child.text)
            elif tag == uri_tag and (uri := _strip(child.text)):
                uris.append(uri)
            elif tag == org_tag:
                organization = _strip(child.text)
            elif tag == updated_tag:
                updated = _strip(child.text)
        contacts[person_id] = Contact(person_id, name, organization, updated=updated, uris=(*uris,))
