"""03_customer_portfolio in a real browser: both notebooks run clean, and the three widgets redraw when moved.

The lesson's contract (what this test relies on):
* Run All finishes with no error, warning or stderr output, in the lesson and in its exercise notebook;
* the CLV calculator (``widgets.clv_app(margin=950, retention_rate=0.80, discount_rate=0.10, ...)``)
  shows sliders described "Retention rate per year", "Discount rate per year", …, a chart image and the lines
  "CLV over 10 years: ¥… With no time limit: ¥…" and "Margin multiple r / (1 + d − r) = 2.67: …";
* the whale widget (``widgets.whale_app(...)``) shows one slider per cost driver rate, among them
  "Account-manager hour (¥ per hour)" at 350 in steps of 10, a chart image and the line "4 of the 10 largest
  accounts by revenue lose money: C002705, C000687, C002076, C002768." (the data card's planted effect);
* the portfolio matrix (``widgets.portfolio_app(...)`` on the 781 business accounts) shows a slider
  "High current value: the top" at 25 % in steps of 5 %, a chart image and a table with one row per cell,
  e.g. "develop 145 (19%) …";
* moving a slider changes the numbers as the new value implies, and the chart image's bytes.
"""

from __future__ import annotations

import re

import pytest

from .lab import Lab

CLV = re.compile(r"CLV over (\d+) years: ¥([\d,]+)\. With no time limit: ¥([\d,]+)\.")
MULTIPLE = re.compile(r"Margin multiple r / \(1 \+ d − r\) = ([\d.]+)")
LARGE = re.compile(r"(\d+) of the (\d+) largest accounts by revenue lose money: ([C\d, ]+)\.")
CELL = re.compile(r"\b(develop|retain|cultivate|maintain|give up)\s+([\d,]+) \((\d+)%\)")


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def parse_clv(text: str) -> tuple[int, int, int, float] | None:
    """(years, CLV over the horizon, CLV with no limit, margin multiple) from the calculator, or None."""
    clv, multiple = CLV.search(text), MULTIPLE.search(text)
    if not (clv and multiple):
        return None
    return int(clv.group(1)), _int(clv.group(2)), _int(clv.group(3)), float(multiple.group(1))


def parse_large(text: str) -> tuple[int, int, tuple[str, ...]] | None:
    """(accounts losing money, of how many largest, their ids) from the whale widget, or None."""
    match = LARGE.search(text)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), tuple(s.strip() for s in match.group(3).split(","))


def parse_cells(text: str) -> dict[str, int] | None:
    """Customers per cell from the portfolio widget's table, or None when the table is not there."""
    cells = {name: _int(count) for name, count, _ in CELL.findall(text)}
    return cells if len(cells) == 5 else None


def test_parsers_read_the_widget_text() -> None:
    text = ("CLV over 10 years: ¥2,429. With no time limit: ¥2,533.\n"
            "Margin multiple r / (1 + d − r) = 2.67: each ¥1 of yearly margin is worth ¥2.67 today.")
    assert parse_clv(text) == (10, 2429, 2533, 2.67)
    assert parse_clv("nothing") is None
    assert parse_large("The top 20% ... 4 of the 10 largest accounts by revenue lose money: C002705, C000687.") == (
        4, 10, ("C002705", "C000687"))
    table = ("Cell\tCustomers\ndevelop\t145 (19%)\t¥1\nretain\t51 (7%)\ncultivate\t51 (7%)\nmaintain\t463 (59%)\n"
             "give up\t71 (9%)")
    assert parse_cells(table) == {"develop": 145, "retain": 51, "cultivate": 51, "maintain": 463, "give up": 71}
    assert parse_cells("develop 145 (19%)") is None


def test_customer_portfolio_runs_and_the_three_widgets_redraw(lab: Lab) -> None:
    nb = lab.open_notebook("03_customer_portfolio.ipynb")
    nb.run_all(timeout=300)
    assert nb.errors() == []
    assert nb.popups() == []

    # --- the CLV calculator: retention drives the margin multiple and the CLV
    nb.show_widget("widgets.clv_app", "Retention rate per year")
    calc, (years, clv, limit, multiple) = nb.find_widget(parse_clv, "the CLV calculator")
    retention = nb.slider("Retention rate per year")
    assert retention.readout == "80%" and multiple == 2.67 and years == 10, calc.text
    assert abs(limit - 950 * 0.8 / 0.3) <= 1 and clv < limit, calc.text
    nb.screenshot("customer_portfolio_clv_before")
    before = nb.widget_views()
    moved = nb.move_slider("Retention rate per year", +5)
    assert moved.value == pytest.approx(0.85)
    after, (_, clv2, limit2, multiple2) = nb.wait_for_widget_redraw(parse_clv, before, lambda v: v[3] == 3.4)
    assert abs(limit2 - 950 * 0.85 / 0.25) <= 1 and clv2 > clv
    assert after.digests != calc.digests, "the CLV chart did not change when the retention slider moved"
    nb.screenshot("customer_portfolio_clv_after")

    # --- the whale curve: a dearer account-manager hour sinks one more large account
    nb.show_widget("widgets.whale_app", "Account-manager hour")
    whale, (losing, top, names) = nb.find_widget(parse_large, "the whale widget")
    assert (losing, top) == (4, 10) and set(names) == {"C002705", "C000687", "C002076", "C002768"}, whale.text
    hour = nb.slider("Account-manager hour")
    assert hour.value == pytest.approx(350)
    nb.screenshot("customer_portfolio_whale_before")
    before = nb.widget_views()
    moved = nb.move_slider("Account-manager hour", +5)  # 5 steps of ¥10
    assert moved.value == pytest.approx(400)
    after, (losing2, _, names2) = nb.wait_for_widget_redraw(parse_large, before, lambda v: v[0] != losing)
    assert losing2 == 5 and "C005381" in names2, after.text  # the demanding account that only just broke even
    assert after.digests != whale.digests, "the whale chart did not change when the rate moved"
    nb.screenshot("customer_portfolio_whale_after")

    # --- the portfolio matrix: a lower bar for "high current value" moves accounts into develop and retain
    nb.show_widget("widgets.portfolio_app", "High current value")
    matrix, cells = nb.find_widget(parse_cells, "the portfolio matrix")
    total = sum(cells.values())
    top = nb.slider("High current value")
    assert top.readout == "25%" and total == 781, matrix.text
    assert abs(cells["develop"] + cells["retain"] - 0.25 * total) <= 1, cells
    nb.screenshot("customer_portfolio_matrix_before")
    before = nb.widget_views()
    moved = nb.move_slider("High current value", +1)
    assert moved.value == pytest.approx(0.30)
    after, cells2 = nb.wait_for_widget_redraw(parse_cells, before, lambda v: abs(v["develop"] + v["retain"] - 0.30 * total) <= 1)
    assert cells2["develop"] + cells2["retain"] > cells["develop"] + cells["retain"]
    assert sum(cells2.values()) == total
    assert after.digests != matrix.digests, "the matrix chart did not change when the threshold moved"
    nb.screenshot("customer_portfolio_matrix_after")
    assert nb.errors() == []
    nb.close()


def test_customer_portfolio_exercises_run_clean(lab: Lab) -> None:
    nb = lab.open_notebook("exercises/03_customer_portfolio.ipynb")
    nb.run_all(timeout=180)
    assert nb.errors() == []
    outputs = "\n".join(nb.outputs())
    assert outputs.count("Not attempted") >= 12  # every check() before an answer says so
    nb.screenshot("customer_portfolio_exercises")
    nb.close()
