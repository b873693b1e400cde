"""Regression values of the analysis layer on the committed telecom data.

These were doctests; a docstring shows how to call a function on a small table, and the numbers that
the lessons rely on are pinned here, on the full data the lessons use.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from crmlib import adapters, campaign, churn, customer360, datasets


@cache
def _db() -> dict[str, pd.DataFrame]:
    return datasets.load("telecom")


def test_customer_months() -> None:
    months = churn.customer_months(_db())
    assert (len(months), round(float(months["churned"].mean()), 4)) == (94547, 0.0218)


def test_customer_lifetimes() -> None:
    life = churn.customer_lifetimes(_db())
    assert (len(life), int(life["churned"].sum())) == (4609, 2065)


def test_retention_outcomes_of_the_first_campaign() -> None:
    out = campaign.retention_outcomes(_db())
    assert (len(out), round(float(out["churned"].mean()), 3)) == (1871, 0.088)


def test_retention_base() -> None:
    base = campaign.retention_base(_db(), effects=pd.Series({"month_to_month": 0.6, "in_contract": -0.4}))
    assert (len(base), round(float(base["risk"].mean()), 3)) == (1816, 0.054)


def test_customer_360_in_sql_and_pandas_agree() -> None:
    sql_view = datasets.connect().sql(customer360.customer_360_sql()).df()
    pandas_view = customer360.customer_360(_db())
    assert (len(sql_view), len(pandas_view)) == (8000, 8000)
    assert round(float(sql_view["cumulative_spend_cny"].sum())) == 102491961
    assert int(pandas_view["churned"].sum()) == 2065


def test_telecom_churn_table_has_the_churn_schema() -> None:
    table = adapters.telecom_churn_table(_db())
    assert table.columns.tolist() == list(adapters.CHURN_COLUMNS)
    assert len(table) == 4609
