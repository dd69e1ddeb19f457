"""`iana-ports update`: fetch the registry (or install one with `--from FILE`); say what changed.

Progress is a Rich bar (bytes, rate, time left) on a terminal, plain lines when stdout is not
one, nothing with `--quiet` (which prints only errors). A failure prints one line on stderr
saying what happened and that the previous copy stays in use. Exit codes: 0 installed or
already current; 1 the download failed; 2 the `--from` file or an option is unusable;
130 interrupted. It never asks a question: it must run unattended.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import IO

from tui.registry.diff import Changes, Key, describe_key
from tui.registry.sources import ENV_VAR, load_cached
from tui.registry.update import (
    DEFAULT_URL,
    NoProgress,
    Outcome,
    Progress,
    UpdateError,
    update_from_file,
    update_from_url,
)
from tui.registry.userdata import copy_path
from tui.safe import visible

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
EXAMPLES_SHOWN = 5
DEFAULT_TIMEOUT_S = 30.0


def run_update(args: argparse.Namespace) -> int:
    """Run the `update` sub-command from parsed arguments; the exit code.

    Args:
        args: `url`, `timeout`, `quiet`, `from_file` and (optionally) `registry`, the file to
            update instead of the user's copy.
    """
    explicit = getattr(args, "registry", None)
    target = Path(explicit).expanduser() if explicit else copy_path()
    out = sys.stdout
    from_file = getattr(args, "from_file", None)
    quiet = bool(getattr(args, "quiet", False))
    timeout = getattr(args, "timeout", None)
    timeout = DEFAULT_TIMEOUT_S if timeout is None else float(timeout)
    problem = ""
    if not (math.isfinite(timeout) and timeout > 0):
        problem = f"--timeout must be a number of seconds above 0, not {timeout:g}"
    elif from_file and getattr(args, "url", None):
        problem = "--from installs a file and --url downloads one: give only one of them"
    if problem:
        print(f"iana-ports: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if from_file:
            outcome = update_from_file(Path(from_file).expanduser(), target)
        else:
            url = getattr(args, "url", None) or DEFAULT_URL
            if not quiet:
                _say(out, f"Downloading {url}")
            outcome = update_from_url(url, target, timeout, _progress_for(out, quiet))
    except UpdateError as error:
        _fail(f"update failed: {error}", target)
        return EXIT_BAD_INPUT if from_file else EXIT_FAILED
    except KeyboardInterrupt:
        _fail("update interrupted", target)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - no traceback reaches a user
        _fail(f"update failed: internal error: {type(error).__name__}: {error}", target)
        return EXIT_FAILED
    if not quiet:
        for line in summary_lines(outcome, explicit_target=bool(explicit)):
            _say(out, line)
    return EXIT_OK


def summary_lines(outcome: Outcome, explicit_target: bool = False) -> list[str]:
    """What an update says when it ends: what was installed, what changed, both dates."""
    target = outcome.target
    if outcome.not_modified:
        lines = [f"Already up to date: {target}"]
        try:
            current = load_cached(target)
            lines.append(f"Registry date: {current.updated or 'unknown'}")
        except Exception:  # noqa: BLE001 - only a detail of the message
            pass
        return lines + _environment_note(explicit_target)
    registry = outcome.registry
    assert registry is not None
    lines = [
        f"Installed {registry.format.upper()} registry as {target} "
        f"({len(registry):,} records, {len(registry.contacts):,} contacts)."
    ]
    changes = outcome.changes
    if changes is not None:
        lines.append(
            f"Registry date: {changes.new_updated or 'unknown'} "
            f"(the copy it replaced: {changes.old_updated or 'unknown'})."
        )
        lines += _change_lines(changes)
    else:
        lines.append(f"Registry date: {registry.updated or 'unknown'}.")
        if outcome.previous_problem:
            lines.append(
                f"The copy it replaced could not be read ({outcome.previous_problem}): "
                "nothing to compare."
            )
        else:
            lines.append("This is the first copy: nothing to compare with.")
    if outcome.backup is not None:
        lines.append(f"The previous copy is kept as {outcome.backup}.")
    return lines + _environment_note(explicit_target)


def _change_lines(changes: Changes) -> list[str]:
    if changes.unchanged:
        return ["Since the copy it replaced: no entry added, removed or modified."]
    lines = [
        f"Since the copy it replaced: {len(changes.added):,} added, "
        f"{len(changes.removed):,} removed, {len(changes.modified):,} modified "
        f"({changes.old_count:,} -> {changes.new_count:,} records)."
    ]
    for title, keys in (
        ("added", changes.added),
        ("removed", changes.removed),
        ("modified", changes.modified),
    ):
        if keys:
            lines.append(f"  {title}: {_examples(keys)}")
    return lines


def _examples(keys: list[Key]) -> str:
    shown = ", ".join(describe_key(key) for key in keys[:EXAMPLES_SHOWN])
    more = len(keys) - EXAMPLES_SHOWN
    return f"{shown} and {more:,} more" if more > 0 else shown


def _environment_note(explicit_target: bool) -> list[str]:
    named = os.environ.get(ENV_VAR, "").strip()
    if explicit_target or not named:
        return []
    return [f"Note: ${ENV_VAR} is set, so {named} stays in use until it is unset."]


def _fail(what: str, target: Path) -> None:
    if target.is_file():
        stays = f"the previous copy stays in use ({target})"
    else:
        stays = "nothing was installed; the registry in use is unchanged"
    print(visible(f"iana-ports: {what}; {stays}"), file=sys.stderr)


def _say(out: IO[str], line: str) -> None:
    print(visible(line), file=out, flush=True)


def _progress_for(out: IO[str], quiet: bool) -> Progress:
    if quiet:
        return NoProgress()
    if out.isatty():
        return BarProgress(out)
    return LineProgress(out)


class LineProgress:
    """Plain progress lines for a log or a pipe: one at each tenth of the body (or MiB)."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.total: int | None = None
        self.next_mark = 0
        self.received = 0

    def start(self, total: int | None) -> None:
        """Announce the body's size."""
        self.total = total
        self.next_mark = self._step()
        size = f"{total:,} bytes" if total is not None else "size not announced"
        _say(self.out, f"Receiving ({size})")

    def advance(self, received: int) -> None:
        """Print a line each time another step of the body has arrived."""
        self.received = received
        if received < self.next_mark:
            return
        while self.next_mark <= received:
            self.next_mark += self._step()
        if self.total:
            _say(
                self.out,
                f"  {received:,} of {self.total:,} bytes ({received * 100 // self.total}%)",
            )
        else:
            _say(self.out, f"  {received:,} bytes")

    def finish(self) -> None:
        """Say how much arrived in all."""
        _say(self.out, f"Received {self.received:,} bytes")

    def _step(self) -> int:
        return max(1, self.total // 10) if self.total else 1024 * 1024


class BarProgress:
    """A Rich progress bar on the terminal: bytes, rate and time left."""

    def __init__(self, out: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.bar = Progress(
            TextColumn("Downloading"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=Console(file=out),
        )
        self.task = self.bar.add_task("download", total=None)

    def start(self, total: int | None) -> None:
        """Show the bar, sized when the body's length is known."""
        self.bar.update(self.task, total=total)
        self.bar.start()

    def advance(self, received: int) -> None:
        """Move the bar."""
        self.bar.update(self.task, completed=received)

    def finish(self) -> None:
        """Take the bar off the screen's live area."""
        self.bar.stop()
