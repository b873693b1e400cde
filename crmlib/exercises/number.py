"""A number, accepted within a tolerance, with optional alternative forms (0.8 and 80 %).

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> q = NumberQuestion("share", answer=0.25, points=1, var="share",
    ...     prompt={"en": "What share?", "zh": "占比多少？"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "0.25", "zh": "0.25"}, right=[0.25], wrong=[25])
    >>> print(q.grade(25).message)
    25 is off by a factor of 100: check the units (a share such as 0.25 versus a percentage such as 25).
    >>> print(q.grade("0.25").message)
    Expected a number; got a str: '0.25'. Write it as a plain number, without quotes, thousands separators, currency or % signs: e.g. 1250.5, not "$1,250.50".

A question that asks for a number of decimals (``decimals=3``) says so when an answer is the right
value rounded to fewer decimals:

    >>> q3 = NumberQuestion("rate", answer=0.24197, atol=0.0005, decimals=3, points=1, var="rate",
    ...     prompt={"en": "Rate (three decimals)?", "zh": "比率（三位小数）？"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"}, right=[0.242], wrong=[0.24])
    >>> print(q3.grade(0.24).message)
    0.24 is not precise enough: give the answer to at least 3 decimals.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from crmlib.exercises.questions import Lazy, Question, WrongType, resolve
from crmlib.exercises.result import CORRECT, INCORRECT
from crmlib.exercises.text import fmt_number, msg, short

__all__ = ["NumberQuestion", "as_number", "is_close"]

# what a student may wrap a number in when typing it as text: "$600,000", "25 %", "CNY 1,200", "300元"
_DECORATION = re.compile(r"^(?:[$¥￥€£]|usd|cny|rmb)\s*|\s*(?:[$¥￥€£元%]|usd|cny|rmb|dollars?|yuan)$", re.IGNORECASE)


def is_close(x: float, target: float, rtol: float, atol: float) -> bool:
    """``|x − target| ≤ atol + rtol·|target|`` (numpy's ``isclose`` rule).

    >>> is_close(640.4, 640, rtol=0, atol=0.5), is_close(641, 640, rtol=0, atol=0.5)
    (True, False)
    """
    return abs(x - target) <= atol + rtol * abs(target)


def as_number(value: Any) -> float:
    """``value`` as a float if it is a real number (int, float, numpy scalar, Decimal, Fraction).

    Anything else raises ``WrongType`` with a hint at the likely slip (quotes, a one-value Series,
    a function not called, True/False).

    >>> as_number(3), as_number(Decimal("0.5"))
    (3.0, 0.5)
    >>> as_number(True)
    Traceback (most recent call last):
    ...
    crmlib.exercises.questions.WrongType: number
    """
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise WrongType("number", value, "bool")
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, numbers.Real):
        return float(value)
    module = type(value).__module__.split(".")[0]
    if module in ("numpy", "pandas") and hasattr(value, "shape"):
        if getattr(value, "ndim", None) == 0:
            return as_number(value.item())
        if getattr(value, "size", None) == 1:
            raise WrongType("number", value, "item")
    if isinstance(value, str):
        text = value.strip()
        for _ in range(2):  # a sign and a unit may both be there: "$600,000 USD"
            text = _DECORATION.sub("", text).strip()
        text = re.sub(r"[,_\s]", "", text)
        try:
            float(text)
        except ValueError:
            raise WrongType("number", value) from None
        raise WrongType("number", value, "no_quotes")
    if callable(value):
        raise WrongType("number", value, "call")
    raise WrongType("number", value)


class NumberQuestion(Question):
    """A numeric answer: ``answer`` (or any of ``alternatives``) within ``rtol``/``atol``.

    A wrong answer that is a right one ×100 or ÷100 gets "check the units: share vs percentage";
    one with the opposite sign gets "wrong sign". With ``decimals`` (the number of decimals the
    prompt asks for), the right value rounded to fewer decimals gets "not precise enough"; set
    ``atol`` to match (e.g. ``0.0005`` for three decimals). The expected value is never shown.

    >>> from crmlib.exercises.banks.start_here import QUESTIONS
    >>> q1 = QUESTIONS[0]
    >>> q1.grade(1000 * 0.8 * 0.8).status, q1.grade(600).status
    ('correct', 'incorrect')
    """

    def __init__(
        self,
        id: str,
        *,
        answer: Any,
        alternatives: Sequence[Any] = (),
        rtol: float = 1e-6,
        atol: float = 1e-9,
        decimals: int | None = None,
        **common: Any,
    ) -> None:
        super().__init__(id, **common)
        if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 1):
            raise ValueError(f"question {id!r}: decimals must be a whole number >= 1 or None; got {short(decimals)}")
        self.decimals = decimals
        for name, tol in (("rtol", rtol), ("atol", atol)):
            if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not tol >= 0:
                raise ValueError(f"question {id!r}: {name} must be a number >= 0; got {short(tol)}")
        if isinstance(alternatives, (str, bytes)) or not isinstance(alternatives, Sequence):
            raise ValueError(f"question {id!r}: alternatives must be a list of numbers; got {short(alternatives)}")
        self._answer = answer
        self._alternatives = list(alternatives)
        self.rtol, self.atol = float(rtol), float(atol)
        if not any(isinstance(v, Lazy) for v in [answer, *self._alternatives]):
            self._targets()  # validates now; a lazy answer is validated when first used

    def _targets(self) -> list[float]:
        targets = []
        for value in [self._answer, *self._alternatives]:
            try:
                targets.append(as_number(resolve(value)))
            except WrongType:
                raise ValueError(f"question {self.id!r}: answer and alternatives must be numbers; got {short(value)}") from None
        return targets

    def _judge(self, value: Any) -> tuple[str, str]:
        x = as_number(value)
        shown = fmt_number(value if isinstance(value, (int, float)) else x)
        if math.isnan(x):
            return INCORRECT, msg("number.nan")
        if math.isinf(x):
            return INCORRECT, msg("number.inf")
        targets = self._targets()
        if any(is_close(x, a, self.rtol, self.atol) for a in targets):
            return CORRECT, ""
        for factor in (100.0, 0.01):
            if any(is_close(x, a * factor, self.rtol, self.atol * factor) for a in targets if a != 0):
                return INCORRECT, msg("number.units", value=shown)
        if any(a != 0 and is_close(x, -a, self.rtol, self.atol) for a in targets):
            return INCORRECT, msg("number.sign", value=shown)
        if self.decimals is not None and any(
            abs(x - round(a, k)) < 1e-12 and abs(x - round(x, k)) < 1e-12
            for a in targets for k in range(self.decimals)
        ):
            return INCORRECT, msg("number.precision", value=shown, decimals=self.decimals)
        return INCORRECT, msg("number.wrong", value=shown)

    def _same(self, value: Any, target: Any) -> bool:
        return is_close(as_number(value), as_number(target), self.rtol, self.atol)
