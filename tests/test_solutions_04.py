"""Every worked solution of exercise 04, pasted into the student notebook in order, runs and is graded correct.

This catches solutions that only work alone: e.g. a SQL solution that leaves an unfinished DuckDB result
(``con.execute(...).fetchone()``) makes the next question's ``con.sql(...)`` fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from crmlib.exercises.banks import telecom_case as bank
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.questions import resolve

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "exercises" / "04_telecom_case.ipynb"
CODE = re.compile(r"```python\n(.*?)```", re.S)


def solution_code(question) -> str | None:
    """The code block of a question's English solution, or None if the solution is prose only."""
    found = CODE.search(question._solution_text["en"])
    return found.group(1).strip() if found else None


def filled_notebook() -> tuple[nbformat.NotebookNode, dict[str, str]]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    filled = {}
    for q in bank.QUESTIONS:
        cells = [c for c in nb.cells if c.cell_type == "code" and c.source.strip().splitlines()[-1:] == [f"{q.var} = ___"]]
        assert len(cells) == 1, f"{q.id}: expected one answer cell `{q.var} = ___`, found {len(cells)}"
        code = solution_code(q)
        if code is None:  # a choice or a memo: the first known-right answer
            code = f"{q.var} = {resolve(q._right[0])!r}"
        assert re.search(rf"^{q.var}\s*=", code, re.M), f"{q.id}: the solution does not set {q.var}"
        cells[0].source = code
        filled[q.id] = code
    nb.cells.append(nbformat.v4.new_code_cell(
        "import json\nprint('RESULTS ' + json.dumps({r.question: r.status for r in ex.results(globals())}))"))
    return nb, filled


def test_every_question_has_a_code_solution_or_a_known_answer():
    _, filled = filled_notebook()
    assert sorted(filled, key=lambda q: int(q[1:])) == [q.id for q in bank.QUESTIONS]
    with_code = [q.id for q in bank.QUESTIONS if solution_code(q) is not None]
    assert with_code == ["q1", "q2", "q3", "q4", "q5", "q6", "q8", "q9", "q10", "q12"]


@pytest.mark.notebook
def test_solutions_in_sequence_are_all_correct(tmp_path):
    from nbclient import NotebookClient

    nb, _ = filled_notebook()
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, if any solution crashes
    out = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    statuses = json.loads(out.split("RESULTS ", 1)[1])
    expected = {q.id: ("submitted" if isinstance(q, FreeTextQuestion) else "correct") for q in bank.QUESTIONS}
    assert statuses == expected
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
