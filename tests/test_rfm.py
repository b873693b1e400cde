"""crmlib.rfm: recency, frequency and monetary value, their scores and the segments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import rfm

LOG = pd.DataFrame({
    "cid": ["a", "a", "a", "b", "c", "c", "d"],
    "day": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-06-20", "2025-02-11", "2025-05-01", "2025-06-01",
                           "2025-07-15"]),
    "paid": [20.0, 30.0, 25.0, 10.0, 50.0, 40.0, 99.0],
})


def test_rfm_table_by_hand() -> None:
    table = rfm.rfm_table(LOG, customer="cid", date="day", amount="paid", as_of="2025-06-30")
    assert table.index.tolist() == ["a", "b", "c"]  # d's only purchase is after as_of
    assert table.to_dict("index") == {"a": {"recency_days": 10, "frequency": 3, "monetary": 75.0},
                                      "b": {"recency_days": 139, "frequency": 1, "monetary": 10.0},
                                      "c": {"recency_days": 29, "frequency": 2, "monetary": 90.0}}
    default = rfm.rfm_table(LOG, customer="cid", date="day", amount="paid")
    assert default.loc["d", "recency_days"] == 0 and default.loc["a", "recency_days"] == 25


def test_scores_rank_customers_into_fifths() -> None:
    assert rfm.score(np.arange(10)).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert rfm.score([5, 5, 5, 1, 9]).tolist() == [2, 2, 2, 1, 5]  # ties share the lowest score of their group
    assert rfm.score(np.arange(10), higher_is_better=False).tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    table = pd.DataFrame({"recency_days": [3, 30, 90, 200, 400], "frequency": [12, 6, 4, 2, 1],
                          "monetary": [500.0, 100.0, 300.0, 50.0, 20.0]})
    scores = rfm.rfm_scores(table)
    assert scores["R"].tolist() == [5, 4, 3, 2, 1] and scores["M"].tolist() == [5, 3, 4, 2, 1]
    assert scores["rfm"].tolist() == [555, 443, 334, 222, 111]


def test_segments_cover_every_score_pair() -> None:
    r, f = np.meshgrid(np.arange(1, 6), np.arange(1, 6), indexing="ij")
    grid = pd.DataFrame({"R": r.ravel(), "F": f.ravel()})
    seg = rfm.rfm_segments(grid).to_numpy().reshape(5, 5)
    assert seg[4, 4] == "champions" and seg[3, 3] == "champions"
    assert seg[2, 4] == "loyal" and seg[4, 2] == "loyal" and seg[2, 2] == "loyal"
    assert seg[4, 0] == "new" and seg[3, 1] == "new"
    assert seg[2, 0] == "attention" and seg[2, 1] == "attention"
    assert seg[0, 4] == "at_risk" and seg[1, 2] == "at_risk"
    assert seg[0, 0] == "lost" and seg[1, 1] == "lost"
    counts = pd.Series(seg.ravel()).value_counts().to_dict()
    assert counts == {"champions": 4, "loyal": 5, "new": 4, "attention": 2, "at_risk": 6, "lost": 4}
    three = rfm.rfm_segments(pd.DataFrame({"R": [3, 1], "F": [3, 1]}), bins=3)
    assert three.tolist() == ["champions", "lost"]


def test_segment_summary() -> None:
    table = pd.DataFrame({"R": [5, 5, 1, 2], "F": [5, 4, 1, 1], "monetary": [300.0, 200.0, 20.0, 30.0]})
    s = rfm.segment_summary(table, rfm.rfm_segments(table))
    assert s.index.tolist() == list(rfm.SEGMENTS)
    assert s.loc["champions", "customers"] == 2 and s.loc["champions", "monetary_share"] == pytest.approx(500 / 550)
    assert np.isnan(s.loc["loyal", "monetary_per_customer"]) and s.loc["lost", "monetary_per_customer"] == 25.0


@pytest.mark.parametrize("call, error, text", [
    (lambda: rfm.rfm_table(LOG), KeyError, "column 'customer_id' \\(customer=\\) not found in transactions; the table has: cid, day, paid"),
    (lambda: rfm.rfm_table(LOG.assign(day="2025"), customer="cid", date="day", amount="paid"), TypeError,
     "column 'day' must hold dates"),
    (lambda: rfm.rfm_table(LOG, customer="cid", date="day", amount="paid", as_of="2024-01-01"), ValueError,
     "no purchases on or before as_of"),
    (lambda: rfm.score([1, 2], bins=1), ValueError, "bins must be a whole number from 2 to 9"),
    (lambda: rfm.rfm_segments(pd.DataFrame({"R": [6], "F": [1]})), ValueError, "column 'R' must hold whole scores"),
    (lambda: rfm.segment_summary(pd.DataFrame({"monetary": [1.0]}), pd.Series(["x"])), TypeError,
     "segments must be what rfm_segments"),
])
def test_bad_input(call, error, text) -> None:
    with pytest.raises(error, match=text):
        call()


def test_rfm_of_the_operators_prepaid_top_ups() -> None:
    from crmlib import datasets

    topups = datasets.load("telecom", "topups")
    table = rfm.rfm_table(topups, date="topup_date", amount="amount_cny", as_of="2025-12-31")
    assert len(table) == topups["customer_id"].nunique()
    assert table["frequency"].sum() == len(topups)
    assert table["monetary"].sum() == pytest.approx(topups["amount_cny"].sum())
    seg = rfm.segment_summary(table, rfm.rfm_segments(rfm.rfm_scores(table)))
    # champions buy most: a larger share of the spend than of the customers
    assert seg.loc["champions", "monetary_share"] > 2 * seg.loc["champions", "customer_share"]
    assert seg.loc["lost", "monetary_share"] < seg.loc["lost", "customer_share"]
