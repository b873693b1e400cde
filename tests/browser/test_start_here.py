"""00_start_here in a real browser: it runs clean and its retention slider redraws chart and text.

The notebook's contract (what this test relies on):
* Run All finishes with no error, warning or stderr output;
* it shows an ipywidgets slider whose description contains "Retention" (or "保留") and whose
  readout is the retention rate, as a fraction ("0.90") or a percentage ("90%");
* the same widget shows a chart image and a line such as "After 5 years, 590 of 1,000 customers
  remain." (cohort x rate ** years, rounded or floored), whether through ipywidgets Image + HTML
  (as crmlib.widgets.retention_app does) or an Output area;
* moving the slider redraws both: the number changes as the new rate implies and the image's bytes change.
"""

from __future__ import annotations

import math
import re

import pytest

from .lab import REPO, HarnessError, Lab, Notebook, WidgetOutput

SURVIVORS_EN = re.compile(r"After\s+(\d+)\s+years?,\s+([\d,]+)\s+of\s+([\d,]+)\s+customers\s+remain")


def parse_survivors(text: str) -> tuple[int, int, int] | None:
    """(years, survivors, cohort) from the widget's text line, or None when it has no such line.

    English: "After 5 years, 590 of 1,000 customers remain." Other languages: the line holding
    "客户" (customers) with three numbers, read as years < survivors <= cohort.
    """
    match = SURVIVORS_EN.search(text)
    if match:
        years, survivors, cohort = (int(group.replace(",", "")) for group in match.groups())
        return years, survivors, cohort
    for line in text.splitlines():
        numbers = sorted(int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", line))
        if "客户" in line and len(numbers) == 3:
            return numbers[0], numbers[1], numbers[2]
    return None


def rate_of(readout: str) -> float:
    """The retention rate a slider readout shows: "0.90" -> 0.9, "90%" or "90" -> 0.9."""
    value = float(readout.strip().rstrip("%").replace(",", ""))
    return value / 100 if readout.strip().endswith("%") or value > 1 else value


def implied_survivors(cohort: int, rate: float, years: int) -> set[int]:
    """The survivor counts a notebook may show for this rate: rounded or floored."""
    exact = cohort * rate**years
    return {round(exact), math.floor(exact + 1e-9)}


def chart_and_text(nb: Notebook) -> tuple[WidgetOutput, tuple[int, int, int]]:
    """The widget showing both a chart image and the survivors line (waits for it)."""

    def find() -> tuple[WidgetOutput, tuple[int, int, int]] | None:
        for output in nb.widget_views():
            parsed = parse_survivors(output.text)
            if output.images and parsed:
                return output, parsed
        return None

    return nb.wait_for(find, timeout=30, what="a widget with a chart image and a 'customers remain' line")


def test_parse_survivors_reads_english_and_chinese_lines() -> None:
    assert parse_survivors("After 5 years, 590 of 1,000 customers remain.") == (5, 590, 1000)
    assert parse_survivors("5 年后，1,000 位客户中仍有 590 位。") == (5, 590, 1000)
    assert parse_survivors("no numbers here") is None
    assert rate_of("0.90") == pytest.approx(0.9) and rate_of("90%") == pytest.approx(0.9)
    assert implied_survivors(1000, 0.9, 5) == {590}
    assert implied_survivors(1000, 0.87, 5) == {498}


def test_harness_reports_errors_and_uses_repo_crmlib(lab: Lab) -> None:
    """The harness itself: the kernel imports crmlib from this repo, and errors are not missed
    (a stderr warning, a failing cell, an exception in a widget callback)."""
    path = lab.write_notebook("harness_probe.ipynb", [
        "import pathlib, crmlib\nprint(pathlib.Path(crmlib.__file__).resolve().parent)",
        "import warnings\nwarnings.warn('probe warning')",
        "import ipywidgets as w\nprobe = w.IntSlider(5, min=0, max=10, description='Probe')\n"
        "def fail(change):\n    raise ValueError('probe callback failed')\n"
        "probe.observe(fail, names='value')\nprobe",
        "echo, out = w.IntSlider(5, description='Echo'), w.Output()\nwith out:\n    print('echo 5')\n"
        "def show(change):\n    with out:\n        out.clear_output(wait=True)\n        print(f'echo {change.new}')\n"
        "echo.observe(show, names='value')\nw.VBox([echo, out])",
        # Filler pushes the cells above far off screen: their text must still be read.
        *[f"print('\\n'.join('filler {i}' for _ in range(40)))" for i in range(10)],
        "1/0",
        "print('never reached')",
    ])
    nb = lab.open_notebook(path)
    with pytest.raises(HarnessError, match=r"(?s)code cells \[15\] did not run.*ZeroDivisionError"):
        nb.run_all()
    nb.scroll_to_cell(-1)  # the cells read below are now far above the view
    outputs = nb.outputs()
    assert outputs[0] == str(REPO / "crmlib")
    assert outputs[13] == "\n".join(["filler 9"] * 40)
    assert outputs[15] == ""
    errors = nb.errors()
    assert len(errors) == 2 and "probe warning" in errors[0] and "ZeroDivisionError" in errors[1]

    before = nb.wait_for(nb.widget_outputs, what="the Output widget")
    assert [o.text for o in before] == ["echo 5"]
    assert nb.move_slider("echo", -2).value == 3
    assert [o.text for o in nb.wait_for_outputs_change(before)] == ["echo 3"]
    moved = nb.move_slider("probe", +2)
    assert moved.value == 7
    log = nb.wait_for(lambda: [e for e in nb.errors() if e.startswith("log console:")], what="the callback error")
    assert "ValueError: probe callback failed" in log[0]
    with pytest.raises(HarnessError, match="no slider whose description contains 'retention'; sliders on show: 'Probe'"):
        nb.slider("retention")
    nb.close()


def test_start_here_runs_and_retention_slider_redraws(lab: Lab) -> None:
    nb = lab.open_notebook("00_start_here.ipynb")
    nb.run_all()
    assert nb.errors() == []

    sliders = nb.wait_for(nb.sliders, what="an ipywidgets slider")
    retention = [s for s in sliders if "retention" in s.description.lower() or "保留" in s.description]
    assert retention, f"no slider described 'Retention'/'保留'; sliders: {[s.description for s in sliders]}"
    slider = retention[0]
    output, (years, survivors, cohort) = chart_and_text(nb)
    assert survivors in implied_survivors(cohort, rate_of(slider.readout), years), (slider.readout, output.text)
    assert nb.popups() == []  # nothing may cover the notebook (e.g. the news question)
    nb.screenshot("start_here_before", scroll_to=".widget-slider")

    before = nb.widget_views()
    moved = nb.move_slider(slider.index, -3)
    assert rate_of(moved.readout) < rate_of(slider.readout)
    expected = implied_survivors(cohort, rate_of(moved.readout), years)

    def redrawn(views: list[WidgetOutput]) -> tuple[WidgetOutput, int] | None:
        for view in views:
            parsed = parse_survivors(view.text)
            if view.images and parsed and parsed[1] in expected:
                return view, parsed[1]
        return None

    views = nb.wait_for_change(nb.widget_views, before, until=redrawn)
    after, shown = redrawn(views) or (None, None)
    assert after is not None and shown is not None
    assert shown < survivors
    assert all(d and not d.startswith("unreadable") for d in output.digests + after.digests), (output, after)
    assert after.digests != output.digests, "the chart image did not change when the slider moved"
    nb.screenshot("start_here_after", scroll_to=".widget-slider")
    assert nb.errors() == []
    nb.close()
