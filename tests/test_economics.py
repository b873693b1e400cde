"""crmlib.economics: retention arithmetic, replace-vs-keep costs, word of mouth, margin per customer.

Numbers are checked against hand calculations and the seeds' figures (5× acquisition vs retention,
8 potential sales vs 25 people swayed, 20–50 % yearly turnover); bad input gets one clear error.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from crmlib import economics as eco


# ------------------------------------------------------------------ survivors / lifetime (kept)
def test_survivors_and_average_lifetime_still_work() -> None:
    assert eco.survivors(1000, 0.8, 2).tolist() == pytest.approx([1000, 800, 640])
    assert eco.average_lifetime(0.8) == pytest.approx(5.0)


def test_turnover_range_of_the_seeds_halves_or_worse_within_three_years() -> None:
    # 20 % to 50 % of customers change each year (seed 004): with no new customers, after 3 years
    low, high = eco.survivors(1000, 0.8, 3)[-1], eco.survivors(1000, 0.5, 3)[-1]
    assert (low, high) == pytest.approx((512.0, 125.0))


# ------------------------------------------------------------------ retention economics
def test_retention_economics_matches_hand_calculation() -> None:
    e = eco.retention_economics(10_000, 0.25, acquisition_cost=300, retention_cost=60)
    assert e.customers_lost == 2500
    assert e.replacement_cost == 750_000
    assert e.keeping_cost == 150_000
    assert e.saving == 600_000
    assert e.cost_ratio == 5.0  # the Harvard Business Review figure quoted in seeds 000 and 002


def test_operator_example_numbers() -> None:
    # Skyline's individual postpaid customers (lesson 01): 1,829 on 1 Jan 2025, 375 left during the year,
    # mean acquisition cost CNY 282, retention offer CNY 90 per accepted offer (campaign CP01).
    e = eco.retention_economics(1829, 375 / 1829, 282, 90)
    assert e.customers_lost == pytest.approx(375)
    assert e.replacement_cost == pytest.approx(105_750)
    assert e.keeping_cost == pytest.approx(33_750)
    assert e.cost_ratio == pytest.approx(3.1333, abs=1e-4)


def test_costs_multiply_the_whole_number_of_customers_shown() -> None:
    # Lesson 01 rounds Skyline's churn to 20.5 %: 1,829 × 0.205 = 374.945 customers. The lesson prints
    # "375 customers lost", so every cost must be 375 × the unit cost, never 374.945 × it.
    e = eco.retention_economics(1829, 0.205, 282, 90)
    assert e.customers_lost == 375
    assert (e.replacement_cost, e.keeping_cost, e.saving) == (375 * 282, 375 * 90, 375 * 192)
    assert eco.retention_economics(10, 0.25, 1, 0).customers_lost == 3  # 2.5: halves go up
    curve = eco.cost_curve(1829, 282, 90, churn_rates=[0.205])
    assert curve.loc[0, ["customers_lost", "replacement_cost"]].tolist() == [375, 375 * 282]


def test_keeping_dearer_than_replacing_gives_negative_saving() -> None:
    e = eco.retention_economics(100, 0.1, acquisition_cost=50, retention_cost=80)
    assert e.saving == pytest.approx(-300)
    assert e.cost_ratio == pytest.approx(0.625)


def test_cost_ratio_when_keeping_is_free() -> None:
    assert eco.retention_economics(100, 0.1, 300, 0).cost_ratio == math.inf
    assert math.isnan(eco.retention_economics(100, 0.1, 0, 0).cost_ratio)


def test_zero_churn_costs_nothing() -> None:
    e = eco.retention_economics(5000, 0.0, 300, 60)
    assert (e.customers_lost, e.replacement_cost, e.keeping_cost) == (0, 0, 0)


@pytest.mark.parametrize(
    "kwargs, error, text",
    [
        (dict(churn_rate=25), ValueError, "churn_rate must be between 0.0 and 1.0"),
        (dict(churn_rate=-0.1), ValueError, "churn_rate must be between"),
        (dict(churn_rate="25%"), TypeError, "churn_rate must be a number"),
        (dict(customer_base=-5), ValueError, "customer_base must be a number of customers ≥ 0; got -5.0"),
        (dict(acquisition_cost=float("nan")), ValueError, "acquisition_cost must be an amount of money ≥ 0"),
        (dict(retention_cost=-1), ValueError, "retention_cost must be an amount of money ≥ 0 per customer; got -1.0"),
        (dict(retention_cost=True), TypeError, "retention_cost must be an amount"),
    ],
)
def test_retention_economics_rejects_bad_input(kwargs, error, text) -> None:
    args = dict(customer_base=1000, churn_rate=0.2, acquisition_cost=300, retention_cost=60) | kwargs
    with pytest.raises(error, match=text):
        eco.retention_economics(**args)


def test_cost_curve_is_linear_in_churn_and_matches_single_points() -> None:
    curve = eco.cost_curve(2000, acquisition_cost=250, retention_cost=50)
    assert len(curve) == 61 and curve["churn_rate"].iloc[[0, -1]].tolist() == pytest.approx([0.0, 0.6])
    row = curve.iloc[20]  # 20 % churn
    e = eco.retention_economics(2000, float(row["churn_rate"]), 250, 50)
    assert row["replacement_cost"] == pytest.approx(e.replacement_cost) == pytest.approx(100_000)
    assert row["keeping_cost"] == pytest.approx(20_000)
    assert row["saving"] == pytest.approx(80_000)
    assert np.allclose(np.diff(curve["replacement_cost"]), 250 * 2000 * 0.01)


def test_cost_curve_rejects_rates_outside_zero_to_one() -> None:
    with pytest.raises(ValueError, match="churn_rates must be a non-empty list of shares between 0 and 1"):
        eco.cost_curve(1000, 300, 60, churn_rates=[0.1, 20])
    with pytest.raises(ValueError, match="churn_rates"):
        eco.cost_curve(1000, 300, 60, churn_rates=[])


# ------------------------------------------------------------------ word of mouth
def test_word_of_mouth_uses_the_seed_figures() -> None:
    w = eco.word_of_mouth(satisfied=958, dissatisfied=114)  # Skyline's 2025 ticket surveys (lesson 01)
    assert w.potential_sales == 7664
    assert w.closed_sales == 958
    assert w.people_swayed == 2850
    assert w.satisfied_per_dissatisfied == pytest.approx(3.125)


def test_word_of_mouth_with_other_rates() -> None:
    w = eco.word_of_mouth(10, 2, leads_per_satisfied=5, sales_per_satisfied=2, reach_per_dissatisfied=10)
    assert (w.potential_sales, w.closed_sales, w.people_swayed) == (50, 20, 20)
    assert w.satisfied_per_dissatisfied == pytest.approx(2.0)


def test_word_of_mouth_rejects_impossible_rates() -> None:
    with pytest.raises(ValueError, match=r"sales_per_satisfied \(9.0\) cannot exceed leads_per_satisfied \(8.0\)"):
        eco.word_of_mouth(1, 1, sales_per_satisfied=9)
    with pytest.raises(ValueError, match="dissatisfied must be a number of customers ≥ 0; got -3.0"):
        eco.word_of_mouth(1, -3)


# ------------------------------------------------------------------ margin per customer
@pytest.fixture
def bills() -> pd.DataFrame:
    return pd.DataFrame({
        "cust": ["a", "a", "b", "b", "c"],
        "when": pd.to_datetime(["2024-12-01", "2025-01-01", "2025-01-01", "2025-06-01", "2025-03-01"]),
        "rev": [100.0, 120.0, 50.0, 60.0, 10.0],
        "net": [30.0, 40.0, 10.0, 20.0, 25.0],
    })


def test_customer_margin_sums_per_customer_in_a_year(bills) -> None:
    m = eco.customer_margin(bills, year=2025, customer="cust", revenue="rev", cost="net", date="when")
    assert m.columns.tolist() == ["cust", "rev", "net", "margin"]
    assert m["cust"].tolist() == ["a", "b", "c"]  # highest margin first
    assert m["margin"].tolist() == [80.0, 80.0, -15.0]
    assert m["rev"].tolist() == [120.0, 110.0, 10.0]


def test_customer_margin_over_all_rows(bills) -> None:
    m = eco.customer_margin(bills, customer="cust", revenue="rev", cost="net")
    assert dict(zip(m["cust"], m["margin"])) == {"a": 150.0, "b": 80.0, "c": -15.0}


def test_customer_margin_on_the_operator_data() -> None:
    from crmlib import datasets

    m = eco.customer_margin(datasets.load("telecom", "billing"), year=2025)
    assert len(m) == 3103  # contract customers billed in 2025
    assert m["margin"].sum() == pytest.approx(15_270_472.0, rel=1e-6)
    assert (m["margin"] < 0).sum() == 37


def test_customer_margin_errors_name_the_problem(bills) -> None:
    with pytest.raises(KeyError, match="column 'revenue_cny' \\(revenue=\\) not found in billing; the table has: cust, when, rev, net"):
        eco.customer_margin(bills, customer="cust", cost="net")
    with pytest.raises(ValueError, match="no rows in year 2023; the billing table covers: 2024, 2025"):
        eco.customer_margin(bills, year=2023, customer="cust", revenue="rev", cost="net", date="when")
    bad = bills.assign(net=[1.0, None, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="column 'net' has 1 missing value"):
        eco.customer_margin(bad, customer="cust", revenue="rev", cost="net")
    with pytest.raises(TypeError, match="column 'rev' must hold numbers"):
        eco.customer_margin(bills.assign(rev="x"), customer="cust", revenue="rev", cost="net")
    with pytest.raises(TypeError, match="billing must be a pandas DataFrame"):
        eco.customer_margin([1, 2])
