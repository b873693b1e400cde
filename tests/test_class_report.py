"""The class report, the LMS exports and safe re-grading, on a generated class of 40 submissions.

The class (``tests/generated_class.py``) is graded with the grader's own judge, without kernels; one test at
the end grades a few real notebooks in kernels, twice, then with a late submission.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from crmlib.exercises import load
from crmlib.exercises.build import notebook
from crmlib.exercises.result import CORRECT
from crmlib.grading.classreport import discrimination, item_stats, reteach, write_class_report
from crmlib.grading.csvsafe import csv_cell
from crmlib.grading.export import FILES, FORMATS, REQUIRED, table, write_export
from crmlib.grading.report import write_reports
from crmlib.i18n import set_language

from generated_class import EXERCISES, STUDENTS, generated_class


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory):
    set_language("en")
    items, planted = generated_class(tmp_path_factory.mktemp("class"))
    return items, planted


@pytest.fixture(scope="module")
def out(graded, tmp_path_factory: pytest.TempPathFactory) -> Path:
    items, _ = graded
    folder = tmp_path_factory.mktemp("out")
    write_reports(items, folder, "en")
    write_class_report(items, folder, "en")
    for kind in FORMATS:
        write_export(kind, folder / "gradebook.csv", folder)
    return folder


def test_the_class_has_40_submissions_across_four_exercises(graded) -> None:
    items, _ = graded
    assert len(items) == 40 and sorted({i.exercise.id for i in items}) == EXERCISES


def test_the_planted_mistakes_are_the_most_common_wrong_answers(out: Path, graded) -> None:
    _, planted = graded
    rows = pd.read_csv(out / "items.csv", dtype=str).set_index(["exercise", "question"])
    for p in planted:
        row = rows.loc[(p.exercise, p.question)]
        assert row["mistake_1"] == p.mistake, (p, row["mistake_1"])
        assert int(row["count_1"]) == len(p.students)
        if len(p.students) == 6:  # missed by 60 % of the class: the reteach list's top
            assert row["reteach"] == "yes"


def test_items_csv_counts_and_shares(out: Path, graded) -> None:
    items, _ = graded
    rows = pd.read_csv(out / "items.csv")
    assert len(rows) == sum(len(load(e)) for e in EXERCISES)
    auto = rows[rows["awaiting_instructor"] == 0]
    totals = auto[["correct", "partly_correct", "incorrect", "not_attempted"]].sum(axis=1)
    assert (totals == 10).all()
    shares = auto[["share_correct", "share_partly_correct", "share_incorrect", "share_not_attempted"]].sum(axis=1)
    assert ((shares - 1).abs() < 0.01).all()
    assert rows["discrimination"].dropna().between(-1, 1).all()
    assert rows["lesson_link"].str.match(r"notebooks/0\d_\w+\.ipynb#").all()


def test_discrimination_is_the_item_rest_correlation() -> None:
    assert discrimination([1, 0, 1, 0], [5, 1, 4, 2]) == pytest.approx(pd.Series([1, 0, 1, 0]).corr(pd.Series([5, 1, 4, 2])))
    assert discrimination([1, 1], [1, 2]) is None


def test_reteach_links_each_question_to_its_lesson_section(graded) -> None:
    items, planted = graded
    again = reteach(item_stats(items))
    names = {(s.exercise, s.question) for s in again}
    assert {(p.exercise, p.question) for p in planted if len(p.students) == 6} <= names
    assert len(again) <= 10
    q5 = next(s for s in again if (s.exercise, s.question) == ("01_crm_background", "q5"))
    lesson = json.loads(Path("notebooks/01_crm_background.ipynb").read_text(encoding="utf-8"))
    headings = [line[3:].strip() for c in lesson["cells"] for line in "".join(c["source"]).splitlines()
                if line.startswith(("## ", "### ")) or line.startswith("### ")]
    assert q5.section[0] in [h.lstrip("# ") for h in headings]
    assert "Keep customers" in q5.section[0]  # the section on retention economics


def test_the_report_is_self_contained_and_names_the_mistakes(out: Path, graded) -> None:
    _, planted = graded
    text = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in text and "http://" not in text and "https://" not in text
    images = re.findall(r'<img [^>]*src="([^"]+)"', text)
    assert len(images) == 8 and all(src.startswith("data:image/png;base64,") for src in images)
    for p in planted:
        assert f"[{p.mistake}]" in text
    assert "s011" in text and "s010/04_telecom_case.ipynb" in text  # the id that is not the owner's


def test_the_report_in_chinese(graded, tmp_path: Path) -> None:
    items, _ = graded
    write_class_report(items, tmp_path, "zh")
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in text and "班级报告" in text and "需要重讲的内容" in text


def test_variants_differ_between_students_and_each_is_graded_right(graded) -> None:
    items, planted = graded
    for eid in EXERCISES:
        qid = load(eid).varying[0]
        rows = [i for i in items if i.exercise.id == eid]
        givens = {i.student: tuple(i.exercise[qid].given().values()) for i in rows}
        assert len(set(givens.values())) >= 8, eid
        wrong = next(p for p in planted if p.exercise == eid and p.question == qid).students
        for item in rows:
            result = next(r for r in item.results if r.question == qid)
            assert (result.status == CORRECT) == (item.student not in wrong), (eid, item.student)


@pytest.mark.parametrize("kind", FORMATS)
def test_the_exports_open_in_pandas_with_the_expected_columns(out: Path, kind: str) -> None:
    frame = pd.read_csv(out / FILES[kind], dtype=str, keep_default_na=False)
    assert list(frame.columns[:len(REQUIRED[kind])]) == REQUIRED[kind] or set(REQUIRED[kind]) <= set(frame.columns)
    assert set(EXERCISES) <= set(frame.columns)
    people = frame[frame.iloc[:, 0] != "Points Possible"]
    assert sorted(people.iloc[:, 0]) == STUDENTS
    gradebook = pd.read_csv(out / "gradebook.csv", dtype=str)
    s001 = gradebook[(gradebook.student == "s001") & (gradebook.exercise == "04_telecom_case")]["total"].item()
    assert people.set_index(people.columns[0]).loc["s001", "04_telecom_case"] == s001


def test_canvas_has_its_points_possible_row(out: Path) -> None:
    frame = pd.read_csv(out / "canvas.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns[:5]) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert frame.iloc[0]["Student"] == "Points Possible"
    assert frame.iloc[0]["04_telecom_case"] == str(sum(q.points for q in load("04_telecom_case")))
    moodle = pd.read_csv(out / "moodle.csv", dtype=str)
    assert moodle.columns[0] == "Username" and "Feedback: 01_crm_background" in moodle.columns


def test_a_formula_in_a_student_name_is_neutralised() -> None:
    rows = [{"student": "=HYPERLINK(\"http://evil\")", "exercise": "01_x", "total": "-1", "max_points": "2",
             "status": "graded"}, {"student": "@SUM(A1)", "exercise": "01_x", "total": "2", "max_points": "2"}]
    for kind in FORMATS:
        _, body = table(kind, rows)
        cells = [c for row in body for c in row]
        assert not any(c.startswith(("=", "@", "+", "\t", "\r")) for c in cells), kind
        assert "-1" in cells or kind == "canvas" and "-1" in cells
    assert csv_cell("+1") == "+1" or csv_cell("+1") == "'+1"
    assert csv_cell("-0.5") == "-0.5" and csv_cell("-x") == "'-x"


def test_the_same_class_gives_the_same_bytes(graded, out: Path, tmp_path: Path) -> None:
    items, _ = graded
    write_reports(items, tmp_path, "en")
    write_class_report(items, tmp_path, "en")
    for kind in FORMATS:
        write_export(kind, tmp_path / "gradebook.csv", tmp_path)
    for name in ["gradebook.csv", "items.csv", "report.html", *FILES.values()]:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_unknown_export_is_refused() -> None:
    with pytest.raises(ValueError, match="canvas, moodle, csv"):
        table("blackboard", [])


# ------------------------------------------------------------------ real kernels: a few notebooks
def _submission(student_cell: str, answer: str) -> str:
    nb = notebook("01_crm_background")
    for cell in nb["cells"]:
        if cell["source"].startswith("ex.student("):
            cell["source"] = student_cell
        elif re.search(r"^yearly_saving = ___", cell["source"], re.M):
            cell["source"] = answer
    return json.dumps(nb)


SOLUTION = "g = ex.q5.given()\nyearly_saving = g.subscribers * g.churn * (g.acquisition_cost - g.retention_cost)"


def test_regrading_is_safe_and_variants_are_rebuilt_for_the_owner(tmp_path: Path) -> None:
    """alice relies on the grader (no id in her notebook); bob claims carol's id: both are graded against
    their own numbers. Grading twice gives the same gradebook; carol's late file adds only her row."""
    from crmlib.grading.batch import grade_folder

    folder = tmp_path / "in"
    (folder / "alice").mkdir(parents=True)
    (folder / "bob").mkdir()
    (folder / "alice" / "ex1.ipynb").write_text(_submission("ex.student(___)", SOLUTION), encoding="utf-8")
    (folder / "bob" / "ex1.ipynb").write_text(_submission('ex.student("carol")', SOLUTION), encoding="utf-8")
    grade_folder(folder, tmp_path / "a", jobs=2, progress=None, export=("canvas", "csv"))
    grade_folder(folder, tmp_path / "b", jobs=2, progress=None, export=("canvas", "csv"))
    for name in ["gradebook.csv", "items.csv", "report.html", "canvas.csv", "grades.csv"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    book = pd.read_csv(tmp_path / "a" / "gradebook.csv", dtype=str, keep_default_na=False).set_index("student")
    assert book.loc["alice", "q5"] == "2"  # computed in the kernel from alice's own numbers
    assert book.loc["bob", "q5"] == "0" and "carol" in book.loc["bob", "message"]
    (folder / "carol").mkdir()
    (folder / "carol" / "ex1.ipynb").write_text(_submission('ex.student("carol")', SOLUTION), encoding="utf-8")
    grade_folder(folder, tmp_path / "c", jobs=2, progress=None)
    before = (tmp_path / "a" / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    after = (tmp_path / "c" / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line not in before] == [next(l for l in after if l.startswith("carol,"))]
    assert set(before) <= set(after)
    assert pd.read_csv(tmp_path / "c" / "gradebook.csv", dtype=str).set_index("student").loc["carol", "q5"] == "2"


def test_the_command_refuses_an_unknown_export(capsys) -> None:
    from crmlib.grading.cli import main

    assert main(["somewhere", "--out", "elsewhere", "--export", "blackboard"]) == 2
    assert "canvas" in capsys.readouterr().err
