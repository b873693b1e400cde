"""Lesson 02 widget update time in the kernel: move one control of each widget 21 times by one step
and time the whole update (numbers, text and chart PNGs), twice: as the widgets do it (a chart whose
static part is unchanged redraws only its live artists, through ``App.show_chart``), and with every
chart built anew on each step (what the value-chain widget did before).

Usage (from the repository root): .venv/bin/python -W error benchmarks/bench_widgets_02.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _rebuild_every_time(app: object) -> None:
    """On this instance only: ``show_chart`` ignores the refresh and builds the chart anew."""
    app.show_chart = lambda key, build, refresh=None, index=0: app.show(build(), index)


def _median_ms(app: object, slider: object, values: list[float], runs: int) -> tuple[float, float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        slider.value = values[i % 2]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    from crmlib import datasets, widgets

    links = datasets.load("telecom", "value_chain")
    journey = datasets.load("telecom", "funnel")
    cases = {
        "value chain (user service revenue 446 ↔ 447)":
            (lambda: widgets.value_chain_app(links, year=2025, language="en"),
             lambda app: app.revenue_sliders["user_service"], [447.0, 446.0]),
        "funnel (sign-up → activation 40% ↔ 41%)":
            (lambda: widgets.funnel_app(journey, language="en"), lambda app: app.sliders[2], [0.41, 0.40]),
        "maturity (IT and data score 1 ↔ 2)":
            (lambda: widgets.maturity_app(language="en"), lambda app: app.sliders["it_data"], [2, 1]),
    }
    print(f"load average: {os.getloadavg()[0]:.2f}; {runs} moves each, ms (median / max)")
    print(f"{'widget':48} {'as shipped':>16} {'charts rebuilt':>16}")
    for name, (make, control, values) in cases.items():
        shipped = make()
        s_med, s_max = _median_ms(shipped, control(shipped), values, runs)
        rebuilt = make()
        _rebuild_every_time(rebuilt)
        r_med, r_max = _median_ms(rebuilt, control(rebuilt), values, runs)
        print(f"{name:48} {s_med:7.1f} / {s_max:6.1f} {r_med:7.1f} / {r_max:6.1f}")


if __name__ == "__main__":
    main()
