"""Lesson 04's findings match the planted effects of datasets/README.md."""

from __future__ import annotations

import pytest

from crmlib import campaign, churn
from crmlib.datasets import load


@pytest.fixture(scope="module")
def db():
    return load("telecom")


@pytest.fixture(scope="module")
def months(db):
    return churn.customer_months(db)


def test_churn_by_contract_unresolved_faults_price_bundle_tenure(months):
    ip = months[months["segment"] == "individual_postpaid"]
    by_contract = churn.churn_rates(ip, "contract")["churn_rate"]
    assert by_contract["month_to_month"] == pytest.approx(0.0406, abs=0.001)
    assert by_contract["12_months"] == pytest.approx(0.0172, abs=0.001)
    assert by_contract["24_months"] == pytest.approx(0.0108, abs=0.001)
    d = churn.driver_table(months, ["unresolved", "fault_rate"], bands={"fault_rate": [0, 4, 6, 100]}).set_index(["driver", "level"])
    assert d.loc[("unresolved", "True"), "churn_rate"] == pytest.approx(0.0537, abs=0.001)
    assert d.loc[("unresolved", "False"), "churn_rate"] == pytest.approx(0.0207, abs=0.001)
    assert d.loc[("fault_rate", "[6, 100)"), "ratio"] == pytest.approx(1.75, abs=0.02)
    b = churn.churn_rates(ip, "bundle")["churn_rate"]
    assert b[False] == pytest.approx(0.0304, abs=0.001) and b[True] == pytest.approx(0.0167, abs=0.001)
    t = churn.driver_table(ip, ["tenure_years"], bands={"tenure_years": [0, 1, 3, 6, 100]})["churn_rate"]
    assert t.iloc[0] == pytest.approx(0.0371, abs=0.001) and t.iloc[-1] == pytest.approx(0.0180, abs=0.001)
    w = months[(months["month"] >= "2024-07-01") & (months["month"] < "2025-01-01")
               & (months["segment"] == "individual_postpaid") & (months["contract"] == "month_to_month")]
    assert w.loc[w["price_rise"], "churned"].mean() == pytest.approx(0.0743, abs=0.001)


def test_retention_offer_uplift_positive_for_m2m_negative_for_contract(db):
    u = campaign.uplift_table(campaign.retention_outcomes(db), outcome="churned", by="contract")
    assert u.loc["month_to_month", "uplift"] == pytest.approx(0.113, abs=0.005)
    assert u.loc["in_contract", "uplift"] == pytest.approx(-0.026, abs=0.005)
    assert (u.loc["month_to_month", "n_treatment"], u.loc["month_to_month", "n_control"]) == (413, 288)


def test_survival_and_weakest_link(db):
    life = churn.customer_lifetimes(db)
    assert life["churned"].mean() == pytest.approx(0.448, abs=0.001)
    km = churn.kaplan_meier(life, duration="months", event="churned", group="contract", entry="entry_months")
    s = churn.survival_at(km, 12)
    assert s["month_to_month"] < s["12_months"] < s["24_months"]
    vc = db.value_chain[db.value_chain["year"] == 2025].set_index("link")
    added = vc["revenue_attributed_cny_million"] - vc["cost_cny_million"]
    assert added.idxmin() == "user_service" and added["user_service"] == pytest.approx(-43)


def test_campaign_rules_rank_as_the_notebook_says(db):
    u = campaign.uplift_table(campaign.retention_outcomes(db), outcome="churned", by="contract")
    base = campaign.retention_base(db, effects=campaign.offer_effects(u))
    kept = {r: campaign.plan_campaign(base, budget=20000, offer_cost=30, rule=r).clv_kept for r in campaign.RULES}
    assert max(kept, key=kept.get) == "uplift_x_value"
    assert kept["value"] < kept["uplift_x_value"]


def test_driver_chart_title_matches_the_lesson_text(months):
    """The title's ratio is the widest gap within one driver (highest level ÷ lowest), as the lesson defines it:
    contract, month-to-month 3.86 % ÷ 24-month 0.94 % = 4.1, above price rise's 3.65."""
    from crmlib import plots  # noqa: F401  (plots.churn is a submodule)
    from crmlib.plots.churn import driver_chart

    drivers = churn.driver_table(months, ["contract", "bundle", "unresolved", "price_rise", "fault_rate", "tenure_years"],
                                 bands={"fault_rate": [0, 4, 6, 100], "tenure_years": [0, 1, 3, 6, 100]})
    fig = driver_chart(drivers, language="en")
    assert fig.axes[0].get_title() == "Widest gap is contract: month-to-month has 4.1× the churn of 24 months"
    ticks = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert "network faults per 100 sites: 6 or more" in ticks and "bundle: yes" in ticks
    zh = driver_chart(drivers, language="zh").axes[0].get_title()
    assert zh == "差距最大的是合约类型：“按月合约”的月流失率是“24 个月合约”的 4.1 倍"  # quoted: no "是24"


def test_uplift_chart_title_names_both_groups_in_points(db):
    from crmlib.plots.campaign import uplift_chart

    uplift = campaign.uplift_table(campaign.retention_outcomes(db, "CP01", days=92), outcome="churned", by="contract")
    title = uplift_chart(uplift, language="en").axes[0].get_title()
    assert title == ("The offer cut churn by 11.3 pts on month-to-month\n"
                     "but raised it by 2.6 pts on 12/24-month contracts")
