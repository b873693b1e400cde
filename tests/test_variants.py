"""Per-student variants: each student's numbers come from their id, the key follows, and the grader can rebuild it.

For 50 ids and every question that varies (at least one in each of exercises 01-04): the answer is a valid
finite number, the variants differ (at most one pair of students in ten shares an answer a copy would pass with), every named mistake stays wrong
and keeps its own message, and the variant's right and wrong examples grade as they should.
"""

from __future__ import annotations

import math
import re

import pytest

from crmlib.exercises import load
from crmlib.exercises.build import notebook
from crmlib.exercises.questions import examples
from crmlib.exercises.result import CORRECT
from crmlib.exercises.text import localise
from crmlib.exercises.variants import (STUDENT_ENV, STUDENT_FILE, claimed_student, find_student, normalise,
                                       seed_for, student_cells)
from crmlib.i18n import set_language

IDS = [f"s{n:03d}" for n in range(1, 51)]
VARYING = [(eid, qid) for eid in ("01_crm_background", "02_value_chain", "03_customer_portfolio", "04_telecom_case")
           for qid in load(eid).varying]


def test_each_graded_exercise_has_a_varying_question() -> None:
    assert {eid for eid, _ in VARYING} == {"01_crm_background", "02_value_chain", "03_customer_portfolio",
                                           "04_telecom_case"}


@pytest.mark.parametrize("exercise_id, qid", VARYING)
def test_fifty_variants_are_valid_and_distinct(exercise_id: str, qid: str) -> None:
    set_language("en")
    base = load(exercise_id)
    answers = []
    for student in IDS:
        q = base.for_student(student)[qid]
        answer = float(q._answer)
        assert math.isfinite(answer), (student, answer)
        answers.append(answer)
        for value in examples(q, "right"):
            assert q.grade(value).status == CORRECT, (student, value)
        for value in examples(q, "wrong"):
            assert q.grade(value).status != CORRECT, (student, value)
        for name in q.mistake_names:
            result = q.grade(q.mistake_example(name))
            assert result.status != CORRECT, (student, name)
            assert result.message == localise(q._mistake_texts[name]) or q._named_mistake(q.mistake_example(name)) != name
    tol = base[qid].atol + base[qid].rtol * max(abs(a) for a in answers)
    pairs = [(a, b) for i, a in enumerate(answers) for b in answers[i + 1:]]
    close = sum(abs(a - b) <= tol for a, b in pairs) / len(pairs)
    assert close <= 0.1, f"{close:.0%} of pairs of students share an answer a copy would pass with"
    # neighbours' numbers differ
    assert sum(base.for_student(a)[qid].given() != base.for_student(b)[qid].given() for a, b in zip(IDS, IDS[1:])) >= 45


@pytest.mark.parametrize("exercise_id, qid", VARYING)
def test_a_neighbours_answer_is_wrong_for_me(exercise_id: str, qid: str) -> None:
    mine, theirs = load(exercise_id).for_student("s001")[qid], load(exercise_id).for_student("s002")[qid]
    assert mine.grade(theirs._answer).status != CORRECT


def test_check_grades_against_the_students_own_variant(capsys) -> None:
    set_language("en")
    ex = load("04_telecom_case")
    lesson = ex.q9._answer
    ex.student("S017")
    assert ex.student_id == "s017" and "s017" in capsys.readouterr().out
    own = load("04_telecom_case").for_student("s017").q9._answer
    assert own != lesson
    assert ex.q9.grade(own).status == CORRECT and ex.q9.grade(lesson).status != CORRECT
    assert ex.results({"campaign_roi": own})[8].status == CORRECT


def test_a_blank_id_says_how_to_set_it(capsys) -> None:
    set_language("en")
    from crmlib.exercises import ___

    load("04_telecom_case").student(___)
    assert 'ex.student("s123")' in capsys.readouterr().out
    with pytest.raises(TypeError, match="student id as text"):
        load("04_telecom_case").student(["s1"])


def test_the_file_or_the_environment_sets_the_id(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(STUDENT_ENV, raising=False)
    (tmp_path / STUDENT_FILE).write_text('# from your instructor\nstudent = "S042"\n', encoding="utf-8")
    (tmp_path / "week4").mkdir()
    monkeypatch.chdir(tmp_path / "week4")
    assert find_student() == "s042"
    assert load("04_telecom_case").q9.given() == load("04_telecom_case").for_student("s042").q9.given()
    monkeypatch.setenv(STUDENT_ENV, "s007")
    assert load("04_telecom_case").student_id == "s007"


def test_seed_and_claim_helpers() -> None:
    assert normalise(" Alice ") == "alice"
    assert seed_for("alice", "04_telecom_case", "q9") != seed_for("alice", "04_telecom_case", "q8")
    assert claimed_student(["ex.student(___)"]) is None
    assert claimed_student(['ex.student("s1")', "x = 1", "ex.student('S2')"]) == "s2"
    cells = student_cells(["%%time\nx = 1", "y"], "bob")
    assert len(cells) == 3 and "'bob'" in cells[0]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_notebook_asks_for_the_id_and_prints_the_numbers(language: str) -> None:
    cells = [c["source"] for c in notebook("04_telecom_case", language)["cells"]]
    assert any(re.match(r"ex\.student\(___\)", c) for c in cells)
    answer = next(c for c in cells if re.search(r"^campaign_roi = ___", c, re.M))
    assert "ex.q9.given()" in answer
