"""crmlib.clv: retention-based CLV, finite horizons, historical / current / potential value, cohort tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import clv, sbg


# ------------------------------------------------------------------------------ retention-based CLV
def test_margin_multiple_matches_the_recipe_and_gupta_lehmann() -> None:
    assert clv.margin_multiple(0.8, 0.10) == pytest.approx(2.6667, abs=1e-4)  # recipes.md: r=0.8, i=0.10 → 2.67
    assert clv.margin_multiple(0.9, 0.12) == pytest.approx(0.9 / 0.22)
    assert clv.margin_multiple(0.0, 0.10) == 0.0
    rates = np.array([0.5, 0.8, 0.95])
    np.testing.assert_allclose(clv.margin_multiple(rates, 0.1), rates / (1.1 - rates))


def test_retention_clv_is_the_sum_of_discounted_expected_margins() -> None:
    margin, r, d = 1200.0, 0.8, 0.10
    brute = sum(margin * r**t / (1 + d) ** t for t in range(1, 2000))
    assert clv.retention_clv(margin, r, d) == pytest.approx(brute, rel=1e-9)
    assert clv.retention_clv(margin, r, d) == pytest.approx(3200.0)
    series = pd.Series([100.0, -50.0, 0.0], index=["a", "b", "c"], name="m")
    result = clv.retention_clv(series, 0.75, 0.25)
    assert isinstance(result, pd.Series) and result.index.tolist() == ["a", "b", "c"]
    assert result.tolist() == pytest.approx([150.0, -75.0, 0.0])
    assert clv.current_value(1200, 0.8, 0.1) == pytest.approx(3200.0)


def test_finite_clv_by_hand_and_its_limit() -> None:
    # 3 years, r = 0.5, d = 0: 100·0.5 + 100·0.25 + 100·0.125
    assert clv.finite_clv(100, 0.5, 0.0, horizon=3) == pytest.approx(87.5)
    # 2 years, r = 0.8, d = 0.1: 1200·(0.8/1.1 + 0.64/1.21)
    assert clv.finite_clv(1200, 0.8, 0.1, horizon=2) == pytest.approx(1200 * (0.8 / 1.1 + 0.64 / 1.21))
    assert clv.finite_clv(1200, 0.8, 0.1, horizon=400) == pytest.approx(clv.retention_clv(1200, 0.8, 0.1), rel=1e-9)
    arr = clv.finite_clv(np.array([100.0, 200.0]), 0.5, 0.0, horizon=3)
    assert arr.tolist() == pytest.approx([87.5, 175.0])


def test_finite_clv_with_a_retention_curve_from_the_sbg_model() -> None:
    fit = sbg.fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])  # Fader & Hardie's "regular" cohort
    curve = fit.survival(10)[1:]
    value = clv.finite_clv(100.0, discount_rate=0.1, survival=curve)
    assert value == pytest.approx(sum(100 * s / 1.1**t for t, s in enumerate(curve, start=1)))
    # rising retention: the sBG curve keeps more customers late on than its first-year rate would
    constant = clv.finite_clv(100.0, float(curve[0]), 0.1, horizon=10)
    assert value > constant
    assert clv.finite_clv(100.0, discount_rate=0.1, survival=curve, horizon=3) == pytest.approx(
        sum(100 * s / 1.1**t for t, s in enumerate(curve[:3], start=1)))


def test_clv_schedule_adds_up_to_finite_clv() -> None:
    table = clv.clv_schedule(1200, 0.8, 0.1, horizon=10)
    assert table["period"].tolist() == list(range(1, 11))
    assert table["cumulative_value"].iloc[-1] == pytest.approx(clv.finite_clv(1200, 0.8, 0.1, horizon=10))
    assert table["cumulative_value"].iloc[-1] == pytest.approx(3067.53, abs=0.01)
    assert table["expected_margin"].iloc[1] == pytest.approx(1200 * 0.64)


@pytest.mark.parametrize("call, error, text", [
    (lambda: clv.margin_multiple(80, 0.1), ValueError, "retention_rate must be a share from 0 to 1"),
    (lambda: clv.margin_multiple(0.8, -0.1), ValueError, "discount_rate must be a number ≥ 0"),
    (lambda: clv.margin_multiple(1.0, 0.0), ValueError, "never stops growing"),
    (lambda: clv.margin_multiple("0.8", 0.1), TypeError, "retention_rate must be"),
    (lambda: clv.retention_clv([1.0, np.nan], 0.8, 0.1), ValueError, "margin has 1 missing or infinite value"),
    (lambda: clv.finite_clv(100, 0.8, 0.1), ValueError, "give horizon"),
    (lambda: clv.finite_clv(100, 0.8, 0.1, horizon=0), ValueError, "horizon must be a whole number"),
    (lambda: clv.finite_clv(100, 0.8, 0.1, survival=[0.9]), ValueError, "either retention_rate or survival"),
    (lambda: clv.finite_clv(100, discount_rate=0.1, survival=[0.8, 0.9]), ValueError, "never rise"),
    (lambda: clv.finite_clv(100, discount_rate=0.1, survival=[0.8, 0.7], horizon=5), ValueError, "horizon is 5"),
])
def test_bad_input_gets_one_clear_error(call, error, text) -> None:
    with pytest.raises(error, match=text):
        call()


# ------------------------------------------------------------------------------ historical, potential
def test_historical_value_carries_past_margins_forward() -> None:
    rows = pd.DataFrame({
        "cid": ["a", "a", "a", "b"],
        "when": pd.to_datetime(["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]),
        "m": [100.0, 100.0, 100.0, 999.0],
    })
    value = clv.historical_value(rows, customer="cid", date="when", margin="m", as_of="2025-01-01", discount_rate=0.1)
    assert value.to_dict() == pytest.approx({"a": 100 * 1.21 + 100 * 1.1 + 100})  # b's row is after as_of
    zero = clv.historical_value(rows, customer="cid", date="when", margin="m", discount_rate=0.0)
    assert zero.to_dict() == pytest.approx({"a": 300.0, "b": 999.0})
    with pytest.raises(KeyError, match="column 'margin' \\(margin=\\) not found in margins; the table has: cid, when, m"):
        clv.historical_value(rows, customer="cid", date="when")
    with pytest.raises(TypeError, match="column 'm' must hold dates"):
        clv.historical_value(rows, customer="cid", date="m", margin="m")


def test_potential_value_is_the_clv_of_the_wallet_not_yet_won() -> None:
    t = pd.DataFrame({"wallet": [10_000.0, 500.0, 2_000.0], "revenue": [2_000.0, 800.0, 0.0],
                      "margin": [1_000.0, 400.0, 0.0]}, index=["x", "y", "z"])
    value = clv.potential_value(t, wallet="wallet", revenue="revenue", margin="margin", capture=0.25,
                                retention_rate=0.8, discount_rate=0.1)
    # x: 25 % of the ¥8,000 not yet won, at x's 50 % margin rate, times the 2.67 multiple
    assert value["x"] == pytest.approx(0.25 * 8_000 * 0.5 * 0.8 / 0.3)
    assert value["y"] == 0.0  # already buys more than the wallet estimate
    assert value["z"] == pytest.approx(0.25 * 2_000 * (1400 / 2800) * 0.8 / 0.3)  # no revenue: overall margin rate
    with pytest.raises(ValueError, match="capture must be a share from 0 to 1"):
        clv.potential_value(t, wallet="wallet", revenue="revenue", margin="margin", capture=25)
    with pytest.raises(ValueError, match="column 'wallet' must not be negative"):
        clv.potential_value(t.assign(wallet=-1.0), wallet="wallet", revenue="revenue", margin="margin")


# ------------------------------------------------------------------------------------- cohort tables
def _customers() -> pd.DataFrame:
    return pd.DataFrame({
        "joined": pd.to_datetime(["2024-01-01", "2024-01-20", "2024-02-10", "2024-03-31", "2024-04-01", "2024-05-15"]),
        "left": pd.to_datetime(["2024-02-01", None, "2024-09-01", "2024-07-01", None, "2024-05-15"]),
    })


def test_cohort_table_counts_survivors_by_tenure_and_leaves_the_future_empty() -> None:
    table = clv.cohort_table(_customers(), join="joined", churn="left", freq="Q", as_of="2024-12-31")
    assert table.index.tolist() == ["2024Q1", "2024Q2"]
    # Q1 joiners a, b, c, d stayed 31 days, for ever, 204 days and 92 days; a quarter is 91.3 days
    q1 = table.loc["2024Q1"]
    assert q1[0] == 4
    assert q1[1] == 3  # a left after 31 days; d left on day 92, just after the first quarter
    assert q1[2] == 2  # b and c (c leaves on day 204, after 2 quarters = 182.6 days)
    assert q1[3] == 1  # b
    assert 4 not in table.columns  # 2024-03-31 + 4 quarters is after as_of: nobody is watched that long
    q2 = table.loc["2024Q2"]
    assert q2[0] == 2 and q2[1] == 1 and q2[2] == 1  # f left the day it joined
    assert np.isnan(q2[3])
    shares = clv.cohort_table(_customers(), join="joined", churn="left", as_of="2024-12-31", share=True)
    assert shares.loc["2024Q1", 1] == pytest.approx(0.75)


def test_cohort_table_on_yearly_and_monthly_periods() -> None:
    years = clv.cohort_table(_customers(), join="joined", churn="left", freq="Y", as_of="2025-12-31")
    assert years.loc["2024"].tolist()[:2] == [6, 2]  # b and e never left
    months = clv.cohort_table(_customers(), join="joined", churn="left", freq="M", as_of="2024-06-30")
    assert months.loc["2024-01"].tolist()[:3] == [2, 2, 1]  # a leaves on day 31, after one month (30.4 days)


def test_cohort_table_bad_input() -> None:
    c = _customers()
    with pytest.raises(KeyError, match="column 'join_date' \\(join=\\) not found in customers; did you mean 'joined'\\? the table has: joined, left"):
        clv.cohort_table(c)
    with pytest.raises(ValueError, match="freq must be one of"):
        clv.cohort_table(c, join="joined", churn="left", freq="W")
    with pytest.raises(ValueError, match="is before column 'joined' in 1 row"):
        clv.cohort_table(c.assign(left=pd.to_datetime(["2023-01-01", None, None, None, None, None])),
                         join="joined", churn="left")
    with pytest.raises(TypeError, match="column 'joined' must hold dates"):
        clv.cohort_table(c.assign(joined="2024"), join="joined", churn="left")


def test_cohort_table_on_the_operators_new_contract_customers() -> None:
    from crmlib import datasets

    customers = datasets.load("telecom", "customers")
    churn = datasets.load("telecom", "churn_events")
    c = customers[(customers.segment != "individual_prepaid") & (customers.join_date >= "2023-01-01")]
    c = c.merge(churn[["customer_id", "churn_date"]], how="left")
    table = clv.cohort_table(c, as_of="2025-12-31")
    assert table.loc["2023Q1"].tolist() == [162, 148, 137, 119, 111, 102, 87, 82, 76, 72, 70, 64]
    assert table.shape == (12, 12) and int(table[0].sum()) == len(c) == 1796
    assert table.loc["2025Q4"].notna().sum() == 1
