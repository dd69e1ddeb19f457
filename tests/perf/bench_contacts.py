"""The contacts screen on IANA's 5,615 contacts: search per keystroke and filling the list.

Run it as a script (pytest does not collect tests/perf):

    python tests/perf/bench_contacts.py [--runs N] [--registry PATH]

Three tables, each with a baseline measured in the same run:

1. search per keystroke: `ContactIndex.search` (index built once) against the naive way
   (each call rebuilds every contact's text and scores it with rapidfuzz `partial_ratio`),
   over every prefix of a few typed queries; median and p95 in ms, and the ratio;
2. filling a list with every contact: `ContactList.show` against the stock `DataTable`
   (`add_rows`) and `OptionList` (`add_options`), each until its first frame is drawn;
3. in a running app at 160x45: a key sent to the search bar until the list answers that query
   (`ContactList.answered == Input.value`), p50/p95 against the same key in a bare Input (Pilot's
   own waits for idle left out: keys are posted as the terminal driver posts them).

Targets: keystroke-to-answer p95 <= 50 ms; exit code 1 when missed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from rapidfuzz import fuzz, process, utils  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable, Input, OptionList  # noqa: E402

from tui.registry.formats import load_path  # noqa: E402
from tui.registry.model import Contact, Registry  # noqa: E402
from tui.screens import ContactsScreen  # noqa: E402
from tui.search.contacts import ContactIndex, contact_haystack  # noqa: E402
from tui.widgets.contact_list import ContactList  # noqa: E402

DEFAULT_REGISTRY = REPO.parent / "shared" / "data" / "service-names-port-numbers.xml"
TYPED = ["jon postle", "microsft", "croft@sumex", "ietf chair", "stanford"]
KEYSTROKE_TARGET_MS = 50.0
SIZE = (160, 45)


def naive_search(registry: Registry, query: str) -> list[Contact]:
    """The baseline: rebuild every haystack per call, then substring or partial_ratio."""
    contacts = list(registry.contacts.values())
    needle = utils.default_process(query)
    if not needle:
        return sorted(contacts, key=lambda c: c.id.lower())
    haystacks = [utils.default_process(contact_haystack(c)) for c in contacts]
    exact = [c for c, text in zip(contacts, haystacks, strict=True) if needle in text]
    if exact:
        return exact
    found = process.extract(
        needle, haystacks, scorer=fuzz.partial_ratio, processor=None, score_cutoff=80, limit=None
    )
    return [contacts[index] for _, _, index in found]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def time_calls(call: Callable[[str], object], queries: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        for query in queries:
            start = time.perf_counter()
            call(query)
            times.append((time.perf_counter() - start) * 1000)
    return times


def bench_search(registry: Registry, runs: int) -> None:
    start = time.perf_counter()
    index = ContactIndex(registry)
    build_ms = (time.perf_counter() - start) * 1000
    prefixes = [typed[:n] for typed in TYPED for n in range(1, len(typed) + 1)]
    ours = time_calls(index.search, prefixes, runs)
    naive = time_calls(lambda q: naive_search(registry, q), prefixes, runs)
    print(f"\n1. search per keystroke: {len(prefixes)} prefixes x {runs} runs")
    print(f"   index built once in {build_ms:.1f} ms ({len(index):,} contacts)")
    print(f"   {'':28} {'median ms':>10} {'p95 ms':>8} {'vs naive':>9}")
    for name, times in (("ContactIndex.search", ours), ("naive (baseline)", naive)):
        ratio = statistics.median(times) / statistics.median(naive)
        print(
            f"   {name:28} {statistics.median(times):10.2f} "
            f"{percentile(times, 0.95):8.2f} {ratio:8.2f}x"
        )


class FillHost(App[None]):
    """An app with one list widget, filled with every contact on mount."""

    def __init__(self, kind: str, contacts: list[Contact]) -> None:
        super().__init__()
        self.kind = kind
        self.contacts = contacts

    def compose(self) -> ComposeResult:
        if self.kind == "ContactList":
            yield ContactList()
        elif self.kind == "DataTable":
            yield DataTable()
        else:
            yield OptionList()

    def fill(self) -> None:
        if self.kind == "ContactList":
            self.query_one(ContactList).show(self.contacts, "")
        elif self.kind == "DataTable":
            table = self.query_one(DataTable)
            table.add_columns("Name", "Organization", "E-mail")
            table.add_rows([(c.display_name, c.organization, c.email) for c in self.contacts])
        else:
            self.query_one(OptionList).add_options(c.display_name for c in self.contacts)


async def time_fill(kind: str, contacts: list[Contact]) -> float:
    """Milliseconds from filling the widget until its first frame with the rows is drawn."""
    app = FillHost(kind, contacts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.fill()
        await pilot.pause()  # let the layout and the first frame happen
        app.screen._compositor.render_strips()
        return (time.perf_counter() - start) * 1000


def bench_fill(registry: Registry, runs: int) -> None:
    contacts = ContactIndex(registry).contacts
    print(f"\n2. filling a list with {len(contacts):,} contacts, to the first frame (median)")
    results = {
        kind: statistics.median(asyncio.run(time_fill(kind, contacts)) for _ in range(runs))
        for kind in ("DataTable", "OptionList", "ContactList")
    }
    for kind, ms in results.items():
        print(f"   {kind:28} {ms:10.1f} ms {ms / results['DataTable']:8.3f}x of DataTable")


class ScreenHost(App[None]):
    """A plain app with an Input; the contacts screen is pushed over it when asked."""

    def compose(self) -> ComposeResult:
        yield Input(id="plain")


async def until(condition: Callable[[], bool]) -> None:
    """Let the app run until `condition()` holds (polling each millisecond)."""
    while not condition():
        await asyncio.sleep(0.001)


async def press(app: App, char: str) -> None:
    """Send one key the way the terminal driver does, without Pilot's waits for idle."""
    event = events.Key(char, char)
    event.set_sender(app)
    app.post_message(event)


async def keystrokes(registry: Registry | None, typed: list[str]) -> tuple[list[float], float]:
    """Per-key milliseconds until answered, and screen-open-to-full-list milliseconds."""
    app = ScreenHost()
    times: list[float] = []
    opened = 0.0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if registry is not None:
            start = time.perf_counter()
            app.push_screen(ContactsScreen(registry))
            await until(
                lambda: (
                    bool(app.screen.query(ContactList))
                    and bool(app.screen.query_one(ContactList).contacts)
                )
            )
            opened = (time.perf_counter() - start) * 1000
        search = app.screen.query_one(Input)
        search.focus()
        await pilot.pause()
        for text in typed:
            search.value = ""
            if registry is not None:
                contact_list = app.screen.query_one(ContactList)
                await until(lambda: contact_list.answered == "")  # noqa: B023
            for typed_so_far in (text[: n + 1] for n in range(len(text))):
                start = time.perf_counter()
                await press(app, typed_so_far[-1])
                await until(lambda: search.value == typed_so_far)  # noqa: B023
                if registry is not None:
                    await until(lambda: contact_list.answered == typed_so_far)  # noqa: B023
                times.append((time.perf_counter() - start) * 1000)
    return times, opened


def bench_keystrokes(registry: Registry) -> bool:
    ours, opened = asyncio.run(keystrokes(registry, TYPED))
    bare, _ = asyncio.run(keystrokes(None, TYPED))
    p95 = percentile(ours, 0.95)
    print(
        f"\n3. Textual at {SIZE[0]}x{SIZE[1]}: key sent until the list answers ({len(ours)} keys)"
    )
    print(f"   screen pushed to a full list: {opened:.1f} ms (contact index built on the way)")
    print(f"   {'':28} {'p50 ms':>10} {'p95 ms':>8}")
    for name, times in (("ContactsScreen", ours), ("bare Input (baseline)", bare)):
        print(f"   {name:28} {percentile(times, 0.5):10.1f} {percentile(times, 0.95):8.1f}")
    print(f"   p95 ratio to the bare Input: {p95 / percentile(bare, 0.95):.2f}x")
    met = p95 <= KEYSTROKE_TARGET_MS
    print(f"   target p95 <= {KEYSTROKE_TARGET_MS:.0f} ms: {'met' if met else 'MISSED'}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    args = parser.parse_args()
    if not args.registry.exists():
        print(f"registry not found: {args.registry}", file=sys.stderr)
        return 2
    registry = load_path(args.registry)
    print(
        f"{args.registry.name}: {len(registry.records):,} records, "
        f"{len(registry.contacts):,} contacts"
    )
    bench_search(registry, args.runs)
    bench_fill(registry, max(1, args.runs // 2))
    return 0 if bench_keystrokes(registry) else 1


if __name__ == "__main__":
    sys.exit(main())
