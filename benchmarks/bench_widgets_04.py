"""Lesson 04 widget recompute time: move one control of each widget, time the update (numbers + chart PNG).

Usage (from the repository root): .venv/bin/python -W error benchmarks/bench_widgets_04.py [--runs 21]
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    from crmlib import campaign, churn, crosssell, widgets
    from crmlib.datasets import load

    db = load("telecom")
    u = campaign.uplift_table(campaign.retention_outcomes(db), outcome="churned", by="contract")
    base = campaign.retention_base(db, effects=campaign.offer_effects(u))
    life = churn.customer_lifetimes(db)
    holding = crosssell.holdings(db.subscriptions, db.plans)
    segment = db.customers.set_index("customer_id")["segment"]
    apps = [
        ("campaign planner: budget slider", widgets.campaign_planner(base, language="en"), "budget", [30000, 40000]),
        ("survival explorer: month slider", widgets.survival_explorer(life, language="en"), "month", [12, 13]),
        ("cross-sell explorer: propensity slider", widgets.crosssell_explorer(holding, segment, language="en"),
         "min_propensity", [0.2, 0.3]),
    ]
    print(f"{'widget':42} {'median ms':>10} {'fastest ms':>11}  (n={runs}, customers in base: {len(base):,})")
    for name, app, control, values in apps:
        times = []
        for i in range(runs):
            start = time.perf_counter()
            getattr(app, control).value = values[i % 2]
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:42} {statistics.median(times):10.1f} {min(times):11.1f}")


if __name__ == "__main__":
    main()
