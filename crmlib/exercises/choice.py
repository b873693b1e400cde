"""One choice among options; the student may give the option's text (either language) or its letter.

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> from crmlib.exercises.banks.start_here import QUESTIONS
    >>> q2 = QUESTIONS[1]
    >>> [q2.grade(v).status for v in ("a", " Winning a NEW customer ", "赢得一位新客户", "c")]
    ['correct', 'correct', 'correct', 'incorrect']
    >>> print(q2.grade("c").message)
    Option (c), “they cost about the same”, is not the right choice.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from typing import Any

from crmlib.exercises.questions import Question, WrongType
from crmlib.exercises.result import CORRECT, INCORRECT
from crmlib.exercises.terms import Term, Vocabulary, norm
from crmlib.exercises.text import join_list, localise, msg, short

__all__ = ["ChoiceQuestion"]

_LETTER = re.compile(r"^\(?([a-z])[).]?$")


class ChoiceQuestion(Question):
    """Pick one of ``options`` (strings or ``{"en", "zh"}`` dicts); ``answer`` is the right option's
    English text. Matching ignores case and spaces; ``"a"``, ``"(a)"``, ``"A."`` pick option (a).

    >>> from crmlib.exercises.banks.start_here import QUESTIONS
    >>> print(QUESTIONS[1].prompt_text().splitlines()[-3])
    (a) winning a new customer
    """

    def __init__(self, id: str, *, options: Sequence[Term], answer: str, **common: Any) -> None:
        super().__init__(id, **common)
        self.options = Vocabulary(options, f"question {id!r}: options")
        if len(self.options) < 2 or len(self.options) > 26:
            raise ValueError(f"question {id!r}: give 2 to 26 options; got {len(self.options)}")
        key = self.options.key(answer)
        if key is None:
            raise ValueError(
                f"question {id!r}: answer {answer!r} is not one of the options: {', '.join(map(repr, self.options.keys))}"
            )
        self._answer = key
        self.letters = list(string.ascii_lowercase[: len(self.options)])

    def _letters_text(self) -> str:
        return join_list(self.letters)

    def _chosen(self, value: Any) -> Any:
        """The key of the option ``value`` names (by its text in either language, or its letter), or None."""
        if not isinstance(value, str):
            return None
        key = self.options.key(value)
        if key is None:
            match = _LETTER.match(norm(value))
            if match and match.group(1) in self.letters:
                key = self.options.keys[self.letters.index(match.group(1))]
        return key

    def _same(self, value: Any, target: Any) -> bool:
        """A mistake of a choice question is a wrong option (its English text): chosen by text or letter."""
        key = self._chosen(value)
        return key is not None and key == self._chosen(target)

    def _judge(self, value: Any) -> tuple[str, str]:
        if not isinstance(value, str):
            raise WrongType("option", value, letters=self._letters_text())
        key = self._chosen(value)
        if key is None:
            return INCORRECT, msg("choice.unknown", value=short(value), letters=self._letters_text())
        if key == self._answer:
            return CORRECT, ""
        letter = self.letters[self.options.keys.index(key)]
        return INCORRECT, msg("choice.wrong", letter=letter, option=self.options.text(key))

    def prompt_text(self) -> str:
        lines = [localise(self.prompt), msg("question.options")]
        lines += [f"({letter}) {self.options.text(key)}" for letter, key in zip(self.letters, self.options.keys)]
        return "\n".join(lines)
