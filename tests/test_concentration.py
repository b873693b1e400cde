"""crmlib.concentration: Pareto and Lorenz curves, Gini, customers needed for a share of the value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import concentration as conc

MARGIN = [50, 20, 10, 8, 5, 3, 2, 1, 1, 0]  # adds up to 100


def test_pareto_curve_by_hand() -> None:
    curve = conc.pareto_curve(MARGIN)
    assert curve["customers"].tolist() == list(range(11))
    assert curve["value_share"].tolist()[:4] == pytest.approx([0.0, 0.5, 0.7, 0.8])
    assert curve["value_share"].iloc[-1] == pytest.approx(1.0)
    thin = conc.pareto_curve(np.arange(1001, dtype=float), points=11)
    assert len(thin) == 11 and thin["customers"].tolist()[0] == 0 and thin["customers"].tolist()[-1] == 1001


def test_lorenz_curve_and_gini() -> None:
    curve = conc.lorenz_curve(pd.DataFrame({"m": MARGIN}), "m")
    assert curve["value_share"].tolist()[:6] == pytest.approx([0.0, 0.0, 0.01, 0.02, 0.04, 0.07])
    # Gini = 1 − 2 × area under the Lorenz curve (trapezoids over the n customers)
    y = curve["value_share"].to_numpy()
    area = ((y[1:] + y[:-1]) / 2).sum() / len(MARGIN)
    assert conc.gini(MARGIN) == pytest.approx(1 - 2 * area)
    assert conc.gini(MARGIN) == pytest.approx(0.648)
    assert conc.gini([5, 5, 5]) == 0.0
    assert conc.gini([0, 0, 0, 0, 100]) == pytest.approx(0.8)  # (n − 1) / n when one customer has all


def test_customers_for_share_and_top_share() -> None:
    assert conc.customers_for_share(MARGIN, 0.8) == 3
    assert conc.customers_for_share(MARGIN, 0.81) == 4
    assert conc.customers_for_share(MARGIN, 1.0) == 9  # the last customer brings 0
    assert conc.top_share(MARGIN, 0.2) == pytest.approx(0.7)
    assert conc.top_share([10.0, -5.0, 5.0, 0.0, 0.0], 0.2) == pytest.approx(1.0)


@pytest.mark.parametrize("call, error, text", [
    (lambda: conc.gini([3.0, -1.0]), ValueError, "values must not be negative; 1 value"),
    (lambda: conc.gini([0.0, 0.0]), ValueError, "add up to 0"),
    (lambda: conc.customers_for_share(MARGIN, 80), ValueError, "share must be a share above 0"),
    (lambda: conc.pareto_curve([]), ValueError, "values is empty"),
    (lambda: conc.pareto_curve(["a", "b"]), TypeError, "values must hold numbers"),
    (lambda: conc.pareto_curve(pd.DataFrame({"m": [1.0]}), "margin"), KeyError,
     "column 'margin' \\(column=\\) not found in the table; the table has: m"),
    (lambda: conc.lorenz_curve(pd.DataFrame({"m": [1.0, np.nan]}), "m"), ValueError,
     "column 'm' has 1 missing or infinite value"),
    (lambda: conc.pareto_curve(MARGIN, points=1), ValueError, "points must be a whole number ≥ 2"),
])
def test_bad_input(call, error, text) -> None:
    with pytest.raises(error, match=text):
        call()


def test_the_operators_margin_is_concentrated_as_the_data_card_says() -> None:
    """Data card: in 2025 the top 20 % of the 3,103 billed contract customers give 88.5 % of gross margin."""
    from crmlib import datasets

    bills = datasets.load("telecom", "billing")
    bills = bills[bills["month"].dt.year == 2025]
    margin = (bills["revenue_cny"] - bills["network_cost_cny"]).groupby(bills["customer_id"]).sum()
    assert len(margin) == 3103
    assert conc.top_share(margin, 0.2) == pytest.approx(0.885, abs=0.0005)
    assert conc.customers_for_share(margin, 0.8) == 197
    assert conc.gini(margin.clip(lower=0)) == pytest.approx(0.840, abs=0.001)
