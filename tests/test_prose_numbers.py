"""Numbers in the lessons' prose match their computation or name their source (see tests/prose_numbers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.prose_numbers import REPO, load_pins, markdown_text, numbers, pin_file, problems

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.stem)
def test_every_prose_number_is_pinned(notebook: Path) -> None:
    path = pin_file(notebook)
    assert path.exists(), f"{notebook.name} has no pin file {path.relative_to(REPO)}"
    pins = load_pins(path)
    found = problems(markdown_text(notebook), pins.PINS, pins.SOURCED)
    assert not found, f"{notebook.name}: {len(found)} problem(s) with prose numbers:\n" + "\n".join(found)


def test_numbers_skip_what_is_not_a_claim() -> None:
    text = "## 3. Margins\n\n1. In 2025 (lesson 03), `top_share(0.2)` is $r^2$ for q3 and B2B.\n2. It was ¥1,200 (−0.055 to +0.004)."
    assert [n.value for n in numbers(text)] == [1200, -0.055, 0.004]


def test_a_wrong_pin_fails() -> None:
    text = "Ten points more retention raises the multiple from 2.67 to 4.5."
    assert problems(text, {"from 2.67 to 4.5": lambda: (8 / 3, 4.5)}, {}) == []
    wrong = problems(text, {"from 2.67 to 4.5": lambda: (8 / 3, 4.4)}, {})
    assert len(wrong) == 1 and "the prose says 4.5" in wrong[0]


def test_an_unpinned_number_fails_and_names_its_context() -> None:
    found = problems("About 416 of the\n806 SMEs bought.", {"416 of the 806": lambda: (416, 806)}, {})
    assert found == []  # the phrase matches across the line break
    found = problems("About 416 of the 806 SMEs bought.", {}, {})
    assert len(found) == 2 and "unpinned number 416" in found[0]


def test_a_stale_or_unsourced_phrase_fails() -> None:
    found = problems("Five stages, three given.", {"nine modules 9": lambda: 9}, {"Five stages 5": " "})
    assert any("stale pin" in f for f in found) and any("gives no source" in f for f in found)


def test_rounding_is_the_pins_job() -> None:
    text = "the CLV is roughly ¥2,500."
    assert problems(text, {"roughly ¥2,500": lambda: round(2468.0, -2)}, {}) == []
    assert problems(text, {"roughly ¥2,500": lambda: 2468.0}, {}) != []
