"""Free text graded later by an instructor against a rubric.

``check()`` records the answer: it says how many words it has and the rubric it will be graded
on. Status ``submitted`` (0 automatic points) or ``not attempted``; an answer shorter than
``min_words`` is ``incorrect`` with the reason, so the student can extend it::

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> q = FreeTextQuestion("memo", var="memo", min_words=5,
    ...     rubric=[({"en": "Names the weakest link", "zh": "指出最薄弱的环节"}, 2),
    ...             ({"en": "Backs it with a number", "zh": "用数字支持结论"}, 1)],
    ...     prompt={"en": "Write a short memo.", "zh": "写一份简短的备忘录。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"}, right=["Network faults drive 40% of churn."], wrong=["Too short"])
    >>> print(q.grade("Network faults drive 40% of churn.").text())
    memo: Submitted (worth 3 points, graded by your instructor)
    Your answer is recorded (6 words). Your instructor will grade it on:
    • Names the weakest link (points: 2)
    • Backs it with a number (points: 1)
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from crmlib.exercises.questions import NotAttempted, Question, WrongType
from crmlib.exercises.result import INCORRECT, SUBMITTED
from crmlib.exercises.text import bilingual, count_words, fmt_number, localise, msg, short

__all__ = ["FreeTextQuestion"]


class FreeTextQuestion(Question):
    """A written answer (a string) graded by hand on ``rubric``: a list of
    ``({"en": criterion, "zh": 标准}, points)`` pairs. ``points`` defaults to the rubric's total.

    >>> FreeTextQuestion("m", var="m", rubric=[], prompt={"en": "p", "zh": "题"},
    ...     hints=[{"en": "h", "zh": "提"}] * 2, solution={"en": "s", "zh": "答"}, right=["x"], wrong=[1])
    Traceback (most recent call last):
    ...
    ValueError: question 'm': rubric must be a non-empty list of (criterion, points) pairs
    """

    accepted_status: ClassVar[str] = SUBMITTED

    def __init__(
        self,
        id: str,
        *,
        rubric: Sequence[tuple[Mapping[str, str], float]],
        min_words: int = 0,
        max_words: int | None = None,
        points: float | None = None,
        **common: Any,
    ) -> None:
        if isinstance(rubric, (str, Mapping)) or not isinstance(rubric, Sequence) or not rubric:
            raise ValueError(f"question {id!r}: rubric must be a non-empty list of (criterion, points) pairs")
        criteria = []
        for entry in rubric:
            if not isinstance(entry, tuple) or len(entry) != 2:
                raise ValueError(f"question {id!r}: each rubric entry must be a (criterion, points) pair; got {short(entry)}")
            text, worth = entry
            if isinstance(worth, bool) or not isinstance(worth, numbers.Real) or not worth > 0:
                raise ValueError(f"question {id!r}: rubric points must be numbers > 0; got {short(worth)}")
            criteria.append((bilingual(text, f"question {id!r}: rubric criterion"), worth))
        total = sum(worth for _, worth in criteria)
        if points is not None and points != total:
            raise ValueError(f"question {id!r}: points ({points}) must equal the rubric's total ({total})")
        if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 0:
            raise ValueError(f"question {id!r}: min_words must be a whole number >= 0; got {short(min_words)}")
        if max_words is not None and (isinstance(max_words, bool) or not isinstance(max_words, int)
                                      or max_words < max(min_words, 1)):
            raise ValueError(f"question {id!r}: max_words must be a whole number >= min_words ({min_words}); "
                             f"got {short(max_words)}")
        super().__init__(id, points=total, **common)
        self.rubric = criteria
        self.min_words = min_words
        self.max_words = max_words

    def _judge(self, value: Any) -> tuple[str, str]:
        if not isinstance(value, str):
            raise WrongType("text", value)
        if not value.strip():
            raise NotAttempted(msg("not_attempted.empty_text", name=self.var))
        words = count_words(value)
        if words < self.min_words:
            return INCORRECT, msg("freetext.too_short", words=words, min_words=self.min_words)
        if self.max_words is not None and words > self.max_words:
            return INCORRECT, msg("freetext.too_long", words=words, max_words=self.max_words)
        lines = [msg("freetext.recorded", words=words)]
        lines += [msg("freetext.criterion", criterion=localise(text), points=fmt_number(worth)) for text, worth in self.rubric]
        return SUBMITTED, "\n".join(lines)
