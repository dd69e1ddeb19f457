"""`python -m tui` runs the command line, as `iana-ports` does."""

from tui.cli.command_line import main

raise SystemExit(main())
