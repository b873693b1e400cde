"""Comparing a student's value with the expected one: pandas tables and general values.

``table_difference`` names what differs (type, columns, rows, index, which column's values) or
returns ``None`` when the tables match within tolerance; ``same`` is a yes/no comparison for any
value (numbers with tolerance, pandas objects, arrays, lists, dicts)::

    >>> import pandas as pd
    >>> from crmlib.i18n import set_language; set_language("en")
    >>> expected = pd.DataFrame({"segment": ["A", "B"], "revenue": [10.0, 20.0]})
    >>> table_difference(expected, expected.assign(revenue=[10.0, 21.0]))
    "Column 'revenue': 1 of 2 values are wrong."
    >>> table_difference(expected, expected[["revenue", "segment"]], ignore_column_order=True) is None
    True
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from decimal import Decimal
from typing import Any

from crmlib.exercises.text import join_items, join_sentences, msg, short

__all__ = ["is_number_column", "same", "table_difference", "values_equal"]


def table_difference(
    expected: Any,
    got: Any,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    ignore_row_order: bool = False,
    ignore_column_order: bool = False,
    check_index: bool = True,
) -> str | None:
    """What differs between two DataFrames (or two Series), in words; ``None`` when they match.

    Numbers are compared with ``rtol``/``atol`` (NaN matches NaN), other values exactly. Raises
    ``WrongType`` when ``got`` is not the same kind of pandas object as ``expected``.

    >>> import pandas as pd
    >>> from crmlib.i18n import set_language; set_language("en")
    >>> e = pd.Series([1.0, 2.0], index=["a", "b"])
    >>> table_difference(e, pd.Series([2.0, 1.0], index=["b", "a"]))
    'The rows are right but in a different order.'
    >>> table_difference(e, pd.Series([2.0, 1.0], index=["b", "a"]), ignore_row_order=True) is None
    True
    """
    import pandas as pd

    from crmlib.exercises.questions import WrongType

    if isinstance(expected, pd.Series):
        if not isinstance(got, pd.Series):
            one_column = isinstance(got, pd.DataFrame) and got.shape[1] == 1
            raise WrongType("series", got, "to_series" if one_column else None)
        e, g, kind = expected.to_frame(name=0), got.to_frame(name=0), "series"
    elif isinstance(expected, pd.DataFrame):
        if not isinstance(got, pd.DataFrame):
            raise WrongType("dataframe", got, "to_frame" if isinstance(got, pd.Series) else None)
        e, g, kind = expected, got, "table"
        reason = _column_difference(e, g, ignore_column_order)
        if reason:
            return reason
        g = g[list(e.columns)]
    else:
        raise TypeError(f"expected must be a pandas DataFrame or Series; got {type(expected).__name__}")

    if len(g) != len(e):
        key = "too_many_rows" if len(g) > len(e) else "too_few_rows"
        return msg(f"{kind}.{key}", rows=len(g))

    if check_index:
        reason = _index_difference(e.index, g.index, ignore_row_order)
        if reason:
            return reason
        if ignore_row_order:
            if e.index.is_unique:
                g = g.loc[e.index]
            else:  # repeated labels: pair rows up by sorting on labels and values
                e, g = _sort_rows(e.reset_index()), _sort_rows(g.reset_index())
    else:
        e, g = e.reset_index(drop=True), g.reset_index(drop=True)
        if ignore_row_order:
            e, g = _sort_rows(e), _sort_rows(g)

    reasons = []
    for position, column in enumerate(e.columns):
        reason = _values_difference(e.iloc[:, position], g.iloc[:, position], rtol, atol, kind, column)
        if reason:
            reasons.append(reason)
    return join_sentences(reasons) or None


def _column_difference(e: Any, g: Any, ignore_column_order: bool) -> str | None:
    expected_columns, got_columns = list(e.columns), list(g.columns)
    repeated = [c for c, n in Counter(got_columns).items() if n > 1]
    if repeated:
        return msg("table.duplicate_columns", columns=join_items(repeated))
    reasons = []
    missing = [c for c in expected_columns if c not in set(got_columns)]
    extra = [c for c in got_columns if c not in set(expected_columns)]
    if missing:
        reasons.append(msg("table.missing_columns", columns=join_items(missing)))
    if extra:
        reasons.append(msg("table.extra_columns", columns=join_items(extra)))
    if reasons:
        return join_sentences(reasons)
    if got_columns != expected_columns and not ignore_column_order:
        return msg("table.column_order")
    return None


def _is_default_index(index: Any) -> bool:
    import pandas as pd

    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


def _index_difference(e: Any, g: Any, ignore_row_order: bool) -> str | None:
    if e.equals(g):
        return None
    expected_labels, got_labels = Counter(e.tolist()), Counter(g.tolist())
    if expected_labels == got_labels:
        return None if ignore_row_order else msg("table.row_order")
    if _is_default_index(g) and not _is_default_index(e):
        return msg("table.index_default")
    if _is_default_index(e) and not _is_default_index(g):
        return msg("table.index_unexpected")
    missing = sum((expected_labels - got_labels).values())
    extra = sum((got_labels - expected_labels).values())
    return msg("table.index_labels", missing=missing, extra=extra)


def _sort_rows(frame: Any) -> Any:
    columns = list(frame.columns)
    try:
        ordered = frame.sort_values(by=columns, kind="mergesort", na_position="last")
    except TypeError:  # mixed types in a column: sort on the text form
        ordered = frame.loc[frame.astype(str).sort_values(by=columns, kind="mergesort").index]
    return ordered.reset_index(drop=True)


def is_number_column(series: Any) -> bool:
    """True for a column of numbers (true/false columns are not numbers here).

    >>> import pandas as pd
    >>> is_number_column(pd.Series([1.5, 2.0])), is_number_column(pd.Series([True, False]))
    (True, False)
    """
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    return is_numeric_dtype(series.dtype) and not is_bool_dtype(series.dtype)


def _values_difference(e: Any, g: Any, rtol: float, atol: float, kind: str, column: Any) -> str | None:
    import numpy as np
    import pandas as pd

    n = len(e)
    name = short(column, 40)
    if is_number_column(e):
        a = e.to_numpy(dtype=float, na_value=np.nan)
        if is_number_column(g):
            b = g.to_numpy(dtype=float, na_value=np.nan)
        else:  # numbers kept in an object column (e.g. Decimal) count; numbers written as text do not
            values = g.to_numpy(dtype=object)
            present = ~pd.isna(values)
            if not all(_is_real(v) or isinstance(v, Decimal) for v in values[present]):
                return msg(f"{kind}.text_not_numbers", column=name)
            b = np.full(n, np.nan)
            b[present] = [float(v) for v in values[present]]
        with np.errstate(invalid="ignore"):
            ok = np.isclose(b, a, rtol=rtol, atol=atol, equal_nan=True)
        new_nan = int((np.isnan(b) & ~np.isnan(a)).sum())
        bad = int((~ok).sum())
        if bad and new_nan == bad:
            return msg(f"{kind}.missing_values", column=name, count=new_nan)
    else:
        a = e.to_numpy(dtype=object)
        b = g.to_numpy(dtype=object)
        na_a, na_b = pd.isna(a), pd.isna(b)
        ok = na_a & na_b
        both = ~na_a & ~na_b
        if both.any():
            ok[both] = [values_equal(x, y) for x, y in zip(a[both], b[both])]
        bad = int((~ok).sum())
    if bad:
        return msg(f"{kind}.wrong_values", column=name, count=bad, rows=n)
    return None


def values_equal(x: Any, y: Any) -> bool:
    """``x == y`` as a plain bool, and False where the comparison gives anything else (an array, an error value).

    >>> values_equal("a", "a"), values_equal(1, 1.0), values_equal([1], "x")
    (True, True, False)
    """
    result = x == y
    return bool(result) if isinstance(result, (bool, numbers.Number)) or type(result).__name__ == "bool_" else False


def same(expected: Any, got: Any, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """True when ``got`` equals ``expected``: numbers within tolerance, containers item by item.

    >>> same([1.0, {"a": 0.1 + 0.2}], [1, {"a": 0.3}]), same(1.0, "1.0"), same(True, 1)
    (True, False, False)
    """
    if _is_real(expected) and _is_real(got):
        x, y = float(got), float(expected)
        if math.isnan(x) or math.isnan(y):
            return math.isnan(x) and math.isnan(y)
        return abs(x - y) <= atol + rtol * abs(y)
    if _is_real(expected) != _is_real(got) and (isinstance(expected, bool) or isinstance(got, bool)):
        return False
    module = type(expected).__module__.split(".")[0]
    if module == "pandas" and type(expected).__name__ in ("DataFrame", "Series"):
        from crmlib.exercises.questions import WrongType

        try:
            return table_difference(expected, got, rtol=rtol, atol=atol) is None
        except WrongType:
            return False
    if module == "numpy" and type(expected).__name__ == "ndarray":
        import numpy as np

        got_array = np.asarray(got) if isinstance(got, (list, tuple)) or type(got).__name__ == "ndarray" else None
        if got_array is None or got_array.shape != expected.shape:
            return False
        return all(same(x, y, rtol, atol) for x, y in zip(expected.ravel().tolist(), got_array.ravel().tolist()))
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
        return len(expected) == len(got) and all(same(x, y, rtol, atol) for x, y in zip(expected, got))
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(same(expected[k], got[k], rtol, atol) for k in expected)
    return values_equal(expected, got)


def _is_real(value: Any) -> bool:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return False
    return isinstance(value, numbers.Real)
