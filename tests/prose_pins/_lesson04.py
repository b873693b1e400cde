"""Lesson 04's computations for its prose pins: the notebook's own steps, each done once (functools.cache)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from crmlib import adapters, campaign, churn, crosssell, customer360, datasets, pyramid


@cache
def db():
    return datasets.load("telecom")


@cache
def view() -> pd.DataFrame:
    return customer360.customer_360(db(), as_of="2025-12-31")


@cache
def billed() -> pd.DataFrame:
    out = view()[view()["margin_cny"] != 0].copy()
    out["tier"] = pyramid.assign_tiers(out["margin_cny"])
    return out.join(customer360.customer_flags(out))


@cache
def by_segment() -> pd.DataFrame:
    return billed().groupby("segment", observed=True)["margin_cny"].agg(["size", "mean"])


@cache
def with_bills() -> pd.DataFrame:
    return view()[view()["cumulative_spend_cny"] > 0]


@cache
def credit_risk() -> pd.DataFrame:
    return customer360.credit_risk(view(), "credit_class")


@cache
def months() -> pd.DataFrame:
    return churn.customer_months(db())


@cache
def monthly() -> pd.Series:
    return churn.churn_rates(months(), "month")["churn_rate"]


@cache
def lifetimes() -> pd.DataFrame:
    return churn.customer_lifetimes(db())


@cache
def curves(by: str) -> pd.DataFrame:
    return churn.kaplan_meier(lifetimes(), duration="months", event="churned", group=by, entry="entry_months")


def survival(by: str, month: int, group) -> float:
    return float(churn.survival_at(curves(by), month)[group])


@cache
def drivers() -> pd.DataFrame:
    table = churn.driver_table(months(), ["contract", "bundle", "unresolved", "price_rise", "fault_rate", "tenure_years"],
                               bands={"fault_rate": [0, 4, 6, 100], "tenure_years": [0, 1, 3, 6, 100]})
    return table.set_index(["driver", table["level"].astype(str)])


@cache
def churn_table() -> pd.DataFrame:
    table = adapters.telecom_churn_table(db())
    extra = view().set_index("customer_id")
    table["unresolved_tickets"] = table["customer_id"].map(extra["unresolved_tickets"]).to_numpy()
    table["complaints"] = table["customer_id"].map(extra["complaints"]).to_numpy()
    return table


@cache
def model():
    features = ["contract_type", "tenure_months", "has_bundle", "monthly_fee", "segment", "unresolved_tickets",
                "complaints"]
    return churn.fit_churn_model(churn_table(), features, test_share=0.3, seed=4)


def odds_ratio(feature: str) -> float:
    return float(model().coefficients.loc[feature, "odds_ratio"])


@cache
def acquisition_cost() -> float:
    c = db().customers
    return float(c.loc[c["segment"] == "individual_postpaid", "acquisition_cost_cny"].mean())


@cache
def uplift() -> pd.DataFrame:
    return campaign.uplift_table(campaign.retention_outcomes(db(), "CP01", days=92), outcome="churned", by="contract")


@cache
def base() -> pd.DataFrame:
    return campaign.retention_base(db(), effects=campaign.offer_effects(uplift()))


def accept_rate() -> float:
    cc = db().campaign_contacts
    treated = cc[(cc["campaign_id"] == "CP01").to_numpy() & (cc["group"].astype(str) == "treatment").to_numpy()]
    return float(treated["accepted_offer"].mean())


def cost_per_accepted() -> float:
    return float(db().campaigns.set_index("campaign_id").loc["CP01", "offer_cost_cny"])


def cost_per_contact() -> float:
    return campaign.cost_per_contact(db(), "CP01")


def offer_cost() -> int:
    """The planner's cost per offer made, in whole yuan, as the lesson computes it."""
    return 5 * round(cost_per_contact() / 5)  # the planner's cost slider moves in steps of CNY 5


def plan(budget: float = 20000, rule: str = "uplift_x_value", effect_in_contract: float | None = None):
    table = base()
    if effect_in_contract is not None:
        table = table.assign(effect=np.where(table["contract"] == "in_contract", max(effect_in_contract, -1.0),
                                             table["effect"]))
    return campaign.plan_campaign(table, budget=budget, offer_cost=offer_cost(), rule=rule,
                                  acquisition_cost=round(acquisition_cost()))


@cache
def best_curve() -> pd.DataFrame:
    """The planner's curve for the best rule, one point per customer (as the widget draws it)."""
    curve = campaign.plan_curve(base(), offer_cost=offer_cost(), rules=["uplift_x_value"], points=len(base()))
    return curve.reset_index(drop=True)


def relative_interval(group: str) -> tuple[float, float]:
    row = uplift().loc[group]
    return float(row["low"] / row["rate_control"]), float(row["high"] / row["rate_control"])


@cache
def holding() -> pd.DataFrame:
    return crosssell.holdings(db().subscriptions, db().plans, at="2025-12-31")


def offers(group: str, min_propensity: float) -> dict:
    segment = db().customers.set_index("customer_id")["segment"].reindex(holding().index).astype(str)
    mask = (segment == group).to_numpy()
    found = crosssell.next_best_offer(holding()[mask], segment[mask], min_propensity=min_propensity)
    return found["offer"].value_counts().to_dict()


def holding_rate(group: str, product: str) -> float:
    segment = db().customers.set_index("customer_id")["segment"]
    return float(crosssell.holding_rates(holding(), segment).loc[group, product])


@cache
def customised() -> pd.DataFrame:
    """Section 6: business accounts still customers on 1 January 2025, by segment and customisation."""
    left = db().churn_events.set_index("customer_id")["churn_date"]
    ba = db().business_accounts.merge(view()[["customer_id", "segment", "margin_cny"]], on="customer_id")
    ba = ba[~(ba["customer_id"].map(left) < "2025-01-01").to_numpy()]
    ba["customised"] = ba["customisation_requests_last_year"] > 0
    ba["left_in_2025"] = ba["customer_id"].map(left).notna()
    return ba.groupby(["segment", "customised"], observed=True).agg(
        hours=("account_manager_hours_last_year", "mean"), margin_cny=("margin_cny", "mean"),
        left_in_2025=("left_in_2025", "mean"))


@cache
def value_chain() -> pd.DataFrame:
    vc = db().value_chain.assign(value_added=lambda d: d["revenue_attributed_cny_million"] - d["cost_cny_million"])
    return vc.set_index(["link", "year"])
