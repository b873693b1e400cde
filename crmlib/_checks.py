"""Input checks shared by every layer: one exception style and one wording per mistake.

Every public function of crmlib checks its input through these helpers, so that the same mistake always
reads the same way and names the parameter, what was expected and what was found:

>>> import pandas as pd
>>> topups = pd.DataFrame({"customer_id": ["a"], "topup_date": ["2025-01-01"], "amount": [50.0]})
>>> require_columns(topups, {"date": "topup"}, "topups")
Traceback (most recent call last):
...
crmlib._checks.ColumnError: column 'topup' (date=) not found in topups; did you mean 'topup_date'? the table has: customer_id, topup_date, amount
>>> share("retention_rate", 80)
Traceback (most recent call last):
...
ValueError: retention_rate must be a share from 0 to 1 (e.g. 0.8 for 80 %); got 80
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported by the functions that need it
    import numpy as np
    import pandas as pd

__all__ = ["ColumnError", "flags", "frame", "positive", "require_columns", "share"]


class ColumnError(KeyError, ValueError):
    """A column a function needs is not in the table.

    A KeyError (a missing key) and a ValueError (a wrong argument) at once, so that code catching either
    catches it; unlike a plain KeyError its message prints without quotes around it.

    Examples
    --------
    >>> error = ColumnError("column 'topup' not found in topups")
    >>> str(error), isinstance(error, KeyError), isinstance(error, ValueError)
    ("column 'topup' not found in topups", True, True)
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def frame(table: object, what: str = "the table") -> pd.DataFrame:
    """``table`` itself, checked to be a pandas DataFrame.

    Parameters
    ----------
    table : object
        What the caller passed as a table.
    what : str, default "the table"
        How the error message names the table (e.g. the parameter's name).

    Returns
    -------
    pandas.DataFrame
        ``table``, unchanged.

    Raises
    ------
    TypeError
        When ``table`` is not a pandas DataFrame.

    Examples
    --------
    >>> frame([1, 2], "billing")
    Traceback (most recent call last):
    ...
    TypeError: billing must be a pandas DataFrame; got list
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame; got {type(table).__name__}")
    return table


def require_columns(table: object, columns: Sequence[str] | Mapping[str, str | Sequence[str]],
                    what: str = "the table") -> pd.DataFrame:
    """``table`` itself, checked: a DataFrame holding every column of ``columns``.

    ``columns`` is either a list of column names or a mapping *parameter → column* (or → a list of columns,
    for a parameter such as ``features=[...]``), as a function's keyword arguments name them; the error then
    names the parameter to change. A near miss is suggested.

    Parameters
    ----------
    table : object
        The table to check.
    columns : sequence of str or mapping of str to str or sequence of str
        The columns ``table`` must hold: a list of names, or a mapping from the caller's keyword argument to the
        column (or columns) it names.
    what : str, default "the table"
        How the error message names the table.

    Returns
    -------
    pandas.DataFrame
        ``table``, unchanged.

    Raises
    ------
    TypeError
        When ``table`` is not a pandas DataFrame.
    ColumnError
        When a column is missing; the message names the keyword argument (with a mapping), suggests a near
        miss and lists the table's columns.

    Examples
    --------
    >>> import pandas as pd
    >>> bills = pd.DataFrame({"customer_id": ["a"], "revenue_cny": [10.0]})
    >>> require_columns(bills, ["customer_id", "revenue_cny"]) is bills
    True
    >>> require_columns(bills, {"revenue": "revenue"}, "billing")
    Traceback (most recent call last):
    ...
    crmlib._checks.ColumnError: column 'revenue' (revenue=) not found in billing; did you mean 'revenue_cny'? the table has: customer_id, revenue_cny
    """
    table = frame(table, what)
    if isinstance(columns, Mapping):
        pairs = [(parameter, c) for parameter, named in columns.items()
                 for c in ([named] if isinstance(named, str) or not isinstance(named, Sequence) else named)]
    else:
        pairs = [(None, c) for c in columns]
    have = [str(c) for c in table.columns]
    for parameter, column in pairs:
        if column in table.columns:
            continue
        named = f" ({parameter}=)" if parameter else ""
        close = _near_miss(str(column), have)
        hint = f"; did you mean {close[0]!r}?" if close else ";"
        listing = ", ".join(have) if have else "no columns"
        raise ColumnError(f"column {column!r}{named} not found in {what}{hint} the table has: {listing}")
    return table


def _near_miss(name: str, have: list[str]) -> list[str]:
    """The column ``name`` was probably meant to be: a close spelling, or a column it begins or ends
    ("topup" for "topup_date"), or one whose first word it spells closely ("costs" for "cost_cny_million")."""
    close = difflib.get_close_matches(name, have, n=1, cutoff=0.65)
    if not close and name:
        close = [c for c in have if c.startswith(name) or c.endswith(name)][:1]
    if not close and name:
        heads = {c.split("_")[0]: c for c in reversed(have)}
        close = [heads[h] for h in difflib.get_close_matches(name, list(heads), n=1, cutoff=0.8)]
    return close


def _number(name: str, value: object, expected: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {expected}; got {type(value).__name__}: {value!r}")
    return float(value)


def positive(name: str, value: object) -> float:
    """``value`` as a float, checked to be a finite number above 0.

    Parameters
    ----------
    name : str
        The parameter's name, for the error message.
    value : object
        The value to check.

    Returns
    -------
    float
        ``value`` as a float.

    Raises
    ------
    TypeError
        When ``value`` is not a real number (a bool is not one).
    ValueError
        When ``value`` is 0, negative, infinite or NaN.

    Examples
    --------
    >>> positive("alpha", 0.7)
    0.7
    >>> positive("alpha", -1)
    Traceback (most recent call last):
    ...
    ValueError: alpha must be a positive, finite number; got -1.0
    """
    number = _number(name, value, "a positive number")
    if not (math.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a positive, finite number; got {number}")
    return number


def share(name: str, value: object, *, zero: bool = True, one: bool = True, example: float = 0.8) -> float:
    """``value`` as a float, checked to be a share (a fraction) — never a percentage.

    One wording for every share in the kit.

    Parameters
    ----------
    name : str
        The parameter's name, for the error message.
    value : object
        The value to check.
    zero : bool, default True
        Whether 0 itself is allowed.
    one : bool, default True
        Whether 1 itself is allowed.
    example : float, default 0.8
        The share the error message gives as an example (shown with its percentage).

    Returns
    -------
    float
        ``value`` as a float.

    Raises
    ------
    TypeError
        When ``value`` is not a real number (a bool is not one).
    ValueError
        When ``value`` is outside the allowed range (a percentage such as 80 among them), or NaN.

    Examples
    --------
    >>> share("top", 0.2, zero=False, example=0.2)
    0.2
    >>> share("top", 0, zero=False, example=0.2)
    Traceback (most recent call last):
    ...
    ValueError: top must be a share above 0 and at most 1 (e.g. 0.2 for 20 %); got 0
    """
    wording = {
        (True, True): "a share from 0 to 1",
        (False, True): "a share above 0 and at most 1",
        (True, False): "a share of at least 0 and below 1",
        (False, False): "a share strictly between 0 and 1",
    }[(zero, one)] + f" (e.g. {example:g} for {example * 100:g} %)"
    number = _number(name, value, wording)
    ok = math.isfinite(number) and (number >= 0 if zero else number > 0) and (number <= 1 if one else number < 1)
    if not ok:
        shown = f"{number:g}" if isinstance(value, float) else repr(value)
        raise ValueError(f"{name} must be {wording}; got {shown}")
    return number


def flags(table: pd.DataFrame, column: str) -> np.ndarray:
    """A true/false column as a bool array; anything else (or a missing value) is an error.

    Parameters
    ----------
    table : pandas.DataFrame
        The table holding the column.
    column : str
        The column of flags: bool, or numbers that are all 0 or 1.

    Returns
    -------
    numpy.ndarray
        One bool per row.

    Raises
    ------
    ValueError
        When the column has missing values, or holds anything but true/false or 0/1.

    Examples
    --------
    >>> import pandas as pd
    >>> flags(pd.DataFrame({"churned": [0, 1]}), "churned").tolist()
    [False, True]
    >>> flags(pd.DataFrame({"churned": ["no", "yes"]}), "churned")
    Traceback (most recent call last):
    ...
    ValueError: column 'churned' must hold true/false (or 0/1) values; found str such as 'no'
    """
    import pandas as pd

    values = table[column]
    if values.isna().any():
        raise ValueError(f"column {column!r} has {int(values.isna().sum())} missing value(s); it must be true/false")
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(values.dtype) and values.isin([0, 1]).all():
        return values.to_numpy() == 1
    raise ValueError(f"column {column!r} must hold true/false (or 0/1) values; found {values.dtype} "
                     f"such as {values.iloc[0]!r}")
