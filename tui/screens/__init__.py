"""The browser's screens: contacts, and the help listing every key."""

from .contacts import ContactsScreen
from .help import HelpScreen

__all__ = ["ContactsScreen", "HelpScreen"]
