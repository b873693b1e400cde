"""The grader writes each feedback file in its submission's language (``--language auto``, the default),
or all in one language when told (``--language en|zh``); the same answers get the same points either way.

The submissions are the kit's own built exercise notebooks, the English one and its Chinese edition
(``exercises/zh/``), with the same answers typed in; they run in real kernels, in the sandbox where
bubblewrap works (as tests/test_grading.py does).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from crmlib.exercises import load
from crmlib.exercises.questions import examples
from crmlib.grading.batch import feedback_languages, grade_folder
from crmlib.grading.cli import _parser
from crmlib.grading.discover import discover, sha256_of
from crmlib.grading.language import language_of
from crmlib.i18n import catalogue

REPO = Path(__file__).resolve().parents[1]
EXERCISE = "01_crm_background"
EN = REPO / "exercises" / f"{EXERCISE}.ipynb"
ZH = REPO / "exercises" / "zh" / f"{EXERCISE}.ipynb"


def _answers() -> dict[str, str]:
    """The same answers for both editions: q1 and q10 right, q11 wrong (code for each answer cell)."""
    ex = load(EXERCISE)
    right = {q.id: examples(q, "right")[0] for q in ex}
    wrong = examples(ex.q11, "wrong")[0]
    return {ex.q1.var: repr(right["q1"]), ex.q10.var: repr(right["q10"]), ex.q11.var: repr(wrong)}


def _filled(path: Path, answers: dict[str, str], drop_call: bool = False, code_only: bool = False) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            for var, code in answers.items():
                source = source.replace(f"{var} = ___", f"{var} = {code}")
            if drop_call:
                source = source.replace('crmlib.set_language("zh")', "")
        elif code_only:
            continue
        cells.append({**cell, "source": source})
    return json.dumps({**nb, "cells": cells}, ensure_ascii=False)


def _grade(subs: Path, out: Path, **options) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    from crmlib.grading.sandbox import sandbox_works

    grade_folder(subs, out, jobs=2, cell_timeout=60, total_timeout=240, progress=None,
                 unsafe_no_sandbox=bool(sandbox_works()), **options)
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        book = {r["student"]: r for r in csv.DictReader(handle)}
    with open(out / "submissions.csv", encoding="utf-8") as handle:
        feedback = {r["student"]: (out / r["feedback"]).read_text(encoding="utf-8") for r in csv.DictReader(handle)}
    return book, feedback


@pytest.fixture(scope="module")
def mixed_class(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert EN.is_file() and ZH.is_file(), "both editions of the exercise are needed"
    subs = tmp_path_factory.mktemp("mixed") / "submissions"
    answers = _answers()
    files = {
        "alice": _filled(EN, answers),  # English edition
        "bei": _filled(ZH, answers),  # Chinese edition, as handed out
        "chen": _filled(ZH, answers, drop_call=True),  # the set_language call deleted: the prompts still say zh
        "dan": _filled(ZH, answers, drop_call=True, code_only=True),  # says nothing: the class's majority (zh)
    }
    for student, text in files.items():
        (subs / student).mkdir(parents=True)
        (subs / student / f"{EXERCISE}.ipynb").write_text(text, encoding="utf-8")
    return subs


def _points(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if k == "total" or (k.startswith("q") and k[1:].isdigit())}


def test_languages_found_in_the_notebooks(mixed_class: Path) -> None:
    found = {s.student: (s.language, s.language_from) for s in discover(mixed_class, {EXERCISE: ["crm_kinds"]})}
    assert found == {"alice": ("en", "text"), "bei": ("zh", "code"), "chen": ("zh", "text"), "dan": (None, "")}
    subs = sorted(discover(mixed_class, {EXERCISE: ["crm_kinds"]}), key=lambda s: s.student)
    assert feedback_languages(subs)[0][3] == ("zh", "majority")  # dan: 2 zh said, 1 en
    assert language_of({"metadata": {"crmlib": {"language": "en"}}, "cells": json.loads(ZH.read_text())["cells"]}) \
        == ("en", "metadata")  # an explicit entry wins over the call


def test_feedback_in_each_submissions_language_with_the_same_points(mixed_class: Path, tmp_path: Path) -> None:
    before = {p.name + p.parent.name: sha256_of(p) for p in mixed_class.rglob("*.ipynb")}
    book, feedback = _grade(mixed_class, tmp_path / "auto")
    assert {p.name + p.parent.name: sha256_of(p) for p in mixed_class.rglob("*.ipynb")} == before

    assert all(book[s]["status"] == "graded" for s in book), book
    points = _points(book["alice"])
    assert float(points["q1"]) == load(EXERCISE).q1.points and float(points["q10"]) == load(EXERCISE).q10.points and points["q11"] == "0"
    for student in ("bei", "chen", "dan"):
        assert _points(book[student]) == points, student  # the same answers, the same points, in either edition

    assert feedback["alice"].startswith(f"# Feedback: {EXERCISE}")
    assert "Incorrect" in feedback["alice"] and "反馈" not in feedback["alice"]
    for student in ("bei", "chen", "dan"):
        text = feedback[student]
        assert text.startswith(f"# 反馈：{EXERCISE}"), (student, text[:200])
        assert "Incorrect" not in text and "Correct" not in text and "Score" not in text, (student, text)
    assert catalogue()["grading.language_majority"]["zh"] in feedback["dan"]
    assert catalogue()["grading.language_majority"]["zh"] not in feedback["bei"]
    said = {s: (book[s]["language"], book[s]["language_from"]) for s in book}
    assert said == {"alice": ("en", "text"), "bei": ("zh", "code"), "chen": ("zh", "text"), "dan": ("zh", "majority")}
    # the class report: one file, in the class's majority language
    assert '<html lang="zh-CN">' in (tmp_path / "auto" / "report.html").read_text(encoding="utf-8")


def test_language_option_writes_every_feedback_in_it(mixed_class: Path, tmp_path: Path) -> None:
    subs = tmp_path / "two"
    for student in ("alice", "bei"):
        (subs / student).mkdir(parents=True)
        (subs / student / f"{EXERCISE}.ipynb").write_bytes((mixed_class / student / f"{EXERCISE}.ipynb").read_bytes())
    book, feedback = _grade(subs, tmp_path / "en", language="en")
    assert _points(book["alice"]) == _points(book["bei"])
    for student in ("alice", "bei"):
        assert feedback[student].startswith(f"# Feedback: {EXERCISE}") and "反馈" not in feedback[student], student
        assert (book[student]["language"], book[student]["language_from"]) == ("en", "option")
    assert '<html lang="en">' in (tmp_path / "en" / "report.html").read_text(encoding="utf-8")


def test_language_choices() -> None:
    assert _parser().parse_args(["subs", "--out", "o"]).language == "auto"
    assert _parser().parse_args(["subs", "--out", "o", "--language", "zh"]).language == "zh"
    with pytest.raises(ValueError, match="language must be one of auto, en, zh; got 'fr'"):
        grade_folder(REPO, REPO / "never-written", language="fr")


def test_the_chinese_report_links_the_chinese_lesson(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crmlib.grading import classreport

    def lesson(headings: list[str], words: str) -> str:
        cells = [{"cell_type": "markdown", "source": f"## {h}\n{words}"} for h in headings]
        return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})

    english = ["1 Kinds of CRM", "2 Keep customers rather than only chase new ones"]
    (tmp_path / "notebooks" / "zh").mkdir(parents=True)
    (tmp_path / "notebooks" / f"{EXERCISE}.ipynb").write_text(lesson(english, "churn retention saving cost"))
    monkeypatch.setattr(classreport, "_kit_root", lambda: tmp_path)
    classreport._sections.cache_clear()
    try:
        q5 = load(EXERCISE).q5
        title, link = classreport.lesson_section(EXERCISE, q5, "zh")  # no Chinese lesson yet: the English one
        assert link.startswith(f"notebooks/{EXERCISE}.ipynb#") and title in english
        (tmp_path / "notebooks" / "zh" / f"{EXERCISE}.ipynb").write_text(
            lesson(["1 客户关系管理的类型", "2 留住客户，而不只是争取新客户"], "客户 流失"), encoding="utf-8")
        classreport._sections.cache_clear()
        zh_title, zh_link = classreport.lesson_section(EXERCISE, q5, "zh")
        assert (zh_title, zh_link) == (["1 客户关系管理的类型", "2 留住客户，而不只是争取新客户"][english.index(title)],
                                       f"notebooks/zh/{EXERCISE}.ipynb#{zh_title.replace(' ', '-')}")
        assert classreport.lesson_section(EXERCISE, q5, "en") == (title, link)
    finally:
        classreport._sections.cache_clear()
