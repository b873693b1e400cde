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

A length rule may differ by language: ``min_words={"en": 120, "zh": 200}`` and so on. The rule that applies
is the one of the language the answer is written in (:func:`crmlib.exercises.text.text_language`), not the
notebook's, so a Chinese memo graded with English feedback is held to the Chinese rule::

    >>> q = FreeTextQuestion("memo", var="memo", min_words={"en": 3, "zh": 5},
    ...     rubric=[({"en": "Names the weakest link", "zh": "指出最薄弱的环节"}, 1)],
    ...     prompt={"en": "Write a short memo.", "zh": "写一份简短的备忘录。"},
    ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
    ...     solution={"en": "s", "zh": "答"}, right=["Faults drive churn."], wrong=["Faults."])
    >>> q.grade("网络故障").message, q.grade("网络故障多").status
    ('Too short to submit: 4 words; write at least 5.', 'submitted')
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from crmlib.exercises.questions import NotAttempted, Question, WrongType
from crmlib.exercises.result import INCORRECT, SUBMITTED
from crmlib.exercises.text import bilingual, count_words, fmt_number, localise, msg, short, text_language
from crmlib.i18n import LANGUAGES

__all__ = ["FreeTextQuestion"]


class FreeTextQuestion(Question):
    """A written answer (a string) graded by hand on ``rubric``: a list of
    ``({"en": criterion, "zh": 标准}, points)`` pairs. ``points`` defaults to the rubric's total.
    ``min_words`` / ``max_words``: a whole number, or one per language (``{"en": 120, "zh": 200}``) applied
    to an answer written in that language; a Chinese character counts as one word.

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
        min_words: int | Mapping[str, int] = 0,
        max_words: int | Mapping[str, int] | None = None,
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
        lowest = _per_language(min_words, f"question {id!r}: min_words")
        highest = _per_language(max_words, f"question {id!r}: max_words")
        for lang in LANGUAGES:
            low, high = lowest[lang], highest[lang]
            if isinstance(low, bool) or not isinstance(low, int) or low < 0:
                raise ValueError(f"question {id!r}: min_words must be a whole number >= 0; got {short(min_words)}")
            if high is not None and (isinstance(high, bool) or not isinstance(high, int) or high < max(low, 1)):
                where = "" if not isinstance(max_words, Mapping) else f" for {lang!r}"
                raise ValueError(f"question {id!r}: max_words must be a whole number >= min_words ({low}){where}; "
                                 f"got {short(high)}")
        super().__init__(id, points=total, **common)
        self.rubric = criteria
        self.min_words: dict[str, int] = lowest  # by the language the answer is written in
        self.max_words: dict[str, int | None] = highest

    def _judge(self, value: Any) -> tuple[str, str]:
        if not isinstance(value, str):
            raise WrongType("text", value)
        if not value.strip():
            raise NotAttempted(msg("not_attempted.empty_text", name=self.var))
        words = count_words(value)
        written_in = text_language(value)
        lowest, highest = self.min_words[written_in], self.max_words[written_in]
        if words < lowest:
            return INCORRECT, msg("freetext.too_short", words=words, min_words=lowest)
        if highest is not None and words > highest:
            return INCORRECT, msg("freetext.too_long", words=words, max_words=highest)
        lines = [msg("freetext.recorded", words=words)]
        lines += [msg("freetext.criterion", criterion=localise(text), points=fmt_number(worth)) for text, worth in self.rubric]
        return SUBMITTED, "\n".join(lines)


def _per_language(limit: Any, what: str) -> dict[str, Any]:
    """A length limit for each language: the same number for all, or a ``{"en": ..., "zh": ...}`` dict."""
    if not isinstance(limit, Mapping):
        return {lang: limit for lang in LANGUAGES}
    if set(limit) != set(LANGUAGES):
        raise ValueError(f"{what} must be a whole number or one per language ({', '.join(LANGUAGES)}); "
                         f"got keys: {', '.join(map(str, limit)) or 'none'}")
    return {lang: limit[lang] for lang in LANGUAGES}
