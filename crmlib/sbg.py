"""The shifted-beta-geometric (sBG) model: project how a cohort of contract customers shrinks.

Fader & Hardie (2007), "How to project customer retention", *Journal of Interactive Marketing*
21(1), 76–90. Each contract customer renews at the end of every period with their own probability
``1 − θ``, and stays until the first time they do not renew (a geometric lifetime). The churn
probability ``θ`` differs between customers and follows a beta distribution with parameters
``alpha`` and ``beta``. The cohort's retention rate therefore *rises* over time: the customers most
likely to leave leave first, and the survivors are the loyal ones.

Formulas (t = 1, 2, … counts periods):

- churn in period t: ``P(T = t) = B(α + 1, β + t − 1) / B(α, β)``
- survival to the end of period t: ``S(t) = B(α, β + t) / B(α, β)``, with ``S(0) = 1``
- retention rate from period t − 1 to t: ``r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1)``

Fit the model to a survivor curve (customers alive at the start of period 0, 1, …, n) with
:func:`fit_sbg`; project with the result's methods::

    >>> fit = fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
    >>> fit.project(10)[-3:].round(0).tolist()  # the real cohort: 223, 207, 194
    [220.0, 204.0, 191.0]

Everything here is a pure function of numbers and arrays (NumPy and SciPy only).
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.special import betaln, digamma, hyp2f1

from crmlib._checks import positive as _positive
from crmlib.fitting import minimize_in_box

__all__ = [
    "SBGFit",
    "churn_probabilities",
    "derl",
    "discounted_expected_lifetime",
    "discounted_expected_residual_lifetime",
    "fit_sbg",
    "log_likelihood",
    "retention_rates",
    "survival",
]

# The fit works on log(alpha), log(beta) inside these bounds (alpha, beta between 1e-6 and 1e6).
_LOG_BOUND = math.log(1e6)
# Above this α + β the beta distribution of churn probabilities is practically one point (its
# polarisation 1 / (α + β + 1) is below 0.001): the curve shows a constant retention rate.
_HOMOGENEOUS = 1000.0


# ----------------------------------------------------------------------------------------------
# input checks
# ----------------------------------------------------------------------------------------------
def _periods(name: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a whole number of periods ≥ {minimum}; got {type(value).__name__}: {value!r}"
        )
    if int(value) < minimum:
        raise ValueError(f"{name} must be a whole number of periods ≥ {minimum}; got {value}")
    return int(value)


def _discount(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            "discount_rate must be a number ≥ 0 (e.g. 0.1 for 10 % per period); "
            f"got {type(value).__name__}: {value!r}"
        )
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"discount_rate must be a number ≥ 0 (e.g. 0.1 for 10 % per period); got {value}")
    return value


def _survivor_curve(survivors: object) -> np.ndarray:
    """Check a survivor curve and return it as a float array."""
    if isinstance(survivors, (str, bytes)) or not hasattr(survivors, "__len__"):
        raise TypeError(
            "survivors must be a sequence of customers alive at the start of each period "
            f"(e.g. [1000, 631, 468]); got {type(survivors).__name__}: {survivors!r}"
        )
    values = np.asarray(survivors)
    if values.ndim != 1:
        raise ValueError(f"survivors must be one-dimensional (one number per period); got shape {values.shape}")
    if values.dtype == bool or not np.issubdtype(values.dtype, np.number):
        raise TypeError(f"survivors must hold numbers; got values of type {values.dtype}: {list(values)[:5]!r}")
    values = values.astype(float)
    if values.size < 2:
        raise ValueError(
            f"survivors must cover at least one period: the cohort at the start and at least one later count; "
            f"got {values.size} value(s)"
        )
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        raise ValueError(f"survivors must be finite numbers; position {bad[0]} holds {values[bad[0]]}")
    bad = np.flatnonzero(values < 0)
    if bad.size:
        raise ValueError(f"survivors must not be negative; position {bad[0]} holds {values[bad[0]]:g}")
    if values[0] <= 0:
        raise ValueError(f"survivors must start with the cohort size (> 0); got {values[0]:g}")
    rises = np.flatnonzero(np.diff(values) > 0)
    if rises.size:
        i = rises[0]
        raise ValueError(
            "survivors must never increase (a cohort only loses customers); "
            f"period {i} has {values[i]:g} and period {i + 1} has {values[i + 1]:g}"
        )
    return values


# ----------------------------------------------------------------------------------------------
# the model's quantities
# ----------------------------------------------------------------------------------------------
def churn_probabilities(alpha: float, beta: float, periods: int) -> np.ndarray:
    """``P(T = t)`` for t = 1 … ``periods``: the share of a new cohort expected to leave in period t.

    ``P(T = t) = B(α + 1, β + t − 1) / B(α, β)``.

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    periods : int
        The number of periods (≥ 1).

    Returns
    -------
    numpy.ndarray
        ``periods`` shares, for t = 1 … ``periods``.

    Raises
    ------
    TypeError
        When ``alpha`` or ``beta`` is not a number, or ``periods`` not a whole number.
    ValueError
        When ``alpha`` or ``beta`` is not a positive, finite number, or ``periods`` is below 1.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive Marketing*
    21(1), 76–90.

    Examples
    --------
    >>> churn_probabilities(1.0, 1.0, 3).round(4).tolist()
    [0.5, 0.1667, 0.0833]
    """
    a, b = _positive("alpha", alpha), _positive("beta", beta)
    t = np.arange(1, _periods("periods", periods, 1) + 1, dtype=float)
    return np.exp(betaln(a + 1.0, b + t - 1.0) - betaln(a, b))


def survival(alpha: float, beta: float, periods: int) -> np.ndarray:
    """``S(t)`` for t = 0 … ``periods``: the share of a new cohort still a customer after t periods.

    ``S(t) = B(α, β + t) / B(α, β)``; ``S(0) = 1``.

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    periods : int
        The number of periods (≥ 0).

    Returns
    -------
    numpy.ndarray
        ``periods + 1`` shares, for t = 0 … ``periods``.

    Raises
    ------
    TypeError
        When ``alpha`` or ``beta`` is not a number, or ``periods`` not a whole number.
    ValueError
        When ``alpha`` or ``beta`` is not a positive, finite number, or ``periods`` is below 0.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive Marketing*
    21(1), 76–90.

    Examples
    --------
    >>> survival(1.0, 1.0, 3).round(4).tolist()
    [1.0, 0.5, 0.3333, 0.25]
    """
    a, b = _positive("alpha", alpha), _positive("beta", beta)
    t = np.arange(_periods("periods", periods) + 1, dtype=float)
    return np.exp(betaln(a, b + t) - betaln(a, b))


def retention_rates(alpha: float, beta: float, periods: int) -> np.ndarray:
    """``r(t) = (β + t − 1) / (α + β + t − 1)`` for t = 1 … ``periods``.

    The share of period t − 1's survivors who renew for period t. It rises with t (the cohort sorts itself).

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    periods : int
        The number of periods (≥ 1).

    Returns
    -------
    numpy.ndarray
        ``periods`` retention rates, for t = 1 … ``periods``.

    Raises
    ------
    TypeError
        When ``alpha`` or ``beta`` is not a number, or ``periods`` not a whole number.
    ValueError
        When ``alpha`` or ``beta`` is not a positive, finite number, or ``periods`` is below 1.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive Marketing*
    21(1), 76–90.

    Examples
    --------
    >>> retention_rates(1.0, 1.0, 3).round(4).tolist()
    [0.5, 0.6667, 0.75]
    """
    a, b = _positive("alpha", alpha), _positive("beta", beta)
    t = np.arange(1, _periods("periods", periods, 1) + 1, dtype=float)
    return (b + t - 1.0) / (a + b + t - 1.0)


def log_likelihood(alpha: float, beta: float, survivors: Sequence[float] | np.ndarray) -> float:
    """The sBG log-likelihood of a survivor curve.

    ``survivors[t]`` is the number (or share) of the cohort alive at the start of period t, for
    t = 0 … n. The ``survivors[t − 1] − survivors[t]`` customers who left in period t contribute
    ``ln P(T = t)`` each; the ``survivors[n]`` still there contribute ``ln S(n)`` each. Given shares
    instead of counts, the value is the log-likelihood per customer (the best α, β do not change).

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    survivors : sequence of float or numpy.ndarray
        Customers (or shares) alive at the start of period 0, 1, …, n.

    Returns
    -------
    float
        The log-likelihood.

    Raises
    ------
    TypeError
        When ``alpha`` or ``beta`` is not a number, or ``survivors`` is not a sequence of numbers.
    ValueError
        When ``alpha`` or ``beta`` is not positive, or ``survivors`` is not a valid curve: not one-dimensional,
        fewer than two values, not finite, negative, not starting above 0, or increasing.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive Marketing*
    21(1), 76–90.

    Examples
    --------
    >>> round(log_likelihood(0.704, 1.182, [1000, 631, 468, 382, 326, 289, 262, 241]), 1)
    -1680.3
    >>> log_likelihood(1, 1, [1000, 1200])
    Traceback (most recent call last):
    ...
    ValueError: survivors must never increase (a cohort only loses customers); period 0 has 1000 and period 1 has 1200
    """
    a, b = _positive("alpha", alpha), _positive("beta", beta)
    values = _survivor_curve(survivors)
    return float(_loglik_and_grad(np.log([a, b]), values)[0])


def _loglik_and_grad(log_params: np.ndarray, values: np.ndarray) -> tuple[float, np.ndarray]:
    """Log-likelihood and its gradient with respect to (log α, log β)."""
    a, b = np.exp(log_params)
    n = values.size - 1
    t = np.arange(1, n + 1, dtype=float)
    lost = values[:-1] - values[1:]
    alive = values[-1]
    ln_b0 = betaln(a, b)
    ll = lost @ (betaln(a + 1.0, b + t - 1.0) - ln_b0) + alive * (betaln(a, b + n) - ln_b0)
    # d/dα and d/dβ of ln B(α + 1, β + t − 1), ln B(α, β + n) and ln B(α, β)
    psi_ab = digamma(a + b)
    psi_abt = digamma(a + b + t)
    d_a = lost @ (digamma(a + 1.0) - psi_abt) + alive * (digamma(a) - digamma(a + b + n))
    d_b = lost @ (digamma(b + t - 1.0) - psi_abt) + alive * (digamma(b + n) - digamma(a + b + n))
    total = values[0]
    d_a -= total * (digamma(a) - psi_ab)
    d_b -= total * (digamma(b) - psi_ab)
    return float(ll), np.array([d_a * a, d_b * b])


def discounted_expected_lifetime(alpha: float, beta: float, discount_rate: float) -> float:
    """Discounted expected lifetime (DEL) of a customer who has just signed.

    The expected number of payments, each worth 1 and discounted to today, when a payment is made at the start of
    every period the customer is alive (the first one now, undiscounted).

    ``DEL = Σ_{t≥0} S(t) / (1 + d)^t = ₂F₁(1, β; α + β; 1 / (1 + d))`` (Fader & Hardie 2010). Multiply by the
    margin per period to get the expected lifetime value of a new customer. With ``discount_rate=0``
    it is the undiscounted expected lifetime ``(α + β − 1) / (α − 1)``, infinite when α ≤ 1.

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    discount_rate : float
        The discount rate per period (≥ 0; 0.1 for 10 %).

    Returns
    -------
    float
        DEL, in payments of 1 (``math.inf`` when it diverges).

    Raises
    ------
    TypeError
        When ``alpha``, ``beta`` or ``discount_rate`` is not a number.
    ValueError
        When ``alpha`` or ``beta`` is not positive, or ``discount_rate`` is negative or not finite.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2010). Customer-base valuation in a contractual setting: the perils of
    ignoring heterogeneity. *Marketing Science* 29(1), 85–93.

    Examples
    --------
    >>> round(discounted_expected_lifetime(0.704, 1.182, 0.10), 3)
    3.695
    >>> discounted_expected_lifetime(2.0, 3.0, 0.0)
    4.0
    """
    a, b, d = _positive("alpha", alpha), _positive("beta", beta), _discount(discount_rate)
    if d == 0:
        return math.inf if a <= 1 else (a + b - 1.0) / (a - 1.0)
    return float(hyp2f1(1.0, b, a + b, 1.0 / (1.0 + d)))


def discounted_expected_residual_lifetime(alpha: float, beta: float, discount_rate: float,
                                          renewals: int = 0) -> float:
    """Discounted expected residual lifetime (DERL) of a customer who has renewed ``renewals`` times.

    The customer has been with the firm for ``n = renewals + 1`` periods and is about to decide
    whether to renew for period n + 1. DERL is the expected number of *future* payments (each
    worth 1, the first one at the coming renewal, undiscounted), discounted at ``discount_rate``
    per period (Fader & Hardie 2010):

    ``DERL = Σ_{t≥n} S(t) / S(n − 1) / (1 + d)^(t − n)
    = (β + n − 1) / (α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1 / (1 + d))``.

    Multiply by the margin per period for the customer's expected residual value. The longer a
    customer has stayed, the larger their DERL: heterogeneity makes tenure a sign of loyalty.
    With ``discount_rate=0`` it is ``(β + n − 1) / (α − 1)`` (infinite when α ≤ 1).

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    discount_rate : float
        The discount rate per period (≥ 0; 0.1 for 10 %).
    renewals : int, default 0
        How many times the customer has renewed (≥ 0).

    Returns
    -------
    float
        DERL, in payments of 1 (``math.inf`` when it diverges).

    Raises
    ------
    TypeError
        When ``alpha``, ``beta`` or ``discount_rate`` is not a number, or ``renewals`` not a whole number.
    ValueError
        When ``alpha`` or ``beta`` is not positive, ``discount_rate`` is negative or not finite, or ``renewals``
        is negative.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2010). Customer-base valuation in a contractual setting: the perils of
    ignoring heterogeneity. *Marketing Science* 29(1), 85–93.

    Examples
    --------
    >>> [round(discounted_expected_residual_lifetime(0.704, 1.182, 0.10, k), 2) for k in (0, 4)]
    [2.96, 5.89]
    """
    a, b, d = _positive("alpha", alpha), _positive("beta", beta), _discount(discount_rate)
    n = _periods("renewals", renewals) + 1
    if d == 0:
        return math.inf if a <= 1 else (b + n - 1.0) / (a - 1.0)
    return float((b + n - 1.0) / (a + b + n - 1.0) * hyp2f1(1.0, b + n, a + b + n, 1.0 / (1.0 + d)))


def derl(alpha: float, beta: float, discount_rate: float, renewals: int = 0) -> float:
    """Deprecated name of :func:`discounted_expected_residual_lifetime` (kept for one release).

    .. deprecated:: 0.1.0
        Use :func:`discounted_expected_residual_lifetime`; ``derl`` goes in the next release.

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    discount_rate : float
        The discount rate per period (≥ 0).
    renewals : int, default 0
        How many times the customer has renewed (≥ 0).

    Returns
    -------
    float
        DERL, as :func:`discounted_expected_residual_lifetime` computes it.

    Raises
    ------
    TypeError, ValueError
        As :func:`discounted_expected_residual_lifetime`.

    Warns
    -----
    DeprecationWarning
        On every call.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     round(derl(0.704, 1.182, 0.10), 2)
    2.96
    """
    warnings.warn("sbg.derl is now sbg.discounted_expected_residual_lifetime; derl goes in the next release",
                  DeprecationWarning, stacklevel=2)
    return discounted_expected_residual_lifetime(alpha, beta, discount_rate, renewals)


# ----------------------------------------------------------------------------------------------
# fitting
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SBGFit:
    """The result of :func:`fit_sbg`: the maximum-likelihood α, β and what they imply.

    Parameters
    ----------
    alpha, beta : float
        The beta distribution's parameters (both > 0).
    log_likelihood : float
        The log-likelihood at the fitted α, β.
    n_periods : int
        The number of periods the fitted curve covers.
    survivors : tuple of float
        The curve the model was fitted to.
    converged : bool, default True
        Whether the optimiser reported success.

    Raises
    ------
    TypeError
        When ``alpha`` or ``beta`` is not a number.
    ValueError
        When ``alpha`` or ``beta`` is not a positive, finite number.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive Marketing*
    21(1), 76–90.

    Examples
    --------
    >>> fit = SBGFit(alpha=1.0, beta=1.0, log_likelihood=0.0, n_periods=1, survivors=(100.0, 50.0))
    >>> fit.mean_churn, fit.retention_rates(2).round(4).tolist(), fit.project(2).tolist()
    (0.5, [0.5, 0.6667], [100.0, 50.0, 33.33333333333333])
    """

    alpha: float
    beta: float
    log_likelihood: float
    n_periods: int
    survivors: tuple[float, ...] = field(repr=False)
    converged: bool = field(default=True, repr=False)

    def __post_init__(self) -> None:
        _positive("alpha", self.alpha)
        _positive("beta", self.beta)

    def __repr__(self) -> str:
        return (
            f"SBGFit(alpha={self.alpha:.4f}, beta={self.beta:.4f}, "
            f"log_likelihood={self.log_likelihood:.2f}, n_periods={self.n_periods}, "
            f"cohort={self.survivors[0]:g})"
        )

    @property
    def mean_churn(self) -> float:
        """The average churn probability in a new cohort, ``α / (α + β)`` (= 1 − r(1))."""
        return self.alpha / (self.alpha + self.beta)

    def survival(self, periods: int) -> np.ndarray:
        """``S(t)`` for t = 0 … ``periods`` (see :func:`survival`).

        Parameters
        ----------
        periods : int
            The number of periods (≥ 0).

        Returns
        -------
        numpy.ndarray
            ``periods + 1`` shares of the cohort.

        Raises
        ------
        TypeError, ValueError
            When ``periods`` is not a whole number ≥ 0.
        """
        return survival(self.alpha, self.beta, periods)

    def retention_rates(self, periods: int) -> np.ndarray:
        """``r(t)`` for t = 1 … ``periods`` (see :func:`retention_rates`).

        Parameters
        ----------
        periods : int
            The number of periods (≥ 1).

        Returns
        -------
        numpy.ndarray
            ``periods`` retention rates.

        Raises
        ------
        TypeError, ValueError
            When ``periods`` is not a whole number ≥ 1.
        """
        return retention_rates(self.alpha, self.beta, periods)

    def project(self, periods: int, cohort: float | None = None) -> np.ndarray:
        """Expected customers alive at the start of period 0 … ``periods``.

        Parameters
        ----------
        periods : int
            The number of periods to project (≥ 0).
        cohort : float, optional
            The cohort's size; default: the fitted curve's first value.

        Returns
        -------
        numpy.ndarray
            ``periods + 1`` expected customer counts.

        Raises
        ------
        TypeError, ValueError
            When ``periods`` is not a whole number ≥ 0, or ``cohort`` not a positive number.

        Examples
        --------
        >>> fit_sbg([1000, 869, 743, 653, 593, 551, 517, 491]).project(12)[8:].round(0).tolist()
        [460.0, 436.0, 414.0, 395.0, 378.0]
        """
        size = self.survivors[0] if cohort is None else _positive("cohort", cohort)
        return size * self.survival(periods)

    def discounted_expected_lifetime(self, discount_rate: float) -> float:
        """DEL of a new customer (see :func:`discounted_expected_lifetime`).

        Parameters
        ----------
        discount_rate : float
            The discount rate per period (≥ 0).

        Returns
        -------
        float
            DEL, in payments of 1.

        Raises
        ------
        TypeError, ValueError
            When ``discount_rate`` is not a number ≥ 0.
        """
        return discounted_expected_lifetime(self.alpha, self.beta, discount_rate)

    def discounted_expected_residual_lifetime(self, discount_rate: float, renewals: int = 0) -> float:
        """DERL of a customer after ``renewals`` renewals (see :func:`discounted_expected_residual_lifetime`).

        Parameters
        ----------
        discount_rate : float
            The discount rate per period (≥ 0).
        renewals : int, default 0
            How many times the customer has renewed (≥ 0).

        Returns
        -------
        float
            DERL, in payments of 1.

        Raises
        ------
        TypeError, ValueError
            When ``discount_rate`` is not a number ≥ 0, or ``renewals`` not a whole number ≥ 0.
        """
        return discounted_expected_residual_lifetime(self.alpha, self.beta, discount_rate, renewals)

    def derl(self, discount_rate: float, renewals: int = 0) -> float:
        """Deprecated name of :meth:`discounted_expected_residual_lifetime` (kept for one release).

        .. deprecated:: 0.1.0
            Use :meth:`discounted_expected_residual_lifetime`; ``derl`` goes in the next release.

        Parameters
        ----------
        discount_rate : float
            The discount rate per period (≥ 0).
        renewals : int, default 0
            How many times the customer has renewed (≥ 0).

        Returns
        -------
        float
            DERL, in payments of 1.

        Raises
        ------
        TypeError, ValueError
            As :meth:`discounted_expected_residual_lifetime`.

        Warns
        -----
        DeprecationWarning
            On every call.
        """
        warnings.warn("SBGFit.derl is now SBGFit.discounted_expected_residual_lifetime; derl goes in the next "
                      "release", DeprecationWarning, stacklevel=2)
        return self.discounted_expected_residual_lifetime(discount_rate, renewals)


def _start(values: np.ndarray) -> np.ndarray:
    """Starting (log α, log β) from the first two retention rates, or (0, 0) if that fails.

    r1 = β / (α + β) and r2 = (β + 1) / (α + β + 1) solve to α + β = (1 − r2) / (r2 − r1).
    """
    r = values[1:] / np.where(values[:-1] > 0, values[:-1], np.nan)
    if r.size >= 2 and np.all(np.isfinite(r[:2])) and 0 < r[0] < r[1] < 1:
        s = (1.0 - r[1]) / (r[1] - r[0])
        guess = np.array([(1.0 - r[0]) * s, r[0] * s])
    elif 0 < r[0] < 1:
        guess = np.array([1.0, r[0] / (1.0 - r[0])])
    else:
        guess = np.ones(2)
    return np.log(np.clip(guess, 1e-3, 1e3))


def fit_sbg(survivors: Sequence[float] | np.ndarray) -> SBGFit:
    """Fit the sBG model to a survivor curve by maximum likelihood.

    ``survivors[t]`` is the number (or share) of a cohort alive at the start of period t, t = 0 … n
    (``survivors[0]`` is the cohort size). The likelihood (:func:`log_likelihood`) is maximised over
    log α and log β with a projected BFGS (:func:`crmlib.fitting.minimize_in_box`, NumPy) and the
    analytic gradient, starting from the values the first two retention rates imply.

    If the curve shows no sign that customers differ (a constant retention rate), the best fit runs
    off towards α, β → ∞ with a fixed ratio; you get a warning (when α + β > 1000), and the fitted
    curve is still usable. A curve where nobody leaves, or everybody leaves in the first
    period, cannot be fitted and is refused.

    Parameters
    ----------
    survivors : sequence of float or numpy.ndarray
        Customers (or shares) alive at the start of period 0, 1, …, n.

    Returns
    -------
    SBGFit
        The fitted α, β, the log-likelihood and the curve.

    Raises
    ------
    TypeError
        When ``survivors`` is not a sequence of numbers.
    ValueError
        When ``survivors`` is not a valid curve (not one-dimensional, fewer than two values, not finite, negative,
        not starting above 0, or increasing), or shows nobody leaving, or everybody leaving in the first period.

    Warns
    -----
    UserWarning
        When the optimiser did not report convergence, or the curve shows practically no difference between
        customers (α + β > 1000).

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive Marketing*
    21(1), 76–90.

    Examples
    --------
    >>> fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])
    SBGFit(alpha=0.7041, beta=1.1820, log_likelihood=-1680.27, n_periods=7, cohort=1000)
    >>> fit_sbg([100, 100, 100])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: survivors show no customer leaving (100 at the start and at the end); ...
    """
    values = _survivor_curve(survivors)
    if values[-1] == values[0]:
        raise ValueError(
            f"survivors show no customer leaving ({values[0]:g} at the start and at the end); "
            "the sBG model needs some churn to estimate"
        )
    if np.all(values[1:] == 0):
        raise ValueError(
            "survivors show every customer leaving in the first period; the sBG model needs some "
            "customers to renew to estimate"
        )
    scale = 1.0 / values[0]  # optimise the per-customer log-likelihood: tolerances then don't depend on cohort size

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = _loglik_and_grad(theta, values)
        return -ll * scale, -grad * scale

    result = minimize_in_box(objective, _start(values), _LOG_BOUND, ftol=1e-13, gtol=1e-9, maxiter=1000)
    theta = np.asarray(result.x, dtype=float)
    a, b = np.exp(theta)
    if not result.success and a + b <= _HOMOGENEOUS:
        warnings.warn(f"the sBG fit may not have converged: {result.message}", UserWarning, stacklevel=2)
    if a + b > _HOMOGENEOUS:
        warnings.warn(
            f"the sBG fit found practically no difference between customers (alpha={a:.4g}, beta={b:.4g}): "
            f"this survivor curve looks like a constant retention rate of {b / (a + b):.3f} per period, "
            "and the estimates of alpha and beta themselves are not meaningful",
            UserWarning,
            stacklevel=2,
        )
    return SBGFit(
        alpha=float(a),
        beta=float(b),
        log_likelihood=float(_loglik_and_grad(theta, values)[0]),
        n_periods=values.size - 1,
        survivors=tuple(float(v) for v in values),
        converged=bool(result.success),
    )
