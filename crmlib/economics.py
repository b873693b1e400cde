"""The economics of keeping customers: how retention compounds, what churn costs, what word of mouth
carries, and the margin each customer brings.

Pure functions on numbers, arrays and tables; nothing here prints or plots.

    >>> survivors(1000, 0.8, 2).round(1).tolist()
    [1000.0, 800.0, 640.0]
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from crmlib._checks import require_columns

if TYPE_CHECKING:  # pandas is imported only by the functions that return tables
    import pandas as pd


def _check_rate(name: str, value: object, *, low: float = 0.0, high: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number between {low} and {high}; got {type(value).__name__}: {value!r}")
    value = float(value)
    if not low <= value <= high or np.isnan(value):
        raise ValueError(f"{name} must be between {low} and {high} (a share, e.g. 0.8 for 80 %); got {value}")
    return value


def _check_count(name: str, value: object, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number ≥ {minimum}; got {type(value).__name__}: {value!r}")
    if int(value) < minimum:
        raise ValueError(f"{name} must be a whole number ≥ {minimum}; got {value}")
    return int(value)


def survivors(start: float, retention_rate: float, years: int) -> np.ndarray:
    """Customers still with the firm at the start of each year 0..``years`` under constant retention.

    ``start × retention_rate ** t`` for t = 0, 1, …, years: the simplest model of a customer base
    that loses the same share every year and wins nobody new.

    Parameters
    ----------
    start : float
        Customers at the start (≥ 0).
    retention_rate : float
        The share who stay each year (0 to 1).
    years : int
        The number of years (≥ 0).

    Returns
    -------
    numpy.ndarray
        ``years + 1`` customer counts, for years 0 … ``years``.

    Raises
    ------
    TypeError
        When ``retention_rate`` is not a number or ``years`` not a whole number.
    ValueError
        When ``start`` is not a number ≥ 0, ``retention_rate`` is outside 0 to 1 (a percentage such as 80), or
        ``years`` is negative.

    Examples
    --------
    >>> survivors(1000, 0.9, 3).round(1).tolist()
    [1000.0, 900.0, 810.0, 729.0]
    >>> survivors(1000, 80, 3)
    Traceback (most recent call last):
    ...
    ValueError: retention_rate must be between 0.0 and 1.0 (a share, e.g. 0.8 for 80 %); got 80.0
    """
    if isinstance(start, bool) or not isinstance(start, numbers.Real) or start < 0:
        raise ValueError(f"start must be a number of customers ≥ 0; got {start!r}")
    rate = _check_rate("retention_rate", retention_rate)
    n_years = _check_count("years", years)
    return float(start) * rate ** np.arange(n_years + 1, dtype=float)


def average_lifetime(retention_rate: float) -> float:
    """Expected number of years a customer stays when a constant share ``retention_rate`` stays each year.

    Each year a customer leaves with probability ``1 − r``, so the expected lifetime is ``1 / (1 − r)``
    years (counting the first year).

    Parameters
    ----------
    retention_rate : float
        The share who stay each year (0 to 1).

    Returns
    -------
    float
        The expected lifetime in years (``inf`` when ``retention_rate`` is 1).

    Raises
    ------
    TypeError
        When ``retention_rate`` is not a number.
    ValueError
        When ``retention_rate`` is outside 0 to 1.

    Examples
    --------
    >>> average_lifetime(0.75)
    4.0
    >>> average_lifetime(1.0)
    inf
    """
    rate = _check_rate("retention_rate", retention_rate)
    return float("inf") if rate == 1.0 else 1.0 / (1.0 - rate)


# ------------------------------------------------------------------------------------------------
# Retention versus acquisition (lesson 01): what churn costs a firm that replaces its lost customers


def _check_amount(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be an amount of money ≥ 0 per customer; got {type(value).__name__}: {value!r}")
    value = float(value)
    if np.isnan(value) or not 0 <= value < float("inf"):
        raise ValueError(f"{name} must be an amount of money ≥ 0 per customer; got {value}")
    return value


def _check_base(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number of customers ≥ 0; got {type(value).__name__}: {value!r}")
    value = float(value)
    if np.isnan(value) or not 0 <= value < float("inf"):
        raise ValueError(f"{name} must be a number of customers ≥ 0; got {value}")
    return value


@dataclass(frozen=True)
class RetentionEconomics:
    """A year of churn priced two ways: win new customers to replace the lost ones, or keep them.

    Build it with :func:`retention_economics`, which checks the inputs. Amounts are in the currency of the inputs,
    per year.

    Parameters
    ----------
    customer_base : float
        Customers at the start of the year.
    churn_rate : float
        The share who leave in a year.
    acquisition_cost : float
        The cost of winning one new customer.
    retention_cost : float
        The cost of keeping one customer who would otherwise leave.

    Examples
    --------
    >>> e = RetentionEconomics(customer_base=100.0, churn_rate=0.1, acquisition_cost=50.0, retention_cost=0.0)
    >>> e.customers_lost, e.saving, e.cost_ratio
    (10.0, 500.0, inf)
    """

    customer_base: float
    churn_rate: float
    acquisition_cost: float
    retention_cost: float

    @property
    def customers_lost(self) -> float:
        """Customers who leave in a year: ``customer_base × churn_rate``.

        The firm must win as many new ones just to stand still.
        """
        return self.customer_base * self.churn_rate

    @property
    def replacement_cost(self) -> float:
        """Yearly cost of winning new customers to replace the lost ones: ``lost × acquisition_cost``."""
        return self.customers_lost * self.acquisition_cost

    @property
    def keeping_cost(self) -> float:
        """Yearly cost of keeping the customers who would otherwise leave: ``lost × retention_cost``."""
        return self.customers_lost * self.retention_cost

    @property
    def saving(self) -> float:
        """How much less keeping costs than replacing, per year (negative if keeping costs more)."""
        return self.replacement_cost - self.keeping_cost

    @property
    def cost_ratio(self) -> float:
        """How many times keeping a customer the cost of winning one is: ``acquisition / retention``.

        ``inf`` when keeping is free, ``nan`` when both are free.
        """
        if self.retention_cost == 0:
            return float("nan") if self.acquisition_cost == 0 else float("inf")
        return self.acquisition_cost / self.retention_cost


def retention_economics(customer_base: float, churn_rate: float, acquisition_cost: float,
                        retention_cost: float) -> RetentionEconomics:
    """Yearly cost of replacing the customers a firm loses, against the cost of keeping them.

    A firm with ``customer_base`` customers loses a share ``churn_rate`` of them each year. It can
    win as many new ones at ``acquisition_cost`` each (to stand still), or keep the leavers at
    ``retention_cost`` each (the cost of keeping one customer who would otherwise leave, e.g. an
    accepted retention offer or a phone call).

    Parameters
    ----------
    customer_base : float
        Customers at the start of the year (≥ 0).
    churn_rate : float
        The share who leave in a year (0 to 1).
    acquisition_cost : float
        The cost of winning one new customer (≥ 0).
    retention_cost : float
        The cost of keeping one customer who would otherwise leave (≥ 0).

    Returns
    -------
    RetentionEconomics
        The year's lost customers, replacement and keeping costs, saving and cost ratio.

    Raises
    ------
    TypeError
        When an argument is not a number.
    ValueError
        When ``customer_base`` or a cost is negative or not finite, or ``churn_rate`` is outside 0 to 1.

    Examples
    --------
    >>> e = retention_economics(10_000, churn_rate=0.25, acquisition_cost=300, retention_cost=60)
    >>> e.customers_lost, e.replacement_cost, e.keeping_cost, e.saving, e.cost_ratio
    (2500.0, 750000.0, 150000.0, 600000.0, 5.0)
    >>> retention_economics(10_000, churn_rate=25, acquisition_cost=300, retention_cost=60)
    Traceback (most recent call last):
    ...
    ValueError: churn_rate must be between 0.0 and 1.0 (a share, e.g. 0.8 for 80 %); got 25.0
    """
    return RetentionEconomics(
        customer_base=_check_base("customer_base", customer_base),
        churn_rate=_check_rate("churn_rate", churn_rate),
        acquisition_cost=_check_amount("acquisition_cost", acquisition_cost),
        retention_cost=_check_amount("retention_cost", retention_cost),
    )


def cost_curve(customer_base: float, acquisition_cost: float, retention_cost: float,
               churn_rates: Sequence[float] | np.ndarray | None = None) -> pd.DataFrame:
    """Yearly replacement and keeping costs over a range of churn rates (0 to 60 % by default).

    What :func:`retention_economics` gives, for many rates at once.

    Parameters
    ----------
    customer_base : float
        Customers at the start of the year (≥ 0).
    acquisition_cost : float
        The cost of winning one new customer (≥ 0).
    retention_cost : float
        The cost of keeping one customer who would otherwise leave (≥ 0).
    churn_rates : sequence of float or numpy.ndarray, optional
        The churn rates (shares from 0 to 1); default 0, 0.01, …, 0.6.

    Returns
    -------
    pandas.DataFrame
        One row per churn rate, columns ``churn_rate``, ``customers_lost``, ``replacement_cost``,
        ``keeping_cost`` and ``saving``.

    Raises
    ------
    TypeError
        When ``customer_base`` or a cost is not a number.
    ValueError
        When ``customer_base`` or a cost is negative or not finite, or ``churn_rates`` is empty, not a flat list, or
        holds a value outside 0 to 1.

    Examples
    --------
    >>> curve = cost_curve(1000, acquisition_cost=300, retention_cost=60, churn_rates=[0.2, 0.5])
    >>> curve.to_dict("list")
    {'churn_rate': [0.2, 0.5], 'customers_lost': [200.0, 500.0], 'replacement_cost': [60000.0, 150000.0], 'keeping_cost': [12000.0, 30000.0], 'saving': [48000.0, 120000.0]}
    """
    import pandas as pd

    base = _check_base("customer_base", customer_base)
    acquisition = _check_amount("acquisition_cost", acquisition_cost)
    retention = _check_amount("retention_cost", retention_cost)
    rates = np.linspace(0.0, 0.6, 61) if churn_rates is None else np.asarray(churn_rates, dtype=float)
    if rates.ndim != 1 or rates.size == 0 or np.isnan(rates).any() or (rates < 0).any() or (rates > 1).any():
        raise ValueError(f"churn_rates must be a non-empty list of shares between 0 and 1; got {churn_rates!r}")
    lost = base * rates
    return pd.DataFrame({
        "churn_rate": rates, "customers_lost": lost, "replacement_cost": lost * acquisition,
        "keeping_cost": lost * retention, "saving": lost * (acquisition - retention),
    })


# ------------------------------------------------------------------------------------------------
# Word of mouth (lesson 01)

#: Potential sales one satisfied customer brings (course notes S0: about 8, at least one of which closes).
LEADS_PER_SATISFIED = 8
#: Sales that close, at least, per satisfied customer (course notes S0).
SALES_PER_SATISFIED = 1
#: People whose wish to buy one dissatisfied customer sways (course notes S0: about 25).
REACH_PER_DISSATISFIED = 25


@dataclass(frozen=True)
class WordOfMouth:
    """What satisfied and dissatisfied customers pass on to others (see :func:`word_of_mouth`).

    Parameters
    ----------
    satisfied : float
        Satisfied customers.
    dissatisfied : float
        Dissatisfied customers.
    potential_sales : float
        Potential sales the satisfied customers bring.
    closed_sales : float
        Sales among them that close.
    people_swayed : float
        People whose wish to buy the dissatisfied customers sway.

    Examples
    --------
    >>> WordOfMouth(satisfied=1, dissatisfied=1, potential_sales=8, closed_sales=1,
    ...             people_swayed=25).satisfied_per_dissatisfied
    3.125
    """

    satisfied: float
    dissatisfied: float
    potential_sales: float
    closed_sales: float
    people_swayed: float

    @property
    def satisfied_per_dissatisfied(self) -> float:
        """Satisfied customers whose potential sales match the people one dissatisfied customer sways.

        25 / 8 ≈ 3.1 with the figures of the course notes (S0).
        """
        per_satisfied = self.potential_sales / self.satisfied if self.satisfied else float("nan")
        per_dissatisfied = self.people_swayed / self.dissatisfied if self.dissatisfied else float("nan")
        return per_dissatisfied / per_satisfied


def word_of_mouth(satisfied: float, dissatisfied: float, *, leads_per_satisfied: float = LEADS_PER_SATISFIED,
                  sales_per_satisfied: float = SALES_PER_SATISFIED,
                  reach_per_dissatisfied: float = REACH_PER_DISSATISFIED) -> WordOfMouth:
    """How far word of mouth carries: potential sales from satisfied customers, people swayed by dissatisfied ones.

    The defaults are the course notes' figures (S0): 8 potential sales per satisfied customer, at least 1 of them
    closed; 25 people swayed per dissatisfied customer.

    Parameters
    ----------
    satisfied : float
        Satisfied customers (≥ 0).
    dissatisfied : float
        Dissatisfied customers (≥ 0).
    leads_per_satisfied : float, default 8
        Potential sales one satisfied customer brings.
    sales_per_satisfied : float, default 1
        Sales that close per satisfied customer (at most ``leads_per_satisfied``).
    reach_per_dissatisfied : float, default 25
        People whose wish to buy one dissatisfied customer sways.

    Returns
    -------
    WordOfMouth
        The potential and closed sales, and the people swayed.

    Raises
    ------
    TypeError
        When an argument is not a number.
    ValueError
        When an argument is negative or not finite, or ``sales_per_satisfied`` exceeds ``leads_per_satisfied``.

    Examples
    --------
    >>> w = word_of_mouth(satisfied=200, dissatisfied=40)
    >>> w.potential_sales, w.closed_sales, w.people_swayed, w.satisfied_per_dissatisfied
    (1600.0, 200.0, 1000.0, 3.125)
    >>> word_of_mouth(satisfied=-1, dissatisfied=0)
    Traceback (most recent call last):
    ...
    ValueError: satisfied must be a number of customers ≥ 0; got -1.0
    """
    happy = _check_base("satisfied", satisfied)
    unhappy = _check_base("dissatisfied", dissatisfied)
    leads = _check_amount("leads_per_satisfied", leads_per_satisfied)
    sales = _check_amount("sales_per_satisfied", sales_per_satisfied)
    reach = _check_amount("reach_per_dissatisfied", reach_per_dissatisfied)
    if sales > leads:
        raise ValueError(f"sales_per_satisfied ({sales}) cannot exceed leads_per_satisfied ({leads})")
    return WordOfMouth(happy, unhappy, happy * leads, happy * sales, unhappy * reach)


# ------------------------------------------------------------------------------------------------
# Margin per customer (lesson 01: the 20 % key customers and the customer pyramid)


def customer_margin(billing: pd.DataFrame, *, year: int | None = None, customer: str = "customer_id",
                    revenue: str = "revenue_cny", cost: str = "network_cost_cny",
                    date: str = "month") -> pd.DataFrame:
    """Revenue, direct cost and margin (revenue − cost) per customer, summed over a billing table.

    Parameters
    ----------
    billing : pandas.DataFrame
        One row per bill.
    year : int, optional
        Keep only the rows whose ``date`` falls in that calendar year (``None``: every row).
    customer : str, default "customer_id"
        The column of customer ids.
    revenue : str, default "revenue_cny"
        The column of revenue (numbers, no missing values).
    cost : str, default "network_cost_cny"
        The column of direct cost (numbers, no missing values).
    date : str, default "month"
        The column of dates; needed only with ``year``.

    Returns
    -------
    pandas.DataFrame
        One row per customer, columns ``customer``, ``revenue``, ``cost``, ``margin`` (named as given), sorted by
        margin, highest first.

    Raises
    ------
    TypeError
        When ``billing`` is not a DataFrame, ``revenue`` or ``cost`` does not hold numbers, or ``date`` does not
        hold dates when ``year`` is given.
    ColumnError
        When a column is not in ``billing`` (with a near-miss suggestion).
    ValueError
        When ``revenue`` or ``cost`` has missing values, or no row falls in ``year``.

    Examples
    --------
    >>> import pandas as pd
    >>> bills = pd.DataFrame({"customer_id": ["a", "a", "b", "b"],
    ...     "month": pd.to_datetime(["2024-12-01", "2025-01-01", "2025-01-01", "2025-02-01"]),
    ...     "revenue_cny": [100.0, 100.0, 50.0, 60.0], "network_cost_cny": [30.0, 40.0, 10.0, 20.0]})
    >>> customer_margin(bills, year=2025).to_dict("list")
    {'customer_id': ['b', 'a'], 'revenue_cny': [110.0, 100.0], 'network_cost_cny': [30.0, 40.0], 'margin': [80.0, 60.0]}
    >>> customer_margin(bills, revenue="revenue")
    Traceback (most recent call last):
    ...
    crmlib._checks.ColumnError: column 'revenue' (revenue=) not found in billing; did you mean 'revenue_cny'? the table has: customer_id, month, revenue_cny, network_cost_cny
    """
    import pandas as pd

    needed = {"customer": customer, "revenue": revenue, "cost": cost, **({"date": date} if year is not None else {})}
    require_columns(billing, needed, "billing")
    for column in (revenue, cost):
        if not pd.api.types.is_numeric_dtype(billing[column]):
            raise TypeError(f"column {column!r} must hold numbers; it holds {billing[column].dtype}")
        if billing[column].isna().any():
            raise ValueError(f"column {column!r} has {int(billing[column].isna().sum())} missing value(s); "
                             "fill or drop them first")
    rows = billing
    if year is not None:
        if not pd.api.types.is_datetime64_any_dtype(billing[date]):
            raise TypeError(f"column {date!r} must hold dates to select a year; it holds {billing[date].dtype}")
        rows = billing[billing[date].dt.year == int(year)]
        if rows.empty:
            years = sorted(billing[date].dt.year.dropna().unique().tolist())
            raise ValueError(f"no rows in year {year}; the billing table covers: {', '.join(map(str, years))}")
    sums = rows.groupby(customer, observed=True, sort=False)[[revenue, cost]].sum()
    sums["margin"] = sums[revenue] - sums[cost]
    sums = sums.sort_values("margin", ascending=False, kind="stable")
    return sums.reset_index()
