"""`python -m tui` runs the program, as `iana-ports` does."""

from tui.entry import main

raise SystemExit(main())
