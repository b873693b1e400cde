"""Speed and memory of the data layer: the generator at scale and loading the committed data.

Run from the repository root (each measurement runs in its own Python process, so peak memory
is that step's own, imports included):

    .venv/bin/python benchmarks/bench_synth.py                        # 1,000,000 customers
    .venv/bin/python benchmarks/bench_synth.py --customers 200000 --write

Prints a Markdown table to paste into benchmarks/README.md. Peak memory is the process's
maximum resident set size (``resource.getrusage``; Linux and macOS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile

CHILD = r"""
import json, resource, sys, time
step, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
import numpy, pandas
import crmlib.datasets, crmlib.synth
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
rows = 0
if step == "generate":
    tables = crmlib.synth.generate(customers=n)
    rows = sum(len(t) for t in tables.values())
elif step == "generate+write":
    tables = crmlib.synth.generate(customers=n)
    crmlib.synth.write(tables, out, crmlib.synth.TelecomParams(customers=n))
    rows = sum(len(t) for t in tables.values())
elif step == "load":
    tables = crmlib.datasets.load("telecom")
    rows = sum(len(t) for t in tables.values())
elif step == "connect":
    con = crmlib.datasets.connect()
    rows = con.execute("SELECT count(*) FROM billing").fetchone()[0]
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
scale = 1 if sys.platform == "darwin" else 1024   # bytes on macOS, KiB on Linux
print(json.dumps({"seconds": seconds, "peak_mb": peak * scale / 2**20,
                  "imports_mb": base * scale / 2**20, "rows": rows}))
"""


def measure(step: str, customers: int, out: str) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD, step, str(customers), out],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--write", action="store_true", help="also time writing the CSV files")
    parser.add_argument("--repeat", type=int, default=5, help="repeats of the default load")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        steps = [("generate", args.customers)]
        if args.write:
            steps.append(("generate+write", args.customers))
        steps += [("generate", 8000), ("generate+write", 8000)]
        for step, n in steps:
            r = measure(step, n, os.path.join(tmp, f"{step}-{n}"))
            rows.append((f"{step}, {n:,} customers", r))
        loads = [measure("load", 0, tmp) for _ in range(args.repeat)]
        loads.sort(key=lambda r: r["seconds"])
        rows.append((f"load('telecom'), median of {args.repeat}", loads[len(loads) // 2]))
        rows.append(("connect() (load + DuckDB views)", measure("connect", 0, tmp)))
    print(f"Measured {dt.date.today()} on {platform.node() or 'this machine'}: {os.cpu_count()} cores, "
          f"{platform.system()} {platform.machine()}, Python {platform.python_version()}\n")
    print("| step | seconds | peak memory (MB) | of which imports (MB) | rows |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, r in rows:
        print(f"| {name} | {r['seconds']:.2f} | {r['peak_mb']:,.0f} | {r['imports_mb']:,.0f} | {r['rows']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
