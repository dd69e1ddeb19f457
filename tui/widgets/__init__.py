"""The browser's widgets: search bar, results table and its header, detail pane, status line."""

from .detail_pane import DetailPane
from .results_header import ResultsHeader
from .results_table import ResultsTable
from .search_bar import SearchBar
from .status_line import StatusLine

__all__ = ["DetailPane", "ResultsHeader", "ResultsTable", "SearchBar", "StatusLine"]
