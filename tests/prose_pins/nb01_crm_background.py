"""Prose numbers of notebooks/01_crm_background.ipynb (see tests/prose_numbers.py).

Each pin recomputes its numbers the way the lesson's code cells do, from crmlib and the kit's telecom data.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from crmlib import concentration, crmsystem, datasets, economics, pyramid

STUDY = "course notes S0 (Harvard Business Review study quoted in the course notes); also course notes S2"


@cache
def _db():
    return datasets.load("telecom")


@cache
def _churn_2025() -> pd.DataFrame:
    """Lesson 01's churn query in pandas: contract customers on 1 January 2025, and those of them who left in 2025."""
    db = _db()
    c, ch = db.customers, db.churn_events
    gone_before = set(ch.loc[ch["churn_date"] < "2025-01-01", "customer_id"])
    left_2025 = set(ch.loc[ch["churn_date"].dt.year == 2025, "customer_id"])
    base = c[(c["segment"] != "individual_prepaid") & (c["join_date"] < "2025-01-01")
             & ~c["customer_id"].isin(gone_before)]
    out = base.groupby("segment", observed=True).agg(
        on_1_jan=("customer_id", "size"), left=("customer_id", lambda s: s.isin(left_2025).sum()))
    out["rate"] = out["left"] / out["on_1_jan"]
    return out


def _rate(segment: str) -> float:
    return 100 * _churn_2025().loc[segment, "rate"]


@cache
def _inputs() -> tuple[int, float, int, int]:
    """Base, churn rate (rounded to 0.1 point), acquisition and retention cost (whole yuan), as cell 22 rounds them."""
    db = _db()
    row = _churn_2025().loc["individual_postpaid"]
    base = int(row["on_1_jan"])
    rate = round(float(row["left"] / base), 3)
    c = db.customers
    acquisition = round(float(c.loc[c["segment"] == "individual_postpaid", "acquisition_cost_cny"].mean()))
    k = db.campaigns
    retention = round(float(k.loc[k["campaign_type"] == "retention", "offer_cost_cny"].iloc[0]))
    return base, rate, acquisition, retention


def _skyline(churn: float | None = None, retention: float | None = None) -> economics.RetentionEconomics:
    base, rate, acquisition, kept = _inputs()
    return economics.retention_economics(base, rate if churn is None else churn, acquisition,
                                         kept if retention is None else retention)


@cache
def _margins() -> pd.DataFrame:
    return economics.customer_margin(_db().billing, year=2025)


def _tiers(cutoffs=(0.05, 0.20, 0.80)) -> pd.DataFrame:
    return pyramid.pyramid_table(_margins(), cutoffs=cutoffs, column="margin")


@cache
def _segments() -> tuple[pd.Series, pd.Series]:
    """Customers billed in 2025 per segment, and those of them in the top 20 % by margin."""
    m = _margins().merge(_db().customers, on="customer_id")
    top = _margins().head(round(0.2 * len(_margins()))).merge(_db().customers, on="customer_id")
    return m["segment"].value_counts(), top["segment"].value_counts()


def _kinds() -> pd.DataFrame:
    return crmsystem.kinds_by_subsystem(_db())


def _repairs() -> pd.DataFrame:
    t = _db().tickets
    r = t[(t["ticket_type"] == "repair") & (t["opened_date"].dt.year == 2025)]
    return r.groupby("channel", observed=True).agg(minutes=("handling_minutes", "mean"),
                                                   satisfaction=("satisfaction", "mean"))


def _pipeline() -> pd.DataFrame:
    o = _db().opportunities
    o = o[o["stage"].isin(["prospecting", "proposal", "negotiation"])]
    return o.groupby("stage", observed=True).agg(n=("stage", "size"), value=("expected_value_cny_per_year", "sum"))


def _discounts() -> pd.Series:
    a = _db().business_accounts
    return a.groupby("industry", observed=True)["negotiated_discount_pct"].mean()


def _discount_by_segment() -> pd.Series:
    a = _db().business_accounts
    other = a[a["industry"] != "public_administration"].merge(_db().customers, on="customer_id")
    return other.groupby("segment", observed=True)["negotiated_discount_pct"].mean()


PINS = {
    # 4.3: the tables by kind and subsystem
    "Operational tables are the most numerous (11 of the 19)": lambda: (
        _kinds()["operational"].sum(), _kinds().to_numpy().sum()),
    "in the database subsystem (5 of 6)": lambda: (_kinds().loc["database", "analytical"], _kinds()["analytical"].sum()),
    "holds the most open opportunities (22)": lambda: _pipeline()["n"].max(),
    "the\nmost expected value (CNY 368,200 a year)": lambda: _pipeline()["value"].max(),
    "about CNY 20,000 a year\neach against about CNY 16,000 at proposal": lambda: (
        round(_pipeline().loc["prospecting", "value"] / _pipeline().loc["prospecting", "n"], -3),
        round(_pipeline().loc["proposal", "value"] / _pipeline().loc["proposal", "n"], -3)),
    # churn in 2025
    "20.5% of the individual postpaid customers left\nin 2025, 15.2% of the SMEs, 3.3% of the enterprises and 1.8% of the government bodies":
        lambda: (_rate("individual_postpaid"), _rate("sme"), _rate("enterprise"), _rate("government")),
    "(16 minutes\nagainst 108)": lambda: (round(_repairs().loc["phone", "minutes"]), round(_repairs().loc["field_visit", "minutes"])),
    "(3.71 by phone and 3.69 in the app, against 3.73)": lambda: tuple(
        _repairs().loc[["phone", "app", "field_visit"], "satisfaction"]),
    # 5.1 on Skyline's data
    "(282 against 90 yuan, 3.1×)": lambda: (_inputs()[2], _inputs()[3], _skyline().cost_ratio),
    "Skyline's contract churn in\n2025, 18.4%": lambda: 100 * _churn_2025()["left"].sum() / _churn_2025()["on_1_jan"].sum(),
    "its individual postpaid customers, at 20.5%": lambda: 100 * _inputs()[1],
    "than the CNY 90 per accepted offer": lambda: _inputs()[3],
    "375 of 1,829 customers lost,\nCNY 105,750 to replace them, CNY 33,750 to keep them": lambda: (
        _skyline().customers_lost, _inputs()[0], _skyline().replacement_cost, _skyline().keeping_cost),
    "Move the **churn rate** to 50%: 915 customers are lost, replacing them costs CNY 258,030 and keeping them\n  CNY 82,350":
        lambda: (50, _skyline(0.5).customers_lost, _skyline(0.5).replacement_cost, _skyline(0.5).keeping_cost),
    "CNY 192 (282 − 90)": lambda: (_inputs()[2] - _inputs()[3], _inputs()[2], _inputs()[3]),
    "the acquisition cost, CNY 282: the saving falls to zero": lambda: (
        _inputs()[2] if _skyline(retention=_inputs()[2]).saving == 0 else float("nan")),
    # 5.2: all turnover as loss, no newcomers
    "just over half of the base (512 of 1,000) is left after 3 years; at the high end, only 125": lambda: (
        round(economics.survivors(1000, 0.8, 3)[-1]), 1000, 3, round(economics.survivors(1000, 0.5, 3)[-1])),
    # 5.3 the 20 % key customers
    "its top 20% bring 88.5%": lambda: (20, 100 * concentration.top_share(_margins(), 0.2, column="margin")),
    "the top 20% of contract customers bring 88.5%": lambda: (20, 100 * concentration.top_share(_margins(), 0.2, column="margin")),
    "all 60 government accounts billed in 2025, 103 of the 106 enterprises": lambda: (
        _segments()[1]["government"] if _segments()[1]["government"] == _segments()[0]["government"] else -1,
        _segments()[1]["enterprise"], _segments()[0]["enterprise"]),
    "(416 of the 615 billed in 2025; Skyline has 806 SME customers": lambda: (
        _segments()[1]["sme"], _segments()[0]["sme"], (_db().customers["segment"] == "sme").sum()),
    "Only 42 of the 2,322 consumers": lambda: (_segments()[1]["individual_postpaid"], _segments()[0]["individual_postpaid"]),
    # 6.2 the pyramid
    "the 155 platinum customers, 5% of those billed, bring 76% of the margin,\nabout CNY 75,000 each": lambda: (
        _tiers().loc["platinum", "customers"], 100 * _tiers().loc["platinum", "customer_share"],
        100 * _tiers().loc["platinum", "value_share"], round(_tiers().loc["platinum", "value_per_customer"], -3)),
    "the 621 lead customers at the bottom bring 0.4% of it, about CNY 100 each": lambda: (
        _tiers().loc["lead", "customers"], 100 * _tiers().loc["lead", "value_share"],
        round(_tiers().loc["lead", "value_per_customer"], -1)),
    "Make platinum the top 1%: those 31 customers alone bring 29% of the margin, and gold, now the next 19%,\n  brings 59%":
        lambda: (1, _tiers((0.01, 0.2, 0.8)).loc["platinum", "customers"],
                 100 * _tiers((0.01, 0.2, 0.8)).loc["platinum", "value_share"], 19,
                 100 * _tiers((0.01, 0.2, 0.8)).loc["gold", "value_share"]),
    "back at 80% and move it to 50%, so that lead is the bottom half: the 1,551 customers of\n  that half add only 4%":
        lambda: (80, 50, _tiers((0.05, 0.2, 0.5)).loc["lead", "customers"],
                 100 * _tiers((0.05, 0.2, 0.5)).loc["lead", "value_share"]),
    "and bring its 88.5%": lambda: 100 * _tiers().loc[["platinum", "gold"], "value_share"].sum(),
    "the table's rounded shares, 0.764 and\n0.120, add to 0.884": lambda: (
        _tiers().loc["platinum", "value_share"], _tiers().loc["gold", "value_share"],
        _tiers().loc["platinum", "value_share"].round(3) + _tiers().loc["gold", "value_share"].round(3)),
    # 6.3 discounts
    "public administration gets about 21% off, three times the 6–7% of the others": lambda: (
        _discounts()["public_administration"], _discounts().drop("public_administration").min(),
        _discounts().drop("public_administration").max()),
    "Those\n62 accounts": lambda: (_db().business_accounts["industry"] == "public_administration").sum(),
    "(about 5% on average), with a few enterprises (about 18%)": lambda: (
        _discount_by_segment()["sme"], _discount_by_segment()["enterprise"]),
    # check your understanding 2
    "(1,500 lost: 600,000 vs 150,000.)": lambda: (
        economics.retention_economics(5000, 0.3, 400, 100).customers_lost,
        economics.retention_economics(5000, 0.3, 400, 100).replacement_cost,
        economics.retention_economics(5000, 0.3, 400, 100).keeping_cost),
    # word of mouth: the kit's constants are the study's figures
    "one satisfied customer brings about\n**8 potential sales**": lambda: economics.LEADS_PER_SATISFIED,
    "sways about\n**25 people**": lambda: economics.REACH_PER_DISSATISFIED,
    "worth\nabout 8 chances of a sale": lambda: economics.LEADS_PER_SATISFIED,
    "puts about 25 people": lambda: economics.REACH_PER_DISSATISFIED,
    "about 8 potential sales (at least 1 closes); a dissatisfied one sways\n  about 25 people": lambda: (
        economics.LEADS_PER_SATISFIED, economics.SALES_PER_SATISFIED, economics.REACH_PER_DISSATISFIED),
}

SOURCED = {
    "the share of margin the\n   best 20% of customers bring": "the 80/20 rule, course notes S0 (an objective, not a result)",
    "(driver 2)": "the number of the driver in the list above",
    "(IDIC, in section 6, is one)": "a section number",
    "so section 5 prices their churn": "a section number",
    "The customer pyramid\nin section 6": "a section number",
    "before 1 January 2025": "the query's cut-off date, a choice of the lesson",
    "costs about **5 times** as\nmuch": STUDY,
    "costs **5 to 8 times** as much": STUDY,
    "cost about **$300**": "course notes S4 (US mobile operators, average acquisition cost)",
    "10,000 subscribers, 25% churn, $300 to win one, $60 to keep one (a fifth of $300, as the 5× rule says)":
        "inputs of the worked example: $300 from course notes S4, the 5x rule from course notes S0, subscribers and churn chosen",
    "(churn to 0.1 percentage\npoint": "the rounding the lesson chooses",
    "less than the 5× of the study": STUDY,
    "**20% to 50%** of the\ncustomers change each year": "course notes S4 (customer turnover, 变动)",
    "What would 20–50% a year mean": "course notes S4 (customer turnover, 变动)",
    "### 5.3 The 20% key customers": "the 80/20 rule, course notes S0",
    "the **80/20 rule (二八法则)**, says that about 80% of a firm's profit comes\nfrom 20% of its customers": "course notes S0",
    "more concentrated than 80/20": "the 80/20 rule, course notes S0",
    "gold together are the top 20% of section 5.3": "the 80/20 rule's 20 % and a section number",
    "Who are the top 20%?": "the share the lesson studies (course notes S0's 20 %)",
    "its first 20% of rows": "the share the lesson studies (course notes S0's 20 %)",
    "fill the top 20%": "the share the lesson studies (course notes S0's 20 %)",
    "score a ticket from 1 (very unhappy) to 5 (very happy)": "the scale of the tickets.satisfaction column (datasets/README.md)",
    "satisfied at an average of 4 or more and dissatisfied at 2\nor less": "thresholds the lesson chooses",
    "*California Management Review* 43(4)": "the journal volume and issue of Zeithaml, Rust & Lemon (2001)",
    "the top 5% are platinum, the next 15% (to 20%) gold, the next\n60% (to 80%) iron, and the last 20% lead": "the kit's default cut-offs, an input",
    "are the 20% key customers of\nsection 5.3": "the 80/20 rule's 20 % and a section number",
    "at prices ending in 9": "the plans table (monthly_fee_cny 59, 99, 159), shown by the cell below",
    "acquisition costs about 5× retention in the sources and about 3× at Skyline": STUDY + "; Skyline: 282/90 = 3.1, pinned above",
    "The sources' 20–50% a year": "course notes S4 (customer turnover, 变动)",
    "A firm has 5,000 customers, loses 30% a year, pays 400 to win a customer and 100 to keep one":
        "inputs chosen by the question",
}
