"""Batch grading of a class: total time, and the overhead over simply executing the notebooks.

Run from the repository root:

    .venv/bin/python benchmarks/bench_grading.py                 # 100 submissions, jobs = CPU cores
    .venv/bin/python benchmarks/bench_grading.py --n 20 --jobs 2

The class is ``--n`` copies of the exercise cells of ``notebooks/00_start_here.ipynb`` (a quarter
right, a quarter wrong, a quarter blank, a quarter half-done), one folder per student. Two runs
over the same files, with the same number of notebooks at once:

1. baseline: each notebook executed by ``nbclient`` (``NotebookClient.async_execute``, a fresh
   kernel each, outputs kept in memory as nbclient does), nothing else;
2. ``crmlib.grading.grade_folder``: discovery, checksums, a fresh kernel per notebook, the answers
   brought back as data, judged, gradebook and feedback written.

The class is split into chunks of ``--chunk`` students (default 10) and the two runs alternate
chunk by chunk (baseline, grade, baseline, grade, ...), so that other load on the machine falls on
both alike; the times are summed. Grading chunk by chunk repeats the per-run work (discovery,
answer keys, reports) once per chunk, so the overhead measured is, if anything, too high.
Prints a Markdown table for benchmarks/README.md.
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


def grading(folder: Path, jobs: int) -> tuple[float, dict[str, int]]:
    from crmlib.grading.batch import grade_folder, summary

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        graded = grade_folder(folder, out, jobs=jobs, progress=None)
        return time.perf_counter() - started, summary(graded)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    base_total = grade_total = 0.0
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for first in range(0, args.n, args.chunk):
            folder = Path(tmp) / f"chunk{first:04d}"
            folder.mkdir()
            paths = build_class(folder, min(args.chunk, args.n - first), first)
            b = baseline(paths, args.jobs)
            g, chunk_counts = grading(folder, args.jobs)
            base_total, grade_total = base_total + b, grade_total + g
            for key, value in chunk_counts.items():
                counts[key] = counts.get(key, 0) + value
            print(f"students {first}-{first + len(paths) - 1}: execute {b:.1f} s, grade {g:.1f} s", file=sys.stderr)
    b, g = base_total, grade_total
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("| submissions | jobs | execute only (nbclient) | grade_folder | per submission (execute → grade) | overhead |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {args.n} | {args.jobs} | {b:.1f} s | {g:.1f} s | {b / args.n:.2f} s → {g / args.n:.2f} s | "
          f"{100 * (g - b) / b:+.1f} % |")
    print(f"\nstatuses: {counts}; chunks of {args.chunk}; Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average at the end {load:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
