"""Volume is not profit: activity-based costing (作业成本法, ABC) of the cost to serve each customer,
customer profit, and the whale curve (鲸鱼曲线).

Activity-based costing traces the cost of the work done for customers — calls to the contact
centre, store visits, field repairs, account-manager hours, customised contracts, paper bills,
collection calls — to the customers who caused it: the units of each activity a customer used,
times the activity's **cost driver rate** (成本动因费率, the fully loaded cost of one unit).
A customer's profit is then their margin (revenue minus direct cost) minus their cost to serve.

Ranking customers by profit and adding it up gives the **whale curve**: it climbs above 100 % of
total profit (the profitable customers earn more than the firm keeps) and sinks back at the end,
where the loss-making customers give part of it away.

    >>> import pandas as pd
    >>> units = activity_units(pd.DataFrame({"customer_id": ["a", "a", "b"], "activity": ["call", "visit", "call"],
    ...                                      "quantity": [10.0, 1.0, 2.0]}))
    >>> cost_to_serve(units, {"call": 2.5, "visit": 45.0}).to_dict()
    {'a': 70.0, 'b': 5.0}

Pure, vectorised functions on pandas tables with column names as parameters; nothing here prints
or plots.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from crmlib._checks import share as _share
from crmlib.concentration import curve_positions, numbers_of, require_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["WhaleSummary", "abc_profit", "activity_units", "cost_to_serve", "driver_rates", "largest_unprofitable",
           "reprice", "whale_curve", "whale_summary"]


def activity_units(usage: pd.DataFrame, *, customer: str = "customer_id", activity: str = "activity",
                   quantity: str = "quantity", customers: Any = None, activities: Any = None) -> pd.DataFrame:
    """Units of each activity per customer, as a wide table (one row per customer, one column per activity).

    ``usage`` is a long table: one row per customer and activity (and possibly per year: rows for
    the same pair are added; select the year first).

    Parameters
    ----------
    usage : pandas.DataFrame
        One row per customer and activity.
    customer : str, default "customer_id"
        The column of customer ids.
    activity : str, default "activity"
        The column of activity names.
    quantity : str, default "quantity"
        The column of units used (≥ 0).
    customers : array-like, optional
        Fixes the rows: customers with no usage get zeros; customers not listed are left out.
    activities : array-like, optional
        Fixes the columns; every activity of ``usage`` must be among them.

    Returns
    -------
    pandas.DataFrame
        Units (floats) indexed by customer, one column per activity.

    Raises
    ------
    TypeError
        When ``usage`` is not a DataFrame or ``quantity`` does not hold numbers.
    ColumnError
        When a column is not in ``usage``.
    ValueError
        When quantities are missing, infinite or negative, or ``usage`` has an activity not in ``activities``.

    Examples
    --------
    >>> import pandas as pd
    >>> usage = pd.DataFrame({"customer_id": ["a", "a", "b"], "activity": ["call", "visit", "call"],
    ...                       "quantity": [10.0, 1.0, 2.0]})
    >>> activity_units(usage, customers=["b", "c"]).to_dict("index")
    {'b': {'call': 2.0, 'visit': 0.0}, 'c': {'call': 0.0, 'visit': 0.0}}
    """
    import pandas as pd

    require_columns(usage, {"customer": customer, "activity": activity, "quantity": quantity}, "usage")
    amounts = numbers_of(usage, quantity, allow_negative=False, allow_empty=True)
    keys = usage[customer]
    names = usage[activity].astype(str) if isinstance(usage[activity].dtype, pd.CategoricalDtype) else usage[activity]
    wide = (pd.Series(amounts, index=pd.MultiIndex.from_arrays([keys.to_numpy(), names.to_numpy()]))
            .groupby(level=[0, 1], sort=True).sum().unstack(fill_value=0.0))
    if activities is not None:
        wanted = [str(a) for a in activities]
        unknown = sorted(set(map(str, wide.columns)) - set(wanted))
        if unknown:
            raise ValueError(f"usage has activities not in activities: {', '.join(unknown)}")
        wide = wide.reindex(columns=wanted, fill_value=0.0)
    if customers is not None:
        wide = wide.reindex(pd.Index(customers), fill_value=0.0)
    wide.index.name = customer
    wide.columns.name = activity
    return wide.astype(float)


def driver_rates(table: pd.DataFrame, *, activity: str = "activity", rate: str = "unit_cost_cny") -> dict[str, float]:
    """The cost driver rate of each activity, as a dict, from a table such as ``activity_costs``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per activity.
    activity : str, default "activity"
        The column of activity names (each once).
    rate : str, default "unit_cost_cny"
        The column of costs per unit (≥ 0).

    Returns
    -------
    dict of str to float
        The rate of each activity.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame or ``rate`` does not hold numbers.
    ColumnError
        When a column is not in the table.
    ValueError
        When rates are empty, missing or negative, or an activity is listed twice.

    Examples
    --------
    >>> import pandas as pd
    >>> driver_rates(pd.DataFrame({"activity": ["call", "visit"], "unit_cost_cny": [2.5, 45.0]}))
    {'call': 2.5, 'visit': 45.0}
    """
    require_columns(table, {"activity": activity, "rate": rate}, "the rates table")
    values = numbers_of(table, rate, allow_negative=False)
    names = [str(a) for a in table[activity]]
    if len(set(names)) != len(names):
        raise ValueError(f"column {activity!r} lists an activity twice; each needs one rate")
    return dict(zip(names, values.tolist()))


def _rates_vector(columns: Any, rates: Mapping[str, float] | pd.Series) -> np.ndarray:
    have = dict(rates.items()) if hasattr(rates, "items") else None
    if have is None:
        raise TypeError(f"rates must be a dict or Series from activity to cost per unit; got {type(rates).__name__}")
    missing = [str(c) for c in columns if str(c) not in {str(k) for k in have}]
    if missing:
        raise KeyError(f"no rate for activity {missing[0]!r}; rates are given for: {', '.join(map(str, have))}")
    lookup = {str(k): v for k, v in have.items()}
    vector = np.array([lookup[str(c)] for c in columns], dtype=float)
    if not np.isfinite(vector).all() or (vector < 0).any():
        raise ValueError("every rate must be a cost ≥ 0 per unit; got " +
                         ", ".join(f"{c}={v:g}" for c, v in zip(columns, vector) if not (np.isfinite(v) and v >= 0)))
    return vector


def cost_to_serve(units: pd.DataFrame, rates: Mapping[str, float] | pd.Series) -> pd.Series:
    """Each customer's cost to serve (客户服务成本): Σ units of each activity × its driver rate.

    Parameters
    ----------
    units : pandas.DataFrame
        Activity units per customer, as :func:`activity_units` returns (one column per activity).
    rates : mapping of str to float or pandas.Series
        The cost driver rate (cost per unit, ≥ 0) of every activity; extra rates are ignored.

    Returns
    -------
    pandas.Series
        The cost to serve, indexed like ``units`` and named ``cost_to_serve``.

    Raises
    ------
    TypeError
        When ``units`` is not a DataFrame, or ``rates`` is not a dict or Series.
    KeyError
        When an activity of ``units`` has no rate.
    ValueError
        When a rate is negative or not finite, or ``units`` has missing or infinite values.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"call": [10.0, 2.0], "visit": [1.0, 0.0]}, index=["a", "b"])
    >>> cost_to_serve(units, {"call": 2.5, "visit": 45.0, "repair": 380.0}).tolist()
    [70.0, 5.0]
    >>> cost_to_serve(units, {"call": 2.5})
    Traceback (most recent call last):
    ...
    KeyError: "no rate for activity 'visit'; rates are given for: call"
    """
    import pandas as pd

    if not isinstance(units, pd.DataFrame):
        raise TypeError(f"units must be a DataFrame of activity units per customer; got {type(units).__name__}")
    vector = _rates_vector(units.columns, rates)
    matrix = units.to_numpy(dtype=float)
    if not np.isfinite(matrix).all():
        raise ValueError("units has missing or infinite values; fill them with 0 first")
    return pd.Series(matrix @ vector, index=units.index, name="cost_to_serve")


def abc_profit(accounts: pd.DataFrame, units: pd.DataFrame, rates: Mapping[str, float] | pd.Series, *,
               customer: str = "customer_id", revenue: str = "revenue_cny",
               direct_cost: str = "network_cost_cny") -> pd.DataFrame:
    """Revenue, direct cost, margin, cost to serve and profit per customer (客户盈利性).

    Customers of ``accounts`` with no units cost nothing to serve; units of customers not in ``accounts`` are left
    out.

    Parameters
    ----------
    accounts : pandas.DataFrame
        One row per customer with its ``revenue`` and ``direct_cost`` for the period (e.g. from the year's bills).
    units : pandas.DataFrame
        The activity units of the same period (:func:`activity_units`).
    rates : mapping of str to float or pandas.Series
        The cost driver rate (cost per unit, ≥ 0) of every activity; extra rates are ignored.
    customer : str, default "customer_id"
        The column of customer ids (each once).
    revenue : str, default "revenue_cny"
        The column of revenue.
    direct_cost : str, default "network_cost_cny"
        The column of direct cost.

    Returns
    -------
    pandas.DataFrame
        ``accounts`` indexed by customer, in the same order (sort it by ``profit`` to rank customers), with its
        other columns kept and ``margin``, ``cost_to_serve`` and ``profit`` (re)computed.

    Raises
    ------
    TypeError
        When ``units`` is not a DataFrame, or ``rates`` is not a dict or Series.
    KeyError
        When an activity of ``units`` has no rate.
    ValueError
        When a rate is negative or not finite, or ``units`` has missing or infinite values.
    ColumnError
        When a column is not in ``accounts``.
    ValueError
        Also when revenue or cost is missing, or a customer has more than one row.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"customer_id": ["a", "b"], "revenue_cny": [500.0, 200.0], "network_cost_cny": [100.0, 50.0]})
    >>> units = pd.DataFrame({"visit": [10.0]}, index=pd.Index(["a"], name="customer_id"))
    >>> abc_profit(acc, units, {"visit": 45.0})[["margin", "cost_to_serve", "profit"]].to_dict("index")
    {'a': {'margin': 400.0, 'cost_to_serve': 450.0, 'profit': -50.0}, 'b': {'margin': 150.0, 'cost_to_serve': 0.0, 'profit': 150.0}}
    """
    import pandas as pd

    require_columns(accounts, {"customer": customer, "revenue": revenue, "direct_cost": direct_cost}, "accounts")
    rev = numbers_of(accounts, revenue)
    cost = numbers_of(accounts, direct_cost)
    ids = pd.Index(accounts[customer], name=customer)
    if not ids.is_unique:
        repeated = ids[ids.duplicated()]
        raise ValueError(f"column {customer!r} repeats {len(repeated)} customer(s), e.g. {repeated[0]!r}; give one "
                         "row per customer (sum the periods first)")
    serve = cost_to_serve(units, rates)
    aligned = len(units) == len(ids) and bool((np.asarray(units.index) == np.asarray(ids)).all())
    if not aligned:  # line the units up with the accounts (skipped when they already are)
        serve = serve.reindex(ids, fill_value=0.0)
    table = accounts.drop(columns=[customer, *(c for c in ("margin", "cost_to_serve", "profit") if c in accounts)])
    table.index = ids
    table["margin"] = rev - cost
    table["cost_to_serve"] = serve.to_numpy()
    table["profit"] = table["margin"].to_numpy() - table["cost_to_serve"].to_numpy()
    return table


def reprice(table: pd.DataFrame, units: pd.DataFrame, rates: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """An :func:`abc_profit` table with ``cost_to_serve`` and ``profit`` recomputed at new ``rates``.

    Only the costing is redone, which is what a slider on a cost driver rate needs.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :func:`abc_profit`.
    units : pandas.DataFrame
        One row per row of ``table``, in the same order (e.g. ``units.reindex(table.index, fill_value=0)``).
    rates : mapping of str to float or pandas.Series
        The cost driver rate (cost per unit, ≥ 0) of every activity; extra rates are ignored.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with ``cost_to_serve`` and ``profit`` at the new rates.

    Raises
    ------
    TypeError
        When ``units`` is not a DataFrame, or ``rates`` is not a dict or Series.
    KeyError
        When an activity of ``units`` has no rate.
    ValueError
        When a rate is negative or not finite, or ``units`` has missing or infinite values.
    ColumnError
        When ``table`` lacks ``margin``, ``cost_to_serve`` or ``profit``.
    ValueError
        Also when ``units`` does not have the table's customers in the same order.

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"customer_id": ["a", "b"], "revenue_cny": [500.0, 200.0], "network_cost_cny": [100.0, 50.0]})
    >>> units = pd.DataFrame({"visit": [10.0, 0.0]}, index=pd.Index(["a", "b"], name="customer_id"))
    >>> base = abc_profit(acc, units, {"visit": 45.0})
    >>> reprice(base, units, {"visit": 20.0})["profit"].tolist()
    [200.0, 150.0]
    """
    require_columns(table, ["margin", "cost_to_serve", "profit"], "table (from abc_profit)")
    if len(units) != len(table) or not (np.asarray(units.index) == np.asarray(table.index)).all():
        raise ValueError("units must have the same customers as the table, in the same order; line them up with "
                         "units.reindex(table.index, fill_value=0)")
    serve = cost_to_serve(units, rates).to_numpy()
    result = table.copy()
    result["cost_to_serve"] = serve
    result["profit"] = result["margin"].to_numpy() - serve
    return result


def whale_curve(profit: Any, column: str | None = None, *, points: int | None = None) -> pd.DataFrame:
    """The whale curve: cumulative profit as customers are added from the most to the least profitable.

    The total profit must be positive.

    Parameters
    ----------
    profit : array-like or pandas.Series or pandas.DataFrame
        The profit of each customer: a list, an array, a Series, or a table with ``column``.
    column : str, optional
        The column of ``profit`` that holds the profits, when it is a table.
    points : int, optional
        Keep about that many evenly spaced rows (for charts), always with the peak; default: every rank.

    Returns
    -------
    pandas.DataFrame
        One row per rank k = 0..n (row 0 is the origin): ``customers`` (k), ``customer_share`` (k / n),
        ``cumulative_profit`` and ``profit_share`` (cumulative profit / total profit; it peaks above 1
        when some customers lose money).

    Raises
    ------
    TypeError
        When ``profit`` does not hold numbers.
    ColumnError
        When ``column`` is not in the table.
    ValueError
        When the profits are empty, missing or infinite, or do not add up to more than 0.
        Also when ``points`` is not a whole number ≥ 2.

    Examples
    --------
    >>> whale_curve([30.0, -10.0, 5.0])[["customers", "cumulative_profit", "profit_share"]].round(3).to_dict("list")
    {'customers': [0, 1, 2, 3], 'cumulative_profit': [0.0, 30.0, 35.0, 25.0], 'profit_share': [0.0, 1.2, 1.4, 1.0]}
    """
    import pandas as pd

    values = numbers_of(profit, column, name=None if column else "profit")
    total = float(values.sum())
    if not total > 0:
        raise ValueError(f"the profits add up to {total:g}; the whale curve needs a positive total profit")
    cumulative = np.concatenate([[0.0], np.cumsum(np.sort(values)[::-1])])
    keep = curve_positions(values.size, points)
    if points is not None:
        keep = np.union1d(keep, [int(np.argmax(cumulative))])
    return pd.DataFrame({"customers": keep, "customer_share": keep / values.size,
                         "cumulative_profit": cumulative[keep], "profit_share": cumulative[keep] / total})


@dataclass(frozen=True)
class WhaleSummary:
    """The numbers a whale curve shows (see :func:`whale_summary`).

    Parameters
    ----------
    customers : int
        The number of customers.
    total_profit : float
        Their total profit.
    peak_profit : float
        The curve's peak: the profit of the customers who earn money (or break even).
    peak_customers : int
        How many customers the peak takes.
    top_share_customers : float
        The share of customers counted as the top.
    top_share_profit : float
        What the top customers earn, as a share of total profit.
    loss_makers : int
        Customers who lose money.
    loss : float
        What they lose (a negative amount).

    Examples
    --------
    >>> s = WhaleSummary(customers=4, total_profit=10.0, peak_profit=15.0, peak_customers=2,
    ...                  top_share_customers=0.25, top_share_profit=1.2, loss_makers=1, loss=-5.0)
    >>> s.peak_share, s.peak_customer_share, s.loss_maker_share
    (1.5, 0.5, 0.25)
    """

    customers: int
    total_profit: float
    peak_profit: float
    peak_customers: int
    top_share_customers: float
    top_share_profit: float
    loss_makers: int
    loss: float

    @property
    def peak_share(self) -> float:
        """The curve's peak as a share of total profit (e.g. 1.8: the profitable customers earn 180 %)."""
        return self.peak_profit / self.total_profit

    @property
    def peak_customer_share(self) -> float:
        """Where the peak is: the share of customers that earn money (or break even)."""
        return self.peak_customers / self.customers

    @property
    def loss_maker_share(self) -> float:
        """Share of customers who lose money."""
        return self.loss_makers / self.customers


def whale_summary(profit: Any, column: str | None = None, *, top: float = 0.2) -> WhaleSummary:
    """The whale curve in numbers: its peak, what the top ``top`` share of customers earn, and the loss makers.

    Shares are of total profit (so above 1 when others lose money).

    Parameters
    ----------
    profit : array-like or pandas.Series or pandas.DataFrame
        The profit of each customer: a list, an array, a Series, or a table with ``column``.
    column : str, optional
        The column of ``profit`` that holds the profits, when it is a table.
    top : float, default 0.2
        The top share of customers (above 0, at most 1; at least one customer).

    Returns
    -------
    WhaleSummary
        The peak, the top customers' share, and the loss makers.

    Raises
    ------
    TypeError
        When ``profit`` does not hold numbers.
    ColumnError
        When ``column`` is not in the table.
    ValueError
        When the profits are empty, missing or infinite, or do not add up to more than 0.
        Also when ``top`` is not a share above 0 and at most 1.

    Examples
    --------
    >>> s = whale_summary([30.0, -10.0, 5.0, 0.0, 0.0], top=0.2)
    >>> s.peak_share, s.peak_customers, s.top_share_profit, s.loss_makers, s.loss
    (1.4, 2, 1.2, 1, -10.0)
    """
    values = numbers_of(profit, column, name=None if column else "profit")
    total = float(values.sum())
    if not total > 0:
        raise ValueError(f"the profits add up to {total:g}; the whale curve needs a positive total profit")
    top = _share("top", top, zero=False, example=0.2)
    cumulative = np.cumsum(np.sort(values)[::-1])
    peak = int(np.argmax(cumulative))
    k = max(int(math.floor(float(top) * values.size + 0.5)), 1)
    losing = values < 0
    return WhaleSummary(customers=int(values.size), total_profit=total, peak_profit=float(cumulative[peak]),
                        peak_customers=peak + 1, top_share_customers=k / values.size,
                        top_share_profit=float(cumulative[k - 1] / total), loss_makers=int(losing.sum()),
                        loss=float(values[losing].sum()))


def largest_unprofitable(table: pd.DataFrame, *, revenue: str = "revenue_cny", profit: str = "profit",
                         top: int = 10) -> pd.DataFrame:
    """Of the ``top`` customers with the most revenue, those who lose money (profit below 0).

    Largest revenue first: big accounts that volume alone would call the best.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer, e.g. from :func:`abc_profit`.
    revenue : str, default "revenue_cny"
        The column of revenue.
    profit : str, default "profit"
        The column of profit.
    top : int, default 10
        How many of the largest customers by revenue to look at (≥ 1).

    Returns
    -------
    pandas.DataFrame
        The rows of ``table`` that are among the ``top`` by revenue and lose money, largest revenue first.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame or a column does not hold numbers.
    ColumnError
        When a column is not in the table.
    ValueError
        When values are empty or missing, or ``top`` is not a whole number ≥ 1.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"revenue_cny": [900.0, 800.0, 100.0], "profit": [50.0, -20.0, -5.0]}, index=["a", "b", "c"])
    >>> largest_unprofitable(t, top=2).index.tolist()
    ['b']
    """
    require_columns(table, {"revenue": revenue, "profit": profit}, "the table")
    sales = numbers_of(table, revenue)
    gains = numbers_of(table, profit)
    if isinstance(top, bool) or not isinstance(top, numbers.Integral) or top < 1:
        raise ValueError(f"top must be a whole number ≥ 1; got {top!r}")
    k = min(int(top), sales.size)
    # the k largest by revenue without sorting everyone (ties: the earlier row first, as a stable sort would)
    cut = np.partition(sales, sales.size - k)[sales.size - k]
    candidates = np.flatnonzero(sales >= cut)
    order = candidates[np.lexsort((candidates, -sales[candidates]))][:k]
    return table.iloc[order[gains[order] < 0]]
