"""Classification: a dict from each item to its category (e.g. CRM activities → operational /
analytical / collaborative). The message names the wrongly classified items, not their class.

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> q = MappingQuestion("types", var="crm_types", points=3,
    ...     answer={"call centre": "operational", "churn model": "analytical", "co-browsing": "collaborative"},
    ...     categories=[{"en": "operational", "zh": "操作型"}, {"en": "analytical", "zh": "分析型"},
    ...                 {"en": "collaborative", "zh": "协作型"}],
    ...     prompt={"en": "Classify.", "zh": "请分类。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"},
    ...     right=[{"Call centre": "operational", "churn model": "分析型", "co-browsing": "collaborative"}],
    ...     wrong=[{"call centre": "analytical", "churn model": "analytical", "co-browsing": "collaborative"}])
    >>> print(q.grade({"call centre": "analytical", "churn model": "analytical", "co-browsing": "collaborative"}).message)
    1 item wrongly classified: 'call centre'. Partial credit: 2 of 3 parts right gives 2 of 3 points (points × share right, rounded down to halves).

With ``task="match"`` (pairs such as 4P → 4C rather than classes) the messages speak of matching:
"1 pair wrongly matched: 'price'."
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from crmlib.exercises.questions import Question, WrongType
from crmlib.exercises.result import CORRECT, INCORRECT
from crmlib.exercises.terms import Term, Vocabulary
from crmlib.exercises.text import join_items, join_list, join_sentences, msg

__all__ = ["MappingQuestion"]


class MappingQuestion(Question):
    """Each item classified into one category.

    ``answer`` maps each item (its English text) to its category's English text; ``categories``
    (default: the answer's distinct values) and ``items`` (default: the answer's keys) may be
    ``{"en", "zh", "aliases"}`` dicts so either language is accepted. Partial credit counts the items
    classified right, out of all items. A dict or a pandas Series
    (index → value) is accepted as the student's answer. ``task`` is ``"classify"`` (items sorted into
    classes) or ``"match"`` (each item paired with its counterpart); it only changes the wording.

    >>> MappingQuestion("m", var="m", points=1, answer={"a": "x"}, categories=["y"],
    ...     prompt={"en": "p", "zh": "题"}, hints=[{"en": "h", "zh": "提"}] * 2,
    ...     solution={"en": "s", "zh": "答"}, right=[{"a": "x"}], wrong=[{"a": "y"}])
    Traceback (most recent call last):
    ...
    ValueError: question 'm': answer category 'x' is not one of the categories: 'y'
    """

    def __init__(
        self,
        id: str,
        *,
        answer: Mapping[str, str],
        categories: Sequence[Term] | None = None,
        items: Sequence[Term] | None = None,
        task: str = "classify",
        **common: Any,
    ) -> None:
        super().__init__(id, **common)
        if task not in ("classify", "match"):
            raise ValueError(f"question {id!r}: task must be 'classify' or 'match'; got {task!r}")
        self.task = task
        if not isinstance(answer, Mapping) or not answer:
            raise ValueError(f"question {id!r}: answer must be a non-empty dict item → category")
        self.items = Vocabulary(list(answer) if items is None else items, f"question {id!r}: items")
        self.categories = Vocabulary(
            list(dict.fromkeys(answer.values())) if categories is None else categories, f"question {id!r}: categories"
        )
        if set(self.items.keys) != set(answer):
            raise ValueError(f"question {id!r}: items must be the answer's keys: {', '.join(map(repr, answer))}")
        self._answer: dict[Hashable, Hashable] = {}
        for item, category in answer.items():
            key = self.categories.key(category)
            if key is None:
                raise ValueError(
                    f"question {id!r}: answer category {category!r} is not one of the categories: "
                    f"{', '.join(map(repr, self.categories.keys))}"
                )
            self._answer[item] = key

    can_partial = True

    def _judge(self, value: Any) -> tuple[str, str, tuple[int, int]]:
        if type(value).__module__.split(".")[0] == "pandas" and type(value).__name__ == "Series":
            value = dict(zip(value.index.tolist(), value.tolist()))
        if not isinstance(value, Mapping):
            raise WrongType("mapping", value)
        reasons = []
        given: dict[Hashable, tuple[Any, Any]] = {}  # item key → (student's item, student's category)
        unknown_items = []
        for item, category in value.items():
            key = self.items.key(item)
            if key is None:
                unknown_items.append(item)
            else:
                given[key] = (item, category)
        missing = [self.items.text(k) for k in self._answer if k not in given]
        match = self.task == "match"
        if missing:
            reasons.append(msg("mapping.missing_match" if match else "mapping.missing", items=join_items(missing)))
        if unknown_items:
            reasons.append(msg("mapping.unknown_items", items=join_items(unknown_items)))
        bad_categories = [category for _, category in given.values() if self.categories.key(category) is None]
        if bad_categories:
            names = join_list(self.categories.text(k) for k in self.categories.keys)
            reasons.append(msg("mapping.bad_category", values=join_items(dict.fromkeys(map(str, bad_categories))), categories=names))
        wrong = [
            item for key, (item, category) in given.items()
            if self.categories.key(category) is not None and self.categories.key(category) != self._answer[key]
        ]
        if wrong:
            if match:
                key = "mapping.wrong_match_one" if len(wrong) == 1 else "mapping.wrong_match"
            else:
                key = "mapping.wrong_one" if len(wrong) == 1 else "mapping.wrong"
            reasons.append(msg(key, count=len(wrong), items=join_items(wrong)))
        right = sum(
            1 for key, (_, category) in given.items() if self.categories.key(category) == self._answer[key]
        )
        parts = (right, len(self._answer))
        return (INCORRECT, join_sentences(reasons), parts) if reasons else (CORRECT, "", parts)
