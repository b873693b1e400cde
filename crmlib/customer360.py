"""The customer-360 view: one row per customer joining customers, contracts, bills, tickets and churn.

The same table is built twice, so students can compare the two ways of working: in SQL over the
DuckDB views of :func:`crmlib.datasets.connect` (:func:`customer_360_sql` gives the query text), and
with pandas (:func:`customer_360`). Then :func:`credit_risk` summarises payment behaviour and bad
debt by any segment, and :func:`customer_flags` marks key accounts and loyal customers.

Columns of the view: ``customer_id``, ``segment``, ``region``, ``credit_class``, ``credit_score``,
``join_date``, ``tenure_years`` (to churn or to ``as_of``), ``churned``, ``active_products``
(subscriptions live on ``as_of``), ``monthly_fee_cny`` (their fees), ``cumulative_spend_cny``
(all bills in the data), ``margin_cny`` (revenue − network cost in the calendar year of
``as_of``), ``months_late`` (bills paid more than 30 days late), ``overdue_balance_cny`` (unpaid
after the last bill), ``tickets``, ``complaints`` and ``unresolved_tickets``.

    >>> from crmlib.datasets import connect, load
    >>> sql_view = connect().sql(customer_360_sql()).df()  # the kit's database, in DuckDB
    >>> pandas_view = customer_360(load("telecom"))       # the same tables, in pandas
    >>> sql_view.columns.tolist() == pandas_view.columns.tolist() == COLUMNS
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd

from crmlib.churn import require_columns
from crmlib.i18n import t

__all__ = ["COLUMNS", "customer_360_sql", "customer_360", "credit_risk", "customer_flags"]

COLUMNS: list[str] = [
    "customer_id", "segment", "region", "credit_class", "credit_score", "join_date", "tenure_years", "churned",
    "active_products", "monthly_fee_cny", "cumulative_spend_cny", "margin_cny", "months_late",
    "overdue_balance_cny", "tickets", "complaints", "unresolved_tickets",
]


def _day(as_of: str | date | pd.Timestamp) -> pd.Timestamp:
    try:
        return pd.Timestamp(as_of).normalize()
    except (TypeError, ValueError):
        raise ValueError(f"as_of must be a date such as '2025-12-31'; got {as_of!r}") from None


def customer_360_sql(as_of: str | date | pd.Timestamp = "2025-12-31", language: str | None = None) -> str:
    """The SQL query of the customer-360 view, as text to read, print or run with ``con.sql(...)``.

    Parameters
    ----------
    as_of : str or datetime.date or pandas.Timestamp, default "2025-12-31"
        The day of the view: contracts live on it, tenure to it, margin in its calendar year.
    language : {"en", "zh"}, optional
        The language of the query's comments (default: the kit's current language).

    Returns
    -------
    str
        The query (DuckDB SQL over the views of :func:`crmlib.datasets.connect`).

    Raises
    ------
    ValueError
        When ``as_of`` is not a date.

    Examples
    --------
    >>> print(customer_360_sql(language="en").splitlines()[0])
    -- Customer 360 on 2025-12-31: one row per customer
    >>> print(customer_360_sql(language="zh").splitlines()[0])
    -- 2025-12-31 的客户 360 度视图：每位客户一行
    """
    day = _day(as_of)
    d, y = day.strftime("%Y-%m-%d"), day.year
    note = {part: t(f"sql.c360.{part}", language) for part in ("bills", "products", "service")}
    return f"""-- {t("sql.c360.title", language, day=d)}
WITH bills AS (            -- {note["bills"]}
    SELECT customer_id,
           sum(revenue_cny)                                     AS cumulative_spend_cny,
           sum(CASE WHEN year(month) = {y}
                    THEN revenue_cny - network_cost_cny ELSE 0 END)  AS margin_cny,
           count(*) FILTER (WHERE days_late > 30)               AS months_late,
           arg_max(overdue_balance_cny, month)                  AS overdue_balance_cny
    FROM billing
    GROUP BY customer_id
),
products AS (              -- {note["products"]}
    SELECT customer_id, count(*) AS active_products, sum(monthly_fee_cny) AS monthly_fee_cny
    FROM subscriptions
    WHERE start_date <= DATE '{d}' AND (end_date IS NULL OR end_date > DATE '{d}')
    GROUP BY customer_id
),
service AS (               -- {note["service"]}
    SELECT customer_id,
           count(*)                                         AS tickets,
           count(*) FILTER (WHERE ticket_type = 'complaint') AS complaints,
           count(*) FILTER (WHERE NOT resolved)              AS unresolved_tickets
    FROM tickets
    GROUP BY customer_id
)
SELECT c.customer_id, c.segment, c.region, c.credit_class, c.credit_score, c.join_date,
       round(date_diff('day', c.join_date, coalesce(ch.churn_date, DATE '{d}')) / 365.25, 2) AS tenure_years,
       ch.customer_id IS NOT NULL                          AS churned,
       coalesce(p.active_products, 0)                      AS active_products,
       coalesce(p.monthly_fee_cny, 0)                      AS monthly_fee_cny,
       coalesce(b.cumulative_spend_cny, 0)                 AS cumulative_spend_cny,
       coalesce(b.margin_cny, 0)                           AS margin_cny,
       coalesce(b.months_late, 0)                          AS months_late,
       coalesce(b.overdue_balance_cny, 0)                  AS overdue_balance_cny,
       coalesce(s.tickets, 0)                              AS tickets,
       coalesce(s.complaints, 0)                           AS complaints,
       coalesce(s.unresolved_tickets, 0)                   AS unresolved_tickets
FROM customers AS c
LEFT JOIN bills        AS b  USING (customer_id)
LEFT JOIN products     AS p  USING (customer_id)
LEFT JOIN service      AS s  USING (customer_id)
LEFT JOIN churn_events AS ch USING (customer_id)
ORDER BY c.customer_id
"""


def customer_360(tables: Mapping[str, pd.DataFrame], as_of: str | date | pd.Timestamp = "2025-12-31") -> pd.DataFrame:
    """The customer-360 view built with pandas: the same rows and columns as :func:`customer_360_sql`.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The kit's telecom tables by name; it needs customers, billing, subscriptions, tickets and churn_events.
    as_of : str or datetime.date or pandas.Timestamp, default "2025-12-31"
        The day of the view.

    Returns
    -------
    pandas.DataFrame
        One row per customer, sorted by id, with the columns of ``COLUMNS`` (see the module's description).

    Raises
    ------
    ValueError
        When a table is missing from ``tables``, or ``as_of`` is not a date.
    ColumnError
        When the customers table lacks a column the view needs.

    Examples
    --------
    >>> from crmlib.synth import TelecomParams, generate
    >>> db = generate(TelecomParams(customers=300))  # a small copy of the kit's data (0.5 s)
    >>> view = customer_360(db)
    >>> view.columns.tolist() == COLUMNS, len(view)
    (True, 300)
    """
    need = ["customers", "billing", "subscriptions", "tickets", "churn_events"]
    missing = [n for n in need if n not in tables]
    if missing:
        raise ValueError(f"tables must include {', '.join(need)}; missing: {', '.join(missing)}")
    day = _day(as_of)
    c = require_columns(tables["customers"], ["customer_id", "segment", "region", "credit_class", "credit_score",
                                              "join_date"], "customers")
    b = tables["billing"]
    b = b.assign(margin=np.where(b["month"].dt.year == day.year, b["revenue_cny"] - b["network_cost_cny"], 0.0),
                 late=b["days_late"] > 30)
    g = b.groupby("customer_id")
    bills = pd.DataFrame({"cumulative_spend_cny": g["revenue_cny"].sum(), "margin_cny": g["margin"].sum(),
                          "months_late": g["late"].sum(),
                          "overdue_balance_cny": b.sort_values("month").groupby("customer_id")["overdue_balance_cny"].last()})
    s = tables["subscriptions"]
    live = s[((s["start_date"] <= day) & (s["end_date"].isna() | (s["end_date"] > day))).to_numpy()]
    products = live.groupby("customer_id").agg(active_products=("subscription_id", "size"),
                                               monthly_fee_cny=("monthly_fee_cny", "sum"))
    t = tables["tickets"]
    service = pd.DataFrame({"tickets": t.groupby("customer_id").size(),
                            "complaints": (t["ticket_type"] == "complaint").groupby(t["customer_id"]).sum(),
                            "unresolved_tickets": (~t["resolved"]).groupby(t["customer_id"]).sum()})
    churn = tables["churn_events"].set_index("customer_id")["churn_date"]
    out = c[["customer_id", "segment", "region", "credit_class", "credit_score", "join_date"]].copy()
    left = out["customer_id"].map(churn)
    out["tenure_years"] = ((left.fillna(day) - out["join_date"]).dt.days / 365.25).round(2)
    out["churned"] = left.notna().to_numpy()
    ids = out["customer_id"]
    for frame in (products, bills, service):
        for col in frame.columns:
            out[col] = ids.map(frame[col]).fillna(0).to_numpy()
    for col in ("active_products", "months_late", "tickets", "complaints", "unresolved_tickets"):
        out[col] = out[col].astype("int64")
    for col in ("monthly_fee_cny", "cumulative_spend_cny", "margin_cny", "overdue_balance_cny"):
        out[col] = out[col].astype("float64")
    return out[COLUMNS].sort_values("customer_id").reset_index(drop=True)


def credit_risk(view: pd.DataFrame, by: str | Sequence[str] = "credit_class", *, overdue: str = "overdue_balance_cny",
                late: str = "months_late", spend: str = "cumulative_spend_cny", churned: str = "churned") -> pd.DataFrame:
    """Payment behaviour and bad debt per group of a customer-360 view (billed customers only).

    Every ``share_*`` column is a fraction of 1 (0.05 = 5 %), so the shares read the same way.

    Parameters
    ----------
    view : pandas.DataFrame
        A customer-360 view (:func:`customer_360`).
    by : str or sequence of str, default "credit_class"
        The column, or columns, to group by.
    overdue : str, default "overdue_balance_cny"
        The column of unpaid balances after the last bill.
    late : str, default "months_late"
        The column of bills paid more than 30 days late.
    spend : str, default "cumulative_spend_cny"
        The column of billed spend (customers with none are left out).
    churned : str, default "churned"
        The column of true/false: the customer has left.

    Returns
    -------
    pandas.DataFrame
        One row per group, columns ``customers``, ``share_paying_late`` (at least one bill more than 30 days
        late), ``share_in_arrears`` (an unpaid balance after the last bill), ``overdue_cny`` (the unpaid total),
        ``bad_debt_cny`` (unpaid by customers who have left: little chance of collecting it) and
        ``bad_debt_share_of_spend`` (bad debt ÷ the group's billed spend).

    Raises
    ------
    TypeError
        When ``view`` is not a DataFrame.
    ColumnError
        When a column is not in the view.
    ValueError
        When no customer has billed spend above 0.

    Examples
    --------
    >>> v = pd.DataFrame({"credit_class": ["A", "D", "D"], "overdue_balance_cny": [0.0, 50.0, 30.0],
    ...     "months_late": [0, 2, 1], "cumulative_spend_cny": [1000.0, 500.0, 500.0], "churned": [False, True, False]})
    >>> credit_risk(v)[["customers", "share_in_arrears", "bad_debt_cny", "bad_debt_share_of_spend"]].to_dict("index")["D"]
    {'customers': 2, 'share_in_arrears': 1.0, 'bad_debt_cny': 50.0, 'bad_debt_share_of_spend': 0.05}
    """
    keys = [by] if isinstance(by, str) else list(by)
    require_columns(view, {"by": keys, "overdue": overdue, "late": late, "spend": spend, "churned": churned}, "the customer-360 view")
    v = view[view[spend].to_numpy(dtype=float) > 0]
    if v.empty:
        raise ValueError(f"no customer has {spend!r} > 0: nothing was billed")
    owed = v[overdue].to_numpy(dtype=float)
    frame = pd.DataFrame({"_late": v[late].to_numpy() > 0, "_arrears": owed > 0.005, "_owed": owed,
                          "_bad": np.where(v[churned].to_numpy(dtype=bool), owed, 0.0),
                          "_spend": v[spend].to_numpy(dtype=float)}, index=v.index)
    grouper = [v[k] for k in keys]
    g = frame.groupby(grouper if len(grouper) > 1 else grouper[0], observed=True, sort=True)
    out = pd.DataFrame({"customers": g.size().astype("int64"), "share_paying_late": g["_late"].mean(),
                        "share_in_arrears": g["_arrears"].mean(), "overdue_cny": g["_owed"].sum().round(2),
                        "bad_debt_cny": g["_bad"].sum().round(2)})
    out["bad_debt_share_of_spend"] = out["bad_debt_cny"] / g["_spend"].sum()
    return out


def customer_flags(view: pd.DataFrame, *, key_segments: Sequence[str] = ("enterprise", "government"),
                   loyal_years: float = 6.0, segment: str = "segment", tenure: str = "tenure_years",
                   churned: str = "churned") -> pd.DataFrame:
    """Key accounts and loyal customers, for each row of a customer-360 view.

    Parameters
    ----------
    view : pandas.DataFrame
        A customer-360 view (:func:`customer_360`).
    key_segments : sequence of str, default ("enterprise", "government")
        The segments whose customers are key accounts.
    loyal_years : float, default 6.0
        The tenure from which a customer who has not left is loyal (≥ 0).
    segment : str, default "segment"
        The column of segments.
    tenure : str, default "tenure_years"
        The column of tenure in years.
    churned : str, default "churned"
        The column of true/false: the customer has left.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``view``: ``key_account`` (segment in ``key_segments``) and ``loyal`` (still a customer
        after at least ``loyal_years`` years).

    Raises
    ------
    TypeError
        When ``view`` is not a DataFrame.
    ColumnError
        When a column is not in the view.
    ValueError
        When ``loyal_years`` is not a number ≥ 0.

    Examples
    --------
    >>> v = pd.DataFrame({"segment": ["sme", "government"], "tenure_years": [7.0, 2.0], "churned": [False, False]})
    >>> customer_flags(v).to_dict("list")
    {'key_account': [False, True], 'loyal': [True, False]}
    """
    require_columns(view, {"segment": segment, "tenure": tenure, "churned": churned}, "the customer-360 view")
    if not loyal_years >= 0:
        raise ValueError(f"loyal_years must be a number of years >= 0; got {loyal_years!r}")
    return pd.DataFrame({
        "key_account": view[segment].astype(str).isin(list(key_segments)).to_numpy(),
        "loyal": (view[tenure].to_numpy(dtype=float) >= loyal_years) & ~view[churned].to_numpy(dtype=bool),
    }, index=view.index)
