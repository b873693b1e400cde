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
    >>> top_share(margin, 0.2)
    0.7
    >>> pyramid_table(margin, cutoffs=(0.1, 0.3, 0.8))["customers"].tolist()
    [1, 2, 5, 2]
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported by the functions, not at import time
    import pandas as pd

#: The tiers, from the top of the pyramid down (Zeithaml, Rust & Lemon 2001).
TIERS: tuple[str, ...] = ("platinum", "gold", "iron", "lead")
#: Default cut-offs: top 5 % platinum, next 15 % gold (to 20 %), next 60 % iron (to 80 %), last 20 % lead.
DEFAULT_CUTOFFS: tuple[float, float, float] = (0.05, 0.20, 0.80)


def _values(data: Any, value: str | None) -> pd.Series:
    """The value column (or Series) as floats, checked: numeric, no missing values, not empty."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        if value is None:
            raise ValueError(f"value: name the column to rank customers by; the table has: {', '.join(map(str, data.columns))}")
        if value not in data.columns:
            raise KeyError(f"column {value!r} not found; the table has: {', '.join(map(str, data.columns))}")
        series = data[value]
        name = f"column {value!r}"
    elif isinstance(data, pd.Series):
        series, name = data, "values"
    elif isinstance(data, (list, tuple)) or type(data).__module__ == "numpy":
        series, name = pd.Series(data), "values"
    else:
        raise TypeError(f"expected a DataFrame (with value=...), a Series or a list of numbers; got {type(data).__name__}")
    if series.empty:
        raise ValueError(f"{name} is empty: there are no customers to rank")
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        raise TypeError(f"{name} must hold numbers; it holds {series.dtype}")
    missing = int(series.isna().sum())
    if missing:
        raise ValueError(f"{name} has {missing} missing value(s); fill or drop them before ranking customers")
    return series.astype(float)


def _share(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(float(value)):
        raise TypeError(f"{name} must be a share between 0 and 1 (e.g. 0.2 for 20 %); got {value!r}")
    if not 0 < float(value) <= 1:
        raise ValueError(f"{name} must be a share above 0 and at most 1 (e.g. 0.2 for 20 %); got {value}")
    return float(value)


def _count(share: float, n: int) -> int:
    """How many of ``n`` customers a top ``share`` holds: share × n rounded half up."""
    return int(math.floor(share * n + 0.5))


def top_share(data: Any, share: float = 0.2, value: str | None = None) -> float:
    """The share of the total value that the top ``share`` of customers bring.

    Customers are ranked by value, highest first; the top ``round(share × n)`` of the ``n`` customers
    are counted. With negative values (customers who cost more than they bring) the result can
    exceed 1: the best customers then earn more than the whole base does. This is
    ``crmlib.concentration.top_share`` (lesson 03) with lesson 01's argument name, ``value``.

    >>> import pandas as pd
    >>> top_share(pd.DataFrame({"margin": [10.0, 40.0, 30.0, 20.0, 0.0]}), 0.2, value="margin")
    0.4
    >>> top_share([5, -1, 1], share=1/3)
    1.0
    >>> top_share([1, 2], share=20)
    Traceback (most recent call last):
    ...
    ValueError: share must be a share above 0 and at most 1 (e.g. 0.2 for 20 %); got 20
    """
    from crmlib import concentration  # lesson 03's module holds the computation; one rule, one place

    values = _values(data, value)
    fraction = _share("share", share)
    return concentration.top_share(values.to_numpy(), fraction)


def _cutoffs(cutoffs: Sequence[float], n: int) -> list[int]:
    if isinstance(cutoffs, (str, bytes)) or not isinstance(cutoffs, Sequence) or len(cutoffs) != len(TIERS) - 1:
        raise ValueError(
            f"cutoffs must be {len(TIERS) - 1} shares of customers, where the {', '.join(TIERS[:-1])} tiers "
            f"end (e.g. {DEFAULT_CUTOFFS}); got {cutoffs!r}"
        )
    shares = [_share(f"cutoffs[{i}]", c) for i, c in enumerate(cutoffs)]
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


def assign_tiers(data: Any, cutoffs: Sequence[float] = DEFAULT_CUTOFFS, value: str | None = None) -> pd.Series:
    """Each customer's tier (platinum, gold, iron, lead) by rank of value, as an ordered Categorical.

    ``cutoffs`` are the shares of customers, counted from the top, where the platinum, gold and iron
    tiers end; lead holds the rest. Ties keep the table's order. The result has the input's index.

    >>> assign_tiers([3.0, 9.0, 1.0, 5.0], cutoffs=(0.25, 0.5, 0.75)).tolist()
    ['iron', 'platinum', 'lead', 'gold']
    >>> assign_tiers([1, 2, 3], cutoffs=(0.5, 0.2, 0.9))
    Traceback (most recent call last):
    ...
    ValueError: cutoffs must increase from the top tier down (each tier ends below the next one); got (0.5, 0.2, 0.9)
    """
    import numpy as np
    import pandas as pd

    values = _values(data, value)
    ends = _cutoffs(cutoffs, len(values))
    order = np.argsort(-values.to_numpy(), kind="stable")  # position of the customer ranked r
    rank = np.empty(len(values), dtype=int)
    rank[order] = np.arange(len(values))
    codes = np.searchsorted(np.asarray(ends), rank, side="right")
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(TIERS), ordered=True),
                     index=values.index, name="tier")


def pyramid_table(data: Any, cutoffs: Sequence[float] = DEFAULT_CUTOFFS, value: str | None = None) -> pd.DataFrame:
    """Customers and value per tier of the customer pyramid, top tier first.

    Columns: ``customers``, ``customer_share`` (of all customers), ``value`` (the tier's total),
    ``value_share`` (of the total value; negative for a tier that loses money) and
    ``value_per_customer``. The index is the tier name.

    >>> import pandas as pd
    >>> margin = pd.DataFrame({"margin": [50.0, 20.0, 10.0, 8.0, 5.0, 3.0, 2.0, 1.0, 1.0, 0.0]})
    >>> table = pyramid_table(margin, cutoffs=(0.1, 0.3, 0.8), value="margin")
    >>> table[["customers", "value", "value_share"]].round(2).to_dict("index")["platinum"]
    {'customers': 1, 'value': 50.0, 'value_share': 0.5}
    >>> table.index.tolist()
    ['platinum', 'gold', 'iron', 'lead']
    """
    import pandas as pd

    values = _values(data, value)
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
