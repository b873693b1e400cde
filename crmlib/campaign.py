"""Campaign economics: uplift measured with a random control group, and a retention campaign planner.

**Uplift** (:func:`uplift_table`) is the difference a campaign makes: the outcome rate in the treated
group against the rate in the control group that was held back at random. For churn, fewer leavers
in the treated group is good, so uplift = control rate − treated rate.

**The planner** (:func:`plan_campaign`) spends a budget on retention offers. Each customer has a
churn ``risk`` (chance of leaving in the campaign's horizon), a ``value`` (CLV kept if they stay) and
an ``effect`` (the relative cut in risk the offer brings; negative where an offer wakes "sleeping
dogs"). A targeting rule orders the customers; the budget buys offers down that order. Expected
customers saved = Σ risk × effect; CLV kept = Σ risk × effect × value; ROI = (CLV kept − spend) /
spend; and the saved customers are priced at what winning replacements would cost.

    >>> import pandas as pd
    >>> base = pd.DataFrame({"risk": [0.5, 0.1, 0.3], "clv": [1000.0, 5000.0, 2000.0], "effect": [0.6, 0.6, -0.4]})
    >>> plan = plan_campaign(base, budget=200, offer_cost=100, rule="risk", acquisition_cost=300)
    >>> plan.targeted, round(plan.customers_saved, 2), round(plan.clv_kept)
    (2, 0.18, 60)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crmlib._checks import flags as _flags
from crmlib._checks import require_columns

__all__ = ["RULES", "uplift_table", "retention_outcomes", "cost_per_contact", "target_order", "CampaignPlan",
           "plan_campaign", "plan_curve", "offer_effects", "retention_base"]

#: Targeting rules of the planner: the score customers are sorted by, highest first.
RULES: dict[str, str] = {
    "risk": "churn risk",
    "value": "customer value (CLV)",
    "risk_x_value": "risk × value (expected CLV lost)",
    "uplift_x_value": "risk × offer effect × value (expected CLV kept)",
}


def uplift_table(contacts: pd.DataFrame, *, outcome: str, group: str = "group", by: str | Sequence[str] | None = None,
                 treatment: str = "treatment", control: str = "control", outcome_is_bad: bool = True,
                 z: float = 1.96) -> pd.DataFrame:
    """Outcome rates in the treated and control groups, and the uplift with a 95 % interval.

    Uplift is control − treatment when the outcome is bad, such as churn; treatment − control when it is good,
    such as buying.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per customer in the campaign, treated or held back as control.
    outcome : str
        A true/false column (e.g. churned within 92 days).
    group : str, default "group"
        The column that says treatment or control.
    by : str or sequence of str, optional
        Columns to give one row per level of (default: a single row ``all``).
    treatment, control : str, default "treatment", "control"
        The labels of the two groups in ``group``.
    outcome_is_bad : bool, default True
        Whether fewer outcomes in the treated group is good (churn) or more (buying).
    z : float, default 1.96
        The interval's width in standard errors.

    Returns
    -------
    pandas.DataFrame
        One row per level of ``by`` (or ``all``), columns ``n_treatment``, ``n_control``, ``rate_treatment``,
        ``rate_control``, ``uplift``, ``low`` and ``high`` (the interval ``uplift ± z × standard error``).

    Raises
    ------
    TypeError
        When ``contacts`` is not a DataFrame.
    ColumnError
        When a column is not in ``contacts``.
    ValueError
        When ``outcome`` is not a true/false column, ``group`` lacks the treatment or the control label, or a level
        of ``by`` lacks treated or control customers.

    Examples
    --------
    >>> c = pd.DataFrame({"group": ["treatment"] * 4 + ["control"] * 4,
    ...                   "left": [True, False, False, False, True, True, False, False]})
    >>> uplift_table(c, outcome="left")[["rate_treatment", "rate_control", "uplift"]]
         rate_treatment  rate_control  uplift
    all            0.25           0.5    0.25
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    require_columns(contacts, {"outcome": outcome, "group": group, "by": keys}, "contacts")
    flags = _flags(contacts, outcome)
    labels = contacts[group].astype(str)
    found = set(labels.unique())
    if not {treatment, control} <= found:
        raise ValueError(f"column {group!r} must hold both {treatment!r} and {control!r}; found {', '.join(sorted(found))}")
    frame = pd.DataFrame({"_y": flags, "_t": (labels == treatment).to_numpy(), "_c": (labels == control).to_numpy()})
    frame["_key"] = "all" if not keys else (
        contacts[keys[0]].astype(str).to_numpy() if len(keys) == 1
        else contacts[keys].astype(str).agg(" / ".join, axis=1).to_numpy())
    g = frame.groupby("_key", sort=True)
    n_t, n_c = g["_t"].sum(), g["_c"].sum()
    y_t = frame["_y"].where(frame["_t"], False).groupby(frame["_key"]).sum()
    y_c = frame["_y"].where(frame["_c"], False).groupby(frame["_key"]).sum()
    if (n_t == 0).any() or (n_c == 0).any():
        empty = [str(k) for k in n_t.index if n_t[k] == 0 or n_c[k] == 0]
        raise ValueError(f"every group needs treated and control customers; {', '.join(empty)} lacks one")
    r_t, r_c = y_t / n_t, y_c / n_c
    uplift = (r_c - r_t) if outcome_is_bad else (r_t - r_c)
    se = np.sqrt(r_t * (1 - r_t) / n_t + r_c * (1 - r_c) / n_c)
    out = pd.DataFrame({"n_treatment": n_t.astype("int64"), "n_control": n_c.astype("int64"),
                        "rate_treatment": r_t, "rate_control": r_c, "uplift": uplift,
                        "low": uplift - z * se, "high": uplift + z * se})
    out.index.name = None if not keys else " / ".join(keys)
    return out


def retention_outcomes(tables: Any, campaign: str = "CP01", days: int = 92) -> pd.DataFrame:
    """The contacts of a retention campaign, with whether each customer left soon after and their contract.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The kit's telecom tables by name; it needs campaigns, campaign_contacts, churn_events and
        subscriptions.
    campaign : str, default "CP01"
        The campaign's id.
    days : int, default 92
        How many days after the campaign's start a leaver counts as churned.

    Returns
    -------
    pandas.DataFrame
        The campaign's contacts with ``churned`` (left within ``days`` of its start) and ``contract``
        (month_to_month, or in_contract for 12/24-month customers).

    Raises
    ------
    ValueError
        When there is no campaign ``campaign``; the message lists those there are.

    Examples
    --------
    >>> from crmlib.synth import TelecomParams, generate
    >>> db = generate(TelecomParams(customers=300))  # a small copy of the kit's data (0.5 s)
    >>> out = retention_outcomes(db)
    >>> out.columns.tolist(), sorted(out["contract"].unique())
    (['campaign_id', 'customer_id', 'group', 'contact_date', 'accepted_offer', 'churned', 'contract'], ['in_contract', 'month_to_month'])
    """
    camp = tables["campaigns"].set_index("campaign_id")
    if campaign not in camp.index:
        raise ValueError(f"campaign {campaign!r} not found; the campaigns are: {', '.join(camp.index)}")
    start = camp.loc[campaign, "start_date"]
    cc = tables["campaign_contacts"]
    cc = cc[(cc["campaign_id"] == campaign).to_numpy()].copy()
    left = cc["customer_id"].map(tables["churn_events"].set_index("customer_id")["churn_date"])
    cc["churned"] = (left.notna() & (left < start + pd.Timedelta(days=days))).to_numpy()
    subs = tables["subscriptions"]
    first = subs.sort_values(["start_date", "subscription_id"]).groupby("customer_id")["contract_type"].first()
    kind = cc["customer_id"].map(first).astype(str)
    cc["contract"] = np.where(kind == "month_to_month", "month_to_month", "in_contract")
    cc["group"] = cc["group"].astype(str)
    return cc.reset_index(drop=True)


def cost_per_contact(tables: Any, campaign: str = "CP01", *, group: str = "treatment") -> float:
    """What one offer made is expected to cost, from a campaign's own data.

    The share of the treated customers who accepted the offer × the cost of one accepted offer
    (``campaigns.offer_cost_cny``). The data hold no cost for the contact itself; add it if you know it.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The kit's tables; ``campaigns`` and ``campaign_contacts`` are read.
    campaign : str, default "CP01"
        The campaign's id.
    group : str, default "treatment"
        The group (a value of ``campaign_contacts.group``) whose acceptance rate is used.

    Returns
    -------
    float
        The expected cost in CNY of one offer made.

    Raises
    ------
    ValueError
        When the campaign is not in the data, or has no customers in ``group``.

    Examples
    --------
    >>> from crmlib.datasets import load
    >>> round(cost_per_contact(load("telecom")), 2)
    18.7
    """
    camp = tables["campaigns"].set_index("campaign_id")
    if campaign not in camp.index:
        raise ValueError(f"campaign {campaign!r} not found; the campaigns are: {', '.join(camp.index)}")
    cc = tables["campaign_contacts"]
    treated = cc[((cc["campaign_id"] == campaign) & (cc["group"].astype(str) == group)).to_numpy()]
    if treated.empty:
        raise ValueError(f"campaign {campaign!r} has no customers in group {group!r}")
    return float(_flags(treated, "accepted_offer").mean() * float(camp.loc[campaign, "offer_cost_cny"]))


def _column(table: pd.DataFrame, name: str, what: str, low: float | None = None, high: float | None = None) -> np.ndarray:
    values = pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ValueError(f"column {name!r} ({what}) must be numbers with no missing values")
    if (low is not None and (values < low).any()) or (high is not None and (values > high).any()):
        raise ValueError(f"column {name!r} ({what}) must lie between {low} and {high}; found "
                         f"{values.min():g} to {values.max():g}")
    return values


def target_order(table: pd.DataFrame, rule: str, *, risk: str = "risk", value: str = "clv",
                 effect: str = "effect") -> np.ndarray:
    """Row positions in the order a rule contacts customers (best first; ties keep table order).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    rule : str
        A targeting rule, a key of ``RULES``.
    risk : str, default "risk"
        The column of churn risk over the horizon without an offer (0 to 1).
    value : str, default "clv"
        The column of CLV kept if the customer stays.
    effect : str, default "effect"
        The column of the relative cut in risk an offer brings (−1 to 1; 0.6 = 60 % fewer leave; negative = the
        offer makes leaving more likely).

    Returns
    -------
    numpy.ndarray
        Row positions, best first.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a column is not in the table.
    ValueError
        When ``rule`` is not one of ``RULES``, or a column holds values that are missing, not numbers, or out of
        range (risk outside 0 to 1, effect outside −1 to 1).

    Examples
    --------
    >>> t = pd.DataFrame({"risk": [0.1, 0.5], "clv": [900.0, 100.0], "effect": [0.5, 0.5]})
    >>> target_order(t, "risk").tolist(), target_order(t, "value").tolist()
    ([1, 0], [0, 1])
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}; got {rule!r}")
    require_columns(table, {"risk": risk, "value": value, "effect": effect}, "the customer table")
    p = _column(table, risk, "churn risk", 0, 1)
    v = _column(table, value, "customer value")
    e = _column(table, effect, "offer effect", -1, 1)
    score = {"risk": p, "value": v, "risk_x_value": p * v, "uplift_x_value": p * e * v}[rule]
    return np.argsort(-score, kind="stable")


@dataclass(frozen=True)
class CampaignPlan:
    """What a retention campaign is expected to achieve (see :func:`plan_campaign`).

    Parameters
    ----------
    rule : str
        The targeting rule.
    targeted : int
        Customers contacted.
    spend : float
        What the offers cost.
    customers_saved : float
        Expected customers saved: Σ risk × effect.
    clv_kept : float
        Expected CLV kept: Σ risk × effect × value.
    roi : float
        (CLV kept − spend) / spend; 0 when nothing is spent.
    replacement_cost : float
        What winning as many new customers as are saved would cost.
    eligible : int
        Customers the campaign could target.

    Examples
    --------
    >>> CampaignPlan("risk", 2, 200.0, 0.5, 500.0, 1.5, 150.0, 10).net_value
    300.0
    """

    rule: str
    targeted: int
    spend: float
    customers_saved: float
    clv_kept: float
    roi: float
    replacement_cost: float
    eligible: int

    @property
    def net_value(self) -> float:
        """CLV kept minus the spend."""
        return self.clv_kept - self.spend


def plan_campaign(table: pd.DataFrame, *, budget: float, offer_cost: float, rule: str = "uplift_x_value",
                  risk: str = "risk", value: str = "clv", effect: str = "effect",
                  acquisition_cost: float = 300.0, order: np.ndarray | None = None) -> CampaignPlan:
    """Spend ``budget`` on offers costing ``offer_cost`` each, down the order of ``rule``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    budget : float
        The campaign's budget (CNY, ≥ 0).
    offer_cost : float
        The cost of one offer (CNY per customer contacted, > 0).
    rule : str, default "uplift_x_value"
        A targeting rule, a key of ``RULES``.
    risk : str, default "risk"
        The column of churn risk over the horizon without an offer (0 to 1).
    value : str, default "clv"
        The column of CLV kept if the customer stays.
    effect : str, default "effect"
        The column of the relative cut in risk an offer brings (−1 to 1; 0.6 = 60 % fewer leave; negative = the
        offer makes leaving more likely).
    acquisition_cost : float, default 300.0
        Prices the saved customers at what winning replacements would cost (CNY each, ≥ 0).
    order : numpy.ndarray, optional
        A :func:`target_order` already computed, reused so that a widget does not sort again.

    Returns
    -------
    CampaignPlan
        Customers targeted, spend, customers saved, CLV kept, ROI and replacement cost.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a column is not in the table.
    ValueError
        When ``rule`` is not one of ``RULES``, or a column holds values that are missing, not numbers, or out of
        range (risk outside 0 to 1, effect outside −1 to 1).
        Also when ``budget`` or ``acquisition_cost`` is not a number ≥ 0, ``offer_cost`` is not a number above 0,
        or ``order`` does not list every row.

    Examples
    --------
    >>> t = pd.DataFrame({"risk": [0.2] * 10, "clv": [1000.0] * 10, "effect": [0.5] * 10})
    >>> p = plan_campaign(t, budget=500, offer_cost=100)
    >>> p.targeted, p.spend, round(p.customers_saved, 2), round(p.clv_kept), round(p.roi, 2), p.replacement_cost
    (5, 500.0, 0.5, 500, 0.0, 150.0)
    >>> plan_campaign(t, budget=-1, offer_cost=100)
    Traceback (most recent call last):
    ...
    ValueError: budget must be a number >= 0 (CNY); got -1
    """
    for name, amount in (("budget", budget), ("acquisition_cost", acquisition_cost)):
        if isinstance(amount, bool) or not isinstance(amount, (int, float, np.number)) or not amount >= 0:
            raise ValueError(f"{name} must be a number >= 0 (CNY); got {amount!r}")
    if isinstance(offer_cost, bool) or not isinstance(offer_cost, (int, float, np.number)) or not offer_cost > 0:
        raise ValueError(f"offer_cost must be a number > 0 (CNY per customer contacted); got {offer_cost!r}")
    if order is None:
        order = target_order(table, rule, risk=risk, value=value, effect=effect)
    elif len(order) != len(table):
        raise ValueError(f"order must list every row of the table ({len(table)}); got {len(order)}")
    n = int(min(len(table), np.floor(budget / offer_cost + 1e-9)))
    chosen = order[:n]
    p = table[risk].to_numpy(dtype=float)[chosen]
    e = table[effect].to_numpy(dtype=float)[chosen]
    v = table[value].to_numpy(dtype=float)[chosen]
    saved = float((p * e).sum())
    kept = float((p * e * v).sum())
    spend = float(n * offer_cost)
    roi = (kept - spend) / spend if spend else 0.0
    return CampaignPlan(rule, n, spend, saved, kept, roi, saved * float(acquisition_cost), len(table))


def plan_curve(table: pd.DataFrame, *, offer_cost: float, rules: Sequence[str] = tuple(RULES),
               risk: str = "risk", value: str = "clv", effect: str = "effect", points: int = 60) -> pd.DataFrame:
    """Net value (CLV kept − spend) against the number of customers contacted, for each rule.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    offer_cost : float
        The cost of one offer (> 0).
    rules : sequence of str, default every rule of ``RULES``
        The targeting rules to compare.
    risk : str, default "risk"
        The column of churn risk over the horizon without an offer (0 to 1).
    value : str, default "clv"
        The column of CLV kept if the customer stays.
    effect : str, default "effect"
        The column of the relative cut in risk an offer brings (−1 to 1; 0.6 = 60 % fewer leave; negative = the
        offer makes leaving more likely).
    points : int, default 60
        The number of steps from 0 to every customer.

    Returns
    -------
    pandas.DataFrame
        Columns ``rule``, ``targeted``, ``spend``, ``clv_kept``, ``net_value``, one row per rule and step.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a column is not in the table.
    ValueError
        When ``rule`` is not one of ``RULES``, or a column holds values that are missing, not numbers, or out of
        range (risk outside 0 to 1, effect outside −1 to 1).
        Also when ``offer_cost`` is not above 0.

    Examples
    --------
    >>> t = pd.DataFrame({"risk": [0.5, 0.1], "clv": [1000.0, 1000.0], "effect": [0.5, 0.5]})
    >>> plan_curve(t, offer_cost=100, rules=["risk"], points=2)["net_value"].tolist()
    [0.0, 150.0, 100.0]
    """
    if not offer_cost > 0:
        raise ValueError(f"offer_cost must be a number > 0; got {offer_cost!r}")
    steps = np.unique(np.linspace(0, len(table), points + 1).round().astype(int))
    p = table[risk].to_numpy(dtype=float) if risk in table else None
    parts = []
    for rule in rules:
        order = target_order(table, rule, risk=risk, value=value, effect=effect)
        assert p is not None
        gain = np.concatenate([[0.0], np.cumsum((p * table[effect].to_numpy(float) * table[value].to_numpy(float))[order])])
        kept = gain[steps]
        spend = steps * float(offer_cost)
        parts.append(pd.DataFrame({"rule": rule, "targeted": steps, "spend": spend, "clv_kept": kept,
                                   "net_value": kept - spend}))
    return pd.concat(parts, ignore_index=True)


def offer_effects(uplift: pd.DataFrame) -> pd.Series:
    """The relative cut in churn an offer brings per group: uplift / control rate.

    0.6 means 60 % fewer leave; negative means more leave. The effect is clipped to −1 … 1.

    Parameters
    ----------
    uplift : pandas.DataFrame
        A table with ``rate_control`` and ``uplift``, as :func:`uplift_table` returns.

    Returns
    -------
    pandas.Series
        The effect per group, named ``effect``.

    Raises
    ------
    TypeError
        When ``uplift`` is not a DataFrame.
    ColumnError
        When ``rate_control`` or ``uplift`` is not a column.
    ValueError
        When a group's control churn rate is not above 0.

    Examples
    --------
    >>> u = pd.DataFrame({"rate_control": [0.2, 0.05], "uplift": [0.12, -0.02]}, index=["a", "b"])
    >>> offer_effects(u).round(2).to_dict()
    {'a': 0.6, 'b': -0.4}
    """
    require_columns(uplift, ["rate_control", "uplift"], "uplift")
    if (uplift["rate_control"] <= 0).any():
        raise ValueError("every group needs a control churn rate > 0 to turn uplift into a relative effect")
    return (uplift["uplift"] / uplift["rate_control"]).clip(-1, 1).rename("effect")


def retention_base(tables: Any, *, effects: pd.Series, horizon_months: int = 3, discount_rate: float = 0.1,
                   segment: str = "individual_postpaid", at: str = "2025-12-01") -> pd.DataFrame:
    """The customers a retention campaign could target on month ``at``, with the planner's columns.

    A churn model is fitted on every customer-month (``churn.customer_months``: contract, ln tenure,
    bundle, faults above 3 per 100 sites, unresolved complaint, price rise, segment); its monthly
    risk ``h`` for each active customer of ``segment`` in month ``at`` gives ``risk`` (leaving within
    ``horizon_months``: 1 − (1 − h)^months) and the yearly retention (1 − h)^12 for ``clv`` (the
    ``at`` year's margin as a retention CLV, ``crmlib.clv.retention_clv``).

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The kit's telecom tables by name (those :func:`crmlib.churn.customer_months` needs).
    effects : pandas.Series
        Maps ``month_to_month`` / ``in_contract`` to the offer's relative effect (:func:`offer_effects`).
    horizon_months : int, default 3
        The campaign's horizon, in months.
    discount_rate : float, default 0.1
        The yearly discount rate of the CLV.
    segment : str, default "individual_postpaid"
        The segment the campaign targets.
    at : str, default "2025-12-01"
        The month of the campaign.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id``, ``contract``, ``risk``, ``clv``, ``effect``, ``margin_cny``.

    Raises
    ------
    ValueError
        When ``effects`` lacks month_to_month or in_contract, a table is missing, or there is no active customer of
        ``segment`` in month ``at``.

    Examples
    --------
    >>> from crmlib.synth import TelecomParams, generate
    >>> db = generate(TelecomParams(customers=1500))  # small, but every segment has leavers to fit
    >>> base = retention_base(db, effects=pd.Series({"month_to_month": 0.6, "in_contract": -0.4}))
    >>> base.columns.tolist()
    ['customer_id', 'contract', 'risk', 'clv', 'effect', 'margin_cny']
    """
    from crmlib import churn, clv

    if not {"month_to_month", "in_contract"} <= set(effects.index):
        raise ValueError(f"effects must give month_to_month and in_contract; got {', '.join(map(str, effects.index))}")
    months = churn.customer_months(tables)
    months = months.assign(log_tenure=np.log1p(months["tenure_years"]),
                           faults_above_3=np.maximum(months["fault_rate"] - 3, 0))
    features = ["contract", "log_tenure", "bundle", "faults_above_3", "unresolved", "price_rise", "segment"]
    months["contract"] = pd.Categorical(months["contract"], categories=["12_months", "month_to_month", "24_months"])
    model = churn.fit_churn_model(months, features, group="customer_id", test_share=0.3, seed=4)
    day = pd.Timestamp(at)
    now = months[((months["month"] == day) & (months["segment"] == segment) & ~months["churned"]).to_numpy()]
    if now.empty:
        raise ValueError(f"no active {segment} customer-month at {day:%Y-%m-%d}")
    h = model.predict(now).to_numpy()
    bills = tables["billing"]
    year = bills[(bills["month"].dt.year == day.year).to_numpy()]
    margin = (year["revenue_cny"] - year["network_cost_cny"]).groupby(year["customer_id"]).sum()
    m = now["customer_id"].map(margin).fillna(0.0).to_numpy()
    kind = np.where(now["contract"].astype(str) == "month_to_month", "month_to_month", "in_contract")
    return pd.DataFrame({
        "customer_id": now["customer_id"].to_numpy(),
        "contract": kind,
        "risk": 1 - (1 - h) ** horizon_months,
        "clv": clv.retention_clv(m, (1 - h) ** 12, discount_rate),
        "effect": pd.Series(kind).map(effects).to_numpy(dtype=float),
        "margin_cny": m,
    })
