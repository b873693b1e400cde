"""Per-student variants: a question whose numbers come from a seed derived from the student's id.

A bank makes a question vary with ``vary(question, draw=..., key=..., default=...)``: ``draw(rng)`` picks
the question's numbers (its "given" values) with a ``random.Random`` seeded from the exercise, the question
and the student's id; ``key(given)`` gives the answer, the named mistakes and the right and wrong examples for
those numbers. The notebook is the same for every student: its answer cell reads the student's own numbers
with ``ex.q9.given()``. Without a student id the question keeps the lesson's numbers (``default``).

The student sets their id once, with ``ex.student("s123")`` in the notebook, or in a file
``crmlib-student.toml`` (``student = "s123"``) the instructor hands out, placed in the notebook's folder or
one above it; the environment variable ``CRMLIB_STUDENT`` also works (the batch grader sets it for each
file's owner). The grader rebuilds each student's variant from the student name it gives the file, so
copying a neighbour's numbers earns nothing.

    >>> seed_for("S123 ", "04_telecom_case", "q9") == seed_for("s123", "04_telecom_case", "q9")
    True
    >>> seed_for("s123", "04_telecom_case", "q9") == seed_for("s124", "04_telecom_case", "q9")
    False
    >>> claimed_student(['ex = load("04_telecom_case")', 'ex.student("s123")'])
    's123'
"""

from __future__ import annotations

import copy
import hashlib
import os
import random
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from crmlib.exercises.text import msg
from crmlib.i18n import LANGUAGES

__all__ = ["Given", "Variant", "vary", "given_cell", "for_student", "normalise", "seed_for", "find_student", "claimed_student",
           "student_cells", "STUDENT_FILE", "STUDENT_ENV"]

STUDENT_FILE = "crmlib-student.toml"
STUDENT_ENV = "CRMLIB_STUDENT"
_CLAIM = re.compile(r"""\.student\(\s*(?:student_id\s*=\s*)?["']([^"'\n]+)["']\s*\)""")
_TOML_LINE = re.compile(r"""^\s*student\s*=\s*["']([^"'\n]+)["']\s*(?:#.*)?$""", re.MULTILINE)


def normalise(student: str) -> str:
    """A student id as the kit compares it: spaces around it dropped, lower case.

    >>> normalise("  S123 ")
    's123'
    >>> normalise("")
    Traceback (most recent call last):
    ...
    ValueError: a student id must be a non-empty text such as "s123"; got ''
    """
    if not isinstance(student, str) or not student.strip():
        raise ValueError(f'a student id must be a non-empty text such as "s123"; got {student!r}')
    return student.strip().casefold()


def seed_for(student: str, exercise_id: str, question_id: str) -> int:
    """The seed of one student's variant of one question: the first 8 bytes of a SHA-256, so it is the same
    on every machine and in every Python (``hash()`` is not)."""
    text = f"{exercise_id}/{question_id}/{normalise(student)}".encode("utf-8")
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


class Given(dict):
    """A question's numbers for one student, readable as ``given.budget_cny`` or ``given["budget_cny"]``.

    >>> g = Given({"budget_cny": 18000, "offer_cost": 45})
    >>> g.budget_cny, g
    (18000, budget_cny = 18000, offer_cost = 45)
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no given value {name!r}; the values are: {', '.join(self)}") from None

    def __repr__(self) -> str:
        return ", ".join(f"{k} = {v!r}" for k, v in self.items())


class Variant:
    """How a question varies: ``draw(rng) -> dict`` of given values, ``key(given) -> dict`` with ``answer``,
    ``mistakes``, ``right`` and ``wrong``, and the lesson's ``default`` values."""

    def __init__(self, draw: Callable[[random.Random], Mapping[str, Any]],
                 key: Callable[[Mapping[str, Any]], Mapping[str, Any]], default: Mapping[str, Any]) -> None:
        if not callable(draw) or not callable(key):
            raise TypeError("vary() needs draw(rng) and key(given), two functions")
        self.draw, self.key, self.default = draw, key, dict(default)

    def given_for(self, exercise_id: str, question_id: str, student: str | None) -> Given:
        """The given values of ``student`` (the lesson's values for None)."""
        if student is None:
            return Given(self.default)
        return Given(self.draw(random.Random(seed_for(student, exercise_id, question_id))))


_KEYS = ("answer", "mistakes", "right", "wrong")


def _apply(question: Any, given: Given, key: Mapping[str, Any]) -> None:
    missing = [k for k in _KEYS if k not in key]
    if missing:
        raise ValueError(f"question {question.id!r}: its variant key must give {', '.join(_KEYS)}; "
                         f"missing {', '.join(missing)}")
    if set(key["mistakes"]) != set(question._mistake_texts):
        raise ValueError(f"question {question.id!r}: its variant key names the mistakes "
                         f"{', '.join(sorted(key['mistakes']))}; the bank's text has {', '.join(sorted(question._mistake_texts))}")
    question._answer = key["answer"]
    question._mistakes = dict(key["mistakes"])
    question._right, question._wrong = list(key["right"]), list(key["wrong"])
    question._given = given


def given_cell(question_id: str, var: str) -> dict[str, str]:
    """The answer cell of a question that varies by student, in each language: it reads and prints the student's
    own numbers, then holds the placeholder for ``var``. Only its comment differs between the editions
    (catalogue ``exercise.nb.given_comment``).

    >>> print(given_cell("q9", "campaign_roi")["zh"])
    q9_given = ex.q9.given()   # 你自己的数字：由学号决定（ex.student）
    print(q9_given)
    campaign_roi = ___
    """
    for name, what in ((question_id, "question_id"), (var, "var")):
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"given_cell(): {what} must be a Python name such as 'q9'; got {name!r}")
    return {lang: f"{question_id}_given = ex.{question_id}.given()   # {msg('nb.given_comment', lang)}\n"
                  f"print({question_id}_given)\n{var} = ___" for lang in LANGUAGES}


def vary(question: Any, *, draw: Callable[[random.Random], Mapping[str, Any]],
         key: Callable[[Mapping[str, Any]], Mapping[str, Any]], default: Mapping[str, Any]) -> Any:
    """Make ``question`` vary by student (see the module's docstring); returns it, keyed for ``default``.

    >>> from crmlib.exercises import load
    >>> q9 = load("04_telecom_case").q9
    >>> q9.given()
    budget_cny = 18000, offer_cost = 45, risk = 0.3, effect = 0.2, clv = 2500
    """
    question._variant = Variant(draw, key, default)
    given = Given(default)
    _apply(question, given, key(given))
    return question


def for_student(question: Any, exercise_id: str, student: str | None) -> Any:
    """A copy of ``question`` keyed for ``student``'s variant (the question itself when it does not vary).

    >>> from crmlib.exercises import load
    >>> q9 = load("04_telecom_case").q9
    >>> for_student(q9, "04_telecom_case", "s123").given() != q9.given()
    True
    """
    variant = getattr(question, "_variant", None)
    if variant is None:
        return question
    mine = copy.copy(question)
    given = variant.given_for(exercise_id, question.id, student)
    _apply(mine, given, variant.key(given))
    mine._student = None if student is None else normalise(student)
    return mine


def find_student(start: str | os.PathLike[str] | None = None) -> str | None:
    """The student id set outside the notebook: ``CRMLIB_STUDENT``, else ``student = "..."`` in a
    ``crmlib-student.toml`` in ``start`` (default: the working folder) or a folder above it; else None.

    >>> import tempfile, pathlib; folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / STUDENT_FILE).write_text('student = "s042"  # from your instructor\\n')
    >>> (folder / "week1").mkdir(); find_student(folder / "week1") if STUDENT_ENV not in os.environ else "s042"
    's042'
    """
    value = os.environ.get(STUDENT_ENV, "").strip()
    if value:
        return normalise(value)
    here = Path(start) if start is not None else Path.cwd()
    for folder in [here, *here.parents]:
        path = folder / STUDENT_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        match = _TOML_LINE.search(text)
        if match:
            return normalise(match.group(1))
    return None


def claimed_student(cells: Sequence[str]) -> str | None:
    """The id a notebook sets with ``ex.student("...")`` (the last such call), or None."""
    found = [m for source in cells for m in _CLAIM.findall(source)]
    return normalise(found[-1]) if found else None


def student_cells(cells: Sequence[str], student: str) -> list[str]:
    """The cells with one line put before the first, setting ``CRMLIB_STUDENT`` to ``student`` in the
    kernel, so a notebook that relied on ``crmlib-student.toml`` reads its owner's numbers when graded.
    Cell numbers stay the same (a first cell that is a ``%%`` cell magic gets a cell of its own).

    >>> student_cells(["x = 1", "y = 2"], "s123")[0].splitlines()[1]
    'x = 1'
    """
    line = f"__import__('os').environ[{STUDENT_ENV!r}] = {normalise(student)!r}"
    cells = list(cells)
    if not cells or cells[0].lstrip().startswith("%%"):
        return [line, *cells]
    return [f"{line}\n{cells[0]}", *cells[1:]]
