"""Annotate text with service names: "0.0.0.0:22" becomes "0.0.0.0:22(ssh)".

The name goes in parentheses straight after the port's last digit, with no space, so a line
keeps its whitespace-separated fields (awk's $4 is still the address) and the annotation is
easy to grep for or strip (`sed 's/\\([0-9]\\)([^()]*)/\\1/g'`). Everything else passes through
byte for byte: lines are bytes, and only the inserted labels are new.

Labels: `(ssh)` the names IANA registers for that port and protocol (`(http)`, `(ident,auth)`);
`(domain/udp)` registered only for another protocol; `(unassigned)`, `(reserved)`; ports of the
dynamic range (49152-65535) are left alone unless asked for, then `(dynamic)` when unnamed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from tui.machine.answers import ASSIGNED, DYNAMIC_LOW, OTHER_PROTOCOL, PortAnswer, PortBook
from tui.machine.recognise import line_protocols, port_spans, protocol_at
from tui.safe import visible

_UNSAFE_IN_LABEL_RE = re.compile(r"[\s()]")


@dataclass(frozen=True, slots=True)
class AnnotateOptions:
    """How to annotate."""

    protocol: str = "tcp"
    """The protocol to assume when the line names none."""
    dynamic: bool = False
    """Annotate ports of the dynamic range too (ephemeral ports are noise, so not by default)."""
    only_known: bool = False
    """Annotate only ports that have a service name; leave unassigned and reserved ones alone."""


def label_text(answer: PortAnswer) -> str:
    """The words between the parentheses for one answer: "ssh", "domain/udp", "unassigned"."""
    if answer.status == ASSIGNED:
        text = ",".join(answer.names)
    elif answer.status == OTHER_PROTOCOL:
        text = f"{','.join(answer.names)}/{answer.other_protocols[0]}"
    else:
        text = answer.status
    # Registry text is data: controls shown, never sent; no space or parenthesis splits a label.
    return _UNSAFE_IN_LABEL_RE.sub("_", visible(text))


class Annotator:
    """Adds service names after the ports of each line, from one registry loaded once."""

    def __init__(self, book: PortBook, options: AnnotateOptions | None = None) -> None:
        self.book = book
        self.options = options or AnnotateOptions()
        self._labels: dict[tuple[int, str], bytes | None] = {}

    def label(self, port: int, protocol: str) -> bytes | None:
        """The bytes to insert after `port` over `protocol`, or None to leave it alone."""
        key = (port, protocol)
        if key not in self._labels:
            self._labels[key] = self._work_out(port, protocol)
        return self._labels[key]

    def _work_out(self, port: int, protocol: str) -> bytes | None:
        answer = self.book.answer(port, protocol)
        if port >= DYNAMIC_LOW and not self.options.dynamic:
            return None
        if self.options.only_known and answer.status not in (ASSIGNED, OTHER_PROTOCOL):
            return None
        return b"(" + label_text(answer).encode("utf-8") + b")"

    def insertions(self, line: bytes) -> list[tuple[int, bytes]]:
        """Where `line` gets which label: (offset, bytes) in offset order."""
        spans = port_spans(line)
        if not spans:
            return []
        words: list[tuple[int, str]] | None = None
        found = []
        for offset, port, protocol in spans:
            if not protocol:
                if words is None:
                    words = line_protocols(line)
                protocol = protocol_at(offset, words, self.options.protocol)
            label = self.label(port, protocol)
            if label is not None:
                found.append((offset, label))
        return found

    def annotate_line(self, line: bytes) -> bytes:
        """`line` with a label after each port recognised; otherwise the same bytes."""
        places = self.insertions(line)
        if not places:
            return line
        pieces: list[bytes] = []
        start = 0
        for offset, label in places:
            pieces += (line[start:offset], label)
            start = offset
        pieces.append(line[start:])
        return b"".join(pieces)

    def annotate_stream(self, lines: Iterable[bytes], out: BinaryIO) -> int:
        """Write each line annotated and flush it at once (so `tail -f` output flows).

        Returns:
            How many lines were written.
        """
        count = 0
        for line in lines:
            out.write(self.annotate_line(line))
            out.flush()
            count += 1
        return count
