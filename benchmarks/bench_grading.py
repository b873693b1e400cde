"""Batch grading of a class: total time, the overhead over executing the notebooks, and the sandbox's cost.

Run from the repository root:

    .venv/bin/python benchmarks/bench_grading.py                 # 100 submissions, jobs = CPU cores
    .venv/bin/python benchmarks/bench_grading.py --n 20 --jobs 2

The class is ``--n`` copies of the exercise cells of ``notebooks/00_start_here.ipynb`` (a quarter
right, a quarter wrong, a quarter blank, a quarter half-done), one folder per student. Three runs
over the same files, with the same number of notebooks at once:

1. baseline: each notebook executed by ``nbclient`` (``NotebookClient.async_execute``, a fresh
   kernel each, outputs kept in memory as nbclient does), nothing else;
2. ``grade_folder(..., unsafe_no_sandbox=True)``: the grader as it was before issue 15 (plain
   kernels), with discovery, checksums, the answers brought back as data, judged, reports written;
3. ``grade_folder(...)``: the same in bubblewrap sandboxes (the default; skipped, with a note,
   where no sandbox can be made).

The class is split into chunks of ``--chunk`` students (default 10) and the runs alternate chunk
by chunk (baseline, plain, sandbox, baseline, ...), so that other load on the machine falls on all
alike; the times are summed. Grading chunk by chunk repeats the per-run work (discovery,
answer keys, reports) once per chunk, so the overhead measured is, if anything, too high.
Prints a Markdown table for benchmarks/README.md. ``--starts K`` also times K one-cell notebooks
(``x = 1``) through ``run_cells``, plain and sandboxed in turn: the cost of the sandbox alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_class(folder: Path, n: int, first: int = 0) -> list[Path]:
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    cells = [c for c in cells if any(k in c for k in ("crmlib.exercises", "load(", "= ___", "ex."))]
    variants = [("1000 * 0.8 ** 2", '"a"'), ("600", '"b"'), (None, None), ("640", None)]
    paths = []
    for i in range(first, first + n):
        q1, q2 = variants[i % 4]
        sources = []
        for c in cells:
            if q1:
                c = c.replace("remaining_after_2_years = ___", f"remaining_after_2_years = {q1}")
            if q2:
                c = c.replace("costs_more = ___", f"costs_more = {q2}")
            sources.append(c)
        doc = {"cells": [{"cell_type": "code", "execution_count": None, "id": f"cell-{j}", "metadata": {},
                          "outputs": [], "source": s} for j, s in enumerate(sources)],
               "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
               "nbformat": 4, "nbformat_minor": 5}
        path = folder / f"student{i:03d}" / "00_start_here.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    return paths


async def _execute_all(paths: list[Path], jobs: int) -> None:
    import nbformat
    from nbclient import NotebookClient

    gate = asyncio.Semaphore(jobs)

    async def one(path: Path) -> None:
        async with gate:
            nb = nbformat.read(path, as_version=4)
            with tempfile.TemporaryDirectory() as work:
                client = NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3",
                                        resources={"metadata": {"path": work}})
                await client.async_execute()

    await asyncio.gather(*(one(p) for p in paths))


def baseline(paths: list[Path], jobs: int) -> float:
    started = time.perf_counter()
    asyncio.run(_execute_all(paths, jobs))
    return time.perf_counter() - started


def grading(folder: Path, jobs: int, sandbox: bool) -> tuple[float, dict[str, int]]:
    from crmlib.grading.batch import grade_folder, summary

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        graded = grade_folder(folder, out, jobs=jobs, progress=None, unsafe_no_sandbox=not sandbox)
        return time.perf_counter() - started, summary(graded)


def starts(k: int) -> tuple[list[float], list[float]]:
    """Seconds of ``run_cells`` on a one-cell notebook, plain and in the sandbox, ``k`` times each in turn."""
    from crmlib.grading.run import Plan, run_cells, run_sync
    from crmlib.grading.sandbox import Sandbox

    plan = Plan(values=["x"], functions={})
    plain, boxed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(k):
            for box, times in ((None, plain), (Sandbox(kit=ROOT), boxed)):
                work = Path(tmp) / f"{i}-{len(times)}-{box is None}"
                work.mkdir()
                out = run_sync(run_cells(["x = 1"], plan, work, sandbox=box))
                assert out.values["x"] == {"value": 1}, out
                times.append(out.seconds)
    return plain, boxed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk", type=int, default=10)
    parser.add_argument("--starts", type=int, default=0, help="also time K one-cell notebooks, plain and sandboxed")
    args = parser.parse_args()
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    from crmlib.grading.sandbox import sandbox_works

    problem = sandbox_works()
    if problem:
        print(f"no sandbox here ({problem}): measuring without it only", file=sys.stderr)
    b = p = g = 0.0
    counts: dict[str, dict[str, int]] = {"plain": {}, "sandbox": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for first in range(0, args.n, args.chunk):
            folder = Path(tmp) / f"chunk{first:04d}"
            folder.mkdir()
            paths = build_class(folder, min(args.chunk, args.n - first), first)
            one_b = baseline(paths, args.jobs)
            one_p, plain_counts = grading(folder, args.jobs, sandbox=False)
            one_g, box_counts = grading(folder, args.jobs, sandbox=True) if not problem else (float("nan"), {})
            b, p, g = b + one_b, p + one_p, g + one_g
            for name, chunk_counts in (("plain", plain_counts), ("sandbox", box_counts)):
                for key, value in chunk_counts.items():
                    counts[name][key] = counts[name].get(key, 0) + value
            print(f"students {first}-{first + len(paths) - 1}: execute {one_b:.1f} s, grade {one_p:.1f} s, "
                  f"grade in sandbox {one_g:.1f} s", file=sys.stderr)
    n = args.n
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("| submissions | jobs | execute only (nbclient) | grade_folder, no sandbox | grade_folder, sandbox | "
          "per submission (execute / plain / sandbox) | sandbox vs plain | sandbox vs execute |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {n} | {args.jobs} | {b:.1f} s | {p:.1f} s | {g:.1f} s | {b / n:.2f} / {p / n:.2f} / {g / n:.2f} s | "
          f"{(g - p) / n:+.2f} s ({100 * (g - p) / p:+.1f} %) | {100 * (g - b) / b:+.1f} % |")
    print(f"\nstatuses: {counts}; chunks of {args.chunk}; Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average at the end {load:.1f}")
    if args.starts and not problem:
        import statistics

        plain, boxed = starts(args.starts)
        print(f"\none-cell notebook, {args.starts} runs each: plain median {statistics.median(plain):.2f} s, "
              f"sandbox median {statistics.median(boxed):.2f} s "
              f"(difference {statistics.median(boxed) - statistics.median(plain):+.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
