"""Cross-selling: who holds which products, and the next best offer for each customer.

A *holding* table has one row per customer and one true/false column per product. The
**next best offer** of a customer is the product they do not hold that most customers like them
(the same segment) do hold: its holding rate in the segment is the offer's *propensity*. Customers
whose best missing product is held by fewer than ``min_propensity`` of their peers get no offer.

    >>> import pandas as pd
    >>> h = pd.DataFrame({"mobile": [True, True, True, True], "broadband": [False, True, True, False]},
    ...                  index=["a", "b", "c", "d"])
    >>> seg = pd.Series(["x", "x", "x", "x"], index=h.index)
    >>> next_best_offer(h, seg)["offer"].tolist()
    ['broadband', 'none', 'none', 'broadband']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from crmlib._checks import share as _share
from crmlib.churn import require_columns

__all__ = ["BUNDLE_PARTS", "holdings", "holding_rates", "next_best_offer", "offer_summary"]

#: A bundle plan counts as holding each of these product lines.
BUNDLE_PARTS: dict[str, list[str]] = {"bundle": ["mobile", "broadband"]}


def holdings(subscriptions: pd.DataFrame, plans: pd.DataFrame, *, at: str | pd.Timestamp = "2025-12-31",
             customer: str = "customer_id", plan: str = "plan_id", product: str = "product_line",
             start: str = "start_date", end: str = "end_date",
             expand: Mapping[str, Sequence[str]] | None = None,
             products: Sequence[str] | None = None) -> pd.DataFrame:
    """Which products each customer holds on day ``at``: a customer × product table of true/false.

    A subscription is held when it started on or before ``at`` and has not ended before it.

    Parameters
    ----------
    subscriptions : pandas.DataFrame
        One row per subscription.
    plans : pandas.DataFrame
        One row per plan, with its product.
    at : str or pandas.Timestamp, default "2025-12-31"
        The day.
    customer, plan, product, start, end : str
        The columns of customer ids, plan ids (in both tables), product lines (in ``plans``), and start and end
        dates (in ``subscriptions``); defaults "customer_id", "plan_id", "product_line", "start_date", "end_date".
    expand : mapping of str to sequence of str, optional
        Maps a product to the products it stands for (default :data:`BUNDLE_PARTS`: a bundle is mobile plus
        broadband).
    products : sequence of str, optional
        Fixes the columns and their order.

    Returns
    -------
    pandas.DataFrame
        True/false, indexed by customer (customers holding something on ``at``), one column per product.

    Raises
    ------
    TypeError
        When ``subscriptions`` or ``plans`` is not a DataFrame.
    ColumnError
        When a column is not in its table.
    ValueError
        When subscriptions name plans that are not in ``plans``.

    Examples
    --------
    >>> subs = pd.DataFrame({"customer_id": ["a", "b", "b"], "plan_id": ["B", "M", "L"],
    ...     "start_date": pd.to_datetime(["2024-01-01"] * 3), "end_date": pd.to_datetime([None, None, "2024-06-01"])})
    >>> plans = pd.DataFrame({"plan_id": ["B", "M", "L"], "product_line": ["bundle", "mobile", "enterprise_line"]})
    >>> holdings(subs, plans, at="2025-01-01")  # doctest: +NORMALIZE_WHITESPACE
                 mobile  broadband
    customer_id
    a              True       True
    b              True      False
    """
    require_columns(subscriptions, {"customer": customer, "plan": plan, "start": start, "end": end}, "subscriptions")
    require_columns(plans, {"plan": plan, "product": product}, "plans")
    expand = BUNDLE_PARTS if expand is None else dict(expand)
    day = pd.Timestamp(at)
    s = subscriptions[[customer, plan, start, end]].merge(plans[[plan, product]], on=plan, how="left")
    if s[product].isna().any():
        unknown = s.loc[s[product].isna(), plan].unique()[:5]
        raise ValueError(f"subscriptions name plan(s) not in plans: {', '.join(map(str, unknown))}")
    live = (s[start] <= day) & (s[end].isna() | (s[end] > day))
    s = s[live.to_numpy()]
    lines = s[product].astype(str)
    parts = lines.map(lambda p: list(expand.get(p, [p])))
    long = pd.DataFrame({customer: s[customer].to_numpy(), "product": parts.to_numpy()}).explode("product")
    table = pd.crosstab(long[customer], long["product"]).astype(bool)
    if products is not None:
        table = table.reindex(columns=list(products), fill_value=False)
    else:
        order = [p for p in ["mobile", "broadband", "enterprise_line", "prepaid"] if p in table.columns]
        table = table[order + sorted(c for c in table.columns if c not in order)]
    table.columns.name = None
    table.index.name = customer
    return table


def _groups(holding: pd.DataFrame, groups: pd.Series) -> pd.Series:
    if not isinstance(holding, pd.DataFrame) or holding.empty:
        raise ValueError("holding must be a non-empty DataFrame of true/false, one column per product")
    if not all(pd.api.types.is_bool_dtype(t) for t in holding.dtypes):
        raise ValueError("holding must hold true/false values only (one column per product)")
    if not isinstance(groups, pd.Series):
        raise TypeError(f"groups must be a pandas Series indexed like holding; got {type(groups).__name__}")
    g = groups.reindex(holding.index)
    if g.isna().any():
        missing = holding.index[g.isna().to_numpy()][:3]
        raise ValueError(f"groups has no value for {int(g.isna().sum())} customer(s) of holding, e.g. "
                         f"{', '.join(map(str, missing))}")
    return g


def holding_rates(holding: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Share of each group's customers holding each product, with the group's size and products per customer.

    Parameters
    ----------
    holding : pandas.DataFrame
        One row per customer and one true/false column per product, as :func:`holdings` returns.
    groups : pandas.Series
        Each customer's group (e.g. segment), indexed like ``holding``.

    Returns
    -------
    pandas.DataFrame
        One row per group: the holding rate of each product, ``customers`` and ``products_per_customer`` (the
        average number of products held).

    Raises
    ------
    TypeError
        When ``groups`` is not a Series.
    ValueError
        When ``holding`` is not a non-empty DataFrame of true/false, or ``groups`` has no value for a customer.

    Examples
    --------
    >>> h = pd.DataFrame({"mobile": [True, True], "broadband": [False, True]}, index=["a", "b"])
    >>> holding_rates(h, pd.Series(["x", "x"], index=["a", "b"]))
       mobile  broadband  customers  products_per_customer
    x     1.0        0.5          2                    1.5
    """
    g = _groups(holding, groups)
    observed = dict(observed=True) if isinstance(g.dtype, pd.CategoricalDtype) else {}
    rates = holding.groupby(g, **observed).mean()
    rates["customers"] = holding.groupby(g, **observed).size().astype("int64")
    rates["products_per_customer"] = holding.sum(axis=1).groupby(g, **observed).mean()
    rates.index.name = None
    return rates


def next_best_offer(holding: pd.DataFrame, groups: pd.Series, *, min_propensity: float = 0.0,
                    products: Sequence[str] | None = None) -> pd.DataFrame:
    """Each customer's next best offer: the not-held product with the highest holding rate in their group.

    That rate is the offer's ``propensity``; the offer is ``"none"`` when nothing is left or the best propensity is
    below ``min_propensity``.

    Parameters
    ----------
    holding : pandas.DataFrame
        One row per customer and one true/false column per product, as :func:`holdings` returns.
    groups : pandas.Series
        Each customer's group (e.g. segment), indexed like ``holding``.
    min_propensity : float, default 0.0
        The lowest propensity worth an offer (a share from 0 to 1).
    products : sequence of str, optional
        Limits what may be offered (default: every column).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``holding``, columns ``offer`` and ``propensity``.

    Raises
    ------
    TypeError
        When ``groups`` is not a Series.
    ValueError
        When ``holding`` is not a non-empty DataFrame of true/false, or ``groups`` has no value for a customer.
        Also when ``min_propensity`` is not a share from 0 to 1, or ``products`` names a product not in
        ``holding``.

    Examples
    --------
    >>> h = pd.DataFrame({"mobile": [True, True, False], "broadband": [False, True, True]}, index=list("abc"))
    >>> next_best_offer(h, pd.Series(["x"] * 3, index=list("abc")), min_propensity=0.5)
           offer  propensity
    a  broadband    0.666667
    b       none    0.000000
    c     mobile    0.666667
    """
    _share("min_propensity", min_propensity, example=0.2)
    g = _groups(holding, groups)
    offerable = list(holding.columns) if products is None else list(products)
    unknown = [p for p in offerable if p not in holding.columns]
    if unknown:
        raise ValueError(f"products {', '.join(map(repr, unknown))} not in holding; it has: {', '.join(holding.columns)}")
    observed = dict(observed=True) if isinstance(g.dtype, pd.CategoricalDtype) else {}
    rates = holding[offerable].groupby(g, **observed).mean()
    per_customer = rates.reindex(g.to_numpy()).to_numpy(dtype=float, copy=True)
    per_customer[holding[offerable].to_numpy(dtype=bool)] = -1.0     # held: never offered
    best = per_customer.argmax(axis=1)
    propensity = np.maximum(per_customer[np.arange(len(best)), best], 0.0)
    names = np.asarray(offerable, dtype=object)[best]
    # "none" when nothing is left to offer, or the best missing product is too rare among peers
    offer = np.where((propensity > 0) & (propensity >= min_propensity), names, "none")
    return pd.DataFrame({"offer": offer, "propensity": propensity}, index=holding.index)


def offer_summary(offers: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """How many customers of each group get each offer (a group × offer count table).

    Parameters
    ----------
    offers : pandas.DataFrame
        The offers, as :func:`next_best_offer` returns them (an ``offer`` column).
    groups : pandas.Series
        Each customer's group, indexed like ``offers``.

    Returns
    -------
    pandas.DataFrame
        Counts, one row per group and one column per offer.

    Raises
    ------
    TypeError
        When ``offers`` is not a DataFrame.
    ColumnError
        When ``offers`` has no ``offer`` column.
    ValueError
        When ``groups`` has no value for a customer of ``offers``.

    Examples
    --------
    >>> o = pd.DataFrame({"offer": ["broadband", "none"], "propensity": [0.5, 0.0]}, index=["a", "b"])
    >>> offer_summary(o, pd.Series(["x", "x"], index=["a", "b"]))
       broadband  none
    x          1     1
    """
    require_columns(offers, ["offer"], "offers")
    g = groups.reindex(offers.index)
    if g.isna().any():
        raise ValueError(f"groups has no value for {int(g.isna().sum())} customer(s) of offers")
    table = pd.crosstab(g.to_numpy(), offers["offer"].to_numpy())
    table.index.name, table.columns.name = None, None
    if isinstance(groups.dtype, pd.CategoricalDtype):
        table = table.reindex([c for c in groups.cat.categories if c in table.index])
    return table
