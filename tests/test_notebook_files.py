"""Committed notebooks are clean and follow the kit's shape. (Running them is nbval's job: see pyproject.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "exercises").glob("*.ipynb"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_notebooks() -> None:
    assert (REPO / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_committed_without_outputs(path: Path) -> None:
    dirty = [
        i for i, cell in enumerate(_load(path)["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_opens_with_objectives_and_closes_with_a_summary(path: Path) -> None:
    cells = [c for c in _load(path)["cells"] if c["cell_type"] == "markdown"]
    first, last = "".join(cells[0]["source"]), "".join(cells[-1]["source"])
    assert "you can" in first.lower() or "objectives" in first.lower(), f"{path.name}: no learning objectives first"
    assert "summary" in last.lower() or "check your understanding" in last.lower(), f"{path.name}: no summary last"


def test_the_output_check_sees_outputs(tmp_path: Path) -> None:
    nb = _load(NOTEBOOKS[0])
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    dirty = tmp_path / "dirty.ipynb"
    dirty.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(AssertionError, match="hold outputs"):
        test_committed_without_outputs(dirty)
