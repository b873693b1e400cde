"""The outcome of grading one answer: status, message, points.

``Question.grade(value)`` returns a ``Result``; ``check()`` displays it. The status is one of
four codes (the words shown to the student come from the catalogue, in their language)::

    >>> r = Result("q1", CORRECT, "Your answer is right.", 2, 2, language="en")
    >>> print(r)
    q1: Correct (2/2 points)
    Your answer is right.
    >>> r.accepted
    True
    >>> print(Result("q9", INCORRECT, "", 0, 1, language="en").title)
    q9: Incorrect (0/1 point)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crmlib.exercises.feedback import box_html
from crmlib.exercises.text import fmt_number, msg

__all__ = ["CORRECT", "INCORRECT", "NOT_ATTEMPTED", "SUBMITTED", "STATUSES", "Result"]

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not attempted"
SUBMITTED = "submitted"  # free text, waiting for the instructor
STATUSES = (CORRECT, INCORRECT, NOT_ATTEMPTED, SUBMITTED)


def status_label(status: str, language: str | None = None) -> str:
    """The word for ``status`` in the current (or given) language.

    >>> status_label(NOT_ATTEMPTED, "en"), status_label(NOT_ATTEMPTED, "zh")
    ('Not attempted', '未作答')
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(map(repr, STATUSES))}; got {status!r}")
    return msg(f"status.{status.replace(' ', '_')}", language)


@dataclass(frozen=True)
class Result:
    """One graded answer.

    ``message`` is written in ``language`` when grading; ``tip`` is added by ``check()`` (e.g.
    how to ask for a hint). ``points`` is ``max_points`` for a correct answer, a part of it for a partly
    right answer to a question that gives partial credit, and 0 otherwise (free text gets its points
    later, from the instructor).

    >>> Result("q2", "wrong", "", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: status must be one of 'correct', 'incorrect', 'not attempted', 'submitted'; got 'wrong'
    """

    question: str
    status: str
    message: str
    points: float
    max_points: float
    language: str = "en"
    tip: str = ""

    def __post_init__(self) -> None:
        status_label(self.status)  # validates

    @property
    def accepted(self) -> bool:
        """True for a correct answer, or a free-text answer submitted for grading."""
        return self.status in (CORRECT, SUBMITTED)

    @property
    def partly(self) -> bool:
        """True for a wrong answer that still earned partial credit."""
        return self.status == INCORRECT and self.points > 0

    @property
    def label(self) -> str:
        """The status in words, in the language the result was graded in ("Partly right" for partial credit).

        >>> Result("q1", INCORRECT, "", 1.5, 3).label
        'Partly right'
        """
        if self.partly:
            return msg("status.partly", self.language)
        return status_label(self.status, self.language)

    @property
    def title(self) -> str:
        """``q1: Correct (2/2 points)``, in the result's language."""
        key = "result.title_submitted" if self.status == SUBMITTED else "result.title"
        if self.max_points == 1:  # "(1/1 point)", not "(1/1 points)"
            key = "result.title_submitted_one" if self.status == SUBMITTED else "result.title_one"
        return msg(
            key, self.language, question=self.question, label=self.label,
            points=fmt_number(self.points), max_points=fmt_number(self.max_points),
        )

    def text(self) -> str:
        """The whole result as plain text: title, message, tip, one per line."""
        return "\n".join(part for part in (self.title, self.message, self.tip) if part)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        body = "\n".join(part for part in (self.message, self.tip) if part)
        return box_html(self.status, self.title, body)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())
