"""The shifted-beta-geometric model against Fader & Hardie (2007), "How to project customer retention".

The two cohorts are the paper's worked example (survivors per 1000 at the start of years 0–7);
the published maximum-likelihood estimates are asserted to the paper's three decimals.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import approx_fprime

from crmlib import sbg

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]


# ---------------------------------------------------------------------------------------------
# published results
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("survivors", "alpha", "beta"),
    [(REGULAR, 0.704, 1.182), (HIGH_END, 0.668, 3.806)],
    ids=["regular", "high end"],
)
def test_fit_matches_published_estimates(survivors: list[int], alpha: float, beta: float) -> None:
    fit = sbg.fit_sbg(survivors)
    assert fit.converged
    assert round(fit.alpha, 3) == alpha
    assert round(fit.beta, 3) == beta
    assert fit.n_periods == 7


def test_log_likelihood_values_at_the_fit() -> None:
    # the maximum of the log-likelihood over the 1000 customers of each cohort
    assert sbg.fit_sbg(REGULAR).log_likelihood == pytest.approx(-1680.265, abs=1e-3)
    assert sbg.fit_sbg(HIGH_END).log_likelihood == pytest.approx(-1611.158, abs=1e-3)


def test_the_fit_is_the_maximum() -> None:
    fit = sbg.fit_sbg(REGULAR)
    best = sbg.log_likelihood(fit.alpha, fit.beta, REGULAR)
    for da, db in [(0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)]:
        assert sbg.log_likelihood(fit.alpha + da, fit.beta + db, REGULAR) < best


def test_projection_tracks_the_later_years() -> None:
    # The paper's point: fitted on years 0–7, the sBG projects years 8–12 within a few percent.
    # Later years of the same cohorts (Fader & Hardie 2007, from Berry & Linoff):
    later = {"regular": (REGULAR, [223, 207, 194, 183, 173]), "high end": (HIGH_END, [468, 445, 427, 409, 394])}
    for survivors, actual in later.values():
        projected = sbg.fit_sbg(survivors).project(12)[8:]
        error = np.abs(projected / np.array(actual) - 1)
        assert error.max() < 0.05
    # ... while a constant retention rate (the year-1 rate) is far too pessimistic
    naive = 1000 * (631 / 1000) ** 12
    assert naive < 0.2 * 173


# ---------------------------------------------------------------------------------------------
# the formulas
# ---------------------------------------------------------------------------------------------
def test_survival_retention_and_churn_agree() -> None:
    a, b = 0.704, 1.182
    s = sbg.survival(a, b, 20)
    r = sbg.retention_rates(a, b, 20)
    p = sbg.churn_probabilities(a, b, 20)
    assert s[0] == 1.0
    np.testing.assert_allclose(s[1:], np.cumprod(r), rtol=1e-12)
    np.testing.assert_allclose(p, s[:-1] - s[1:], rtol=1e-10)
    assert p.sum() + s[-1] == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.diff(r) > 0)  # retention rises as the cohort sorts itself
    assert r[0] == pytest.approx(b / (a + b))


def test_beta_one_one_by_hand() -> None:
    # θ ~ uniform: S(t) = 1 / (t + 1), P(T = t) = 1 / (t (t + 1))
    np.testing.assert_allclose(sbg.survival(1, 1, 4), [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5])
    np.testing.assert_allclose(sbg.churn_probabilities(1, 1, 3), [1 / 2, 1 / 6, 1 / 12])


def test_log_likelihood_by_hand() -> None:
    # α = β = 1: ln L = 40 ln(1/2) + 10 ln(1/6) + 50 ln(1/3) for 100 → 60 → 50 survivors
    expected = 40 * math.log(1 / 2) + 10 * math.log(1 / 6) + 50 * math.log(1 / 3)
    assert sbg.log_likelihood(1, 1, [100, 60, 50]) == pytest.approx(expected, rel=1e-12)


def test_shares_give_the_same_fit_and_a_per_customer_likelihood() -> None:
    counts = sbg.fit_sbg(REGULAR)
    shares = sbg.fit_sbg(np.array(REGULAR) / 1000)
    assert shares.alpha == pytest.approx(counts.alpha, rel=1e-5)
    assert shares.beta == pytest.approx(counts.beta, rel=1e-5)
    assert shares.log_likelihood == pytest.approx(counts.log_likelihood / 1000, rel=1e-8)


def test_gradient_matches_finite_differences() -> None:
    values = np.array(HIGH_END, dtype=float)
    theta = np.log([0.9, 2.5])
    _, grad = sbg._loglik_and_grad(theta, values)
    numeric = approx_fprime(theta, lambda th: sbg._loglik_and_grad(th, values)[0], 1e-7)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5)


@pytest.mark.parametrize(("alpha", "beta"), [(0.3, 0.8), (1.5, 6.0), (4.0, 2.0), (0.7, 12.0)])
def test_fit_recovers_the_parameters_of_an_exact_curve(alpha: float, beta: float) -> None:
    curve = 1e6 * sbg.survival(alpha, beta, 10)
    fit = sbg.fit_sbg(curve)
    assert fit.alpha == pytest.approx(alpha, rel=1e-4)
    assert fit.beta == pytest.approx(beta, rel=1e-4)


def test_projection_scales_with_the_cohort() -> None:
    fit = sbg.fit_sbg(REGULAR)
    np.testing.assert_allclose(fit.project(5, cohort=250), fit.project(5) / 4)
    assert fit.project(3)[0] == 1000
    assert fit.mean_churn == pytest.approx(1 - fit.retention_rates(1)[0])


# ---------------------------------------------------------------------------------------------
# lifetime value
# ---------------------------------------------------------------------------------------------
def test_discounted_expected_lifetime_equals_the_series() -> None:
    a, b, d = 0.668, 3.806, 0.10
    s = sbg.survival(a, b, 3000)
    series = np.sum(s / (1 + d) ** np.arange(s.size))
    assert sbg.discounted_expected_lifetime(a, b, d) == pytest.approx(series, rel=1e-10)


@pytest.mark.parametrize("renewals", [0, 1, 4, 10])
def test_derl_equals_the_series(renewals: int) -> None:
    a, b, d = 0.704, 1.182, 0.10
    n = renewals + 1
    s = sbg.survival(a, b, 3000)
    series = np.sum(s[n:] / s[n - 1] / (1 + d) ** np.arange(s.size - n))
    assert sbg.discounted_expected_residual_lifetime(a, b, d, renewals) == pytest.approx(series, rel=1e-10)


def test_derl_grows_with_tenure_and_links_to_del() -> None:
    a, b, d = 0.704, 1.182, 0.10
    values = [sbg.discounted_expected_residual_lifetime(a, b, d, k) for k in range(6)]
    assert all(x < y for x, y in zip(values, values[1:]))
    # a new customer pays now, then is a customer with 0 renewals one period later
    assert sbg.discounted_expected_lifetime(a, b, d) == pytest.approx(1 + values[0] / (1 + d), rel=1e-12)


def test_undiscounted_lifetime() -> None:
    # α = 2.5, β = 3: E[T] = (α + β − 1) / (α − 1) = 3
    assert sbg.discounted_expected_lifetime(2.5, 3.0, 0.0) == pytest.approx(3.0)
    assert sbg.discounted_expected_lifetime(0.7, 1.2, 0.0) == math.inf
    assert sbg.discounted_expected_residual_lifetime(2.5, 3.0, 0.0, 2) == pytest.approx((3.0 + 2) / 1.5)
    # tiny discount rates approach the undiscounted value
    assert sbg.discounted_expected_lifetime(2.5, 3.0, 1e-9) == pytest.approx(3.0, rel=1e-6)


def test_fit_methods_delegate() -> None:
    fit = sbg.fit_sbg(HIGH_END)
    assert fit.discounted_expected_residual_lifetime(0.1, 3) == sbg.discounted_expected_residual_lifetime(fit.alpha, fit.beta, 0.1, 3)
    assert fit.discounted_expected_lifetime(0.1) == sbg.discounted_expected_lifetime(fit.alpha, fit.beta, 0.1)
    np.testing.assert_array_equal(fit.survival(4), sbg.survival(fit.alpha, fit.beta, 4))


def test_repr_is_readable() -> None:
    assert repr(sbg.fit_sbg(HIGH_END)) == (
        "SBGFit(alpha=0.6681, beta=3.8061, log_likelihood=-1611.16, n_periods=7, cohort=1000)"
    )


# ---------------------------------------------------------------------------------------------
# bad input: one clear error
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("survivors", "error", "message"),
    [
        ([1000, 631, 700, 382], ValueError, "must never increase.*period 1 has 631 and period 2 has 700"),
        ([1000, 631, -5], ValueError, "must not be negative; position 2 holds -5"),
        ([1000], ValueError, "at least one period.*got 1 value"),
        ([], ValueError, "at least one period.*got 0 value"),
        ([1000, float("nan"), 400], ValueError, "finite numbers; position 1 holds nan"),
        ([0, 0, 0], ValueError, "must start with the cohort size"),
        ([[1000, 600], [1000, 500]], ValueError, "one-dimensional.*shape \\(2, 2\\)"),
        (["1000", "600"], TypeError, "must hold numbers"),
        ("1000,600", TypeError, "sequence of customers alive"),
        (1000, TypeError, "sequence of customers alive"),
        ([100, 100, 100], ValueError, "no customer leaving"),
        ([100, 0, 0], ValueError, "every customer leaving in the first period"),
    ],
)
def test_bad_survivor_curves(survivors: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        sbg.fit_sbg(survivors)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sbg.survival(0, 1, 3), ValueError, "alpha must be a positive"),
        (lambda: sbg.survival(1, -2, 3), ValueError, "beta must be a positive.*-2"),
        (lambda: sbg.survival(1, 1, -1), ValueError, "periods must be a whole number of periods ≥ 0; got -1"),
        (lambda: sbg.retention_rates(1, 1, 0), ValueError, "periods must be a whole number of periods ≥ 1"),
        (lambda: sbg.survival(1, 1, 2.5), TypeError, "periods must be a whole number.*float"),
        (lambda: sbg.survival(True, 1, 2), TypeError, "alpha must be a positive number; got bool"),
        (lambda: sbg.discounted_expected_residual_lifetime(1, 1, -0.1), ValueError, "discount_rate must be a number ≥ 0"),
        (lambda: sbg.discounted_expected_residual_lifetime(1, 1, 0.1, renewals=-1), ValueError, "renewals must be"),
        (lambda: sbg.discounted_expected_lifetime(1, 1, "10%"), TypeError, "discount_rate must be a number"),
        (lambda: sbg.fit_sbg(REGULAR).project(5, cohort=-3), ValueError, "cohort must be a positive"),
    ],
)
def test_bad_arguments(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("rounded", [False, True])
def test_constant_retention_warns_and_still_fits_the_curve(rounded: bool) -> None:
    curve = 1000 * 0.8 ** np.arange(8)  # no heterogeneity at all
    curve = np.round(curve) if rounded else curve
    with pytest.warns(UserWarning, match="constant retention rate of 0.800"):
        fit = sbg.fit_sbg(curve)
    np.testing.assert_allclose(fit.retention_rates(7), 0.8, atol=1e-3)


def test_fit_object_checks_its_parameters() -> None:
    with pytest.raises(ValueError, match="beta must be a positive"):
        sbg.SBGFit(alpha=0.7, beta=0.0, log_likelihood=0.0, n_periods=7, survivors=(1000.0, 600.0))


def test_the_old_derl_name_warns_and_agrees() -> None:
    with pytest.warns(DeprecationWarning, match="sbg.derl is now sbg.discounted_expected_residual_lifetime"):
        old = sbg.derl(0.704, 1.182, 0.10, 2)
    assert old == sbg.discounted_expected_residual_lifetime(0.704, 1.182, 0.10, 2)
    fit = sbg.SBGFit(alpha=0.704, beta=1.182, log_likelihood=0.0, n_periods=1, survivors=(1000.0, 631.0))
    with pytest.warns(DeprecationWarning, match="SBGFit.derl is now"):
        assert fit.derl(0.1, 2) == old
