"""The browser's widgets: search bar, results table and its header, detail pane, status line."""

from tui.widgets.detail_pane import DetailPane
from tui.widgets.results_header import ResultsHeader
from tui.widgets.results_table import ResultsTable
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine

__all__ = ["DetailPane", "ResultsHeader", "ResultsTable", "SearchBar", "StatusLine"]
