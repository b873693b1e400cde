"""How concentrated value is: the Pareto and Lorenz curves, the Gini coefficient, and how few
customers make most of the margin (the "80/20 rule").

Customers are ranked by a value (e.g. the margin of a year). The **Pareto curve** counts from
the best customer down: after the top x % of customers, what share of the total value is reached?
The **Lorenz curve** counts from the smallest up; the **Gini coefficient** is twice the area
between the Lorenz curve and the diagonal of perfect equality (0: everyone brings the same,
close to 1: one customer brings everything).

Pure, vectorised functions on numbers (a list, an array, a Series, or a table and a column name);
nothing here prints or plots::

    >>> margin = [50, 20, 10, 8, 5, 3, 2, 1, 1, 0]
    >>> customers_for_share(margin, 0.8)
    3
    >>> round(gini(margin), 3)
    0.648

The small helpers ``numbers_of`` and ``require_columns`` check inputs for the other lesson-03
modules (``clv``, ``portfolio``, ``costtoserve``, ``rfm``) the same way.
"""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from crmlib._checks import require_columns, share as _share

if TYPE_CHECKING:  # pandas is imported by the functions that need it
    import pandas as pd

__all__ = ["curve_positions", "customers_for_share", "gini", "lorenz_curve", "numbers_of", "pareto_curve",
           "require_columns", "top_share"]


# ------------------------------------------------------------------------------------------ checks
def day_numbers(table: Any, date: str, as_of: Any = None) -> tuple[np.ndarray, int]:
    """The dates of ``table[date]`` as day numbers, and ``as_of`` (default: the last date) as one,
    checked: the column holds dates and none is missing.

    >>> import pandas as pd
    >>> days, end = day_numbers(pd.DataFrame({"d": pd.to_datetime(["2025-01-01", "2025-01-03"])}), "d")
    >>> (days - end).tolist()
    [-2, 0]
    """
    import pandas as pd

    dates = table[date]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        raise TypeError(f"column {date!r} must hold dates; it holds {dates.dtype}")
    if dates.isna().any():
        raise ValueError(f"column {date!r} has {int(dates.isna().sum())} missing date(s); fill or drop them first")
    day = dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    end = int(day.max()) if as_of is None else int(np.datetime64(pd.Timestamp(as_of).date(), "D").astype(np.int64))
    return day, end


def numbers_of(data: Any, column: str | None = None, *, name: str | None = None, allow_negative: bool = True,
               allow_empty: bool = False, parameter: str = "column") -> np.ndarray:
    """The values of ``data`` (a table's ``column``, a Series, an array or a list) as a float array, checked.

    The values must be numbers, none missing or infinite, not empty, and not negative unless allowed.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame or float
        A table (with ``column``), a Series, an array, a list, or one number.
    column : str, optional
        The column of ``data`` that holds the values, when ``data`` is a table.
    name : str, optional
        How error messages name the values (default: the column, or "values").
    allow_negative : bool, default True
        Whether negative values are allowed.
    allow_empty : bool, default False
        Whether no values at all are allowed.
    parameter : str, default "column"
        The keyword the caller took ``column`` from, so that a missing column names it.

    Returns
    -------
    numpy.ndarray
        The values as floats, one-dimensional.

    Raises
    ------
    TypeError
        When ``data`` is of another kind, or does not hold numbers (bools are not numbers here).
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no ``column`` is named, or the values are not one-dimensional, empty
        (unless allowed), missing or infinite, or negative (unless allowed).

    Examples
    --------
    >>> numbers_of([3, 1.5]).tolist()
    [3.0, 1.5]
    >>> import pandas as pd
    >>> numbers_of(pd.DataFrame({"margin": [1.0, None]}), "margin")
    Traceback (most recent call last):
    ...
    ValueError: column 'margin' has 1 missing or infinite value(s), the first in row 1; fill or drop them first
    """
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        if column is None:
            have = ", ".join(map(str, data.columns))
            raise ValueError(f"name the column that holds the values; the table has: {have}")
        require_columns(data, {parameter: column})
        series: Any = data[column]
        label = name or f"column {column!r}"
    elif isinstance(data, (pd.Series, np.ndarray, list, tuple)):
        series, label = data, name or "values"
    elif isinstance(data, numbers.Real) and not isinstance(data, bool):
        series, label = [data], name or "value"
    else:
        raise TypeError(f"{name or 'values'} must be a table and a column name, a Series, an array or a list of "
                        f"numbers; got {type(data).__name__}")
    if isinstance(series, pd.Series):
        if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
            raise TypeError(f"{label} must hold numbers; it holds {series.dtype}")
        values = series.to_numpy(dtype=float, na_value=np.nan)
    else:
        raw = np.asarray(series)
        if raw.dtype == bool or raw.dtype.kind not in "iuf":
            if raw.dtype.kind == "O" and all(isinstance(v, numbers.Real) and not isinstance(v, bool) or v is None
                                             for v in raw.ravel()):
                raw = np.array([np.nan if v is None else v for v in raw.ravel()], dtype=float)
            else:
                raise TypeError(f"{label} must hold numbers; it holds {raw.dtype}")
        values = raw.astype(float, copy=False)
    if values.ndim != 1:
        raise ValueError(f"{label} must be one-dimensional (one value per customer); got shape {values.shape}")
    if values.size == 0 and not allow_empty:
        raise ValueError(f"{label} is empty: there are no customers")
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(f"{label} has {int(bad.sum())} missing or infinite value(s), the first in row "
                         f"{int(np.argmax(bad))}; fill or drop them first")
    if not allow_negative and (values < 0).any():
        raise ValueError(f"{label} must not be negative; {int((values < 0).sum())} value(s) are, the smallest "
                         f"{values.min():g}")
    return values


def _positive_total(values: np.ndarray, what: str) -> float:
    total = float(values.sum())
    if not total > 0:
        raise ValueError(f"the values add up to {total:g}; {what} needs a positive total")
    return total


def curve_positions(n: int, points: int | None) -> np.ndarray:
    """Positions 0..n to keep when a curve of n + 1 points is drawn with about ``points`` points.

    All of them when ``points`` is None or not smaller than n + 1.

    Parameters
    ----------
    n : int
        The curve's last position (the number of customers).
    points : int or None
        About how many positions to keep (≥ 2), or None for every one.

    Returns
    -------
    numpy.ndarray
        The positions kept, increasing, from 0 to ``n``.

    Raises
    ------
    ValueError
        When ``points`` is smaller than n + 1 and not a whole number ≥ 2.

    Examples
    --------
    >>> curve_positions(1000, 5).tolist(), curve_positions(3, None).tolist()
    ([0, 250, 500, 750, 1000], [0, 1, 2, 3])
    """
    if points is None or n + 1 <= points:
        return np.arange(n + 1)
    if isinstance(points, bool) or not isinstance(points, numbers.Integral) or points < 2:
        raise ValueError(f"points must be a whole number ≥ 2 (or None for every customer); got {points!r}")
    return np.unique(np.linspace(0, n, int(points)).round().astype(np.int64))


# ------------------------------------------------------------------------------------------ curves
def pareto_curve(data: Any, column: str | None = None, *, points: int | None = None) -> pd.DataFrame:
    """Cumulative share of value against cumulative share of customers, best customer first.

    With negative values (customers who lose money) the curve rises above 1 and falls back at the end.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer: a list, an array, a Series, or a table with ``column``.
    column : str, optional
        The column of ``data`` that holds the values, when ``data`` is a table.
    points : int, optional
        Keep about that many evenly spaced rows (for charts of very many customers); default: every rank.

    Returns
    -------
    pandas.DataFrame
        One row per customer rank k = 0, 1, …, n (row 0 is the origin): ``customers`` (k),
        ``customer_share`` (k / n) and ``value_share`` (the top k customers' value / total).

    Raises
    ------
    TypeError
        When ``data`` is not a table, Series, array or list, or does not hold numbers.
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no ``column`` is named, or the values are empty, not one-dimensional,
        missing or infinite, or add up to 0 or less.
        Also when ``points`` is not a whole number ≥ 2.

    Examples
    --------
    >>> pareto_curve([1.0, 3.0, 6.0]).round(2).to_dict("list")
    {'customers': [0, 1, 2, 3], 'customer_share': [0.0, 0.33, 0.67, 1.0], 'value_share': [0.0, 0.6, 0.9, 1.0]}
    """
    import pandas as pd

    values = numbers_of(data, column)
    total = _positive_total(values, "a share of the total")
    cumulative = np.concatenate([[0.0], np.cumsum(np.sort(values)[::-1])]) / total
    keep = curve_positions(values.size, points)
    return pd.DataFrame({"customers": keep, "customer_share": keep / values.size, "value_share": cumulative[keep]})


def lorenz_curve(data: Any, column: str | None = None, *, points: int | None = None) -> pd.DataFrame:
    """The Lorenz curve: cumulative share of value against cumulative share of customers, smallest first.

    Values must not be negative. The further the curve sags below the diagonal, the more concentrated the value.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer: a list, an array, a Series, or a table with ``column``.
    column : str, optional
        The column of ``data`` that holds the values, when ``data`` is a table.
    points : int, optional
        Keep about that many evenly spaced rows; default: every rank.

    Returns
    -------
    pandas.DataFrame
        The same columns as :func:`pareto_curve`: ``customers``, ``customer_share``, ``value_share``.

    Raises
    ------
    TypeError
        When ``data`` is not a table, Series, array or list, or does not hold numbers.
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no ``column`` is named, or the values are empty, not one-dimensional,
        missing or infinite, negative, or add up to 0 or less.
        Also when ``points`` is not a whole number ≥ 2.

    Examples
    --------
    >>> lorenz_curve([1.0, 3.0, 6.0]).round(2)["value_share"].tolist()
    [0.0, 0.1, 0.4, 1.0]
    >>> lorenz_curve([2.0, -1.0])
    Traceback (most recent call last):
    ...
    ValueError: values must not be negative; 1 value(s) are, the smallest -1
    """
    import pandas as pd

    values = numbers_of(data, column, allow_negative=False)
    total = _positive_total(values, "a Lorenz curve")
    cumulative = np.concatenate([[0.0], np.cumsum(np.sort(values))]) / total
    keep = curve_positions(values.size, points)
    return pd.DataFrame({"customers": keep, "customer_share": keep / values.size, "value_share": cumulative[keep]})


def gini(data: Any, column: str | None = None) -> float:
    """The Gini coefficient of the values: 0 when every customer brings the same, near 1 when one brings almost all.

    Values must not be negative (use profit's whale curve for customers who lose money).
    Computed exactly from the sorted values: ``G = Σ (2i − n − 1) x_(i) / (n Σ x)``, i = 1..n.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer: a list, an array, a Series, or a table with ``column``.
    column : str, optional
        The column of ``data`` that holds the values, when ``data`` is a table.

    Returns
    -------
    float
        The Gini coefficient, from 0 to (n − 1) / n.

    Raises
    ------
    TypeError
        When ``data`` is not a table, Series, array or list, or does not hold numbers.
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no ``column`` is named, or the values are empty, not one-dimensional,
        missing or infinite, negative, or add up to 0 or less.

    Examples
    --------
    >>> gini([5, 5, 5, 5])
    0.0
    >>> gini([0, 0, 0, 10])
    0.75
    """
    values = np.sort(numbers_of(data, column, allow_negative=False))
    total = _positive_total(values, "the Gini coefficient")
    n = values.size
    weights = 2.0 * np.arange(1, n + 1) - n - 1
    return float(weights @ values / (n * total))


def customers_for_share(data: Any, share: float = 0.8, column: str | None = None) -> int:
    """How many customers, taken from the most valuable down, it takes to reach ``share`` of the total.

    The smallest k whose top-k customers bring at least ``share`` of the total value (e.g. of the
    margin). Ties and order make no difference to k.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer: a list, an array, a Series, or a table with ``column``.
    share : float, default 0.8
        The share of the total to reach (above 0, at most 1).
    column : str, optional
        The column of ``data`` that holds the values, when ``data`` is a table.

    Returns
    -------
    int
        The number of customers k.

    Raises
    ------
    TypeError
        When ``data`` is not a table, Series, array or list, or does not hold numbers.
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no ``column`` is named, or the values are empty, not one-dimensional,
        missing or infinite, or add up to 0 or less.
        Also when ``share`` is not a share above 0 and at most 1 (a TypeError when it is not a number).

    Examples
    --------
    >>> customers_for_share([10, 40, 30, 20], 0.5)
    2
    >>> customers_for_share([10, 40, 30, 20], share=80)
    Traceback (most recent call last):
    ...
    ValueError: share must be a share above 0 and at most 1 (e.g. 0.8 for 80 %); got 80
    """
    values = numbers_of(data, column)
    target = _share("share", share, zero=False)
    total = _positive_total(values, "a share of the total")
    cumulative = np.cumsum(np.sort(values)[::-1])
    # a tiny tolerance so that 0.8 × total is reached when the sum is exactly 80 % in decimal terms
    return int(np.searchsorted(cumulative, target * total * (1 - 1e-12), side="left")) + 1


def top_share(data: Any, share: float = 0.2, column: str | None = None) -> float:
    """The share of the total value that the top ``share`` of customers bring (top round(share × n)).

    The one ``top_share`` of the kit (``crmlib.pyramid.top_share``, its lesson 01 twin, is deprecated and calls
    this one), vectorised for large tables. Can exceed 1 when some customers have negative values.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer: a list, an array, a Series, or a table with ``column``.
    share : float, default 0.2
        The top share of customers (above 0, at most 1); at least one customer is counted.
    column : str, optional
        The column of ``data`` that holds the values, when ``data`` is a table.

    Returns
    -------
    float
        The top customers' share of the total value.

    Raises
    ------
    TypeError
        When ``data`` is not a table, Series, array or list, or does not hold numbers.
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no ``column`` is named, or the values are empty, not one-dimensional,
        missing or infinite, or add up to 0 or less.
        Also when ``share`` is not a share above 0 and at most 1 (a TypeError when it is not a number).

    Examples
    --------
    >>> top_share([10.0, 40.0, 30.0, 20.0, 0.0], 0.2)
    0.4
    """
    values = numbers_of(data, column)
    fraction = _share("share", share, zero=False)
    total = _positive_total(values, "a share of the total")
    k = max(int(math.floor(fraction * values.size + 0.5)), 1)
    top = np.partition(values, values.size - k)[values.size - k:] if k < values.size else values
    return float(top.sum() / total)
