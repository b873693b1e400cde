"""crmlib.portfolio: the current × potential value matrix, Buttle's grid, strategies, strategically
significant customers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import portfolio as pf
from crmlib.i18n import set_language

TABLE = pd.DataFrame({
    "current_value": [900.0, 800.0, 50.0, 40.0, -30.0, 20.0, -5.0],
    "potential_value": [700.0, 10.0, 900.0, 5.0, 2.0, 1.0, 500.0],
    "profit": [300.0, 250.0, 10.0, 15.0, -10.0, 5.0, -2.0],
}, index=list("abcdefg"))


def test_value_matrix_places_each_customer() -> None:
    cells = pf.value_matrix(TABLE, current_threshold=100, potential_threshold=100)
    assert cells.to_dict() == {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give_up",
                               "f": "maintain", "g": "cultivate"}  # g: negative now, but high potential
    assert list(cells.cat.categories) == list(pf.VALUE_CELLS)
    # on the threshold counts as high
    assert pf.value_matrix(TABLE, current_threshold=800, potential_threshold=700)["b"] == "retain"
    # default thresholds are the medians (40 and 10)
    assert pf.value_matrix(TABLE).to_dict()["d"] == "retain"


def test_buttle_grid() -> None:
    cells = pf.buttle_grid(TABLE, potential_threshold=100)
    assert cells.to_dict() == {"a": "invest", "b": "nurture", "c": "invest", "d": "nurture", "e": "sack",
                               "f": "nurture", "g": "re_engineer"}
    stricter = pf.buttle_grid(TABLE, profit_threshold=20, potential_threshold=100)
    assert stricter["c"] == "re_engineer" and stricter["d"] == "sack"


def test_cell_summary_counts_and_sums_every_cell() -> None:
    set_language("en")
    cells = pf.value_matrix(TABLE, current_threshold=100, potential_threshold=100)
    s = pf.cell_summary(TABLE, cells, ["current_value", "profit"])
    assert s.index.tolist() == list(pf.VALUE_CELLS)
    assert s["customers"].tolist() == [1, 1, 2, 2, 1]
    assert s.loc["cultivate", "current_value"] == pytest.approx(45.0)
    assert s.loc["develop", "profit_share"] == pytest.approx(300 / 568)
    assert s["customer_share"].sum() == pytest.approx(1.0)
    assert s.loc["maintain", "strategy"].startswith("Serve them at the lowest cost")
    zh = pf.cell_summary(TABLE, cells, [], language="zh")
    assert "升级计划" in zh.loc["maintain", "strategy"]
    empty = pf.cell_summary(TABLE, pf.value_matrix(TABLE, current_threshold=1e9, potential_threshold=1e9), ["profit"])
    assert empty.loc["develop", "customers"] == 0 and empty.loc["develop", "profit"] == 0.0


def test_strategies_and_names_in_both_languages() -> None:
    for cell in pf.VALUE_CELLS + pf.BUTTLE_CELLS:
        assert pf.strategy(cell, "en") != pf.strategy(cell, "zh")
    assert [pf.cell_name(c, "zh") for c in pf.VALUE_CELLS] == ["发展型", "保留型", "培育型", "维持型", "放弃"]
    assert pf.cell_name("re_engineer", "en") == "re-engineer"
    with pytest.raises(ValueError, match="cell must be one of develop, retain"):
        pf.strategy("keep")


def test_threshold_for_share() -> None:
    values = np.arange(1, 101, dtype=float)
    assert pf.threshold_for_share(values, 0.25) == pytest.approx(75.25)
    assert (values >= pf.threshold_for_share(values, 0.25)).sum() == 25
    with pytest.raises(ValueError, match="share must be a share strictly between 0 and 1"):
        pf.threshold_for_share(values, 25)


def test_strategic_customers() -> None:
    t = TABLE.assign(ref=[False, True, False, False, False, False, False],
                     codev=[False, False, False, True, False, False, False],
                     capacity=[0.30, 0.05, 0.02, 0.40, 0.01, 0.01, 0.01])
    flags = pf.strategic_customers(t, clv="current_value", benchmark="ref", inspiration="codev",
                                   fixed_cost_share="capacity", clv_top=2 / 7, magnet_share=0.25)
    assert flags.index.tolist() == list("abcdefg")
    assert flags["high_clv"].tolist() == [True, True, False, False, False, False, False]
    assert flags["benchmark"].sum() == 1 and flags.loc["d", "inspiration"]
    assert flags["cost_magnet"].tolist() == [True, False, False, True, False, False, False]
    assert flags["kinds"].tolist() == [2, 2, 0, 2, 0, 0, 0]
    none = pf.strategic_customers(t, clv="current_value")
    assert none[["benchmark", "inspiration", "cost_magnet"]].to_numpy().sum() == 0


@pytest.mark.parametrize("call, error, text", [
    (lambda: pf.value_matrix(TABLE, current="clv"), KeyError, "column 'clv' \\(current=\\) not found in the table"),
    (lambda: pf.value_matrix(TABLE.assign(current_value="high")), TypeError, "column 'current_value' must hold numbers"),
    (lambda: pf.value_matrix(TABLE, current_threshold="median"), TypeError, "current_threshold must be a number"),
    (lambda: pf.buttle_grid(TABLE.assign(profit=np.nan)), ValueError, "column 'profit' has 7 missing"),
    (lambda: pf.cell_summary(TABLE, TABLE["profit"]), TypeError, "cells must be what value_matrix"),
    (lambda: pf.cell_summary(TABLE.iloc[:3], pf.value_matrix(TABLE)), ValueError, "one entry per row"),
    (lambda: pf.strategic_customers(TABLE, clv="current_value", benchmark="profit"), TypeError,
     "column 'profit' \\(benchmark\\) must hold True/False"),
    (lambda: pf.strategic_customers(TABLE, clv="current_value", fixed_cost_share="profit"), ValueError,
     "must not be negative"),
    (lambda: pf.strategic_customers(TABLE, clv="current_value", fixed_cost_share="potential_value"), ValueError,
     "must hold shares of the fixed cost"),
])
def test_bad_input(call, error, text) -> None:
    with pytest.raises(error, match=text):
        call()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_lesson_03_chart_draws_in_both_languages(language) -> None:
    """Each chart renders to PNG (a missing Chinese glyph would warn, and warnings are errors) and its
    title is in the chart's language and states a number."""
    import re

    from crmlib import clv, concentration, costtoserve, plots, rfm
    from crmlib.plots.base import figure_png

    profit = [500.0, 300.0, 100.0, 50.0, -200.0]
    cells = pf.value_matrix(TABLE, current_threshold=100, potential_threshold=100)
    grid = pf.buttle_grid(TABLE, potential_threshold=100)
    scores = pd.DataFrame({"R": [5, 5, 1, 2], "F": [5, 4, 1, 1], "monetary": [300.0, 200.0, 20.0, 30.0]})
    accounts = pd.DataFrame({"revenue_cny": [900.0, 800.0], "margin": [300.0, 250.0], "cost_to_serve": [100.0, 400.0],
                             "profit": [200.0, -150.0]}, index=["C1", "C2"])
    shares = pd.DataFrame([[1.0, 0.8, 0.7], [1.0, 0.85, None]], index=["2024Q1", "2024Q2"])
    figures = [
        plots.clv_chart(clv.clv_schedule(1200, 0.8, 0.1, horizon=10), limit=3200, language=language),
        plots.cohort_chart(shares, projection=[1.0, 0.82, 0.7], language=language),
        plots.pareto_chart(concentration.pareto_curve([50, 20, 10, 8, 5, 3, 2, 1, 1, 0]), language=language),
        plots.lorenz_chart(concentration.lorenz_curve([5, 3, 1, 0]), concentration.gini([5, 3, 1, 0]), language=language),
        plots.whale_chart(costtoserve.whale_curve(profit), costtoserve.whale_summary(profit), language=language),
        plots.largest_accounts_chart(accounts, language=language),
        plots.matrix_chart(TABLE, cells, x="current_value", y="potential_value", x_threshold=100, y_threshold=100,
                           summary=pf.cell_summary(TABLE, cells, ["current_value"]), language=language),
        plots.matrix_chart(TABLE, grid, x="profit", y="potential_value", x_threshold=0, y_threshold=100,
                           summary=pf.cell_summary(TABLE, grid, ["profit"]), kind="buttle", language=language),
        plots.rfm_chart(rfm.segment_summary(scores, rfm.rfm_segments(scores)), language=language),
    ]
    for fig in figures:
        assert figure_png(fig, dpi=50)[:4] == b"\x89PNG"
        title = fig.axes[0].get_title()
        assert re.search(r"\d", title), title
        assert bool(re.search(r"[\u4e00-\u9fff]", title)) == (language == "zh"), title
