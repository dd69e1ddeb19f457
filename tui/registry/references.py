"""Turning a record's reference cell into links: RFCs, Internet-Drafts and URLs."""

from __future__ import annotations

import re

_RFC_RE = re.compile(r"\bRFC[\s-]?(\d{1,5})\b", re.IGNORECASE)
_DRAFT_RE = re.compile(r"\b(draft-[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])")
# A URL never holds a control character (RFC 3986): one ends it, so no escape sequence from
# a hostile cell is handed to the browser opener.
_URL_RE = re.compile(r"\bhttps?://[^\s\[\]<>\"'\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def reference_links(reference: str) -> list[tuple[str, str]]:
    """(label, url) for each RFC, draft and URL named in a reference cell, in order, once each.

    RFCs link to their rfc-editor.org page, drafts to the IETF datatracker, URLs as written.
    """
    urls = [(m.start(), m.end(), m.group(0).rstrip(".,;)")) for m in _URL_RE.finditer(reference)]

    def inside_url(position: int) -> bool:
        return any(start <= position < end for start, end, _ in urls)

    found: list[tuple[int, str, str]] = [(start, url, url) for start, _, url in urls]
    for match in _RFC_RE.finditer(reference):
        if not inside_url(match.start()):
            number = int(match.group(1))
            found.append(
                (match.start(), f"RFC{number}", f"https://www.rfc-editor.org/rfc/rfc{number}")
            )
    for match in _DRAFT_RE.finditer(reference):
        if not inside_url(match.start()):
            name = match.group(1)
            found.append((match.start(), name, f"https://datatracker.ietf.org/doc/{name}/"))
    found.sort()
    links: list[tuple[str, str]] = []
    for _, label, url in found:
        if url not in (u for _, u in links):
            links.append((label, url))
    return links
