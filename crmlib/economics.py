"""The economics of keeping customers: how retention compounds over time.

Pure functions on numbers and arrays; nothing here prints or plots.

    >>> survivors(1000, 0.8, 2).round(1).tolist()
    [1000.0, 800.0, 640.0]
"""

from __future__ import annotations

import numbers

import numpy as np


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

    >>> average_lifetime(0.75)
    4.0
    >>> average_lifetime(1.0)
    inf
    """
    rate = _check_rate("retention_rate", retention_rate)
    return float("inf") if rate == 1.0 else 1.0 / (1.0 - rate)
