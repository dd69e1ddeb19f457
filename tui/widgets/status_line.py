"""The status line: how many records are shown, how fast, from which registry, which filters."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..model import Registry
from ..safe import visible


def registry_description(registry: Registry) -> str:
    """Where the records come from, in a few words: file name, format and registry date."""
    updated = f" {registry.updated}" if registry.updated else ""
    if registry.bundled:
        return f"bundled excerpt{updated} · run `iana-ports update` for the full registry"
    name = registry.source.replace("\\", "/").rsplit("/", 1)[-1] or "registry"
    kind = f" ({registry.format.upper()})" if registry.format else ""
    return f"{name}{kind}{' · updated' + updated if updated else ''}"


class StatusLine(Widget):
    """One line below the table; the screen sets its attributes after each answer."""

    COMPONENT_CLASSES = {"status-line--error", "status-line--count", "status-line--notice"}

    shown: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)
    elapsed_ms: reactive[float | None] = reactive(None)
    filters: reactive[str] = reactive("")
    error: reactive[str] = reactive("")
    source: reactive[str] = reactive("")

    def render(self) -> Text:
        """Count, query time, filters and registry, on one line."""
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.error:
            style = self.get_component_rich_style("status-line--error", partial=True)
            line.append(visible(self.error), style=style)
            line.append(" · ")
        count_style = self.get_component_rich_style("status-line--count", partial=True)
        line.append(f"{self.shown:,} of {self.total:,} records", style=count_style)
        if self.elapsed_ms is not None:
            line.append(f" · {self.elapsed_ms:.1f} ms")
        if self.filters:
            notice = self.get_component_rich_style("status-line--notice", partial=True)
            line.append(" · filters: ")
            line.append(self.filters, style=notice)
        if self.source:
            line.append(" · ")
            line.append(visible(self.source))
        return line
