"""A generated class for the class-report tests: 40 submissions (10 students × exercises 01-04) with planted
common mistakes, graded through the grader's own judge (no kernels: the answers are put where a kernel run
would have brought them back).

Each student answers every question with a right example of their own variant, except where a mistake is
planted: on each exercise the varying question gets its first named mistake from 6 of the 10 students
(computed for each student's own numbers), and one more question with named mistakes gets its last mistake
from 5 students. A few other answers are known-wrong examples or left blank, so the class is not uniform.
Student s010 claims another student's id in their 04 notebook.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmlib.exercises import load
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.function import FunctionQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import examples
from crmlib.grading.classreport import record_answers
from crmlib.grading.discover import Submission
from crmlib.grading.judge import plan_for
from crmlib.grading.kernelside import call_function, encode
from crmlib.grading.report import Graded
from crmlib.grading.run import RunOutput

EXERCISES = ["01_crm_background", "02_value_chain", "03_customer_portfolio", "04_telecom_case"]
STUDENTS = [f"s{n:03d}" for n in range(1, 11)]


@dataclass
class Planted:
    exercise: str
    question: str
    mistake: str
    students: list[str]


def plan() -> list[Planted]:
    """Which mistakes are planted, by whom."""
    planted = []
    for i, eid in enumerate(EXERCISES):
        ex = load(eid)
        varying = ex[ex.varying[0]]
        planted.append(Planted(eid, varying.id, varying.mistake_names[0], STUDENTS[i:i + 6]))
        other = next(q for q in ex if q.mistake_names and q.id not in ex.varying and isinstance(q, NumberQuestion))
        planted.append(Planted(eid, other.id, other.mistake_names[-1], STUDENTS[::2]))
    return planted


def _answers(eid: str, student: str, planted: list[Planted], rng: random.Random) -> dict[str, Any]:
    ex = load(eid).for_student(student)
    answers: dict[str, Any] = {}
    for q in ex:
        mine = next((p for p in planted if p.exercise == eid and p.question == q.id and student in p.students), None)
        roll = rng.random()
        if mine is not None:
            answers[q.var] = q.mistake_example(mine.mistake)
        elif any(p.exercise == eid and p.question == q.id for p in planted):
            answers[q.var] = examples(q, "right")[0]  # the rest of the class gets a planted question right
        elif roll < 0.12:
            continue  # not attempted
        elif roll < 0.3:
            answers[q.var] = rng.choice(examples(q, "wrong"))
        else:
            answers[q.var] = examples(q, "right")[0]
    return answers


def generated_class(root: Path) -> tuple[list[Graded], list[Planted]]:
    """The 40 graded submissions (files are named ``<student>/<exercise>.ipynb`` under ``root``, not written)."""
    from crmlib.grading.judge import judge

    rng = random.Random(16)
    planted = plan()
    graded = []
    for eid in EXERCISES:
        base = load(eid)
        cases = plan_for(base).functions
        for student in STUDENTS:
            answers = _answers(eid, student, planted, rng)
            claimed = "s011" if (student == "s010" and eid == "04_telecom_case") else student
            cells = [f'ex = load("{eid}")', f'ex.student("{claimed}")']
            exercise = base.for_student(student)
            values, functions = {}, {}
            for q in exercise:
                if q.var not in answers:
                    continue
                if isinstance(q, FunctionQuestion):
                    functions[q.var] = call_function(answers, q.var, cases[q.var])
                else:
                    values[q.var] = {"value": encode(answers[q.var])}
            out = RunOutput(values=values, functions=functions, seconds=1.0)
            relative = f"{student}/{eid}.ipynb"
            submission = Submission(root / relative, relative, student, "0" * 64, 1000, 1_700_000_000.0,
                                    exercise=eid, cells=cells)
            results = judge(exercise, out)
            texts = {q.id: answers.get(q.var, "") for q in exercise if isinstance(q, FreeTextQuestion)}
            item = Graded(submission, "graded", exercise, results, [], seconds=1.0,
                          answers={k: v if isinstance(v, str) else "" for k, v in texts.items()})
            record_answers(item, exercise, out, cells)
            graded.append(item)
    return graded, planted
