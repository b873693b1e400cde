"""Adapters: put a public churn table with other column names into the kit's customer schema.

The kit's churn functions read one row per contract customer with the columns of
:data:`CHURN_COLUMNS`. :func:`to_churn_table` builds that table from any source, given a column
map (kit column -> source column, or a function of the source frame) and value maps (source
value -> kit value). :data:`IBM_TELCO` holds the maps for IBM's public "Telco Customer Churn"
sample (``Telco-Customer-Churn.csv``, 21 columns); :func:`telecom_churn_table` builds the same
table from the kit's own Skyline Telecom data, so a notebook can run on either.

>>> raw = pd.DataFrame({"id": ["a", "b"], "months": [3, 40], "plan": ["Month-to-month", "Two year"],
...                     "fee": [70.0, 20.5], "spent": ["210", "820"], "left": ["Yes", "No"]})
>>> churn = to_churn_table(raw, columns={"customer_id": "id", "tenure_months": "months",
...     "contract_type": "plan", "monthly_fee": "fee", "total_revenue": "spent", "churned": "left"},
...     values={"contract_type": {"Month-to-month": "month_to_month", "Two year": "24_months"},
...             "churned": {"Yes": True, "No": False}})
>>> print(*churn.iloc[0])
a individual_postpaid 3 month_to_month 70.0 210.0 <NA> <NA> True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Union

import numpy as np
import pandas as pd

from crmlib.schema import category_dtype

#: The kit's churn-table schema: column -> (dtype, meaning).
CHURN_COLUMNS: dict[str, tuple[str, str]] = {
    "customer_id": ("str", "customer key"),
    "segment": ("category", "segment (crmlib.schema.CATEGORIES['segment'])"),
    "tenure_months": ("int64", "whole months since the customer joined (to churn or to the end of the data)"),
    "contract_type": ("category", "month_to_month, 12_months or 24_months"),
    "monthly_fee": ("float64", "current (or last) monthly fee, in the source's currency"),
    "total_revenue": ("float64", "revenue billed over the whole relationship, same currency"),
    "has_bundle": ("boolean", "holds mobile and home broadband/internet together (NA if unknown)"),
    "paper_bill": ("boolean", "receives paper bills (NA if unknown)"),
    "churned": ("bool", "left the operator"),
}

Source = Union[str, Callable[[pd.DataFrame], Any]]

#: Column and value maps for IBM's "Telco Customer Churn" sample (21 columns, 7,043 rows, USD).
IBM_TELCO: dict[str, Any] = {
    "columns": {
        "customer_id": "customerID",
        "tenure_months": "tenure",
        "contract_type": "Contract",
        "monthly_fee": "MonthlyCharges",
        "total_revenue": "TotalCharges",
        "has_bundle": lambda df: (df["PhoneService"] == "Yes") & (df["InternetService"] != "No"),
        "paper_bill": "PaperlessBilling",
        "churned": "Churn",
    },
    "values": {
        "contract_type": {"Month-to-month": "month_to_month", "One year": "12_months",
                          "Two year": "24_months"},
        "paper_bill": {"Yes": False, "No": True},      # the source says *paperless* billing
        "churned": {"Yes": True, "No": False},
    },
    "currency": "USD",
}


def _fail(message: str) -> None:
    raise ValueError(message)


def to_churn_table(frame: pd.DataFrame, columns: Mapping[str, Source],
                   values: Mapping[str, Mapping[Any, Any]] | None = None, *,
                   segment: str = "individual_postpaid", currency: str | None = None,
                   blank_total_for_new: bool = True) -> pd.DataFrame:
    """Map a churn table onto the kit's :data:`CHURN_COLUMNS`.

    Parameters
    ----------
    frame : pandas.DataFrame
        The source table, one row per customer.
    columns : mapping of str to str or callable
        Kit column -> source column name, or a function of ``frame`` returning the column. ``customer_id``,
        ``tenure_months``, ``contract_type``, ``monthly_fee``, ``total_revenue`` and ``churned`` are required;
        ``has_bundle`` and ``paper_bill`` become NA when not given; ``segment`` defaults to the ``segment``
        argument.
    values : mapping of str to mapping, optional
        Kit column -> {source value: kit value}; every value found must be in the map.
    segment : str, default "individual_postpaid"
        The segment of every row when ``columns`` has no ``segment`` entry.
    currency : str, optional
        Recorded in ``result.attrs["currency"]``.
    blank_total_for_new : bool, default True
        Blank ``total_revenue`` becomes 0 where ``tenure_months`` is 0 (brand-new customers, as in the IBM
        file); blanks anywhere else are an error.

    Returns
    -------
    pandas.DataFrame
        One row per customer with the columns and dtypes of :data:`CHURN_COLUMNS`, on a fresh 0 … n − 1 index.

    Raises
    ------
    ValueError
        When ``frame`` is not a DataFrame; ``columns`` or ``values`` names an unknown kit column, or ``columns``
        lacks a required one; a source column is not in ``frame``; a value is not in its value map; customer ids
        repeat; tenure is not whole months ≥ 0; a number column holds text or blanks; a flag is not true/false;
        a category is not one of the kit's; or ``churned`` has missing values.

    Examples
    --------
    >>> to_churn_table(pd.DataFrame({"x": [1]}), columns={"customer_id": "id"})
    Traceback (most recent call last):
    ...
    ValueError: columns: no entry for the required kit column(s) tenure_months, contract_type, monthly_fee, total_revenue, churned
    >>> to_churn_table(pd.DataFrame({"x": [1]}), columns={"customer_id": "id", "tenure_months": "x",
    ...     "contract_type": "x", "monthly_fee": "x", "total_revenue": "x", "churned": "x"})
    Traceback (most recent call last):
    ...
    ValueError: column 'id' (for customer_id) not found; the table has: x
    """
    if not isinstance(frame, pd.DataFrame):
        _fail(f"frame must be a pandas DataFrame; got {type(frame).__name__}")
    values = dict(values or {})
    unknown = [c for c in list(columns) + list(values) if c not in CHURN_COLUMNS]
    if unknown:
        _fail(f"unknown kit column(s) {', '.join(map(repr, unknown))}; the kit's columns are: "
              f"{', '.join(CHURN_COLUMNS)}")
    required = ["customer_id", "tenure_months", "contract_type", "monthly_fee", "total_revenue", "churned"]
    missing = [c for c in required if c not in columns]
    if missing:
        _fail(f"columns: no entry for the required kit column(s) {', '.join(missing)}")
    raw: dict[str, pd.Series] = {}
    for kit, source in columns.items():
        if callable(source):
            series = pd.Series(source(frame), index=frame.index)
        else:
            if source not in frame.columns:
                _fail(f"column {source!r} (for {kit}) not found; the table has: "
                      f"{', '.join(map(str, frame.columns))}")
            series = frame[source]
        name = source if isinstance(source, str) else f"<function for {kit}>"
        if kit in values:
            mapping = values[kit]
            unmapped = series[series.notna() & ~series.isin(list(mapping))].unique().tolist()
            if unmapped:
                _fail(f"column {name!r} (for {kit}) has value(s) {', '.join(map(repr, unmapped[:5]))} "
                      f"not in its value map; the map covers: {', '.join(map(repr, mapping))}")
            series = series.map(mapping)
        raw[kit] = series.rename(name)
    n = len(frame)
    out = pd.DataFrame(index=frame.index)
    out["customer_id"] = raw["customer_id"].astype(str)
    if out["customer_id"].duplicated().any():
        dup = out["customer_id"][out["customer_id"].duplicated()].iloc[0]
        _fail(f"column {raw['customer_id'].name!r} (for customer_id) must be unique; {dup!r} repeats")
    seg = raw["segment"] if "segment" in raw else pd.Series([segment] * n, index=frame.index)
    out["segment"] = _categorical(seg, "segment", str(seg.name))
    tenure = _numbers(raw["tenure_months"], "tenure_months")
    if tenure.isna().any() or (tenure < 0).any() or (tenure % 1 != 0).any():
        _fail(f"column {raw['tenure_months'].name!r} (for tenure_months) must hold whole months >= 0")
    out["tenure_months"] = tenure.astype("int64")
    out["contract_type"] = _categorical(raw["contract_type"], "contract_type", str(raw["contract_type"].name))
    out["monthly_fee"] = _numbers(raw["monthly_fee"], "monthly_fee", allow_blank=False)
    total = _numbers(raw["total_revenue"], "total_revenue", allow_blank=True)
    blank = total.isna()
    if blank.any():
        if blank_total_for_new and (out.loc[blank, "tenure_months"] == 0).all():
            total = total.fillna(0.0)
        else:
            rows = (np.flatnonzero(blank.to_numpy() & (out["tenure_months"] != 0).to_numpy())[:5] + 2).tolist()
            _fail(f"column {raw['total_revenue'].name!r} (for total_revenue) is blank in "
                  f"{int(blank.sum())} row(s), including customers with tenure > 0 (file lines {rows})")
    out["total_revenue"] = total.astype("float64")
    for flag in ("has_bundle", "paper_bill"):
        out[flag] = _booleans(raw[flag], flag) if flag in raw else pd.array([pd.NA] * n, dtype="boolean")
    churned = _booleans(raw["churned"], "churned")
    if churned.isna().any():
        _fail(f"column {raw['churned'].name!r} (for churned) has missing values")
    out["churned"] = churned.astype(bool)
    out = out.reset_index(drop=True)
    if currency is not None:
        out.attrs["currency"] = currency
    return out


def _numbers(series: pd.Series, kit: str, allow_blank: bool = False) -> pd.Series:
    text = series.astype("string").str.strip()
    blank = series.isna() | (text == "")
    parsed = pd.to_numeric(text.where(~blank, None), errors="coerce")
    numbers = pd.Series(parsed.to_numpy(dtype="float64", na_value=np.nan), index=series.index)
    bad = numbers.isna() & ~blank
    if bad.any():
        _fail(f"column {series.name!r} (for {kit}) has non-numeric value(s): "
              f"{', '.join(map(repr, series[bad].unique()[:5].tolist()))}")
    if blank.any() and not allow_blank:
        _fail(f"column {series.name!r} (for {kit}) has {int(blank.sum())} blank value(s)")
    return numbers


def _booleans(series: pd.Series, kit: str) -> pd.arrays.BooleanArray:
    if pd.api.types.is_bool_dtype(series.dtype):
        return pd.array(series, dtype="boolean")
    ok = series.isna() | series.isin([True, False])
    if not ok.all():
        _fail(f"column {series.name!r} (for {kit}) must give true/false values (use a value map); "
              f"found {', '.join(map(repr, series[~ok].unique()[:5].tolist()))}")
    return pd.array(series.astype(object), dtype="boolean")


def _categorical(series: pd.Series, kind: str, name: str) -> pd.Categorical:
    dtype = category_dtype(kind)
    bad = series[series.notna() & ~series.isin(dtype.categories)].unique().tolist()
    if bad or series.isna().any():
        _fail(f"column {name!r} must give one of {', '.join(dtype.categories)} for every row "
              f"(use a value map); found {', '.join(map(repr, bad[:5])) or 'missing values'}")
    return pd.Categorical(series, dtype=dtype)


def ibm_telco(frame: pd.DataFrame) -> pd.DataFrame:
    """IBM's "Telco Customer Churn" sample in the kit's churn schema (maps in :data:`IBM_TELCO`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The sample as read from ``Telco-Customer-Churn.csv`` (see :func:`crmlib.churn.ibm_telco_path`).

    Returns
    -------
    pandas.DataFrame
        The churn table (:data:`CHURN_COLUMNS`), with ``attrs["currency"]`` "USD".

    Raises
    ------
    ValueError
        As :func:`to_churn_table`, e.g. when a column of the sample is missing or holds an unexpected value.

    Examples
    --------
    >>> raw = pd.DataFrame({"customerID": ["1-A"], "tenure": [0], "Contract": ["Two year"],
    ...     "MonthlyCharges": [20.0], "TotalCharges": [" "], "PhoneService": ["Yes"],
    ...     "InternetService": ["DSL"], "PaperlessBilling": ["No"], "Churn": ["No"]})
    >>> print(*ibm_telco(raw).iloc[0])
    1-A individual_postpaid 0 24_months 20.0 0.0 True True False
    """
    return to_churn_table(frame, IBM_TELCO["columns"], IBM_TELCO["values"],
                          currency=IBM_TELCO["currency"])


def telecom_churn_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The kit's own Skyline Telecom contract customers in the same churn schema (CNY).

    Tenure, fee and contract are taken at churn or at the end of the data (2025-12-31);
    ``total_revenue`` sums the bills inside the 2023-2025 window.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The kit's telecom tables by name; it needs customers, subscriptions, plans, billing and churn_events.

    Returns
    -------
    pandas.DataFrame
        One row per contract customer with the columns of :data:`CHURN_COLUMNS`, with ``attrs["currency"]``
        "CNY".

    Raises
    ------
    ValueError
        When a table is missing from ``tables``.

    Examples
    --------
    >>> from crmlib.synth import TelecomParams, generate
    >>> db = generate(TelecomParams(customers=300))  # a small copy of the kit's data (0.5 s)
    >>> telecom_churn_table(db).columns.tolist() == list(CHURN_COLUMNS)
    True
    """
    need = {"customers", "subscriptions", "plans", "billing", "churn_events"}
    if not need <= set(tables):
        _fail(f"tables must include {', '.join(sorted(need))}; got {', '.join(sorted(tables))}")
    cust = tables["customers"]
    cust = cust[cust["segment"] != "individual_prepaid"]
    subs, plans = tables["subscriptions"], tables["plans"]
    end = max(tables["billing"]["month"].max() + pd.offsets.MonthEnd(0), subs["start_date"].max())
    churn = tables["churn_events"].set_index("customer_id")["churn_date"]
    last_day = cust["customer_id"].map(churn).fillna(end)
    months = ((last_day.dt.year - cust["join_date"].dt.year) * 12
              + (last_day.dt.month - cust["join_date"].dt.month)
              - (last_day.dt.day < cust["join_date"].dt.day)).clip(lower=0)
    # subscriptions live at the end (the last day before churn, or the end of the data)
    s = subs.merge(cust[["customer_id"]].assign(last=last_day.to_numpy()), on="customer_id")
    live = (s["start_date"] <= s["last"]) & (s["end_date"].isna() | (s["end_date"] >= s["last"]))
    s = s[live & (s["end_reason"].isna() | (s["end_reason"] == "churned"))]
    s = s.merge(plans[["plan_id", "product_line"]], on="plan_id")
    fee = s.groupby("customer_id")["monthly_fee_cny"].sum()
    first = s.sort_values("start_date").groupby("customer_id")["contract_type"].first()
    lines = s.groupby("customer_id")["product_line"].agg(
        lambda p: bool((p == "bundle").any() or p.nunique() > 1))
    revenue = tables["billing"].groupby("customer_id")["revenue_cny"].sum()
    out = pd.DataFrame({
        "customer_id": cust["customer_id"].to_numpy(),
        "segment": cust["segment"].to_numpy(),
        "tenure_months": months.astype("int64").to_numpy(),
        "contract_type": pd.Categorical(cust["customer_id"].map(first), dtype=category_dtype("contract_type")),
        "monthly_fee": cust["customer_id"].map(fee).fillna(0.0).to_numpy(),
        "total_revenue": cust["customer_id"].map(revenue).fillna(0.0).to_numpy(),
        "has_bundle": pd.array(cust["customer_id"].isin(lines[lines].index).to_numpy(), dtype="boolean"),
        "paper_bill": pd.array(cust["paper_bill"].to_numpy(), dtype="boolean"),
        "churned": cust["customer_id"].isin(churn.index).to_numpy(),
    })
    out["segment"] = out["segment"].astype(category_dtype("segment"))
    out.attrs["currency"] = "CNY"
    return out
