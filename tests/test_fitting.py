"""crmlib.fitting.minimize_in_box: the NumPy optimiser behind the sBG, BG/NBD and Gamma-Gamma fits."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from crmlib import bgnbd, sbg
from crmlib.fitting import minimize_in_box


def test_finds_an_interior_minimum_and_holds_a_coordinate_at_its_bound():
    # Rosenbrock: minimum at (1, 1), a curved valley
    def rosen(v):
        x, y = v
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2, np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])

    r = minimize_in_box(rosen, np.array([-1.2, 1.0]), 5.0, gtol=1e-10, ftol=0.0, maxiter=500)
    assert r.success and np.allclose(r.x, [1.0, 1.0], atol=1e-7)
    # the minimum (3, -1) of this bowl lies outside the box [-2, 2]²: x is held at 2, y reaches -1
    r = minimize_in_box(lambda v: (float((v - [3, -1]) @ (v - [3, -1])), 2 * (v - [3, -1])), np.zeros(2), 2.0)
    assert r.success and r.x[0] == 2.0 and r.x[1] == pytest.approx(-1.0, abs=1e-9)
    with pytest.raises(ValueError, match="bound must be positive"):
        minimize_in_box(lambda v: (0.0, v), np.zeros(1), 0.0)
    with pytest.raises(ValueError, match="not finite at the starting point"):
        minimize_in_box(lambda v: (float("nan"), v), np.zeros(1), 1.0)


def test_the_fits_agree_with_scipy_l_bfgs_b(monkeypatch):
    """The same fits with SciPy's L-BFGS-B (where SciPy's optimiser is installed) agree to 1e-6."""
    optimize = pytest.importorskip("scipy.optimize")

    def scipy_box(fun, x0, bound, *, gtol, ftol, maxiter):
        return optimize.minimize(fun, x0, jac=True, method="L-BFGS-B", bounds=[(-bound, bound)] * len(x0),
                                 options={"ftol": ftol, "gtol": gtol, "maxiter": maxiter})

    from crmlib import datasets

    db = datasets.load("telecom")  # the lesson 03 fits
    summary = bgnbd.rfm_summary(db.topups, customer_col="customer_id", date_col="topup_date",
                                amount_col="amount_cny", calibration_end="2025-06-30")
    summary = summary[summary["T"] > 0]
    spend = summary[summary["frequency"] > 0]
    curve = [1000, 631, 468, 382, 326, 289, 262, 241]

    def all_fits():
        return (sbg.fit_sbg(curve), bgnbd.fit_bgnbd(summary), bgnbd.fit_gamma_gamma(spend))

    ours = all_fits()
    monkeypatch.setattr(sbg, "minimize_in_box", scipy_box)
    monkeypatch.setattr(bgnbd, "minimize_in_box", scipy_box)
    theirs = all_fits()
    for a, b in zip(ours, theirs):
        assert a.converged and b.converged
        assert a.log_likelihood >= b.log_likelihood - 1e-6
    names = (("alpha", "beta"), ("r", "alpha", "a", "b"), ("p", "q", "gamma"))
    for a, b, fields in zip(ours, theirs, names):
        for f in fields:
            assert getattr(a, f) == pytest.approx(getattr(b, f), rel=1e-4), f


def test_fitting_does_not_load_scipy_optimize():
    """scipy.optimize costs about 24 MB of a kernel beyond scipy.special (issue 14)."""
    code = ("import sys; from crmlib import sbg, bgnbd; sbg.fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241]); "
            "print('scipy.optimize' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
