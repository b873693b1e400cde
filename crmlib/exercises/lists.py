"""Lists of items: an order-free set (``SetQuestion``) and an ordered list (``OrderQuestion``).

Items are strings (or ``{"en", "zh"}`` dicts, so either language is accepted); matching ignores
case and surrounding spaces. Messages count what is missing without naming it, and name the
student's own items that do not belong::

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> common = dict(points=1, prompt={"en": "Name them.", "zh": "请列出。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"})
    >>> idic = SetQuestion("idic", var="idic", answer=["identify", "differentiate", "interact", "customize"],
    ...     right=[["Identify", "interact", "differentiate", "customize"]], wrong=[["identify"]], **common)
    >>> print(idic.grade(["identify", "interact", "sell"]).message)
    2 items missing. Not expected here: 'sell'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from crmlib.exercises.questions import Question, WrongType
from crmlib.exercises.result import CORRECT, INCORRECT
from crmlib.exercises.terms import Term, Vocabulary
from crmlib.exercises.text import join_items, join_sentences, msg, short

__all__ = ["SetQuestion", "OrderQuestion", "as_items"]


def as_items(value: Any, expected: str) -> list[Any]:
    """The items of a list, tuple, set, 1-D array or Series; a string or dict is a wrong type.

    >>> as_items(("a", "b"), "collection"), as_items({"x"}, "collection")
    (['a', 'b'], ['x'])
    """
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    module = type(value).__module__.split(".")[0]
    if module in ("numpy", "pandas") and getattr(value, "ndim", None) == 1:
        return list(value.tolist())
    raise WrongType(expected, value)


class _ItemsQuestion(Question):
    expects = "collection"

    def __init__(self, id: str, *, answer: Sequence[Term], **common: Any) -> None:
        super().__init__(id, **common)
        self.items = Vocabulary(answer, f"question {id!r}: answer")
        self.answer = list(self.items.keys)

    def _read(self, value: Any) -> tuple[list[Hashable | None], list[Any]]:
        """The student's items as keys (None where unknown), and their own spellings."""
        items = as_items(value, self.expects)
        return [self.items.key(item) for item in items], items

    def _membership(self, keys: list[Hashable | None], items: list[Any]) -> list[str]:
        """Messages for missing, unexpected and repeated items (empty when the items are right)."""
        reasons = []
        missing = [k for k in self.answer if k not in keys]
        if missing:
            reasons.append(msg("items.missing_one" if len(missing) == 1 else "items.missing", count=len(missing)))
        unknown = [item for key, item in zip(keys, items) if key is None]
        if unknown:
            reasons.append(msg("items.extra", items=join_items(unknown)))
        return reasons


class SetQuestion(_ItemsQuestion):
    """A set of items in any order (``answer``: the items). Repeats are ignored.

    >>> print(SetQuestion.__mro__[1].__name__)
    _ItemsQuestion
    """

    def _judge(self, value: Any) -> tuple[str, str]:
        keys, items = self._read(value)
        reasons = self._membership(keys, items)
        return (INCORRECT, join_sentences(reasons)) if reasons else (CORRECT, "")


class OrderQuestion(_ItemsQuestion):
    """Items in a given order (``answer``: the items in the right order), e.g. Buttle's stages.

    The message says from which position the order goes wrong.

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> common = dict(points=1, prompt={"en": "Order them.", "zh": "请排序。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"})
    >>> q = OrderQuestion("funnel", var="funnel", answer=["awareness", "consideration", "decision", "retention"],
    ...     right=[["awareness", "consideration", "decision", "retention"]], wrong=[["decision"]], **common)
    >>> print(q.grade(["Awareness", "decision", "consideration", "retention"]).message)
    The items are right, but the order goes wrong from position 2 ('decision').
    """

    expects = "sequence"

    def _judge(self, value: Any) -> tuple[str, str]:
        if isinstance(value, (set, frozenset)):
            raise WrongType(self.expects, value)
        keys, items = self._read(value)
        reasons = self._membership(keys, items)
        repeated = [item for item, n in Counter(k for k in keys if k is not None).items() if n > 1]
        if repeated:
            reasons.append(msg("items.repeated", items=join_items(self.items.text(k) for k in repeated)))
        if reasons:
            return INCORRECT, join_sentences(reasons)
        for position, (key, item) in enumerate(zip(keys, items), start=1):
            if key != self.answer[position - 1]:
                return INCORRECT, msg("order.position", position=position, item=short(item, 40))
        return CORRECT, ""
