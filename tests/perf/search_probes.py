"""Scripts bench_search.py runs in fresh interpreters (argv: registry path, repository root).

RSS_SCRIPT prints the peak RSS after loading the registry and after indexing it;
PHASES_SCRIPT prints where one `iana-ports search ssh` spends its time, phase by phase, going
the way `tui.cli.command_line` goes (the same imports, the collector held off for the command);
RICH_FLOOR_SCRIPT only imports Rich and prints a 20-row table: the least any command printing
a Rich table costs.
"""

RSS_SCRIPT = """
import json, resource, sys
sys.path.insert(0, sys.argv[2])
from tui.registry.formats import load_path
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
import gc, io, json, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[2])
from tui.cli import command_line as cli
imported = time.perf_counter()
args = cli.build_parser().parse_args(["search", "ssh", "--registry", sys.argv[1]])
parsed = time.perf_counter()
gc.disable()
from tui.registry.sources import load_registry
registry = load_registry(args.registry)
loaded = time.perf_counter()
from tui.search import SearchIndex
index = SearchIndex(registry)
built = time.perf_counter()
hits = index.search("ssh", limit=20)
notice = index.port_notice("ssh")
searched = time.perf_counter()
from tui.cli.render import records_table
from tui.cli.output import console as cli_console
rendered_import = time.perf_counter()
console = cli_console()
console.file = io.StringIO()
console.print(records_table([h.record for h in hits]))
shown = time.perf_counter()
del hits, index, registry
freed = time.perf_counter()
gc.enable()
print(json.dumps({
    "import tui.cli.command_line (argparse, the model)": (imported - started) * 1000,
    "build the argument parser, parse": (parsed - imported) * 1000,
    "load the registry (cache warm)": (loaded - parsed) * 1000,
    "the search index (cache warm: read back)": (built - loaded) * 1000,
    "search": (searched - built) * 1000,
    "import Rich (tui.cli.render)": (rendered_import - searched) * 1000,
    "print the table": (shown - rendered_import) * 1000,
    "free the registry and index": (freed - shown) * 1000,
}))
"""

RICH_FLOOR_SCRIPT = """
from rich import box
from rich.console import Console
from rich.table import Table
table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
for name in ("Port", "Proto", "Service", "Description", "Assignee"):
    table.add_column(name, overflow="fold")
for port in range(20):
    table.add_row(str(port), "tcp", f"service-{port}", "A service described in a few words",
                  "[Someone]")
Console(highlight=False, soft_wrap=False, emoji=False).print(table)
"""
