"""What the status line says about the registry in use, and how it fits a narrow terminal.

`source_summary` words the registry's source the way `iana-ports info` does (which source,
the registry's date, how old a downloaded copy is, the hint to run `iana-ports update`), in a
long and a short form. `fit_line` picks the longest wording of the status line that fits the
width, dropping the least useful parts first, so the hint stays whole at 80 columns.
No Textual imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from tui.registry.model import Registry
from tui.registry.origin import INSTALLED_LABEL, SourceKind
from tui.registry.sources import copy_age_days, registry_age_days, update_hint
from tui.safe import visible

SEPARATOR = " · "

Segment = tuple[str, Style | str]
"""A piece of the status line and its style."""


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """The registry's source in a long and a short form, and the update hint (may be "").

    `hint` is `hint_short` with more words; both are "" when nothing needs updating.
    """

    long: str
    short: str
    hint: str = ""
    hint_short: str = ""


def _days_ago(days: int) -> str:
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days:,} days ago"


def source_summary(registry: Registry, now: float | None = None) -> SourceSummary:
    """How the status line names the registry in use (see `tui.registry.sources` for the order)."""
    # The date is the file's own text (a text registry's "Last Updated"): shown visibly.
    updated_on = visible(registry.updated)
    dated = f" of {updated_on}" if updated_on else ""
    origin = registry.origin
    if origin.kind == SourceKind.BUNDLED:
        return _snapshot_summary(registry, dated, now)
    if origin.kind == SourceKind.SAMPLE:
        return SourceSummary(
            f"bundled sample{dated} ({len(registry):,} records)",
            "sample",
            "run without `--registry sample` for the full registry",
            "a sample only",
        )
    if origin.kind == SourceKind.DOWNLOADED:
        age = copy_age_days(registry, now)
        installed = origin.label == INSTALLED_LABEL
        verb = "installed" if installed else "fetched"
        fetched = f", {verb} {_days_ago(age)}" if age is not None else ""
        stale = update_hint(registry, now) is not None
        return SourceSummary(
            f"{'installed' if installed else 'downloaded'} registry{dated}{fetched}",
            f"registry{dated}",
            f"copy {age:,} days old: run `iana-ports update`" if stale and age else "",
            "`iana-ports update`" if stale else "",
        )
    name = visible(registry.source.replace("\\", "/").rsplit("/", 1)[-1]) or "registry"
    kind = f" ({registry.format.upper()})" if registry.format else ""
    prefix = "$IANA_PORTS_REGISTRY: " if origin.kind == SourceKind.ENVIRONMENT else ""
    updated = f" · updated {updated_on}" if updated_on else ""
    return SourceSummary(f"{prefix}{name}{kind}{updated}", name)


def _snapshot_summary(registry: Registry, dated: str, now: float | None) -> SourceSummary:
    """The bundled snapshot: its date and age, whether it replaced an older downloaded copy."""
    age = registry_age_days(registry.updated, now)
    aged = f" ({_days_ago(age)})" if age is not None else ""
    passed = registry.origin.passed_over
    newer = f", newer than your copy of {visible(passed.updated)}" if passed else ""
    stale = update_hint(registry, now) is not None
    return SourceSummary(
        f"bundled snapshot{dated}{aged}{newer}",
        f"snapshot{dated}",
        f"snapshot {age:,} days old: run `iana-ports update`" if stale and age else "",
        "`iana-ports update`" if stale else "",
    )


def fit_line(variants: Sequence[Sequence[Segment]], width: int) -> Text:
    """The first variant (most complete first) that fits `width` cells; else the last, cut.

    Segments are joined with " · ".
    """
    line = Text()
    for variant in variants:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, (piece, style) in enumerate(part for part in variant if part[0]):
            if index:
                line.append(SEPARATOR)
            line.append(piece, style)
        if line.cell_len <= width:
            return line
    line.truncate(max(0, width), overflow="ellipsis")
    return line
