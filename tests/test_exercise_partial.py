"""Partial credit: classify, match, set and table questions earn points × the share of parts right, rounded
down to halves; check(), the score table, the grader's results, the gradebook and the feedback file all show
the same points, and a question can opt out."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from crmlib.exercises import INCORRECT, MappingQuestion, SetQuestion, TableQuestion, load
from crmlib.exercises.questions import _share
from crmlib.i18n import set_language

COMMON = {
    "prompt": {"en": "Answer.", "zh": "请回答。"},
    "hints": [{"en": "First.", "zh": "第一条。"}, {"en": "Second.", "zh": "第二条。"}],
    "solution": {"en": "Worked.", "zh": "参考。"},
}
SIX = {k: ("x" if i % 2 else "y") for i, k in enumerate("abcdef")}


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")


def mapping(**kw) -> MappingQuestion:
    return MappingQuestion("q1", points=3, var="m", answer=SIX, right=[SIX], wrong=[{}], **COMMON, **kw)


@pytest.mark.parametrize("right, total, points, expected", [
    (5, 6, 3, 2.5), (4, 6, 3, 2.0), (1, 6, 3, 0.5), (1, 7, 3, 0.0), (0, 6, 3, 0.0), (2, 3, 1, 0.5), (9, 10, 2, 1.5),
])
def test_the_rule_is_points_times_share_rounded_down_to_halves(right, total, points, expected) -> None:
    assert _share(right, total, points) == expected


def test_a_classification_with_one_wrong_item_earns_most_of_its_points() -> None:
    result = mapping().grade({**SIX, "a": "x"})
    assert (result.status, result.points, result.label) == (INCORRECT, 2.5, "Partly right")
    assert result.title == "q1: Partly right (2.5/3 points)"
    assert result.message.endswith(
        "Partial credit: 5 of 6 parts right gives 2.5 of 3 points (points × share right, rounded down to halves).")
    set_language("zh")
    assert "部分得分" in mapping().grade({**SIX, "a": "x"}).message


def test_a_question_can_opt_out() -> None:
    result = mapping(partial=False).grade({**SIX, "a": "x"})
    assert (result.points, result.label) == (0, "Incorrect") and "Partial" not in result.message


def test_set_questions_take_off_one_for_each_item_that_does_not_belong() -> None:
    q = SetQuestion("q2", points=2, var="s", answer=list("abcd"), right=[list("abcd")], wrong=[[]], **COMMON)
    assert q.grade(list("abc")).points == 1.5
    assert q.grade(list("abcx")).points == 1.0  # 3 right − 1 extra = 2 of 4
    assert q.grade(list("abcdwxyz")).points == 0  # listing everything earns nothing


def test_tables_count_the_cells_that_are_right() -> None:
    expected = pd.Series([1.0, 2.0, 3.0, 4.0], index=list("abcd"))
    q = TableQuestion("q3", points=2, var="t", answer=expected, right=[expected], wrong=[expected * 2], **COMMON)
    assert q.grade(expected.where(expected < 4, 9.0)).points == 1.5
    assert q.grade(expected.iloc[:3]).points == 0  # rows missing: the cells cannot be paired


def test_the_score_table_and_the_check_show_the_same_points(capsys: pytest.CaptureFixture[str]) -> None:
    ex = load("01_crm_background")
    answer = {"a": "collaborative", "b": "operational", "c": "analytical", "d": "operational", "e": "analytical",
              "f": "operational"}  # (f) wrong
    ex.q1.check(answer)
    assert "q1: Partly right (2.5/3 points)" in capsys.readouterr().out
    table = ex.score({"crm_kinds": answer})
    assert table.loc[0, "points"] == 2.5 and table.iloc[-1]["points"] == 2.5
    assert table.loc[0, "status"] == "Partly right"  # the word check() used, not "Incorrect"


def test_the_gradebook_and_the_feedback_carry_partial_points(tmp_path: Path) -> None:
    from crmlib.grading.discover import Submission
    from crmlib.grading.judge import judge
    from crmlib.grading.kernelside import encode
    from crmlib.grading.report import Graded, feedback_text, write_reports
    from crmlib.grading.run import RunOutput

    ex = load("01_crm_background")
    answer = {"a": "collaborative", "b": "operational", "c": "analytical", "d": "operational", "e": "analytical",
              "f": "operational"}
    out = RunOutput(values={"crm_kinds": {"value": encode(answer)}})
    results = judge(ex, out)
    assert results[0].points == 2.5
    submission = Submission(path=tmp_path / "x.ipynb", relative="ana/01.ipynb", student="ana", sha256="0" * 64,
                            size=1, mtime=0.0, exercise=ex.id)
    graded = Graded(submission, "graded", ex, results)
    assert "q1: Partly right (2.5/3 points)" in feedback_text(graded)
    write_reports([graded], tmp_path)
    with open(tmp_path / "gradebook.csv", newline="", encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["q1"] == "2.5" and row["total"] == "2.5"


def test_every_exercise_notebook_says_how_it_is_scored() -> None:
    from crmlib.exercises.build import buildable, notebook

    for exercise_id in buildable():
        intro = notebook(exercise_id)["cells"][0]["source"]
        assert "**How it is scored.**" in intro and "rounded down to halves" in intro
