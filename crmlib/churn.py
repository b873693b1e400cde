"""Churn analysis: churn rates over time and by driver, survival curves, a first churn model, gains.

Three views of the same question, "who leaves, when, and why":

* **rates** — the share of customer-months at risk in which the customer left (:func:`churn_rates`),
  month by month or by any driver; :func:`customer_months` builds that table from the kit's telecom
  database with the drivers of the data card (contract, tenure, bundle, network faults, unresolved
  complaints, price rise);
* **survival** — Kaplan–Meier curves (:func:`kaplan_meier`), written with numpy; customers who joined
  before the data window enter the risk set late (left truncation) instead of being dropped;
* **a model** — a logistic regression (maximum likelihood: scikit-learn, or Newton–Raphson in NumPy) fitted on one part of the customers and judged on
  the rest (:func:`fit_churn_model`): AUC read as "the chance a churner is ranked above a stayer"
  (:func:`auc`), a confusion table at a chosen cut-off (:func:`confusion_table`) and a gains/lift table
  (:func:`gains_table`).

Pure functions; column names are parameters; nothing prints or plots.

    >>> import pandas as pd
    >>> panel = pd.DataFrame({"contract": ["m2m", "m2m", "24m", "24m"], "churned": [True, False, False, False]})
    >>> churn_rates(panel, "contract")["churn_rate"].to_dict()
    {'24m': 0.0, 'm2m': 0.5}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crmlib._checks import share as _share
from crmlib._checks import flags as _flags
from crmlib._checks import require_columns
from crmlib.schema import category_dtype

__all__ = [
    "require_columns", "customer_months", "churn_rates", "driver_table", "kaplan_meier", "survival_at",
    "median_survival", "customer_lifetimes", "auc", "confusion_table", "gains_table", "ChurnModel",
    "fit_churn_model", "model_matrix", "ibm_telco_path",
]


# --------------------------------------------------------------------------- the customer-month table
def customer_months(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per contract customer and billed month *at risk*, with ``churned`` and its drivers.

    A month is at risk when it comes after the customer's join month (the first bill is the join
    month; the last is the churn month).

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The kit's telecom tables by name (``crmlib.datasets.load("telecom")``, or a database the generator
        ``crmlib.synth.generate`` makes).
        It needs customers, subscriptions, plans, billing, churn_events, network_faults, tickets and
        price_changes.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id``, ``month``, ``segment``, ``region``,
        ``contract`` (the first subscription's contract type), ``tenure_years`` (at the month),
        ``bundle`` (a bundle plan, or mobile and broadband held together, in the month), ``fault_rate``
        (the district's network faults per 100 cell sites that month), ``unresolved`` (an unresolved
        complaint or billing dispute in the three months before), ``price_rise`` (within six months of
        a fee rise on one of the customer's subscriptions), ``rise_customer`` (had a fee rise at any
        time) and ``churned`` (left in the month).

    Raises
    ------
    ValueError
        When a table is missing from ``tables``, or network_faults has no row for a (region, month) of the
        billing table.

    Examples
    --------
    >>> from crmlib.synth import TelecomParams, generate
    >>> db = generate(TelecomParams(customers=300))  # a small copy of the kit's data (0.5 s)
    >>> customer_months(db).columns.tolist()
    ['customer_id', 'month', 'segment', 'region', 'contract', 'tenure_years', 'bundle', 'fault_rate', 'unresolved', 'price_rise', 'rise_customer', 'churned']
    """
    need = ["customers", "subscriptions", "plans", "billing", "churn_events", "network_faults",
            "tickets", "price_changes"]
    missing = [n for n in need if n not in tables]
    if missing:
        raise ValueError(f"tables must include {', '.join(need)}; missing: {', '.join(missing)}")
    cust = tables["customers"].set_index("customer_id")
    churn = tables["churn_events"].set_index("customer_id")["churn_date"]
    b = tables["billing"][["customer_id", "month"]]
    join = b["customer_id"].map(cust["join_date"])
    at_risk = join.dt.to_period("M") < b["month"].dt.to_period("M")
    b = b[at_risk.to_numpy()].reset_index(drop=True)
    join = join[at_risk.to_numpy()].reset_index(drop=True)
    out = b.assign(segment=b["customer_id"].map(cust["segment"]), region=b["customer_id"].map(cust["region"]))
    subs = tables["subscriptions"].merge(tables["plans"][["plan_id", "product_line"]], on="plan_id")
    first = subs.sort_values(["start_date", "subscription_id"]).groupby("customer_id")["contract_type"].first()
    out["contract"] = out["customer_id"].map(first).astype(str)
    out["tenure_years"] = (out["month"] - join).dt.days / 365.25
    # product lines live in the month: a bundle plan, or two product lines at once
    m = out[["customer_id", "month"]].reset_index().merge(
        subs[["customer_id", "product_line", "start_date", "end_date"]], on="customer_id")
    live = (m["start_date"] < m["month"] + pd.offsets.MonthBegin(1)) & (m["end_date"].isna() | (m["end_date"] >= m["month"]))
    m = m[live.to_numpy()]
    grouped = m.assign(is_bundle=(m["product_line"] == "bundle").to_numpy()).groupby("index")
    bundled = grouped["is_bundle"].any() | (grouped["product_line"].nunique() > 1)
    out["bundle"] = bundled.reindex(out.index, fill_value=False).astype(bool)
    f = tables["network_faults"]
    rate = (f["faults"] / f["cell_sites"] * 100).to_numpy()
    fkey = pd.MultiIndex.from_arrays([f["region"].astype(str), f["month"]])
    okey = pd.MultiIndex.from_arrays([out["region"].astype(str), out["month"]])
    pos = fkey.get_indexer(okey)
    if (pos < 0).any():
        raise ValueError("network_faults has no row for some (region, month) of the billing table")
    out["fault_rate"] = rate[pos]
    tk = tables["tickets"]
    bad = tk[tk["ticket_type"].isin(["complaint", "billing_dispute"]).to_numpy() & ~tk["resolved"].to_numpy()]
    bad_months = pd.MultiIndex.from_arrays([bad["customer_id"], bad["opened_date"].dt.to_period("M")])
    period = out["month"].dt.to_period("M")
    unresolved = np.zeros(len(out), dtype=bool)
    for lag in (1, 2, 3):
        unresolved |= pd.MultiIndex.from_arrays([out["customer_id"], period - lag]).isin(bad_months)
    out["unresolved"] = unresolved
    pc = tables["price_changes"].merge(tables["subscriptions"][["subscription_id", "customer_id"]], on="subscription_id")
    rise = out["customer_id"].map(pc.groupby("customer_id")["effective_date"].min())
    out["price_rise"] = (rise.notna() & (out["month"] >= rise) & (out["month"] < rise + pd.DateOffset(months=6))).astype(bool)
    out["rise_customer"] = rise.notna().to_numpy()
    left = out["customer_id"].map(churn)
    out["churned"] = (left.notna() & (left.dt.to_period("M") == period)).astype(bool)
    return out


# --------------------------------------------------------------------------- rates
def churn_rates(table: pd.DataFrame, by: str | Sequence[str], *, churned: str = "churned") -> pd.DataFrame:
    """Churn rate per group: ``at_risk`` (rows), ``churners`` and ``churn_rate`` (= churners / at_risk).

    With one row per customer-month, ``churn_rate`` is the monthly churn rate; with one row per
    customer, it is the share who left.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer-month (or per customer).
    by : str or sequence of str
        The column, or columns, to group by (the result's index).
    churned : str, default "churned"
        The column of true/false (0/1) churn flags.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted), columns ``at_risk``, ``churners`` and ``churn_rate``.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a column is not in the table (with a near-miss suggestion).
    ValueError
        When ``by`` names no column, or ``churned`` has missing values or holds anything but true/false.

    Examples
    --------
    >>> t = pd.DataFrame({"month": ["2025-01", "2025-01", "2025-02"], "churned": [True, False, False]})
    >>> churn_rates(t, "month")  # doctest: +NORMALIZE_WHITESPACE
             at_risk  churners  churn_rate
    month
    2025-01        2         1         0.5
    2025-02        1         0         0.0
    >>> churn_rates(t, "plan")
    Traceback (most recent call last):
    ...
    crmlib._checks.ColumnError: column 'plan' (by=) not found in the table; the table has: month, churned
    """
    keys = [by] if isinstance(by, str) else list(by)
    if not keys:
        raise ValueError("by must name at least one column")
    require_columns(table, {"by": keys, "churned": churned})
    flags = _flags(table, churned)
    frame = pd.DataFrame({k: table[k].to_numpy() for k in keys} | {"_c": flags})
    for k in keys:
        if isinstance(table[k].dtype, pd.CategoricalDtype):
            frame[k] = pd.Categorical(frame[k], dtype=table[k].dtype)
    grouped = frame.groupby(keys if len(keys) > 1 else keys[0], observed=True, sort=True)["_c"]
    out = pd.DataFrame({"at_risk": grouped.size().astype("int64"), "churners": grouped.sum().astype("int64")})
    out["churn_rate"] = out["churners"] / out["at_risk"]
    return out


def driver_table(table: pd.DataFrame, drivers: Mapping[str, str | Sequence[float]] | Sequence[str], *,
                 churned: str = "churned", bands: Mapping[str, Sequence[float]] | None = None) -> pd.DataFrame:
    """Churn rate by the levels of each driver, in one long table, relative to each driver's first level.

    The first level is the driver's (lowest-risk) reference level; ``bands`` optionally cuts numeric drivers
    into bands (left-closed, e.g. ``{"tenure_years": [0, 1, 3, 6, 100]}``).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer-month (or per customer).
    drivers : sequence of str
        The driver columns.
    churned : str, default "churned"
        The column of true/false (0/1) churn flags.
    bands : mapping of str to sequence of float, optional
        For numeric drivers, the increasing edges of their bands.

    Returns
    -------
    pandas.DataFrame
        Columns ``driver``, ``level``, ``at_risk``, ``churners``, ``churn_rate``, ``ratio`` (the level's rate /
        the driver's first level's rate; NaN when that rate is 0).

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a driver or ``churned`` is not in the table.
    ValueError
        When ``bands`` names a column that is not a driver, a driver's edges are fewer than two or not
        increasing, values fall outside every band, or ``churned`` is not a true/false column.

    Examples
    --------
    >>> t = pd.DataFrame({"bundle": [True, True, False, False], "tenure": [0.5, 4, 0.5, 4],
    ...                   "churned": [False, False, True, False]})
    >>> driver_table(t, ["bundle", "tenure"], bands={"tenure": [0, 1, 10]})[["driver", "level", "churn_rate"]]
       driver    level  churn_rate
    0  bundle    False         0.5
    1  bundle     True         0.0
    2  tenure   [0, 1)         0.5
    3  tenure  [1, 10)         0.0
    """
    names = list(drivers)
    bands = dict(bands or {})
    require_columns(table, {"drivers": names, "churned": churned})
    unknown = [b for b in bands if b not in names]
    if unknown:
        raise ValueError(f"bands: {', '.join(map(repr, unknown))} is not one of the drivers ({', '.join(names)})")
    parts = []
    for name in names:
        column = table[name]
        if name in bands:
            edges = list(bands[name])
            if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:])):
                raise ValueError(f"bands[{name!r}] must be at least two increasing edges; got {edges}")
            labels = [f"[{a:g}, {b:g})" for a, b in zip(edges, edges[1:])]
            column = pd.cut(column, edges, right=False, labels=labels)
            if column.isna().any():
                raise ValueError(f"bands[{name!r}] = {edges} leaves {int(column.isna().sum())} value(s) of "
                                 f"{name!r} outside every band (range {table[name].min()} to {table[name].max()})")
        rates = churn_rates(pd.DataFrame({name: column, churned: table[churned]}), name, churned=churned)
        rates = rates.reset_index().rename(columns={name: "level"})
        rates["level"] = rates["level"].astype(str)
        rates.insert(0, "driver", name)
        base = rates["churn_rate"].iloc[0]
        rates["ratio"] = rates["churn_rate"] / base if base > 0 else np.nan
        parts.append(rates)
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------- survival
def kaplan_meier(table: pd.DataFrame, *, duration: str, event: str, group: str | None = None,
                 entry: str | None = None) -> pd.DataFrame:
    """Kaplan–Meier survival curves, one per group, on whole time units (e.g. months).

    ``entry`` (optional) is the time at which a customer came under observation (left truncation):
    someone who joined years before the data starts only counts as at risk from then on.
    Times are whole units (fractions are cut off). At each time ``t``: ``at_risk`` = under
    observation by ``t`` and still a customer at ``t``; ``events`` =
    churners at ``t``; ``survival`` = product of (1 − events / at_risk) up to ``t``. The table
    starts at time 0 with survival 1.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer.
    duration : str
        The column of times from the start (joining) to churn or to the end of observation (≥ 0).
    event : str
        The column of true/false flags: true when the customer left at ``duration`` (false: still a customer,
        censored).
    group : str, optional
        The column to draw one curve per level of.
    entry : str, optional
        The column of times at which customers came under observation (from 0 to ``duration``).

    Returns
    -------
    pandas.DataFrame
        Columns ``group`` (with ``group`` only), ``time``, ``at_risk``, ``events`` and ``survival``, one row per
        group and time unit from 0.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a column is not in the table.
    ValueError
        When durations are missing or negative, entry times are missing, negative or after the duration, or the
        event column is not a true/false column.

    References
    ----------
    Kaplan, E. L. & Meier, P. (1958). Nonparametric estimation from incomplete observations. *Journal of the
    American Statistical Association* 53(282), 457–481.

    Examples
    --------
    >>> t = pd.DataFrame({"months": [1, 2, 2, 3], "left": [True, True, False, False]})
    >>> kaplan_meier(t, duration="months", event="left")[["time", "at_risk", "events", "survival"]]
       time  at_risk  events  survival
    0     0        4       0      1.00
    1     1        4       1      0.75
    2     2        3       1      0.50
    3     3        1       0      0.50
    """
    require_columns(table, {"duration": duration, "event": event, "group": group or [], "entry": entry or []})
    d = pd.to_numeric(table[duration], errors="coerce").to_numpy(dtype=float)
    if np.isnan(d).any() or (d < 0).any():
        raise ValueError(f"column {duration!r} must hold times >= 0 with no missing values")
    d = np.floor(d)
    e = _flags(table, event)
    start = np.zeros_like(d)
    if entry:
        start = pd.to_numeric(table[entry], errors="coerce").to_numpy(dtype=float)
        if np.isnan(start).any() or (start < 0).any() or (start > d).any():
            raise ValueError(f"column {entry!r} must hold times >= 0 and <= {duration!r}, with no missing values")
    groups = table[group] if group else pd.Series(["all"] * len(table), index=table.index)
    codes, levels = pd.factorize(groups, sort=True)
    if isinstance(groups.dtype, pd.CategoricalDtype):
        present = set(groups.dropna().unique())
        levels = pd.Index([c for c in groups.cat.categories if c in present])
        codes = levels.get_indexer(groups)
    parts = []
    for k, level in enumerate(levels):
        mine = codes == k
        dk, ek, sk = d[mine], e[mine], start[mine]
        times = np.arange(0, int(np.ceil(dk.max())) + 1) if dk.size else np.arange(1)
        # at risk at t: under observation by t (start <= t) and not gone before t (duration >= t)
        entered = np.searchsorted(np.sort(sk), times, side="right")
        gone = np.searchsorted(np.sort(dk), times, side="left")
        at_risk = entered - gone
        events = np.bincount(np.round(dk[ek]).astype(int), minlength=times.size)[: times.size]
        hazard = np.divide(events, at_risk, out=np.zeros(times.size), where=at_risk > 0)
        survival = np.cumprod(1.0 - hazard)
        parts.append(pd.DataFrame({"group": level, "time": times, "at_risk": at_risk.astype("int64"),
                                   "events": events.astype("int64"), "survival": survival.round(12)}))
    out = pd.concat(parts, ignore_index=True)
    if group is None:
        out = out.drop(columns="group")
    elif isinstance(table[group].dtype, pd.CategoricalDtype):
        out["group"] = pd.Categorical(out["group"], dtype=table[group].dtype)
    return out


def survival_at(curves: pd.DataFrame, time: float) -> pd.Series:
    """Each group's survival at ``time`` (the curve's last value at or before it).

    Parameters
    ----------
    curves : pandas.DataFrame
        Survival curves, as :func:`kaplan_meier` returns them (columns ``time`` and ``survival``, and ``group``
        when there are groups).
    time : float
        The time (≥ 0).

    Returns
    -------
    pandas.Series
        Survival per group (indexed ``all`` without groups), named ``survival``.

    Raises
    ------
    TypeError
        When ``curves`` is not a DataFrame.
    ColumnError
        When ``curves`` lacks ``time`` or ``survival``.
    ValueError
        When ``time`` is negative or not finite.

    Examples
    --------
    >>> t = pd.DataFrame({"months": [1, 2, 2, 3], "left": [True, True, False, False], "g": list("aabb")})
    >>> survival_at(kaplan_meier(t, duration="months", event="left", group="g"), 2).to_dict()
    {'a': 0.0, 'b': 1.0}
    """
    require_columns(curves, ["time", "survival"], "curves")
    if not np.isfinite(time) or time < 0:
        raise ValueError(f"time must be a number >= 0; got {time!r}")
    before = curves[curves["time"] <= time]
    if "group" not in curves.columns:
        return pd.Series({"all": float(before["survival"].iloc[-1])}, name="survival")
    last = before.groupby("group", observed=True, sort=True)["survival"].last()
    return last.rename("survival").astype(float)


def median_survival(curves: pd.DataFrame) -> pd.Series:
    """The first time each group's survival falls to 0.5 or below.

    NaN if it never does: the median lifetime is longer than the data shows.

    Parameters
    ----------
    curves : pandas.DataFrame
        Survival curves, as :func:`kaplan_meier` returns them (columns ``time`` and ``survival``, and ``group``
        when there are groups).

    Returns
    -------
    pandas.Series
        The median per group (indexed ``all`` without groups), named ``median``.

    Raises
    ------
    TypeError
        When ``curves`` is not a DataFrame.
    ColumnError
        When ``curves`` lacks ``time`` or ``survival``.

    Examples
    --------
    >>> t = pd.DataFrame({"months": [1, 2, 2, 3], "left": [True, True, False, False]})
    >>> median_survival(kaplan_meier(t, duration="months", event="left")).to_dict()
    {'all': 2.0}
    """
    require_columns(curves, ["time", "survival"], "curves")
    frame = curves if "group" in curves.columns else curves.assign(group="all")
    below = frame[frame["survival"] <= 0.5]
    first = below.groupby("group", observed=True)["time"].min()
    groups = frame["group"].drop_duplicates()
    return pd.Series([float(first.get(g, np.nan)) for g in groups], index=list(groups), name="median")


def customer_lifetimes(tables: Mapping[str, pd.DataFrame], *, end: str = "2025-12-31",
                       start: str = "2023-01-01") -> pd.DataFrame:
    """One row per contract customer: how long they stayed, whether they left, and their drivers.

    Prepaid customers are left out (they have no contract).

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The kit's telecom tables by name (``crmlib.datasets.load("telecom")``, or a database the generator
        ``crmlib.synth.generate`` makes).
        It needs customers, subscriptions, plans and churn_events.
    end : str, default "2025-12-31"
        The day observation ends, for customers still there.
    start : str, default "2023-01-01"
        The day the data starts (customers who joined before enter the risk set late).

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id``, ``segment``, ``region``, ``contract`` (first contract type), ``bundle`` (ever
        held a bundle), ``months`` (from joining to churn, or to ``end``), ``entry_months`` (tenure when the data
        starts at ``start``; 0 for later joiners) and ``churned``.

    Raises
    ------
    ValueError
        When a table is missing from ``tables``.

    Examples
    --------
    >>> from crmlib.synth import TelecomParams, generate
    >>> db = generate(TelecomParams(customers=300))  # a small copy of the kit's data (0.5 s)
    >>> customer_lifetimes(db).columns.tolist()
    ['customer_id', 'segment', 'region', 'contract', 'bundle', 'months', 'entry_months', 'churned']
    """
    for name in ("customers", "subscriptions", "plans", "churn_events"):
        if name not in tables:
            raise ValueError(f"tables must include customers, subscriptions, plans, churn_events; missing {name!r}")
    cust = tables["customers"]
    cust = cust[(cust["segment"] != "individual_prepaid").to_numpy()]
    churn = tables["churn_events"].set_index("customer_id")["churn_date"]
    left = cust["customer_id"].map(churn)
    stop = left.fillna(pd.Timestamp(end))
    months = ((stop - cust["join_date"]).dt.days / (365.25 / 12)).to_numpy()
    entry = ((pd.Timestamp(start) - cust["join_date"]).dt.days / (365.25 / 12)).clip(lower=0).to_numpy()
    subs = tables["subscriptions"].merge(tables["plans"][["plan_id", "product_line"]], on="plan_id")
    first = subs.sort_values(["start_date", "subscription_id"]).groupby("customer_id")["contract_type"].first()
    by_customer = subs.groupby("customer_id", observed=True)
    lines = ((subs["product_line"] == "bundle").groupby(subs["customer_id"]).any()
             | (by_customer["product_line"].nunique() > 1))  # a bundle plan, or mobile and broadband side by side
    out = pd.DataFrame({
        "customer_id": cust["customer_id"].to_numpy(),
        "segment": cust["segment"].cat.remove_unused_categories().to_numpy(),
        "region": cust["region"].to_numpy(),
        "contract": pd.Categorical(cust["customer_id"].map(first).astype(str), dtype=category_dtype("contract_type")),
        "bundle": cust["customer_id"].map(lines).fillna(False).astype(bool).to_numpy(),
        "months": np.floor(months).astype("int64"),
        "entry_months": np.minimum(np.floor(entry), np.floor(months)).astype("int64"),
        "churned": left.notna().to_numpy(),
    })
    out["contract"] = out["contract"].cat.remove_unused_categories()
    return out


# --------------------------------------------------------------------------- judging a model
def _scores(y: Any, score: Any) -> tuple[np.ndarray, np.ndarray]:
    yy = np.asarray(y)
    ss = np.asarray(score, dtype=float)
    if yy.ndim != 1 or ss.shape != yy.shape or yy.size == 0:
        raise ValueError(f"y and score must be 1-D and of the same non-zero length; got {yy.shape} and {ss.shape}")
    if not np.isin(yy, [0, 1, True, False]).all():
        raise ValueError("y must hold true/false (or 0/1) outcomes")
    if np.isnan(ss).any():
        raise ValueError("score has missing values")
    return yy.astype(bool), ss


def auc(y: Any, score: Any) -> float:
    """Area under the ROC curve, computed as what it means: the chance a churner outscores a stayer.

    The chance that a randomly picked churner gets a higher score than a randomly picked stayer (ties count
    half). 0.5 is guessing, 1 is perfect.

    Parameters
    ----------
    y : array-like of bool
        What each customer did: true (or 1) for left, false (or 0) for stayed.
    score : array-like of float
        Each customer's score (e.g. the predicted chance of leaving), as long as ``y``.

    Returns
    -------
    float
        The AUC, from 0 to 1.

    Raises
    ------
    ValueError
        When ``y`` and ``score`` are not one-dimensional and of the same non-zero length, ``y`` holds anything
        but true/false (0/1), or ``score`` has missing values,
        or there are not both churners and stayers.

    Examples
    --------
    >>> auc([True, False, True, False], [0.9, 0.1, 0.4, 0.5])
    0.75
    """
    yy, ss = _scores(y, score)
    pos, neg = int(yy.sum()), int((~yy).sum())
    if pos == 0 or neg == 0:
        raise ValueError(f"auc needs both churners and stayers; got {pos} churner(s) and {neg} stayer(s)")
    ranks = pd.Series(ss).rank(method="average").to_numpy()  # Mann–Whitney: tied scores share their mean rank
    return float((ranks[yy].sum() - pos * (pos + 1) / 2) / (pos * neg))


def confusion_table(y: Any, score: Any, cutoff: float = 0.5) -> pd.DataFrame:
    """Customers flagged (score ≥ ``cutoff``) or not, against what they did: a 2 × 2 count table.

    Parameters
    ----------
    y : array-like of bool
        What each customer did: true (or 1) for left, false (or 0) for stayed.
    score : array-like of float
        Each customer's score (e.g. the predicted chance of leaving), as long as ``y``.
    cutoff : float, default 0.5
        The score from which a customer is flagged (a share from 0 to 1).

    Returns
    -------
    pandas.DataFrame
        Counts, rows ``left``/``stayed``, columns ``flagged``/``not flagged``.

    Raises
    ------
    TypeError
        When ``cutoff`` is not a number.
    ValueError
        When ``y`` and ``score`` are not one-dimensional and of the same non-zero length, ``y`` holds anything
        but true/false (0/1), or ``score`` has missing values,
        or ``cutoff`` is outside 0 to 1.

    Examples
    --------
    >>> confusion_table([True, False, True, False], [0.9, 0.1, 0.4, 0.5], cutoff=0.45)
            flagged  not flagged
    left          1            1
    stayed        1            1
    """
    yy, ss = _scores(y, score)
    cutoff = _share("cutoff", cutoff, example=0.5)
    flag = ss >= cutoff
    table = [[int((yy & flag).sum()), int((yy & ~flag).sum())], [int((~yy & flag).sum()), int((~yy & ~flag).sum())]]
    return pd.DataFrame(table, index=["left", "stayed"], columns=["flagged", "not flagged"])


def gains_table(y: Any, score: Any, bins: int = 10) -> pd.DataFrame:
    """Customers sorted by score, highest first, cut into ``bins`` equal groups (deciles by default).

    Parameters
    ----------
    y : array-like of bool
        What each customer did: true (or 1) for left, false (or 0) for stayed.
    score : array-like of float
        Each customer's score (e.g. the predicted chance of leaving), as long as ``y``.
    bins : int, default 10
        The number of groups (from 1 to the number of customers).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``group`` (1 = highest scores), columns ``customers``, ``churners``, ``churn_rate``,
        ``cum_share_customers``, ``cum_share_churners`` (the gains: share of all churners found by contacting
        down to this group) and ``lift`` (the group's churn rate / the overall churn rate).

    Raises
    ------
    ValueError
        When ``y`` and ``score`` are not one-dimensional and of the same non-zero length, ``y`` holds anything
        but true/false (0/1), or ``score`` has missing values,
        or ``bins`` is not a whole number from 1 to the number of customers.

    Examples
    --------
    >>> g = gains_table([1, 1, 0, 0, 1, 0, 0, 0, 0, 0], [.9, .8, .7, .6, .5, .4, .3, .2, .1, 0], bins=5)
    >>> g["cum_share_churners"].round(2).tolist(), g["lift"].round(2).tolist()
    ([0.67, 0.67, 1.0, 1.0, 1.0], [3.33, 0.0, 1.67, 0.0, 0.0])
    """
    yy, ss = _scores(y, score)
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 1 <= bins <= yy.size:
        raise ValueError(f"bins must be a whole number from 1 to the number of customers ({yy.size}); got {bins!r}")
    order = np.argsort(-ss, kind="stable")
    group = (np.arange(yy.size) * bins) // yy.size + 1
    sorted_y = yy[order]
    customers = np.bincount(group, minlength=bins + 1)[1:]
    churners = np.bincount(group, weights=sorted_y, minlength=bins + 1)[1:]
    total = sorted_y.sum()
    rate = churners / customers
    out = pd.DataFrame({
        "customers": customers.astype("int64"),
        "churners": churners.astype("int64"),
        "churn_rate": rate,
        "cum_share_customers": np.cumsum(customers) / yy.size,
        "cum_share_churners": np.cumsum(churners) / total if total else np.zeros(bins),
        "lift": rate / (total / yy.size) if total else np.zeros(bins),
    }, index=pd.RangeIndex(1, bins + 1, name="group"))
    return out


# --------------------------------------------------------------------------- a first churn model

# The penalty scikit-learn's LogisticRegression(C=1e6) puts on the coefficients (not the intercept): 1 / C.
# It is small enough that the fit is maximum likelihood to every digit shown, and it keeps the Newton
# step defined when two design columns are collinear.
_L2 = 1e-6
# A row fitted with |log-odds| above this (a chance within 6e-6 of 0 or 1) means its outcome is predicted
# with certainty: the features separate churners from stayers and the maximum-likelihood log-odds are infinite
# (the tiny penalty then stops them near 15).
_CERTAIN = 12.0


def _log_likelihood(eta: np.ndarray, y: np.ndarray) -> float:
    return float(y @ eta - np.logaddexp(0.0, eta).sum())


def _fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = _L2, max_iter: int = 100,
                  tol: float = 1e-10) -> tuple[float, np.ndarray, int]:
    """Maximum-likelihood logistic regression by Newton–Raphson (IRLS): intercept, coefficients, iterations.

    Maximises ``sum(y·η − log(1 + e^η)) − l2/2 · |coefficients|²`` with ``η = intercept + x @ coefficients``,
    the objective of scikit-learn's ``LogisticRegression(C=1/l2)``. Each step solves the Newton system
    ``(Xᵀ W X + l2·I) step = gradient`` (W = p(1 − p)) and halves it until the objective rises.

    Raises
    ------
    ValueError
        When the outcome is predicted with certainty for some rows (separation), or the fit does not converge.
    """
    n, k = x.shape
    a = np.empty((n, k + 1))
    a[:, 0] = 1.0
    a[:, 1:] = x
    penalty = np.full(k + 1, l2)
    penalty[0] = 0.0
    yf = y.astype(float)
    mean = yf.mean()
    beta = np.zeros(k + 1)
    beta[0] = np.log(mean / (1.0 - mean))
    eta = a @ beta
    objective = _log_likelihood(eta, yf) - 0.5 * penalty @ beta**2
    for iteration in range(1, max_iter + 1):
        p = np.exp(eta - np.logaddexp(0.0, eta))
        gradient = a.T @ (yf - p) - penalty * beta
        hessian = (a * (p * (1.0 - p))[:, None]).T @ a
        hessian[np.diag_indices_from(hessian)] += penalty
        try:
            step = np.linalg.solve(hessian, gradient)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(hessian, gradient, rcond=None)[0]
        decrement = float(gradient @ step)  # twice the gain a full step promises
        size = 1.0
        while True:
            trial = beta + size * step
            trial_eta = a @ trial
            trial_objective = _log_likelihood(trial_eta, yf) - 0.5 * penalty @ trial**2
            if trial_objective >= objective - 1e-12 * abs(objective) or size < 1e-10:
                break
            size /= 2.0
        beta, eta, objective = trial, trial_eta, trial_objective
        if decrement / 2.0 < tol * max(1.0, abs(objective)):
            break
    else:
        raise ValueError(f"the churn model did not converge in {max_iter} Newton steps; "
                         "look for a feature that (almost) separates churners from stayers")
    certain = np.abs(eta) > _CERTAIN
    if certain.any():
        raise ValueError(f"the features predict the outcome with certainty for {int(certain.sum())} training row(s) "
                         "(separation: e.g. a level in which nobody, or everybody, left), so the log-odds are "
                         "infinite; merge or drop that level or feature")
    return float(beta[0]), beta[1:].copy(), iteration

def model_matrix(table: pd.DataFrame, features: Sequence[str]) -> pd.DataFrame:
    """The numeric design matrix of ``features``.

    Numbers and true/false stay one column each; a category becomes one 0/1 column per level except its first
    (the reference level).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per observation.
    features : sequence of str
        The feature columns.

    Returns
    -------
    pandas.DataFrame
        The design matrix, floats, indexed like ``table``; a category's columns are named ``feature=level``.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame.
    ColumnError
        When a feature is not in the table.
    ValueError
        When a feature has missing values.

    Examples
    --------
    >>> t = pd.DataFrame({"contract": pd.Categorical(["m2m", "24m", "m2m"], categories=["m2m", "24m"]),
    ...                   "fee": [10.0, 20.0, 30.0], "bundle": [True, False, True]})
    >>> model_matrix(t, ["contract", "fee", "bundle"]).columns.tolist()
    ['contract=24m', 'fee', 'bundle']
    """
    require_columns(table, {"features": features})
    parts = {}
    for name in features:
        column = table[name]
        if column.isna().any():
            raise ValueError(f"feature {name!r} has {int(column.isna().sum())} missing value(s); fill or drop them first")
        if pd.api.types.is_bool_dtype(column.dtype):
            parts[name] = column.astype(float).to_numpy()
        elif pd.api.types.is_numeric_dtype(column.dtype):
            parts[name] = column.to_numpy(dtype=float)
        else:
            cat = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
            cat = cat.cat.remove_unused_categories()
            for level in cat.cat.categories[1:]:
                parts[f"{name}={level}"] = (cat == level).to_numpy(dtype=float)
    return pd.DataFrame(parts, index=table.index)


@dataclass
class ChurnModel:
    """A fitted churn model and how well it ranks customers it has not seen.

    Made by :func:`fit_churn_model`.

    Parameters
    ----------
    features : list of str
        The feature columns the model was fitted on.
    columns : list of str
        The design matrix's columns (see :func:`model_matrix`).
    coefficients : pandas.DataFrame
        Log-odds per design column (``log_odds``, with ``odds_ratio``), features scaled as given.
    intercept : float
        The intercept, in log-odds.
    test : pandas.DataFrame
        The held-out rows with ``y`` (left) and ``score`` (the predicted chance of leaving).
    auc_train, auc_test : float
        AUC on the training and the held-out rows.
    iterations : int
        The steps the fit took (Newton steps, or scikit-learn's L-BFGS iterations).

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> t = pd.DataFrame({"x": rng.normal(size=500)})
    >>> t["churned"] = rng.random(500) < 1 / (1 + np.exp(-2 * t["x"]))
    >>> m = fit_churn_model(t, ["x"])
    >>> m.columns, m.predict(t.head(2)).name
    (['x'], 'risk')
    """

    features: list[str]
    columns: list[str]
    coefficients: pd.DataFrame
    intercept: float
    test: pd.DataFrame
    auc_train: float
    auc_test: float
    iterations: int = field(default=0, repr=False)

    def predict(self, table: pd.DataFrame) -> pd.Series:
        """Predicted chance of leaving for each row of ``table`` (same features as the fit).

        Parameters
        ----------
        table : pandas.DataFrame
            Rows with the model's feature columns.

        Returns
        -------
        pandas.Series
            The predicted chance of leaving, indexed like ``table`` and named ``risk``.

        Raises
        ------
        ColumnError
            When a feature is not in ``table``.
        ValueError
            When a feature has missing values.
        """
        x = model_matrix(table, self.features).reindex(columns=self.columns, fill_value=0.0)
        eta = self.intercept + x.to_numpy() @ self.coefficients["log_odds"].to_numpy()
        return pd.Series(np.exp(eta - np.logaddexp(0.0, eta)), index=table.index, name="risk")


def fit_churn_model(table: pd.DataFrame, features: Sequence[str], *, target: str = "churned",
                    test_share: float = 0.3, seed: int = 0, group: str | None = None,
                    solver: str = "newton") -> ChurnModel:
    """Fit a logistic regression of ``target`` on ``features`` and judge it on held-out rows.

    The fit uses a random ``1 − test_share`` of the rows; the rest is held-out data it never saw.
    The fit is maximum likelihood (with scikit-learn's penalty of 1e-6 on the coefficients, which changes no
    digit shown), so coefficients read as log-odds ratios. The default, ``solver="newton"``, fits it by
    Newton–Raphson in NumPy, to the exact maximum, without loading scikit-learn and SciPy (about 80 MB of a
    kernel's memory); ``"sklearn"`` uses scikit-learn's ``LogisticRegression(C=1e6)``, whose L-BFGS stops a
    little short of the maximum on large tables (tests compare the two).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per observation (customer, or customer-month).
    features : sequence of str
        The feature columns (at least one).
    target : str, default "churned"
        The column of true/false (0/1) outcomes.
    test_share : float, default 0.3
        The share of rows (or of groups) held out (strictly between 0 and 1).
    seed : int, default 0
        The seed of the random split.
    group : str, optional
        A column (e.g. ``"customer_id"``) whose rows all go to the same side of the split.
    solver : {"sklearn", "newton"}, default "newton"
        How the likelihood is maximised (see above).

    Returns
    -------
    ChurnModel
        The coefficients, the held-out rows with their scores, and the AUC on both sides.

    Raises
    ------
    TypeError
        When ``table`` is not a DataFrame, or ``test_share`` is not a number.
    ColumnError
        When a column is not in the table.
    ValueError
        When ``solver`` is not one of the two, ``features`` is empty, ``test_share`` is not strictly between 0
        and 1, the target or a feature has missing values, the target is not a true/false column, one side of
        the split holds only one outcome, or (``"newton"``) the features separate churners from stayers in the
        training rows (the log-odds would be infinite).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> t = pd.DataFrame({"x": rng.normal(size=2000)})
    >>> t["churned"] = rng.random(2000) < 1 / (1 + np.exp(-(2 * t["x"] - 1)))
    >>> m = fit_churn_model(t, ["x"])
    >>> round(float(m.coefficients.loc["x", "log_odds"]), 1), round(m.auc_test, 2)
    (2.0, 0.84)
    """
    if solver not in ("sklearn", "newton"):
        raise ValueError(f"solver must be 'sklearn' or 'newton'; got {solver!r}")
    features = list(features)
    if not features:
        raise ValueError("features must name at least one column")
    require_columns(table, {"features": features, "target": target, "group": group or []})
    _share("test_share", test_share, zero=False, one=False, example=0.3)
    y = _flags(table, target)
    x = model_matrix(table, features)
    rng = np.random.default_rng(seed)
    if group:
        ids, codes = np.unique(table[group].to_numpy(), return_inverse=True)
        test = (rng.random(ids.size) < test_share)[codes]
    else:
        test = rng.random(len(table)) < test_share
    for side, mask in (("training", ~test), ("test", test)):
        if y[mask].all() or not y[mask].any():
            raise ValueError(f"the {side} rows hold only one outcome; the model needs churners and stayers on both sides")
    xs = x.to_numpy()
    if solver == "newton":
        intercept, beta, steps = _fit_logistic(xs[~test], y[~test])
    else:
        from sklearn.linear_model import LogisticRegression

        estimator = LogisticRegression(C=1e6, max_iter=5000).fit(xs[~test], y[~test])
        intercept, beta, steps = float(estimator.intercept_[0]), estimator.coef_[0].copy(), int(estimator.n_iter_[0])
    eta_train = intercept + xs[~test] @ beta
    eta_test = intercept + xs[test] @ beta
    p_train = np.exp(eta_train - np.logaddexp(0.0, eta_train))
    p_test = np.exp(eta_test - np.logaddexp(0.0, eta_test))
    coefs = pd.DataFrame({"log_odds": beta}, index=pd.Index(x.columns, name="feature"))
    coefs["odds_ratio"] = np.exp(coefs["log_odds"])
    held = table.loc[test].copy()
    held["y"] = y[test]
    held["score"] = p_test
    return ChurnModel(features, list(x.columns), coefs, intercept, held,
                      auc(y[~test], p_train), auc(y[test], p_test), steps)


def ibm_telco_path() -> Any:
    """Where IBM's public "Telco Customer Churn" file is, or None when it is not on this computer.

    Looked up in ``$CRMLIB_REALDATA/ibm_telco_churn/`` if that variable is set, else in
    ``../shared/realdata/ibm_telco_churn/`` next to the repository. The kit never copies the file.

    Returns
    -------
    pathlib.Path or None
        The path of ``Telco-Customer-Churn.csv``, or None.

    Examples
    --------
    >>> path = ibm_telco_path()
    >>> path is None or path.name == "Telco-Customer-Churn.csv"
    True
    """
    import os
    from pathlib import Path

    env = os.environ.get("CRMLIB_REALDATA")
    folder = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
    path = folder / "ibm_telco_churn" / "Telco-Customer-Churn.csv"
    return path if path.is_file() else None
