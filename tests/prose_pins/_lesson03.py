"""Lesson 03's computations for its prose pins: the notebook's own steps, each done once (functools.cache).

The SQL is read from the lesson itself, so a pin checks the query the student runs.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pandas as pd

from crmlib import bgnbd, clv, costtoserve, datasets, portfolio, rfm, sbg
from tests.prose_numbers import REPO

NOTEBOOK = REPO / "notebooks" / "03_customer_portfolio.ipynb"


def lesson_sql(marker: str) -> str:
    """The SQL of the lesson's code cell that contains ``marker``."""
    for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and marker in source:
            return re.search(r'con\.sql\("""(.*?)"""\)', source, re.S).group(1)
    raise LookupError(f"no code cell of {NOTEBOOK.name} holds {marker!r}")


@cache
def db():
    return datasets.load("telecom")


@cache
def con():
    return datasets.connect()


@cache
def segments() -> pd.DataFrame:
    """§1.2: margin per year, retention rate and acquisition cost per segment; CLV and multiple."""
    frame = con().sql(lesson_sql("margin_per_year")).df().set_index("segment")
    frame["clv"] = clv.retention_clv(frame["margin_per_year"], frame["retention_rate"], 0.10).round()
    frame["multiple"] = clv.margin_multiple(frame["retention_rate"], 0.10)
    return frame


@cache
def full_year_margins() -> pd.Series:
    """§1.3: the 2025 margins of the contract customers billed all year (the calculator's base)."""
    return con().sql(lesson_sql("margins_2025 =")).df()["margin"]


@cache
def accounts() -> pd.DataFrame:
    """§2: revenue, network cost, data and margin of every contract customer billed in 2025."""
    bills = db().billing
    out = bills[bills["month"].dt.year == 2025].groupby("customer_id", as_index=False)[
        ["revenue_cny", "network_cost_cny", "data_gb"]].sum()
    out["margin"] = out["revenue_cny"] - out["network_cost_cny"]
    return out


@cache
def units() -> pd.DataFrame:
    usage = db().cost_to_serve[db().cost_to_serve["year"] == 2025]
    return costtoserve.activity_units(usage, customers=accounts()["customer_id"])


@cache
def rates() -> dict:
    return costtoserve.driver_rates(db().activity_costs)


@cache
def profit() -> pd.DataFrame:
    return costtoserve.abc_profit(accounts(), units(), rates())


def whale_at(**changes: float) -> costtoserve.WhaleSummary:
    """The whale summary with some driver rates changed (what the whale widget shows)."""
    table = costtoserve.reprice(profit(), units().reindex(profit().index, fill_value=0.0), {**rates(), **changes})
    return costtoserve.whale_summary(table["profit"])


def large_losers_at(**changes: float) -> int:
    table = costtoserve.reprice(profit(), units().reindex(profit().index, fill_value=0.0), {**rates(), **changes})
    return len(costtoserve.largest_unprofitable(table, top=10))


@cache
def business() -> pd.DataFrame:
    """§4: business accounts with current and potential value."""
    d = db()
    out = (profit().join(d.business_accounts.set_index("customer_id"), how="inner")
           .join(d.customers.set_index("customer_id")["segment"]))
    out["segment"] = out["segment"].astype(str)
    r = out["segment"].map(segments()["retention_rate"]).to_numpy()
    out["current_value"] = clv.current_value(out["profit"], r, 0.10)
    out["potential_value"] = clv.potential_value(out, wallet="wallet_size_cny_per_year", revenue="revenue_cny",
                                                 margin="margin", capture=0.25, retention_rate=r, discount_rate=0.10)
    return out


def value_cells(current_top: float = 0.25, potential_top: float = 0.25) -> pd.Series:
    b = business()
    return portfolio.value_matrix(b, current_threshold=portfolio.threshold_for_share(b, current_top, "current_value"),
                                  potential_threshold=portfolio.threshold_for_share(b, potential_top, "potential_value"))


def buttle_cells(potential_top: float = 0.25) -> pd.Series:
    b = business()
    return portfolio.buttle_grid(b, profit="profit", potential="potential_value", profit_threshold=0,
                                 potential_threshold=portfolio.threshold_for_share(b, potential_top, "potential_value"))


@cache
def rfm_segments() -> pd.Series:
    table = rfm.rfm_table(db().topups, customer="customer_id", date="topup_date", amount="amount_cny",
                          as_of="2025-12-31")
    return rfm.rfm_segments(rfm.rfm_scores(table))


@cache
def rfm_summary() -> pd.DataFrame:
    table = rfm.rfm_table(db().topups, customer="customer_id", date="topup_date", amount="amount_cny",
                          as_of="2025-12-31")
    return rfm.segment_summary(table, rfm_segments())


@cache
def cohorts() -> tuple[pd.DataFrame, pd.DataFrame]:
    d = db()
    people = d.customers.merge(d.churn_events[["customer_id", "churn_date"]], on="customer_id", how="left")
    new = people[(people["segment"] != "individual_prepaid") & (people["join_date"] >= "2023-01-01")]
    counts = clv.cohort_table(new, join="join_date", churn="churn_date", freq="Q", as_of="2025-12-31")
    shares = clv.cohort_table(new, freq="Q", as_of="2025-12-31", share=True)
    return counts, shares


@cache
def sbg_fit():
    counts, _ = cohorts()
    return sbg.fit_sbg(counts.loc[["2023Q1", "2023Q2", "2023Q3", "2023Q4"], list(range(9))].sum().to_numpy())


@cache
def sbg_clvs() -> tuple[float, float]:
    """§8.1: five-year CLV of an individual postpaid customer with the sBG curve and at its first quarter's rate."""
    quarter_margin = float(segments().loc["individual_postpaid", "margin_per_year"]) / 4
    discount = 1.10 ** 0.25 - 1
    curve = sbg_fit().survival(20)[1:]
    return (float(clv.finite_clv(quarter_margin, discount_rate=discount, survival=curve)),
            float(clv.finite_clv(quarter_margin, float(curve[0]), discount, horizon=20)))


@cache
def bgnbd_fits():
    history = bgnbd.rfm_summary(db().topups, customer_col="customer_id", date_col="topup_date",
                                amount_col="amount_cny", calibration_end="2025-06-30")
    history = history[history["T"] > 0]
    return history, bgnbd.fit_bgnbd(history), bgnbd.fit_gamma_gamma(history[history["frequency"] > 0])


@cache
def bgnbd_forecast() -> tuple[float, int]:
    history, buying, _ = bgnbd_fits()
    forecast = bgnbd.customer_predictions(buying, history, t=26)["expected_purchases"].sum()
    later = db().topups[db().topups["topup_date"] > "2025-06-30"]
    return float(forecast), int(later["customer_id"].isin(history.index).sum())
