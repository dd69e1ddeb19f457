"""`iana-ports annotate [FILE...]`: text with the service name added after each port it names.

Reads the files in turn ("-" or none: standard input) and writes each line as soon as it is
read, annotated (see `tui.machine.annotate` for the form), so `tail -f log | iana-ports
annotate` flows. Bytes in, bytes out: nothing but the labels changes.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from tui.registry.model import PROTOCOLS, Registry

if TYPE_CHECKING:
    from tui.machine.annotate import Annotator, Readable


class AnnotateFileError(Exception):
    """A file named on the command line that cannot be read: one line, exit code 2."""


def add_parser(commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    """Register the `annotate` sub-command."""
    annotate = commands.add_parser(
        "annotate",
        parents=[common],
        help="add service names after the ports in text: 0.0.0.0:22 -> 0.0.0.0:22(ssh)",
        description="Copy text (files, or standard input) with the service name in parentheses "
        "right after each port it recognises, every other byte unchanged, each line as soon as "
        "it is read: 0.0.0.0:22(ssh), [::]:5432(postgresql), DPT=53(domain), dport 443(https), "
        "22(ssh)/tcp. '(ntp/udp)': registered for another protocol only; '(unassigned)', "
        "'(reserved)': no name there. Recognised: host:port, [v6]:port, *:port (ss, netstat, "
        "lsof), SPT=/DPT= (iptables, nftables logs), dport/sport/port N (firewall rules), "
        "nmap's normal and grepable output, N/tcp and tcp/N. Strip the labels again with: "
        "sed 's/\\([0-9]\\)([^()]*)/\\1/g'",
    )
    annotate.add_argument("files", nargs="*", metavar="FILE", help="files to read (default: -)")
    annotate.add_argument(
        "--protocol",
        choices=PROTOCOLS,
        default="tcp",
        help="protocol to assume where a line names none (default: tcp)",
    )
    annotate.add_argument(
        "--dynamic",
        action="store_true",
        help="annotate dynamic-range ports (49152-65535) too; left alone by default",
    )
    annotate.add_argument(
        "--only-known",
        action="store_true",
        help="annotate only ports with a service name (no '(unassigned)', '(reserved)')",
    )


def _check(files: list[str]) -> None:
    """Fail before any output when a named file cannot be opened."""
    for name in files:
        if name == "-":
            continue
        if os.path.isdir(name):
            raise AnnotateFileError(f"{name}: is a directory")
        if not os.access(name, os.R_OK):
            problem = "no such file" if not os.path.lexists(name) else "not readable"
            raise AnnotateFileError(f"{name}: {problem}")


class _NamedSource:
    """A source whose read errors name the file; write errors are the output's (a closed pipe
    ends the command quietly, a full disk says it cannot write the output)."""

    def __init__(self, name: str, source: Readable) -> None:
        self.name = name
        self.source = source

    def read1(self, size: int = -1, /) -> bytes:
        """What one read of the source returns."""
        try:
            return self.source.read1(size)
        except OSError as error:
            raise AnnotateFileError(f"{self.name}: {error.strerror or error}") from None


def _annotate_all(annotator: Annotator, files: list[str], stdin: Readable, out: BinaryIO) -> None:
    for name in files or ["-"]:
        if name == "-":
            annotator.annotate_stream(_NamedSource("standard input", stdin), out)
            continue
        try:
            handle = open(name, "rb")  # noqa: SIM115 - closed below; only opening is checked here
        except OSError as error:
            raise AnnotateFileError(f"{name}: {error.strerror or error}") from None
        with handle:
            annotator.annotate_stream(_NamedSource(name, handle), out)


def run_annotate(registry: Registry, args: argparse.Namespace) -> int:
    """Annotate args.files (or stdin) to stdout; return the exit code."""
    from tui.machine.annotate import AnnotateOptions, Annotator, Readable
    from tui.machine.answers import PortBook

    try:
        _check(args.files)
        options = AnnotateOptions(args.protocol, args.dynamic, args.only_known)
        annotator = Annotator(PortBook(registry), options)
        stdin = cast(Readable, sys.stdin.buffer)  # an io.BufferedReader: it has read1
        _annotate_all(annotator, args.files, stdin, sys.stdout.buffer)
    except AnnotateFileError as problem:
        sys.stdout.flush()
        from tui.cli.output import error as say

        say(f"iana-ports: annotate: {problem}")
        return 2
    return 0
