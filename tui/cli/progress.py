"""How `iana-ports update` shows a download: a Rich bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

from typing import IO, Protocol, cast

from tui.safe import visible


class TextOut(Protocol):
    """Where update's report goes: stdout, or a wrapper that guards it."""

    def write(self, text: str, /) -> int:
        """Write text."""
        ...

    def flush(self) -> None:
        """Flush what was written."""
        ...

    def isatty(self) -> bool:
        """Whether it is a terminal."""
        ...


def say(out: TextOut, line: str) -> None:
    """Print one line of update's report (controls made visible), flushed at once."""
    print(visible(line), file=out, flush=True)


class LineProgress:
    """Plain progress lines for a log or a pipe: one at each tenth of the body (or MiB)."""

    def __init__(self, out: TextOut) -> None:
        self.out = out
        self.total: int | None = None
        self.next_mark = 0
        self.received = 0

    def start(self, total: int | None) -> None:
        """Announce the body's size."""
        self.total = total
        self.next_mark = self._step()
        size = f"{total:,} bytes" if total is not None else "size not announced"
        say(self.out, f"Receiving ({size})")

    def advance(self, received: int) -> None:
        """Print a line each time another step of the body has arrived."""
        self.received = received
        if received < self.next_mark:
            return
        while self.next_mark <= received:
            self.next_mark += self._step()
        if self.total:
            say(
                self.out,
                f"  {received:,} of {self.total:,} bytes ({received * 100 // self.total}%)",
            )
        else:
            say(self.out, f"  {received:,} bytes")

    def finish(self) -> None:
        """Say how much arrived in all."""
        say(self.out, f"Received {self.received:,} bytes")

    def _step(self) -> int:
        return max(1, self.total // 10) if self.total else 1024 * 1024


class BarProgress:
    """A Rich progress bar on the terminal: bytes, rate and time left."""

    def __init__(self, out: TextOut) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.console = Console(file=cast(IO[str], out))
        self.bar = Progress(
            TextColumn("Downloading"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=self.console,
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
        """Take the bar off the screen's live area and show the cursor again (twice is fine:
        an interruption may come in the middle of the first time)."""
        try:
            self.bar.stop()
        finally:
            if self.console.is_terminal:
                self.console.show_cursor(True)
