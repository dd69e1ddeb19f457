"""Every `iana-ports` command the README shows runs as documented on the bundled registry.

Examples are the lines of its ```sh blocks and its inline `iana-ports ...` spans; a trailing
`# exit N` comment gives the documented exit code (0 otherwise). The synopsis (```text, with
placeholders such as QUERY) is checked for the options instead. `update` reaches the network,
which tests never do; its own tests run it against a local server.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import REPO, run_shell

README = (REPO / "README.md").read_text(encoding="utf-8")
PLACEHOLDER = re.compile(r"\b(QUERY|KEY|PATH|FILE|URL|N|S)\b")
EXPECTED_EXIT = re.compile(r"#\s*exit (\d)")


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def examples() -> list[tuple[str, int]]:
    """(command line, documented exit code) for every example in the README."""
    found: list[tuple[str, int]] = []
    for block in sh_blocks(README):
        for line in block.splitlines():
            line = line.strip()
            if not line.startswith("iana-ports"):
                continue
            expected = EXPECTED_EXIT.search(line)
            command = line.split("#", 1)[0].strip()
            found.append((command, int(expected.group(1)) if expected else 0))
    for span in re.findall(r"`(iana-ports[^`]*)`", README):
        if not PLACEHOLDER.search(span) and "..." not in span:
            found.append((span.strip(), 0))
    return found


def browser_only(command: str) -> bool:
    """The bare `iana-ports` (with global options only) opens the browser."""
    words = command.split()[1:]
    return not words or all(w.startswith("-") or w in ("sample",) for w in words[::2])


EXAMPLES = examples()


def test_the_readme_has_examples_and_its_synopsis_names_the_options() -> None:
    assert len(EXAMPLES) >= 10
    synopsis = re.search(r"```text\n(.*?)```", README, flags=re.DOTALL)
    assert synopsis
    for option in ("--limit N|all", "jsonl", "tsv", "services", "--no-header", "-q QUERY"):
        assert option in synopsis.group(1), option


@pytest.mark.realdata
@pytest.mark.parametrize(("command", "code"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_each_readme_command_runs_as_documented(cli_cache: Path, command: str, code: int) -> None:
    if " update" in f" {command.split(None, 2)[1] if len(command.split()) > 1 else ''}":
        pytest.skip("update reaches the network; tests/registry/test_update.py runs it locally")
    if browser_only(command):
        code = 2  # documented: the browser needs a terminal; here stdout is a pipe
    done = run_shell(cli_cache, f'iana-ports() {{ iana_ports "$@"; }}\nset -o pipefail\n{command}')
    assert done.returncode == code, (command, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    if code == 0 and ">" not in command:
        assert done.stdout.strip(), command
