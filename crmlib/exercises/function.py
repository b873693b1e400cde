"""A function written by the student, run on test cases and compared with a reference function.

The message names the input that fails, never the expected output; an exception in the student's
function is reported in one line::

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> def reference(customers, retention, years):
    ...     return customers * retention ** years
    >>> q = FunctionQuestion("f", var="remaining", points=2, reference=reference,
    ...     cases=[(1000, 0.8, 2), (500, 0.9, 0), {"customers": 10, "retention": 0.5, "years": 1}],
    ...     prompt={"en": "Write remaining().", "zh": "编写 remaining()。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"}, right=[reference], wrong=[lambda c, r, y: c * r * y])
    >>> def remaining(customers, retention, years):
    ...     return customers * (1 - retention) ** years
    >>> print(q.grade(remaining).message)
    Wrong result for remaining(1000, 0.8, 2): your function returned 40.
    >>> def remaining(customers, retention, years):
    ...     return customers / (years - 2)
    >>> print(q.grade(remaining).message)
    Your function raised ZeroDivisionError: division by zero when called as remaining(1000, 0.8, 2).
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from crmlib.exercises.blank import contains_blank
from crmlib.exercises.compare import same
from crmlib.exercises.questions import NotAttempted, Question, WrongType
from crmlib.exercises.result import CORRECT, INCORRECT
from crmlib.exercises.text import fmt_number, msg, one_line, short

__all__ = ["FunctionQuestion"]


class FunctionQuestion(Question):
    """A function answer, called on each of ``cases`` and compared with ``reference``.

    A case is a tuple of positional arguments or a dict of keyword arguments. Arguments are
    deep-copied for each call, so a function that changes its input cannot spoil the next case.
    Results are compared with ``crmlib.exercises.compare.same`` (numbers within
    ``rtol``/``atol``, pandas objects, lists, dicts). A function whose body still returns ``___``
    or raises ``NotImplementedError`` is Not attempted. There is no time limit here; the batch
    grader runs each notebook with one.

    >>> from crmlib.exercises import ___
    >>> q = FunctionQuestion("f", var="double", points=1, reference=lambda x: 2 * x, cases=[(1,), (2.5,)],
    ...     prompt={"en": "p", "zh": "题"}, hints=[{"en": "h", "zh": "提"}] * 2,
    ...     solution={"en": "s", "zh": "答"}, right=[lambda x: x + x], wrong=[lambda x: x])
    >>> def double(x):
    ...     return ___
    >>> q.grade(double).status, q.grade(lambda x: x * 2).status
    ('not attempted', 'correct')
    """

    def __init__(
        self,
        id: str,
        *,
        reference: Callable[..., Any],
        cases: Sequence[tuple[Any, ...] | Mapping[str, Any]],
        rtol: float = 1e-6,
        atol: float = 1e-9,
        **common: Any,
    ) -> None:
        super().__init__(id, **common)
        if not callable(reference):
            raise TypeError(f"question {id!r}: reference must be a function; got {short(reference)}")
        if isinstance(cases, (str, Mapping)) or not isinstance(cases, Sequence) or not cases:
            raise ValueError(f"question {id!r}: cases must be a non-empty list of argument tuples or dicts")
        for case in cases:
            if not isinstance(case, (tuple, Mapping)):
                raise TypeError(f"question {id!r}: each case must be a tuple of arguments or a dict; got {short(case)}")
        for name, tol in (("rtol", rtol), ("atol", atol)):
            if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not tol >= 0:
                raise ValueError(f"question {id!r}: {name} must be a number >= 0; got {short(tol)}")
        self._reference = reference
        self.cases = list(cases)
        self.rtol, self.atol = float(rtol), float(atol)

    def _call_text(self, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str:
        parts = [short(a, 30) for a in args] + [f"{k}={short(v, 30)}" for k, v in kwargs.items()]
        return f"{self.var}({', '.join(parts)})"

    def _judge(self, value: Any) -> tuple[str, str]:
        if not callable(value) or isinstance(value, type):
            raise WrongType("function", value)
        for case in self.cases:
            args, kwargs = (tuple(case), {}) if isinstance(case, tuple) else ((), dict(case))
            expected = self._reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
            call = self._call_text(args, kwargs)
            try:
                got = value(*copy.deepcopy(args), **copy.deepcopy(kwargs))
            except NotImplementedError:
                raise NotAttempted(msg("not_attempted.function", name=self.var)) from None
            except Exception as error:
                return INCORRECT, msg("function.raised", error=one_line(error), call=call)
            if contains_blank(got):
                raise NotAttempted(msg("not_attempted.function", name=self.var))
            if got is None and expected is not None:
                return INCORRECT, msg("function.none", call=call)
            if not same(expected, got, self.rtol, self.atol):
                shown = fmt_number(got) if isinstance(got, numbers.Real) and not isinstance(got, bool) else short(got, 50)
                return INCORRECT, msg("function.wrong", call=call, got=shown)
        return CORRECT, ""
