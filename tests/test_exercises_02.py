"""Lesson 02's exercise bank in its notebook: every solution runs as pasted and grades correct, the answer
cells match the bank, and the answer forms a reader found rejected are accepted."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from crmlib.exercises.banks import value_chain as bank
from crmlib.exercises.result import CORRECT, INCORRECT
from crmlib.i18n import get_language, set_language

NOTEBOOK = Path(__file__).resolve().parents[1] / "exercises" / "02_value_chain.ipynb"
FENCED = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.fixture(autouse=True)
def _english():
    before = get_language()
    set_language("en")
    yield
    set_language(before)


def _code_cells() -> list[str]:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


@lru_cache(maxsize=None)
def _setup_namespace() -> dict:
    """What the notebook defines before its first answer cell: the import, ``ex``, ``links``, ``journey``,
    ``app_funnel``."""
    namespace: dict = {"__name__": "__main__"}
    for source in _code_cells():
        if re.search(r"^\w+ = (___|\{)", source, flags=re.M) or ".check()" in source:
            break
        exec(compile(source, "02_value_chain setup", "exec"), namespace)
    return namespace


def test_setup_defines_the_tables_the_questions_use() -> None:
    namespace = _setup_namespace()
    assert {"ex", "links", "journey", "app_funnel"} <= set(namespace)
    user_service = namespace["links"].set_index(["link", "year"]).loc["user_service"]
    assert user_service.loc[2025].tolist() == [489.0, 446.0] and sorted(user_service.index) == [2023, 2024, 2025]
    assert int(namespace["app_funnel"]["sign_up"]) == 304570


def test_answer_cells_match_the_bank() -> None:
    """Each question's variable has an answer cell holding the placeholder, with the bank's keys for dicts."""
    cells = _code_cells()
    assert cells[0].splitlines()[0] == (
        "from crmlib.exercises import load, ___  # leave this line as it is: ___ marks an answer not given yet")
    for question in bank.QUESTIONS:
        cell = next(c for c in cells if re.search(rf"^{question.var} = ", c, re.M))
        assert "___" in cell, question.id
        if isinstance(getattr(question, "answer", None), dict):
            keys = re.findall(r'"(\w+)": ___', cell)
            assert keys == list(question._answer), question.id
        assert f"ex.{question.id}.check()" in cells[cells.index(cell) + 1]


@pytest.mark.parametrize("question, answer", [
    (bank.q3, ["culture & leadership", "business processes", "HRM", "IT & data management", "organisation design"]),
    (bank.q5, "d) user_service"),
    (bank.q5, "(d) user service"),
    (bank.q7, "sign_up -> activation"),
    (bank.q7, "(c) sign-up → activation"),
    (bank.q7, "c) sign_up->activation"),
    (bank.q9, {**bank._STAR_ANSWER, "name": "product / brand"}),
])
def test_forms_a_reader_found_rejected_are_accepted(question, answer) -> None:
    assert question.grade(answer).status == CORRECT


@pytest.mark.parametrize("question, answer, message", [
    (bank.q7, "(b) consideration → sign-up", "Option (b), “consideration → sign-up”, is not the right choice."),
    (bank.q5, "a) infrastructure", "Option (a), “infrastructure”, is not the right choice."),
])
def test_a_lettered_wrong_option_is_named(question, answer, message: str) -> None:
    result = question.grade(answer)
    assert (result.status, result.message) == (INCORRECT, message)


def test_q10_target_is_computed_from_the_failing_share() -> None:
    # 2025: 133,801 of 304,570 sign-ups activated; a third fewer failures → 1 − 0.5607 × 2/3
    assert bank._target_rate() == pytest.approx(0.62621, abs=5e-5)
    assert bank.q10.grade(0.626).status == CORRECT
    # raising the activation rate by a third is the slip the hint warns about
    assert bank.q10.grade(0.586).status == INCORRECT
    assert "not precise enough" in bank.q10.grade(0.6).message


def test_q3_first_hint_does_not_point_at_a_right_answer() -> None:
    hint = bank.q3.hints[0]["en"]
    assert "procurement" not in hint and "business processes" not in hint  # it names no item, right or wrong
    assert "pricing is part of the value proposition" not in bank.q3._solution_text["en"]


def test_second_hints_hand_over_no_complete_code() -> None:
    """A level-2 hint may point at a tool but never contains an assignment to the answer variable or the
    whole expression of the solution."""
    for question in bank.QUESTIONS:
        hint = question.hints[1]["en"]
        assert f"{question.var} =" not in hint, question.id
        for block in FENCED.findall(question._solution_text["en"]):
            for line in block.splitlines():
                expression = line.split("#")[0].split("=", 1)[-1].strip()
                if len(expression) > 12:
                    assert expression not in hint, (question.id, expression)
