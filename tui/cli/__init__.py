"""The `iana-ports` command line: argparse, the sub-commands and their Rich output. No Textual."""

from tui.cli.command_line import main

__all__ = ["main"]
