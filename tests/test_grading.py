"""Batch grading of a whole class: every kind of submission students really send.

The class is built in a temporary folder from the real notebooks (the practice questions of
``notebooks/00_start_here.ipynb`` and ``exercises/01_crm_background.ipynb``) plus a small demo
exercise with a function, a table and a written answer. It is graded once (short time limits);
each test then checks one student's row, points and feedback. The time limit is generous (30 s a
cell) so that a busy machine does not time out the honest notebooks; the infinite loop costs that much.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from crmlib.exercises import (
    CORRECT, INCORRECT, NOT_ATTEMPTED, Exercise, FreeTextQuestion, FunctionQuestion, TableQuestion,
    bank_modules, load,
)
from crmlib.exercises.function import FunctionQuestion as _FQ
from crmlib.exercises.questions import examples
from crmlib.grading.batch import grade_folder
from crmlib.grading.discover import sha256_of
from crmlib.grading.freetext import merge_sheet
from crmlib.grading.judge import Replay, judge, plan_cases
from crmlib.grading.kernelside import call_function, collect_values, decode
from crmlib.grading.run import RunOutput
from crmlib.grading.sandbox import sandbox_works
from crmlib.i18n import set_language

REPO = Path(__file__).resolve().parents[1]
START = REPO / "notebooks" / "00_start_here.ipynb"
EX01 = REPO / "exercises" / "01_crm_background.ipynb"
H = {"en": "h", "zh": "提示"}


# ---------------------------------------------------------------- a demo exercise: function, table, memo
def _top_share(margins: pd.Series, share: float) -> float:
    ranked = margins.sort_values(ascending=False)
    n = max(1, int(round(len(ranked) * share)))
    return float(ranked.iloc[:n].sum() / ranked.sum())


TIERS = pd.DataFrame({"customers": [10, 90], "margin": [500.0, 250.0]}, index=pd.Index(["gold", "lead"], name="tier"))


def demo_exercise() -> Exercise:
    common = {"hints": [H, H], "solution": {"en": "s", "zh": "答"}}
    return Exercise("99_demo", [
        FunctionQuestion("f1", var="top_share", points=2, reference=_top_share,
                         cases=[(pd.Series([5.0, 1.0, 3.0, 1.0, 0.0]), 0.2), (pd.Series([1.0, 1.0]), 0.5)],
                         prompt={"en": "Write `top_share`.", "zh": "编写 `top_share`。"},
                         right=[_top_share], wrong=[lambda m, s: 0.5], **common),
        TableQuestion("t1", var="tiers", points=2, answer=TIERS,
                      prompt={"en": "Build `tiers`.", "zh": "建立 `tiers`。"},
                      right=[TIERS], wrong=[TIERS * 2], **common),
        FreeTextQuestion("memo", var="memo", min_words=3,
                         rubric=[({"en": "Names the weakest link", "zh": "指出最薄弱环节"}, 2),
                                 ({"en": "Backs it with a number", "zh": "用数字支持"}, 1)],
                         prompt={"en": "Write `memo`.", "zh": "写 `memo`。"},
                         right=["Network faults drive churn."], wrong=["Too short"], **common),
    ])


# ---------------------------------------------------------------- building the class
def _notebook(cells: list[str], outputs: list | None = None) -> str:
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": outputs or [],
                   "source": source} for source in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}, "nbformat": 4, "nbformat_minor": 5,
    })


def _start_cells() -> list[str]:
    """The exercise cells of the real 00_start_here notebook (import, load, answers, checks, score)."""
    nb = json.loads(START.read_text(encoding="utf-8"))
    keep = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and any(k in source for k in ("crmlib.exercises", "load(", "= ___", "ex.")):
            keep.append(source)
    assert any("load(\"00_start_here\")" in s for s in keep) and any("remaining_after_2_years = ___" in s for s in keep)
    return keep


def _answer(cells: list[str], q1: str | None = None, q2: str | None = None) -> list[str]:
    out = []
    for source in cells:
        if q1 is not None:
            source = source.replace("remaining_after_2_years = ___", f"remaining_after_2_years = {q1}")
        if q2 is not None:
            source = source.replace("costs_more = ___", f"costs_more = {q2}")
        out.append(source)
    return out


def _demo(function: str, table: str, memo: str) -> list[str]:
    return ["from crmlib.exercises import ___\nimport pandas as pd\n# ex = load(\"99_demo\")", function, table, f"memo = {memo}"]


RIGHT_FN = "def top_share(margins, share):\n    r = margins.sort_values(ascending=False)\n    n = max(1, int(round(len(r) * share)))\n    return float(r.iloc[:n].sum() / r.sum())"
RIGHT_TABLE = "tiers = pd.DataFrame({'customers': [10, 90], 'margin': [500.0, 250.0]}, index=pd.Index(['gold', 'lead'], name='tier'))"


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("class")
    subs, out = root / "submissions", root / "out"
    subs.mkdir()
    base = _start_cells()
    right = _answer(base, "1000 * 0.8 ** 2", '"a"')
    files: dict[str, str | bytes] = {
        "alice/00_start_here.ipynb": _notebook(right),
        "bob/00_start_here.ipynb": _notebook(_answer(base, "1000 - 2 * 200", '"b"')),
        "carol/00_start_here.ipynb": _notebook(base),
        # cells deleted: no load() call and no q2 answer cell; the exercise is found from the variable
        "dave/00_start_here.ipynb": _notebook(["from crmlib.exercises import ___", "remaining_after_2_years = 640"]),
        # cells moved (answers first) and duplicated
        "erin/00_start_here.ipynb": _notebook(['costs_more = "acquisition"', "remaining_after_2_years = 640.2"]
                                              + right + right[-2:]),
        # answered twice: the last value counts
        "frank/00_start_here.ipynb": _notebook(right + ["remaining_after_2_years = 600"]),
        # code that raises: 1/0 in one cell, an undefined name in the q2 cell
        "gina/00_start_here.ipynb": _notebook(["1 / 0"] + _answer(base, "640", "undefined_name")),
        # an infinite loop: stopped at the time limit, the cells after it still run
        "hank/00_start_here.ipynb": _notebook(["while True:\n    pass"] + right),
        # huge output while running, and a huge output stored in the file
        "ivan/00_start_here.ipynb": _notebook(["print('x' * 10_000_000)\nfor i in range(50_000):\n    print(i)"] + right,
                                              outputs=[{"output_type": "stream", "name": "stdout", "text": "y" * 5_000_000}]),
        # a renamed file, in a folder named after the student
        "judy/homework final (2).ipynb": _notebook(right),
        "ken.ipynb": _notebook(right)[:300],  # corrupt: cut short
        "leo.docx": bytes(range(256)) * 10,  # not a notebook
        # a notebook from another exercise, named as if it were 00
        "mia_00_start_here.ipynb": EX01.read_text(encoding="utf-8"),
        # two files from one student: the newer counts
        "nick/attempt1.ipynb": _notebook(_answer(base, "600", '"c"')),
        "nick/attempt2.ipynb": _notebook(right),
        # tampering: patch the checking code in the kernel, then answer wrongly
        "oscar/00_start_here.ipynb": _notebook(_answer(base, "600", '"b"') + [
            "import crmlib.exercises as E, crmlib.exercises.questions as Q, crmlib.exercises.bank as B\n"
            "from crmlib.exercises.result import Result\n"
            "Q.Question.grade = lambda self, v: Result(self.id, 'correct', 'ok', self.points, self.points)\n"
            "Q.Question.grade_from = lambda self, ns: self.grade(None)\n"
            "B.Exercise.grade = lambda self, ns: None\n"
            "E.load = lambda *a, **k: None\n"
            "import crmlib.exercises.number as N; N.NumberQuestion._judge = lambda self, v: ('correct', '')",
        ]),
        # tampering: values that claim to equal anything
        "pat/00_start_here.ipynb": _notebook(base + [
            "class Anything(float):\n    def __eq__(self, other):\n        return True\n    __hash__ = float.__hash__\n"
            "class Word(str):\n    def __eq__(self, other):\n        return True\n    __hash__ = str.__hash__\n"
            "remaining_after_2_years = Anything(1.0)\ncosts_more = Word('zzz')",
        ]),
        # the kernel dies after the answers
        "quinn/00_start_here.ipynb": _notebook(_answer(base, "640", '"a"') + ["import os\nos._exit(3)"]),
        # the demo exercise: function, table, memo
        "rosa/demo.ipynb": _notebook(_demo(RIGHT_FN, RIGHT_TABLE, '"Network faults are the weakest link: 40% of churn."')),
        "sam/demo.ipynb": _notebook(_demo("def top_share(margins, share):\n    return 1 / 0", "tiers = 5", "___")),
    }
    for name, content in files.items():
        path = subs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    old = time.time() - 3600
    os.utime(subs / "nick/attempt1.ipynb", (old, old))
    before = {p.relative_to(subs).as_posix(): sha256_of(p) for p in subs.rglob("*") if p.is_file()}
    # in the sandbox where bubblewrap works (tests/test_grading_sandbox.py covers both ways)
    graded = grade_folder(subs, out, jobs=2, cell_timeout=30, total_timeout=120, progress=None,
                          exercises={"99_demo": demo_exercise()}, unsafe_no_sandbox=bool(sandbox_works()))
    after = {p.relative_to(subs).as_posix(): sha256_of(p) for p in subs.rglob("*") if p.is_file()}
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        book = {(r["student"], r["exercise"]): r for r in csv.DictReader(handle)}
    with open(out / "submissions.csv", encoding="utf-8") as handle:
        files_rows = {r["file"]: r for r in csv.DictReader(handle)}
    return {"subs": subs, "out": out, "graded": graded, "before": before, "after": after, "book": book,
            "files": files_rows, "names": sorted(files)}


def row(graded_class, student: str, exercise: str = "00_start_here") -> dict[str, str]:
    return graded_class["book"][(student, exercise)]


def feedback(graded_class, student: str, exercise: str = "00_start_here") -> str:
    rel = next(r["feedback"] for r in graded_class["files"].values()
               if r["student"] == student and r["exercise"] == exercise and r["counted"] == "yes")
    return (graded_class["out"] / rel).read_text(encoding="utf-8")


# ---------------------------------------------------------------- the whole run
def test_submissions_are_never_changed(graded_class) -> None:
    assert graded_class["before"] == graded_class["after"]
    assert len(graded_class["before"]) == len(graded_class["names"]) == 20


def test_every_submission_gets_a_row(graded_class) -> None:
    assert sorted(graded_class["files"]) == graded_class["names"]
    students = {s for s, _ in graded_class["book"]}
    assert students == {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan", "judy", "ken",
                        "leo", "mia", "nick", "oscar", "pat", "quinn", "rosa", "sam"}
    assert len(graded_class["book"]) == 19  # nick's two files make one row


@pytest.mark.parametrize("student, status, q1, q2, total", [
    ("alice", "graded", "2", "1", "3"),
    ("bob", "graded", "0", "0", "0"),
    ("carol", "graded", "0", "0", "0"),
    ("dave", "graded", "2", "0", "2"),
    ("erin", "graded", "2", "1", "3"),
    ("frank", "graded", "0", "1", "1"),
    ("gina", "graded", "2", "0", "2"),
    ("hank", "timed out", "2", "1", "3"),
    ("ivan", "graded", "2", "1", "3"),
    ("judy", "graded", "2", "1", "3"),
    ("nick", "graded", "2", "1", "3"),
    ("oscar", "graded", "0", "0", "0"),
    ("pat", "graded", "0", "0", "0"),
    ("quinn", "graded", "2", "1", "3"),  # the kernel died after the answers: read at a checkpoint, they count
])
def test_start_here_rows(graded_class, student: str, status: str, q1: str, q2: str, total: str) -> None:
    r = row(graded_class, student)
    assert (r["status"], r["q1"], r["q2"], r["total"], r["max_points"]) == (status, q1, q2, total, "3"), r


def test_statuses_in_feedback(graded_class) -> None:
    assert "q1: Correct (2/2 points)" in feedback(graded_class, "alice")
    bob = feedback(graded_class, "bob")
    assert "q1: Incorrect (0/2 points)" in bob and "q2: Incorrect (0/1 point" in bob
    carol = feedback(graded_class, "carol")
    assert "q1: Not attempted (0/2 points)" in carol and "Replace `___`" in carol
    assert "q2: Not attempted" in feedback(graded_class, "dave")
    gina = feedback(graded_class, "gina")
    assert "ZeroDivisionError: division by zero" in gina and "NameError" in gina
    assert "ran longer than 30 s and was stopped" in feedback(graded_class, "hank")
    assert "Python stopped (the kernel died) at code cell" in feedback(graded_class, "quinn")
    assert "the answers as they were after code cell" in feedback(graded_class, "quinn")
    assert "Code cell 1 ran longer than 30 s" in row(graded_class, "hank")["message"]
    assert row(graded_class, "alice")["message"] == ""


def test_broken_files(graded_class) -> None:
    for name in ("ken", "leo"):
        r = row(graded_class, name, "")
        assert (r["status"], r["total"], r["max_points"]) == ("not a notebook", "0", "0")
        assert "not a Jupyter notebook" in r["message"]


def test_notebook_from_another_exercise_is_graded_as_that_exercise(graded_class) -> None:
    r = row(graded_class, "mia", "01_crm_background")
    max_01 = sum(q.points for q in load("01_crm_background"))
    assert (r["status"], r["total"], r["max_points"]) == ("graded", "0", str(max_01))
    assert ("mia", "00_start_here") not in graded_class["book"]


def test_two_files_from_one_student(graded_class) -> None:
    files = graded_class["files"]
    assert files["nick/attempt2.ipynb"]["counted"] == "yes" and files["nick/attempt1.ipynb"]["counted"] == "no"
    assert files["nick/attempt1.ipynb"]["total"] == "0"
    assert row(graded_class, "nick")["files"] == "2" and row(graded_class, "nick")["file"] == "nick/attempt2.ipynb"
    old = (graded_class["out"] / files["nick/attempt1.ipynb"]["feedback"]).read_text(encoding="utf-8")
    assert "the grade counts nick/attempt2.ipynb" in old


def test_renamed_file_keeps_student_and_exercise(graded_class) -> None:
    r = graded_class["files"]["judy/homework final (2).ipynb"]
    assert (r["student"], r["exercise"], r["status"]) == ("judy", "00_start_here", "graded")
    assert graded_class["files"]["mia_00_start_here.ipynb"]["student"] == "mia"


def test_function_table_and_memo(graded_class) -> None:
    rosa = row(graded_class, "rosa", "99_demo")
    assert (rosa["f1"], rosa["t1"], rosa["memo"], rosa["total"], rosa["pending"], rosa["max_points"]) == \
        ("2", "2", "", "4", "3", "7")
    sam = row(graded_class, "sam", "99_demo")
    assert (sam["f1"], sam["t1"], sam["memo"], sam["total"], sam["pending"]) == ("0", "0", "0", "0", "0")
    text = feedback(graded_class, "sam", "99_demo")
    assert "Your function raised ZeroDivisionError: division by zero when called as top_share(" in text
    assert "memo: Not attempted" in text


def test_freetext_sheet_and_merge(graded_class, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("gradebook.csv", "freetext.csv"):
        (out / name).write_bytes((graded_class["out"] / name).read_bytes())
    with open(out / "freetext.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["student"], r["question"], r["max_points"]) for r in rows] == [("rosa", "memo", "3"), ("sam", "memo", "3")]
    assert rows[0]["answer"].startswith("Network faults") and rows[0]["words"] == "9"
    assert "Names the weakest link (2)" in rows[0]["rubric"]
    rows[0]["points"] = "2.5"
    with open(out / "freetext.csv", "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for _ in range(2):  # merging twice gives the same gradebook
        counts = merge_sheet(out / "freetext.csv", out)
        assert (counts["merged"], counts["pending"]) == (1, 1)
        with open(out / "gradebook.csv", encoding="utf-8") as handle:
            book = {(r["student"], r["exercise"]): r for r in csv.DictReader(handle)}
        rosa = book[("rosa", "99_demo")]
        assert (rosa["memo"], rosa["total"], rosa["pending"]) == ("2.5", "6.5", "0")
        assert book[("alice", "00_start_here")]["total"] == "3"
    rows[1]["points"] = "4"
    with open(out / "freetext.csv", "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ValueError, match=r"row 3: points must be a number from 0 to 3; found '4'"):
        merge_sheet(out / "freetext.csv", out)


# ---------------------------------------------------------------- values as data: every bank, both ways
def _roundtrip(value):
    return decode(json.loads(json.dumps(collect_values({"v": value}, ["v"])["v"]["value"])))


BANK_QUESTIONS = [(eid, q) for eid, module in bank_modules().items() for q in module.QUESTIONS]


@pytest.mark.parametrize("exercise_id, question", BANK_QUESTIONS, ids=[f"{e}:{q.id}" for e, q in BANK_QUESTIONS])
def test_every_example_grades_the_same_after_the_trip_through_json(exercise_id, question) -> None:
    set_language("en")
    for which in ("right", "wrong"):
        for value in examples(question, which):
            expected = question.grade(value).status
            if isinstance(question, _FQ):
                cases = plan_cases(question)
                data = json.loads(json.dumps(call_function({"f": value}, "f", cases)))
                got_value = Replay("f", cases, data["calls"]) if "calls" in data else decode(data.get("value"))
            else:
                got_value = _roundtrip(value)
            assert question.grade(got_value).status == expected, (which, value)


def test_pandas_objects_come_back_equal() -> None:
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None], "c": pd.to_datetime(["2024-01-01", None]),
                          "d": [0.5, float("nan")]}, index=pd.Index([10, 20], name="id"))
    back = _roundtrip(frame)
    pd.testing.assert_frame_equal(back, frame)
    series = pd.Series([1.5, 2.5], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"]), name="s")
    pd.testing.assert_series_equal(_roundtrip(series), series)


def test_judge_uses_its_own_keys_not_the_kernels() -> None:
    set_language("en")
    out = RunOutput(values={"remaining_after_2_years": {"value": {"__t": "other", "type": "AlwaysEqual",
                                                                   "module": "x", "repr": "<eq>", "callable": False}},
                            "costs_more": {"value": "a"}})
    results = judge(load("00_start_here"), out)
    assert [(r.status, r.points) for r in results] == [(INCORRECT, 0), (CORRECT, 1)]
    assert "AlwaysEqual" in results[0].message
    stopped = judge(load("00_start_here"), RunOutput(state="died"))
    assert [r.status for r in stopped] == [NOT_ATTEMPTED, NOT_ATTEMPTED]


# ---------------------------------------------------------------- course mode travels with the files
def test_course_file_turns_solutions_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from crmlib.exercises.mode import COURSE_FILE, ENV_VAR, course_mode

    set_language("en")
    monkeypatch.delenv(ENV_VAR, raising=False)
    lesson = tmp_path / "course" / "exercises"
    lesson.mkdir(parents=True)
    monkeypatch.chdir(lesson)
    assert course_mode() is False
    (tmp_path / "course" / COURSE_FILE).write_text("# hand-out copy\nsolutions = false\n", encoding="utf-8")
    assert course_mode() is True
    copy.copy(load("00_start_here").q1).solution()
    assert "Solutions are turned off by your instructor." in capsys.readouterr().out
    (tmp_path / "course" / COURSE_FILE).write_text("solutions = true  # after the deadline\n", encoding="utf-8")
    assert course_mode() is False


def test_bad_arguments_get_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cell_timeout must be a number of seconds > 0; got 0"):
        grade_folder(tmp_path, tmp_path / "out", cell_timeout=0, progress=None)
    with pytest.raises(FileNotFoundError, match="submissions folder not found"):
        grade_folder(tmp_path / "nope", tmp_path / "out", progress=None)


def test_grading_runs_where_an_event_loop_is_already_running() -> None:
    """Inside Jupyter (or beside Playwright) this thread already runs a loop; asyncio.run would refuse."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from crmlib.grading.run import run_sync

    async def inner() -> int:
        await asyncio.sleep(0)
        return 7

    async def outer() -> int:  # a caller with a running loop, like a notebook cell
        refused = inner()
        with pytest.raises(RuntimeError, match="running event loop"):
            asyncio.run(refused)
        refused.close()
        return run_sync(inner())

    # Run the caller on a thread of its own, so this test works whether or not the test thread
    # already has a loop (in the full suite, Playwright's does).
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, outer()).result() == 7
