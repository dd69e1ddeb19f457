"""Where the app's stylesheets live, installed or in a checkout.

The wheel ships the repository's `styles/` folder as `tui/styles/` (hatch force-include);
an editable checkout has no `tui/styles/`, so the repository's own `styles/` is used instead.
Screens and the app name their stylesheet through `stylesheet("name.tcss")` in `CSS_PATH`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "styles", _PACKAGE_DIR.parent / "styles")


def styles_dir() -> Path:
    """The folder holding the .tcss files: the installed copy first, else the checkout's."""
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    return _CANDIDATES[0]


def stylesheet(name: str) -> str:
    """The absolute path of stylesheet `name` (e.g. "contacts.tcss"), as a string for CSS_PATH."""
    return str(styles_dir() / name)
