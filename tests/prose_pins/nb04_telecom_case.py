"""Prose pins for notebooks/04_telecom_case.ipynb (see tests/prose_numbers.py).

IBM's file is not part of the kit, so the appendix's IBM figures are SOURCED to
tests/test_realdata_churn.py, which asserts them when the file is present.
"""

from __future__ import annotations

from crmlib import campaign
from tests.prose_pins import _lesson03 as L3
from tests.prose_pins import _lesson04 as L


def _pct(x: float) -> float:
    return 100 * float(x)


def _tier_share(column: str) -> float:
    b = L.billed()
    return float(b.loc[b["tier"] == "platinum", column].sum())


def _km(group: str, month: int = 12) -> float:
    return _pct(L.survival("contract", month, group))


def _median(group: str) -> float:
    from crmlib import churn

    return float(churn.median_survival(L.curves("contract"))[group])


def _ratio(driver: str, level: str) -> float:
    return float(L.drivers().loc[(driver, level), "ratio"])


def _rate(driver: str, level: str) -> float:
    return _pct(L.drivers().loc[(driver, level), "churn_rate"])


def _base_params(column: str, klass: str, segment: str | None = None) -> float:
    v = L.with_bills()
    if segment:
        v = v[v["segment"] == segment]
    return float(v.loc[v["credit_class"] == klass, column].mean())


def _business_share(klass: str) -> float:
    v = L.with_bills()
    return _pct((v.loc[v["credit_class"] == klass, "segment"] != "individual_postpaid").mean())


def _up(group: str, column: str) -> float:
    return float(L.uplift().loc[group, column])


def _vc(link: str, year: int, column: str = "value_added") -> float:
    return float(L.value_chain().loc[(link, year), column])


def _curve_peak():
    c = L.best_curve()
    i = int(c["net_value"].idxmax())
    return c.loc[i]


def _first_loss():
    c = L.best_curve()
    peak = int(c["net_value"].idxmax())
    return c.loc[(c.index > peak) & (c["net_value"] < 0)].iloc[0]


def _planned_mix(budget: float = 20000) -> tuple[int, int]:
    """Month-to-month and 12/24-month customers among those the best rule contacts."""
    p = L.plan(budget)
    chosen = L.base().iloc[campaign.target_order(L.base(), "uplift_x_value")[:p.targeted]]
    mtm = int((chosen["contract"] == "month_to_month").sum())
    return mtm, p.targeted - mtm


def _roi_range(rule: str, budget: float) -> tuple[float, float]:
    """The plan's ROI with the 12/24-month effect at the point estimate, the interval's ends and zero."""
    low, high = L.relative_interval("in_contract")
    point = float(campaign.offer_effects(L.uplift())["in_contract"])
    rois = [L.plan(budget, rule, effect_in_contract=e).roi for e in (point, low, 0.0, high)]
    return min(rois), max(rois)


def _value_rule_in_contract() -> float:
    chosen = L.base().iloc[campaign.target_order(L.base(), "value")[:L.plan(rule="value").targeted]]
    return float((chosen["contract"] == "in_contract").mean())


def _confusion() -> "pd.DataFrame":
    from crmlib import churn

    return churn.confusion_table(L.model().test["y"], L.model().test["score"], cutoff=0.5)


def _gains_top(share: float = 0.2) -> tuple[float, float]:
    """Share of held-out customers called and share of held-out leavers reached, riskiest first, at ``share``."""
    from crmlib import churn

    g = churn.gains_table(L.model().test["y"], L.model().test["score"], bins=10)
    called = g["customers"].cumsum() / g["customers"].sum()
    i = int((called - share).abs().to_numpy().argmin())
    return float(called.iloc[i]), float(g["cum_share_churners"].iloc[i])


def _cust(segment: str, customised: bool, column: str) -> float:
    return float(L.customised().loc[(segment, customised), column])


def _complaints_per(churned: bool) -> float:
    t = L.churn_table()
    return float(t.loc[t["churned"] == churned, "complaints"].mean())


def _mtm_price_rise():
    m = L.months()
    return m[(m["contract"].astype(str) == "month_to_month").to_numpy()].groupby("price_rise")["churned"].mean()


def _overall(column: str) -> float:
    from crmlib import campaign as c

    return float(c.uplift_table(c.retention_outcomes(L.db(), "CP01", days=92), outcome="churned").iloc[0][column])


def _cp02(column: str) -> float:
    db = L.db()
    cp = db.campaigns.set_index("campaign_id")
    x = db.campaign_contacts[db.campaign_contacts["campaign_id"] == "CP02"].copy()
    subs = db.subscriptions
    new = subs[(subs["plan_id"] == "BB-300") & subs["start_date"].between(cp.loc["CP02", "start_date"], cp.loc["CP02", "end_date"])]
    x["bought"] = x["customer_id"].isin(new["customer_id"])
    return float(campaign.uplift_table(x, outcome="bought", outcome_is_bad=False).iloc[0][column])


def _unresolved() -> dict:
    t = L.db().tickets
    kinds = t.loc[~t["resolved"] & t["ticket_type"].astype(str).isin(["complaint", "billing_dispute"]), "ticket_type"]
    return kinds.astype(str).value_counts().to_dict()


def _faults(region: str, year: int) -> float:
    f = L.db().network_faults
    f = f[(f["region"] == region).to_numpy() & (f["month"].dt.year == year).to_numpy()]
    return float((100 * f["faults"] / f["cell_sites"]).mean())


def _cp03() -> "pd.Series":
    """CP03's upgrade uplift (section 6, upgrading low-value customers)."""
    db = L.db()
    y = db.campaign_contacts[db.campaign_contacts["campaign_id"] == "CP03"].copy()
    y["upgraded"] = y["customer_id"].isin(db.subscriptions.loc[db.subscriptions["end_reason"] == "upgraded", "customer_id"])
    return campaign.uplift_table(y, outcome="upgraded", outcome_is_bad=False).iloc[0]


def _cp03_fee_gain() -> float:
    fees = L.db().plans.set_index("plan_id")["monthly_fee_cny"]
    return float(fees["MOB-M"] - fees["MOB-S"])


def _cp03_payback(bound: str = "uplift") -> float:
    """Months for 100 offers' cost to be paid back by their extra upgrades' fee gain at list price."""
    cost_100 = 100 * campaign.cost_per_contact(L.db(), "CP03")
    return cost_100 / (100 * float(_cp03()[bound]) * _cp03_fee_gain())


def _best_order() -> "pd.DataFrame":
    """The planner's base in the order the best rule contacts it, with 1-based contact numbers."""
    b = L.base().iloc[campaign.target_order(L.base(), "uplift_x_value")].reset_index(drop=True)
    b.index = b.index + 1
    return b


def _loss_makers(contract: str | None = None) -> "pd.DataFrame":
    b = _best_order()
    b = b[b["clv"] < 0]
    return b if contract is None else b[b["contract"] == contract]


def _first_positive_in_contract() -> int:
    b = _best_order()
    return int(b.index[(b["contract"] == "in_contract").to_numpy() & (b["clv"] > 0).to_numpy()][0])


def _peak_is_marginal() -> bool:
    """The peak is where the next contact's expected CLV kept falls below the offer's cost."""
    b = _best_order()
    gain = b["risk"] * b["effect"] * b["clv"]
    k = int(_curve_peak()["targeted"])
    return bool(gain[k] >= L.offer_cost() > gain[k + 1])


def _customised_counts() -> "pd.DataFrame":
    left = L.db().churn_events.set_index("customer_id")["churn_date"]
    ba = L.db().business_accounts.merge(L.view()[["customer_id", "segment"]], on="customer_id")
    ba = ba[~(ba["customer_id"].map(left) < "2025-01-01").to_numpy()]
    ba["customised"] = ba["customisation_requests_last_year"] > 0
    ba["left_in_2025"] = ba["customer_id"].map(left).notna()
    return ba.groupby(["segment", "customised"], observed=True).agg(
        accounts=("customer_id", "size"), left=("left_in_2025", "sum"),
        requests=("customisation_requests_last_year", "mean"))


def _activity_cost(activity: str) -> float:
    a = L.db().activity_costs.set_index("activity")["unit_cost_cny"]
    return float(a[activity])


PINS = {
    # 2. differentiate
    "brings 76 % of the margin and holds 150 of the 166 key\naccounts":
        lambda: (_pct(_tier_share("margin_cny") / L.billed()["margin_cny"].sum()), _tier_share("key_account"),
                 float(L.billed()["key_account"].sum())),
    "brings around ¥70,000 of margin a year, an SME ¥3,130 and an\nindividual postpaid customer ¥738":
        lambda: (round(L.by_segment().loc[["enterprise", "government"], "mean"].mean(), -4),
                 L.by_segment().loc["sme", "mean"], L.by_segment().loc["individual_postpaid", "mean"]),
    "Lesson 03 put the individual postpaid margin at ¥943":
        lambda: L3.segments().loc["individual_postpaid", "margin_per_year"],
    "all 2,322 individual postpaid customers": lambda: L.by_segment().loc["individual_postpaid", "size"],
    "Use ¥943 for a customer's yearly margin and ¥738":
        lambda: (L3.segments().loc["individual_postpaid", "margin_per_year"],
                 L.by_segment().loc["individual_postpaid", "mean"]),
    # 3. base parameters
    "tenure hardly differs by class (3.8 to 4.2 years)":
        lambda: (min(_base_params("tenure_years", k) for k in "ABCD"),
                 max(_base_params("tenure_years", k) for k in "ABCD")),
    "falls from ¥62,026 in class A\nto ¥3,871 in class D":
        lambda: (_base_params("cumulative_spend_cny", "A"), _base_params("cumulative_spend_cny", "D")),
    "35 % of class A's customers are businesses,\nagainst 3 % of class D's": lambda: (_business_share("A"), _business_share("D")),
    "(¥2,741 to\n¥2,780)":
        lambda: (min(_base_params("cumulative_spend_cny", k, "individual_postpaid") for k in "ABCD"),
                 max(_base_params("cumulative_spend_cny", k, "individual_postpaid") for k in "ABCD")),
    # 4. risk
    "`share_paying_late`\n0.78 means 78 %": lambda: (L.credit_risk().loc["D", "share_paying_late"],
                                                    _pct(L.credit_risk().loc["D", "share_paying_late"])),
    "`bad_debt_share_of_spend` 0.0022 means 0.22 %":
        lambda: (L.credit_risk().loc["D", "bad_debt_share_of_spend"], _pct(L.credit_risk().loc["D", "bad_debt_share_of_spend"])),
    # 5.1 churn over time
    "monthly churn averaged 2.2 % over the three years. Its peak, 3.5 % in July 2024 and 3.4 %\nin August":
        lambda: (_pct(L.monthly().mean()), _pct(L.monthly().max()), _pct(L.monthly()["2024-08-01"]))
        if L.monthly().idxmax() == L.monthly().index[18] else None,
    "Churn was already up in June 2024 (2.5 %)": lambda: _pct(L.monthly()["2024-06-01"]),
    "it stayed above 2.3 % until\nthe end of 2024":
        lambda: 2.3 if L.monthly()["2024-06-01":"2024-12-01"].min() > 0.023 else _pct(L.monthly()["2024-06-01":"2024-12-01"].min()),
    "its lowest month, 1.3 %, in May":
        lambda: _pct(L.monthly().min()) if L.monthly().idxmin().strftime("%Y-%m") == "2025-05" else None,
    # 5.2 survival
    "after 12 months 52 % of month-to-month customers are still there, against 76 % on 12-month and 84 % on\n24-month":
        lambda: (12, _km("month_to_month"), _km("12_months"), 12, _km("24_months"), 24),
    "(48 %) leave within their first\nyear": lambda: 100 - _km("month_to_month"),
    "stays 14 months (39 months on 12-month contracts, 79 on 24-month\nones)":
        lambda: (_median("month_to_month"), _median("12_months"), 12, _median("24_months"), 24),
    "Split by contract and move the month to 12: the three shares above": lambda: 12,
    "Split by bundle at 24 months: 66 % of bundle customers are still there, against 42 % of the others":
        lambda: (24, _pct(L.survival("bundle", 24, True)), _pct(L.survival("bundle", 24, False))),
    "Split by region at 24 months: Riverside keeps the fewest (43 %), Central and Lakeside the most (56 %)":
        lambda: (24, _pct(L.survival("region", 24, "riverside")),
                 _pct(max(L.survival("region", 24, "central"), L.survival("region", 24, "lakeside")))),
    # 5.3 drivers
    "leave about 2.5 times as often as 12-month ones": lambda: (_ratio("contract", "month_to_month"), 12),
    "and 4.1 times as often as 24-month ones (the chart's title: 3.86 % ÷ 0.94 %)":
        lambda: (_rate("contract", "month_to_month") / _rate("contract", "24_months"), 24,
                 _rate("contract", "month_to_month"), _rate("contract", "24_months")),
    "so a price rise (3.7) is first by `ratio`": lambda: _ratio("price_rise", "True"),
    "(bundle: 1 ÷ 0.50 = 2.0)": lambda: (1, _ratio("bundle", "True"), 1 / _ratio("bundle", "True"))
        if _ratio("bundle", "True") < 1 else None,
    "multiplies monthly churn by about 2.6. A price rise\nmultiplies it by 3.7":
        lambda: (_ratio("unresolved", "True"), _ratio("price_rise", "True")),
    "churn was 7.4 % in months with a price rise against 3.6 % without, a ratio\nof 2.1":
        lambda: (_pct(_mtm_price_rise()[True]), _pct(_mtm_price_rise()[False]),
                 _mtm_price_rise()[True] / _mtm_price_rise()[False]),
    "had 6 or more faults per 100 cell sites, its customers churned 1.75 times as fast as in months under 4":
        lambda: (6, 100, _ratio("fault_rate", "[6, 100)"), 4),
    # 5.4 the model
    "(44.8 % of the contract customers did": lambda: _pct(L.churn_table()["churned"].mean()),
    "flags 394 of the 616 held-out leavers, and 200 of the 769 stayers":
        lambda: (_confusion().loc["left", "flagged"], _confusion().loc["left"].sum(),
                 _confusion().loc["stayed", "flagged"], _confusion().loc["stayed"].sum()),
    "calling the riskiest 20 % first reaches 34 % of all held-out\nleavers, 1.7 times the share a random 20 % would reach":
        lambda: (_pct(_gains_top()[0]), _pct(_gains_top()[1]), _gains_top()[1] / _gains_top()[0], _pct(_gains_top()[0])),
    "A 24-month contract has an odds ratio of 0.17": lambda: (24, L.odds_ratio("contract_type=24_months")),
    "a bundle multiplies the odds by 0.37": lambda: L.odds_ratio("has_bundle"),
    "0.00003 per yuan, an odds ratio of 1.003 per CNY 100":
        lambda: (float(L.model().coefficients.loc["monthly_fee", "log_odds"]),
                 float(__import__("math").exp(100 * L.model().coefficients.loc["monthly_fee", "log_odds"])), 100),
    "(rounded to 4 decimals it reads 0.0000 and 1.0000)":
        lambda: (4, round(float(L.model().coefficients.loc["monthly_fee", "log_odds"]), 4),
                 round(L.odds_ratio("monthly_fee"), 4)),
    "`complaints` (0.87 per complaint) and `unresolved_tickets` (1.03) seem to contradict the ×2.6":
        lambda: (L.odds_ratio("complaints"), L.odds_ratio("unresolved_tickets"), _ratio("unresolved", "True")),
    "(1.0 complaints per stayer against\n0.5 per leaver)": lambda: (_complaints_per(False), _complaints_per(True)),
    "(correlation 0.78)": lambda: float(L.churn_table()["complaints"].corr(L.churn_table()["unresolved_tickets"])),
    # 6. acquisition and retention
    "The same ¥282 as in lessons 01 and 03": L.acquisition_cost,
    "18.1 % − 6.8 % = 11.3 pts": lambda: (_pct(_up("month_to_month", "rate_control")),
                                          _pct(_up("month_to_month", "rate_treatment")),
                                          _pct(_up("month_to_month", "uplift"))),
    "as fractions (0.113)": lambda: _up("month_to_month", "uplift"),
    "the uplift is +0.113, with a 95 %\ninterval from +0.062 to +0.163":
        lambda: (_up("month_to_month", "uplift"), 95, _up("month_to_month", "low"), _up("month_to_month", "high")),
    "by\nsomewhere between 6 and 16 points":
        lambda: (_pct(_up("month_to_month", "low")), _pct(_up("month_to_month", "high"))),
    "the estimate is −0.026 (churn 8.3 % with the offer,\n5.7 % without), but its interval runs from −0.055 to +0.004":
        lambda: (_up("in_contract", "uplift"), _pct(_up("in_contract", "rate_treatment")),
                 _pct(_up("in_contract", "rate_control")), _up("in_contract", "low"), _up("in_contract", "high")),
    "at best it lowered their churn by 0.4 points": lambda: _pct(_up("in_contract", "high")),
    "+0.62 for month-to-month (the\noffer removes 62 % of their churn) and −0.45 for the 12/24-month customers (it adds 45 % to it)":
        lambda: (campaign.offer_effects(L.uplift())["month_to_month"],
                 _pct(campaign.offer_effects(L.uplift())["month_to_month"]),
                 campaign.offer_effects(L.uplift())["in_contract"], 12,
                 -_pct(campaign.offer_effects(L.uplift())["in_contract"])),
    "runs from −0.96 to +0.06": lambda: L.relative_interval("in_contract"),
    # the planner: cost per offer, curve, moves, the rules at CNY 20,000
    "20.8 % of the customers\noffered accepted it, and each accepted offer cost Skyline CNY 90 (`campaigns.offer_cost_cny`), so one offer\nmade costs CNY 18.7 on average":
        lambda: (_pct(L.accept_rate()), L.cost_per_accepted(), L.cost_per_contact()),
    "The planner's cost slider moves in\nsteps of CNY 5, so we use CNY 20":
        lambda: (5, L.offer_cost()),
    "net value climbs to a peak of\n¥36,693 after 547 contacts (¥10,940 of offers)":
        lambda: (_curve_peak()["net_value"], _curve_peak()["targeted"], _curve_peak()["spend"]),
    "drops below the CNY 20 an offer costs": lambda: L.offer_cost() if _peak_is_marginal() else None,
    "from contact 609 on come customers on 12- or 24-month": lambda: (_first_positive_in_contract(), 12, 24),
    "its cost. From 1,317 contacts (¥26,340)": lambda: (_first_loss()["targeted"], _first_loss()["spend"]),
    "24 customers have a negative CLV": lambda: len(_loss_makers()),
    "15 of them on\n12/24-month contracts. For those 15":
        lambda: (len(_loss_makers("in_contract")), 12, len(_loss_makers("in_contract"))),
    "(the first at contact 360)": lambda: int(_loss_makers("in_contract").index[0]),
    "contacting all 1,816 customers (¥36,320) loses ¥40,156":
        lambda: (len(L.base()), L.best_curve()["spend"].iloc[-1], -L.best_curve()["net_value"].iloc[-1]),
    "the starting ¥20,000 is already past the peak":
        lambda: 20000 if L.plan(20000).targeted > _curve_peak()["targeted"] else None,
    "Lower the budget to ¥10,400 (520 contacts): net value is ¥36,561":
        lambda: (10400, L.plan(10400).targeted, L.plan(10400).net_value),
    "(at ¥20,000 it is ¥19,036)": lambda: (20000, L.plan(20000).net_value),
    "Raise the budget to ¥40,000: every one of the 1,816 customers gets an offer, CLV kept turns negative\n  (−¥3,836) and the campaign loses ¥40,156 (ROI −111 %)":
        lambda: (40000, L.plan(40000).targeted, -L.plan(40000).clv_kept, -L.plan(40000).net_value, _pct(L.plan(40000).roi))
        if L.plan(40000).targeted == len(L.base()) else None,
    "With the same CNY 20,000 (1,000 offers at CNY 20)": lambda: (20000, L.plan().targeted, L.offer_cost()),
    "(39,036 − 20,000) ÷ 20,000 = 0.95":
        lambda: (L.plan().clv_kept, L.plan().spend, L.plan().spend, (round(L.plan().clv_kept) - L.plan().spend) / L.plan().spend),
    "Three in four\nof the 1,000 most valuable customers":
        lambda: L.plan(rule="value").targeted if 0.72 <= _value_rule_in_contract() < 0.78 else None,
    "`customers_saved` −1.68 means almost two customers\n*more* leave":
        lambda: L.plan(rule="value").customers_saved,
    "`clv_kept` −13,119 is CLV lost, and ROI (−13,119 − 20,000) ÷ 20,000 = −1.66\nsays the campaign loses its whole spend and 66 % more":
        lambda: (L.plan(rule="value").clv_kept, L.plan(rule="value").clv_kept, L.plan(rule="value").spend,
                 L.plan(rule="value").spend,
                 (round(L.plan(rule="value").clv_kept) - L.plan(rule="value").spend) / L.plan(rule="value").spend,
                 -_pct(L.plan(rule="value").roi + 1)),
    "For the value rule it is negative, −472": lambda: L.plan(rule="value").replacement_cost,
    # how much the plan rests on the uncertain effect
    "because its 1,000 offers reach 598\nmonth-to-month customers and 402 on 12/24-month contracts (all 15 loss-makers among them): its ROI runs from 0.44 to 1.58":
        lambda: (L.plan().targeted, _planned_mix()[0], _planned_mix()[1], 12,
                 int((_loss_makers("in_contract").index <= L.plan().targeted).sum()), *_roi_range("uplift_x_value", 20000)),
    "because 518 of its 520 offers go to month-to-month\ncustomers (the other 2 are loss-makers)":
        lambda: (_planned_mix(10400)[0], L.plan(10400).targeted, _planned_mix(10400)[1])
        if int((_loss_makers("in_contract").index <= L.plan(10400).targeted).sum()) == _planned_mix(10400)[1] else None,
    "Reading: at ¥20,000 even the best rule": lambda: 20000,
    "customers saved (unrounded) × CNY 282": lambda: round(L.acquisition_cost()),
    "At the peak's ¥10,400 it hardly moves (3.51 to 3.53)": lambda: (10400, *_roi_range("uplift_x_value", 10400)),
    "from −3.91 to +0.60 (−1.66 at the point estimate, +0.32 with no\neffect)":
        lambda: (*_roi_range("value", 20000), L.plan(rule="value").roi, L.plan(rule="value", effect_in_contract=0.0).roi),
    # cross-selling
    "At the starting 10 % threshold, 846 of the individual postpaid customers":
        lambda: (10, L.offers("individual_postpaid", 0.1)["broadband"]),
    "because 54 % of their segment holds broadband, and 157 (broadband only) get\na mobile offer (92 %)":
        lambda: (_pct(L.holding_rate("individual_postpaid", "broadband")), L.offers("individual_postpaid", 0.1)["mobile"],
                 _pct(L.holding_rate("individual_postpaid", "mobile"))),
    "Raise the minimum propensity to 60 %: the broadband offers vanish, since 54 % is below the\nbar, and only the 157 mobile offers stay":
        lambda: (60, _pct(L.holding_rate("individual_postpaid", "broadband")), L.offers("individual_postpaid", 0.6)["mobile"])
        if "broadband" not in L.offers("individual_postpaid", 0.6) else None,
    "292 broadband offers at 10 %, none at\n50 %, since 45 % of SMEs hold broadband":
        lambda: (L.offers("sme", 0.1)["broadband"], 10, 50, _pct(L.holding_rate("sme", "broadband")))
        if set(L.offers("sme", 0.5)) == {"none"} else None,
    # section 5 intro, CP01 overall, CP02, unresolved tickets
    "Only the 4,609 postpaid and business customers": lambda: len(L.lifetimes()),
    "The 3,391 prepaid customers": lambda: int((L.db().customers["segment"] == "individual_prepaid").sum()),
    "10.4 % − 7.7 % = 2.7 pts, with an interval\nfrom about zero to 5.4 pts":
        lambda: (_pct(_overall("rate_control")), _pct(_overall("rate_treatment")), _pct(_overall("uplift")),
                 _pct(_overall("high"))) if abs(_overall("low")) < 0.0005 else None,
    "Reading: 9.7 % of the customers offered broadband bought it, against 2.8 % of the control group: the offer sold\nabout 7 extra broadband lines per 100 customers offered (uplift 0.068":
        lambda: (_pct(_cp02("rate_treatment")), _pct(_cp02("rate_control")), round(_pct(_cp02("uplift"))), 100,
                 _cp02("uplift")),
    "Each line brings CNY 79 a month at list price, and each accepted offer cost Skyline\nCNY 100":
        lambda: (float(L.db().plans.set_index("plan_id").loc["BB-300", "monthly_fee_cny"]),
                 float(L.db().campaigns.set_index("campaign_id").loc["CP02", "offer_cost_cny"])),
    "the segment's 54 % holding rate would\nhave promised far more than the 9.7 % who bought":
        lambda: (_pct(L.holding_rate("individual_postpaid", "broadband")), _pct(_cp02("rate_treatment"))),
    "431 of the 1,525 unresolved tickets of these two kinds (28 %)":
        lambda: (_unresolved()["billing_dispute"], sum(_unresolved().values()),
                 _pct(_unresolved()["billing_dispute"] / sum(_unresolved().values()))),
    # upgrading (CP03)
    "8.8 % of the customers offered moved up, against 3.4 % of the control group, so about 5 extra upgrades\nper 100 customers offered; but the 95 % interval runs from 0.5 to 10.2 per 100":
        lambda: (_pct(_cp03()["rate_treatment"]), _pct(_cp03()["rate_control"]), round(_pct(_cp03()["uplift"])), 100, 95,
                 _pct(_cp03()["low"]), _pct(_cp03()["high"]), 100),
    "Each accepted offer cost CNY 50": lambda: float(L.db().campaigns.set_index("campaign_id").loc["CP03", "offer_cost_cny"]),
    "9.2 % of the\ncustomers offered accepted, so 100 offers cost about CNY 458":
        lambda: (_pct(campaign.cost_per_contact(L.db(), "CP03") / float(L.db().campaigns.set_index("campaign_id").loc["CP03", "offer_cost_cny"])),
                 100, 100 * campaign.cost_per_contact(L.db(), "CP03")),
    "their extra upgrades bring CNY 214\na month more": lambda: 100 * float(_cp03()["uplift"]) * _cp03_fee_gain(),
    "paying the offers back in about 2 months": _cp03_payback,
    "it takes about\n21 months": lambda: _cp03_payback("low"),
    # customised service
    "(230\nagainst 24 in the year) for a margin 12 % higher (¥71,232 against ¥63,353)":
        lambda: (_cust("enterprise", True, "hours"), _cust("enterprise", False, "hours"),
                 _pct(_cust("enterprise", True, "margin_cny") / _cust("enterprise", False, "margin_cny") - 1),
                 _cust("enterprise", True, "margin_cny"), _cust("enterprise", False, "margin_cny")),
    "(4 %\nagainst 3 % in 2025, but that is 3 accounts of 67 against 1 of 39)":
        lambda: (_pct(_cust("enterprise", True, "left_in_2025")), _pct(_cust("enterprise", False, "left_in_2025")),
                 _customised_counts().loc[("enterprise", True), "left"], _customised_counts().loc[("enterprise", True), "accounts"],
                 _customised_counts().loc[("enterprise", False), "left"], _customised_counts().loc[("enterprise", False), "accounts"]),
    "at ¥350 an\naccount-manager hour (`activity_costs`), 230 hours cost ¥80,500":
        lambda: (_activity_cost("account_manager_hour"), round(_cust("enterprise", True, "hours")),
                 round(_cust("enterprise", True, "hours")) * _activity_cost("account_manager_hour")),
    "drawn up at ¥6,000; if each of the 5.9 requests a\ncustomised enterprise account made in 2025 led to one, that is about ¥35,000 more":
        lambda: (_activity_cost("customised_contract"), _customised_counts().loc[("enterprise", True), "requests"],
                 round(_customised_counts().loc[("enterprise", True), "requests"] * _activity_cost("customised_contract"), -3)),
    # 7. value chain
    "its value added fell from 25 in 2023 to −16 in 2024 and −43 in 2025":
        lambda: (_vc("user_service", 2023), _vc("user_service", 2024), _vc("user_service", 2025)),
    "as its cost rose from 430 to 489":
        lambda: (_vc("user_service", 2023, "cost_cny_million"), _vc("user_service", 2025, "cost_cny_million")),
    "leaves unresolved multiply churn by about 2.6": lambda: _ratio("unresolved", "True"),
    "Network operation's value added dropped from 260 to 180 in 2024 because its cost jumped from 860 to 955":
        lambda: (_vc("network_operation", 2023), _vc("network_operation", 2024),
                 _vc("network_operation", 2023, "cost_cny_million"), _vc("network_operation", 2024, "cost_cny_million")),
    "Riverside had 9.5 faults per 100 sites a month in 2024, against 3.2 in 2023 and\n5.1 in 2025":
        lambda: (_faults("riverside", 2024), 100, _faults("riverside", 2023), _faults("riverside", 2025)),
    "(×1.75 at 6 or more faults per\n100 sites)": lambda: (_ratio("fault_rate", "[6, 100)"), 6, 100),
    "It recovered to 220 in 2025 (cost 930)":
        lambda: (_vc("network_operation", 2025), _vc("network_operation", 2025, "cost_cny_million")),
    # summary
    "Month-to-month customers leave about 4 % a month: a little under half (48 %) are gone after a year, and the\n  median one stays 14 months":
        lambda: (_rate("contract", "month_to_month"), 100 - _km("month_to_month"), _median("month_to_month")),
    "(held-out AUC 0.75": lambda: L.model().auc_test,
    "uplift for 12/24-month customers is −0.026 with a 95 % interval from −0.055 to +0.004":
        lambda: (12, _up("in_contract", "uplift"), 95, _up("in_contract", "low"), _up("in_contract", "high")),
}

SOURCED = {
    "(question 13 of": "the memo's question number in exercises/04_telecom_case.ipynb",
    "about $300 on average": "course notes S4 (二.3, 客户保持): US mobile operators' cost to win a subscriber",
    "question 13 of `exercises": "the memo's question number in exercises/04_telecom_case.ipynb",
    "customer-360": "the name of the view, not a number",
    "**customer 360 view": "the name of the view, not a number",
    "(客户360度视图)": "the view's Chinese name, not a number",
    "still customers on 1 January 2025": "the date the lesson's table starts from",
    "calls the top 5 % **platinum (铂金层)**,\nthe next 15 % **gold (黄金层)**, the next 60 % **iron (钢铁层)** and the bottom 20 %":
        "the tier cut-offs of crmlib.pyramid (lesson 01's customer pyramid)",
    "(the top 5 % of billed customers)": "the platinum cut-off of crmlib.pyramid",
    "is a fraction of 1": "what a fraction is, not a result",
    "paid a bill over 30 days late": "the definition of paying late in crmlib.customer360.credit_risk",
    "the price rise of 1 July 2024 (+¥10 a month": "the data card (datasets/README.md, the story and the planted effects)",
    "(more in section 6)": "a section number of this lesson",
    "read \"from 0 up to, but not including, 4\"; `[6, 100)` is \"6 or more\"": "how the band labels read",
    "on 70 % of the contract customers and judge it on the 30 %": "the split the lesson chooses (test_share=0.3)",
    "p ÷ (1 − p)": "the definition of odds",
    "Below 1 lowers churn, above 1 raises it": "what an odds ratio means",
    "of section 5.3": "a section number of this lesson",
    "Section 5.3 measured": "a section number of this lesson",
    "(0.5 = guessing, 1 = perfect)": "the meaning of the AUC scale",
    "at 0.5, a customer whose score is 0.5 or more": "the cut-off the lesson chooses",
    "offered 3 months at 30 % off": "the offer as campaigns.campaign_name gives it (CP01)",
    "within 92 days": "the measurement window the lesson chooses (campaign.retention_outcomes)",
    "a 95 % confidence interval": "the interval's level (z = 1.96 in campaign.uplift_table)",
    "within 3 months": "the planner's horizon (campaign.retention_base, horizon_months=3)",
    "like section 5.1's": "a section number of this lesson",
    "(7,043 US customers": "IBM's file as documented in ../shared/realdata/README.md; asserted by tests/test_realdata_churn.py",
    "26.5 % of IBM's customers had left": "printed by the appendix cell; asserted by tests/test_realdata_churn.py",
    "(AUC 0.831)": "printed by the appendix cell; asserted by tests/test_realdata_churn.py",
    "(month-to-month\n42.7 %, 12 months 11.3 %, 24 months 2.8 %)": "printed by the appendix cell; asserted by tests/test_realdata_churn.py",
    "(32.8 %) than the others (12.8 %)": "printed by the appendix cell; asserted by tests/test_realdata_churn.py",
    "the group that left most (41.9 %)": "IBM's InternetService column; asserted by tests/test_realdata_churn.py",
    "a 95 % interval from": "the interval's level (z = 1.96 in campaign.uplift_table)",
    "12- or 24-month": "the contract lengths Skyline sells (subscriptions.contract_type)",
    "12- and 24-month": "the contract lengths Skyline sells (subscriptions.contract_type)",
    "12/24-month": "the contract lengths Skyline sells (subscriptions.contract_type)",
    "(sections 1–5). Section 6": "section numbers of this lesson",
    "the monthly rate of section 5.1": "a section number of this lesson",
    "Reading: at the 0.5 cut-off": "the cut-off the lesson chooses",
    "And the faults per 100 cell sites": "the unit of the table that follows",
}
