"""Exercises: the questions of one notebook, looked up by id, and the banks they come from.

A bank is a module in ``crmlib/exercises/banks/`` named after its notebook without the number
(``00_start_here`` → ``start_here.py``) that defines ``EXERCISE_ID``, ``TITLE`` (en/zh) and
``QUESTIONS``. ``load`` gives a fresh ``Exercise`` each time (its own hint counters)::

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> ex = load("00_start_here")
    >>> ex.ids
    ['q1', 'q2']
    >>> ex["q1"] is ex.q1
    True
    >>> ex.q9
    Traceback (most recent call last):
    ...
    crmlib.exercises.bank.UnknownQuestion: No question 'q9' in exercise '00_start_here'; its questions are: q1, q2.
"""

from __future__ import annotations

import copy
import importlib
import os
import pkgutil
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any

from crmlib.exercises.feedback import box_html
from crmlib.exercises.questions import Question
from crmlib.exercises.result import Result
from crmlib.exercises.text import bilingual, fmt_number, join_list, localise, msg

__all__ = ["Exercise", "UnknownQuestion", "UnknownExercise", "load", "exercise_ids", "bank_modules"]

BANKS_PACKAGE = "crmlib.exercises.banks"


class UnknownQuestion(KeyError, AttributeError):
    """Raised for ``ex.q9`` or ``ex["q9"]`` when the exercise has no such question."""

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownExercise(KeyError):
    """Raised by ``load`` for a name that is not an exercise; the message lists the valid ones."""

    def __str__(self) -> str:
        return str(self.args[0])


class Exercise:
    """The questions of one notebook: ``ex.q1`` / ``ex["q1"]``, ``ex.score()``, ``ex.grade(ns)``.

    >>> from crmlib.exercises.banks.start_here import QUESTIONS
    >>> Exercise("demo", QUESTIONS + QUESTIONS[:1])
    Traceback (most recent call last):
    ...
    ValueError: exercise 'demo': question id 'q1' is used twice
    """

    def __init__(self, id: str, questions: Sequence[Question], title: Mapping[str, str] | None = None) -> None:
        if not isinstance(id, str) or not id:
            raise ValueError(f"exercise id must be a non-empty string; got {id!r}")
        self.id = id
        self.title = bilingual(title, f"exercise {id!r}: title") if title is not None else {"en": id, "zh": id}
        if isinstance(questions, (str, Mapping)) or not isinstance(questions, Sequence) or not questions:
            raise ValueError(f"exercise {id!r}: questions must be a non-empty list of questions")
        self._questions: dict[str, Question] = {}
        self._student: str | None = None  # whose variant the varying questions are
        self._source = ""  # where that id came from: ex.student(), crmlib-student.toml or CRMLIB_STUDENT
        variables: dict[str, str] = {}
        for question in questions:
            if not isinstance(question, Question):
                raise TypeError(f"exercise {id!r}: {question!r} is not a question")
            if question.id in self._questions:
                raise ValueError(f"exercise {id!r}: question id {question.id!r} is used twice")
            if hasattr(Exercise, question.id):
                raise ValueError(f"exercise {id!r}: question id {question.id!r} is taken by Exercise.{question.id}")
            if question.var in variables:
                raise ValueError(
                    f"exercise {id!r}: questions {variables[question.var]!r} and {question.id!r} "
                    f"both read the variable {question.var!r}"
                )
            variables[question.var] = question.id
            self._questions[question.id] = question
            question._exercise = self

    # ---------------------------------------------------------------- looking questions up
    @property
    def ids(self) -> list[str]:
        """The question ids, in order."""
        return list(self._questions)

    @property
    def questions(self) -> list[Question]:
        """The questions, in order."""
        return list(self._questions.values())

    def __getitem__(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except (KeyError, TypeError):
            raise UnknownQuestion(
                msg("unknown_question", id=repr(question_id), exercise=repr(self.id), ids=join_list(self.ids))
            ) from None

    def __getattr__(self, name: str) -> Question:
        if name.startswith("_") or "_questions" not in self.__dict__:
            raise AttributeError(name)
        return self[name]

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._questions))

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self._questions)

    # ---------------------------------------------------------------- per-student variants
    @property
    def varying(self) -> list[str]:
        """The ids of the questions whose numbers depend on the student's id.

        >>> load("04_telecom_case").varying
        ['q9']
        """
        return [q.id for q in self.questions if q._variant is not None]

    @property
    def student_id(self) -> str | None:
        """Whose variant the questions are (None: the lesson's numbers)."""
        return self._student

    def for_student(self, student: str | None) -> "Exercise":
        """A new exercise with ``student``'s variant of every varying question (pure: nothing shown);
        the batch grader calls it with the student it assigns to each file.

        >>> a, b = load("04_telecom_case").for_student("s1"), load("04_telecom_case").for_student("s2")
        >>> a.q9.given() != b.q9.given(), a.student_id
        (True, 's1')
        """
        from crmlib.exercises.variants import for_student, normalise

        questions = [copy.copy(for_student(q, self.id, student)) for q in self.questions]
        mine = Exercise(self.id, questions, title=self.title)
        mine._student = None if student is None else normalise(student)
        return mine

    def student(self, student_id: Any = None) -> None:
        """Set your student id once, e.g. ``ex.student("s123")``: the varying questions then use your own
        numbers (``ex.q9.given()``) and ``check()`` grades against them. Shows what changed.

        >>> from crmlib.i18n import set_language; set_language("en")
        >>> ex = load("04_telecom_case"); ex.student("S123")
        Your student id is s123. These questions use your own numbers: q9. Read them with ex.<question>.given().
        >>> ex.student_id, ex.q9.given() == load("04_telecom_case").for_student("s123").q9.given()
        ('s123', True)
        """
        from crmlib.exercises.blank import is_blank
        from crmlib.exercises.feedback import Note, show

        varying = join_list(self.varying) or "-"
        if student_id is None or is_blank(student_id) or (isinstance(student_id, str) and not student_id.strip()):
            if self.student_id is not None:
                show(Note("info", msg("variant.blank_set", student=self.student_id, source=self._source,
                                      questions=varying)))
            else:
                show(Note("info", msg("variant.blank", questions=varying)))
            return
        if not isinstance(student_id, (str, int)) or isinstance(student_id, bool):
            raise TypeError(f'ex.student() needs your student id as text, e.g. ex.student("s123"); got {student_id!r}')
        mine = self.for_student(str(student_id))
        for question in mine.questions:
            question._exercise = self
        self._questions = mine._questions
        self._student, self._source = mine.student_id, "ex.student()"
        key = "variant.set" if self.varying else "variant.set_none"
        show(Note("info", msg(key, student=self._student, questions=varying)))

    # ---------------------------------------------------------------- grading
    def results(self, namespace: Mapping[str, Any]) -> list[Result]:
        """Each question graded from ``namespace`` (a dict of the notebook's variables).

        >>> [r.status for r in load("00_start_here").results({"costs_more": "b"})]
        ['not attempted', 'incorrect']
        """
        return [question.grade_from(namespace) for question in self.questions]

    def grade(self, namespace: Mapping[str, Any]) -> Any:
        """Grade every question from ``namespace``: a DataFrame for a batch grader.

        Columns: ``question``, ``status`` (codes: correct, incorrect, not attempted, submitted),
        ``points``, ``max_points``, ``message`` (in the current language). Pure: nothing shown.

        >>> table = load("00_start_here").grade({"remaining_after_2_years": 640, "costs_more": "c"})
        >>> table[["question", "status", "points", "max_points"]].values.tolist()
        [['q1', 'correct', 2, 2], ['q2', 'incorrect', 0, 1]]
        """
        import pandas as pd

        rows = [
            {"question": r.question, "status": r.status, "points": r.points, "max_points": r.max_points,
             "message": r.message}
            for r in self.results(namespace)
        ]
        return pd.DataFrame(rows, columns=["question", "status", "points", "max_points", "message"])

    def score(self, namespace: Mapping[str, Any] | None = None) -> Any:
        """The student's score: one row per question and a total row, statuses in their language.

        With no argument the answers are read from the caller's globals (the notebook).

        >>> load("00_start_here").score({"remaining_after_2_years": 640})
          question         status  points  max_points
        0       q1        Correct       2           2
        1       q2  Not attempted       0           1
        2    total                      2           3
        """
        import pandas as pd

        if namespace is None:
            namespace = sys._getframe(1).f_globals
        elif not isinstance(namespace, Mapping):
            raise TypeError(f"namespace must be a dict of variables (such as globals()); got {type(namespace).__name__}")
        results = self.results(namespace)
        rows = [[r.question, r.label, r.points, r.max_points] for r in results]  # "Partly right" as check() says
        rows.append([msg("score.total"), "", sum(r.points for r in results), sum(r.max_points for r in results)])
        return pd.DataFrame(rows, columns=["question", "status", "points", "max_points"])

    # ---------------------------------------------------------------- display
    def _repr_html_(self) -> str:
        lines = [msg("question.title", question=q.id, points=fmt_number(q.points)) for q in self.questions]
        return box_html("info", f"{self.id}: {localise(self.title)}", "\n".join(lines))

    def __repr__(self) -> str:
        return f"Exercise({self.id!r}, questions: {', '.join(self.ids)})"


def _module_name(name: str) -> str:
    return re.sub(r"^\d+_", "", name)


def bank_modules() -> dict[str, ModuleType]:
    """Every bank module in ``crmlib/exercises/banks/``, by exercise id (each is imported).

    >>> sorted(bank_modules())[:1]
    ['00_start_here']
    """
    banks = importlib.import_module(BANKS_PACKAGE)
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(banks.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{BANKS_PACKAGE}.{info.name}")
        exercise_id = getattr(module, "EXERCISE_ID", None)
        if not isinstance(exercise_id, str) or _module_name(exercise_id) != info.name:
            raise ValueError(
                f"bank {info.name}.py must set EXERCISE_ID to '<number>_{info.name}' (e.g. '00_{info.name}'); "
                f"got {exercise_id!r}"
            )
        found[exercise_id] = module
    return dict(sorted(found.items()))


def exercise_ids() -> list[str]:
    """The ids of every exercise ``load`` knows, e.g. ``['00_start_here', ...]``.

    >>> "00_start_here" in exercise_ids()
    True
    """
    return list(bank_modules())


def load(name: str) -> Exercise:
    """The exercise ``name`` (e.g. ``"00_start_here"``, or ``"start_here"``) with fresh questions.

    >>> load("00_start_hre")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    crmlib.exercises.bank.UnknownExercise: No exercise '00_start_hre'; the exercises are: 00_start_here, ...
    """
    module = None
    if isinstance(name, str) and re.fullmatch(r"(\d+_)?[a-z][a-z0-9_]*", name):
        try:
            module = importlib.import_module(f"{BANKS_PACKAGE}.{_module_name(name)}")
        except ModuleNotFoundError as error:
            if error.name != f"{BANKS_PACKAGE}.{_module_name(name)}":
                raise  # the bank exists but something it imports is missing: show that
        if module is not None and name != _module_name(name) and getattr(module, "EXERCISE_ID", None) != name:
            module = None
    if module is None:
        raise UnknownExercise(msg("unknown_exercise", name=repr(name), names=join_list(exercise_ids())))
    questions = [copy.copy(q) for q in module.QUESTIONS]
    for question in questions:
        question._hints_shown = 0
    exercise = Exercise(module.EXERCISE_ID, questions, title=getattr(module, "TITLE", None))
    if any(q._variant is not None for q in questions):
        from crmlib.exercises.variants import STUDENT_ENV, STUDENT_FILE, find_student

        student = find_student()
        if student is not None:
            exercise = exercise.for_student(student)
            exercise._source = STUDENT_ENV if os.environ.get(STUDENT_ENV, "").strip() else STUDENT_FILE
    return exercise
