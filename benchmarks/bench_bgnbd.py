"""BG/NBD fit on CDNOW: crmlib.bgnbd.fit_bgnbd against lifetimes' BetaGeoFitter, side by side.

Run it in an environment that has lifetimes (not a kit dependency; see benchmarks/README.md,
section "BG/NBD fit vs lifetimes", for the exact commands). Both fits run in this one process on
the same 2,357-customer CDNOW summary, alternating, ``--runs`` times each; the script reports the
median and fastest times, both sets of parameters, whether they agree to 3 decimals, and a
cross-check of the 12-month CLV the two libraries compute. Without lifetimes it times crmlib alone.

The CDNOW files are read from ``--data`` (default: ``$CRMLIB_REALDATA`` or ``<repo>/../shared/realdata``),
never copied into the repository. Exit status 1 if the parameters differ at 3 decimals.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from crmlib import bgnbd  # noqa: E402

PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _timed(fn, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each fit (default 15)")
    parser.add_argument("--data", type=Path, default=None, help="the realdata folder that holds cdnow/")
    args = parser.parse_args()

    root = args.data or Path(os.environ.get("CRMLIB_REALDATA") or REPO.parent / "shared" / "realdata")
    folder = root / "cdnow"
    summary = pd.read_csv(folder / "cdnow_customers_summary.csv", index_col="ID")
    spend = pd.read_csv(folder / "cdnow_customers_summary_with_transactions.csv", index_col="ID")

    try:
        from lifetimes import BetaGeoFitter, GammaGammaFitter
    except ImportError:
        BetaGeoFitter = GammaGammaFitter = None  # noqa: N806

    def ours():
        return bgnbd.fit_bgnbd(summary)

    def theirs():
        return BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])

    # warm up once each (imports, autograd tracing, caches), then alternate the timed runs
    ours()
    if BetaGeoFitter is not None:
        theirs()
    ours_times: list[float] = []
    theirs_times: list[float] = []
    for i in range(args.runs):
        order = [(ours, ours_times), (theirs, theirs_times)]
        if i % 2:
            order.reverse()
        for fn, bucket in order:
            if fn is theirs and BetaGeoFitter is None:
                continue
            bucket.extend(_timed(fn, 1)[0])

    fit = ours()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print("## BG/NBD fit on CDNOW (2,357 customers)\n")
    print(f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"- machine: {_cpu()}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}; "
          f"load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}")
    print(f"- Python {platform.python_version()}; numpy {np.__version__}, pandas {pd.__version__}, "
          f"scipy {_version('scipy')}, threadpoolctl {_version('threadpoolctl')}, lifetimes {_version('lifetimes')}, "
          f"autograd {_version('autograd')}")
    print(f"- {args.runs} timed runs of each fit, alternating, after one warm-up run each\n")

    print("| fit | median | fastest | r | alpha | a | b | log-likelihood |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| published (Fader, Hardie & Lee 2005) | | | {PUBLISHED['r']} | {PUBLISHED['alpha']} | "
          f"{PUBLISHED['a']} | {PUBLISHED['b']} | −9582.4 |")
    print(f"| crmlib.bgnbd.fit_bgnbd | {statistics.median(ours_times) * 1e3:.1f} ms | {min(ours_times) * 1e3:.1f} ms | "
          f"{fit.r:.6f} | {fit.alpha:.6f} | {fit.a:.6f} | {fit.b:.6f} | {fit.log_likelihood:.2f} |")
    status = 0
    if BetaGeoFitter is None:
        print("\nlifetimes is not installed here: crmlib timed alone.")
        return status

    bgf = theirs()
    their_params = {k: float(bgf.params_[k]) for k in ("r", "alpha", "a", "b")}
    their_ll = bgnbd.bgnbd_log_likelihood(summary, **their_params)
    print(f"| lifetimes BetaGeoFitter.fit | {statistics.median(theirs_times) * 1e3:.1f} ms | "
          f"{min(theirs_times) * 1e3:.1f} ms | {their_params['r']:.6f} | {their_params['alpha']:.6f} | "
          f"{their_params['a']:.6f} | {their_params['b']:.6f} | {their_ll:.2f} |")

    ours_params = fit.params
    diff = max(abs(ours_params[k] - their_params[k]) for k in ours_params)
    same3 = all(round(ours_params[k], 3) == round(their_params[k], 3) for k in ours_params)
    published3 = all(round(ours_params[k], 3) == PUBLISHED[k] for k in ours_params)
    speedup = statistics.median(theirs_times) / statistics.median(ours_times)
    print(f"\n- speed: crmlib median {speedup:.1f}× faster than lifetimes "
          f"({'at least as fast: yes' if speedup >= 1 else 'at least as fast: NO'})")
    print(f"- parameters equal to 3 decimals: {'yes' if same3 else 'NO'} (largest difference {diff:.1e}); "
          f"equal to the published ones at 3 decimals: {'yes' if published3 else 'NO'}")
    status = 0 if same3 else 1

    # cross-check: 12-month CLV (weeks; 4.345 weeks a month; 1 % a month), each library with its own fits
    ggf = GammaGammaFitter().fit(spend.loc[spend["x"] > 0, "x"], spend.loc[spend["x"] > 0, "zbar"])
    clv_theirs = ggf.customer_lifetime_value(bgf, spend["x"], spend["t_x"], spend["T"], spend["zbar"],
                                             time=12, discount_rate=0.01, freq="W")
    gg = bgnbd.fit_gamma_gamma(spend, frequency_col="x", monetary_col="zbar")
    clv_ours = bgnbd.customer_lifetime_value(
        fit, gg, spend, periods=12, period_length=4.345, discount_rate=0.01,
        frequency_col="x", recency_col="t_x", T_col="T", monetary_col="zbar",
    )
    rel = np.max(np.abs(clv_ours.to_numpy() / clv_theirs.to_numpy() - 1))
    print(f"- Gamma-Gamma: crmlib p={gg.p:.4f} q={gg.q:.4f} γ={gg.gamma:.4f}; lifetimes p={ggf.params_['p']:.4f} "
          f"q={ggf.params_['q']:.4f} v={ggf.params_['v']:.4f}")
    print(f"- 12-month CLV of the 2,357 customers: crmlib total {clv_ours.sum():,.2f}, lifetimes total "
          f"{clv_theirs.sum():,.2f}; largest per-customer relative difference {rel:.1e}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
