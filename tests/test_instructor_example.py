"""docs/instructors.md's worked example, run as written: an instructor adds question 12 to lesson 01's bank
(one Markdown section per language and one Python block, all copied from the guide), builds the notebook,
checks a right answer and two wrong ones, and batch-grades a submission that answers it."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from crmlib.exercises import CORRECT, INCORRECT, Exercise
from crmlib.exercises.build import notebook_for
from crmlib.i18n import set_language

REPO = Path(__file__).resolve().parents[1]
BANKS = REPO / "crmlib" / "exercises" / "banks"
GUIDE = (REPO / "docs" / "instructors.md").read_text(encoding="utf-8")


def _blocks(kind: str) -> list[str]:
    section = GUIDE[GUIDE.index("### Worked example"):GUIDE.index("### What goes where")]
    return re.findall(rf"```{kind}\n(.*?)```", section, re.DOTALL)


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("bank")
    for name in ("crm_background.py", "crm_background.en.md", "crm_background.zh.md"):
        shutil.copy(BANKS / name, folder / name)
    en, zh = _blocks("markdown")
    (python,) = _blocks("python")
    for name, block in (("crm_background.en.md", en), ("crm_background.zh.md", zh)):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        summary = text.index("\n## summary")  # "after the last question"
        path.write_text(text[:summary].rstrip("\n") + "\n\n" + block + text[summary:], encoding="utf-8")
    source = (folder / "crm_background.py").read_text(encoding="utf-8")
    source = source.replace("\nQUESTIONS = [", "\n" + python + "\nQUESTIONS = [", 1)
    source = re.sub(r"(QUESTIONS = \[[^\]]*)\]", r"\1, q12]", source, count=1)
    (folder / "crm_background.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("instructor_bank", folder / "crm_background.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["instructor_bank"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("instructor_bank", None)


def test_the_guide_has_the_three_blocks() -> None:
    assert len(_blocks("markdown")) == 2 and len(_blocks("python")) == 1


def test_the_new_question_is_checked_right_and_wrong(bank) -> None:
    set_language("en")
    ex = Exercise(bank.EXERCISE_ID, bank.QUESTIONS, title=bank.TITLE)
    assert ex.ids[-1] == "q12"
    assert ex.q12.grade(2.27).status == CORRECT
    undiscounted = ex.q12.grade(3.0)
    assert undiscounted.status == INCORRECT and undiscounted.message.startswith("That is r / (1 − r)")
    assert ex.q12.grade(2.0).message == "2 is not the expected value."
    set_language("zh")
    assert ex.q12.grade(3.0).message.startswith("这是 r / (1 − r)")
    set_language("en")


def test_the_build_adds_its_cells(bank) -> None:
    sources = [cell["source"] for cell in notebook_for(bank)["cells"]]
    check = sources.index("ex.q12.check()")
    assert sources[check - 1] == "margin_multiple = ___"
    assert sources[check - 2].startswith("## Question 12 (1 point)")
    assert "margin_multiple = 0.75 / (1 + 0.08 - 0.75)" in bank.q12._solution_text["zh"]  # code written once


def test_a_submission_is_batch_graded(bank, tmp_path: Path) -> None:
    from crmlib.grading.batch import grade_folder

    nb = notebook_for(bank)
    # a student who answers only q12: every other answer cell keeps its placeholder
    for cell in nb["cells"]:
        if cell["source"] == "margin_multiple = ___":
            cell["source"] = "margin_multiple = 0.75 / (1 + 0.08 - 0.75)"
    for cell in nb["cells"]:
        cell["source"] = cell["source"].splitlines(keepends=True)
    submissions = tmp_path / "in" / "ana"
    submissions.mkdir(parents=True)
    (submissions / "01_crm_background.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    ex = Exercise(bank.EXERCISE_ID, bank.QUESTIONS, title=bank.TITLE)
    grade_folder(tmp_path / "in", tmp_path / "out", exercises={bank.EXERCISE_ID: ex}, progress=None, jobs=1)
    with open(tmp_path / "out" / "gradebook.csv", newline="", encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["q12"] == "1" and row["q1"] == "0" and row["total"] == "1"
