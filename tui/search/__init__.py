"""Search over a registry: the query language, the index, matching, ranking and the contacts index.

No Rich and no Textual here. `SearchIndex(registry).search(query, limit)` answers a query.
"""

from tui.search.index import Hit, QueryError, SearchIndex

__all__ = ["Hit", "QueryError", "SearchIndex"]
