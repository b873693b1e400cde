"""Lesson 04 widget recompute time: move one control of each widget and time the update, twice:
the whole update (numbers + chart PNG), and the recompute alone (the same update with the widget
module's chart functions and the App base's chart step replaced by no-ops, so only the analysis and
the text are left). The whole update moves a control that redraws only the chart's live artists.

Usage (from the repository root): .venv/bin/python -W error benchmarks/bench_widgets_04.py [--runs 21]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Iterator


class _NoCharts:
    """Stands in for ``crmlib.plots`` inside a widget module: every chart call does nothing."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: b""


@contextlib.contextmanager
def _without_charts(app: object) -> Iterator[None]:
    module = sys.modules[type(app).__module__]
    real = module.plots
    module.plots = _NoCharts()
    app.show_chart = lambda *args, **kwargs: None  # the App base's chart step, on this instance only
    try:
        yield
    finally:
        module.plots = real
        del app.show_chart


def _median_ms(app: object, control: str, values: list, runs: int) -> tuple[float, float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        getattr(app, control).value = values[i % 2]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


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
        ("campaign planner: budget slider", widgets.campaign_app(base, language="en"), "budget", [30000, 40000]),
        ("survival explorer: month slider", widgets.survival_app(life, language="en"), "month", [12, 13]),
        ("cross-sell explorer: propensity slider", widgets.cross_sell_app(holding, segment, language="en"),
         "min_propensity", [0.2, 0.3]),
    ]
    print(f"{'widget':42} {'recompute ms':>13} {'whole update ms':>16}  (medians, n={runs}; base: {len(base):,})")
    for name, app, control, values in apps:
        whole, _ = _median_ms(app, control, values, runs)
        with _without_charts(app):
            numbers, _ = _median_ms(app, control, values, runs)
        print(f"{name:42} {numbers:13.1f} {whole:16.1f}")


if __name__ == "__main__":
    main()
