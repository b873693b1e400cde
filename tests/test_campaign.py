"""crmlib.campaign: uplift with control groups and the retention planner."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import campaign


def test_uplift_by_group_and_direction():
    c = pd.DataFrame({"group": ["treatment"] * 4 + ["control"] * 4, "k": list("xxyy") * 2,
                      "left": [False, False, True, True, True, False, False, False]})
    u = campaign.uplift_table(c, outcome="left", by="k")
    assert u.loc["x", "uplift"] == pytest.approx(0.5) and u.loc["y", "uplift"] == pytest.approx(-1.0)
    good = campaign.uplift_table(c, outcome="left", outcome_is_bad=False)
    assert good.loc["all", "uplift"] == pytest.approx(0.5 - 0.25)
    with pytest.raises(ValueError, match="must hold both"):
        campaign.uplift_table(c.assign(group="treatment"), outcome="left")


def test_planner_spends_the_budget_down_the_rule():
    base = pd.DataFrame({"risk": [0.5, 0.4, 0.1], "clv": [1000.0, 3000.0, 8000.0], "effect": [0.5, -0.5, 0.5]})
    p = campaign.plan_campaign(base, budget=250, offer_cost=100, rule="risk", acquisition_cost=300)
    assert p.targeted == 2 and p.spend == 200
    assert p.customers_saved == pytest.approx(0.25 - 0.2)
    assert p.clv_kept == pytest.approx(250 - 600)
    assert p.roi == pytest.approx((-350 - 200) / 200)
    assert p.replacement_cost == pytest.approx(0.05 * 300)
    best = campaign.plan_campaign(base, budget=100, offer_cost=100, rule="uplift_x_value")
    assert best.clv_kept == pytest.approx(0.1 * 0.5 * 8000)
    with pytest.raises(ValueError, match="rule must be one of"):
        campaign.plan_campaign(base, budget=100, offer_cost=100, rule="luck")
    with pytest.raises(ValueError, match="offer_cost"):
        campaign.plan_campaign(base, budget=100, offer_cost=0)


def test_plan_curve_ends_where_everyone_is_contacted():
    base = pd.DataFrame({"risk": [0.5, 0.1], "clv": [1000.0, 1000.0], "effect": [0.5, 0.5]})
    curve = campaign.plan_curve(base, offer_cost=10, rules=["risk", "value"], points=2)
    last = curve.groupby("rule")["net_value"].last()
    assert last.tolist() == [pytest.approx(300 - 20)] * 2


def test_offer_effects_are_relative():
    u = pd.DataFrame({"rate_control": [0.181, 0.057], "uplift": [0.113, -0.026]}, index=["m", "c"])
    assert campaign.offer_effects(u).round(3).tolist() == [0.624, -0.456]


def test_cost_per_contact_is_the_accept_rate_times_the_cost_of_an_accepted_offer():
    tables = {
        "campaigns": pd.DataFrame({"campaign_id": ["X"], "offer_cost_cny": [80.0]}),
        "campaign_contacts": pd.DataFrame({"campaign_id": ["X"] * 5, "group": ["treatment"] * 4 + ["control"],
                                           "accepted_offer": [True, False, False, False, False]}),
    }
    assert campaign.cost_per_contact(tables, "X") == pytest.approx(20.0)  # 1 of 4 treated accepted × 80
    with pytest.raises(ValueError, match="campaign 'Y' not found"):
        campaign.cost_per_contact(tables, "Y")
    with pytest.raises(ValueError, match="no customers in group"):
        campaign.cost_per_contact(tables, "X", group="nobody")
