"""`iana-ports update`: fetch the registry (or install one with `--from FILE`, or go back with
`--rollback`); say what changed.

Progress is a Rich bar (bytes, rate, time left) on a terminal, plain lines when stdout is not
one, nothing with `--quiet` (which prints only errors). A failure prints one line on stderr
saying what happened and which copy stays in use. Exit codes: 0 installed or already current;
1 the download failed or was refused (older, no contacts, most entries gone: `--force`
installs it anyway); 2 the `--from` file, the target or an option is unusable, or the report
could not be written; 130 on Ctrl-C, 128+N on SIGTERM, SIGHUP or SIGQUIT, which are handled
the same way (temporary file removed, cursor shown again). It never asks a question: it must
run unattended. A closed pipe on stdout is not an error; a closed stderr is left closed.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import math
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from tui.cli.progress import BarProgress, LineProgress, TextOut, say
from tui.registry.diff import Changes, Key, describe_key
from tui.registry.formats.dating import registry_date
from tui.registry.model import Registry
from tui.registry.sources import ENV_VAR, bundled_path
from tui.registry.update import (
    DEFAULT_DEADLINE_S,
    DEFAULT_URL,
    BadInput,
    NoProgress,
    Outcome,
    Progress,
    Refused,
    UpdateError,
    redacted_url,
    roll_back,
    update_from_file,
    update_from_url,
)
from tui.registry.update.download import check_url
from tui.registry.userdata import copy_path, read_meta
from tui.safe import visible

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
EXAMPLES_SHOWN = 5
DEFAULT_TIMEOUT_S = 30.0
TERMINATING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")
"""Signals handled like Ctrl-C during an update (SIGINT is Python's KeyboardInterrupt)."""


class Interrupted(KeyboardInterrupt):
    """A terminating signal arrived during the update: unwind exactly as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def run_update(args: argparse.Namespace) -> int:
    """Run the `update` sub-command from parsed arguments; the exit code.

    Args:
        args: `url`, `timeout`, `deadline`, `quiet`, `force`, `rollback`, `from_file` and
            (optionally) `registry`, the file to update instead of the user's copy.
    """
    _reserve_standard_streams()
    explicit = getattr(args, "registry", None)
    target = Path(explicit).expanduser() if explicit else copy_path()
    from_file = getattr(args, "from_file", None)
    url = getattr(args, "url", None)
    rollback = bool(getattr(args, "rollback", False))
    quiet = bool(getattr(args, "quiet", False))
    force = bool(getattr(args, "force", False))
    timeout = _seconds(getattr(args, "timeout", None), DEFAULT_TIMEOUT_S)
    deadline = _seconds(getattr(args, "deadline", None), DEFAULT_DEADLINE_S)
    problem = ""
    if not (math.isfinite(timeout) and timeout > 0):
        problem = f"--timeout must be a number of seconds above 0, not {timeout:g}"
    elif not (math.isfinite(deadline) and deadline > 0):
        problem = f"--deadline must be a number of seconds above 0, not {deadline:g}"
    elif from_file and url:
        problem = "--from installs a file and --url downloads one: give only one of them"
    elif rollback and (from_file or url):
        problem = "--rollback goes back to the copy kept before: give no --from or --url"
    if problem:
        _error_line(f"iana-ports: {problem}")
        return EXIT_BAD_INPUT
    out = _Output(sys.stdout)
    installed_before = read_meta(target).sha256
    in_use = None if explicit else bundled_in_use()
    progress: Progress = NoProgress()
    what = "rollback" if rollback else "update"
    try:
        with _signals_interrupt():
            if rollback:
                outcome = roll_back(target)
            elif from_file:
                outcome = update_from_file(
                    Path(from_file).expanduser(), target, force=force, in_use=in_use
                )
            else:
                url = url or DEFAULT_URL
                check_url(url)  # a URL that cannot be downloaded is refused before "Downloading"
                if not quiet:
                    say(out, f"Downloading {redacted_url(url)}")
                    if out.error is not None:
                        return _output_failed(out.error, installed=False)
                progress = _progress_for(out, quiet)
                outcome = update_from_url(
                    url, target, timeout, progress, deadline=deadline, force=force, in_use=in_use
                )
    except Refused as error:
        _fail(f"update refused: {error}; --force installs it anyway", target)
        return EXIT_FAILED
    except BadInput as error:
        _fail(f"{what} failed: {error}", target)
        return EXIT_BAD_INPUT
    except UpdateError as error:
        _restore_cursor(progress)  # the deadline may have cut the bar's own ending short
        _fail(f"{what} failed: {error}{_offline_hint(error, url)}", target)
        return EXIT_BAD_INPUT if from_file else EXIT_FAILED
    except Interrupted as interruption:
        _restore_cursor(progress)
        name = signal.Signals(interruption.signum).name
        _fail(f"{what} interrupted by {name}", target, installed_before)
        return 128 + interruption.signum
    except KeyboardInterrupt:
        _restore_cursor(progress)
        _fail(f"{what} interrupted", target, installed_before)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - no traceback reaches a user
        _fail(f"{what} failed: internal error: {type(error).__name__}: {error}", target)
        return EXIT_FAILED
    if not quiet:
        for line in summary_lines(outcome, explicit_target=bool(explicit)):
            say(out, line)
    if out.error is not None:
        return _output_failed(out.error, installed=not outcome.not_modified)
    return EXIT_OK


def summary_lines(outcome: Outcome, explicit_target: bool = False) -> list[str]:
    """What an update says when it ends: what was installed, what changed, both dates."""
    target = outcome.target
    registry = outcome.registry
    if outcome.not_modified:
        lines = [f"Already up to date: {target}"]
        if registry is not None:
            lines.append(f"Registry date: {registry_date_words(registry)}")
        return lines + _environment_note(explicit_target)
    assert registry is not None
    counts = f"{len(registry):,} records, {len(registry.contacts):,} contacts"
    if outcome.rolled_back_from is not None:
        lines = [
            f"Rolled back: {target} is again the {registry.format.upper()} registry "
            f"kept as {outcome.rolled_back_from} ({counts})."
        ]
    else:
        lines = [f"Installed {registry.format.upper()} registry as {target} ({counts})."]
    changes = outcome.changes
    if changes is not None:
        lines.append(
            f"Registry date: {registry_date_words(registry)} "
            f"(the copy it replaced: {registry_date_words(outcome.previous)})."
        )
        lines += _change_lines(changes)
    else:
        lines.append(f"Registry date: {registry_date_words(registry)}.")
        if outcome.previous_problem:
            lines.append(
                f"The copy it replaced could not be read ({outcome.previous_problem}): "
                "nothing to compare, and it was not kept."
            )
        elif outcome.rolled_back_from is None:
            lines.append("This is the first copy: nothing to compare with.")
    if outcome.backup is not None:
        lines.append(f"The previous copy is kept as {outcome.backup}.")
    return lines + _environment_note(explicit_target)


def registry_date_words(registry: Registry | None) -> str:
    """A registry's date as `update` judged it: its own, else its newest record's (IANA's CSV
    carries no date; a refusal names that date, so the summary does too)."""
    if registry is None:
        return "unknown"
    if registry.updated:
        return registry.updated
    estimate = registry_date(registry)
    return f"{estimate}, its newest record's (the file carries no date)" if estimate else "unknown"


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


def bundled_in_use() -> Path | None:
    """The registry in use until the user's copy exists: the bundled snapshot, unless
    $IANA_PORTS_REGISTRY names another (then update's copy is not the one in use anyway)."""
    if os.environ.get(ENV_VAR, "").strip():
        return None
    return bundled_path()


def _seconds(value: float | None, default: float) -> float:
    return default if value is None else float(value)


def _offline_hint(error: UpdateError, url: str | None) -> str:
    """For a network failure, how to install a registry without the network."""
    text = str(error)
    if url is None or not text.startswith(("cannot reach", "no answer from")):
        return ""
    return " (offline? install a registry file you have with `iana-ports update --from FILE`)"


def _fail(what: str, target: Path, installed_before: str | None = None) -> None:
    """One line on stderr: what went wrong, and which copy is in use now.

    `installed_before` (the recorded hash of the copy when the update began) is given for an
    interruption, which may come just after the swap: then the new copy is the one in place.
    """
    if installed_before is not None and read_meta(target).sha256 not in ("", installed_before):
        stays = f"it came just after the swap: {target} is the new copy"
    elif target.is_file():
        stays = f"the previous copy stays in use ({target})"
    else:
        stays = "nothing was installed; the registry in use is unchanged"
    _error_line(f"iana-ports: {what}; {stays}")


def _error_line(line: str) -> None:
    """Print a line on stderr; with stderr closed (or failing) say nothing, never on stdout."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(visible(line), file=stream, flush=True)


def _output_failed(error: OSError, installed: bool) -> int:
    done = "the update was done, but " if installed else "nothing was done: "
    _error_line(f"iana-ports: {done}cannot write to standard output: {error.strerror or error}")
    return EXIT_BAD_INPUT


def _progress_for(out: TextOut, quiet: bool) -> Progress:
    if quiet:
        return NoProgress()
    if out.isatty():
        return BarProgress(out)
    return LineProgress(out)


def _restore_cursor(progress: Progress) -> None:
    if isinstance(progress, BarProgress):
        with contextlib.suppress(Exception):
            progress.finish()


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM, SIGHUP and SIGQUIT into `Interrupted` while the block runs (main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {}
    for name in TERMINATING_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _reserve_standard_streams() -> None:
    """Open /dev/null on any of fds 0-2 that is closed, so no file update opens becomes one
    (a registry written to through "stderr")."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:
                    os.dup2(opened, fd)
                    os.close(opened)


class _Output:
    """stdout for update's report: a closed pipe silences it; another failure is remembered
    (`error`) and silences it too, so the update itself is never stopped by its report."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.error: OSError | None = None
        self.silenced = stream is None

    def write(self, text: str) -> int:
        """Write, unless silenced; a failure silences."""
        if not self.silenced and self.stream is not None:
            try:
                self.stream.write(text)
            except (OSError, ValueError) as error:
                self._failed(error)
        return len(text)

    def flush(self) -> None:
        """Flush, unless silenced; a failure silences."""
        if not self.silenced and self.stream is not None:
            try:
                self.stream.flush()
            except (OSError, ValueError) as error:
                self._failed(error)

    def isatty(self) -> bool:
        """Whether the report goes to a terminal."""
        try:
            return bool(self.stream is not None and self.stream.isatty())
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        """The stream's file descriptor."""
        if self.stream is None:
            raise OSError(errno.EBADF, "no standard output")
        return self.stream.fileno()

    def _failed(self, error: Exception) -> None:
        self.silenced = True
        if isinstance(error, OSError) and error.errno != errno.EPIPE and self.error is None:
            self.error = error
        # Python flushes stdout once more at exit: point it at /dev/null so that stays quiet.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())  # type: ignore[union-attr]
            os.close(devnull)
