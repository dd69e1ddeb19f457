"""The registry meets the machine: listening sockets, and port numbers in any text.

No Textual, no Rich: the command line (`here`, `annotate`) and the browser's "This machine"
screen both build on these. It sits above `tui.search` and `tui.registry` in the layers because
it talks to the operating system (psutil) and reads the user's text, which neither should do.
"""

from tui.machine.annotate import AnnotateOptions, Annotator, label_text
from tui.machine.answers import PortAnswer, PortBook
from tui.machine.listening import Listener, Listing, listening_sockets

__all__ = [
    "AnnotateOptions",
    "Annotator",
    "Listener",
    "Listing",
    "PortAnswer",
    "PortBook",
    "label_text",
    "listening_sockets",
]
