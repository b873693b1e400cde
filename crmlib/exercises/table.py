"""A pandas DataFrame or Series answer, compared with tolerance; the message names what differs.

    >>> import pandas as pd
    >>> from crmlib.i18n import set_language; set_language("en")
    >>> expected = pd.DataFrame({"tier": ["gold", "silver"], "customers": [20, 80]})
    >>> q = TableQuestion("tiers", var="tiers", points=2, answer=expected,
    ...     prompt={"en": "Count customers per tier.", "zh": "统计各层级的客户数。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"}, right=[expected], wrong=[expected.head(1)])
    >>> print(q.grade(expected.rename(columns={"customers": "n"})).message)
    Missing column(s): 'customers'. Column(s) not expected: 'n'.
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
    compares rows by position and ignores the row labels.

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
        self.answer = answer
        self.rtol, self.atol = float(rtol), float(atol)
        self.ignore_row_order, self.ignore_column_order = ignore_row_order, ignore_column_order
        self.check_index = check_index
        if not isinstance(answer, Lazy):
            self._expected()

    def _expected(self) -> Any:
        value = resolve(self.answer)
        kind = type(value)
        if kind.__module__.split(".")[0] != "pandas" or kind.__name__ not in ("DataFrame", "Series"):
            raise ValueError(f"question {self.id!r}: answer must be a pandas DataFrame or Series; got {kind.__name__}")
        return value

    def _judge(self, value: Any) -> tuple[str, str]:
        reason = table_difference(
            self._expected(), value, rtol=self.rtol, atol=self.atol, ignore_row_order=self.ignore_row_order,
            ignore_column_order=self.ignore_column_order, check_index=self.check_index,
        )
        return (INCORRECT, reason) if reason else (CORRECT, "")
