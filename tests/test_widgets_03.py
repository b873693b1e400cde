"""Lesson 03's widgets in plain pytest: move a control, the numbers and the chart change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import widgets
from crmlib.i18n import set_language


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")


def _customers(n: int = 400, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    current = rng.lognormal(8, 1.5, n) * np.where(rng.random(n) < 0.1, -0.3, 1.0)
    return pd.DataFrame({"current_value": current, "potential_value": rng.lognormal(7, 2, n),
                         "profit": current * 0.3}, index=[f"C{i:04d}" for i in range(n)])


def test_portfolio_matrix_thresholds_move_customers_between_cells() -> None:
    table = _customers()
    app = widgets.portfolio_app(table, margin="profit", clv="current_value", current_top=0.25, potential_top=0.25)
    before = app.summary()
    assert before["customers"].sum() == 400
    assert before.loc["develop", "customers"] + before.loc["retain", "customers"] == 100  # the top quarter
    image, text = app.image.value, app.text.value
    assert "Develop" not in text and "develop" in text and "Invest the most" in text
    assert "¥" in text and "<table" in text
    app.current_top.value = 0.5
    after = app.summary()
    assert after.loc["develop", "customers"] + after.loc["retain", "customers"] == 200
    assert after.loc["maintain", "customers"] < before.loc["maintain", "customers"]
    assert app.text.value != text and app.image.value != image
    current, potential = app.thresholds()
    assert (table["current_value"] >= current).sum() == 200 and potential > 0


def test_portfolio_matrix_in_chinese() -> None:
    app = widgets.portfolio_app(_customers(), margin="profit", language="zh")
    assert "发展型" in app.text.value and "策略" in app.text.value
    assert app.current_top.description.startswith("高当前价值")


def test_clv_calculator_recomputes_clv_and_multiple() -> None:
    app = widgets.clv_app(margin=1200, retention_rate=0.8, discount_rate=0.10, horizon=10)
    n = app.numbers()
    assert n["multiple"] == pytest.approx(2.6667, abs=1e-4) and n["clv_limit"] == pytest.approx(3200.0)
    assert n["clv"] == pytest.approx(3067.53, abs=0.01)
    assert "¥3,068" in app.text.value and "¥3,200" in app.text.value and "2.67" in app.text.value
    image = app.image.value
    app.retention.value = 0.9
    assert app.numbers()["multiple"] == pytest.approx(4.5)
    assert "4.50" in app.text.value and app.image.value != image
    app.horizon.value = 30
    assert app.numbers()["clv"] == pytest.approx(1200 * sum((0.9 / 1.1) ** t for t in range(1, 31)))
    app.margin.value = 0.0
    assert app.numbers()["clv"] == 0.0


def test_clv_calculator_values_a_whole_base() -> None:
    margins = pd.Series([1000.0, 500.0, -100.0])
    app = widgets.clv_app(margins=margins, retention_rate=0.8, discount_rate=0.1, horizon=5)
    assert app.numbers()["base_limit"] == pytest.approx(1400 * 0.8 / 0.3)
    assert "3 customers" in app.text.value
    app.discount.value = 0.2
    assert app.numbers()["base_limit"] == pytest.approx(1400 * 0.8 / 0.4)


def _accounts() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    accounts = pd.DataFrame({"customer_id": ["big1", "big2", "mid", "small1", "small2"],
                             "revenue_cny": [10_000.0, 9_000.0, 3_000.0, 800.0, 600.0],
                             "network_cost_cny": [5_000.0, 4_000.0, 1_000.0, 200.0, 100.0]})
    units = pd.DataFrame({"account_manager_hour": [16.0, 2.0, 1.0, 0.0, 0.0],
                          "paper_bill": [0.0, 0.0, 12.0, 12.0, 12.0]},
                         index=pd.Index(["big1", "big2", "mid", "small1", "small2"], name="customer_id"))
    return accounts, units, {"account_manager_hour": 350.0, "paper_bill": 4.0}


def test_whale_app_rates_sink_the_demanding_large_account() -> None:
    accounts, units, rates = _accounts()
    app = widgets.whale_app(accounts, units, rates, top=2)
    assert app.sliders[0].description == "Account-manager hour (¥ per hour)"
    assert app.profit()["big1"] == pytest.approx(5_000 - 16 * 350)  # −600: the biggest account loses money
    assert app.largest_unprofitable().index.tolist() == ["big1"]
    assert "1 of the 2 largest accounts by revenue lose money: big1." in app.text.value
    image = app.image.value
    app.sliders[0].value = 200.0
    assert app.profit()["big1"] == pytest.approx(5_000 - 16 * 200)
    assert app.largest_unprofitable().empty
    assert "None of the 2 largest accounts" in app.text.value and app.image.value != image
    app.sliders[1].value = 12.0  # paper bills cost 3× as much
    assert app.profit()["small2"] == pytest.approx(500 - 144)


def test_whale_app_says_so_when_total_profit_is_negative() -> None:
    accounts, units, rates = _accounts()
    app = widgets.whale_app(accounts, units, rates, top=2)
    image = app.image.value
    app.sliders[0].value = app.sliders[0].max  # ¥1,050 an hour: the base as a whole loses money
    assert "lose money in total" in app.text.value
    assert app.image.value == image  # the last valid chart stays
