"""01_crm_background in a real browser: both notebooks run clean, and both widgets redraw when moved.

The lesson's contract (what this test relies on):
* Run All finishes with no error, warning or stderr output, in the lesson and in its exercise notebook;
* the retention calculator shows sliders described "Churn rate per year" and "Acquisition cost per new
  customer (CNY)", a chart image, and lines "Customers lost per year: 375 of 1,829" and "Cost of
  replacing them with new customers: CNY 105,750 a year" — the numbers of the table printed above it
  (churn 20.5 %, CNY 282 to win a customer, CNY 90 per accepted retention offer);
* the customer pyramid shows a slider described "Platinum: the top share of customers", a chart image
  and a table whose platinum row starts "platinum <customers> <share>%";
* moving a slider changes the numbers as the new value implies, and the chart image's bytes.
"""

from __future__ import annotations

import re

import pytest

from .lab import Lab

LOST = re.compile(r"Customers lost per year:\s+([\d,]+)\s+of\s+([\d,]+)")
REPLACE = re.compile(r"Cost of replacing them with new customers:\s+CNY\s+([\d,]+)")
PLATINUM = re.compile(r"platinum\s+([\d,]+)\s+(\d+)%")


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def parse_calculator(text: str) -> tuple[int, int, int] | None:
    """(customers lost, customer base, replacement cost) from the calculator's text, or None."""
    lost, replace = LOST.search(text), REPLACE.search(text)
    if not (lost and replace):
        return None
    return _int(lost.group(1)), _int(lost.group(2)), _int(replace.group(1))


def parse_platinum(text: str) -> int | None:
    """Customers in the platinum tier, from the pyramid widget's table, or None."""
    match = PLATINUM.search(text)
    return _int(match.group(1)) if match else None


def test_parsers_read_the_widget_text() -> None:
    text = ("Customers lost per year: 366 of 1,829\nCost of replacing them with new customers: CNY 102,480 a year\n"
            "Cost of keeping them instead: CNY 32,940 a year")
    assert parse_calculator(text) == (366, 1829, 102480)
    assert parse_calculator("nothing") is None
    assert parse_platinum("Tier\tCustomers\nplatinum\t155\t5%\tCNY 11,667,206") == 155
    assert parse_platinum("gold 466 15%") is None


def test_crm_background_runs_and_both_widgets_redraw(lab: Lab) -> None:
    nb = lab.open_notebook("01_crm_background.ipynb")
    nb.run_all(timeout=180)
    assert nb.errors() == []
    assert nb.popups() == []

    # --- the retention calculator: churn drives customers lost; acquisition cost drives replacement cost
    nb.show_widget("widgets.retention_economics_app", "Churn rate per year")
    calc, (lost, base, replace) = nb.find_widget(parse_calculator, "the retention calculator")
    churn = nb.slider("Churn rate per year")
    assert churn.readout == "20.5%" and (lost, base, replace) == (375, 1829, 105750), calc.text  # as in the table
    assert lost == round(base * churn.value), (churn.readout, calc.text)
    nb.screenshot("crm_background_calculator_before")

    before = nb.widget_views()
    moved = nb.move_slider("Churn rate per year", +10)  # 10 steps of 0.5 percentage points
    assert moved.value == pytest.approx(churn.value + 0.05)
    after, (lost2, base2, replace2) = nb.wait_for_widget_redraw(
        parse_calculator, before, lambda v: v[0] == round(v[1] * moved.value))
    assert base2 == base and lost2 > lost and replace2 > replace
    assert after.digests != calc.digests, "the calculator's chart did not change when the churn slider moved"

    acquisition = nb.slider("Acquisition cost")
    rate = nb.slider("Churn rate per year").value
    before = nb.widget_views()
    moved = nb.move_slider("Acquisition cost", +3)  # 3 steps of CNY 1
    assert moved.value == pytest.approx(acquisition.value + 3)
    after2, (_, _, replace3) = nb.wait_for_widget_redraw(
        parse_calculator, before, lambda v: abs(v[2] - int(base * rate + 0.5) * moved.value) <= 1)  # whole customers lost
    assert replace3 > replace2 and after2.digests != after.digests
    nb.screenshot("crm_background_calculator_after")

    # --- the customer pyramid: the platinum cut-off drives the platinum tier's size
    nb.show_widget("widgets.pyramid_app", "Platinum")
    pyramid, platinum = nb.find_widget(parse_platinum, "the customer pyramid")
    cut = nb.slider("Platinum")
    customers = round(platinum / cut.value)  # 155 of 3,103 at 5 %
    nb.screenshot("crm_background_pyramid_before")
    before = nb.widget_views()
    moved = nb.move_slider("Platinum", +4)
    assert moved.value == pytest.approx(cut.value + 0.04)
    after3, platinum2 = nb.wait_for_widget_redraw(
        parse_platinum, before, lambda v: abs(v - moved.value * customers) <= 2)
    assert platinum2 > platinum
    assert after3.digests != pyramid.digests, "the pyramid chart did not change when the platinum slider moved"
    nb.screenshot("crm_background_pyramid_after")
    assert nb.errors() == []
    nb.close()


def test_crm_background_exercises_run_clean(lab: Lab) -> None:
    nb = lab.open_notebook("exercises/01_crm_background.ipynb")
    nb.run_all(timeout=180)
    assert nb.errors() == []
    outputs = "\n".join(nb.outputs())
    assert outputs.count("Not attempted") >= 11  # every check() before an answer says so
    nb.screenshot("crm_background_exercises")
    nb.close()
