"""The browser's remembered settings and search history, kept between runs.

Settings (theme, pinned sort, filters) live in the platformdirs user config dir as
`settings.json`; the last queries in the user state dir as `history.json`. Both files are
hints: a missing one means the defaults, a damaged or unwritable one is ignored and the
problem returned as one line for the browser to show, never raised. Writes replace the file
atomically. No interface imports: the browser turns these plain values into its own state.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tui.registry.userdata import APP_NAME, write_atomically

SETTINGS_NAME = "settings.json"
HISTORY_NAME = "history.json"
HISTORY_SIZE = 100
"""Queries remembered at most (the oldest are forgotten first)."""
LONGEST_QUERY = 1000
"""Longer queries (a paste) are not worth remembering."""


def settings_path() -> Path:
    """Where the settings live (respects XDG_CONFIG_HOME); not created here."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / SETTINGS_NAME


def history_path() -> Path:
    """Where the search history lives (respects XDG_STATE_HOME); not created here."""
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False) / HISTORY_NAME


@dataclass
class Settings:
    """What the browser remembers between runs; the defaults are a first start's."""

    theme: str = ""
    """The Textual theme's name ("" for the app's default)."""
    sort_column: str | None = None
    """The pinned sort's column key (None: relevance); used only when `sort_pinned`."""
    sort_reverse: bool = False
    sort_pinned: bool = False
    hidden_protocols: list[str] = field(default_factory=list)
    port_class: str | None = None
    hide_unassigned: bool = False


_KINDS: dict[str, tuple[type, ...]] = {
    "theme": (str,),
    "sort_column": (str, type(None)),
    "sort_reverse": (bool,),
    "sort_pinned": (bool,),
    "hidden_protocols": (list,),
    "port_class": (str, type(None)),
    "hide_unassigned": (bool,),
}


def settings_from_json(raw: Any) -> tuple[Settings, bool]:
    """Settings from decoded JSON, and whether all of it made sense.

    A value of the wrong type keeps that setting's default; unknown keys are ignored (a newer
    version may have written them).
    """
    settings = Settings()
    if not isinstance(raw, dict):
        return settings, False
    sound = True
    for item in fields(Settings):
        if item.name not in raw:
            continue
        value = raw[item.name]
        if not isinstance(value, _KINDS[item.name]):
            sound = False
            continue
        if isinstance(value, list):
            words = [word for word in value if isinstance(word, str)]
            sound = sound and len(words) == len(value)
            value = list(dict.fromkeys(words))
        setattr(settings, item.name, value)
    return settings, sound


def read_settings(path: Path | None = None) -> tuple[Settings, str]:
    """The remembered settings, and a one-line problem ("" when none).

    A missing file is no problem; an unreadable or damaged one gives the defaults (or the
    part that made sense) and says so.
    """
    path = path or settings_path()
    raw, problem = _read_json(path)
    if raw is None:
        return Settings(), problem
    settings, sound = settings_from_json(raw)
    if not sound:
        return settings, f"Some settings in {path} were not understood and were ignored."
    return settings, ""


def write_settings(settings: Settings, path: Path | None = None) -> str:
    """Remember `settings`; returns a one-line problem ("" when written)."""
    path = path or settings_path()
    return _write_json(path, asdict(settings))


def read_history(path: Path | None = None) -> tuple[list[str], str]:
    """The remembered queries, oldest first, and a one-line problem ("" when none)."""
    path = path or history_path()
    raw, problem = _read_json(path)
    if raw is None:
        return [], problem
    if not isinstance(raw, list):
        return [], f"The search history in {path} was not understood and was ignored."
    queries = [query for query in raw if isinstance(query, str) and query.strip()]
    return queries[-HISTORY_SIZE:], ""


def write_history(queries: list[str], path: Path | None = None) -> str:
    """Remember `queries` (oldest first); returns a one-line problem ("" when written)."""
    path = path or history_path()
    return _write_json(path, queries[-HISTORY_SIZE:])


def remember(queries: list[str], query: str) -> list[str]:
    """`queries` with `query` as the newest (moved there if it was older); blanks ignored."""
    query = query.strip()
    if not query or len(query) > LONGEST_QUERY:
        return queries
    return [*(old for old in queries if old != query), query][-HISTORY_SIZE:]


def _read_json(path: Path) -> tuple[Any, str]:
    """Decoded JSON (None when absent or unreadable) and a one-line problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, ""
    except (OSError, UnicodeDecodeError) as error:
        return None, f"Could not read {path}: {_reason(error)}; it was ignored."
    try:
        return json.loads(text), ""
    except (ValueError, RecursionError):
        return None, f"{path} is not valid JSON; it was ignored."


def _write_json(path: Path, value: Any) -> str:
    data = json.dumps(value, indent=1, ensure_ascii=False).encode("utf-8")
    try:
        write_atomically(path, data + b"\n")
    except OSError as error:
        return f"Could not save {path}: {_reason(error)}."
    return ""


def _reason(error: OSError | UnicodeDecodeError) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return "not UTF-8 text"
