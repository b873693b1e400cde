"""No exercise answer is a number the lesson already shows: the student must do the work.

For every number question, each number written in the lesson notebook (its Markdown, its code, and its
outputs where the notebook holds them) is graded as if a student had typed it; none may be accepted. A
percentage counts as its share too ("88.5 %" is also 0.885). Numbers with one significant digit ("2", "0.5")
are too common to mean anything and are skipped.

Lessons are committed without outputs, so by default this reads what the lesson says and computes in its
code. To check the printed outputs as well, execute the lessons and point ``CRMLIB_EXECUTED_LESSONS`` at them:

    jupyter nbconvert --to notebook --execute --output-dir /tmp/lessons notebooks/0[1-4]_*.ipynb
    CRMLIB_EXECUTED_LESSONS=/tmp/lessons pytest tests/test_exercise_originality.py
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pytest

from crmlib.exercises import CORRECT, load
from crmlib.exercises.build import buildable
from crmlib.exercises.number import NumberQuestion, is_close
from crmlib.i18n import set_language

REPO = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?%)?")
QUESTIONS = [(e, q) for e in buildable() for q in load(e) if isinstance(q, NumberQuestion)]


def _lesson(exercise_id: str) -> Path:
    executed = os.environ.get("CRMLIB_EXECUTED_LESSONS")
    if executed and (Path(executed) / f"{exercise_id}.ipynb").exists():
        return Path(executed) / f"{exercise_id}.ipynb"
    return REPO / "notebooks" / f"{exercise_id}.ipynb"


def lesson_texts(notebook: dict) -> list[str]:
    """Every text of a notebook a student reads: cell sources and text outputs."""
    texts = []
    for cell in notebook["cells"]:
        texts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            for kind, value in output.get("data", {}).items():
                if kind in ("text/plain", "text/markdown", "text/html"):
                    texts.append("".join(value))
    return texts


def numbers_in(text: str) -> list[tuple[str, float]]:
    """The numbers written in ``text``, with their value; a percentage gives its share too.

    >>> numbers_in("about 88.5 % of CNY 1,098 million, 3 links")
    [('88.5 %', 88.5), ('88.5 %', 0.885), ('1,098', 1098.0)]
    """
    found = []
    for match in NUMBER.finditer(text):
        whole, fraction, percent = match.group(1), match.group(2) or "", match.group(3)
        digits = (whole + fraction).replace(",", "").replace(".", "").lstrip("0")
        if len(digits.rstrip("0") if not fraction else digits) < 2:
            continue
        value = float((whole + fraction).replace(",", ""))
        found.append((match.group(0), value))
        if percent:
            found.append((match.group(0), value / 100))
    return found


@lru_cache(maxsize=None)
def _lesson_numbers(exercise_id: str) -> tuple[tuple[str, float], ...]:
    notebook = json.loads(_lesson(exercise_id).read_text(encoding="utf-8"))
    return tuple(pair for text in lesson_texts(notebook) for pair in numbers_in(text))


def test_the_lessons_are_there() -> None:
    for exercise_id in buildable():
        assert _lesson(exercise_id).exists(), exercise_id
    assert len(QUESTIONS) >= 20


@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=[f"{e}:{q.id}" for e, q in QUESTIONS])
def test_no_number_in_the_lesson_is_the_answer(exercise_id: str, question: NumberQuestion) -> None:
    set_language("en")
    targets = question._targets()  # what grade() accepts, without building a message per number
    accepted = sorted({text for text, value in _lesson_numbers(exercise_id)
                       if any(is_close(value, t, question.rtol, question.atol) for t in targets)})
    assert all(question.grade(t).status == CORRECT for t in targets)
    assert not accepted, (
        f"{exercise_id} {question.id}: the lesson already shows the answer ({', '.join(accepted)}); "
        "change the question's year, slice or parameters so the student computes it"
    )


def test_the_check_sees_a_repeated_number() -> None:
    question = next(q for e, q in QUESTIONS if e == "01_crm_background" and q.id == "q5")
    answer = question._targets()[0]
    assert any(question.grade(value).status == CORRECT for _, value in numbers_in(f"it saves ${answer:,.0f} a year"))
