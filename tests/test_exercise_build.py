"""The exercise notebooks are built from their banks (``make exercises``), and the committed ones are in sync.

Each question has one source: its text in ``crmlib/exercises/banks/<name>.{en,zh}.md`` and its key in
``<name>.py``. These tests fail when a committed notebook differs from what the build makes, and check the
build's shape: the same first cell everywhere, one prompt / answer / check triple per question, the scoring
rule at the top, and the Chinese edition built from the Chinese text.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from crmlib.exercises import load
from crmlib.exercises.bank import bank_modules
from crmlib.exercises.build import build, buildable, main, notebook, notebook_text, setup_cell, target
from crmlib.exercises.source import SectionError, parse

REPO = Path(__file__).resolve().parents[1]
EXERCISES = buildable()
CJK = re.compile(r"[\u3400-\u9fff]")


def test_every_exercise_notebook_has_a_bank_and_every_bank_a_notebook() -> None:
    committed = sorted(p.stem for p in (REPO / "exercises").glob("*.ipynb"))
    assert committed == EXERCISES == ["01_crm_background", "02_value_chain", "03_customer_portfolio", "04_telecom_case"]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_committed_notebook_is_what_the_build_makes(exercise_id: str, language: str) -> None:
    path = target(REPO, exercise_id, language)
    assert path.read_text(encoding="utf-8") == notebook_text(exercise_id, language), (
        f"{path.relative_to(REPO)} differs from its bank: run `make exercises EXERCISE_ARGS=\"--language all\"`"
    )


def test_check_mode_reports_a_notebook_edited_by_hand(tmp_path: Path) -> None:
    assert [p.name for p in build(tmp_path, check=True)] == [f"{e}.ipynb" for e in EXERCISES]  # all missing
    assert len(build(tmp_path, ("en", "zh"), check=True)) == 2 * len(EXERCISES)
    assert len(build(tmp_path)) == len(EXERCISES) and build(tmp_path, check=True) == []
    path = target(tmp_path, "02_value_chain")
    path.write_text(path.read_text(encoding="utf-8").replace("Question 3", "Question three"), encoding="utf-8")
    assert build(tmp_path, check=True) == [path]
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert main(["--root", str(tmp_path)]) == 0 and build(tmp_path, check=True) == []


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_notebook_shape(exercise_id: str, language: str) -> None:
    nb = notebook(exercise_id, language)
    cells = nb["cells"]
    assert cells[1]["source"] == setup_cell(exercise_id, language)
    ex = load(exercise_id)
    sources = [c["source"] for c in cells]
    for number, question in enumerate(ex, start=1):
        check = sources.index(f"ex.{question.id}.check()")
        assert sources[check - 1] == question.cell and "___" in question.cell
        prompt = sources[check - 2]
        assert prompt.startswith("## ") and question.prompt[language] in prompt
        assert f"`{question.var}`" in prompt
        assert (f" {number} " in prompt.splitlines()[0]) or (f"第 {number} 题" in prompt)
    intro = sources[0]
    assert f"ex = load(\"{exercise_id}\")" in sources[1]
    scored = [q.id for q in ex if q.partial]
    if scored:
        separator = "、" if language == "zh" else ", "  # Chinese lists take the enumeration comma
        assert separator.join(scored) in intro  # the top says which questions give partial credit
    if language == "zh":
        assert CJK.search(intro) and all(CJK.search(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert all(c.get("outputs") == [] for c in cells if c["cell_type"] == "code")


def test_the_first_cell_is_the_same_in_every_notebook() -> None:
    firsts = {notebook(e)["cells"][1]["source"].replace(e, "<id>") for e in EXERCISES}
    assert len(firsts) == 1


def test_the_chinese_edition_is_written_under_exercises_zh(tmp_path: Path) -> None:
    written = build(tmp_path, ("zh",))
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [f"exercises/zh/{e}.ipynb" for e in EXERCISES]
    nb = json.loads(written[0].read_text(encoding="utf-8"))
    assert 'crmlib.set_language("zh")' in "".join(nb["cells"][1]["source"])


def test_every_bank_has_text_for_exactly_its_questions() -> None:
    for exercise_id, module in bank_modules().items():
        assert module.TEXT.ids == [q.id for q in module.QUESTIONS], exercise_id


def test_the_markdown_says_what_is_wrong_with_it() -> None:
    with pytest.raises(SectionError, match=r"unknown section '## q one'"):
        parse("# T\n\n## q one\n\ntext\n", "x.en.md")
    with pytest.raises(SectionError, match="must be inside a '## q<number>' section"):
        parse("# T\n\n### hint\n\ntext\n", "x.en.md")
    with pytest.raises(SectionError, match="text before the '# title' line"):
        parse("intro\n# T\n", "x.en.md")
    part = parse(textwrap.dedent("""\
        # T
        ## q1
        Prompt with code:
        ```python
        # not a heading
        x = 1
        ```
        ### hint
        one
        ### hint
        two
        ### solution
        done
        """), "x.en.md")
    assert part.questions["q1"]["hints"] == ["one", "two"] and "# not a heading" in part.questions["q1"]["prompt"]
