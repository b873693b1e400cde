"""Graded exercises for the notebooks: check, hint, solution, score.

In a notebook::

    from crmlib.exercises import load, ___
    ex = load("00_start_here")        # questions are looked up by id, never by cell position
    remaining_after_2_years = ___     # the student's answer cell, committed with the placeholder
    ex.q1.check()                     # Correct / Incorrect / Not attempted, with a short reason
    ex.q1.hint(); ex.q1.hint(2); ex.q1.solution()
    ex.score()                        # a table: question, status, points, max_points, total

Run as a doctest::

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> ex = load("00_start_here")
    >>> remaining_after_2_years = ___
    >>> ex.q1.check()
    q1: Not attempted (0/2 points)
    Replace `___` with your answer in the cell that sets `remaining_after_2_years`, then run that cell.
    >>> remaining_after_2_years = 1000 * 0.8 * 0.8
    >>> ex.q1.check()
    q1: Correct (2/2 points)
    Your answer is right.

Question types: ``NumberQuestion``, ``ChoiceQuestion``, ``SetQuestion``, ``OrderQuestion``,
``MappingQuestion``, ``TableQuestion``, ``FunctionQuestion``, ``FreeTextQuestion``. Instructors
turn solutions off with ``set_course_mode(True)`` or ``CRMLIB_COURSE_MODE=1``.
"""

from __future__ import annotations

from crmlib.exercises.bank import Exercise, UnknownExercise, UnknownQuestion, bank_modules, exercise_ids, load
from crmlib.exercises.blank import Blank, ___, contains_blank, is_blank
from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.function import FunctionQuestion
from crmlib.exercises.lists import OrderQuestion, SetQuestion
from crmlib.exercises.mapping import MappingQuestion
from crmlib.exercises.mode import course_mode, set_course_mode
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import Lazy, Question, lazy
from crmlib.exercises.result import CORRECT, INCORRECT, NOT_ATTEMPTED, STATUSES, SUBMITTED, Result
from crmlib.exercises.table import TableQuestion

__all__ = [
    "___", "Blank", "is_blank", "contains_blank",
    "load", "exercise_ids", "bank_modules", "Exercise", "UnknownExercise", "UnknownQuestion",
    "Question", "NumberQuestion", "ChoiceQuestion", "SetQuestion", "OrderQuestion", "MappingQuestion",
    "TableQuestion", "FunctionQuestion", "FreeTextQuestion", "lazy", "Lazy",
    "Result", "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "SUBMITTED", "STATUSES",
    "set_course_mode", "course_mode",
]
