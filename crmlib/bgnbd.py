"""Buy-till-you-die models for customers without a contract: BG/NBD for how often they buy,
Gamma-Gamma for how much they spend, and the CLV that combines the two.

- **BG/NBD** (Fader, Hardie & Lee 2005, "'Counting your customers' the easy way: an alternative to
  the Pareto/NBD model", *Marketing Science* 24(2)). While alive, a customer buys at rate λ
  (a Poisson process; λ varies across customers as gamma(r, α)). After each purchase the customer
  may drop out for good with probability p (p varies as beta(a, b)). Nobody sees the drop-out: it
  shows only as a long silence. The model needs, per customer, the RFM summary ``frequency`` x
  (repeat purchases), ``recency`` t_x (time of the last purchase, from the first) and age ``T``
  (time from the first purchase to the end of the calibration period).
- **Gamma-Gamma** (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for customer base
  analysis", *Journal of Marketing Research* 42(4)). A customer's transaction values vary around
  their own mean; the means vary across customers. It is fitted on repeat buyers' average spend and
  shrinks each buyer's average towards the population mean, more so the fewer purchases they made.
  It assumes spend does not depend on how often a customer buys.

:func:`rfm_summary` turns a transaction log (e.g. prepaid top-ups) into the summary the models
need::

    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": [1, 1, 1, 2],
    ...                     "date": pd.to_datetime(["2024-01-01", "2024-01-15", "2024-02-12", "2024-01-08"]),
    ...                     "amount": [20.0, 30.0, 50.0, 10.0]})
    >>> rfm_summary(log, calibration_end="2024-03-04")  # doctest: +NORMALIZE_WHITESPACE
                 frequency  recency     T  monetary_value
    customer_id
    1                    2      6.0   9.0            40.0
    2                    0      0.0   8.0             0.0

Fitting is maximum likelihood (a projected BFGS on the log parameters with analytic gradients,
``crmlib.fitting.minimize_in_box``, in NumPy; SciPy only for the special functions).
"""

from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from crmlib._checks import positive as _positive
from crmlib._checks import frame as _frame
from crmlib._checks import require_columns
from crmlib.fitting import minimize_in_box

__all__ = [
    "BGNBDFit",
    "GammaGammaFit",
    "bgnbd_log_likelihood",
    "customer_lifetime_value",
    "customer_predictions",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "gamma_gamma_log_likelihood",
    "rfm_summary",
]

_LOG_BOUND = math.log(1e6)  # parameters are fitted between 1e-6 and 1e6
_TIME_UNITS = {"D": 1.0, "W": 7.0}


ArrayLike = Any  # a number, a sequence of numbers, a NumPy array or a pandas Series


def _warn_if_unreliable(result: Any, names: tuple[str, ...], model: str) -> None:
    """Say so (a warning) when the optimiser did not converge or a parameter ran to its bound."""
    theta = np.asarray(result.x, dtype=float)
    edge = [f"{n}={math.exp(v):.3g}" for n, v in zip(names, theta) if abs(v) > _LOG_BOUND - 1e-3]
    if edge:
        warnings.warn(
            f"the {model} fit ran to the edge of the parameter range (1e-6 to 1e6) for {', '.join(edge)}: "
            "the data cannot pin these parameters down (too few customers or repeat purchases?)",
            UserWarning,
            stacklevel=3,
        )
    elif not result.success:
        warnings.warn(f"the {model} fit may not have converged: {result.message}", UserWarning, stacklevel=3)


# ----------------------------------------------------------------------------------------------
# input checks
# ----------------------------------------------------------------------------------------------
def _require_frame(table: object, name: str) -> pd.DataFrame:
    frame = _frame(table, name)
    if len(frame) == 0:
        raise ValueError(f"{name} is empty: it needs at least one row")
    return frame


def _require_column(frame: pd.DataFrame, column: object, parameter: str, what: str = "the summary table"
                    ) -> pd.Series:
    require_columns(frame, {parameter: column}, what)
    return frame[column]


def _numeric_column(frame: pd.DataFrame, column: object, parameter: str) -> np.ndarray:
    values = _require_column(frame, column, parameter)
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        raise TypeError(f"column {column!r} ({parameter}) must hold numbers; it holds {values.dtype}")
    array = values.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(array)
    if bad.any():
        raise ValueError(
            f"column {column!r} ({parameter}) has {int(bad.sum())} missing or infinite value(s), "
            f"the first at index {_label(frame, bad)}"
        )
    return array


def _label(frame: pd.DataFrame, mask: np.ndarray) -> str:
    """The index label of the first row where ``mask`` is true, as plain text (no ``np.int64(...)``)."""
    label = frame.index[int(np.argmax(mask))]
    return repr(label.item() if isinstance(label, np.generic) else label)


def _first_bad(frame: pd.DataFrame, mask: np.ndarray) -> str:
    return f"{int(mask.sum())} row(s), the first at index {_label(frame, mask)}"


def _rfm_arrays(
    summary: object, frequency_col: str, recency_col: str, T_col: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Check an RFM summary and return (x, t_x, T) as float arrays."""
    frame = _require_frame(summary, "summary")
    x = _numeric_column(frame, frequency_col, "frequency_col")
    t_x = _numeric_column(frame, recency_col, "recency_col")
    age = _numeric_column(frame, T_col, "T_col")
    checks = [
        (x < 0, f"column {frequency_col!r} (repeat purchases) must not be negative"),
        (x != np.round(x), f"column {frequency_col!r} (repeat purchases) must hold whole numbers"),
        (t_x < 0, f"column {recency_col!r} (recency) must not be negative"),
        (age <= 0, f"column {T_col!r} (customer age T) must be positive"),
        (t_x > age * (1 + 1e-9), f"column {recency_col!r} (recency) must not exceed column {T_col!r} (age T)"),
        ((x == 0) & (t_x != 0),
         f"column {recency_col!r} must be 0 where {frequency_col!r} is 0 (no repeat purchase)"),
        ((x > 0) & (t_x == 0),
         f"column {recency_col!r} must be > 0 where {frequency_col!r} is > 0 (a repeat purchase after the first)"),
    ]
    for mask, message in checks:
        if mask.any():
            i = int(np.argmax(mask))
            raise ValueError(
                f"{message}; found in {_first_bad(frame, mask)} "
                f"({frequency_col}={x[i]:g}, {recency_col}={t_x[i]:g}, {T_col}={age[i]:g})"
            )
    return x, t_x, age


def _array(name: str, values: ArrayLike, *, allow_zero: bool = True) -> np.ndarray:
    """A finite, non-negative float array from a number or array-like."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers; got {values!r}")
    array = np.asarray(values)
    if array.dtype == bool or not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{name} must be a number or an array of numbers; got values of type {array.dtype}")
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers; got {array[~np.isfinite(array)][0]}")
    if np.any(array < 0) or (not allow_zero and np.any(array == 0)):
        sign = "≥ 0" if allow_zero else "> 0"
        bad = array[(array < 0) | (not allow_zero and array == 0)][0]
        raise ValueError(f"{name} must be {sign}; got {bad:g}")
    return array


def _customers(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> tuple[np.ndarray, ...]:
    """Check per-customer arrays (x, t_x, T) passed as numbers or arrays; broadcast them."""
    x, t_x, age = _array("frequency", frequency), _array("recency", recency), _array("T", T, allow_zero=False)
    try:
        x, t_x, age = np.broadcast_arrays(x, t_x, age)
    except ValueError:
        raise ValueError(
            f"frequency, recency and T must have the same length; got shapes {x.shape}, {t_x.shape}, {age.shape}"
        ) from None
    if np.any(x != np.round(x)):
        raise ValueError(f"frequency must hold whole numbers (repeat purchases); got {x[x != np.round(x)].flat[0]:g}")
    if np.any(t_x > age * (1 + 1e-9)):
        i = np.flatnonzero((t_x > age * (1 + 1e-9)).ravel())[0]
        raise ValueError(f"recency must not exceed T; got recency {t_x.flat[i]:g} > T {age.flat[i]:g}")
    if np.any((x == 0) & (t_x != 0)):
        raise ValueError("recency must be 0 where frequency is 0 (no repeat purchase)")
    return x, t_x, age


def _out(value: np.ndarray) -> float | np.ndarray:
    return float(value) if np.ndim(value) == 0 else value


def _checked(name: str, values: np.ndarray) -> np.ndarray:
    if not np.all(np.isfinite(values)):
        raise ArithmeticError(
            f"{name} could not be computed for these parameters (the hypergeometric function ₂F₁ "
            "did not converge); check that a + b > 1 and that the horizon is not extreme"
        )
    return values


# ----------------------------------------------------------------------------------------------
# transaction log -> RFM summary
# ----------------------------------------------------------------------------------------------
def rfm_summary(
    transactions: pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str | None = "amount",
    calibration_end: object = None,
    time_unit: str | float = "W",
) -> pd.DataFrame:
    """The RFM summary BG/NBD and Gamma-Gamma need, from a log of transactions.

    One row per customer whose first purchase falls on or before ``calibration_end`` (default: the
    last date in the log); transactions after it are ignored. Purchases on the same calendar day
    count as one transaction (their amounts are added).

    Times are in ``time_unit``: ``"W"`` weeks (the default, as in the CDNOW studies), ``"D"`` days,
    or a number of days per unit (e.g. ``30.4375`` for months).

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per transaction.
    customer_col : str, default "customer_id"
        The column of customer ids.
    date_col : str, default "date"
        The column of transaction dates (datetime64, or ISO 8601 text).
    amount_col : str or None, default "amount"
        The column of transaction values (≥ 0); None for no ``monetary_value`` column.
    calibration_end : date-like, optional
        The end of the calibration period; default: the last date in the log.
    time_unit : {"W", "D"} or float, default "W"
        The unit of ``recency`` and ``T``: weeks, days, or a number of days per unit.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer (the index named ``customer_col``), with columns

        - ``frequency``: repeat purchases x — purchase days after the first one;
        - ``recency``: t_x, time from the first to the last purchase (0 if no repeat);
        - ``T``: time from the first purchase to ``calibration_end``;
        - ``monetary_value`` (if ``amount_col`` is given): mean value of the *repeat* transactions,
          0 for customers with none (the first purchase is left out, as Fader, Hardie & Lee do).

    Raises
    ------
    TypeError
        When ``transactions`` is not a DataFrame, the dates cannot be read as dates, the amounts are not
        numbers, or ``time_unit`` is neither text nor a number.
    ColumnError
        When a column is not in ``transactions`` (with a near-miss suggestion).
    ValueError
        When ``transactions`` is empty; customer ids or dates are missing; amounts are missing, infinite or
        negative; ``time_unit`` is unknown or not positive; ``calibration_end`` is not a date; or no transaction
        falls on or before it.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base
    analysis. *Journal of Marketing Research* 42(4), 415–430.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"id": ["a", "a", "a", "b"], "day": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-01", "2024-01-03", "2024-01-02"]), "paid": [5.0, 5.0, 8.0, 3.0]})
    >>> rfm_summary(log, customer_col="id", date_col="day", amount_col="paid",
    ...             calibration_end="2024-01-05", time_unit="D")  # doctest: +NORMALIZE_WHITESPACE
        frequency  recency    T  monetary_value
    id
    a           1      2.0  4.0             8.0
    b           0      0.0  3.0             0.0
    >>> rfm_summary(log, customer_col="client")
    Traceback (most recent call last):
    ...
    crmlib._checks.ColumnError: column 'client' (customer_col=) not found in transactions; the table has: id, day, paid
    """
    frame = _require_frame(transactions, "transactions")
    customers = _require_column(frame, customer_col, "customer_col", "transactions")
    if customers.isna().any():
        raise ValueError(
            f"column {customer_col!r} (customer_col) has {int(customers.isna().sum())} missing customer id(s)"
        )
    dates = _require_column(frame, date_col, "date_col", "transactions")
    if not pd.api.types.is_datetime64_any_dtype(dates):
        try:
            dates = pd.to_datetime(dates, format="ISO8601")
        except (ValueError, TypeError) as error:
            raise TypeError(
                f"column {date_col!r} (date_col) must hold dates (datetime64, or text like '2024-03-01'); "
                f"it holds {dates.dtype}: {error}"
            ) from None
    if dates.isna().any():
        raise ValueError(f"column {date_col!r} (date_col) has {int(dates.isna().sum())} missing date(s)")
    if isinstance(time_unit, str):
        if time_unit not in _TIME_UNITS:
            raise ValueError(f"time_unit must be 'D', 'W' or a number of days; got {time_unit!r}")
        unit_days = _TIME_UNITS[time_unit]
    else:
        unit_days = _positive("time_unit", time_unit)
    if amount_col is not None:
        amounts = _numeric_column(frame, amount_col, "amount_col")
        if (amounts < 0).any():
            raise ValueError(
                f"column {amount_col!r} (amount_col) must not be negative (refunds are not purchases); "
                f"found in {_first_bad(frame, amounts < 0)}"
            )
    else:
        amounts = np.zeros(len(frame))

    # whole days since the epoch: purchases on the same calendar day fall together
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    day = dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    if calibration_end is None:
        end_day = int(day.max())
    else:
        try:
            end = pd.Timestamp(calibration_end)
        except (ValueError, TypeError):
            end = pd.NaT
        if pd.isna(end):
            raise ValueError(f"calibration_end must be a date (e.g. '1997-09-30'); got {calibration_end!r}")
        end_day = int(np.datetime64(end.tz_localize(None) if end.tz else end, "D").astype(np.int64))
    keep = day <= end_day
    if not keep.any():
        raise ValueError(
            f"no transaction on or before calibration_end {pd.Timestamp(end_day, unit='D').date()}; "
            f"the first is on {pd.Timestamp(int(day.min()), unit='D').date()}"
        )
    daily = (
        pd.DataFrame({"customer": customers.to_numpy()[keep], "day": day[keep], "amount": amounts[keep]})
        .groupby(["customer", "day"], sort=True)["amount"]
        .sum()
        .reset_index()
    )
    per = daily.groupby("customer", sort=True)
    first = per["day"].min()
    last = per["day"].max()
    n_days = per["day"].size()
    total = per["amount"].sum()
    first_amount = per["amount"].first()  # rows are sorted by day within each customer
    x = (n_days - 1).astype(np.int64)
    out = pd.DataFrame(
        {
            "frequency": x,
            "recency": (last - first).astype(float) / unit_days,
            "T": (end_day - first).astype(float) / unit_days,
        }
    )
    if amount_col is not None:
        repeat_total = (total - first_amount).to_numpy()
        out["monetary_value"] = np.divide(repeat_total, x.to_numpy(), out=np.zeros(len(x)), where=x.to_numpy() > 0)
    out.index.name = customer_col
    return out


# ----------------------------------------------------------------------------------------------
# BG/NBD
# ----------------------------------------------------------------------------------------------
def _bgnbd_ll(
    theta: np.ndarray, x: np.ndarray, t_x: np.ndarray, age: np.ndarray, weight: np.ndarray, grad: bool = True
) -> tuple[float, np.ndarray]:
    """BG/NBD log-likelihood (weighted sum over rows) and its gradient in (log r, log α, log a, log b).

    ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) − (r+x) ln(α+T)
           + [x > 0] ln(1 + exp(D)),   D = ln a − ln(b+x−1) + (r+x) (ln(α+T) − ln(α+t_x))
    """
    r, alpha, a, b = np.exp(theta)
    repeat = x > 0
    rx = r + x
    ln_aT = np.log(alpha + age)
    ln_atx = np.log(alpha + t_x)
    bx1 = np.where(repeat, b + x - 1.0, 1.0)
    d = np.where(repeat, math.log(a) - np.log(bx1) + rx * (ln_aT - ln_atx), -np.inf)
    rows = (
        gammaln(rx) - gammaln(r) + r * math.log(alpha)
        + betaln(a, b + x) - betaln(a, b) - rx * ln_aT
        + np.logaddexp(0.0, d)
    )
    ll = float(weight @ rows)
    if not grad:
        return ll, np.empty(0)
    s = expit(d)  # weight of the "dropped out after the last purchase" branch
    psi_abx = digamma(a + b + x)
    psi_ab = digamma(a + b)
    g_r = weight @ (digamma(rx) + math.log(alpha) - ln_aT + s * (ln_aT - ln_atx)) - weight.sum() * digamma(r)
    g_alpha = weight @ (r / alpha - rx / (alpha + age) + s * rx * (1.0 / (alpha + age) - 1.0 / (alpha + t_x)))
    g_a = weight @ (psi_ab - psi_abx + s / a)
    g_b = weight @ (digamma(b + x) - psi_abx - s / bx1) + weight.sum() * (psi_ab - digamma(b))
    return ll, np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])


def bgnbd_log_likelihood(
    summary: pd.DataFrame,
    r: float,
    alpha: float,
    a: float,
    b: float,
    *,
    frequency_col: str = "frequency",
    recency_col: str = "recency",
    T_col: str = "T",
) -> float:
    """The BG/NBD log-likelihood of an RFM summary at given parameters (Fader, Hardie & Lee 2005, eq. 6).

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer, as :func:`rfm_summary` makes.
    r, alpha : float
        The gamma distribution of purchase rates λ (both > 0).
    a, b : float
        The beta distribution of drop-out probabilities p (both > 0).
    frequency_col, recency_col, T_col : str, default "frequency", "recency", "T"
        The columns of repeat purchases x, recency t_x and age T.

    Returns
    -------
    float
        The log-likelihood, summed over the customers.

    Raises
    ------
    TypeError
        When ``summary`` is not a DataFrame, or a column does not hold numbers.
    ColumnError
        When a column is not in ``summary`` (with a near-miss suggestion).
    ValueError
        When ``summary`` is empty or is not a valid RFM summary: missing or infinite values, negative or
        fractional x, negative t_x, T ≤ 0, t_x > T, t_x ≠ 0 where x = 0 or t_x = 0 where x > 0.
        Also when a parameter is not a positive, finite number (a TypeError when it is not a number).

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way: an alternative to
    the Pareto/NBD model. *Marketing Science* 24(2), 275–284.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"frequency": [2, 0], "recency": [30.43, 0.0], "T": [38.86, 38.86]})
    >>> round(bgnbd_log_likelihood(s, 0.243, 4.414, 0.793, 2.426), 4)
    -10.0133
    """
    x, t_x, age = _rfm_arrays(summary, frequency_col, recency_col, T_col)
    theta = np.log([_positive("r", r), _positive("alpha", alpha), _positive("a", a), _positive("b", b)])
    return _bgnbd_ll(theta, x, t_x, age, np.ones_like(x), grad=False)[0]


@dataclass(frozen=True)
class BGNBDFit:
    """The result of :func:`fit_bgnbd`: the BG/NBD's parameters, and the model's predictions as methods.

    Times are in the unit of the summary the model was fitted on.

    Parameters
    ----------
    r, alpha : float
        The purchase rates: λ ~ gamma(r, α) (both > 0).
    a, b : float
        The drop-out probabilities: p ~ beta(a, b) (both > 0).
    log_likelihood : float
        The maximised log-likelihood.
    n_customers : int
        The number of customers fitted on.
    converged : bool, default True
        Whether the optimiser reported success.

    Raises
    ------
    TypeError
        When a parameter is not a number.
    ValueError
        When ``r``, ``alpha``, ``a`` or ``b`` is not a positive, finite number.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way: an alternative to
    the Pareto/NBD model. *Marketing Science* 24(2), 275–284.

    Examples
    --------
    >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=0.0, n_customers=0)
    >>> fit.params
    {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    n_customers: int
    converged: bool = field(default=True, repr=False)

    def __post_init__(self) -> None:
        for name in ("r", "alpha", "a", "b"):
            _positive(name, getattr(self, name))

    def __repr__(self) -> str:
        return (
            f"BGNBDFit(r={self.r:.4f}, alpha={self.alpha:.4f}, a={self.a:.4f}, b={self.b:.4f}, "
            f"log_likelihood={self.log_likelihood:.2f}, n_customers={self.n_customers})"
        )

    @property
    def params(self) -> dict[str, float]:
        """The four parameters as a dict."""
        return {"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b}

    def _log_odds_dead(self, x: np.ndarray, t_x: np.ndarray, age: np.ndarray) -> np.ndarray:
        repeat = x > 0
        bx1 = np.where(repeat, self.b + x - 1.0, 1.0)
        d = math.log(self.a) - np.log(bx1) + (self.r + x) * (np.log(self.alpha + age) - np.log(self.alpha + t_x))
        return np.where(repeat, d, -np.inf)

    def probability_alive(self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> float | np.ndarray:
        """P(alive | x, t_x, T) at the end of the calibration period (FHL 2005, eq. 11).

        ``1 / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x))``.

        A customer with no repeat purchase counts as alive (probability 1): in the BG/NBD a
        customer can drop out only just after a purchase.

        Parameters
        ----------
        frequency, recency, T : float or array-like
            A customer's (or customers') repeat purchases x, recency t_x and age T, broadcast together.

        Returns
        -------
        float or numpy.ndarray
            The probability (a float for scalar arguments).

        Raises
        ------
        TypeError
            When an argument is not a number or an array of numbers.
        ValueError
            When an argument is negative or not finite, T is 0, the arrays do not broadcast, x is not whole,
            t_x > T, or t_x ≠ 0 where x = 0.

        Examples
        --------
        >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=0.0, n_customers=0)
        >>> fit.probability_alive([2, 2, 0], [30.43, 5.0, 0.0], 38.86).round(3).tolist()
        [0.727, 0.124, 1.0]
        """
        x, t_x, age = _customers(frequency, recency, T)
        return _out(expit(-self._log_odds_dead(x, t_x, age)))

    def expected_purchases(
        self, t: ArrayLike, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> float | np.ndarray:
        """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` time units by a customer with this history.

        FHL 2005, eq. 10::

            (a + b + x − 1) / (a − 1) · [1 − ((α + T)/(α + T + t))^(r + x)
                                         · ₂F₁(r + x, b + x; a + b + x − 1; t / (α + T + t))]
            · P(alive | x, t_x, T)

        Parameters
        ----------
        t : float or array-like
            The horizon, in the summary's time unit (≥ 0).
        frequency, recency, T : float or array-like
            A customer's (or customers') repeat purchases x, recency t_x and age T, broadcast together.

        Returns
        -------
        float or numpy.ndarray
            Expected purchases (a float for scalar arguments).

        Raises
        ------
        TypeError
            When an argument is not a number or an array of numbers.
        ValueError
            When an argument is negative or not finite, T is 0, the arrays do not broadcast, x is not whole,
            t_x > T, or t_x ≠ 0 where x = 0.
        ArithmeticError
            When ₂F₁ does not converge for these parameters and horizon.

        Examples
        --------
        >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=0.0, n_customers=0)
        >>> round(fit.expected_purchases(39, 2, 30.43, 38.86), 3)
        1.226
        """
        horizon = _array("t", t)
        x, t_x, age = _customers(frequency, recency, T)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = horizon / (alpha + age + horizon)
        h = _checked("expected_purchases", hyp2f1(r + x, b + x, a + b + x - 1.0, z))
        bracket = 1.0 - np.exp((r + x) * (np.log(alpha + age) - np.log(alpha + age + horizon))) * h
        return _out((a + b + x - 1.0) / (a - 1.0) * bracket * expit(-self._log_odds_dead(x, t_x, age)))

    def expected_repeat_purchases(self, t: ArrayLike) -> float | np.ndarray:
        """E[X(t)]: expected repeat purchases of a *new* customer within ``t`` time units of their first purchase.

        FHL 2005, eq. 9::

            (a + b − 1) / (a − 1) · [1 − (α / (α + t))^r · ₂F₁(r, b; a + b − 1; t / (α + t))]

        Parameters
        ----------
        t : float or array-like
            The horizon, in the summary's time unit (≥ 0).

        Returns
        -------
        float or numpy.ndarray
            Expected repeat purchases (a float for a scalar ``t``).

        Raises
        ------
        TypeError
            When ``t`` is not a number or an array of numbers.
        ValueError
            When ``t`` is negative or not finite.
        ArithmeticError
            When ₂F₁ does not converge for these parameters and horizon.

        Examples
        --------
        >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=0.0, n_customers=0)
        >>> fit.expected_repeat_purchases([1, 39, 78]).round(3).tolist()
        [0.053, 1.197, 1.861]
        """
        horizon = _array("t", t)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        h = _checked("expected_repeat_purchases", hyp2f1(r, b, a + b - 1.0, horizon / (alpha + horizon)))
        return _out((a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + horizon)) ** r * h))


def _bgnbd_start(x: np.ndarray, age: np.ndarray, weight: np.ndarray) -> np.ndarray:
    # r = 1 and α from the average repeat rate (E[λ] = r/α); a = b = 1 (mean drop-out 1/2)
    rate = (weight @ x) / (weight @ age)
    return np.log([1.0, float(np.clip(1.0 / rate, 1e-3, 1e5)), 1.0, 1.0])


def fit_bgnbd(
    summary: pd.DataFrame,
    *,
    frequency_col: str = "frequency",
    recency_col: str = "recency",
    T_col: str = "T",
) -> BGNBDFit:
    """Fit the BG/NBD model to an RFM summary by maximum likelihood.

    ``summary`` has one row per customer: repeat purchases x (``frequency_col``), recency t_x
    (``recency_col``) and age T (``T_col``), in one time unit (e.g. weeks), as :func:`rfm_summary`
    makes. Customers with the same (x, t_x, T) are pooled, and the log-likelihood is maximised
    over the log parameters with a projected BFGS (:func:`crmlib.fitting.minimize_in_box`) and its analytic
    gradient.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer.
    frequency_col, recency_col, T_col : str, default "frequency", "recency", "T"
        The columns of repeat purchases x, recency t_x and age T.

    Returns
    -------
    BGNBDFit
        The fitted parameters and log-likelihood.

    Raises
    ------
    TypeError
        When ``summary`` is not a DataFrame, or a column does not hold numbers.
    ColumnError
        When a column is not in ``summary`` (with a near-miss suggestion).
    ValueError
        When ``summary`` is empty or is not a valid RFM summary: missing or infinite values, negative or
        fractional x, negative t_x, T ≤ 0, t_x > T, t_x ≠ 0 where x = 0 or t_x = 0 where x > 0.
        Also when no customer has a repeat purchase.

    Warns
    -----
    UserWarning
        When a parameter runs to the edge of its range (1e-6 to 1e6) or the optimiser did not converge.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way: an alternative to
    the Pareto/NBD model. *Marketing Science* 24(2), 275–284.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"frequency": [0, 1, 3, 0, 2, 5, 1, 0],
    ...                   "recency": [0, 10, 30, 0, 12, 35, 3, 0],
    ...                   "T": [40, 38, 39, 36, 40, 38, 35, 39]})
    >>> fit = fit_bgnbd(s)
    >>> fit.n_customers, round(fit.r, 2), round(fit.log_likelihood, 2)
    (8, 0.92, -49.38)
    >>> fit_bgnbd(s.assign(recency=[0, 10, 45, 0, 12, 35, 3, 0]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: column 'recency' (recency) must not exceed column 'T' (age T); found in 1 row(s), the first at index 2 ...
    """
    x, t_x, age = _rfm_arrays(summary, frequency_col, recency_col, T_col)
    if not (x > 0).any():
        raise ValueError(
            f"column {frequency_col!r} is 0 for every customer: with no repeat purchase the BG/NBD cannot be fitted"
        )
    unique, weight = np.unique(np.column_stack([x, t_x, age]), axis=0, return_counts=True)
    ux, utx, uage = unique.T
    weight = weight.astype(float)
    scale = 1.0 / weight.sum()  # per-customer log-likelihood: tolerances independent of sample size

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = _bgnbd_ll(theta, ux, utx, uage, weight)
        return -ll * scale, -grad * scale

    result = minimize_in_box(objective, _bgnbd_start(ux, uage, weight), _LOG_BOUND,
                             ftol=1e-13, gtol=1e-8, maxiter=2000)
    _warn_if_unreliable(result, ("r", "alpha", "a", "b"), "BG/NBD")
    theta = np.asarray(result.x, dtype=float)
    r, alpha, a, b = (float(v) for v in np.exp(theta))
    return BGNBDFit(
        r=r, alpha=alpha, a=a, b=b,
        log_likelihood=_bgnbd_ll(theta, ux, utx, uage, weight, grad=False)[0],
        n_customers=int(x.size),
        converged=bool(result.success),
    )


# ----------------------------------------------------------------------------------------------
# Gamma-Gamma
# ----------------------------------------------------------------------------------------------
def _gg_ll(theta: np.ndarray, x: np.ndarray, z: np.ndarray, grad: bool = True) -> tuple[float, np.ndarray]:
    """Gamma-Gamma log-likelihood of repeat buyers' mean spend z over x transactions, and its
    gradient in (log p, log q, log γ)."""
    p, q, g = np.exp(theta)
    px = p * x
    ln_gxz = np.log(g + x * z)
    ln_x, ln_z = np.log(x), np.log(z)
    rows = (
        gammaln(px + q) - gammaln(px) - gammaln(q) + q * math.log(g)
        + (px - 1.0) * ln_z + px * ln_x - (px + q) * ln_gxz
    )
    ll = float(rows.sum())
    if not grad:
        return ll, np.empty(0)
    psi = digamma(px + q)
    g_p = np.sum(x * (psi - digamma(px) + ln_z + ln_x - ln_gxz))
    g_q = np.sum(psi - ln_gxz) + x.size * (math.log(g) - digamma(q))
    g_g = x.size * q / g - np.sum((px + q) / (g + x * z))
    return ll, np.array([g_p * p, g_q * q, g_g * g])


def _spend_arrays(summary: object, frequency_col: str, monetary_col: str) -> tuple[np.ndarray, np.ndarray]:
    frame = _require_frame(summary, "summary")
    x = _numeric_column(frame, frequency_col, "frequency_col")
    z = _numeric_column(frame, monetary_col, "monetary_col")
    if (x < 0).any() or (x != np.round(x)).any():
        bad = (x < 0) | (x != np.round(x))
        raise ValueError(
            f"column {frequency_col!r} must hold whole numbers ≥ 0; found otherwise in {_first_bad(frame, bad)}"
        )
    repeat = x > 0
    if not repeat.any():
        raise ValueError(
            f"column {frequency_col!r} is 0 for every customer: the Gamma-Gamma model is fitted on repeat buyers only"
        )
    bad = repeat & (z <= 0)
    if bad.any():
        raise ValueError(
            f"column {monetary_col!r} (monetary_col) must be > 0 for repeat buyers ({frequency_col} > 0); "
            f"found {z[np.argmax(bad)]:g} in {_first_bad(frame, bad)}"
        )
    return x[repeat], z[repeat]


def gamma_gamma_log_likelihood(
    summary: pd.DataFrame,
    p: float,
    q: float,
    gamma: float,
    *,
    frequency_col: str = "frequency",
    monetary_col: str = "monetary_value",
) -> float:
    """Gamma-Gamma log-likelihood of the repeat buyers' (``frequency > 0``) mean spend.

    Each buyer's mean spend z̄ over x transactions has density
    ``Γ(px + q) / (Γ(px) Γ(q)) · γ^q · x^(px) · z̄^(px − 1) / (γ + x z̄)^(px + q)``.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer, as :func:`rfm_summary` makes.
    p : float
        The shape of each transaction's value (> 0).
    q, gamma : float
        How customers' mean spend varies (both > 0).
    frequency_col : str, default "frequency"
        The column of repeat purchases x.
    monetary_col : str, default "monetary_value"
        The column of mean repeat spend z̄.

    Returns
    -------
    float
        The log-likelihood, summed over the repeat buyers.

    Raises
    ------
    TypeError
        When ``summary`` is not a DataFrame, a column does not hold numbers, or a parameter is not a number.
    ColumnError
        When a column is not in ``summary``.
    ValueError
        When ``summary`` is empty, has missing values, x is negative or fractional, nobody has a repeat
        purchase, z̄ ≤ 0 for a repeat buyer, or a parameter is not positive.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base
    analysis. *Journal of Marketing Research* 42(4), 415–430.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"frequency": [1, 3, 0], "monetary_value": [20.0, 35.0, 0.0]})
    >>> round(gamma_gamma_log_likelihood(s, 6.25, 3.74, 15.44), 4)
    -7.6582
    """
    x, z = _spend_arrays(summary, frequency_col, monetary_col)
    theta = np.log([_positive("p", p), _positive("q", q), _positive("gamma", gamma)])
    return _gg_ll(theta, x, z, grad=False)[0]


@dataclass(frozen=True)
class GammaGammaFit:
    """The result of :func:`fit_gamma_gamma`: the Gamma-Gamma spend model's parameters.

    Parameters
    ----------
    p : float
        The shape of each transaction's value (> 0).
    q, gamma : float
        How customers' mean spend varies (both > 0).
    log_likelihood : float
        The maximised log-likelihood.
    n_customers : int
        The number of repeat buyers fitted on.
    converged : bool, default True
        Whether the optimiser reported success.

    Raises
    ------
    TypeError
        When ``p``, ``q`` or ``gamma`` is not a number.
    ValueError
        When ``p``, ``q`` or ``gamma`` is not a positive, finite number.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base
    analysis. *Journal of Marketing Research* 42(4), 415–430.

    Examples
    --------
    >>> gg = GammaGammaFit(p=6.25, q=3.74, gamma=15.44, log_likelihood=0.0, n_customers=0)
    >>> round(gg.mean_spend, 2)
    35.22
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float
    n_customers: int
    converged: bool = field(default=True, repr=False)

    def __post_init__(self) -> None:
        for name in ("p", "q", "gamma"):
            _positive(name, getattr(self, name))

    def __repr__(self) -> str:
        return (
            f"GammaGammaFit(p={self.p:.4f}, q={self.q:.4f}, gamma={self.gamma:.4f}, "
            f"log_likelihood={self.log_likelihood:.2f}, n_customers={self.n_customers})"
        )

    @property
    def mean_spend(self) -> float:
        """The population's mean transaction value ``p γ / (q − 1)`` (infinite when q ≤ 1)."""
        return math.inf if self.q <= 1 else self.p * self.gamma / (self.q - 1.0)

    def expected_average_spend(self, frequency: ArrayLike, monetary_value: ArrayLike) -> float | np.ndarray:
        """E[M | x, z̄]: a customer's expected value per transaction (FHL 2005 "RFM and CLV", eq. 5).

        ::

            (γ + x z̄) p / (p x + q − 1)
            = (q − 1)/(p x + q − 1) · p γ/(q − 1)  +  p x/(p x + q − 1) · z̄

        a weighted average of the population mean and the customer's own mean z̄, leaning towards
        z̄ the more transactions x it rests on. For x = 0 it is the population mean.

        Parameters
        ----------
        frequency : float or array-like
            Repeat transactions x (≥ 0).
        monetary_value : float or array-like
            The customer's mean repeat spend z̄ (≥ 0), broadcast with ``frequency``.

        Returns
        -------
        float or numpy.ndarray
            Expected spend per transaction (a float for scalar arguments).

        Raises
        ------
        TypeError
            When an argument is not a number or an array of numbers.
        ValueError
            When an argument is negative or not finite, or a customer has x = 0 while q ≤ 1 (no population mean).

        Examples
        --------
        >>> gg = GammaGammaFit(p=6.25, q=3.74, gamma=15.44, log_likelihood=0.0, n_customers=0)
        >>> gg.expected_average_spend([0, 1, 10], [0.0, 100.0, 100.0]).round(2).tolist()
        [35.22, 80.26, 97.28]
        """
        x = _array("frequency", frequency)
        z = _array("monetary_value", monetary_value)
        if self.q <= 1 and np.any(x == 0):
            raise ValueError(f"the population mean spend does not exist when q ≤ 1 (q = {self.q:.4g}); "
                             "predict for repeat buyers (frequency > 0) only")
        x, z = np.broadcast_arrays(x, z)
        return _out((self.gamma + x * z) * self.p / (self.p * x + self.q - 1.0))


def fit_gamma_gamma(
    summary: pd.DataFrame,
    *,
    frequency_col: str = "frequency",
    monetary_col: str = "monetary_value",
) -> GammaGammaFit:
    """Fit the Gamma-Gamma spend model by maximum likelihood on the repeat buyers of ``summary``.

    Only rows with ``frequency > 0`` are used; there ``monetary_col`` must be the mean value of
    the repeat transactions (as :func:`rfm_summary` computes it) and positive. The model assumes
    a customer's spend per transaction is unrelated to how often they buy — check that the
    correlation between frequency and mean spend is weak before you rely on it.

    With too few repeat buyers the parameters are not pinned down and the fit warns; 300 simulated
    buyers (p = 6, q = 4, γ = 15) are enough (see the example).

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer, as :func:`rfm_summary` makes.
    frequency_col : str, default "frequency"
        The column of repeat purchases x.
    monetary_col : str, default "monetary_value"
        The column of mean repeat spend z̄.

    Returns
    -------
    GammaGammaFit
        The fitted parameters and log-likelihood.

    Raises
    ------
    TypeError
        When ``summary`` is not a DataFrame, or a column does not hold numbers.
    ColumnError
        When a column is not in ``summary``.
    ValueError
        When ``summary`` is empty, has missing values, x is negative or fractional, nobody has a repeat
        purchase, or z̄ ≤ 0 for a repeat buyer.

    Warns
    -----
    UserWarning
        When a parameter runs to the edge of its range (1e-6 to 1e6) or the optimiser did not converge.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base
    analysis. *Journal of Marketing Research* 42(4), 415–430.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> x = rng.integers(1, 8, 300)                    # repeat transactions per customer
    >>> nu = rng.gamma(4.0, 1 / 15.0, 300)             # each customer's spend rate ~ Gamma(q, γ)
    >>> z = rng.gamma(6.0 * x, 1 / (nu * x))           # mean of x spends ~ Gamma(p, ν) each
    >>> fit = fit_gamma_gamma(pd.DataFrame({"frequency": x, "monetary_value": z}))
    >>> fit.n_customers, round(fit.mean_spend)
    (300, 30)
    """
    x, z = _spend_arrays(summary, frequency_col, monetary_col)
    # start: p = 1, q = 3 and γ matching the mean spend (p γ / (q − 1) = mean z̄)
    start = np.log([1.0, 3.0, 2.0 * float(np.mean(z))])

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = _gg_ll(theta, x, z)
        return -ll / x.size, -grad / x.size

    result = minimize_in_box(objective, start, _LOG_BOUND, ftol=1e-13, gtol=1e-8, maxiter=2000)
    _warn_if_unreliable(result, ("p", "q", "gamma"), "Gamma-Gamma")
    theta = np.asarray(result.x, dtype=float)
    p, q, g = (float(v) for v in np.exp(theta))
    return GammaGammaFit(
        p=p, q=q, gamma=g,
        log_likelihood=_gg_ll(theta, x, z, grad=False)[0],
        n_customers=int(x.size),
        converged=bool(result.success),
    )


# ----------------------------------------------------------------------------------------------
# predictions and CLV
# ----------------------------------------------------------------------------------------------
def customer_predictions(
    fit: BGNBDFit,
    summary: pd.DataFrame,
    t: float,
    *,
    frequency_col: str = "frequency",
    recency_col: str = "recency",
    T_col: str = "T",
) -> pd.DataFrame:
    """Per customer: probability alive and expected purchases in the next ``t`` time units.

    Parameters
    ----------
    fit : BGNBDFit
        A fitted BG/NBD model (from :func:`fit_bgnbd`).
    summary : pandas.DataFrame
        One row per customer, in the fit's time unit.
    t : float
        The horizon, in the summary's time unit (≥ 0).
    frequency_col, recency_col, T_col : str, default "frequency", "recency", "T"
        The columns of repeat purchases x, recency t_x and age T.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``summary``, with columns ``p_alive`` and ``expected_purchases``.

    Raises
    ------
    TypeError
        When ``fit`` is not a BGNBDFit, ``summary`` is not a DataFrame, a column does not hold numbers, or ``t``
        is not a number.
    ColumnError
        When a column is not in ``summary``.
    ValueError
        When ``summary`` is empty or not a valid RFM summary (see :func:`fit_bgnbd`), or ``t`` is negative.
    ArithmeticError
        When ₂F₁ does not converge for these parameters and horizon.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way: an alternative to
    the Pareto/NBD model. *Marketing Science* 24(2), 275–284.

    Examples
    --------
    >>> import pandas as pd
    >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=0.0, n_customers=0)
    >>> s = pd.DataFrame({"frequency": [2, 0], "recency": [30.43, 0.0], "T": [38.86, 38.86]}, index=["c1", "c2"])
    >>> customer_predictions(fit, s, 39).round(3)
        p_alive  expected_purchases
    c1    0.727               1.226
    c2    1.000               0.195
    """
    if not isinstance(fit, BGNBDFit):
        raise TypeError(f"fit must be a BGNBDFit (from fit_bgnbd); got {type(fit).__name__}")
    x, t_x, age = _rfm_arrays(summary, frequency_col, recency_col, T_col)
    horizon = float(_array("t", t))
    return pd.DataFrame(
        {
            "p_alive": fit.probability_alive(x, t_x, age),
            "expected_purchases": fit.expected_purchases(horizon, x, t_x, age),
        },
        index=summary.index,
    )


def customer_lifetime_value(
    purchases: BGNBDFit,
    spend: GammaGammaFit,
    summary: pd.DataFrame,
    *,
    periods: int,
    period_length: float,
    discount_rate: float,
    margin: float = 1.0,
    frequency_col: str = "frequency",
    recency_col: str = "recency",
    T_col: str = "T",
    monetary_col: str = "monetary_value",
) -> pd.Series:
    """Each customer's expected, discounted margin over the next ``periods`` periods.

    Formula, for customer i with history (x, t_x, T) and mean repeat spend z̄, a period of
    length L (in the summary's time unit, e.g. ``52/12`` weeks for a month) and a discount rate
    d per period::

        CLV_i = margin · E[M | x, z̄] · Σ_{k=1..periods} (E[Y(kL)] − E[Y((k−1)L)]) / (1 + d)^k

    E[Y(·)] is the BG/NBD's conditional expected purchases (:meth:`BGNBDFit.expected_purchases`),
    E[M] the Gamma-Gamma expected spend (:meth:`GammaGammaFit.expected_average_spend`).

    Simplifying assumptions: spend per transaction is independent of the purchase process (so
    expected value = expected purchases × expected spend); ``margin`` is a constant share of spend;
    the purchases of period k are all valued at its end; nothing after the horizon counts; the
    fitted parameters stay valid over the horizon; no costs of serving or keeping the customer.
    Customers with no repeat purchase get the population mean spend.

    Parameters
    ----------
    purchases : BGNBDFit
        The purchase model (from :func:`fit_bgnbd`).
    spend : GammaGammaFit
        The spend model (from :func:`fit_gamma_gamma`).
    summary : pandas.DataFrame
        One row per customer, in the fit's time unit.
    periods : int
        The number of periods of the horizon (≥ 1).
    period_length : float
        The length L of a period, in the summary's time unit (> 0).
    discount_rate : float
        The discount rate d per period (≥ 0).
    margin : float, default 1.0
        The share of spend that is margin.
    frequency_col, recency_col, T_col : str, default "frequency", "recency", "T"
        The columns of repeat purchases x, recency t_x and age T.
    monetary_col : str, default "monetary_value"
        The column of mean repeat spend z̄.

    Returns
    -------
    pandas.Series
        The CLV of each customer, indexed like ``summary`` and named ``clv``.

    Raises
    ------
    TypeError
        When ``purchases`` or ``spend`` is not a fit of the right model, ``summary`` is not a DataFrame, a column
        does not hold numbers, or ``period_length`` is not a number.
    ColumnError
        When a column is not in ``summary``.
    ValueError
        When ``periods`` is not a whole number ≥ 1, ``period_length`` is not positive, ``discount_rate`` is not a
        number ≥ 0, ``margin`` is not a finite number, ``summary`` is not a valid RFM summary, or a repeat buyer's
        mean spend is not above 0.
    ArithmeticError
        When ₂F₁ does not converge for these parameters and horizon.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base
    analysis. *Journal of Marketing Research* 42(4), 415–430.

    Examples
    --------
    >>> import pandas as pd
    >>> bg = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=0.0, n_customers=0)
    >>> gg = GammaGammaFit(p=6.25, q=3.74, gamma=15.44, log_likelihood=0.0, n_customers=0)
    >>> s = pd.DataFrame({"frequency": [2, 0], "recency": [30.43, 0.0], "T": [38.86, 38.86],
    ...                   "monetary_value": [22.35, 0.0]}, index=["c1", "c2"])
    >>> customer_lifetime_value(bg, gg, s, periods=12, period_length=52 / 12, discount_rate=0.01,
    ...                         margin=0.3).round(2)
    c1    10.86
    c2     2.50
    Name: clv, dtype: float64
    """
    if not isinstance(purchases, BGNBDFit):
        raise TypeError(f"purchases must be a BGNBDFit (from fit_bgnbd); got {type(purchases).__name__}")
    if not isinstance(spend, GammaGammaFit):
        raise TypeError(f"spend must be a GammaGammaFit (from fit_gamma_gamma); got {type(spend).__name__}")
    if isinstance(periods, bool) or not isinstance(periods, numbers.Integral) or periods < 1:
        raise ValueError(f"periods must be a whole number ≥ 1; got {periods!r}")
    length = _positive("period_length", period_length)
    if isinstance(discount_rate, bool) or not isinstance(discount_rate, numbers.Real) or not (
        math.isfinite(discount_rate) and discount_rate >= 0
    ):
        raise ValueError(
            f"discount_rate must be a number ≥ 0 per period (e.g. 0.01 for 1 % a month); got {discount_rate!r}"
        )
    if isinstance(margin, bool) or not isinstance(margin, numbers.Real) or not math.isfinite(margin):
        raise ValueError(f"margin must be a number (a share of spend, e.g. 0.3); got {margin!r}")
    x, t_x, age = _rfm_arrays(summary, frequency_col, recency_col, T_col)
    z = _numeric_column(summary, monetary_col, "monetary_col")
    if ((x > 0) & (z <= 0)).any():
        bad = (x > 0) & (z <= 0)
        raise ValueError(f"column {monetary_col!r} must be > 0 for repeat buyers; found in {_first_bad(summary, bad)}")
    k = np.arange(periods + 1, dtype=float)
    cumulative = purchases.expected_purchases(k[:, None] * length, x[None, :], t_x[None, :], age[None, :])
    discount = (1.0 + float(discount_rate)) ** -k[1:]
    discounted = discount @ np.diff(cumulative, axis=0)
    value = float(margin) * spend.expected_average_spend(x, np.where(x > 0, z, 0.0)) * discounted
    return pd.Series(value, index=summary.index, name="clv")
