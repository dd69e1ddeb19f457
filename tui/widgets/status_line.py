"""The status line: how many records are shown, how fast, which filters, which registry.

The line is worded for the width it has: at 80 columns the query time and the source's long
name give way first, so the count, the filters and the update hint stay readable.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.safe import visible
from tui.widgets.status_text import Segment, SourceSummary, fit_line


class StatusLine(Widget):
    """One line below the table; the screen sets its attributes after each answer."""

    COMPONENT_CLASSES = {
        "status-line--error",
        "status-line--count",
        "status-line--notice",
        "status-line--hint",
    }

    shown: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)
    elapsed_ms: reactive[float | None] = reactive(None)
    filters: reactive[str] = reactive("")
    error: reactive[str] = reactive("")
    source: reactive[SourceSummary | None] = reactive(None)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"status-line--{name}", partial=True)

    def variants(self) -> list[list[Segment]]:
        """The line's wordings, most complete first (see `fit_line`)."""
        head: list[Segment] = []
        if self.error:
            head.append((visible(self.error), self._style("error")))
        head.append((f"{self.shown:,} of {self.total:,} records", self._style("count")))
        if self.filters:
            head.append((f"filters: {self.filters}", self._style("notice")))
        timing: list[Segment] = []
        if self.elapsed_ms is not None:
            timing.append((f"{self.elapsed_ms:.1f} ms", ""))
        source = self.source
        if source is None:
            return [head + timing, head]
        hint = self._style("hint")
        return [
            head + timing + [(source.long, ""), (source.hint, hint)],
            head + [(source.long, ""), (source.hint, hint)],
            head + [(source.short, ""), (source.hint, hint)],
            head + [(source.hint, hint)],
            head + [(source.short, ""), (source.hint_short, hint)],
            head + [(source.hint_short, hint)],
            head,
        ]

    def render(self) -> Text:
        """The longest wording that fits the line's width."""
        return fit_line(self.variants(), self.content_size.width)

    @property
    def plain_text(self) -> str:
        """The full wording, whatever the width (for tests and logs)."""
        return fit_line(self.variants(), 10_000).plain
