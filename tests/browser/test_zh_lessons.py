"""The Chinese edition in a real browser: each lesson notebooks/zh/NN_*.ipynb runs clean in JupyterLab, one of
its widgets redraws when a slider moves, and a screenshot shows it (test-artifacts/browser/zh_<lesson>_<widget>.png).

What each test relies on (the same contract as the English lesson's test, read without English words):
* Run All finishes with no error output and nothing on stderr, in the page or in JupyterLab's log console;
* the lesson shows the widget made by the code cell calling ``widgets.<name>_app``, with a slider whose
  description is the catalogue's Chinese label for it (so the test finds it by the zh text the student sees);
* moving that slider changes, in one widget view, the chart image's bytes and the numbers in its text, and the
  view's text is Chinese (it holds Chinese characters, and none of the English label the slider replaces).
Numbers are read from the text by their digits, never by English words (``survivors`` reads lesson 00's line
"5 年后，1,000 位客户中还剩 328 位。平均每位客户停留 5 年。", which has a fourth number, so the English test's
``parse_survivors`` does not read it).

Until a Chinese lesson is in the checkout its test is skipped, naming the missing file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from crmlib.i18n import catalogue

from .lab import REPO, Lab, Notebook, WidgetOutput

WIDGETS = ".jp-OutputArea-output:has(.jupyter-widgets)"
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def zh(key: str) -> str:
    """The Chinese label of catalogue ``key``, cut before any placeholder (``{currency}``) or bracket."""
    return re.split(r"[{（(]", catalogue()[key]["zh"])[0].strip()


def en(key: str) -> str:
    return re.split(r"[{(]", catalogue()[key]["en"])[0].strip()


@dataclass(frozen=True)
class Case:
    lesson: str  # notebooks/zh/<lesson>.ipynb
    widget: str  # the app's name, in the screenshot's name
    code: str  # a piece of the code cell that shows the widget
    slider_key: str | None  # catalogue key of the slider's description (None: use ``slider_text``)
    steps: int
    slider_text: str = ""
    timeout: float = 240

    @property
    def slider(self) -> str:
        return zh(self.slider_key) if self.slider_key else self.slider_text

    @property
    def english(self) -> str:
        return en(self.slider_key) if self.slider_key else ""


CASES = [
    Case("00_start_here", "retention", "widgets.retention_app", "widget.retention.slider", -3),
    Case("01_crm_background", "retention_economics", "widgets.retention_economics_app", "widget.calc.churn", +10),
    Case("02_value_chain", "funnel", "widgets.funnel_app", None, +5,
         slider_text=f"{catalogue()['stage.sign_up']['zh']} → {catalogue()['stage.activation']['zh']}"),
    Case("03_customer_portfolio", "clv", "widgets.clv_app", "widget.clv.retention", +5),
    Case("04_telecom_case", "campaign", "widgets.campaign_app", "widget.budget", +5, timeout=420),
]


def numbers(text: str) -> list[float]:
    """Every number in ``text`` by its digits ("1,098" → 1098.0), whatever the language around it.

    >>> numbers("整条价值链的利润：1,098（百万元），占 12.5%")
    [1098.0, 12.5]
    """
    return [float(n.replace(",", "")) for n in NUMBER.findall(text)]


def survivors(text: str) -> tuple[int, int, int] | None:
    """(years, survivors, cohort) from the first line about customers (客户) with three numbers or more: its first
    three, read as years < survivors <= cohort; None when there is no such line."""
    for line in text.splitlines():
        found = numbers(line)
        if "客户" in line and len(found) >= 3:
            years, kept, cohort = sorted(int(n) for n in found[:3])
            return years, kept, cohort
    return None


def test_zh_numbers_are_read_from_chinese_text() -> None:
    assert numbers("整条价值链的利润：1,098（百万元），占 12.5%") == [1098.0, 12.5]
    assert numbers("没有数字") == []
    assert survivors("留存率\n80%\n5 年后，1,000 位客户中还剩 328 位。平均每位客户停留 5 年。") == (5, 328, 1000)
    assert survivors("留存率 80%") is None
    assert all(c.slider and CJK.search(c.slider) for c in CASES), [c.slider for c in CASES]


def redrawn_view(before: list[WidgetOutput], after: list[WidgetOutput]) -> int | None:
    """The index of a widget view whose chart bytes and numbers both changed (None if there is none)."""
    if len(before) != len(after):
        return None
    for i, (old, new) in enumerate(zip(before, after)):
        if old.images and new.images and new.digests != old.digests and numbers(new.text) != numbers(old.text):
            return i
    return None


def shoot(nb: Notebook, index: int, name: str) -> Path:
    nb.page.locator(WIDGETS).nth(index).evaluate("el => el.scrollIntoView({block: 'start'})")
    return nb.screenshot(name)


@pytest.mark.parametrize("case", CASES, ids=[c.lesson for c in CASES])
def test_zh_lesson_runs_and_a_widget_redraws(request: pytest.FixtureRequest, case: Case) -> None:
    source = REPO / "notebooks" / "zh" / f"{case.lesson}.ipynb"
    if not source.is_file():  # checked before the lab starts: skipping costs nothing
        pytest.skip(f"notebooks/zh/{case.lesson}.ipynb is not in this checkout yet (built from lessons/zh/"
                    f"{case.lesson}.md by `make notebooks`)")
    lab: Lab = request.getfixturevalue("lab")
    if not (lab.server.root / "notebooks" / "zh" / f"{case.lesson}.ipynb").is_file():
        pytest.skip(f"notebooks/zh/{case.lesson}.ipynb appeared after the lab's copy was made: run the tests again")
    nb = lab.open_notebook(f"notebooks/zh/{case.lesson}.ipynb", timeout=120)
    nb.run_all(timeout=case.timeout)
    assert nb.errors() == []
    assert nb.popups() == []

    nb.show_widget(case.code, case.slider)
    slider = nb.slider(case.slider)
    if case.english:  # the label the student reads is the Chinese one, not the English
        assert case.english.lower() not in slider.description.lower(), slider.description
    before = nb.wait_for(lambda: (views := nb.widget_views()) and any(v.images for v in views) and views,
                         timeout=60, what="a widget with a chart")
    kept = None
    if case.lesson == "00_start_here":
        found = [survivors(v.text) for v in before if v.images and survivors(v.text)]
        assert found, [v.text for v in before]
        kept = found[0][1]

    moved = nb.move_slider(slider.index, case.steps, timeout=60)
    assert moved.readout != slider.readout
    after = nb.wait_for_change(nb.widget_views, before, timeout=60,
                               until=lambda views: redrawn_view(before, views) is not None)
    index = redrawn_view(before, after)
    assert index is not None
    view = after[index]
    assert all(d and not d.startswith("unreadable") for d in view.digests), view.digests
    assert len(CJK.findall(view.text)) >= 4, f"the widget's text is not Chinese: {view.text[:300]!r}"
    if kept is not None:
        parsed = survivors(view.text)
        assert parsed is not None and parsed[1] < kept, view.text  # a lower retention rate keeps fewer
    shot = shoot(nb, index, f"zh_{case.lesson}_{case.widget}")
    assert shot.stat().st_size > 10_000
    assert nb.errors() == []
    nb.close()
