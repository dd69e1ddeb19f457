"""Issue 13, item 10: a paste typed out key by key (no bracketed paste) neither freezes nor
balloons the browser.

Keystrokes are posted all at once, as the terminal driver posts what it reads; one search
runs at a time and the requests made meanwhile replace each other; the search bar stops at
`MAX_QUERY` characters and says so on its border. Before the fix, 20 KB kept the app at 100%
CPU for over 60 s (every keystroke started a worker and cancelled all the earlier ones), and
100 KB reached 1 GB.
"""

from __future__ import annotations

import os
import time

from app_support import answered, wait_until
from textual import events
from textual.app import App

from tui.app import PortsApp
from tui.registry.sources import load_registry, sample_path
from tui.screens.searching import Searcher, SearchQueue
from tui.search.filters import Filters
from tui.widgets import ResultsTable
from tui.widgets.search_bar import CUT_NOTE, MAX_QUERY, SearchBar

STORM = 20_000
STORM_SECONDS = 60.0
WORDS = ("ssh", "http", "secure", "shell", "port", "tcp", "file", "transfer", "x11", "8080")


def pasted_text(size: int) -> str:
    """`size` characters of words and blanks, as a pasted log or page would hold."""
    text = " ".join(WORDS[index % len(WORDS)] for index in range(size // 3 + 1))
    return text[:size]


def type_out(app: App, text: str) -> None:
    """Post every character as a key event at once, as the driver posts a burst it read."""
    for char in text:
        event = events.Key("space" if char == " " else char, char)
        event.set_sender(app)
        app.post_message(event)


def resident_mb() -> float:
    """This process's resident memory, in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


async def test_a_typed_out_paste_is_searched_a_few_times_and_capped(monkeypatch) -> None:
    searches: list[str] = []
    answer = Searcher.answer

    def counted(self, generation, query, filters, is_cancelled=lambda: False):
        searches.append(query)
        return answer(self, generation, query, filters, is_cancelled)

    monkeypatch.setattr(Searcher, "answer", counted)
    app = PortsApp(load_registry(sample_path()), show_timing=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        bar = app.query_one("#search", SearchBar)
        table = app.query_one("#results", ResultsTable)
        text = pasted_text(STORM)
        memory_before = resident_mb()
        started = time.monotonic()
        type_out(app, text)
        # "home" comes after every character: once the cursor is there, all were handled.
        event = events.Key("home", None)
        event.set_sender(app)
        app.post_message(event)
        await wait_until(
            pilot,
            lambda: bar.value and bar.cursor_position == 0 and table.answered == bar.value,
            "the storm to be answered",
            timeout=STORM_SECONDS,
        )
        seconds = time.monotonic() - started
        assert seconds < STORM_SECONDS
        assert bar.value == text[:MAX_QUERY]
        assert bar.is_cut and bar.border_subtitle == CUT_NOTE
        # Coalesced: a handful of searches for 20,000 keystrokes, the last one the whole query.
        assert len(searches) < 100, len(searches)
        assert searches[-1] == text[:MAX_QUERY]
        assert resident_mb() - memory_before < 150

        # Still responsive: the next key is answered at once, and the note goes.
        started = time.monotonic()
        await pilot.press("end", "backspace")
        await answered(pilot)
        assert time.monotonic() - started < 5
        assert len(bar.value) == MAX_QUERY - 1 and not bar.is_cut
        assert bar.border_subtitle in (None, "")


async def test_a_bracketed_paste_keeps_what_fits() -> None:
    app = PortsApp(load_registry(sample_path()), show_timing=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        bar = app.query_one("#search", SearchBar)
        await pilot.press(*"ssh ")
        bar.post_message(events.Paste(pasted_text(5_000)))
        await wait_until(pilot, lambda: len(bar.value) == MAX_QUERY, "the paste")
        assert bar.value == "ssh " + pasted_text(MAX_QUERY - 4)
        assert bar.is_cut
        await answered(pilot)


async def test_a_query_set_in_code_is_capped_too() -> None:
    app = PortsApp(load_registry(sample_path()), show_timing=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await answered(pilot)
        bar = app.query_one("#search", SearchBar)
        bar.value = "x" * 50_000
        await answered(pilot)
        assert bar.value == "x" * MAX_QUERY and bar.is_cut
        bar.value = "ssh"
        await answered(pilot)
        assert not bar.is_cut


def test_requests_made_while_a_search_runs_replace_each_other() -> None:
    queue = SearchQueue()
    first = queue.request("s", Filters())
    assert first is not None and first.query == "s"
    assert queue.request("ss", Filters()) is None  # waits behind the running one
    assert queue.request("ssh", Filters()) is None  # and replaces "ss"
    assert queue.is_stale(first.generation)
    following = queue.finished()
    assert following is not None and following.query == "ssh"
    assert not queue.is_stale(following.generation)
    assert queue.finished() is None and not queue.running
    assert queue.request("ftp", Filters()) is not None  # idle again: starts at once
