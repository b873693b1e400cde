"""Seeded, vectorised generators for the kit's data: Skyline Telecom (天际通信), a fictional operator.

Every number the generator uses lives in one frozen dataclass, :class:`TelecomParams`, seed
included. The same parameters always give the same tables, and :func:`write` turns them into
byte-identical CSV files, so the committed ``datasets/telecom`` folder can be checked by
regenerating it::

    python -m crmlib.synth --out datasets/telecom              # the committed default
    python -m crmlib.synth --out /tmp/big --customers 1000000  # a benchmark-sized copy

The data card (``datasets/README.md``) tells the story, lists every column and states the size of
every effect planted here. The generator draws from independent random streams (one per part of
the business), so changing one part's parameters leaves the other parts' draws unchanged.

>>> tables = generate(TelecomParams(customers=300))
>>> sorted(tables)[:4]
['activities', 'activity_costs', 'billing', 'business_accounts']
>>> len(tables["customers"])
300
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crmlib.schema import CATEGORIES, ORDERED, category_dtype  # noqa: F401  (category_dtype: re-exported)

GENERATOR_VERSION = "1"

_SEG = {name: i for i, name in enumerate(CATEGORIES["segment"])}
IND_POST, PREPAID, SME, ENTERPRISE, GOVERNMENT = range(5)
M2M, C12, C24, PRE = range(4)
BUSINESS = (SME, ENTERPRISE, GOVERNMENT)

# The price list. Columns: plan_id, plan_name, product_line, market, monthly_fee_cny, fee_unit,
# data_gb, voice_minutes, broadband_mbps, and (not published) the fixed network cost per unit.
PLANS: list[tuple[str, str, str, str, float, str, int, int, int, float]] = [
    ("MOB-S", "Mobile 59", "mobile", "consumer", 59.0, "per_line", 10, 300, 0, 12.0),
    ("MOB-M", "Mobile 99", "mobile", "consumer", 99.0, "per_line", 30, 600, 0, 12.0),
    ("MOB-L", "Mobile 159", "mobile", "consumer", 159.0, "per_line", 80, 1500, 0, 12.0),
    ("BB-300", "Home broadband 300M", "broadband", "consumer", 79.0, "per_connection", 0, 0, 300, 28.0),
    ("BB-1000", "Home broadband 1000M", "broadband", "consumer", 129.0, "per_connection", 0, 0, 1000, 38.0),
    ("BUN-F", "Family bundle", "bundle", "consumer", 169.0, "per_account", 40, 1000, 300, 32.0),
    ("BUN-P", "Premium bundle", "bundle", "consumer", 239.0, "per_account", 100, 2000, 1000, 42.0),
    ("PRE-PAYG", "Prepaid pay-as-you-go", "prepaid", "consumer", 0.0, "per_line", 0, 0, 0, 0.0),
    ("SME-MOB", "Business mobile", "mobile", "business", 79.0, "per_line", 20, 1000, 0, 12.0),
    ("SME-OFFICE", "Office bundle", "bundle", "business", 399.0, "per_account", 60, 3000, 500, 70.0),
    ("ENT-MOB", "Enterprise mobile", "mobile", "business", 69.0, "per_line", 20, 800, 0, 12.0),
    ("ENT-LINE", "Dedicated internet line", "enterprise_line", "business", 3800.0, "per_connection", 0, 0, 1000, 1500.0),
    ("GOV-LINE", "Government private network", "enterprise_line", "business", 5200.0, "per_connection", 0, 0, 1000, 2100.0),
]
_PLAN = {row[0]: i for i, row in enumerate(PLANS)}

# Cost-to-serve activities (activity-based costing): driver unit and unit cost in CNY.
ACTIVITY_COSTS: list[tuple[str, str, float]] = [
    ("contact_centre_minute", "minute of an agent on the phone or in the app chat", 2.5),
    ("store_visit", "visit to a store about a ticket", 45.0),
    ("field_repair", "technician visit on site", 380.0),
    ("billing_dispute", "dispute investigated and settled by back office", 120.0),
    ("account_manager_hour", "hour of a key-account manager", 350.0),
    ("customised_contract", "customised contract or solution drawn up", 6000.0),
    ("paper_bill", "printed and posted monthly bill", 4.0),
    ("collection_call", "month with a bill more than 30 days late (reminder calls and letters)", 25.0),
]


def _pairs(*items: tuple[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(items)


@dataclass(frozen=True)
class TelecomParams:
    """Every parameter of the Skyline Telecom data, with the seed. Money is in CNY (¥).

    Mappings are stored as tuples of ``(name, value)`` pairs so the object stays immutable and
    hashable. Change a value with :func:`dataclasses.replace` or by passing it to
    :func:`generate`.

    >>> p = TelecomParams()
    >>> p.seed, p.customers, p.months, p.start
    (20251231, 8000, 36, '2023-01-01')
    >>> replace(p, customers=500).customers
    500
    """

    seed: int = 20251231
    customers: int = 8_000
    start: str = "2023-01-01"          # first day of the observation window
    months: int = 36                   # window length: 2023-01-01 .. 2025-12-31
    segment_shares: tuple[tuple[str, float], ...] = _pairs(
        ("individual_postpaid", 0.46), ("individual_prepaid", 0.41), ("sme", 0.105),
        ("enterprise", 0.016), ("government", 0.009))
    region_shares: tuple[tuple[str, float], ...] = _pairs(
        ("central", 0.20), ("harbour", 0.14), ("riverside", 0.13), ("hillside", 0.10),
        ("airport", 0.08), ("university_town", 0.12), ("industrial_park", 0.11), ("lakeside", 0.12))
    share_joined_before_window: float = 0.60
    mean_tenure_years_at_start: float = 4.0   # exponential, capped at 14 years
    # -- contracts ---------------------------------------------------------------------------
    contract_shares_individual: tuple[float, float, float] = (0.50, 0.25, 0.25)   # m2m, 12, 24
    contract_shares_sme: tuple[float, float, float] = (0.30, 0.40, 0.30)
    contract_shares_enterprise: tuple[float, float, float] = (0.0, 0.30, 0.70)
    contract_shares_government: tuple[float, float, float] = (0.0, 0.50, 0.50)
    # -- churn: monthly log-odds model for contract customers ----------------------------------
    churn_base_logit: tuple[tuple[str, float], ...] = _pairs(
        ("individual_postpaid", -3.55), ("sme", -3.9), ("enterprise", -4.6), ("government", -5.2))
    churn_logit_month_to_month: float = 0.80     # vs a 12-month contract (odds ratio 2.23)
    churn_logit_24_months: float = -0.60         # vs a 12-month contract (odds ratio 0.55)
    churn_logit_per_log_tenure: float = -0.35    # times ln(1 + tenure in years)
    churn_logit_bundle: float = -0.60            # customer holds a bundle or two product lines
    churn_logit_per_fault: float = 0.09          # per fault per 100 cell sites above 3 in the month
    churn_logit_unresolved_complaint: float = 1.10   # unresolved complaint/dispute in the 3 months before
    churn_logit_price_rise: float = 0.90         # in the 6 months from a price rise on the plan
    churn_frailty_sd: float = 0.40               # customer-level random effect (log-odds)
    # -- network faults ----------------------------------------------------------------------
    faults_per_100_sites: float = 3.0
    fault_surge_region: str = "riverside"
    fault_surge_months: tuple[str, str] = ("2024-04-01", "2025-03-01")   # first and last month
    fault_surge_factor: float = 3.5
    fault_high_region: str = "industrial_park"
    fault_high_factor: float = 1.5
    # -- price rise ---------------------------------------------------------------------------
    price_rise_date: str = "2024-07-01"
    price_rise_plans: tuple[str, ...] = ("MOB-S", "MOB-M", "BUN-F")
    price_rise_cny: float = 10.0                 # added to the monthly fee (month-to-month only)
    # -- campaigns (random control groups) ---------------------------------------------------
    retention_date: str = "2024-10-01"
    retention_control_share: float = 0.40
    retention_logit_month_to_month: float = -1.00   # treated month-to-month customers, 3 months
    retention_logit_in_contract: float = 0.80       # treated 12/24-month customers ("sleeping dogs")
    retention_accept_month_to_month: float = 0.35
    retention_accept_in_contract: float = 0.12
    retention_offer_cost_cny: float = 90.0
    cross_sell_date: str = "2025-03-01"
    cross_sell_control_share: float = 0.30
    cross_sell_take_up_control: float = 0.015       # within 2 months
    cross_sell_take_up_treatment: float = 0.090
    cross_sell_offer_cost_cny: float = 100.0
    upgrade_date: str = "2025-06-01"
    upgrade_control_share: float = 0.30
    upgrade_take_up_control: float = 0.03
    upgrade_take_up_treatment: float = 0.12
    upgrade_offer_cost_cny: float = 50.0
    # -- prepaid top-ups: BG/NBD with gamma-gamma spend ----------------------------------------
    bgnbd_r: float = 0.5            # top-up rate lambda ~ Gamma(r, alpha), per week
    bgnbd_alpha: float = 2.0
    bgnbd_a: float = 0.7            # drop-out probability p ~ Beta(a, b), after each repeat top-up
    bgnbd_b: float = 6.0
    spend_p: float = 6.0            # gamma-gamma: amount ~ Gamma(p, nu), nu ~ Gamma(q, gamma)
    spend_q: float = 4.0
    spend_gamma: float = 15.0
    # -- usage and network cost --------------------------------------------------------------
    network_cost_per_gb_cny: float = 1.10
    network_cost_per_minute_cny: float = 0.03
    # -- enterprise accounts -----------------------------------------------------------------
    demanding_share_small: float = 0.15   # share of "demanding" key accounts among the smallest ...
    demanding_share_large: float = 0.65   # ... rising linearly to this among the largest
    # -- customer journey funnel (2025, consumer channels) -----------------------------------
    funnel_awareness_per_quarter: tuple[tuple[str, float], ...] = _pairs(
        ("store", 60_000), ("online", 220_000), ("app", 160_000), ("telesales", 90_000),
        ("dealer", 50_000))
    funnel_conversion: tuple[tuple[str, tuple[float, float, float, float]], ...] = (
        ("store", (0.70, 0.68, 0.88, 0.74)),
        ("online", (0.66, 0.64, 0.40, 0.70)),
        ("app", (0.72, 0.66, 0.44, 0.76)),
        ("telesales", (0.62, 0.60, 0.71, 0.68)),
        ("dealer", (0.68, 0.70, 0.85, 0.72)),
    )
    # -- value chain (operator level, CNY million per year: cost, attributed revenue) ---------
    value_chain: tuple[tuple[str, tuple[tuple[float, float], ...]], ...] = (
        ("infrastructure", ((1420.0, 1610.0), (1465.0, 1640.0), (1490.0, 1665.0))),
        ("network_operation", ((860.0, 1120.0), (955.0, 1135.0), (930.0, 1150.0))),
        ("business_support", ((365.0, 540.0), (372.0, 556.0), (378.0, 571.0))),
        ("user_service", ((430.0, 455.0), (468.0, 452.0), (489.0, 446.0))),
        ("value_creation", ((505.0, 1010.0), (522.0, 1046.0), (540.0, 1093.0))),
    )

    def as_dict(self) -> dict[str, Any]:
        """The parameters as plain JSON-ready values.

        >>> TelecomParams().as_dict()["seed"]
        20251231
        """
        return json.loads(json.dumps(asdict(self)))


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------
def _day(text: str) -> int:
    return int(np.datetime64(text, "D").astype(np.int64))


def _month_starts(start: str, months: int) -> np.ndarray:
    first = np.datetime64(start, "M")
    return (first + np.arange(months + 1)).astype("datetime64[D]").astype(np.int64)


def _choice(rng: np.random.Generator, n: int, p: Any) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One categorical draw per row of ``probs`` (rows need not sum to one)."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return (u[:, None] >= cum).sum(axis=1)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _lognormal_mean1(rng: np.random.Generator, sd: float, n: int) -> np.ndarray:
    return rng.lognormal(-0.5 * sd * sd, sd, n)


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(np.arange(1, n + 1).astype(str), width))


def _cat(codes: np.ndarray, kind: str) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), dtype=category_dtype(kind))


def _dates(days: np.ndarray) -> np.ndarray:
    """Day numbers (days since 1970-01-01; negative = missing) as datetime64[ns] with NaT."""
    days = np.asarray(days, dtype=np.int64)
    out = days.astype("datetime64[D]").astype("datetime64[ns]")
    out[days == _MISSING] = np.datetime64("NaT")
    return out


_MISSING = np.iinfo(np.int64).min


# ---------------------------------------------------------------------------------------------
# the generator
# ---------------------------------------------------------------------------------------------
def generate(params: TelecomParams | None = None, **overrides: Any) -> dict[str, pd.DataFrame]:
    """Generate every Skyline Telecom table from ``params`` (default: the committed data's).

    Keyword arguments override single parameters, e.g. ``generate(customers=2000)``.
    Returns ``{table name: DataFrame}`` with the same dtypes as :func:`crmlib.datasets.load`.

    >>> t = generate(customers=400, seed=1)
    >>> t["customers"]["segment"].dtype.name
    'category'
    >>> generate(customers=0)
    Traceback (most recent call last):
    ...
    ValueError: customers must be a whole number of at least 50; got 0
    >>> generate(colour="red")
    Traceback (most recent call last):
    ...
    TypeError: unknown parameter 'colour'; TelecomParams has: seed, customers, start, months, ...
    """
    params = params or TelecomParams()
    if overrides:
        names = [f for f in TelecomParams.__dataclass_fields__]
        for key in overrides:
            if key not in names:
                raise TypeError(
                    f"unknown parameter {key!r}; TelecomParams has: {', '.join(names[:4])}, ...")
        params = replace(params, **overrides)
    _check(params)
    return _Generator(params).run()


def _check(p: TelecomParams) -> None:
    if not isinstance(p.customers, (int, np.integer)) or p.customers < 50:
        raise ValueError(f"customers must be a whole number of at least 50; got {p.customers!r}")
    if not isinstance(p.months, (int, np.integer)) or not 12 <= p.months <= 120:
        raise ValueError(f"months must be a whole number from 12 to 120; got {p.months!r}")
    for name in ("segment_shares", "region_shares"):
        values = dict(getattr(p, name))
        kind = name.split("_")[0]
        if list(values) != CATEGORIES[kind] or min(values.values()) < 0:
            raise ValueError(f"{name} must give a non-negative share for each of "
                             f"{', '.join(CATEGORIES[kind])}; got {values}")
    window = (_day(p.start), _month_starts(p.start, p.months)[-1])
    for name in ("price_rise_date", "retention_date", "cross_sell_date", "upgrade_date"):
        d = _day(getattr(p, name))
        if not window[0] <= d < window[1] - 90:
            raise ValueError(f"{name} must fall inside the window at least 90 days before its end; "
                             f"got {getattr(p, name)}")


class _Generator:
    """One run of the generator: holds the random streams and the intermediate arrays."""

    def __init__(self, p: TelecomParams) -> None:
        self.p = p
        streams = np.random.SeedSequence(p.seed).spawn(8)
        (self.rng_cust, self.rng_sub, self.rng_net, self.rng_month, self.rng_pre,
         self.rng_biz, self.rng_market, self.rng_misc) = (np.random.default_rng(s) for s in streams)
        self.ms = _month_starts(p.start, p.months)          # month starts, plus the day after the end
        self.start_day = int(self.ms[0])
        self.end_day = int(self.ms[-1]) - 1                  # last day of the window
        self.width = max(6, len(str(p.customers)))

    # -- customers ------------------------------------------------------------------------------
    def customers(self) -> None:
        p, rng, n = self.p, self.rng_cust, self.p.customers
        before = rng.random(n) < p.share_joined_before_window
        cap = 1.0 - np.exp(-14.0 / p.mean_tenure_years_at_start)      # exponential cut at 14 years
        tenure = -p.mean_tenure_years_at_start * np.log1p(-rng.random(n) * cap)
        window_days = self.end_day - self.start_day + 1
        join = np.where(before, self.start_day - 1 - np.floor(tenure * 365.25),
                        self.start_day + np.floor(rng.random(n) * window_days)).astype(np.int64)
        join.sort()
        self.join = join
        self.seg = _choice(rng, n, [v for _, v in p.segment_shares])
        self.region = _choice(rng, n, [v for _, v in p.region_shares])
        seg = self.seg
        individual = (seg == IND_POST) | (seg == PREPAID)
        ch_ind = _choice(rng, n, [0.30, 0.18, 0.17, 0.10, 0.17, 0.08, 0.0])
        ch_biz = _choice(rng, n, [0.08, 0.08, 0.0, 0.16, 0.0, 0.05, 0.63])
        self.channel = np.where(individual, ch_ind, ch_biz)
        ch_cost = np.array([380.0, 170.0, 140.0, 290.0, 450.0, 110.0, 0.0])
        seg_cost = np.array([1.0, 0.45, 3.5, 0.0, 0.0])
        cost = ch_cost[self.channel] * seg_cost[seg]
        cost = np.where(seg == ENTERPRISE, 18000.0, cost)
        cost = np.where(seg == GOVERNMENT, 14000.0, cost)
        cost = np.where((seg == SME) & (self.channel == 6), 1600.0, cost)
        self.acq_cost = np.round(cost * _lognormal_mean1(rng, 0.25, n), 0)
        mean_score = np.array([655.0, 610.0, 690.0, 730.0, 760.0])[seg]
        sd_score = np.array([75.0, 85.0, 65.0, 50.0, 35.0])[seg]
        self.credit = np.clip(np.round(rng.normal(mean_score, sd_score)), 300, 850).astype(np.int64)
        self.credit_class = np.select([self.credit >= 750, self.credit >= 650, self.credit >= 550],
                                      [0, 1, 2], 3)
        age = np.clip(np.round(rng.normal(39.0, 13.0, n)), 18, 85).astype(np.int64)
        self.age = np.where(individual, age, _MISSING)
        size = np.exp(rng.normal(0.0, 1.0, n))
        employees = np.select(
            [seg == SME, seg == ENTERPRISE, seg == GOVERNMENT],
            [np.clip(np.round(22 * size), 3, 249), np.clip(np.round(1400 * size), 250, 60000),
             np.clip(np.round(380 * size), 30, 20000)], 0).astype(np.int64)
        self.employees = np.where(individual, _MISSING, employees)
        paper_p = np.where(seg == IND_POST, np.where(age >= 60, 0.5, 0.07),
                           np.where(seg == PREPAID, 0.0, 0.2))
        self.paper_bill = rng.random(n) < paper_p
        self.cust_id = _ids("C", n, self.width)
        # demanding key accounts and their negotiated discount
        pct = np.zeros(n)
        for s in (ENTERPRISE, GOVERNMENT):
            idx = np.flatnonzero(seg == s)
            if len(idx):
                pct[idx] = (np.argsort(np.argsort(employees[idx])) + 0.5) / len(idx)
        self.size_pct = pct
        dem_p = p.demanding_share_small + (p.demanding_share_large - p.demanding_share_small) * pct
        self.demanding = (seg == ENTERPRISE) & (rng.random(n) < dem_p)
        disc = np.select(
            [seg == SME, seg == ENTERPRISE, seg == GOVERNMENT],
            [rng.uniform(0.0, 0.10, n),
             0.08 + 0.15 * pct + 0.07 * self.demanding + rng.uniform(-0.03, 0.03, n),
             0.15 + 0.12 * pct + rng.uniform(-0.03, 0.03, n)], 0.0)
        self.discount = np.round(disc, 2)

    # -- initial subscriptions -----------------------------------------------------------------
    def subscriptions_initial(self) -> None:
        p, rng, n, seg = self.p, self.rng_sub, self.p.customers, self.seg
        plan = np.full(n, _PLAN["PRE-PAYG"])
        ind_plans = ["MOB-S", "MOB-M", "MOB-L", "BB-300", "BB-1000", "BUN-F", "BUN-P"]
        ind_p = [0.22, 0.22, 0.11, 0.06, 0.04, 0.23, 0.12]
        pick = np.array([_PLAN[x] for x in ind_plans])[_choice(rng, n, ind_p)]
        plan = np.where(seg == IND_POST, pick, plan)
        sme_pick = np.where(rng.random(n) < 0.6, _PLAN["SME-MOB"], _PLAN["SME-OFFICE"])
        plan = np.where(seg == SME, sme_pick, plan)
        plan = np.where(seg == ENTERPRISE, _PLAN["ENT-MOB"], plan)
        plan = np.where(seg == GOVERNMENT, _PLAN["ENT-MOB"], plan)
        emp = np.maximum(self.employees, 1)
        qty = np.ones(n, dtype=np.int64)
        qty = np.where((seg == SME) & (plan == _PLAN["SME-MOB"]),
                       np.clip(np.round(emp * rng.uniform(0.15, 0.6, n)), 2, 60), qty)
        qty = np.where(seg == ENTERPRISE, np.clip(np.round(emp * rng.uniform(0.04, 0.12, n)), 10, 600), qty)
        qty = np.where(seg == GOVERNMENT, np.clip(np.round(emp * rng.uniform(0.05, 0.15, n)), 5, 400), qty)
        contract = np.full(n, PRE)
        for s, shares in ((IND_POST, p.contract_shares_individual), (SME, p.contract_shares_sme),
                          (ENTERPRISE, p.contract_shares_enterprise),
                          (GOVERNMENT, p.contract_shares_government)):
            contract = np.where(seg == s, _choice(rng, n, shares), contract)
        # second subscription: the dedicated lines of key accounts
        big = np.flatnonzero((seg == ENTERPRISE) | (seg == GOVERNMENT))
        line_plan = np.where(seg[big] == ENTERPRISE, _PLAN["ENT-LINE"], _PLAN["GOV-LINE"])
        line_qty = 1 + rng.poisson(0.3 + 3.0 * self.size_pct[big])
        subs = {
            "cust": np.concatenate([np.arange(n), big]),
            "plan": np.concatenate([plan, line_plan]),
            "qty": np.concatenate([qty, line_qty]).astype(np.int64),
            "contract": np.concatenate([contract, contract[big]]),
            "start": np.concatenate([self.join, self.join[big]]),
        }
        fee_list = np.array([row[4] for row in PLANS])
        subs["fee"] = np.round(fee_list[subs["plan"]] * subs["qty"] * (1 - self.discount[subs["cust"]]), 2)
        subs["end"] = np.full(len(subs["cust"]), _MISSING)
        subs["end_reason"] = np.full(len(subs["cust"]), -1)
        self.subs = subs
        self.primary_plan = plan.copy()
        self.primary_sub = np.arange(n)                    # row of the customer's primary subscription
        self.contract = contract.copy()
        line = np.array([row[2] for row in PLANS])
        self.bundle = np.isin(line[plan], ["bundle"]) | (seg == ENTERPRISE) | (seg == GOVERNMENT)
        self.has_fixed = np.isin(line[plan], ["broadband", "bundle"]) | self.bundle
        # per-customer usage profile
        self.usage_gb = _lognormal_mean1(rng, 0.5, n) * 0.65
        self.usage_min = _lognormal_mean1(rng, 0.4, n) * 0.55
        self.intensity = _lognormal_mean1(rng, 1.1, n) * np.where(plan == _PLAN["MOB-S"], 1.5, 1.0)
        self.frailty = rng.normal(0.0, p.churn_frailty_sd, n)
        self.late_p = np.array([0.03, 0.08, 0.18, 0.35])[self.credit_class]
        self.default_p = np.array([0.002, 0.008, 0.03, 0.10])[self.credit_class]

    def _account_totals(self) -> None:
        """Monthly fee, allowances and fixed network cost summed over each customer's open subs."""
        s, n = self.subs, self.p.customers
        open_ = s["end"] == _MISSING
        gb = np.array([row[6] for row in PLANS], dtype=float)
        mins = np.array([row[7] for row in PLANS], dtype=float)
        fixed = np.array([row[9] for row in PLANS], dtype=float)
        c = s["cust"][open_]
        pl, q = s["plan"][open_], s["qty"][open_]
        self.fee = np.bincount(c, weights=s["fee"][open_], minlength=n)
        self.allow_gb = np.bincount(c, weights=gb[pl] * q, minlength=n)
        self.allow_min = np.bincount(c, weights=mins[pl] * q, minlength=n)
        self.fixed_cost = np.bincount(c, weights=fixed[pl] * q, minlength=n)

    def _add_sub(self, cust: np.ndarray, plan: np.ndarray, contract: np.ndarray, start: np.ndarray,
                 fee: np.ndarray) -> np.ndarray:
        s = self.subs
        first = len(s["cust"])
        k = len(cust)
        s["cust"] = np.concatenate([s["cust"], cust])
        s["plan"] = np.concatenate([s["plan"], plan])
        s["qty"] = np.concatenate([s["qty"], np.ones(k, dtype=np.int64)])
        s["contract"] = np.concatenate([s["contract"], contract])
        s["start"] = np.concatenate([s["start"], start])
        s["fee"] = np.concatenate([s["fee"], fee])
        s["end"] = np.concatenate([s["end"], np.full(k, _MISSING)])
        s["end_reason"] = np.concatenate([s["end_reason"], np.full(k, -1)])
        return np.arange(first, first + k)

    # -- network faults ---------------------------------------------------------------------
    def network(self) -> pd.DataFrame:
        p, rng = self.p, self.rng_net
        R, M = len(CATEGORIES["region"]), p.months
        sites = np.round(np.array([dict(p.region_shares)[r] for r in CATEGORIES["region"]]) * 2400
                         * rng.uniform(0.9, 1.1, R)).astype(np.int64)
        month_no = (self.ms[:-1].astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12) + 1
        season = np.where(np.isin(month_no, [6, 7, 8]), 1.4, 1.0)
        factor = np.ones((R, M))
        surge_from, surge_to = (_day(d) for d in p.fault_surge_months)
        in_surge = (self.ms[:-1] >= surge_from) & (self.ms[:-1] <= surge_to)
        factor[CATEGORIES["region"].index(p.fault_surge_region), in_surge] *= p.fault_surge_factor
        factor[CATEGORIES["region"].index(p.fault_high_region), :] *= p.fault_high_factor
        lam = p.faults_per_100_sites * sites[:, None] / 100 * season[None, :] * factor
        faults = rng.poisson(lam)
        outage = np.round(faults * rng.gamma(2.0, 1.6, (R, M)), 1)
        self.fault_rate = faults / sites[:, None] * 100           # per 100 sites, region x month
        reg, mon = np.meshgrid(np.arange(R), np.arange(M), indexing="ij")
        return pd.DataFrame({
            "region": _cat(reg.ravel(), "region"),
            "month": _dates(self.ms[mon.ravel()]),
            "cell_sites": np.repeat(sites, M),
            "faults": faults.ravel().astype(np.int64),
            "outage_hours": outage.ravel(),
        })

    # -- tickets ----------------------------------------------------------------------------
    def _tickets(self, rng: np.random.Generator, cust: np.ndarray, ttype: np.ndarray,
                 day: np.ndarray, fault_rate: np.ndarray) -> dict[str, np.ndarray]:
        k = len(cust)
        seg = self.seg[cust]
        chan_p = np.array([[0.55, 0.25, 0.20, 0.00],     # complaint
                           [0.30, 0.20, 0.00, 0.50],     # repair
                           [0.60, 0.15, 0.25, 0.00],     # billing dispute
                           [0.40, 0.45, 0.15, 0.00]])    # enquiry
        probs = chan_p[ttype].copy()
        mobile_only = ~self.has_fixed[cust]
        probs[(ttype == 1) & mobile_only, 3] = 0.10      # mobile faults rarely need a technician
        chan = _choice_rows(rng, probs)
        median = np.array([14.0, 12.0, 18.0, 6.0])[ttype]
        median = np.where(chan == 3, 95.0, median)
        median = np.where(np.isin(seg, BUSINESS) & (chan != 3), median * 1.4, median)
        minutes = np.maximum(1, np.round(median * rng.lognormal(0.0, 0.5, k))).astype(np.int64)
        p_res = np.array([0.72, 0.88, 0.80, 0.97])[ttype]
        p_res = np.where(ttype == 1, p_res - 0.025 * np.maximum(fault_rate - 3.0, 0.0), p_res)
        resolved = rng.random(k) < p_res
        days = np.select([ttype == 3, ttype == 1], [rng.poisson(0.3, k), 1 + rng.poisson(2.0, k)],
                         1 + rng.poisson(3.5, k))
        days = np.where(resolved, days, _MISSING)
        surveyed = rng.random(k) < 0.55
        mean_sat = 4.2 - 1.7 * ~resolved - 0.06 * np.where(resolved, days, 0) - 0.4 * (ttype == 0)
        sat = np.clip(np.round(rng.normal(mean_sat, 0.8)), 1, 5).astype(np.int64)
        sat = np.where(surveyed, sat, _MISSING)
        return {"cust": cust, "type": ttype, "day": day, "chan": chan, "minutes": minutes,
                "resolved": resolved, "days": days, "sat": sat}

    # -- the monthly simulation of contract customers ---------------------------------------
    def simulate(self) -> None:
        p, rng, n, seg = self.p, self.rng_month, self.p.customers, self.seg
        M = p.months
        contract_cust = seg != PREPAID
        self.churn_day = np.full(n, _MISSING)
        self.churn_reason = np.full(n, -1)
        unresolved_until = np.full(n, -1)                 # last month the flag raises churn
        price_from = np.full(n, -100)                    # month of the latest price rise
        retention_effect = np.zeros(n)                   # extra log-odds in the campaign months
        retention_months = (-1, -1)
        xsell_month = np.full(n, -1)
        upgrade_month = np.full(n, -1)
        contacts = []
        price_changes = []
        tickets = []
        bills = []
        overdue = np.zeros(n)
        last_event = np.full(n, _MISSING)            # latest contact or plan change: churn comes after
        base = np.full(n, -99.0)
        for name, value in p.churn_base_logit:
            base[seg == _SEG[name]] = value
        c_logit = np.array([p.churn_logit_month_to_month, 0.0, p.churn_logit_24_months, 0.0])
        rates = np.array([  # monthly ticket rates: complaint, repair, billing dispute, enquiry
            [0.030, 0.030, 0.015, 0.060],
            [0.008, 0.004, 0.006, 0.030],
            [0.030, 0.040, 0.020, 0.060],
            [0.150, 0.250, 0.080, 0.300],
            [0.100, 0.200, 0.050, 0.200]])
        self.prepaid_ticket_rates = rates[PREPAID]
        price_m = int(np.searchsorted(self.ms, _day(p.price_rise_date), side="right") - 1)
        ret_m = int(np.searchsorted(self.ms, _day(p.retention_date), side="right") - 1)
        xs_m = int(np.searchsorted(self.ms, _day(p.cross_sell_date), side="right") - 1)
        up_m = int(np.searchsorted(self.ms, _day(p.upgrade_date), side="right") - 1)
        self._account_totals()
        rise_plans = np.array([_PLAN[x] for x in p.price_rise_plans])
        for m in range(M):
            m0, m1 = int(self.ms[m]), int(self.ms[m + 1]) - 1
            mdays = m1 - m0 + 1
            alive = contract_cust & (self.join <= m1) & (self.churn_day == _MISSING)
            idx = np.flatnonzero(alive)
            # price rise on legacy consumer plans for month-to-month customers
            if m == price_m:
                hit = idx[(seg[idx] == IND_POST) & (self.contract[idx] == M2M)
                          & np.isin(self.primary_plan[idx], rise_plans) & (self.join[idx] < m0)]
                rows = self.primary_sub[hit]
                old = self.subs["fee"][rows].copy()
                self.subs["fee"][rows] = old + p.price_rise_cny
                price_from[hit] = m
                price_changes.append((rows, np.full(len(rows), m0), old, old + p.price_rise_cny))
                self._account_totals()
            # campaigns: random assignment to treatment and control
            if m == ret_m:
                elig = idx[(seg[idx] == IND_POST) & (self.join[idx] < m0)]
                treat = rng.random(len(elig)) >= p.retention_control_share
                m2m = self.contract[elig] == M2M
                eff = np.where(m2m, p.retention_logit_month_to_month, p.retention_logit_in_contract)
                retention_effect[elig] = np.where(treat, eff, 0.0)
                retention_months = (m, m + 2)
                acc_p = np.where(m2m, p.retention_accept_month_to_month, p.retention_accept_in_contract)
                accepted = treat & (rng.random(len(elig)) < acc_p)
                day = m0 + rng.integers(0, 7, len(elig))
                last_event[elig[treat]] = day[treat]
                contacts.append(("CP01", elig, treat, accepted, day))
            if m == xs_m:
                line = np.array([row[2] for row in PLANS])
                elig = idx[(seg[idx] == IND_POST) & (line[self.primary_plan[idx]] == "mobile")
                           & (self.join[idx] < m0)]
                treat = rng.random(len(elig)) >= p.cross_sell_control_share
                take = rng.random(len(elig)) < np.where(
                    treat, p.cross_sell_take_up_treatment, p.cross_sell_take_up_control)
                xsell_month[elig[take]] = m + (rng.random(int(take.sum())) < 0.4)
                day = m0 + rng.integers(0, 7, len(elig))
                last_event[elig[treat]] = day[treat]
                contacts.append(("CP02", elig, treat, treat & take, day))
            if m == up_m:
                elig = idx[(seg[idx] == IND_POST) & (self.primary_plan[idx] == _PLAN["MOB-S"])
                           & (self.join[idx] < m0)]
                treat = rng.random(len(elig)) >= p.upgrade_control_share
                take = rng.random(len(elig)) < np.where(
                    treat, p.upgrade_take_up_treatment, p.upgrade_take_up_control)
                upgrade_month[elig[take]] = m + (rng.random(int(take.sum())) < 0.4)
                day = m0 + rng.integers(0, 7, len(elig))
                last_event[elig[treat]] = day[treat]
                contacts.append(("CP03", elig, treat, treat & take, day))
            changed = False
            xs = idx[xsell_month[idx] == m]
            if len(xs):
                day = np.maximum(m0 + 7, m0 + rng.integers(0, mdays, len(xs)))
                day = np.minimum(day, m1)
                day = np.maximum(day, np.where(last_event[xs] == _MISSING, m0, last_event[xs]))
                last_event[xs] = day
                self._add_sub(xs, np.full(len(xs), _PLAN["BB-300"]), np.full(len(xs), C12), day,
                              np.full(len(xs), PLANS[_PLAN["BB-300"]][4]))
                self.bundle[xs] = True
                self.has_fixed[xs] = True
                changed = True
            up = idx[upgrade_month[idx] == m]
            if len(up):
                day = np.minimum(np.maximum(m0 + 7, m0 + rng.integers(0, mdays, len(up))), m1)
                day = np.maximum(day, np.where(last_event[up] == _MISSING, m0, last_event[up]))
                last_event[up] = day
                old_rows = self.primary_sub[up]
                self.subs["end"][old_rows] = day
                self.subs["end_reason"][old_rows] = 1
                new_rows = self._add_sub(up, np.full(len(up), _PLAN["MOB-M"]), np.full(len(up), C12),
                                         day, np.full(len(up), PLANS[_PLAN["MOB-M"]][4]))
                self.primary_sub[up] = new_rows
                self.primary_plan[up] = _PLAN["MOB-M"]
                self.contract[up] = C12
                changed = True
            if changed:
                self._account_totals()
            # service tickets this month
            fr = self.fault_rate[self.region[idx], m]
            lam = rates[seg[idx]] * self.intensity[idx, None]
            lam[:, 1] *= fr / p.faults_per_100_sites * np.where(self.has_fixed[idx], 1.6, 1.0)
            recent_rise = (m - price_from[idx] >= 0) & (m - price_from[idx] <= 1)
            lam[:, 0] *= np.where(recent_rise, 2.0, 1.0)
            lam[:, 2] *= np.where(recent_rise, 3.0, 1.0)
            counts = rng.poisson(lam)
            tot = counts.sum(axis=1)
            t_cust = np.repeat(idx, tot)
            t_type = np.repeat(np.tile(np.arange(4), len(idx)), counts.ravel())
            lo = np.maximum(self.join[t_cust], m0)
            t_day = lo + np.floor(rng.random(len(t_cust)) * (m1 - lo + 1)).astype(np.int64)
            tk = self._tickets(rng, t_cust, t_type, t_day, self.fault_rate[self.region[t_cust], m])
            tickets.append(tk)
            unres_before = unresolved_until >= m        # this month's tickets count from next month
            bad = tk["cust"][((tk["type"] == 0) | (tk["type"] == 2)) & ~tk["resolved"]]
            unresolved_until[bad] = m + 3
            # churn (from the month after joining)
            can = idx[self.join[idx] < m0]
            ten = (m0 - self.join[can]) / 365.25
            unres = unres_before[can]
            rise = (m - price_from[can] >= 0) & (m - price_from[can] <= 5)
            camp = retention_effect[can] * ((m >= retention_months[0]) & (m <= retention_months[1]))
            fr_c = self.fault_rate[self.region[can], m]
            logit = (base[can] + c_logit[self.contract[can]] + p.churn_logit_per_log_tenure * np.log1p(ten)
                     + p.churn_logit_bundle * self.bundle[can]
                     + p.churn_logit_per_fault * np.maximum(fr_c - p.faults_per_100_sites, 0.0)
                     + p.churn_logit_unresolved_complaint * unres + p.churn_logit_price_rise * rise
                     + camp + self.frailty[can])
            gone = can[rng.random(len(can)) < _sigmoid(logit)]
            g = np.isin(can, gone)
            self.churn_day[gone] = np.minimum(np.maximum(m0 + rng.integers(0, mdays, len(gone)),
                                                         last_event[gone]), m1)
            w = np.column_stack([
                0.8 + 5.0 * rise[g],                                   # price
                0.6 + 0.5 * np.maximum(fr_c[g] - p.faults_per_100_sites, 0.0),   # network quality
                0.6 + 5.0 * unres[g],                                  # service
                np.full(len(gone), 2.2),                               # competitor offer
                np.full(len(gone), 0.9),                               # moved
                np.full(len(gone), 0.5)])                              # other
            self.churn_reason[gone] = _choice_rows(rng, w)
            tk["day"] = np.where(self.churn_day[tk["cust"]] == _MISSING, tk["day"],
                                 np.minimum(tk["day"], self.churn_day[tk["cust"]]))
            # billing for every customer active during the month
            first = np.maximum(self.join[idx], m0)
            last = np.where(self.churn_day[idx] == _MISSING, m1, np.minimum(self.churn_day[idx], m1))
            frac = (last - first + 1) / mdays
            k = len(idx)
            extra = np.where(seg[idx] == IND_POST, np.round(rng.gamma(0.5, 12.0, k)), 0.0)
            revenue = np.round(self.fee[idx] * frac + extra * frac, 2)
            gb = np.round(self.allow_gb[idx] * self.usage_gb[idx] * rng.gamma(8.0, 1 / 8.0, k) * frac, 2)
            mins = np.round(self.allow_min[idx] * self.usage_min[idx] * rng.gamma(8.0, 1 / 8.0, k) * frac)
            cost = np.round(gb * p.network_cost_per_gb_cny + mins * p.network_cost_per_minute_cny
                            + self.fixed_cost[idx] * frac, 2)
            default = rng.random(k) < self.default_p[idx]
            late = ~default & (rng.random(k) < self.late_p[idx])
            days_late = np.where(late, 1 + rng.geometric(1 / 12.0, k), 0)
            days_late = np.where(default, 31 + rng.geometric(1 / 20.0, k), days_late)
            paid_now = np.where(default, np.round(revenue * rng.uniform(0.0, 0.6, k), 2), revenue)
            repay = ~default & (rng.random(k) < 0.5)
            paid = np.round(paid_now + np.where(repay, overdue[idx], 0.0), 2)
            overdue[idx] = np.round(overdue[idx] + revenue - paid, 2)
            bills.append((idx, np.full(k, m0), revenue, mins.astype(np.int64), gb, cost, paid,
                          np.minimum(days_late, 180).astype(np.int64), overdue[idx].copy()))
        # churn ends every open subscription of the customer
        s = self.subs
        gone_sub = (s["end"] == _MISSING) & (self.churn_day[s["cust"]] != _MISSING)
        s["end"][gone_sub] = self.churn_day[s["cust"][gone_sub]]
        s["end_reason"][gone_sub] = 0
        self.contacts, self.price_changes, self.tickets_list, self.bills = (
            contacts, price_changes, tickets, bills)

    # -- prepaid top-ups (BG/NBD) -------------------------------------------------------------
    def prepaid(self) -> pd.DataFrame:
        p, rng = self.p, self.rng_pre
        pre = np.flatnonzero(self.seg == PREPAID)
        k = len(pre)
        lam = rng.gamma(p.bgnbd_r, 1.0 / p.bgnbd_alpha, k)            # top-ups per week
        drop = rng.beta(p.bgnbd_a, p.bgnbd_b, k)
        T = (self.end_day - self.join[pre] + 1) / 7.0                 # weeks since activation
        n_poisson = rng.poisson(lam * T)                              # repeats if nobody stopped
        dies_after = rng.geometric(drop)                              # stops after this repeat
        repeats = np.minimum(n_poisson, dies_after)
        died = dies_after <= n_poisson
        # the first `repeats` of n_poisson uniform times on [0, T], via exponential spacings:
        # U(j) = S_j / (S_repeats + Gamma(n_poisson - repeats + 1)), S_j = sum of j Exp(1)
        owner = np.repeat(np.arange(k), repeats)
        s_j = np.cumsum(rng.exponential(1.0, len(owner)))
        ends = np.cumsum(repeats)
        before = np.concatenate([[0.0], s_j])[ends - repeats]          # S before each customer
        s_j = s_j - np.repeat(before, repeats)
        s_last = np.zeros(k)
        s_last[repeats > 0] = s_j[ends[repeats > 0] - 1]
        total = s_last + rng.gamma(n_poisson - repeats + 1.0)
        t = T[owner] * s_j / total[owner]
        last_t = np.zeros(k)
        last_t[repeats > 0] = t[ends[repeats > 0] - 1]
        death = np.where(died, self.join[pre] + np.floor(last_t * 7), _MISSING).astype(np.int64)
        self.prepaid_death = death
        tu_cust = np.concatenate([np.arange(k), owner])
        tu_day = np.concatenate([self.join[pre], self.join[pre][owner] + np.floor(t * 7).astype(np.int64)])
        in_window = tu_day >= self.start_day
        tu_cust, tu_day = tu_cust[in_window], tu_day[in_window]
        order = np.lexsort((tu_cust, tu_day))
        tu_cust, tu_day = tu_cust[order], tu_day[order]
        nu = rng.gamma(p.spend_q, 1.0 / p.spend_gamma, k)
        amount = rng.gamma(p.spend_p, 1.0, len(tu_cust)) / nu[tu_cust]
        amount = np.maximum(10.0, np.round(amount))
        chan = _choice(rng, len(tu_cust), [0.55, 0.20, 0.15, 0.10])
        self.prepaid_lambda, self.prepaid_drop = lam, drop
        # tickets of prepaid customers while they are active
        first = np.maximum(self.join[pre], self.start_day)
        last = np.where(death == _MISSING, self.end_day, death)
        months_active = np.maximum(last - first + 1, 0) / 30.44
        rates = self.prepaid_ticket_rates
        lam_t = months_active[:, None] * rates[None, :] * self.intensity[pre, None]
        counts = rng.poisson(lam_t)
        tot = counts.sum(axis=1)
        owner_t = np.repeat(np.arange(k), tot)
        ttype = np.repeat(np.tile(np.arange(4), k), counts.ravel())
        span = np.maximum(last - first + 1, 1)[owner_t]
        day = first[owner_t] + np.floor(rng.random(len(owner_t)) * span).astype(np.int64)
        cust = pre[owner_t]
        fr = self.fault_rate[self.region[cust], np.searchsorted(self.ms, day, side="right") - 1]
        self.tickets_list.append(self._tickets(rng, cust, ttype, day, fr))
        return pd.DataFrame({
            "topup_id": _ids("U", len(tu_cust), max(7, len(str(len(tu_cust))))),
            "customer_id": self.cust_id[pre][tu_cust],
            "topup_date": _dates(tu_day),
            "amount_cny": amount,
            "channel": _cat(chan, "topup_channel"),
        })

    # -- business accounts, contacts, activities, opportunities --------------------------------
    def business(self) -> dict[str, pd.DataFrame]:
        rng, seg = self.rng_biz, self.seg
        biz = np.flatnonzero(np.isin(seg, BUSINESS))
        k = len(biz)
        first = np.maximum(self.join[biz], self.start_day)
        last = np.where(self.churn_day[biz] == _MISSING, self.end_day, self.churn_day[biz])
        months_active = np.maximum(last - first + 1, 0) / 30.44
        rate = np.select([seg[biz] == SME, seg[biz] == ENTERPRISE], [0.07, 0.6], 0.5)
        rate = rate * np.where(self.demanding[biz], 3.5, 1.0) * (1 + 2 * self.size_pct[biz])
        count = rng.poisson(rate * months_active)
        owner = np.repeat(np.arange(k), count)
        day = first[owner] + np.floor(rng.random(len(owner)) * np.maximum(last - first + 1, 1)[owner]).astype(np.int64)
        order = np.lexsort((owner, day))
        owner, day = owner[order], day[order]
        dem = self.demanding[biz][owner]
        probs = np.where(dem[:, None], [[0.30, 0.25, 0.22, 0.08, 0.15]], [[0.40, 0.25, 0.22, 0.10, 0.03]])
        probs = np.where((seg[biz][owner] == SME)[:, None], [[0.6, 0.2, 0.1, 0.1, 0.0]], probs)
        atype = _choice_rows(rng, probs)
        med = np.array([0.5, 3.0, 2.0, 6.0, 24.0])[atype]
        hours = np.round(med * rng.lognormal(0.0, 0.4, len(owner)) * 2) / 2
        hours = np.maximum(hours, 0.5)
        ams = np.array([f"AM{i:02d}" for i in range(1, 25)])
        am_idx = rng.integers(0, len(ams), k)
        has_am = (seg[biz] != SME) | (self.employees[biz] >= 50)
        activities = pd.DataFrame({
            "activity_id": _ids("A", len(owner), max(7, len(str(len(owner))))),
            "customer_id": self.cust_id[biz][owner],
            "activity_date": _dates(day),
            "activity_type": _cat(atype, "activity_type"),
            "account_manager_id": np.where(has_am[owner], ams[am_idx[owner]], "TEAM-SME"),
            "hours": hours,
        })
        self.activity_arrays = (biz[owner], day, atype, hours)
        # the business account record
        y_last = self.ms[-1]  # day after the window end
        y_first = _day(str(np.datetime64(int(y_last) - 1, "D").astype("datetime64[Y]")))
        in_year = day >= y_first
        am_hours = np.bincount(owner[in_year], weights=hours[in_year], minlength=k)
        custom = np.bincount(owner[in_year & (atype == 4)], minlength=k)
        annual_fee = self.fee[biz] * 12
        wallet = np.round(annual_fee * rng.uniform(1.2, 3.5, k) / 1000) * 1000
        industry = np.where(seg[biz] == GOVERNMENT, 7, _choice(rng, k, [0.24, 0.18, 0.10, 0.12, 0.14, 0.10, 0.12, 0.0]))
        key = seg[biz] != SME
        reference = key & (rng.random(k) < 0.10)
        codev = key & (seg[biz] == ENTERPRISE) & (rng.random(k) < 0.05 + 0.10 * self.size_pct[biz])
        accounts = pd.DataFrame({
            "customer_id": self.cust_id[biz],
            "industry": _cat(industry, "industry"),
            "account_manager_id": np.where(has_am, ams[am_idx], "TEAM-SME"),
            "negotiated_discount_pct": np.round(self.discount[biz] * 100, 0),
            "account_manager_hours_last_year": np.round(am_hours, 1),
            "customisation_requests_last_year": custom.astype(np.int64),
            "wallet_size_cny_per_year": wallet,
            "reference_customer": reference,
            "co_developed_product": codev,
        })
        # contacts
        n_contacts = np.where(seg[biz] == SME, 1 + rng.poisson(0.5, k), 2 + rng.poisson(1.5, k))
        c_owner = np.repeat(np.arange(k), n_contacts)
        rank = np.arange(len(c_owner)) - np.repeat(np.cumsum(n_contacts) - n_contacts, n_contacts)
        role = np.where(rank == 0, 0, 1 + _choice(rng, len(c_owner), [0.35, 0.3, 0.2, 0.15]))
        contacts = pd.DataFrame({
            "contact_id": _ids("K", len(c_owner), 6),
            "customer_id": self.cust_id[biz][c_owner],
            "role": _cat(role, "contact_role"),
            "is_primary": rank == 0,
            "preferred_channel": _cat(_choice(rng, len(c_owner), [0.35, 0.25, 0.3, 0.1]), "preferred_channel"),
        })
        # opportunities
        o_rate = np.where(seg[biz] == SME, 0.025, 0.06)
        o_count = rng.poisson(o_rate * months_active)
        o_owner = np.repeat(np.arange(k), o_count)
        o_open = first[o_owner] + np.floor(rng.random(len(o_owner)) * np.maximum(last - first + 1, 1)[o_owner]).astype(np.int64)
        order = np.lexsort((o_owner, o_open))
        o_owner, o_open = o_owner[order], o_open[order]
        dur = 14 + rng.poisson(60, len(o_owner))
        closed = o_open + dur
        won = rng.random(len(o_owner)) < np.where(self.demanding[biz][o_owner], 0.45, 0.35)
        stage_open = _choice(rng, len(o_owner), [0.4, 0.35, 0.25])
        lost_by_churn = (self.churn_day[biz][o_owner] != _MISSING) & (closed > last[o_owner])
        finished = (closed <= self.end_day) | lost_by_churn
        closed = np.where(lost_by_churn, last[o_owner], closed)
        stage = np.where(finished, np.where(won & ~lost_by_churn, 3, 4), stage_open)
        line = _choice(rng, len(o_owner), [0.45, 0.1, 0.2, 0.25, 0.0])
        line = np.where(seg[biz][o_owner] == SME, np.minimum(line, 2), line)
        value = np.round(self.fee[biz][o_owner] * 12 * rng.uniform(0.05, 0.4, len(o_owner)) / 100) * 100
        opportunities = pd.DataFrame({
            "opportunity_id": _ids("O", len(o_owner), 6),
            "customer_id": self.cust_id[biz][o_owner],
            "product_line": _cat(line, "product_line"),
            "opened_date": _dates(o_open),
            "stage": _cat(stage, "opportunity_stage"),
            "expected_value_cny_per_year": np.maximum(value, 100.0),
            "closed_date": _dates(np.where(finished, closed, _MISSING)),
        })
        return {"business_accounts": accounts, "contacts": contacts, "activities": activities,
                "opportunities": opportunities}

    # -- market-level tables ----------------------------------------------------------------
    def value_chain(self) -> pd.DataFrame:
        years = sorted({int(str(np.datetime64(int(d), "D"))[:4]) for d in self.ms[:-1]})[-3:]
        rows = []
        for link_i, (_, figures) in enumerate(self.p.value_chain):
            for y, (cost, rev) in zip(years, figures):
                rows.append((y, link_i, cost, rev))
        y, link, cost, rev = (np.array(col) for col in zip(*rows))
        order = np.lexsort((link, y))
        return pd.DataFrame({
            "year": y[order].astype(np.int64),
            "link": _cat(link[order], "value_chain_link"),
            "cost_cny_million": cost[order].astype(float),
            "revenue_attributed_cny_million": rev[order].astype(float),
        })

    def funnel(self) -> pd.DataFrame:
        rng, p = self.rng_market, self.p
        last_year = str(np.datetime64(int(self.ms[-1]) - 1, "D"))[:4]
        quarters = [f"{last_year}-{m:02d}-01" for m in (1, 4, 7, 10)]
        aware = dict(p.funnel_awareness_per_quarter)
        conv = dict(p.funnel_conversion)
        ch_code = {c: CATEGORIES["channel"].index(c) for c in aware}
        out = {"quarter": [], "channel": [], "stage": [], "people": []}
        for q in quarters:
            for ch in aware:
                count = int(rng.poisson(aware[ch]))
                for s in range(5):
                    if s:
                        count = int(rng.binomial(count, conv[ch][s - 1]))
                    out["quarter"].append(_day(q))
                    out["channel"].append(ch_code[ch])
                    out["stage"].append(s)
                    out["people"].append(count)
        return pd.DataFrame({
            "quarter_start": _dates(np.array(out["quarter"])),
            "channel": _cat(np.array(out["channel"]), "channel"),
            "stage": _cat(np.array(out["stage"]), "funnel_stage"),
            "people": np.array(out["people"], dtype=np.int64),
        })

    # -- assembling the tables ------------------------------------------------------------------
    def run(self) -> dict[str, pd.DataFrame]:
        self.customers()
        self.subscriptions_initial()
        network = self.network()
        self.simulate()
        topups = self.prepaid()
        biz = self.business()
        t: dict[str, pd.DataFrame] = {}
        ids = self.cust_id
        t["customers"] = pd.DataFrame({
            "customer_id": ids,
            "segment": _cat(self.seg, "segment"),
            "region": _cat(self.region, "region"),
            "join_date": _dates(self.join),
            "acquisition_channel": _cat(self.channel, "channel"),
            "acquisition_cost_cny": self.acq_cost,
            "credit_score": self.credit,
            "credit_class": _cat(self.credit_class, "credit_class"),
            "age": _int_na(self.age),
            "employees": _int_na(self.employees),
            "paper_bill": self.paper_bill,
        })
        t["business_accounts"] = biz["business_accounts"]
        t["contacts"] = biz["contacts"]
        t["activities"] = biz["activities"]
        t["opportunities"] = biz["opportunities"]
        t["plans"] = pd.DataFrame({
            "plan_id": [r[0] for r in PLANS],
            "plan_name": [r[1] for r in PLANS],
            "product_line": pd.Categorical([r[2] for r in PLANS], dtype=category_dtype("product_line")),
            "market": pd.Categorical([r[3] for r in PLANS], dtype=category_dtype("market")),
            "monthly_fee_cny": [r[4] for r in PLANS],
            "fee_unit": pd.Categorical([r[5] for r in PLANS], dtype=category_dtype("fee_unit")),
            "data_gb": np.array([r[6] for r in PLANS], dtype=np.int64),
            "voice_minutes": np.array([r[7] for r in PLANS], dtype=np.int64),
            "broadband_mbps": np.array([r[8] for r in PLANS], dtype=np.int64),
        })
        s = self.subs
        order = np.lexsort((np.arange(len(s["cust"])), s["start"]))
        sub_ids = np.empty(len(order), dtype=object)
        sub_ids[order] = _ids("S", len(order), self.width + 1)
        self.sub_ids = sub_ids
        end_reason = np.where(s["end_reason"] < 0, 0, s["end_reason"])
        t["subscriptions"] = pd.DataFrame({
            "subscription_id": sub_ids[order],
            "customer_id": ids[s["cust"][order]],
            "plan_id": np.array([r[0] for r in PLANS])[s["plan"][order]],
            "quantity": s["qty"][order],
            "contract_type": _cat(s["contract"][order], "contract_type"),
            "start_date": _dates(s["start"][order]),
            "end_date": _dates(s["end"][order]),
            "end_reason": pd.Categorical.from_codes(
                np.where(s["end_reason"][order] < 0, -1, end_reason[order]), dtype=category_dtype("end_reason")),
            "monthly_fee_cny": s["fee"][order],
        })
        if self.price_changes:
            rows, eff, old, new = (np.concatenate(c) for c in zip(*self.price_changes))
        else:
            rows = eff = np.zeros(0, dtype=np.int64)
            old = new = np.zeros(0)
        pc_order = np.argsort(sub_ids[rows], kind="stable")
        t["price_changes"] = pd.DataFrame({
            "subscription_id": sub_ids[rows][pc_order].astype(object),
            "effective_date": _dates(eff[pc_order]),
            "old_monthly_fee_cny": old[pc_order],
            "new_monthly_fee_cny": new[pc_order],
        })
        b = [np.concatenate(col) for col in zip(*self.bills)]
        bo = np.lexsort((b[1], b[0]))
        t["billing"] = pd.DataFrame({
            "customer_id": ids[b[0][bo]],
            "month": _dates(b[1][bo]),
            "revenue_cny": b[2][bo],
            "voice_minutes": b[3][bo],
            "data_gb": b[4][bo],
            "network_cost_cny": b[5][bo],
            "amount_paid_cny": b[6][bo],
            "days_late": b[7][bo],
            "overdue_balance_cny": b[8][bo],
        })
        self.bill_arrays = [col[bo] for col in b]
        t["topups"] = topups
        tk = {key: np.concatenate([d[key] for d in self.tickets_list]) for key in self.tickets_list[0]}
        to = np.lexsort((tk["cust"], tk["day"]))
        tk = {key: v[to] for key, v in tk.items()}
        self.ticket_arrays = tk
        t["tickets"] = pd.DataFrame({
            "ticket_id": _ids("T", len(to), max(7, len(str(len(to))))),
            "customer_id": ids[tk["cust"]],
            "opened_date": _dates(tk["day"]),
            "ticket_type": _cat(tk["type"], "ticket_type"),
            "channel": _cat(tk["chan"], "ticket_channel"),
            "handling_minutes": tk["minutes"],
            "resolved": tk["resolved"],
            "days_to_resolve": _int_na(tk["days"]),
            "satisfaction": _int_na(tk["sat"]),
        })
        t["network_faults"] = network
        churned = np.flatnonzero(self.churn_day != _MISSING)
        churned = churned[np.lexsort((churned, self.churn_day[churned]))]
        t["churn_events"] = pd.DataFrame({
            "customer_id": ids[churned],
            "churn_date": _dates(self.churn_day[churned]),
            "reason": _cat(self.churn_reason[churned], "churn_reason"),
        })
        t["campaigns"] = self._campaigns()
        t["campaign_contacts"] = self._contacts()
        t["activity_costs"] = pd.DataFrame({
            "activity": pd.Categorical([a for a, _, _ in ACTIVITY_COSTS], dtype=category_dtype("cost_activity")),
            "driver_unit": [u for _, u, _ in ACTIVITY_COSTS],
            "unit_cost_cny": [c for _, _, c in ACTIVITY_COSTS],
        })
        t["cost_to_serve"] = self._cost_to_serve()
        t["value_chain"] = self.value_chain()
        t["funnel"] = self.funnel()
        return {name: t[name].reset_index(drop=True) for name in TABLE_ORDER}

    def _campaigns(self) -> pd.DataFrame:
        p = self.p
        rows = [
            ("CP01", "Stay with Skyline: 3 months at 30% off", "retention", p.retention_date, 92,
             "individual_postpaid", p.retention_offer_cost_cny, p.retention_control_share),
            ("CP02", "Add home broadband: installation free", "cross_sell", p.cross_sell_date, 61,
             "individual_postpaid", p.cross_sell_offer_cost_cny, p.cross_sell_control_share),
            ("CP03", "Move up to Mobile 99: extra data for a year", "upgrade", p.upgrade_date, 61,
             "individual_postpaid", p.upgrade_offer_cost_cny, p.upgrade_control_share),
        ]
        return pd.DataFrame({
            "campaign_id": [r[0] for r in rows],
            "campaign_name": [r[1] for r in rows],
            "campaign_type": pd.Categorical([r[2] for r in rows], dtype=category_dtype("campaign_type")),
            "start_date": _dates(np.array([_day(r[3]) for r in rows])),
            "end_date": _dates(np.array([_day(r[3]) + r[4] - 1 for r in rows])),
            "target_segment": pd.Categorical([r[5] for r in rows], dtype=category_dtype("segment")),
            "offer_cost_cny": [float(r[6]) for r in rows],
            "control_share": [float(r[7]) for r in rows],
        })

    def _contacts(self) -> pd.DataFrame:
        parts = []
        for cid, cust, treat, accepted, day in self.contacts:
            parts.append(pd.DataFrame({
                "campaign_id": cid,
                "customer_id": self.cust_id[cust],
                "group": _cat(np.where(treat, 0, 1), "group"),
                "contact_date": _dates(np.where(treat, day, _MISSING)),
                "accepted_offer": accepted,
            }))
        if not parts:
            return pd.DataFrame({"campaign_id": [], "customer_id": [], "group": _cat([], "group"),
                                 "contact_date": _dates(np.zeros(0, np.int64)), "accepted_offer": []})
        out = pd.concat(parts, ignore_index=True)
        return out.sort_values(["campaign_id", "customer_id"], kind="stable").reset_index(drop=True)

    def _cost_to_serve(self) -> pd.DataFrame:
        n = self.p.customers
        tk = self.ticket_arrays
        year_of = lambda d: np.asarray(d).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970  # noqa: E731
        years = np.unique(year_of(self.ms[:-1]))
        y0 = int(years[0])
        ny = len(years)
        q = np.zeros((len(CATEGORIES["cost_activity"]), n, ny))
        ty = year_of(tk["day"]) - y0
        ok = (ty >= 0) & (ty < ny)
        agent = ok & np.isin(tk["chan"], [0, 1])
        np.add.at(q[0], (tk["cust"][agent], ty[agent]), tk["minutes"][agent])
        for a, mask in ((1, tk["chan"] == 2), (2, tk["chan"] == 3), (3, tk["type"] == 2)):
            sel = ok & mask
            np.add.at(q[a], (tk["cust"][sel], ty[sel]), 1)
        cust, day, atype, hours = self.activity_arrays
        ay = year_of(day) - y0
        np.add.at(q[4], (cust, ay), hours)
        c = atype == 4
        np.add.at(q[5], (cust[c], ay[c]), 1)
        bc, bm, days_late = self.bill_arrays[0], self.bill_arrays[1], self.bill_arrays[7]
        by = year_of(bm) - y0
        paper = self.paper_bill[bc]
        np.add.at(q[6], (bc[paper], by[paper]), 1)
        late = days_late > 30
        np.add.at(q[7], (bc[late], by[late]), 1)
        a_idx, c_idx, y_idx = np.nonzero(q)
        order = np.lexsort((a_idx, y_idx, c_idx))
        a_idx, c_idx, y_idx = a_idx[order], c_idx[order], y_idx[order]
        return pd.DataFrame({
            "customer_id": self.cust_id[c_idx],
            "year": (y_idx + y0).astype(np.int64),
            "activity": _cat(a_idx, "cost_activity"),
            "quantity": np.round(q[a_idx, c_idx, y_idx], 1),
        })


def _int_na(values: np.ndarray) -> pd.arrays.IntegerArray:
    values = np.asarray(values, dtype=np.int64)
    missing = values == _MISSING
    return pd.arrays.IntegerArray(np.where(missing, 0, values), missing)


TABLE_ORDER: list[str] = [
    "customers", "business_accounts", "contacts", "activities", "opportunities", "plans",
    "subscriptions", "price_changes", "billing", "topups", "tickets", "network_faults",
    "churn_events", "campaigns", "campaign_contacts", "activity_costs", "cost_to_serve",
    "value_chain", "funnel",
]


# ---------------------------------------------------------------------------------------------
# writing files
# ---------------------------------------------------------------------------------------------
MANIFEST = "SHA256SUMS"
PARAMETERS_FILE = "parameters.json"


def _number_text(values: np.ndarray) -> list[str]:
    """Shortest text that reads back as the value: 2.0 -> '2', 150.10 -> '150.1', NaN -> ''."""
    out = []
    for x in (values + 0.0).tolist():           # + 0.0 turns -0.0 into 0.0
        if x != x:
            out.append("")
        else:
            text = repr(x)
            out.append(text[:-2] if text.endswith(".0") else text)
    return out


def _quote(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv_bytes(frame: pd.DataFrame, decimals: int = 2) -> bytes:
    """A table as the kit's CSV: UTF-8, LF line ends, ISO dates, numbers rounded to ``decimals``.

    Numbers are written in their shortest form (``2``, ``150.1``, ``3077.05``) and missing values
    as empty fields, so the text depends only on the values: the same table always gives the
    same bytes.

    >>> df = pd.DataFrame({"d": pd.to_datetime(["2024-01-31", None]), "x": [1.5, 2.0],
    ...                    "ok": [True, False], "n": pd.array([3, None], dtype="Int64")})
    >>> to_csv_bytes(df).decode()
    'd,x,ok,n\\n2024-01-31,1.5,true,3\\n,2,false,\\n'
    """
    return b"".join(_csv_chunks(frame, decimals))


def _csv_chunks(frame: pd.DataFrame, decimals: int = 2, rows: int = 250_000):
    """The CSV text of ``frame`` in pieces of ``rows`` lines (the header comes first)."""
    yield (",".join(_quote(str(c)) for c in frame.columns) + "\n").encode("utf-8")
    for first in range(0, len(frame), rows):
        part = frame.iloc[first:first + rows]
        columns = [_column_text(col, decimals) for _, col in part.items()]
        yield ("".join(",".join(row) + "\n" for row in zip(*columns))).encode("utf-8")


def _column_text(col: pd.Series, decimals: int) -> list[str]:
    missing = col.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        text = np.datetime_as_string(col.to_numpy(dtype="datetime64[D]"), unit="D").astype(object)
        text[missing] = ""
        return text.tolist()
    if isinstance(col.dtype, pd.CategoricalDtype):
        labels = np.array([_quote(str(c)) for c in col.cat.categories] + [""], dtype=object)
        codes = col.cat.codes.to_numpy()
        return labels[np.where(codes < 0, len(labels) - 1, codes)].tolist()
    if pd.api.types.is_bool_dtype(col.dtype):
        values = col.to_numpy(dtype=object, na_value=None)
        return ["" if v is None else ("true" if v else "false") for v in values.tolist()]
    if pd.api.types.is_float_dtype(col.dtype):
        return _number_text(np.round(col.to_numpy(dtype=float), decimals))
    if pd.api.types.is_integer_dtype(col.dtype):
        values = col.to_numpy(dtype=object, na_value=None)
        return ["" if v is None else str(v) for v in values.tolist()]
    values = col.to_numpy(dtype=object, na_value=None)
    return ["" if v is None else _quote(str(v)) for v in values.tolist()]


def write(tables: dict[str, pd.DataFrame], out: str | Path, params: TelecomParams | None = None) -> dict[str, str]:
    """Write ``tables`` as CSV files into ``out`` with ``parameters.json`` and a ``SHA256SUMS`` manifest.

    Returns ``{file name: sha256}``. The manifest has the format of ``sha256sum``, so
    ``sha256sum -c SHA256SUMS`` checks the folder too.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sums = write(generate(customers=200), d, TelecomParams(customers=200))
    ...     sorted(sums)[:2]
    ['activities.csv', 'activity_costs.csv']
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sums: dict[str, str] = {}
    for name, frame in tables.items():
        digest = hashlib.sha256()
        with open(out / f"{name}.csv", "wb") as f:
            for chunk in _csv_chunks(frame):
                f.write(chunk)
                digest.update(chunk)
        sums[f"{name}.csv"] = digest.hexdigest()
    if params is not None:
        meta = {"dataset": "telecom", "generator": "crmlib.synth", "generator_version": GENERATOR_VERSION,
                "parameters": params.as_dict()}
        data = (json.dumps(meta, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        (out / PARAMETERS_FILE).write_bytes(data)
        sums[PARAMETERS_FILE] = hashlib.sha256(data).hexdigest()
    manifest = "".join(f"{h}  {f}\n" for f, h in sorted(sums.items()))
    (out / MANIFEST).write_text(manifest, encoding="utf-8", newline="\n")
    return dict(sorted(sums.items()))


def main(argv: list[str] | None = None) -> int:
    """The command line: ``python -m crmlib.synth --out DIR [--customers N] [--seed S]``."""
    parser = argparse.ArgumentParser(
        prog="python -m crmlib.synth",
        description="Regenerate the Skyline Telecom CRM tables (CSV + parameters.json + SHA256SUMS).")
    parser.add_argument("--out", required=True, help="folder to write into (created if missing)")
    parser.add_argument("--customers", type=int, default=TelecomParams.customers,
                        help=f"number of customers (default {TelecomParams.customers:,})")
    parser.add_argument("--seed", type=int, default=TelecomParams.seed,
                        help=f"random seed (default {TelecomParams.seed})")
    args = parser.parse_args(argv)
    params = TelecomParams(customers=args.customers, seed=args.seed)
    try:
        tables = generate(params)
    except (ValueError, TypeError) as err:
        parser.error(str(err))
    sums = write(tables, args.out, params)
    for name in TABLE_ORDER:
        print(f"{name + '.csv':24s} {len(tables[name]):>10,} rows  sha256 {sums[name + '.csv'][:16]}…")
    print(f"wrote {len(sums)} files and {MANIFEST} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
