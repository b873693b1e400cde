"""Speed of lesson 03's portfolio pipeline and of its three widgets' recompute.

Targets (issue 6): the pipeline — CLV (current and potential value) + the current × potential
matrix + RFM + the whale curve — on 1,000,000 generated customers in ≤ 1 s on one core; each
widget's recompute at 100,000 customers ≤ 50 ms.

Run from the repository root:

    .venv/bin/python benchmarks/bench_portfolio.py                    # 1,000,000 customers, 7 runs
    .venv/bin/python benchmarks/bench_portfolio.py --customers 200000 --runs 5

What is timed, and what is not:

1. *Data layer (not timed as the pipeline):* ``crmlib.synth.generate`` makes Skyline Telecom with
   ``--customers`` customers (seeded). Its bills, top-ups and cost-to-serve rows are summed to
   one row per customer for the last year (2025) with plain pandas: revenue, network cost, data
   used, the activity units of ``costtoserve.activity_units`` and the wallet size of business
   accounts. The result is cached (``--cache``, default a folder under the system temp dir) so
   later runs skip the generator. The aggregation time is printed too.
2. *Pipeline (timed):* on the one-row-per-customer table of all customers, ``abc_profit`` (ABC cost
   to serve and profit), ``whale_summary`` + ``whale_curve`` (400 points), ``largest_unprofitable``,
   ``current_value`` (retention CLV of the profit) and ``potential_value`` (wallet not yet won),
   ``threshold_for_share`` + ``value_matrix`` + ``cell_summary``, and RFM from the raw top-up log
   (``rfm_table`` + ``rfm_scores`` + ``rfm_segments`` + ``segment_summary``).
3. *Widgets (timed):* each app is built on 100,000 customers (a seeded sample of the same table),
   then one control is moved repeatedly. "Recompute" is the analysis an update runs (what the
   numbers need); "update" is the whole callback, including drawing the chart to PNG. The pipeline
   runs on one core (BLAS limited to one thread, one process).

Prints the figures as Markdown (median and fastest of ``--runs``) to paste into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crmlib import clv, costtoserve, portfolio, rfm  # noqa: E402

YEAR = 2025
RETENTION = {"individual_postpaid": 0.80, "individual_prepaid": 0.70, "sme": 0.85, "enterprise": 0.97,
             "government": 0.98}


def build(customers: int, cache: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, float], float]:
    """(one row per customer, activity units, the top-up log, driver rates, seconds spent aggregating)."""
    from crmlib import synth

    folder = cache / f"portfolio-{customers}"
    files = [folder / name for name in ("customers.pkl", "units.pkl", "topups.pkl", "rates.pkl")]
    if all(f.exists() for f in files):
        table, units, topups, rates = (pd.read_pickle(f) for f in files)
        return table, units, topups, rates, float("nan")
    print(f"generating {customers:,} customers with crmlib.synth (one-off, cached in {folder}) ...", file=sys.stderr)
    started = time.perf_counter()
    tables = synth.generate(customers=customers)
    print(f"  generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    people = tables["customers"][["customer_id", "segment"]].copy()
    bills = tables["billing"]
    bills = bills[bills["month"].dt.year == YEAR]
    sums = bills.groupby("customer_id", observed=True)[["revenue_cny", "network_cost_cny", "data_gb"]].sum()
    table = people.set_index("customer_id").join(sums).fillna(0.0)
    wallet = tables["business_accounts"].set_index("customer_id")["wallet_size_cny_per_year"]
    table["wallet_cny"] = wallet.reindex(table.index).fillna(table["revenue_cny"]).to_numpy()
    table = table.reset_index()
    usage = tables["cost_to_serve"]
    units = costtoserve.activity_units(usage[usage["year"] == YEAR], customers=table["customer_id"],
                                       activities=list(tables["activity_costs"]["activity"].astype(str)))
    rates = costtoserve.driver_rates(tables["activity_costs"])
    topups = tables["topups"][["customer_id", "topup_date", "amount_cny"]]
    seconds = time.perf_counter() - started
    folder.mkdir(parents=True, exist_ok=True)
    for obj, f in zip((table, units, topups, rates), files):
        pd.to_pickle(obj, f)
    return table, units, topups, rates, seconds


def pipeline(table: pd.DataFrame, units: pd.DataFrame, recency: pd.DataFrame, rates: dict[str, float]) -> dict:
    """Lesson 03's analysis of every customer: ABC profit, whale curve, CLV, value matrix, RFM scores."""
    profit = costtoserve.abc_profit(table, units, rates)
    whale = costtoserve.whale_summary(profit["profit"])
    curve = costtoserve.whale_curve(profit["profit"], points=400)
    largest = costtoserve.largest_unprofitable(profit, top=10)
    segment = table["segment"].cat
    retention = np.array([RETENTION[str(c)] for c in segment.categories])[segment.codes.to_numpy()]
    frame = table.assign(profit=profit["profit"].to_numpy(), margin=profit["margin"].to_numpy())
    frame["current_value"] = clv.current_value(frame["profit"], retention, 0.10).to_numpy()
    frame["potential_value"] = clv.potential_value(frame, wallet="wallet_cny", revenue="revenue_cny", margin="margin",
                                                   capture=0.25, retention_rate=retention, discount_rate=0.10).to_numpy()
    current = portfolio.threshold_for_share(frame, 0.25, "current_value")
    potential = portfolio.threshold_for_share(frame, 0.10, "potential_value")
    cells = portfolio.value_matrix(frame, current_threshold=current, potential_threshold=potential)
    matrix = portfolio.cell_summary(frame, cells, ["current_value", "profit"])
    scores = rfm.rfm_scores(recency)
    segments = rfm.segment_summary(recency, rfm.rfm_segments(scores))
    return {"whale": whale, "curve": curve, "largest": largest, "matrix": matrix, "rfm": segments}


def timed(function, runs: int) -> tuple[float, float, float, object]:
    """(median wall seconds, fastest wall seconds, median CPU seconds, last result) of ``runs`` calls
    after one warm-up call. CPU time is this process's (one thread): on a shared machine it is the
    figure that does not depend on what else runs."""
    result = function()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), min(wall), statistics.median(cpu), result


def widget_times(table: pd.DataFrame, units: pd.DataFrame, rates: dict[str, float], runs: int) -> list[tuple]:
    """Recompute and full update of each widget on ``table`` (moving one control back and forth)."""
    from crmlib import widgets

    rows = []
    profit = costtoserve.abc_profit(table, units, rates)
    retention = table["segment"].astype(str).map(RETENTION).to_numpy()
    frame = table.set_index("customer_id").assign(profit=profit["profit"].to_numpy(), margin=profit["margin"].to_numpy())
    frame["current_value"] = clv.current_value(frame["profit"], retention, 0.10).to_numpy()
    frame["potential_value"] = clv.potential_value(frame, wallet="wallet_cny", revenue="revenue_cny", margin="margin",
                                                   capture=0.25, retention_rate=retention, discount_rate=0.10).to_numpy()

    app_m = widgets.portfolio_app(frame, margin="profit", clv="current_value", language="en")
    app_c = widgets.clv_app(margins=frame["margin"], language="en")
    app_w = widgets.whale_app(table, units, rates, language="en")
    cases = [
        ("portfolio matrix (`portfolio_app`)", app_m, app_m.current_top, (0.25, 0.30), app_m.compute),
        ("CLV calculator (`clv_app`, with the base's margins)", app_c, app_c.retention, (0.80, 0.81),
         app_c.numbers),
        ("whale curve (`whale_app`)", app_w, app_w.sliders[4], (350.0, 367.5), app_w.compute),
    ]
    for name, _app, control, values, recompute in cases:
        state = {"i": 0}

        def move(control=control, values=values, state=state) -> None:
            state["i"] += 1
            control.value = values[state["i"] % 2]

        update = timed(move, runs)
        numbers = timed(recompute, runs)
        rows.append((name, numbers, update))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--widget-customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "crmlib-bench")
    args = parser.parse_args(argv)

    table, units, topups, rates, aggregation = build(args.customers, args.cache)
    table["segment"] = table["segment"].astype("category")
    rfm_step = timed(lambda: rfm.rfm_table(topups, date="topup_date", amount="amount_cny", as_of=f"{YEAR}-12-31"),
                     max(1, args.runs // 2))
    recency = rfm_step[3]
    run = timed(lambda: pipeline(table, units, recency, rates), args.runs)
    result = run[3]
    whale, matrix = result["whale"], result["matrix"]

    rng = np.random.default_rng(20251231)
    pick = np.sort(rng.choice(len(table), size=min(args.widget_customers, len(table)), replace=False))
    small = table.iloc[pick].reset_index(drop=True)
    small_units = units.iloc[pick]
    rows = widget_times(small, small_units, rates, args.runs)

    import matplotlib
    import scipy

    print(f"Figures, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} logical CPUs, load average {os.getloadavg()[0]:.1f}; Python {platform.python_version()}, "
          f"numpy {np.__version__}, pandas {pd.__version__}, scipy {scipy.__version__}, "
          f"matplotlib {matplotlib.__version__}.\n")
    print(f"Input: {len(table):,} customers, {len(topups):,} top-ups. Data layer (not in the pipeline): summing the "
          f"generated tables per customer took {aggregation:.1f} s (nan = read from the cache); "
          f"`rfm.rfm_table` on the top-up log took {rfm_step[0] * 1000:,.0f} ms (CPU {rfm_step[2] * 1000:,.0f} ms).\n")
    print(f"| step | customers | wall, median of {args.runs} | wall, fastest | CPU, median | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(f"| pipeline: ABC profit + whale curve + CLV + value matrix + RFM scores | {len(table):,} | "
          f"{run[0] * 1000:.0f} ms | {run[1] * 1000:.0f} ms | {run[2] * 1000:.0f} ms | ≤ 1,000 ms |")
    for name, numbers, update in rows:
        print(f"| {name}: recompute | {len(small):,} | {numbers[0] * 1000:.1f} ms | {numbers[1] * 1000:.1f} ms | "
              f"{numbers[2] * 1000:.1f} ms | ≤ 50 ms |")
        print(f"| {name}: whole update, chart PNG included | {len(small):,} | {update[0] * 1000:.0f} ms | "
              f"{update[1] * 1000:.0f} ms | {update[2] * 1000:.0f} ms | |")
    print(f"\nPipeline check: whale peak {whale.peak_share:.1%} of profit, top 20 % earn {whale.top_share_profit:.1%}, "
          f"{whale.loss_maker_share:.1%} lose money; develop cell {int(matrix.loc['develop', 'customers']):,} customers; "
          f"{len(result['largest'])} of the 10 largest accounts lose money; RFM segments of "
          f"{int(result['rfm']['customers'].sum()):,} prepaid customers.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
