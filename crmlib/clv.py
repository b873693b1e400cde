"""Customer lifetime value (客户终生价值, CLV): what a customer relationship is worth today.

A customer's value has three parts (course notes S0):

- **historical value** (历史价值): the margin the customer has already brought, carried forward
  to today at the discount rate (money earned earlier could have been earning interest since);
- **current value** (当前价值): what the customer will bring if they go on as they do now — this
  year's margin, kept for as long as they stay, discounted;
- **potential value** (潜在价值): the extra value if the firm won more of the customer's spending
  (the part of their wallet that now goes to rivals).

The retention-based CLV of a customer who brings ``margin`` per period, stays each period with
probability ``r`` and whose future margins are discounted at rate ``d``::

    CLV = Σ_{t≥1} margin · r^t / (1 + d)^t = margin · r / (1 + d − r)

The factor ``r / (1 + d − r)`` is the **margin multiple** (Gupta & Lehmann 2003, "Customers as
assets", *Journal of Interactive Marketing* 17(1)): with r = 0.8 and d = 0.10 a customer is worth
2.67 times their yearly margin. Margins are counted at the end of each period the customer stays.

    >>> round(margin_multiple(0.8, 0.10), 2)
    2.67
    >>> round(retention_clv(1200, 0.8, 0.10), 2)
    3200.0
    >>> round(finite_clv(1200, 0.8, 0.10, horizon=5), 2)
    2548.92

Cohort tables (``cohort_table``) count, for customers who joined in the same period, how many are
still customers 1, 2, … periods later: the retention curves that the CLV's ``r`` summarises.

Pure, vectorised functions; margins may be single numbers or one per customer (an array or a
Series, whose index is kept). Nothing here prints or plots.
"""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from crmlib._checks import share as _share
from crmlib.concentration import day_numbers, numbers_of, require_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["clv_schedule", "cohort_table", "current_value", "finite_clv", "historical_value", "margin_multiple",
           "potential_value", "retention_clv", "survival_from_retention"]

#: Periods a cohort table can count in: months, quarters or years.
FREQUENCIES = {"M": 12, "Q": 4, "Y": 1}


# ------------------------------------------------------------------------------------------ checks
def _rate(name: str, value: object, *, high: float = 1.0, example: str = "0.8 for 80 %") -> Any:
    """A rate (a number, or an array of them) between 0 and ``high``, checked."""
    if isinstance(value, bool) or isinstance(value, numbers.Real):
        if high == 1.0:
            return _share(name, value, example=0.8)
        x = float(value)
        if math.isnan(x) or not 0 <= x <= high:
            raise ValueError(f"{name} must be between 0 and {high:g} (e.g. {example}); got {value}")
        return x
    array = numbers_of(value, name=name)
    if (array < 0).any() or (array > high).any():
        bad = array[(array < 0) | (array > high)][0]
        wording = "a share from 0 to 1" if high == 1.0 else f"between 0 and {high:g}"
        raise ValueError(f"{name} must be {wording} (e.g. {example}); found {bad:g}")
    return array


def _discount(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(float(value)):
        raise TypeError(f"discount_rate must be a number ≥ 0 per period (e.g. 0.10 for 10 % a year); got {value!r}")
    if not 0 <= float(value) < 10:
        raise ValueError(f"discount_rate must be a number ≥ 0 per period (e.g. 0.10 for 10 % a year); got {value}")
    return float(value)


def _horizon(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or int(value) < 1:
        raise ValueError(f"horizon must be a whole number of periods ≥ 1 (e.g. 5 years); got {value!r}")
    return int(value)


def _margin(margin: Any) -> tuple[Any, Any]:
    """(the margin as a float or float array, a function that puts a result back in margin's shape)."""
    import pandas as pd

    if isinstance(margin, numbers.Real) and not isinstance(margin, bool):
        if not math.isfinite(float(margin)):
            raise ValueError(f"margin must be a finite amount per period; got {margin}")
        return float(margin), float
    values = numbers_of(margin, name="margin")
    if isinstance(margin, pd.Series):
        return values, lambda v: pd.Series(v, index=margin.index, name=margin.name)
    return values, lambda v: v


# ------------------------------------------------------------------------------- retention-based CLV
def margin_multiple(retention_rate: Any, discount_rate: float) -> Any:
    """``r / (1 + d − r)``: how many times a customer's per-period margin their CLV is.

    The multiple holds when a share ``r`` stays each period for ever and future margins are discounted at ``d``
    per period.

    Parameters
    ----------
    retention_rate : float or array-like
        The share who stay each period (0 to 1); an array gives one rate per customer.
    discount_rate : float
        The discount rate per period (≥ 0, e.g. 0.10 for 10 % a year).

    Returns
    -------
    float or numpy.ndarray
        The margin multiple, shaped like ``retention_rate``.

    Raises
    ------
    TypeError
        When ``discount_rate`` is not a number, or a rate array does not hold numbers.
    ValueError
        When a rate is outside 0 to 1 (a percentage such as 80), or missing; ``discount_rate`` is negative or
        10 or more.
        Also when ``retention_rate`` is 1 with ``discount_rate`` 0 (the value never stops growing).

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing* 17(1), 9–24.

    Examples
    --------
    >>> round(margin_multiple(0.8, 0.10), 4)
    2.6667
    >>> round(margin_multiple(0.9, 0.0), 6)
    9.0
    >>> margin_multiple(1.0, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: with retention_rate 1 and discount_rate 0 the value never stops growing; use a discount rate above 0 or a finite horizon
    >>> margin_multiple(80, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: retention_rate must be a share from 0 to 1 (e.g. 0.8 for 80 %); got 80
    """
    r = _rate("retention_rate", retention_rate)
    d = _discount(discount_rate)
    if d == 0 and np.any(np.asarray(r) == 1.0):
        raise ValueError("with retention_rate 1 and discount_rate 0 the value never stops growing; use a discount "
                         "rate above 0 or a finite horizon")
    return r / (1.0 + d - r)


def retention_clv(margin: Any, retention_rate: Any, discount_rate: float) -> Any:
    """Lifetime value ``margin × r / (1 + d − r)`` of customers who bring ``margin`` per period.

    Parameters
    ----------
    margin : float or array-like or pandas.Series
        One amount per period, or one per customer (a Series keeps its index).
    retention_rate : float or array-like
        The share who stay each period (0 to 1), one rate or one per customer.
    discount_rate : float
        The discount rate per period (≥ 0).

    Returns
    -------
    float or numpy.ndarray or pandas.Series
        The CLV, shaped like ``margin``.

    Raises
    ------
    TypeError
        When ``discount_rate`` is not a number, or a rate array does not hold numbers.
    ValueError
        When a rate is outside 0 to 1 (a percentage such as 80), or missing; ``discount_rate`` is negative or
        10 or more.
        Also when ``margin`` is not finite, and when ``retention_rate`` is 1 with ``discount_rate`` 0.

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing* 17(1), 9–24.

    Examples
    --------
    >>> retention_clv(1000, 0.75, 0.25)
    1500.0
    >>> import pandas as pd
    >>> retention_clv(pd.Series([100.0, -50.0], index=["a", "b"]), 0.8, 0.1).round(1).to_dict()
    {'a': 266.7, 'b': -133.3}
    """
    values, shape = _margin(margin)
    return shape(values * margin_multiple(retention_rate, discount_rate))


def current_value(margin: Any, retention_rate: Any, discount_rate: float) -> Any:
    """Current value (当前价值): this period's margin kept for as long as the customer stays, today's money.

    It is the retention-based CLV of the margin the customer brings now, assuming their behaviour
    stays as it is (no growth, no decline).

    Parameters
    ----------
    margin : float or array-like or pandas.Series
        This period's margin, one amount or one per customer.
    retention_rate : float or array-like
        The share who stay each period (0 to 1).
    discount_rate : float
        The discount rate per period (≥ 0).

    Returns
    -------
    float or numpy.ndarray or pandas.Series
        The current value, shaped like ``margin``.

    Raises
    ------
    TypeError, ValueError
        As :func:`retention_clv`.

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing* 17(1), 9–24.

    Examples
    --------
    >>> round(current_value(1200, 0.8, 0.10), 2)
    3200.0
    """
    return retention_clv(margin, retention_rate, discount_rate)


def survival_from_retention(retention_rate: float, horizon: int) -> np.ndarray:
    """Share of customers still there at the end of periods 1..horizon under constant retention: r^t.

    Parameters
    ----------
    retention_rate : float
        The share who stay each period (0 to 1), one number.
    horizon : int
        The number of periods (≥ 1).

    Returns
    -------
    numpy.ndarray
        ``horizon`` shares, for periods 1 … ``horizon``.

    Raises
    ------
    TypeError
        When ``retention_rate`` is an array rather than one number.
    ValueError
        When ``retention_rate`` is outside 0 to 1, or ``horizon`` is not a whole number ≥ 1.

    Examples
    --------
    >>> survival_from_retention(0.8, 3).round(3).tolist()
    [0.8, 0.64, 0.512]
    """
    r = _rate("retention_rate", retention_rate)
    if not isinstance(r, float):
        raise TypeError("retention_rate must be one number here (a constant rate for every period)")
    return r ** np.arange(1, _horizon(horizon) + 1, dtype=float)


def _survival_curve(survival: Any, horizon: int | None) -> np.ndarray:
    curve = numbers_of(survival, name="survival")
    if (curve < 0).any() or (curve > 1).any() or (np.diff(curve) > 1e-12).any():
        raise ValueError("survival must be shares between 0 and 1 that never rise: the share of customers still "
                         "there at the end of periods 1, 2, …")
    if horizon is not None and curve.size < horizon:
        raise ValueError(f"survival has {curve.size} period(s) but horizon is {horizon}; give at least {horizon}")
    return curve[:horizon] if horizon is not None else curve


def finite_clv(margin: Any, retention_rate: float | None = None, discount_rate: float = 0.1,
               horizon: int | None = None, *, survival: Any = None) -> Any:
    """CLV over a finite horizon: ``Σ_{t=1..H} margin · S(t) / (1 + d)^t``.

    ``S(t)`` is the share of customers still there at the end of period t: ``r^t`` for a constant
    ``retention_rate``, or any retention curve given as ``survival`` (periods 1, 2, …; e.g. an sBG
    projection or a cohort's measured curve, so retention may rise with tenure). Without ``horizon``
    the whole ``survival`` curve is used. As the horizon grows, the constant-rate version tends to
    :func:`retention_clv`.

    Parameters
    ----------
    margin : float or array-like or pandas.Series
        One amount per period, or one per customer (a Series keeps its index).
    retention_rate : float, optional
        A constant retention rate (0 to 1); give it with ``horizon``, or give ``survival`` instead.
    discount_rate : float, default 0.1
        The discount rate per period (≥ 0).
    horizon : int, optional
        The number of periods to count (≥ 1).
    survival : array-like, optional
        Shares still there at the end of periods 1, 2, … (from 0 to 1, never rising).

    Returns
    -------
    float or numpy.ndarray or pandas.Series
        The CLV over the horizon, shaped like ``margin``.

    Raises
    ------
    TypeError
        When ``discount_rate`` or ``survival`` does not hold numbers.
    ValueError
        When neither a constant rate with a horizon nor a survival curve is given, or both a rate and a curve;
        when a rate is outside 0 to 1, ``discount_rate`` is negative, ``horizon`` is not a whole number ≥ 1, the
        curve rises or leaves 0 to 1 or is shorter than ``horizon``, or ``margin`` is not finite.

    Examples
    --------
    >>> round(finite_clv(100, 0.5, 0.0, horizon=2), 2)
    75.0
    >>> round(finite_clv(100, discount_rate=0.0, survival=[0.9, 0.6]), 2)
    150.0
    >>> finite_clv(100, 0.8, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: give horizon (periods to count) with a constant retention_rate, or a survival curve
    """
    values, shape = _margin(margin)
    d = _discount(discount_rate)
    if survival is None:
        if retention_rate is None or horizon is None:
            raise ValueError("give horizon (periods to count) with a constant retention_rate, or a survival curve")
        curve = survival_from_retention(retention_rate, horizon)
    else:
        if retention_rate is not None:
            raise ValueError("give either retention_rate or survival, not both")
        curve = _survival_curve(survival, None if horizon is None else _horizon(horizon))
    weight = float(curve @ (1.0 + d) ** -np.arange(1, curve.size + 1, dtype=float))
    return shape(values * weight)


def clv_schedule(margin: float, retention_rate: float | None = None, discount_rate: float = 0.1,
                 horizon: int | None = None, *, survival: Any = None) -> pd.DataFrame:
    """Period by period, how a customer's CLV builds up (what the CLV calculator draws).

    Parameters
    ----------
    margin : float
        One amount per period.
    retention_rate : float, optional
        A constant retention rate (0 to 1); give it with ``horizon``, or give ``survival`` instead.
    discount_rate : float, default 0.1
        The discount rate per period (≥ 0).
    horizon : int, optional
        The number of periods to count (≥ 1).
    survival : array-like, optional
        Shares still there at the end of periods 1, 2, … (from 0 to 1, never rising).

    Returns
    -------
    pandas.DataFrame
        One row per period t = 1..H: ``period``, ``survival`` (chance the customer is still there), ``discount``
        (``1 / (1 + d)^t``), ``expected_margin`` (margin × survival), ``present_value`` (expected margin
        × discount) and ``cumulative_value`` (the running CLV; its last row equals :func:`finite_clv`).

    Raises
    ------
    TypeError
        When ``margin`` is not one finite amount, or ``discount_rate`` is not a number.
    ValueError
        When neither a constant rate with a horizon nor a survival curve is given, a rate is outside 0 to 1,
        ``discount_rate`` is negative, ``horizon`` is not a whole number ≥ 1, or the curve is not a valid one.

    Examples
    --------
    >>> clv_schedule(100, 0.5, 0.0, horizon=3)[["period", "expected_margin", "cumulative_value"]].to_dict("list")
    {'period': [1, 2, 3], 'expected_margin': [50.0, 25.0, 12.5], 'cumulative_value': [50.0, 75.0, 87.5]}
    """
    import pandas as pd

    if not isinstance(margin, numbers.Real) or isinstance(margin, bool) or not math.isfinite(float(margin)):
        raise TypeError(f"margin must be one amount per period here; got {margin!r}")
    d = _discount(discount_rate)
    if survival is None:
        if retention_rate is None or horizon is None:
            raise ValueError("give horizon (periods to count) with a constant retention_rate, or a survival curve")
        curve = survival_from_retention(retention_rate, horizon)
    else:
        curve = _survival_curve(survival, None if horizon is None else _horizon(horizon))
    periods = np.arange(1, curve.size + 1)
    discount = (1.0 + d) ** -periods.astype(float)
    expected = float(margin) * curve
    present = expected * discount
    return pd.DataFrame({"period": periods, "survival": curve, "discount": discount, "expected_margin": expected,
                         "present_value": present, "cumulative_value": np.cumsum(present)})


# ------------------------------------------------------------------------------ historical, potential
def historical_value(margins: pd.DataFrame, *, customer: str = "customer_id", date: str = "month",
                     margin: str = "margin", as_of: Any = None, discount_rate: float = 0.1) -> pd.Series:
    """Historical value (历史价值): each customer's past margins carried forward to ``as_of``.

    A margin earned ``y`` years before ``as_of`` counts ``(1 + discount_rate) ** y`` times (it could
    have earned interest since). ``margins`` has one row per customer and period (e.g. a month's
    revenue minus network cost); rows after ``as_of`` are left out.

    Parameters
    ----------
    margins : pandas.DataFrame
        One row per customer and period.
    customer : str, default "customer_id"
        The column of customer ids.
    date : str, default "month"
        The column of dates (datetime64, none missing).
    margin : str, default "margin"
        The column of margins.
    as_of : date-like, optional
        The day to carry the margins to; default: the last date.
    discount_rate : float, default 0.1
        The yearly rate at which earlier margins grow.

    Returns
    -------
    pandas.Series
        The historical value per customer, indexed by customer (sorted) and named ``historical_value``.

    Raises
    ------
    TypeError
        When ``margins`` is not a DataFrame, ``margin`` does not hold numbers, ``date`` does not hold dates, or
        ``discount_rate`` is not a number.
    ColumnError
        When a column is not in ``margins``.
    ValueError
        When margins or dates are missing, ``discount_rate`` is negative, or every row is after ``as_of``.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"customer_id": ["a", "a", "b"], "margin": [100.0, 100.0, 50.0],
    ...                      "month": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-01-01"])})
    >>> historical_value(rows, as_of="2024-01-01", discount_rate=0.1).round(2).to_dict()
    {'a': 210.0, 'b': 50.0}
    """
    import pandas as pd

    require_columns(margins, {"customer": customer, "date": date, "margin": margin}, "margins")
    amounts = numbers_of(margins, margin)
    d = _discount(discount_rate)
    day, end = day_numbers(margins, date, as_of)
    keep = day <= end
    if not keep.any():
        raise ValueError(f"every row of margins is after as_of ({pd.Timestamp(as_of).date()}); nothing to count")
    years = (end - day[keep]) / 365.25
    # a year is 365.25 days; round so that whole calendar years give whole powers (2023-01-01 → 2024-01-01 = 1)
    years = np.round(years * 12) / 12
    carried = amounts[keep] * (1.0 + d) ** years
    result = pd.Series(carried, index=margins.index[keep]).groupby(margins.loc[keep, customer].to_numpy(),
                                                                    sort=True).sum()
    result.index.name = customer
    return result.rename("historical_value")


def potential_value(table: pd.DataFrame, *, wallet: str, revenue: str, margin: str, capture: float = 0.25,
                    retention_rate: Any = 0.9, discount_rate: float = 0.1) -> pd.Series:
    """Potential value (潜在价值): the CLV of the extra margin from a share ``capture`` of the rest of the wallet.

    The firm wins a share ``capture`` of the spending a customer now takes elsewhere. Per customer:
    ``capture × max(wallet − revenue, 0) × margin rate × margin multiple``, where the
    margin rate is the customer's own ``margin / revenue`` (at least 0; customers with no revenue
    get the table's overall rate). ``wallet`` is the customer's estimated total spend with all
    suppliers per period, ``revenue`` and ``margin`` what they bring the firm per period now.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    wallet : str
        The column of estimated total spend per period (≥ 0).
    revenue : str
        The column of revenue the firm gets per period (≥ 0).
    margin : str
        The column of margin the firm gets per period.
    capture : float, default 0.25
        The share of the rest of the wallet the firm would win (0 to 1).
    retention_rate : float or array-like, default 0.9
        The share who stay each period (0 to 1).
    discount_rate : float, default 0.1
        The discount rate per period (≥ 0).

    Returns
    -------
    pandas.Series
        The potential value per customer, indexed like ``table`` and named ``potential_value``.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame or a column does not hold numbers.
    ColumnError
        When a column is not in ``table``.
    ValueError
        When values are missing, wallet or revenue is negative, ``capture`` or ``retention_rate`` is outside 0
        to 1, or ``discount_rate`` is negative.

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing* 17(1), 9–24.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"wallet": [1000.0, 300.0], "revenue": [200.0, 300.0], "margin": [100.0, 90.0]})
    >>> potential_value(t, wallet="wallet", revenue="revenue", margin="margin", capture=0.5,
    ...                 retention_rate=0.8, discount_rate=0.1).round(1).tolist()
    [533.3, 0.0]
    """
    import pandas as pd

    require_columns(table, {"wallet": wallet, "revenue": revenue, "margin": margin}, "the table")
    w = numbers_of(table, wallet, allow_negative=False)
    rev = numbers_of(table, revenue, allow_negative=False)
    m = numbers_of(table, margin)
    share = _rate("capture", capture, example="0.25 for a quarter of the rest of the wallet")
    overall = float(m.sum() / rev.sum()) if rev.sum() > 0 else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(rev > 0, m / np.where(rev > 0, rev, 1.0), overall)
    rate = np.clip(rate, 0.0, 1.0)
    multiple = margin_multiple(retention_rate, discount_rate)
    value = share * np.maximum(w - rev, 0.0) * rate * multiple
    return pd.Series(value, index=table.index, name="potential_value")


# ------------------------------------------------------------------------------------- cohort tables
def _period_index(days: np.ndarray, freq: str) -> np.ndarray:
    """Calendar period of each day: months, quarters or years since 1970."""
    months = days.astype("datetime64[M]").astype(np.int64)
    return months // (12 // FREQUENCIES[freq])


def _period_label(index: int, freq: str) -> str:
    per_year = FREQUENCIES[freq]
    year, part = 1970 + index // per_year, index % per_year
    return {"M": f"{year}-{part + 1:02d}", "Q": f"{year}Q{part + 1}", "Y": f"{year}"}[freq]


def cohort_table(customers: pd.DataFrame, *, join: str = "join_date", churn: str = "churn_date", freq: str = "Q",
                 as_of: Any = None, share: bool = False) -> pd.DataFrame:
    """Customers of each joining cohort still with the firm 0, 1, 2, … periods after they joined.

    ``customers`` has one row per customer: the day they joined (``join``) and the day they left
    (``churn``; empty for customers still there). A cohort is the calendar ``freq`` period
    (``"M"`` month, ``"Q"`` quarter, ``"Y"`` year) its customers joined in; a period is 1/12, 1/4
    or 1 year of 365.25 days. Column 0 is the cohort's size; column k counts the customers still
    there k periods after their own joining day (those who leave on that very day count as gone).
    A cell is filled only when every customer of the cohort has been watched that long by
    ``as_of`` (default: the latest date in the table), so the table is a triangle with empty (NaN)
    cells for the future. ``share=True`` divides each row by the cohort size: the retention curve.

    Only customers whose whole history is in the data belong here: drop those who joined before
    the data starts, or the table overstates retention (those who left early are missing).

    Parameters
    ----------
    customers : pandas.DataFrame
        One row per customer.
    join : str, default "join_date"
        The column of joining dates (datetime64, none missing).
    churn : str, default "churn_date"
        The column of leaving dates (datetime64; empty for customers still there).
    freq : {"M", "Q", "Y"}, default "Q"
        The length of a period: month, quarter or year.
    as_of : date-like, optional
        The day the data ends; default: the latest date in the table.
    share : bool, default False
        Whether to divide each row by the cohort's size.

    Returns
    -------
    pandas.DataFrame
        One row per cohort (the index, named ``cohort``, labels it like ``2024Q1``), one column per period
        0, 1, …; counts, or shares with ``share=True``; NaN where the cohort has not been watched that long.

    Raises
    ------
    TypeError
        When ``customers`` is not a DataFrame, or ``join`` or ``churn`` does not hold dates.
    ColumnError
        When a column is not in ``customers``.
    ValueError
        When ``freq`` is unknown, ``customers`` is empty, a joining date is missing, or a customer leaves before
        joining.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"join_date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-04-10"]),
    ...                   "churn_date": pd.to_datetime(["2024-05-01", None, None])})
    >>> cohort_table(c, as_of="2024-12-31")  # doctest: +NORMALIZE_WHITESPACE
              0    1    2    3
    cohort
    2024Q1  2.0  2.0  1.0  1.0
    2024Q2  1.0  1.0  1.0  NaN
    """
    import pandas as pd

    require_columns(customers, {"join": join, "churn": churn}, "customers")
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of 'M' (months), 'Q' (quarters), 'Y' (years); got {freq!r}")
    if len(customers) == 0:
        raise ValueError("customers is empty: there are no cohorts to count")
    joined, left = customers[join], customers[churn]
    for column, values in ((join, joined), (churn, left)):
        if not pd.api.types.is_datetime64_any_dtype(values):
            raise TypeError(f"column {column!r} must hold dates; it holds {values.dtype}")
    if joined.isna().any():
        raise ValueError(f"column {join!r} has {int(joined.isna().sum())} missing date(s); every customer needs a "
                         "joining date")
    join_day = joined.to_numpy().astype("datetime64[D]").astype(np.int64)
    churn_raw = left.to_numpy().astype("datetime64[D]")
    gone = ~np.isnat(churn_raw)
    churn_day = np.where(gone, churn_raw.astype(np.int64), 0)
    early = gone & (churn_day < join_day)
    if early.any():
        raise ValueError(f"column {churn!r} is before column {join!r} in {int(early.sum())} row(s), the first in "
                         f"row {int(np.argmax(early))}")
    latest = max(int(join_day.max()), int(churn_day[gone].max()) if gone.any() else int(join_day.max()))
    end = latest if as_of is None else int(np.datetime64(pd.Timestamp(as_of).date(), "D").astype(np.int64))
    length = 365.25 / FREQUENCIES[freq]
    cohort = _period_index(join_day.astype("datetime64[D]"), freq)
    labels, position = np.unique(cohort, return_inverse=True)
    position = position.ravel()
    # periods watched: every customer of the cohort has been watched at least this many whole periods
    latest_join = np.full(labels.size, np.iinfo(np.int64).min)
    np.maximum.at(latest_join, position, join_day)
    watched = np.floor((end - latest_join) / length).astype(np.int64)
    width = max(int(watched.max()), 0) + 1
    # whole periods each customer stayed: alive at k while churn_day > join_day + k·length
    stayed = np.where(gone, np.ceil((churn_day - join_day) / length) - 1, width).astype(np.int64)
    stayed = np.clip(stayed, 0, width)
    counts = np.zeros((labels.size, width + 1))
    np.add.at(counts, (position, stayed), 1.0)
    at_least = counts[:, ::-1].cumsum(axis=1)[:, ::-1]  # at_least[:, k] = customers who stayed ≥ k periods
    sizes = np.bincount(position, minlength=labels.size).astype(float)
    table = at_least[:, :width].copy()
    table[:, 0] = sizes
    table[np.arange(width)[None, :] > watched[:, None]] = np.nan
    if share:
        table = table / sizes[:, None]
    return pd.DataFrame(table, index=pd.Index([_period_label(int(c), freq) for c in labels], name="cohort"),
                        columns=pd.RangeIndex(width))
