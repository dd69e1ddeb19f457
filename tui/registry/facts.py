"""What `iana-ports info` reports about the registry in use, as plain data (no Rich).

`info_facts` gathers the facts once; the command line renders them as text or prints them as
JSON (`info --format json`), so both say the same. No interface imports.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from tui.registry.model import Registry
from tui.registry.origin import Origin, SourceKind
from tui.registry.sources import (
    copy_age_days,
    newer_snapshot_notice,
    registry_age_days,
    update_hint,
)


def _local_time(seconds: float) -> str | None:
    """A POSIX time as local "YYYY-MM-DD HH:MM"; None when it is out of any calendar's range."""
    try:
        return _dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")
    except (OverflowError, OSError, ValueError):
        return None


def info_facts(registry: Registry, now: float | None = None) -> dict[str, Any]:
    """Every fact `info` states, as JSON-ready values.

    Keys: source (the kind: explicit, environment, downloaded, bundled, sample, parsed),
    source_label, file, format, records, contacts, skipped, updated (the registry's own date,
    None when it has none), registry_age_days, content_hash, copy (when the copy was last
    known current: time, age_days, how; None when unknown), obtained (for a downloaded copy:
    {"how": "downloaded"|"installed", "from": URL or FILE}, else None), passed_over (the older
    downloaded copy the bundled snapshot was preferred to: path and updated; else None),
    notices (sentences worth reading) and hint (the advice to run `iana-ports update`, or None).
    """
    origin = registry.origin
    copy: dict[str, Any] | None = None
    age = copy_age_days(registry, now)
    if origin.copy_time is not None and age is not None:
        local = _local_time(origin.copy_time)
        if local is not None:
            copy = {
                "time": origin.copy_time,
                "local_time": local,
                "age_days": age,
                "how": _copy_how(origin),
            }
    obtained: dict[str, str] | None = None
    if origin.fetched_from:
        obtained = {"how": "downloaded", "from": origin.fetched_from}
    elif origin.installed_from:
        obtained = {"how": "installed", "from": origin.installed_from}
    notices = [
        notice for notice in (newer_snapshot_notice(registry), origin.meta_problem) if notice
    ]
    passed = origin.passed_over
    return {
        "source": origin.kind.value,
        "source_label": origin.label,
        "file": origin.path or registry.source,
        "format": registry.format,
        "records": len(registry.records),
        "contacts": len(registry.contacts),
        "skipped": registry.skipped,
        "updated": registry.updated or None,
        "registry_age_days": registry_age_days(registry.updated, now),
        "content_hash": origin.content_hash or None,
        "copy": copy,
        "obtained": obtained,
        "passed_over": {"path": passed.path, "updated": passed.updated} if passed else None,
        "notices": notices,
        "hint": update_hint(registry, now),
    }


def _copy_how(origin: Origin) -> str:
    """How the copy's time came about: fetched (or checked) by `update`, installed from a
    file by `update --from`, or the file's own modification time."""
    if origin.kind != SourceKind.DOWNLOADED:
        return "file modified"
    return "installed" if origin.installed_from and not origin.fetched_from else "fetched"
