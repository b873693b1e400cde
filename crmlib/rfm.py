"""RFM analysis (RFM分析): recency, frequency and monetary value as a quick stand-in for customer
value where margins are unknown (e.g. prepaid top-ups).

From a log of purchases, each customer gets three numbers — days since the last purchase
(recency), purchases in the period (frequency) and money spent (monetary) — then a score of 1 to
5 on each (5 is best: the most recent, most frequent, biggest spenders), and a segment from the
recency and frequency scores:

============  =================  ==============================================================
segment       R and F scores     what it suggests
============  =================  ==============================================================
champions     R 4–5, F 4–5       bought recently and often: reward and listen to them
loyal         R ≥ 3, F ≥ 3       steady buyers (not champions): keep them engaged, cross-sell
new           R 4–5, F 1–2       recent first buyers: help them form a habit
attention     R 3, F 1–2         fading occasional buyers: a timely reminder or offer
at_risk       R 1–2, F 3–5       used to buy often but not lately: win them back now
lost          R 1–2, F 1–2       bought rarely, long ago: little to spend on
============  =================  ==============================================================

    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "b", "c"], "amount": [20.0, 30.0, 10.0, 50.0],
    ...                     "date": pd.to_datetime(["2025-01-02", "2025-03-01", "2025-01-10", "2025-02-20"])})
    >>> rfm_table(log, as_of="2025-03-31").to_dict("index")["a"]
    {'recency_days': 30, 'frequency': 2, 'monetary': 50.0}

Pure, vectorised functions with column names as parameters; nothing here prints or plots.
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from crmlib.concentration import day_numbers, numbers_of, require_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SEGMENTS", "rfm_scores", "rfm_segments", "rfm_table", "score", "segment_summary"]

#: RFM segments, best first.
SEGMENTS: tuple[str, ...] = ("champions", "loyal", "new", "attention", "at_risk", "lost")


def rfm_table(transactions: pd.DataFrame, *, customer: str = "customer_id", date: str = "date",
              amount: str = "amount", as_of: Any = None) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer, from a log of purchases.

    Purchases after ``as_of`` are left out.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase.
    customer : str, default "customer_id"
        The column of customer ids.
    date : str, default "date"
        The column of purchase dates (datetime64, none missing).
    amount : str, default "amount"
        The column of amounts paid.
    as_of : date-like, optional
        The day recency is counted to; default: the last date in the log.

    Returns
    -------
    pandas.DataFrame
        One row per customer, indexed by customer, sorted by id: ``recency_days`` (days from the customer's last
        purchase to ``as_of``), ``frequency`` (number of purchases) and ``monetary`` (total amount spent).

    Raises
    ------
    TypeError
        When ``transactions`` is not a DataFrame, ``amount`` does not hold numbers or ``date`` does not hold dates.
    ColumnError
        When a column is not in ``transactions``.
    ValueError
        When amounts or dates are missing, or no purchase falls on or before ``as_of``.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"id": [1, 1, 2], "day": pd.to_datetime(["2025-01-01", "2025-01-05", "2025-01-03"]),
    ...                     "paid": [5.0, 7.0, 3.0]})
    >>> rfm_table(log, customer="id", date="day", amount="paid").to_dict("list")
    {'recency_days': [0, 2], 'frequency': [2, 1], 'monetary': [12.0, 3.0]}
    """
    import pandas as pd

    require_columns(transactions, {"customer": customer, "date": date, "amount": amount}, "transactions")
    paid = numbers_of(transactions, amount)
    day, end = day_numbers(transactions, date, as_of)
    keep = day <= end
    if not keep.all():
        day, paid = day[keep], paid[keep]
        ids = transactions[customer].to_numpy()[keep]
    else:
        ids = transactions[customer].to_numpy()
    if day.size == 0:
        raise ValueError("no purchases on or before as_of; nothing to score")
    codes, uniques = pd.factorize(ids, sort=True)
    n = len(uniques)
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, day)
    frame = pd.DataFrame({"recency_days": (end - last).astype(np.int64),
                          "frequency": np.bincount(codes, minlength=n).astype(np.int64),
                          "monetary": np.bincount(codes, weights=paid, minlength=n)},
                         index=pd.Index(uniques, name=customer))
    return frame


def score(values: Any, bins: int = 5, *, higher_is_better: bool = True) -> np.ndarray:
    """Scores 1..``bins`` by rank: the bottom fifth of customers get 1, the top fifth 5 (for 5 bins).

    A customer's score is ``1 + floor(bins × (customers ranked below them) / n)``: equal values
    get the same score (the lowest their group reaches), so with many ties some scores may be
    skipped.

    Parameters
    ----------
    values : array-like or pandas.Series
        One value per customer.
    bins : int, default 5
        The number of scores (2 to 9).
    higher_is_better : bool, default True
        Whether large values score high; False for recency in days, where small values score high.

    Returns
    -------
    numpy.ndarray
        One whole score per customer, from 1 to ``bins``.

    Raises
    ------
    TypeError
        When ``values`` does not hold numbers.
    ValueError
        When ``values`` is empty or has missing values, or ``bins`` is not a whole number from 2 to 9.

    Examples
    --------
    >>> score([10, 20, 30, 40, 50]).tolist()
    [1, 2, 3, 4, 5]
    >>> score([3, 1, 1, 1, 9], higher_is_better=False).tolist()
    [2, 3, 3, 3, 1]
    """
    x = numbers_of(values)
    if isinstance(bins, bool) or not isinstance(bins, numbers.Integral) or not 2 <= bins <= 9:
        raise ValueError(f"bins must be a whole number from 2 to 9; got {bins!r}")
    key = x if higher_is_better else -x
    order = np.argsort(key)
    ranked = key[order]
    # customers ranked below each one = position of the first customer with the same value
    first = np.empty(x.size, dtype=bool)
    first[:1] = True
    np.not_equal(ranked[1:], ranked[:-1], out=first[1:])
    start = np.maximum.accumulate(np.where(first, np.arange(x.size), 0))
    below = np.empty(x.size, dtype=np.int64)
    below[order] = start
    return 1 + (int(bins) * below) // x.size


def rfm_scores(table: pd.DataFrame, *, recency: str = "recency_days", frequency: str = "frequency",
               monetary: str = "monetary", bins: int = 5) -> pd.DataFrame:
    """R, F and M scores (1–``bins``, higher is better) and the three-digit code ``rfm``.

    The code is e.g. 545 for R 5, F 4, M 5. Recency scores high when the days since the last purchase are few;
    frequency and monetary when they are large. See :func:`score` for ties.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer, as :func:`rfm_table` returns.
    recency : str, default "recency_days"
        The column of days since the last purchase (≥ 0).
    frequency : str, default "frequency"
        The column of purchases (≥ 0).
    monetary : str, default "monetary"
        The column of money spent.
    bins : int, default 5
        The number of scores (2 to 9).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``table``, columns ``R``, ``F``, ``M`` and ``rfm``.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame or a column does not hold numbers.
    ColumnError
        When a column is not in the table.
    ValueError
        When values are missing, recency or frequency is negative, or ``bins`` is not from 2 to 9.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"recency_days": [5, 40, 300], "frequency": [9, 3, 1], "monetary": [200.0, 80.0, 20.0]})
    >>> rfm_scores(t, bins=3).to_dict("list")
    {'R': [3, 2, 1], 'F': [3, 2, 1], 'M': [3, 2, 1], 'rfm': [333, 222, 111]}
    """
    import pandas as pd

    require_columns(table, {"recency": recency, "frequency": frequency, "monetary": monetary}, "the RFM table")
    r = score(numbers_of(table, recency, allow_negative=False), bins, higher_is_better=False)
    f = score(numbers_of(table, frequency, allow_negative=False), bins)
    m = score(numbers_of(table, monetary), bins)
    code = r * 100 + f * 10 + m
    return pd.DataFrame({"R": r, "F": f, "M": m, "rfm": code}, index=table.index)


def rfm_segments(scores: pd.DataFrame, *, r: str = "R", f: str = "F", bins: int = 5) -> pd.Series:
    """Each customer's RFM segment from the R and F scores (see the table at the top of the module).

    With ``bins`` other than 5, "4–5" means the top two fifths of the scale and so on: the scores
    are rescaled to 1–5 first.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per customer, as :func:`rfm_scores` returns.
    r : str, default "R"
        The column of recency scores.
    f : str, default "F"
        The column of frequency scores.
    bins : int, default 5
        The number of scores the scores were made with.

    Returns
    -------
    pandas.Series
        A Categorical named ``segment`` with the categories of ``SEGMENTS``, indexed like ``scores``.

    Raises
    ------
    TypeError
        When ``scores`` is not a DataFrame or a column does not hold numbers.
    ColumnError
        When a column is not in the table.
    ValueError
        When a score is missing or is not a whole number from 1 to ``bins``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"R": [5, 3, 5, 3, 1, 2], "F": [5, 4, 1, 2, 5, 1]})
    >>> rfm_segments(s).tolist()
    ['champions', 'loyal', 'new', 'attention', 'at_risk', 'lost']
    """
    import pandas as pd

    require_columns(scores, {"r": r, "f": f}, "the scores")
    rs = numbers_of(scores, r)
    fs = numbers_of(scores, f)
    for name, x in ((r, rs), (f, fs)):
        if (x < 1).any() or (x > bins).any() or (x != np.round(x)).any():
            bad = x[(x < 1) | (x > bins) | (x != np.round(x))]
            raise ValueError(f"column {name!r} must hold whole scores from 1 to {bins}; found {bad[0]:g}")
    if bins != 5:
        rs = 1 + np.floor((rs - 1) * 5 / bins)
        fs = 1 + np.floor((fs - 1) * 5 / bins)
    recent, middle = rs >= 4, rs == 3
    frequent, often = fs >= 4, fs >= 3
    codes = np.select(
        [recent & frequent, (rs >= 3) & often, recent, middle, often],
        [0, 1, 2, 3, 4],
        default=5,
    )
    return pd.Series(pd.Categorical.from_codes(codes.astype(np.int8), categories=list(SEGMENTS)),
                     index=scores.index, name="segment")


def segment_summary(table: pd.DataFrame, segments: pd.Series, *, monetary: str = "monetary") -> pd.DataFrame:
    """Customers and spend per RFM segment, one row per segment in the order of ``SEGMENTS``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    segments : pandas.Series
        What :func:`rfm_segments` returns for ``table``.
    monetary : str, default "monetary"
        The column of money spent.

    Returns
    -------
    pandas.DataFrame
        Indexed by segment: ``customers``, ``customer_share``, ``monetary`` (the segment's total of the
        ``monetary`` column), ``monetary_share`` and ``monetary_per_customer`` (NaN for an empty segment).

    Raises
    ------
    TypeError
        When ``segments`` is not a categorical Series of RFM segments, or ``monetary`` does not hold numbers.
    ColumnError
        When ``monetary`` is not in the table.
    ValueError
        When ``segments`` does not have one entry per row of the table, or spend is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"R": [5, 1], "F": [5, 1], "monetary": [300.0, 100.0]})
    >>> segment_summary(t, rfm_segments(t)).loc[["champions", "lost"], ["customers", "monetary_share"]].to_dict("list")
    {'customers': [1, 1], 'monetary_share': [0.75, 0.25]}
    """
    import pandas as pd

    if not isinstance(segments, pd.Series) or list(getattr(segments.dtype, "categories", [])) != list(SEGMENTS):
        raise TypeError("segments must be what rfm_segments() returns (a categorical Series of RFM segments)")
    if len(segments) != len(table):
        raise ValueError(f"segments must have one entry per row of the table; got {len(segments)} for "
                         f"{len(table)} rows")
    spend = numbers_of(table, monetary, parameter="monetary")
    codes = segments.cat.codes.to_numpy()
    counts = np.bincount(codes, minlength=len(SEGMENTS))
    sums = np.bincount(codes, weights=spend, minlength=len(SEGMENTS))
    total = spend.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        per = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return pd.DataFrame({"customers": counts, "customer_share": counts / len(table), "monetary": sums,
                         "monetary_share": sums / total if total else np.nan, "monetary_per_customer": per},
                        index=pd.Index(list(SEGMENTS), name="segment"))
