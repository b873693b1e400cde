"""Kernel memory and start-up time of each lesson, as a student's kernel sees them.

For each lesson, in a fresh kernel started by nbclient (the kernel of this environment):
* start-up: kernel ready (``kernel_info`` answered) → first code cell done: what a student waits for
  at the start of a lesson after the kernel is up; and, in another fresh kernel, ``import crmlib``;
* memory: every cell is run top to bottom and the kernel's resident memory (RSS, psutil) is read after
  each; the table shows the RSS at the end and the three cells that added the most.

    .venv/bin/python benchmarks/bench_kernel_memory.py            # every lesson in notebooks/
    .venv/bin/python benchmarks/bench_kernel_memory.py --only 04

The lessons run in a temporary copy of notebooks/ (so nothing is written into the repository).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _cpu_s(client) -> float:
    """CPU seconds the kernel process has used (user + system): unlike wall time, not inflated by
    other jobs waiting for the same cores."""
    import psutil

    times = psutil.Process(client.km.provisioner.process.pid).cpu_times()
    return times.user + times.system


def _rss_mb(client) -> float:
    import psutil

    pid = client.km.provisioner.process.pid
    return psutil.Process(pid).memory_info().rss / 2**20


TRIM = ("import ctypes, gc; gc.collect(); ctypes.CDLL('libc.so.6').malloc_trim(0)")


def run_lesson(path: Path, trim: bool = False) -> dict:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    steps = []
    with client.setup_kernel():  # returns once the kernel has answered (it is ready)
        ready = _rss_mb(client)
        first = first_cpu = None
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            start, cpu = time.perf_counter(), _cpu_s(client)
            client.execute_cell(cell, index)
            if first is None:
                first = time.perf_counter() - start
                first_cpu = _cpu_s(client) - cpu
            steps.append((index, _rss_mb(client), cell.source.splitlines()[0][:60] if cell.source else ""))
        final = _rss_mb(client)
        trimmed = None
        if trim:  # diagnosis only: how much of the RSS is heap the lesson freed but glibc kept
            import nbformat as nbf

            nb.cells.append(nbf.v4.new_code_cell(TRIM))
            client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
            trimmed = _rss_mb(client)
    growth = []
    previous = ready
    for index, rss, head in steps:
        growth.append((rss - previous, index, head))
        previous = rss
    growth.sort(reverse=True)
    return {"ready": ready, "final": final, "first_cell": first, "first_cpu": first_cpu, "top": growth[:3], "steps": steps,
            "trimmed": trimmed}


def import_time() -> tuple[float, float]:
    """Seconds for ``import crmlib`` and for ``import crmlib.plots, crmlib.widgets`` in a fresh kernel."""
    from nbclient import NotebookClient
    import nbformat

    cells = ["import time; t0 = time.perf_counter(); import crmlib; t1 = time.perf_counter()",
             "import crmlib.plots, crmlib.widgets; t2 = time.perf_counter()", "print(t1 - t0, t2 - t1)"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    a, b = nb.cells[2].outputs[0]["text"].split()
    return float(a), float(b)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="lessons to run, e.g. '03,04' (default: all)")
    parser.add_argument("--cells", action="store_true", help="also print the RSS after every cell that added ≥ 1 MB")
    parser.add_argument("--trim", action="store_true",
                        help="then run gc.collect() and glibc's malloc_trim(0) in the kernel and print the RSS after "
                             "(diagnosis: heap freed by the lesson but still held by the allocator)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="crmlib-bench-mem-"))
    shutil.copytree(REPO / "notebooks", work / "notebooks")
    lessons = sorted((work / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.only:
        lessons = [p for p in lessons if p.name[:2] in args.only.split(",")]
    crmlib_s, widgets_s = import_time()
    print(f"import crmlib: {crmlib_s * 1000:.0f} ms; then crmlib.plots + crmlib.widgets: {widgets_s * 1000:.0f} ms")
    print(f"{'lesson':28} {'RSS ready':>10} {'RSS end':>9} {'first cell':>11} {'its CPU':>8}   cells adding most (MB)")
    for path in lessons:
        result = run_lesson(path, trim=args.trim)
        top = "; ".join(f"{mb:+.0f} cell {i} ({head})" for mb, i, head in result["top"])
        print(f"{path.stem:28} {result['ready']:8.0f} MB {result['final']:6.0f} MB {result['first_cell']:9.2f} s {result['first_cpu']:6.2f} s   {top}",
              flush=True)
        if result["trimmed"] is not None:
            print(f"    after gc.collect() + malloc_trim(0): {result['trimmed']:.0f} MB "
                  f"({result['trimmed'] - result['final']:+.0f})")
        if args.cells:
            previous = result["ready"]
            for index, rss, head in result["steps"]:
                if rss - previous >= 1:
                    print(f"    cell {index:3}: {rss:6.0f} MB ({rss - previous:+5.0f})  {head}")
                previous = rss
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
