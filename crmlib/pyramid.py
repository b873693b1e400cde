"""The customer pyramid and the share of value the best customers bring.

Customers are ranked by a value column (e.g. the margin of a year) and cut into tiers by rank: the
top share of customers, the next share, and so on. The tiers follow Zeithaml, Rust & Lemon (2001),
"The customer pyramid: creating and serving profitable customers", *California Management Review*
43(4): **platinum** (the most profitable few), **gold** (profitable, but less so and more price
sensitive), **iron** (the many who give the firm its volume) and **lead** (those who bring little or
cost more than they bring).

Pure functions on pandas objects; nothing here prints or plots.

    >>> import pandas as pd
    >>> margin = pd.Series([50, 20, 10, 8, 5, 3, 2, 1, 1, 0])
    >>> pyramid_table(margin, cutoffs=(0.1, 0.3, 0.8))["customers"].tolist()
    [1, 2, 5, 2]
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from crmlib._checks import require_columns
from crmlib._checks import share as _share

if TYPE_CHECKING:  # pandas is imported by the functions, not at import time
    import pandas as pd

#: The tiers, from the top of the pyramid down (Zeithaml, Rust & Lemon 2001).
TIERS: tuple[str, ...] = ("platinum", "gold", "iron", "lead")
#: Default cut-offs: top 5 % platinum, next 15 % gold (to 20 %), next 60 % iron (to 80 %), last 20 % lead.
DEFAULT_CUTOFFS: tuple[float, float, float] = (0.05, 0.20, 0.80)


def _renamed(column: str | None, value: str | None, function: str) -> str | None:
    """``column``, or the old keyword ``value`` (kept for one release) with a DeprecationWarning."""
    if value is None:
        return column
    if column is not None and column != value:
        raise TypeError(f"pyramid.{function}: give column= only (value= is its old name); got both")
    warnings.warn(f"pyramid.{function}(value=...) is renamed column=...; value= goes in the next release",
                  DeprecationWarning, stacklevel=3)
    return value


def _values(data: Any, column: str | None) -> pd.Series:
    """The value column (or Series) as floats, checked: numeric, no missing values, not empty."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        if column is None:
            raise ValueError(f"column: name the column to rank customers by; the table has: {', '.join(map(str, data.columns))}")
        require_columns(data, {"column": column})
        series = data[column]
        name = f"column {column!r}"
    elif isinstance(data, pd.Series):
        series, name = data, "values"
    elif isinstance(data, (list, tuple)) or type(data).__module__ == "numpy":
        series, name = pd.Series(data), "values"
    else:
        raise TypeError(f"expected a DataFrame (with column=...), a Series or a list of numbers; got {type(data).__name__}")
    if series.empty:
        raise ValueError(f"{name} is empty: there are no customers to rank")
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        raise TypeError(f"{name} must hold numbers; it holds {series.dtype}")
    missing = int(series.isna().sum())
    if missing:
        raise ValueError(f"{name} has {missing} missing value(s); fill or drop them before ranking customers")
    return series.astype(float)


def customer_values(data: Any, column: str | None = None) -> pd.Series:
    """The values customers are ranked by, as floats, checked the way ``pyramid_table`` checks them.

    Parameters
    ----------
    data : pandas.DataFrame, pandas.Series or list of float
        A table (then ``column`` names the value column), or the values themselves.
    column : str, optional
        The column of ``data`` to rank by, when ``data`` is a table.

    Returns
    -------
    pandas.Series
        The values as floats.

    Raises
    ------
    ValueError
        When ``column`` is missing for a table, or the values are empty or have missing values.
    TypeError
        When ``data`` is neither a table, a Series nor a list, or its values are not numbers.

    Examples
    --------
    >>> customer_values([3, 1, 2]).tolist()
    [3.0, 1.0, 2.0]
    """
    return _values(data, column)


def _count(share: float, n: int) -> int:
    """How many of ``n`` customers a top ``share`` holds: share × n rounded half up."""
    return int(math.floor(share * n + 0.5))


def top_share(data: Any, share: float = 0.2, value: str | None = None) -> float:
    """Deprecated: use :func:`crmlib.concentration.top_share` (``column=`` instead of ``value=``).

    .. deprecated:: 0.1.0
        Use ``crmlib.concentration.top_share(data, share, column=...)``; this name goes in the next release.

    Kept for one release so that old notebooks still run; it warns and gives the same result.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer, or a table with the column ``value``.
    share : float, default 0.2
        The top share of customers (above 0, at most 1).
    value : str, optional
        The column of ``data`` that holds the values (``column=`` in the new function).

    Returns
    -------
    float
        The top customers' share of the total value.

    Raises
    ------
    TypeError, ColumnError, ValueError
        As :func:`crmlib.concentration.top_share`.

    Warns
    -----
    DeprecationWarning
        On every call.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     top_share([10.0, 40.0, 30.0, 20.0, 0.0], 0.2)
    0.4
    """
    from crmlib import concentration

    warnings.warn("pyramid.top_share is now crmlib.concentration.top_share(data, share, column=...); "
                  "this name goes in the next release", DeprecationWarning, stacklevel=2)
    return concentration.top_share(data, share, column=value)


def _cutoffs(cutoffs: Sequence[float], n: int) -> list[int]:
    if isinstance(cutoffs, (str, bytes)) or not isinstance(cutoffs, Sequence) or len(cutoffs) != len(TIERS) - 1:
        raise ValueError(
            f"cutoffs must be {len(TIERS) - 1} shares of customers, where the {', '.join(TIERS[:-1])} tiers "
            f"end (e.g. {DEFAULT_CUTOFFS}); got {cutoffs!r}"
        )
    shares = [_share(f"cutoffs[{i}]", c, zero=False, example=0.2) for i, c in enumerate(cutoffs)]
    if any(b <= a for a, b in zip(shares, shares[1:])):
        raise ValueError(
            f"cutoffs must increase from the top tier down (each tier ends below the next one); got {tuple(cutoffs)}"
        )
    ends = [_count(s, n) for s in shares] + [n]
    starts = [0, *ends[:-1]]
    for tier, start, end in zip(TIERS, starts, ends):
        if end <= start:
            raise ValueError(
                f"with {n} customers and cutoffs {tuple(cutoffs)}, the {tier} tier would hold no customers; "
                "move its cut-offs further apart"
            )
    return ends


def assign_tiers(data: Any, cutoffs: Sequence[float] = DEFAULT_CUTOFFS, column: str | None = None, *,
                 value: str | None = None) -> pd.Series:
    """Each customer's tier (platinum, gold, iron, lead) by rank of value, as an ordered Categorical.

    ``cutoffs`` are the shares of customers, counted from the top, where the platinum, gold and iron
    tiers end; lead holds the rest. Ties keep the table's order. The result has the input's index.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer, or a table with ``column``.
    cutoffs : sequence of float, default (0.05, 0.20, 0.80)
        Where the platinum, gold and iron tiers end, as shares of customers from the top.
    column : str, optional
        The column of ``data`` to rank customers by, when ``data`` is a table.
    value : str, optional
        The old name of ``column`` (deprecated; kept for one release).

    Returns
    -------
    pandas.Series
        The tier of each customer, an ordered Categorical named ``tier``, indexed like the input.

    Raises
    ------
    TypeError
        When ``data`` is not a table, Series or list of numbers, does not hold numbers, or both ``column`` and
        ``value`` are given (different).
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no column is named, or the values are empty or missing; or ``cutoffs`` are
        not three increasing shares above 0 that leave every tier at least one customer.

    Warns
    -----
    DeprecationWarning
        When ``value=`` is used.

    References
    ----------
    Zeithaml, V. A., Rust, R. T. & Lemon, K. N. (2001). The customer pyramid: creating and serving profitable
    customers. *California Management Review* 43(4), 118–142.

    Examples
    --------
    >>> assign_tiers([3.0, 9.0, 1.0, 5.0], cutoffs=(0.25, 0.5, 0.75)).tolist()
    ['iron', 'platinum', 'lead', 'gold']
    >>> assign_tiers([1, 2, 3], cutoffs=(0.5, 0.2, 0.9))
    Traceback (most recent call last):
    ...
    ValueError: cutoffs must increase from the top tier down (each tier ends below the next one); got (0.5, 0.2, 0.9)
    """
    import numpy as np
    import pandas as pd

    values = _values(data, _renamed(column, value, "assign_tiers"))
    ends = _cutoffs(cutoffs, len(values))
    order = np.argsort(-values.to_numpy(), kind="stable")  # position of the customer ranked r
    rank = np.empty(len(values), dtype=int)
    rank[order] = np.arange(len(values))
    codes = np.searchsorted(np.asarray(ends), rank, side="right")
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(TIERS), ordered=True),
                     index=values.index, name="tier")


def pyramid_table(data: Any, cutoffs: Sequence[float] = DEFAULT_CUTOFFS, column: str | None = None, *,
                  value: str | None = None) -> pd.DataFrame:
    """Customers and value per tier of the customer pyramid, top tier first.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer, or a table with ``column``.
    cutoffs : sequence of float, default (0.05, 0.20, 0.80)
        Where the platinum, gold and iron tiers end, as shares of customers from the top.
    column : str, optional
        The column of ``data`` to rank customers by, when ``data`` is a table.
    value : str, optional
        The old name of ``column`` (deprecated; kept for one release).

    Returns
    -------
    pandas.DataFrame
        Indexed by tier name, with columns ``customers``, ``customer_share`` (of all customers), ``value`` (the
        tier's total), ``value_share`` (of the total value; negative for a tier that loses money) and
        ``value_per_customer``.

    Raises
    ------
    TypeError
        When ``data`` is not a table, Series or list of numbers, does not hold numbers, or both ``column`` and
        ``value`` are given (different).
    ColumnError
        When ``column`` is not in the table (with a near-miss suggestion).
    ValueError
        When ``data`` is a table and no column is named, or the values are empty or missing; or ``cutoffs`` are
        not three increasing shares above 0 that leave every tier at least one customer.
        Also when the values add up to 0 or less.

    Warns
    -----
    DeprecationWarning
        When ``value=`` is used.

    References
    ----------
    Zeithaml, V. A., Rust, R. T. & Lemon, K. N. (2001). The customer pyramid: creating and serving profitable
    customers. *California Management Review* 43(4), 118–142.

    Examples
    --------
    >>> import pandas as pd
    >>> margin = pd.DataFrame({"margin": [50.0, 20.0, 10.0, 8.0, 5.0, 3.0, 2.0, 1.0, 1.0, 0.0]})
    >>> table = pyramid_table(margin, cutoffs=(0.1, 0.3, 0.8), column="margin")
    >>> table[["customers", "value", "value_share"]].round(2).to_dict("index")["platinum"]
    {'customers': 1, 'value': 50.0, 'value_share': 0.5}
    >>> table.index.tolist()
    ['platinum', 'gold', 'iron', 'lead']
    """
    import pandas as pd

    values = _values(data, _renamed(column, value, "pyramid_table"))
    tiers = assign_tiers(values, cutoffs)
    total = float(values.sum())
    if not total > 0:
        raise ValueError(f"the values add up to {total:g}; shares of the total need a positive total")
    grouped = values.groupby(tiers, observed=False)
    table = pd.DataFrame({"customers": grouped.size().astype(int), "value": grouped.sum()})
    table.index = pd.Index(list(TIERS), name="tier")
    table.insert(1, "customer_share", table["customers"] / len(values))
    table["value_share"] = table["value"] / total
    table["value_per_customer"] = table["value"] / table["customers"]
    return table
