"""Customer portfolio analysis (客户组合分析): sort customers by value and choose a strategy per group.

Two grids, both with their thresholds as parameters:

- the **current × potential value matrix** (客户细分矩阵, course notes S0): *develop* (发展型: high current,
  high potential — invest the most), *retain* (保留型: high current, low potential — keep them loyal
  and look for new value), *cultivate* (培育型: low current, high potential — learn what they
  value), *maintain* (维持型: low current, low potential — minimum effort; upgrade those with some
  potential), and *give up* (放弃: the maintain customers whose current value is negative);
- **Buttle's portfolio** (course notes S2), by current profitability and future potential: *invest*
  (profitable, high potential), *nurture* (profitable, low potential), *re-engineer* (unprofitable,
  high potential: change how they are served) and *sack* (unprofitable, low potential).

and the **strategically significant customers** (具有战略意义的客户, Buttle): high lifetime value,
benchmarks (others copy them), inspirations (they push the firm to improve) and cost magnets
(they absorb a large share of fixed cost).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"current": [900.0, 800.0, 50.0, 40.0, -30.0], "potential": [700.0, 10.0, 900.0, 5.0, 2.0]})
    >>> value_matrix(t, current="current", potential="potential", current_threshold=100, potential_threshold=100).tolist()
    ['develop', 'retain', 'cultivate', 'maintain', 'give_up']
    >>> buttle_grid(t, profit="current", potential="potential", potential_threshold=100).tolist()
    ['invest', 'nurture', 'invest', 'nurture', 'sack']

Pure, vectorised functions on tables with column names as parameters; strategy texts come from
the catalogue in the current language. Nothing here prints or plots.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from crmlib._checks import share as _share
from crmlib.concentration import numbers_of, require_columns
from crmlib.i18n import t

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BUTTLE_CELLS", "SIGNIFICANCE", "VALUE_CELLS", "buttle_grid", "cell_name", "cell_summary", "strategy",
           "strategic_customers", "threshold_for_share", "value_matrix"]

#: Cells of the current × potential value matrix, most valuable first.
VALUE_CELLS: tuple[str, ...] = ("develop", "retain", "cultivate", "maintain", "give_up")
#: Cells of Buttle's customer portfolio.
BUTTLE_CELLS: tuple[str, ...] = ("invest", "nurture", "re_engineer", "sack")
#: Kinds of strategically significant customer (Buttle).
SIGNIFICANCE: tuple[str, ...] = ("high_clv", "benchmark", "inspiration", "cost_magnet")


def _threshold(name: str, value: object, values: np.ndarray) -> float:
    """A threshold given as a number, or the median of ``values`` when None."""
    if value is None:
        return float(np.median(values))
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise TypeError(f"{name} must be a number (an amount in the values' units) or None for the median; "
                        f"got {value!r}")
    return float(value)


def _categorical(codes: np.ndarray, cells: Sequence[str], index: Any, name: str) -> pd.Series:
    import pandas as pd

    return pd.Series(pd.Categorical.from_codes(codes, categories=list(cells)), index=index, name=name)


def threshold_for_share(data: Any, share: float, column: str | None = None) -> float:
    """The value that the top ``share`` of customers reach: a threshold that calls that share "high".

    It is the ``1 − share`` quantile (linear interpolation), so that about ``share`` of the values
    are at or above it.

    Parameters
    ----------
    data : array-like or pandas.Series or pandas.DataFrame
        The values, one per customer: a list, an array, a Series, or a table with ``column``.
    share : float
        The share of customers to call "high" (strictly between 0 and 1).
    column : str, optional
        The column of ``data`` that holds the values, when ``data`` is a table.

    Returns
    -------
    float
        The threshold.

    Raises
    ------
    TypeError
        When ``data`` does not hold numbers, or ``share`` is not a number.
    ColumnError
        When ``column`` is not in the table.
    ValueError
        When the values are empty, missing or infinite, or ``share`` is not strictly between 0 and 1.

    Examples
    --------
    >>> threshold_for_share([1.0, 2.0, 3.0, 4.0, 5.0], 0.2)
    4.2
    """
    values = numbers_of(data, column)
    fraction = _share("share", share, zero=False, one=False, example=0.2)
    return float(np.quantile(values, 1.0 - fraction))


def value_matrix(table: pd.DataFrame, *, current: str = "current_value", potential: str = "potential_value",
                 current_threshold: float | None = None, potential_threshold: float | None = None) -> pd.Series:
    """Each customer's cell of the current × potential value matrix (客户细分矩阵).

    High means at or above the threshold (default: the median of the column). Cells: ``develop``
    (high, high), ``retain`` (high current, low potential), ``cultivate`` (low current, high
    potential), ``maintain`` (low, low) and ``give_up`` (low potential and a current value below 0).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    current : str, default "current_value"
        The column of current values.
    potential : str, default "potential_value"
        The column of potential values.
    current_threshold, potential_threshold : float, optional
        The thresholds of "high"; default: the column's median.

    Returns
    -------
    pandas.Series
        A Categorical Series named ``cell`` with the table's index, cells in the order of ``VALUE_CELLS``.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame, a column does not hold numbers, or a threshold is neither a finite number
        nor None.
    ColumnError
        When a column is not in the table (with a near-miss suggestion).
    ValueError
        When the table is empty or a value is missing or infinite.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"current_value": [5.0, 1.0, -1.0], "potential_value": [0.0, 9.0, 0.0]})
    >>> value_matrix(t, current_threshold=2, potential_threshold=2).tolist()
    ['retain', 'cultivate', 'give_up']
    >>> value_matrix(t, current="clv")
    Traceback (most recent call last):
    ...
    crmlib._checks.ColumnError: column 'clv' (current=) not found in the table; the table has: current_value, potential_value
    """
    require_columns(table, {"current": current, "potential": potential}, "the table")
    cur = numbers_of(table, current)
    pot = numbers_of(table, potential)
    high_cur = cur >= _threshold("current_threshold", current_threshold, cur)
    high_pot = pot >= _threshold("potential_threshold", potential_threshold, pot)
    codes = np.where(high_cur, np.where(high_pot, 0, 1), np.where(high_pot, 2, np.where(cur < 0, 4, 3)))
    return _categorical(codes.astype(np.int8), VALUE_CELLS, table.index, "cell")


def buttle_grid(table: pd.DataFrame, *, profit: str = "profit", potential: str = "potential_value",
                profit_threshold: float = 0.0, potential_threshold: float | None = None) -> pd.Series:
    """Each customer's cell of Buttle's customer portfolio: invest, nurture, re-engineer or sack.

    Profitable means ``profit`` at or above ``profit_threshold`` (default 0: the customer covers
    the full cost of serving them); high potential means ``potential`` at or above
    ``potential_threshold`` (default: the median). Cells: ``invest`` (profitable, high potential),
    ``nurture`` (profitable, low potential), ``re_engineer`` (unprofitable, high potential),
    ``sack`` (unprofitable, low potential).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    profit : str, default "profit"
        The column of current profitability.
    potential : str, default "potential_value"
        The column of future potential.
    profit_threshold : float, default 0.0
        The profit at and above which a customer is profitable.
    potential_threshold : float, optional
        The threshold of high potential; default: the column's median.

    Returns
    -------
    pandas.Series
        A Categorical Series named ``cell`` with the table's index, cells in the order of ``BUTTLE_CELLS``.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame, a column does not hold numbers, or a threshold is neither a finite number
        nor None.
    ColumnError
        When a column is not in the table (with a near-miss suggestion).
    ValueError
        When the table is empty or a value is missing or infinite.

    References
    ----------
    Buttle, F. (2004). *Customer Relationship Management: Concepts and Tools*. Oxford: Elsevier
    Butterworth-Heinemann (the portfolio grid as course notes S2 quote it from his 2000 article).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"profit": [10.0, -5.0], "potential_value": [1.0, 8.0]})
    >>> buttle_grid(t, potential_threshold=5).tolist()
    ['nurture', 're_engineer']
    """
    require_columns(table, {"profit": profit, "potential": potential}, "the table")
    prof = numbers_of(table, profit)
    pot = numbers_of(table, potential)
    profitable = prof >= _threshold("profit_threshold", profit_threshold, prof)
    high_pot = pot >= _threshold("potential_threshold", potential_threshold, pot)
    codes = np.where(profitable, np.where(high_pot, 0, 1), np.where(high_pot, 2, 3))
    return _categorical(codes.astype(np.int8), BUTTLE_CELLS, table.index, "cell")


def cell_name(cell: str, language: str | None = None) -> str:
    """A cell's name as the kit writes it, e.g. ``"retain (保留型)"`` in English, ``"保留型"`` in Chinese.

    Parameters
    ----------
    cell : str
        A cell of either grid (``VALUE_CELLS`` or ``BUTTLE_CELLS``).
    language : {"en", "zh"}, optional
        The language; default: the current language.

    Returns
    -------
    str
        The cell's name from the catalogue.

    Raises
    ------
    ValueError
        When ``cell`` is not a cell of either grid.

    Examples
    --------
    >>> cell_name("re_engineer", "en"), cell_name("retain", "zh")
    ('re-engineer', '保留型')
    """
    if cell not in VALUE_CELLS + BUTTLE_CELLS:
        raise ValueError(f"cell must be one of {', '.join(VALUE_CELLS + BUTTLE_CELLS)}; got {cell!r}")
    return t(f"cell.{cell}", language)


def strategy(cell: str, language: str | None = None) -> str:
    """The strategy for a cell of either grid, in the current (or given) language.

    Parameters
    ----------
    cell : str
        A cell of either grid (``VALUE_CELLS`` or ``BUTTLE_CELLS``).
    language : {"en", "zh"}, optional
        The language; default: the current language.

    Returns
    -------
    str
        The strategy's text from the catalogue.

    Raises
    ------
    ValueError
        When ``cell`` is not a cell of either grid.

    Examples
    --------
    >>> strategy("develop", "en").split(".")[0]
    'Invest the most in these relationships'
    """
    if cell not in VALUE_CELLS + BUTTLE_CELLS:
        raise ValueError(f"cell must be one of {', '.join(VALUE_CELLS + BUTTLE_CELLS)}; got {cell!r}")
    return t(f"strategy.{cell}", language)


def cell_summary(table: pd.DataFrame, cells: pd.Series, values: Sequence[str] = (), *,
                 language: str | None = None) -> pd.DataFrame:
    """Customers and value per cell: one row per cell (every cell of the grid, in order, even empty ones).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    cells : pandas.Series
        What :func:`value_matrix` or :func:`buttle_grid` returns for ``table``.
    values : sequence of str, default ()
        Columns of ``table`` to sum per cell.
    language : {"en", "zh"}, optional
        The language of the strategies; default: the current language.

    Returns
    -------
    pandas.DataFrame
        Indexed by cell, with ``customers``, ``customer_share``, then for each column of ``values`` its sum per
        cell and ``<value>_share`` (of the column's total), and ``strategy`` (the text for the cell).

    Raises
    ------
    TypeError
        When ``cells`` is not a categorical Series, ``table`` is not a DataFrame, or a value column does not hold
        numbers.
    ColumnError
        When a column of ``values`` is not in the table.
    ValueError
        When ``cells`` does not have one entry per row of the table with the same index, or a value is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"profit": [10.0, -5.0, 20.0], "potential_value": [1.0, 8.0, 9.0]})
    >>> grid = buttle_grid(t, potential_threshold=5)
    >>> cell_summary(t, grid, ["profit"], language="en")[["customers", "profit", "profit_share"]].to_dict("index")["invest"]
    {'customers': 1, 'profit': 20.0, 'profit_share': 0.8}
    """
    import pandas as pd

    if not isinstance(cells, pd.Series) or not isinstance(cells.dtype, pd.CategoricalDtype):
        raise TypeError("cells must be what value_matrix() or buttle_grid() returns (a categorical Series)")
    if len(cells) != len(table) or not cells.index.equals(table.index):
        raise ValueError(f"cells must have one entry per row of the table, with the same index; got {len(cells)} "
                         f"cell(s) for {len(table)} row(s)")
    require_columns(table, {"values": list(values)}, "the table")
    names = list(cells.cat.categories)
    codes = cells.cat.codes.to_numpy()
    counts = np.bincount(codes, minlength=len(names))
    summary = pd.DataFrame({"customers": counts, "customer_share": counts / max(len(table), 1)},
                           index=pd.Index(names, name="cell"))
    for column in values:
        amounts = numbers_of(table, column)
        sums = np.bincount(codes, weights=amounts, minlength=len(names))
        total = amounts.sum()
        summary[column] = sums
        summary[f"{column}_share"] = sums / total if total != 0 else np.nan
    summary["strategy"] = [strategy(name, language) for name in names]
    return summary


def strategic_customers(table: pd.DataFrame, *, clv: str, benchmark: str | None = None,
                        inspiration: str | None = None, fixed_cost_share: str | None = None,
                        clv_top: float = 0.05, magnet_share: float = 0.01) -> pd.DataFrame:
    """Flags for Buttle's four kinds of strategically significant customer (SSC).

    Columns left as None give all-False flags.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    clv : str
        The column of lifetime values.
    benchmark : str, optional
        A boolean column: customers others copy (e.g. agreed to act as a public reference).
    inspiration : str, optional
        A boolean column: customers who push the firm to improve (e.g. developed a product with the firm).
    fixed_cost_share : str, optional
        The column of each customer's share of the fixed cost (e.g. of network capacity used); the shares add up
        to at most 1.
    clv_top : float, default 0.05
        The top share of customers by ``clv`` flagged ``high_clv`` (at least one customer).
    magnet_share : float, default 0.01
        The share of the fixed cost from which a customer is a cost magnet.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``table``, with boolean columns

        - ``high_clv``: among the top ``clv_top`` share of customers by ``clv``;
        - ``benchmark``: the column ``benchmark``;
        - ``inspiration``: the column ``inspiration``;
        - ``cost_magnet``: absorbs at least ``magnet_share`` of the fixed cost;

        and ``kinds``: how many flags a customer has.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame, a number column does not hold numbers, a flag column does not hold
        True/False for every customer, or a share is not a number.
    ColumnError
        When a named column is not in the table.
    ValueError
        When values are missing, ``clv_top`` or ``magnet_share`` is not a share above 0, fixed-cost shares are
        negative or add up to more than 1.

    References
    ----------
    Buttle, F. (2004). *Customer Relationship Management: Concepts and Tools*. Oxford: Elsevier
    Butterworth-Heinemann (the portfolio grid as course notes S2 quote it from his 2000 article).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"clv": [900.0, 50.0, 10.0, 5.0], "ref": [False, True, False, False],
    ...                   "capacity": [0.5, 0.1, 0.3, 0.1]})
    >>> flags = strategic_customers(t, clv="clv", benchmark="ref", fixed_cost_share="capacity", clv_top=0.25,
    ...                             magnet_share=0.25)
    >>> flags.astype(int).to_dict("list")
    {'high_clv': [1, 0, 0, 0], 'benchmark': [0, 1, 0, 0], 'inspiration': [0, 0, 0, 0], 'cost_magnet': [1, 0, 1, 0], 'kinds': [2, 1, 1, 0]}
    """
    import pandas as pd

    values = numbers_of(table, clv, parameter="clv")
    _share("clv_top", clv_top, zero=False, example=0.05)
    k = max(int(math.floor(float(clv_top) * values.size + 0.5)), 1)
    order = np.argsort(-values, kind="stable")
    high = np.zeros(values.size, dtype=bool)
    high[order[:k]] = True
    flags = {"high_clv": high}
    for kind, column in (("benchmark", benchmark), ("inspiration", inspiration)):
        if column is None:
            flags[kind] = np.zeros(values.size, dtype=bool)
            continue
        require_columns(table, {kind: column}, "the table")
        col = table[column]
        if not pd.api.types.is_bool_dtype(col) or col.isna().any():
            raise TypeError(f"column {column!r} ({kind}) must hold True/False for every customer; it holds {col.dtype}")
        flags[kind] = col.to_numpy(dtype=bool)
    if fixed_cost_share is None:
        flags["cost_magnet"] = np.zeros(values.size, dtype=bool)
    else:
        shares = numbers_of(table, fixed_cost_share, allow_negative=False, parameter="fixed_cost_share")
        if shares.sum() > 1 + 1e-9:
            raise ValueError(f"column {fixed_cost_share!r} must hold shares of the fixed cost (adding up to at most 1);"
                             f" they add up to {shares.sum():g}")
        _share("magnet_share", magnet_share, zero=False, example=0.01)
        flags["cost_magnet"] = shares >= float(magnet_share)
    frame = pd.DataFrame(flags, index=table.index)
    frame["kinds"] = frame[list(SIGNIFICANCE)].sum(axis=1).astype(int)
    return frame
