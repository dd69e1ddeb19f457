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
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from tui.machine.answers import (
    ASSIGNED,
    DYNAMIC,
    DYNAMIC_LOW,
    OTHER_PROTOCOL,
    RESERVED,
    UNASSIGNED,
    PortAnswer,
    PortBook,
)
from tui.machine.recognise import ProtocolWords, port_spans
from tui.registry.model import PROTOCOLS
from tui.safe import visible

_UNSAFE_IN_LABEL_RE = re.compile(r"[\s()]")
_STATUS_LABELS = {status: f"({status})".encode() for status in (DYNAMIC, RESERVED, UNASSIGNED)}
_DEPENDS = b"depends on the protocol"
_UNKNOWN = b"not worked out yet"
_READ_SIZE = 64 * 1024
_LONGEST_LINE = 1024 * 1024
"""A "line" longer than this without a break is annotated in pieces rather than held."""


class Readable(Protocol):
    """A binary stream with `read1` (io.BufferedReader: sys.stdin.buffer, open(..., "rb"))."""

    def read1(self, size: int = -1, /) -> bytes:
        """At most `size` bytes, from at most one read of the source; b"" at its end."""
        ...


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
        self._any_protocol: dict[int, bytes | None] = {}

    def label(self, port: int, protocol: str) -> bytes | None:
        """The bytes to insert after `port` over `protocol`, or None to leave it alone."""
        key = (port, protocol)
        if key not in self._labels:
            self._labels[key] = self._work_out(port, protocol)
        return self._labels[key]

    def _work_out(self, port: int, protocol: str) -> bytes | None:
        if port >= DYNAMIC_LOW and not self.options.dynamic:
            return None
        answer = self.book.answer(port, protocol)
        if answer.status not in (ASSIGNED, OTHER_PROTOCOL):
            return None if self.options.only_known else _STATUS_LABELS[answer.status]
        return b"(" + label_text(answer).encode("utf-8") + b")"

    def insertions(self, text: bytes) -> list[tuple[int, bytes]]:
        """Where `text` (a line, or whole lines) gets which label: (offset, bytes) in order."""
        spans = port_spans(text)
        if not spans:
            return []
        found = []
        words: ProtocolWords | None = None
        for offset, port, protocol in spans:
            if protocol:
                label = self.label(port, protocol)
            else:
                label = self._label_for_any(port)
                if label is _DEPENDS:
                    words = words or ProtocolWords(text)
                    label = self.label(port, words.at(offset, self.options.protocol))
            if label is not None:
                found.append((offset, label))
        return found

    def _label_for_any(self, port: int) -> bytes | None:
        """The label of `port` when it is the same whatever the protocol, else _DEPENDS (so the
        line's protocol is looked for only when it matters: not for ephemeral ports)."""
        label = self._any_protocol.get(port, _UNKNOWN)
        if label is _UNKNOWN:
            # Most ports in a log are nobody's (ephemeral): one look-up, not four answers.
            protocols = PROTOCOLS[:1] if self.book.is_blank(port) else PROTOCOLS
            labels = {self.label(port, protocol) for protocol in protocols}
            label = self._any_protocol[port] = labels.pop() if len(labels) == 1 else _DEPENDS
        return label

    def annotate_line(self, line: bytes) -> bytes:
        """`line` (or a block of whole lines) with a label after each port recognised;
        otherwise the same bytes."""
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

    def annotate_stream(self, source: Readable, out: BinaryIO) -> int:
        """Copy `source` to `out` annotated, writing and flushing every complete line as soon
        as it has been read (so `tail -f` output flows); a last line without a line break
        goes out at the end.

        Lines are taken in blocks of whatever one read returns (one line from `tail -f`, 64 KiB
        from a file), each block scanned at once: a file costs a few regex passes per block
        instead of per line.

        Returns:
            How many bytes were read.
        """
        pending = b""
        read = 0
        while data := source.read1(_READ_SIZE):
            read += len(data)
            data = pending + data if pending else data
            cut = data.rfind(b"\n") + 1
            if cut == 0 and len(data) < _LONGEST_LINE:
                pending = data
                continue
            cut = cut or len(data)  # a line beyond any sense: annotated in pieces
            pending = data[cut:]
            out.write(self.annotate_line(data[:cut]))
            out.flush()
        if pending:
            out.write(self.annotate_line(pending))
            out.flush()
        return read
