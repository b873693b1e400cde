"""Prose pins for notebooks/03_customer_portfolio.ipynb (see tests/prose_numbers.py).

Percentages of shares are pinned at the whole percent the lesson, its prints and its charts show.
"""

from __future__ import annotations

from crmlib import bgnbd, clv, concentration, costtoserve, portfolio, sbg
from tests.prose_pins import _lesson03 as L

R, D = 0.80, 0.10  # the example's retention and discount rates


def _calc(r: float = R, d: float = D, h: int = 10, m: float = 950.0) -> tuple[float, float]:
    """What the CLV calculator shows: CLV over the horizon and with no limit."""
    return float(clv.finite_clv(m, r, d, h)), float(clv.retention_clv(m, r, d))


def _seg(name: str, column: str) -> float:
    return float(L.segments().loc[name, column])


def _cells(current_top: float = 0.25, potential_top: float = 0.25) -> dict:
    return L.value_cells(current_top, potential_top).value_counts().to_dict()


def _whale():
    return costtoserve.whale_summary(L.profit()["profit"])


def _bottom_half() -> float:
    """The Lorenz curve at half the customers, read as the chart reads it (linear interpolation)."""
    import numpy as np

    curve = concentration.lorenz_curve(L.accounts()["margin"].clip(lower=0))
    return float(np.interp(0.5, curve["customer_share"], curve["value_share"]))


def _slider_max(activity: str) -> float:
    from crmlib.widgets.whale import _step  # the widget's own slider range: 0 to max(3 × rate, 10 steps)

    rate = L.rates()[activity]
    return max(rate * 3, _step(rate) * 10)


def _rfm(segment: str, column: str) -> float:
    return 100 * float(L.rfm_summary().loc[segment, column])


def _crosstab():
    import pandas as pd

    return pd.crosstab(L.value_cells(), L.buttle_cells())


def _grid_share(cell: str, column: str) -> float:
    b, grid = L.business(), L.buttle_cells()
    return 100 * float(b.loc[grid == cell, column].sum() / b[column].sum())


def _projection_gaps() -> tuple[float, float]:
    _, shares = L.cohorts()
    gaps = 100 * (L.sbg_fit().survival(12)[9:12] - shares.loc["2023Q1", [9, 10, 11]].to_numpy(dtype=float))
    return float(gaps.min()), float(gaps.max())


def _watched(cohort: str) -> int:
    counts, _ = L.cohorts()
    return int(counts.loc[cohort].notna().sum()) - 1  # quarters after the joining quarter


def _window_fit():
    history, _, _ = L.bgnbd_fits()
    joined = L.db().customers.set_index("customer_id")["join_date"].reindex(history.index)
    seen = history[(joined >= "2023-01-01").to_numpy()]
    return seen, bgnbd.fit_bgnbd(seen)


PINS = {
    # 1.2 the margin multiple
    "With 80% retention and a 10% discount rate it is 0.8 / 0.3 ≈ 2.67":
        lambda: (100 * R, 100 * D, R, 1 + D - R, clv.margin_multiple(R, D)),
    "An 80% retention rate means an expected lifetime of $\\frac{1}{1-r}$ = 5 years": lambda: (100 * R, 1 / (1 - R)),
    "the formula gives $r/(1-r)$ = 4 years": lambda: clv.margin_multiple(R, 0.0),
    "At 10% a year, later margins are worth less today: the 4 undiscounted years become 2.67":
        lambda: (100 * D, clv.margin_multiple(R, 0.0), clv.margin_multiple(R, D)),
    "which is\n5 years undiscounted and 3.67 at 10%":
        lambda: (1 + clv.margin_multiple(R, 0.0), 1 + clv.margin_multiple(R, D), 100 * D),
    "Ten points more retention (80% → 90%) raises the multiple from 2.67 to 4.5: a customer becomes worth 69%":
        lambda: (80, 90, clv.margin_multiple(0.8, D), clv.margin_multiple(0.9, D),
                 100 * (clv.margin_multiple(0.9, D) / clv.margin_multiple(0.8, D) - 1)),
    # the worked example (segments table)
    "brings ¥943 of margin a year": lambda: _seg("individual_postpaid", "margin_per_year"),
    "(retention 0.795), so the margin multiple is only 2.61 and the CLV about ¥2,500":
        lambda: (_seg("individual_postpaid", "retention_rate"), _seg("individual_postpaid", "multiple"),
                 round(_seg("individual_postpaid", "clv"), -2)),
    "The table's ¥2,458 is\n943 × 2.607":
        lambda: (_seg("individual_postpaid", "clv"), _seg("individual_postpaid", "margin_per_year"),
                 _seg("individual_postpaid", "multiple")),
    "customer costs ¥282 on average": lambda: _seg("individual_postpaid", "acquisition_cost"),
    "stay 97–98% of the time, so their multiples are 7 to 8":
        lambda: (100 * _seg("enterprise", "retention_rate"), 100 * _seg("government", "retention_rate"),
                 _seg("enterprise", "multiple"), _seg("government", "multiple")),
    # 1.3 the calculator
    "(close to the ¥943 above)": lambda: _seg("individual_postpaid", "margin_per_year"),
    "the customer is worth ¥2,428 over 10 years, against ¥2,533 with no time\nlimit":
        lambda: (_calc()[0], 10, _calc()[1]),
    "the CLV rises to ¥3,700 and the gap to the no-limit value (¥4,275) grows\n  from ¥105 to ¥575":
        lambda: (_calc(r=0.9)[0], _calc(r=0.9)[1], _calc()[1] - _calc()[0], _calc(r=0.9)[1] - _calc(r=0.9)[0]),
    "to 20%: the CLV falls to ¥1,867 and the gap shrinks to ¥33":
        lambda: (20, _calc(d=0.2)[0], _calc(d=0.2)[1] - _calc(d=0.2)[0]),
    "to 3 years: ¥1,559, only 62% of the no-limit value":
        lambda: (3, _calc(h=3)[0], 100 * _calc(h=3)[0] / _calc(h=3)[1]),
    "of the 2,101 contract customers billed in all twelve months": lambda: len(L.full_year_margins()),
    "that base is worth ¥35.7 m over 10 years (¥37.3 m with no limit)":
        lambda: (float(clv.finite_clv(L.full_year_margins(), R, D, 10).sum()) / 1e6, 10,
                 float(clv.retention_clv(L.full_year_margins(), R, D).sum()) / 1e6),
    # 2. concentration
    "the top fifth bring 88% of the margin, and 197\ncustomers, 6% of them, bring 80% of it":
        lambda: (100 * concentration.top_share(L.accounts(), 0.2, "margin"),
                 concentration.customers_for_share(L.accounts(), 0.8, "margin"),
                 100 * concentration.customers_for_share(L.accounts(), 0.8, "margin") / len(L.accounts()), 80),
    "a Gini coefficient of 0.84": lambda: concentration.gini(L.accounts()["margin"].clip(lower=0)),
    "bring only 5% of the margin": lambda: 100 * _bottom_half(),
    # 3. ABC and the whale curve
    "C002705 used nearly 400 hours": lambda: round(float(L.units().loc["C002705", "account_manager_hour"]), -2),
    "the 2,823 customers who make a profit earn ¥9.79 m between them, 179% of the\n¥5.45 m Skyline keeps; the last 280 customers, 9% of the base, give ¥4.34 m":
        lambda: (_whale().peak_customers, _whale().peak_profit / 1e6, 100 * _whale().peak_share,
                 _whale().total_profit / 1e6, _whale().loss_makers, 100 * _whale().loss_maker_share,
                 -_whale().loss / 1e6),
    "Set the **account-manager hour** to 0": lambda: 0,
    "the\n  loss-makers fall from 280 to 194, and the whale's peak drops from 179% to 103%":
        lambda: (_whale().loss_makers, L.whale_at(account_manager_hour=0).loss_makers, 100 * _whale().peak_share,
                 100 * L.whale_at(account_manager_hour=0).peak_share),
    "to its maximum (¥7.5): the loss-makers rise from 280 to 402":
        lambda: (_slider_max("contact_centre_minute"), _whale().loss_makers,
                 L.whale_at(contact_centre_minute=_slider_max("contact_centre_minute")).loss_makers),
    "to its maximum (¥12) instead: only 9 more customers lose money (289)":
        lambda: (_slider_max("paper_bill"),
                 L.whale_at(paper_bill=_slider_max("paper_bill")).loss_makers - _whale().loss_makers,
                 L.whale_at(paper_bill=_slider_max("paper_bill")).loss_makers),
    # 4. the value matrix widget
    "Lower the current-value slider from 25% to 10%: develop shrinks from 145 to the 79 accounts":
        lambda: (25, 10, _cells()["develop"], _cells(0.10)["develop"]),
    "retain empties (51 → 0) and cultivate grows from 51 to 117":
        lambda: (_cells()["retain"], _cells(0.10)["retain"], _cells()["cultivate"], _cells(0.10)["cultivate"]),
    "raise the potential slider to 50%: develop grows to 184, retain falls to 12, cultivate grows\n  to 207 and maintain falls from 463 to 315":
        lambda: (50, _cells(0.25, 0.5)["develop"], _cells(0.25, 0.5)["retain"], _cells(0.25, 0.5)["cultivate"],
                 _cells()["maintain"], _cells(0.25, 0.5)["maintain"]),
    # 5. Buttle's grid
    "The re-engineer accounts are few, 44, but between them they lose ¥3.9 m a year":
        lambda: (int((L.buttle_cells() == "re_engineer").sum()),
                 -float(L.business().loc[L.buttle_cells() == "re_engineer", "profit"].sum()) / 1e6),
    "they bring 26% of the business accounts' revenue and −94% of\ntheir profit":
        lambda: (_grid_share("re_engineer", "revenue_cny"), _grid_share("re_engineer", "profit")),
    "its 44 loss-making accounts are re-engineer for Buttle, and its 7 profitable ones":
        lambda: (_crosstab().loc["cultivate", "re_engineer"], _crosstab().loc["cultivate", "invest"]),
    # 7. RFM
    "The champions are 23% of the prepaid customers but bring 61% of the top-ups by value":
        lambda: (_rfm("champions", "customer_share"), _rfm("champions", "monetary_share")),
    "about as\nmany (22%) and bring 4%": lambda: (_rfm("lost", "customer_share"), _rfm("lost", "monetary_share")),
    "18% of the customers, they still account for\n18% of the top-ups":
        lambda: (_rfm("at_risk", "customer_share"), _rfm("at_risk", "monetary_share")),
    # 8.1 sBG
    "it\nfinds their α = 0.704 and β = 1.182":
        lambda: (sbg.fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241]).alpha,
                 sbg.fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241]).beta),
    "every one of them has been watched for 8 quarters), fit the model to those 8 quarters":
        lambda: (_watched("2023Q4"), _watched("2023Q4")),
    "The 2023 Q1 cohort has been watched for 11 quarters": lambda: _watched("2023Q1"),
    "The projection runs 0.5 to 2.5 points above": _projection_gaps,
    "12% higher than one at the first quarter's constant rate (¥1,859 against ¥1,663)":
        lambda: (100 * (L.sbg_clvs()[0] / L.sbg_clvs()[1] - 1), *L.sbg_clvs()),
    "its projection is within 2.5 points": lambda: _projection_gaps()[1],
    # 8.2 BG/NBD and Gamma-Gamma
    "r (0.52) and b (6.45) come\nclose, but α is 2.59 against 2.0 and a is 0.52 against 0.7":
        lambda: (L.bgnbd_fits()[1].r, L.bgnbd_fits()[1].b, L.bgnbd_fits()[1].alpha, 2.0, L.bgnbd_fits()[1].a, 0.7),
    "(on\naverage r/α = 0.20 a week against 0.25)":
        lambda: (L.bgnbd_fits()[1].r / L.bgnbd_fits()[1].alpha, 0.5 / 2.0),
    "a/(a + b) = 0.075 after a top-up against\n0.104":
        lambda: (L.bgnbd_fits()[1].a / (L.bgnbd_fits()[1].a + L.bgnbd_fits()[1].b), 0.7 / 6.7),
    "The forecast is still 3% below what happened: 3,917 top-ups against 4,051":
        lambda: (100 * (1 - L.bgnbd_forecast()[0] / L.bgnbd_forecast()[1]), *L.bgnbd_forecast()),
    "On the 1,138 customers seen from their first top-up: r = 0.55, α = 2.24, a = 0.72, b = 6.38, a mean rate\nof 0.246 a week (truth 0.25) and a drop-out of 0.101 (truth 0.104)":
        lambda: (len(_window_fit()[0]), _window_fit()[1].r, _window_fit()[1].alpha, _window_fit()[1].a,
                 _window_fit()[1].b, _window_fit()[1].r / _window_fit()[1].alpha, 0.25,
                 _window_fit()[1].a / (_window_fit()[1].a + _window_fit()[1].b), 0.7 / 6.7),
    "(p = 9.88, q = 4.55, γ = 10.73": lambda: (L.bgnbd_fits()[2].p, L.bgnbd_fits()[2].q, L.bgnbd_fits()[2].gamma),
    "$p\\gamma/(q-1)$ = ¥29.82 against ¥30":
        lambda: (L.bgnbd_fits()[2].p * L.bgnbd_fits()[2].gamma / (L.bgnbd_fits()[2].q - 1), 6 * 15 / (4 - 1)),
    "champions expect about 6 top-ups":
        lambda: round(float(bgnbd.customer_predictions(*_everything_fit(), t=26)["expected_purchases"]
                            .groupby(L.rfm_segments().reindex(_everything_fit()[1].index).array, observed=True)
                            .mean()["champions"])),
    # summary
    "(2.67 at r = 0.8, d = 0.1) is less than the expected lifetime of 5 years":
        lambda: (clv.margin_multiple(R, D), R, D, 1 / (1 - R)),
    "(4 years undiscounted), and discounting shrinks those 4 to 2.67":
        lambda: (clv.margin_multiple(R, 0.0), clv.margin_multiple(R, 0.0), clv.margin_multiple(R, D)),
    "the top 20% of contract customers bring 88% of it (Gini 0.84)":
        lambda: (20, 100 * concentration.top_share(L.accounts(), 0.2, "margin"),
                 concentration.gini(L.accounts()["margin"].clip(lower=0))),
    "the most profitable 20% earn 155% of total profit,\n  the whale curve peaks at 179%, 9% of customers lose money — and 4 of the 10 largest":
        lambda: (100 * _whale().top_share_customers, 100 * _whale().top_share_profit, 100 * _whale().peak_share,
                 100 * _whale().loss_maker_share, len(costtoserve.largest_unprofitable(L.profit(), top=10)), 10),
    "1. An 80% retention rate means an expected lifetime of 5 years. Why is the customer worth only 2.67 years of\n   margin at a 10% discount rate":
        lambda: (80, 1 / (1 - R), clv.margin_multiple(R, D), 100 * D),
    "The whale curve peaks at 179% of total profit": lambda: 100 * _whale().peak_share,
    # additions after the fresh reader's review
    "An SME brings\n¥3,700 a year and stays with 85% probability: a CLV of ¥12,451 against ¥1,373 to win it":
        lambda: (_seg("sme", "margin_per_year"), 100 * _seg("sme", "retention_rate"), _seg("sme", "clv"),
                 _seg("sme", "acquisition_cost")),
    "On profit, the course notes' version of the 80/20 rule, the most profitable\n20% earn 155% of it":
        lambda: (80, 100 * _whale().top_share_customers, 100 * _whale().top_share_profit),
    "Set every rate to 0: what is left is the margin alone, where only 37 customers lose money":
        lambda: (0, L.whale_at(**{k: 0.0 for k in L.rates()}).loss_makers)
        if L.large_losers_at(**{k: 0.0 for k in L.rates()}) == 0 else None,
    "the enterprise accounts' average current value is −¥66,443 (44% of\nthem lose money), while government accounts average ¥494,356":
        lambda: (-_segment_mean("enterprise", "current_value"), 100 * _segment_loss_share("enterprise"),
                 _segment_mean("government", "current_value")),
    "even 8 give-up accounts move to cultivate":
        lambda: int(((L.value_cells() == "give_up") & (L.value_cells(0.25, 0.5) == "cultivate")).sum()),
    "Why does retain empty at 10%?": lambda: 10 if _cells(0.10)["retain"] == 0 else None,
    "the 18 cost magnets carry 32% of the contract customers' mobile data but bring only 18% of their\nrevenue":
        lambda: (int(_flags()[0]["cost_magnet"].sum()), 100 * _magnets()[0], 100 * _magnets()[1]),
    "Both are below section 1.2's\n¥2,458": lambda: (1.2, _seg("individual_postpaid", "clv")),
    "whose fitted curve keeps 90.7% in the first quarter (the cohorts actually kept 92.3%; at the fitted rate\nthat is about 68% a year, against the 79.5% of the established individual postpaid\nbase)":
        lambda: (100 * float(L.sbg_fit().survival(1)[1]), 100 * _observed_first_quarter(),
                 100 * float(L.sbg_fit().survival(1)[1]) ** 4, 100 * _seg("individual_postpaid", "retention_rate")),
    # second fresh-reader pass
    "worth $r/(1-r)$ = 4 years of margin, a year less than the lifetime. Discounting at 10% then takes\n   those 4 years down to 2.67":
        lambda: (clv.margin_multiple(R, 0.0), 100 * D, clv.margin_multiple(R, 0.0), clv.margin_multiple(R, D)),
    "from 179% of total profit at\n   the peak": lambda: 100 * _whale().peak_share,
    "(¥3.9 m of ¥7.9 m)": lambda: (-_grid_total("re_engineer") / 1e6, _others_profit("re_engineer") / 1e6),
    "Read the −94% as a share": lambda: _grid_share("re_engineer", "profit"),
    "(with the cut at 0": lambda: 0 if "maintain" not in set(_same_cut()) else None,
    "148 of the 207 were small maintain accounts":
        lambda: (int(((L.value_cells() == "maintain") & (L.value_cells(0.25, 0.5) == "cultivate")).sum()),
                 _cells(0.25, 0.5)["cultivate"]),
    "cut falls from ¥13,246 to ¥3,961": lambda: (_potential_cut(0.25), _potential_cut(0.5)),
    "(rank correlation 0.67 with revenue, 0.90 with the wallet)":
        lambda: (_spearman("revenue_cny"), _spearman("wallet_size_cny_per_year")),
    "their margin is positive (¥1.64 m)": lambda: _magnet_total("margin") / 1e6,
    "the group loses\n¥0.89 m, and 12 of the 18 lose money, among them all four loss-making accounts":
        lambda: (-_magnet_total("profit") / 1e6, _magnet_losers(), int(_flags()[0]["cost_magnet"].sum()))
        if _top10_losers_are_magnets() else None,
    "get `p_alive` = 1 by the model's construction":
        lambda: 1 if bool((_no_repeat_p_alive() == 1).all()) else None,
}


def _observed_first_quarter() -> float:
    counts, _ = L.cohorts()
    pooled = counts.loc[["2023Q1", "2023Q2", "2023Q3", "2023Q4"], [0, 1]].sum()
    return float(pooled[1] / pooled[0])


def _grid_total(cell: str) -> float:
    return float(L.business().loc[L.buttle_cells() == cell, "profit"].sum())


def _others_profit(cell: str) -> float:
    return float(L.business().loc[L.buttle_cells() != cell, "profit"].sum())


def _same_cut():
    b = L.business()
    return portfolio.value_matrix(b, current_threshold=0,
                                  potential_threshold=portfolio.threshold_for_share(b, 0.25, "potential_value"))


def _potential_cut(top: float) -> float:
    return float(portfolio.threshold_for_share(L.business(), top, "potential_value"))


def _spearman(column: str) -> float:
    b = L.business()
    return float(b["potential_value"].corr(b[column], method="spearman"))


def _magnet_total(column: str) -> float:
    flags, b = _flags()
    return float(b.loc[flags["cost_magnet"], column].sum())


def _magnet_losers() -> int:
    flags, b = _flags()
    return int((b.loc[flags["cost_magnet"], "profit"] < 0).sum())


def _top10_losers_are_magnets() -> bool:
    flags, _ = _flags()
    losers = costtoserve.largest_unprofitable(L.profit(), top=10).index
    return len(losers) == 4 and bool(flags["cost_magnet"].reindex(losers, fill_value=False).all())


def _segment_mean(segment: str, column: str) -> float:
    b = L.business()
    return float(b.loc[b["segment"] == segment, column].mean())


def _segment_loss_share(segment: str) -> float:
    b = L.business()
    return float((b.loc[b["segment"] == segment, "profit"] < 0).mean())


def _flags():
    b = L.business().copy()
    b["traffic_share"] = b["data_gb"] / L.accounts()["data_gb"].sum()
    return portfolio.strategic_customers(b, clv="current_value", benchmark="reference_customer",
                                         inspiration="co_developed_product", fixed_cost_share="traffic_share",
                                         clv_top=0.05, magnet_share=0.01), b


def _magnets() -> tuple[float, float]:
    flags, b = _flags()
    m = flags["cost_magnet"]
    return float(b.loc[m, "traffic_share"].sum()), float(b.loc[m, "revenue_cny"].sum() / L.accounts()["revenue_cny"].sum())


def _no_repeat_p_alive():
    fit, history = _everything_fit()
    p = bgnbd.customer_predictions(fit, history, t=26)["p_alive"]
    return p[history["frequency"] == 0].round(12)


def _everything_fit():
    history = bgnbd.rfm_summary(L.db().topups, customer_col="customer_id", date_col="topup_date",
                                amount_col="amount_cny", calibration_end="2025-12-31")
    history = history[history["T"] > 0]
    return bgnbd.fit_bgnbd(history), history


SOURCED = {
    "the 80/20 rule); 4.": "the rule's name; 4. is list numbering",
    "(optional, section 8)": "a section number of this lesson",
    "the kit's functions start at year 1": "the convention of crmlib.clv (the sum from t = 1), not a result",
    "a discount rate (we take 10%)": "an input the example chooses",
    "a yearly margin of ¥950": "the calculator's starting value, chosen near the measured ¥943",
    "80% retention, a 10%\ndiscount rate and a 10-year horizon": "the calculator's starting settings, chosen",
    "Raise the **retention rate** to 90%": "a setting the student chooses",
    "Back at 80%": "the starting setting",
    "Back at 10%": "the starting setting",
    "could have been earning 10% a year since": "the lesson's chosen discount rate",
    "The **80/20 rule (二八法则)** says that about 20% of customers bring about 80%":
        "the rule as the course sources state it (course notes S0, course notes S2)",
    "(0 = every customer brings the same; close to 1 = one customer brings nearly everything)":
        "the Gini coefficient's definition",
    "more concentrated than the 80/20 rule": "the rule's name",
    "it rises far above 100%": "100% is the whole of the profit, the curve's reference line",
    "section 6 shows why": "a section number of this lesson",
    "found that 2 of its 3 biggest customers were\nunprofitable": "Buttle (2000), quoted in course notes S2",
    "retention rate from section 1.2 and a 10% discount rate": "a section number; the lesson's chosen discount rate",
    "key accounts of section 3": "a section number of this lesson",
    "took 60% of its processing time but absorbed 85% of its fixed costs": "Buttle (2000), quoted in course notes S2",
    "the top 5% of business accounts by current value": "a cut-off the lesson chooses",
    "using at least 1% of all the mobile data": "a cut-off the lesson chooses",
    "a score\nfrom 1 to 5 by rank (5 = best fifth:": "the scoring rule of crmlib.rfm.rfm_scores",
    "R and F both 4–5": "the segment rules of crmlib.rfm.rfm_segments",
    "| 4–5 | 4–5 |": "the segment rules of crmlib.rfm.rfm_segments",
    "| ≥ 3 | ≥ 3 |": "the segment rules of crmlib.rfm.rfm_segments",
    "| 4–5 | 1–2 |": "the segment rules of crmlib.rfm.rfm_segments",
    "| 3 | 1–2 |": "the segment rules of crmlib.rfm.rfm_segments",
    "| 1–2 | 3–5 |": "the segment rules of crmlib.rfm.rfm_segments",
    "| 1–2 | 1–2 |": "the segment rules of crmlib.rfm.rfm_segments",
    "Section 8 adds such a model": "a section number of this lesson",
    "and project 12": "the projection length the lesson chooses",
    "what really happened in quarters 9–11": "the quarters after the 8 used for the fit, up to the end of the data",
    "in quarters 9–11. Its retention": "the quarters compared (see above)",
    "of the observed\n  quarters 9–11": "the quarters compared (see section 8.1)",
    "up to 30 June 2025": "the calibration date the lesson chooses",
    "r = 0.5 and α = 2.0 for the top-up rates (per week),\na = 0.7 and b = 6.0": "the data card's generator parameters (datasets/README.md)",
    "against the generator's 6, 4 and 15": "the data card's generator parameters (datasets/README.md)",
    "never goes below ¥10": "the generator's rule for amounts (datasets/README.md)",
    "(to 31 December 2025": "the end of the data",
    "the next 26 weeks": "the forecast horizon the lesson chooses",
    "*(Optional, section 8)*": "a section number of this lesson",
    "(in section 4: profit": "a section number of this lesson",
    "section 4 values the business accounts": "a section number of this lesson",
    "section 3 comes back to profit": "a section number of this lesson",
    "(1.2 to 3.5 times its fee run-rate, says the data card)": "the generator's rule for wallet size (datasets/README.md)",
    "Section 1.2's half a million": "a section number of this lesson",
    "(section 4's modelling choice)": "a section number of this lesson",
    "6. *(Section 8)*": "a section number of this lesson",
    "accounts of section 3's top ten": "a section number of this lesson",
}
