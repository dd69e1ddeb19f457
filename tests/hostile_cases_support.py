"""Bad registry files, and running the real command line on them with time and memory caps."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

MEMORY_CAP = 1536 * 1024 * 1024  # bounded memory: a 50 MB file must not need more than this
TIME_LIMIT = 10.0

GOOD_XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<registry xmlns="http://www.iana.org/assignments" id="service-names-port-numbers">\n'
    "  <title>Service Name and Transport Protocol Port Number Registry</title>\n"
    "  <updated>2026-08-17</updated>\n"
)
GOOD_XML_RECORD = (
    "  <record>\n    <name>ssh</name>\n    <protocol>tcp</protocol>\n"
    "    <description>The Secure Shell (SSH) Protocol</description>\n"
    "    <number>22</number>\n  </record>\n"
)
CSV_HEAD = (
    "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
    "Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,"
    "Assignment Notes\n"
)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<registry xmlns="http://www.iana.org/assignments"><title>&lol9;</title>'
    "<record><name>x</name><number>1</number><protocol>tcp</protocol></record></registry>\n"
)


def _external_entity(secret: Path) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<registry xmlns="http://www.iana.org/assignments"><title>t</title>'
        "<record><name>&xxe;</name><number>1</number><protocol>tcp</protocol></record>"
        "</registry>\n"
    )


def random_bytes(size: int) -> bytes:
    """`size` bytes of noise, the same in every run (a seeded generator)."""
    return random.Random(1234).randbytes(size)


CASES: dict[str, Callable[[Path], bytes]] = {
    "empty": lambda _: b"",
    "whitespace only": lambda _: b"  \n\n\t \r\n",
    "random bytes": lambda _: random_bytes(64 * 1024),
    "truncated xml": lambda _: (GOOD_XML_HEAD + GOOD_XML_RECORD * 50).encode()[:-37],
    "truncated csv": lambda _: (CSV_HEAD + 'ssh,22,tcp,"The Secure Shell\n').encode(),
    "billion laughs": lambda _: BILLION_LAUGHS.encode(),
    "external entity": lambda tmp: _external_entity(tmp / "secret.txt").encode(),
    "csv with other headers": lambda _: b"name,port,protocol\nssh,22,tcp\n",
    "markdown": lambda _: b"# Ports\n\n| name | port |\n|---|---|\n| ssh | 22 |\n",
    "html page that is not the registry": lambda _: (
        b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"
    ),
    "xml that is not the registry": lambda _: b'<?xml version="1.0"?><feed><entry/></feed>',
    "50 MB single line": lambda _: b"x" * (50 * 1024 * 1024),
    "50 MB single csv line": lambda _: CSV_HEAD.encode() + b"a," * (25 * 1024 * 1024),
}


def limit_memory() -> None:
    """Cap the address space of the process about to run (a subprocess `preexec_fn`)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` in a process capped in memory and time; output captured as text."""
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=limit_memory,
        env=env,
    )
