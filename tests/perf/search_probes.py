"""Scripts bench_search.py runs in fresh interpreters (argv: registry path, repository root).

RSS_SCRIPT prints the peak RSS after loading the registry and after indexing it;
PHASES_SCRIPT prints where one `iana-ports search ssh` spends its time, phase by phase.
"""

RSS_SCRIPT = """
import json, resource, sys
sys.path.insert(0, sys.argv[2])
from tui.formats import load_path
registry = load_path(sys.argv[1])
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from tui.search import SearchIndex
index = SearchIndex(registry)
indexed = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # Linux: this process's own high-water mark (ru_maxrss can carry the parent's over exec)
    status = open("/proc/self/status").read()
    hwm = int(status.split("VmHWM:")[1].split()[0])
except (OSError, IndexError, ValueError):
    hwm = -1
print(json.dumps({"loaded_kb": loaded, "indexed_kb": indexed, "hwm_kb": hwm}))
"""

PHASES_SCRIPT = """
import io, json, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[2])
import tui.cli
from tui.sources import load_registry
imported = time.perf_counter()
registry = load_registry(sys.argv[1])
loaded = time.perf_counter()
from tui.search import SearchIndex
index = SearchIndex(registry)
built = time.perf_counter()
hits = index.search("ssh", limit=20)
searched = time.perf_counter()
from rich.console import Console
from tui.render import records_table
Console(file=io.StringIO(), width=100).print(records_table([h.record for h in hits]))
shown = time.perf_counter()
print(json.dumps({
    "import tui.cli (after interpreter start)": (imported - started) * 1000,
    "load the registry (cache warm)": (loaded - imported) * 1000,
    "build the search index": (built - loaded) * 1000,
    "search": (searched - built) * 1000,
    "import Rich and print the table": (shown - searched) * 1000,
}))
"""
