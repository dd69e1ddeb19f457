"""`python -m tui` runs the command line, as `iana-ports` does."""

from .cli import main

raise SystemExit(main())
