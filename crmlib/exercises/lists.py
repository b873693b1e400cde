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


def _term_key(term: Term) -> Any:
    return term["en"] if isinstance(term, Mapping) else term


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

    def __init__(self, id: str, *, answer: Sequence[Term], extra_terms: Sequence[Term] = (), **common: Any) -> None:
        super().__init__(id, **common)
        self._items = Vocabulary([*answer, *extra_terms], f"question {id!r}: answer")
        self._answer = list(self._items.keys)[: len(answer)]

    def _read(self, value: Any) -> tuple[list[Hashable | None], list[Any]]:
        """The student's items as keys (None where unknown), and their own spellings."""
        items = as_items(value, self.expects)
        return [self._items.key(item) for item in items], items

    def _membership(self, keys: list[Hashable | None], items: list[Any],
                    answer: list[Hashable] | None = None) -> list[str]:
        """Messages for missing, unexpected and repeated items (empty when the items are right)."""
        answer = self._answer if answer is None else answer
        reasons = []
        missing = [k for k in answer if k not in keys]
        if missing:
            reasons.append(msg("items.missing_one" if len(missing) == 1 else "items.missing", count=len(missing)))
        unknown = [item for key, item in zip(keys, items) if key is None or key not in answer]
        if unknown:
            reasons.append(msg("items.extra", items=join_items(unknown)))
        return reasons


class SetQuestion(_ItemsQuestion):
    """A set of items in any order (``answer``: the items). Repeats are ignored.

    Partial credit counts the expected items found, less one for each item that does not belong
    (so listing everything earns nothing), out of the number expected.

    Where sources differ, ``alternatives`` lists other complete answers that are accepted too (each a list
    of terms; terms not in ``answer`` are defined there); an answer is judged against the accepted list
    it is closest to.

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> common = dict(points=2, prompt={"en": "p", "zh": "题"}, hints=[{"en": "h", "zh": "提"}] * 2,
    ...     solution={"en": "s", "zh": "答"})
    >>> q = SetQuestion("s", var="s", answer=["a", "b", "c"], alternatives=[["a", "b", "d"]],
    ...     right=[["a", "b", "c"], ["d", "a", "b"]], wrong=[["a", "b", "c", "d"]], **common)
    >>> q.grade(["b", "d", "a"]).status, q.grade(["a", "b", "x"]).message
    ('correct', "1 item missing. Not expected here: 'x'. Partial credit: 1 of 3 parts right gives 0.5 of 2 points (points × share right, rounded down to halves).")
    """

    can_partial = True

    def __init__(self, id: str, *, answer: Sequence[Term], alternatives: Sequence[Sequence[Term]] = (),
                 **common: Any) -> None:
        if isinstance(alternatives, (str, Mapping)) or any(isinstance(a, (str, Mapping)) for a in alternatives):
            raise ValueError(f"question {id!r}: alternatives must be a list of complete answers (lists of terms)")
        keys = {_term_key(t) for t in answer}
        extra = [t for alt in alternatives for t in alt if _term_key(t) not in keys]
        extra = list({_term_key(t): t for t in extra}.values())
        super().__init__(id, answer=answer, extra_terms=extra, **common)
        self._accepted = [list(self._answer)] + [[self._items.key(_term_key(t)) for t in alt] for alt in alternatives]

    def _judge(self, value: Any) -> tuple[str, str, tuple[int, int]]:
        keys, items = self._read(value)
        given = {k for k in keys if k is not None}

        def score(answer: list[Hashable]) -> int:
            return len(given & set(answer)) - sum(1 for k in keys if k is None or k not in answer)

        answer = max(self._accepted, key=score)
        reasons = self._membership(keys, items, answer)
        parts = (max(score(answer), 0), len(answer))
        return (INCORRECT, join_sentences(reasons), parts) if reasons else (CORRECT, "", parts)


class OrderQuestion(_ItemsQuestion):
    """Items in a given order (``answer``: the items in the right order), e.g. Buttle's stages.

    The message says from which position the items are out of order.

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> common = dict(points=1, prompt={"en": "Order them.", "zh": "请排序。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"})
    >>> q = OrderQuestion("funnel", var="funnel", answer=["awareness", "consideration", "decision", "retention"],
    ...     right=[["awareness", "consideration", "decision", "retention"]], wrong=[["decision"]], **common)
    >>> print(q.grade(["Awareness", "decision", "consideration", "retention"]).message)
    The items are right but out of order from position 2 ('decision').
    """

    expects = "sequence"

    def _judge(self, value: Any) -> tuple[str, str]:
        if isinstance(value, (set, frozenset)):
            raise WrongType(self.expects, value)
        keys, items = self._read(value)
        unknown = [item for key, item in zip(keys, items) if key is None]
        if unknown and len(items) == len(self._answer):
            # as many items as expected, some not recognised: a spelling, not a missing step
            return INCORRECT, msg("order.unknown", items=join_items(unknown), count=len(unknown))
        reasons = self._membership(keys, items)
        repeated = [item for item, n in Counter(k for k in keys if k is not None).items() if n > 1]
        if repeated:
            reasons.append(msg("items.repeated", items=join_items(self._items.text(k) for k in repeated)))
        if reasons:
            return INCORRECT, join_sentences(reasons)
        for position, (key, item) in enumerate(zip(keys, items), start=1):
            if key != self._answer[position - 1]:
                return INCORRECT, msg("order.position", position=position, item=short(item, 40))
        return CORRECT, ""
