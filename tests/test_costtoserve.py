"""crmlib.costtoserve: activity-based costing, customer profit, the whale curve."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import costtoserve as cts

USAGE = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c"],
                      "activity": ["call", "visit", "call", "call", "repair"],
                      "quantity": [10.0, 1.0, 2.0, 3.0, 1.0]})
RATES = {"call": 2.5, "visit": 45.0, "repair": 380.0}


def test_activity_units_and_cost_to_serve() -> None:
    units = cts.activity_units(USAGE)
    assert units.loc["b", "call"] == 5.0  # two rows added
    assert units.loc["a"].to_dict() == {"call": 10.0, "repair": 0.0, "visit": 1.0}
    cost = cts.cost_to_serve(units, RATES)
    assert cost.to_dict() == pytest.approx({"a": 70.0, "b": 12.5, "c": 380.0})
    fixed = cts.activity_units(USAGE, customers=["c", "z"], activities=["call", "visit", "repair", "paper_bill"])
    assert fixed.index.tolist() == ["c", "z"] and fixed.columns.tolist() == ["call", "visit", "repair", "paper_bill"]
    assert fixed.loc["z"].sum() == 0.0


def test_driver_rates_from_the_operators_table() -> None:
    from crmlib import datasets

    rates = cts.driver_rates(datasets.load("telecom", "activity_costs"))
    assert rates["account_manager_hour"] == 350.0 and rates["customised_contract"] == 6000.0 and len(rates) == 8


def test_abc_profit_and_the_whale_curve_by_hand() -> None:
    accounts = pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "revenue_cny": [500.0, 100.0, 400.0, 50.0],
                             "network_cost_cny": [100.0, 20.0, 100.0, 0.0]})
    table = cts.abc_profit(accounts, cts.activity_units(USAGE), RATES)
    assert table.index.tolist() == ["a", "b", "c", "d"]  # the accounts' order
    assert table["profit"].tolist() == pytest.approx([330.0, 67.5, -80.0, 50.0])
    assert table.loc["c", "cost_to_serve"] == 380.0 and table.loc["d", "cost_to_serve"] == 0.0
    curve = cts.whale_curve(table["profit"])
    total = 330 + 67.5 + 50 - 80
    assert curve["profit_share"].tolist() == pytest.approx([0, 330 / total, 397.5 / total, 447.5 / total, 1.0])
    s = cts.whale_summary(table["profit"], top=0.25)
    assert s.peak_share == pytest.approx(447.5 / total) and s.peak_customers == 3
    assert s.top_share_profit == pytest.approx(330 / total) and s.loss_makers == 1 and s.loss == -80.0
    big = cts.largest_unprofitable(table, top=3)
    assert big.index.tolist() == ["c"]  # the second-largest account by revenue loses money
    assert cts.largest_unprofitable(table, top=1).empty
    both = cts.largest_unprofitable(table.assign(profit=[-1.0, -2.0, -3.0, -4.0]), top=3)
    assert both.index.tolist() == ["a", "c", "b"]  # largest revenue first
    thin = cts.whale_curve(np.linspace(-1, 3, 10_001), points=50)
    assert len(thin) <= 52 and thin["profit_share"].max() == pytest.approx(cts.whale_summary(np.linspace(-1, 3, 10_001)).peak_share)


def test_abc_profit_keeps_other_columns_and_reprice_redoes_only_the_costing() -> None:
    accounts = pd.DataFrame({"customer_id": ["a", "b"], "revenue_cny": [500.0, 100.0],
                             "network_cost_cny": [100.0, 20.0], "segment": ["sme", "enterprise"],
                             "margin": [-1.0, -1.0]})  # a stale margin column is recomputed
    table = cts.abc_profit(accounts, cts.activity_units(USAGE), RATES)
    assert table["segment"].tolist() == ["sme", "enterprise"] and table["margin"].tolist() == [400.0, 80.0]
    units = cts.activity_units(USAGE).reindex(table.index, fill_value=0.0)
    cheaper = cts.reprice(table, units, {**RATES, "call": 0.0, "visit": 5.0})
    assert cheaper["cost_to_serve"].tolist() == [5.0, 0.0] and cheaper["profit"].tolist() == [395.0, 80.0]
    assert table["profit"].tolist() == [330.0, 67.5]  # the original is left alone
    with pytest.raises(ValueError, match="same customers as the table, in the same order"):
        cts.reprice(table, units.iloc[::-1], RATES)


@pytest.mark.parametrize("call, error, text", [
    (lambda: cts.cost_to_serve(cts.activity_units(USAGE), {"call": 2.5}), KeyError,
     "no rate for activity 'repair'; rates are given for: call"),
    (lambda: cts.cost_to_serve(cts.activity_units(USAGE), {**RATES, "call": -1.0}), ValueError, "call=-1"),
    (lambda: cts.activity_units(USAGE.rename(columns={"quantity": "units"})), KeyError,
     "column 'quantity' \\(quantity=\\) not found in usage; the table has: customer_id, activity, units"),
    (lambda: cts.activity_units(USAGE.assign(quantity=-1.0)), ValueError, "must not be negative"),
    (lambda: cts.activity_units(USAGE, activities=["call"]), ValueError, "activities not in activities: repair, visit"),
    (lambda: cts.whale_curve([-5.0, 1.0]), ValueError, "the profits add up to -4"),
    (lambda: cts.abc_profit(pd.DataFrame({"customer_id": ["a", "a"], "revenue_cny": [1.0, 2.0],
                                          "network_cost_cny": [0.0, 0.0]}), cts.activity_units(USAGE), RATES),
     ValueError, "repeats 1 customer"),
    (lambda: cts.whale_summary([1.0, 2.0], top=20), ValueError, "top must be a share"),
])
def test_bad_input(call, error, text) -> None:
    with pytest.raises(error, match=text):
        call()


def test_volume_is_not_profit_on_the_operators_data() -> None:
    """The data card's planted effect: after ABC the whale curve peaks at 179.5 % at customer 2,823 of
    3,103, the top 20 % give 155 %, 9.0 % lose money, and 4 of the 10 largest accounts lose money."""
    from crmlib import datasets

    bills = datasets.load("telecom", "billing")
    bills = bills[bills["month"].dt.year == 2025]
    accounts = bills.groupby("customer_id", as_index=False)[["revenue_cny", "network_cost_cny"]].sum()
    usage = datasets.load("telecom", "cost_to_serve")
    units = cts.activity_units(usage[usage["year"] == 2025], customers=accounts["customer_id"])
    table = cts.abc_profit(accounts, units, cts.driver_rates(datasets.load("telecom", "activity_costs")))
    s = cts.whale_summary(table["profit"])
    assert s.customers == 3103 and s.peak_customers == 2823
    assert s.peak_share == pytest.approx(1.795, abs=0.0005)
    assert s.top_share_profit == pytest.approx(1.55, abs=0.005)
    assert s.loss_maker_share == pytest.approx(0.090, abs=0.0005)
    assert table["margin"].sum() == pytest.approx(15.27e6, rel=1e-3) and s.total_profit == pytest.approx(5.45e6, rel=1e-3)
    losing = cts.largest_unprofitable(table, top=10)
    assert sorted(losing.index) == ["C000687", "C002076", "C002705", "C002768"]
    assert (losing["margin"] > 0).all()  # each covers its network cost, then the cost to serve sinks it
