"""Whether a link can be opened in a web browser from this terminal, or should be copied instead.

Python's `webbrowser` falls back to console browsers (lynx, w3m, links...) when no graphical
one is reachable, and runs them in the terminal the browser's interface is drawn on, which
wrecks the screen; over SSH there is no local browser at all. On Linux and the BSDs a
graphical browser needs a display (X11 or Wayland), unless the user named one in `$BROWSER`.
No interface imports.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")


def browser_reachable(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """True when opening a URL should start a browser beside the terminal, not inside it."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "darwin" or platform.startswith(("win", "cygwin")):
        return True
    return any(environ.get(name, "").strip() for name in DISPLAY_VARIABLES)
