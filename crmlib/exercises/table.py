"""A pandas DataFrame or Series answer, compared with tolerance; the message names what differs.

    >>> import pandas as pd
    >>> from crmlib.i18n import set_language; set_language("en")
    >>> expected = pd.DataFrame({"tier": ["gold", "silver"], "customers": [20, 80]})
    >>> q = TableQuestion("tiers", var="tiers", points=2, answer=expected,
    ...     prompt={"en": "Count customers per tier.", "zh": "统计各层级的客户数。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"}, right=[expected], wrong=[expected.head(1)])
    >>> print(q.grade(expected.rename(columns={"customers": "n"})).message)
    Missing column(s): 'customers'. Column(s) not expected: 'n'. Partial credit: 2 of 4 parts right gives 1 of 2 points (points × share right, rounded down to halves).
"""

from __future__ import annotations

import numbers
from typing import Any

from crmlib.exercises.compare import table_difference
from crmlib.exercises.questions import Lazy, Question, resolve
from crmlib.exercises.result import CORRECT, INCORRECT
from crmlib.exercises.text import short

__all__ = ["TableQuestion"]


class TableQuestion(Question):
    """A DataFrame or Series equal to ``answer`` (a pandas object, or ``lazy(...)`` of one).

    Compared: type, columns (missing/extra/order), number of rows, index, then each column's
    values (numbers within ``rtol``/``atol``, NaN equal to NaN; other values exactly).
    ``ignore_row_order`` / ``ignore_column_order`` accept any order; ``check_index=False``
    compares rows by position and ignores the row labels. Partial credit counts the expected cells
    that are right (rows paired by their labels), out of all expected cells.

    >>> import pandas as pd
    >>> s = pd.Series([0.5, 0.25], index=pd.Index(["A", "B"], name="segment"))
    >>> q = TableQuestion("s", var="share", points=1, answer=s, ignore_row_order=True,
    ...     prompt={"en": "p", "zh": "题"}, hints=[{"en": "h", "zh": "提"}] * 2,
    ...     solution={"en": "s", "zh": "答"}, right=[s], wrong=[s * 2])
    >>> q.grade(s.iloc[::-1]).status, q.grade(s * 100).status
    ('correct', 'incorrect')
    """

    def __init__(
        self,
        id: str,
        *,
        answer: Any,
        rtol: float = 1e-6,
        atol: float = 1e-9,
        ignore_row_order: bool = False,
        ignore_column_order: bool = False,
        check_index: bool = True,
        **common: Any,
    ) -> None:
        super().__init__(id, **common)
        for name, tol in (("rtol", rtol), ("atol", atol)):
            if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not tol >= 0:
                raise ValueError(f"question {id!r}: {name} must be a number >= 0; got {short(tol)}")
        for name, flag in (("ignore_row_order", ignore_row_order), ("ignore_column_order", ignore_column_order),
                           ("check_index", check_index)):
            if not isinstance(flag, bool):
                raise TypeError(f"question {id!r}: {name} must be True or False; got {short(flag)}")
        self._answer = answer
        self.rtol, self.atol = float(rtol), float(atol)
        self.ignore_row_order, self.ignore_column_order = ignore_row_order, ignore_column_order
        self.check_index = check_index
        if not isinstance(answer, Lazy):
            self._expected()

    def _expected(self) -> Any:
        value = resolve(self._answer)
        kind = type(value)
        if kind.__module__.split(".")[0] != "pandas" or kind.__name__ not in ("DataFrame", "Series"):
            raise ValueError(f"question {self.id!r}: answer must be a pandas DataFrame or Series; got {kind.__name__}")
        return value

    can_partial = True

    def _judge(self, value: Any) -> tuple[str, str, tuple[int, int]]:
        expected = self._expected()
        reason = table_difference(
            expected, value, rtol=self.rtol, atol=self.atol, ignore_row_order=self.ignore_row_order,
            ignore_column_order=self.ignore_column_order, check_index=self.check_index,
        )
        if not reason:
            return CORRECT, "", (expected.size, expected.size)
        return INCORRECT, reason, (self._cells_right(expected, value), expected.size)

    def _cells_right(self, expected: Any, got: Any) -> int:
        """How many of the expected cells the answer has right: rows paired by label (by position with
        ``check_index=False``), columns by name; a table whose rows cannot be paired has none right.

        >>> import pandas as pd
        >>> s = pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"])
        >>> q = TableQuestion("s", var="s", points=3, answer=s, prompt={"en": "p", "zh": "题"},
        ...     hints=[{"en": "h", "zh": "提"}] * 2, solution={"en": "s", "zh": "答"}, right=[s], wrong=[s * 2])
        >>> q.grade(s.iloc[::-1]).message
        'The rows are right but in a different order.'
        >>> q._cells_right(s, pd.Series([1.0, 2.0, 9.0], index=["a", "b", "c"]))
        2
        """
        import numpy as np
        import pandas as pd

        from crmlib.exercises.compare import is_number_column, values_equal

        if isinstance(expected, pd.Series):
            if not isinstance(got, pd.Series):
                return 0
            expected, got = expected.to_frame(name=0), got.to_frame(name=0)
        elif not isinstance(got, pd.DataFrame):
            return 0
        if len(got) != len(expected):
            return 0
        if self.check_index:
            if not got.index.is_unique or set(got.index) != set(expected.index):
                return 0
            got = got.loc[expected.index] if (self.ignore_row_order or got.index.equals(expected.index)) else None
            if got is None:  # the same rows in another order, where order matters
                return 0
        else:
            if self.ignore_row_order:
                return 0  # rows cannot be paired without labels
            expected, got = expected.reset_index(drop=True), got.reset_index(drop=True)
        right = 0
        for column in expected.columns:
            if column not in got.columns or isinstance(got[column], pd.DataFrame):
                continue
            e, g = expected[column], got[column]
            if is_number_column(e) and is_number_column(g):
                a = e.to_numpy(dtype=float, na_value=np.nan)
                b = g.to_numpy(dtype=float, na_value=np.nan)
                right += int(np.isclose(b, a, rtol=self.rtol, atol=self.atol, equal_nan=True).sum())
            else:
                for x, y in zip(e.tolist(), g.tolist()):
                    both_missing = pd.api.types.is_scalar(x) and pd.api.types.is_scalar(y) and pd.isna(x) and pd.isna(y)
                    right += int(both_missing or values_equal(x, y))
        return right
