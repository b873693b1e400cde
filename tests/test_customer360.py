"""crmlib.customer360: the SQL and the pandas view agree on Skyline's data; credit risk by class."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import customer360
from crmlib.datasets import connect, load


@pytest.fixture(scope="module")
def views():
    con = connect()
    yield con.sql(customer360.customer_360_sql()).df(), customer360.customer_360(load("telecom"))
    con.close()


def test_sql_and_pandas_views_agree(views):
    sql, pandas_view = views
    assert sql.columns.tolist() == pandas_view.columns.tolist() == customer360.COLUMNS
    for col in customer360.COLUMNS:
        if pandas_view[col].dtype.kind in "fib":
            np.testing.assert_allclose(sql[col].astype(float), pandas_view[col].astype(float), atol=1e-6, err_msg=col)
        else:
            assert (sql[col].astype(str) == pandas_view[col].astype(str)).all(), col
    assert int(pandas_view["churned"].sum()) == 2065
    assert pandas_view["cumulative_spend_cny"].sum() == pytest.approx(102_491_961.16, abs=1)


def test_bad_debt_concentrates_in_low_credit_classes(views):
    risk = customer360.credit_risk(views[1], "credit_class")
    share = risk["bad_debt_share_of_spend"]
    assert share["D"] > share["C"] > share["B"] >= share["A"]
    # a fraction like the share_* columns, not a percentage: class D loses 0.22 % of its billed spend
    assert share["D"] == pytest.approx(0.00218, abs=0.00001)
    assert risk.loc["D", "share_paying_late"] == pytest.approx(0.780, abs=0.001)
    assert risk["customers"].sum() == 4609


def test_bad_input():
    with pytest.raises(ValueError, match="as_of must be a date"):
        customer360.customer_360_sql("soon")
    with pytest.raises(ValueError, match="not found"):
        customer360.credit_risk(pd.DataFrame({"x": [1]}))
