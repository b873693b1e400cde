"""crmlib.crosssell: holdings on a day, rates by group, next best offer."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import crosssell


def _holding():
    return pd.DataFrame({"mobile": [True, True, True, False], "broadband": [True, True, False, True]},
                        index=["a", "b", "c", "d"])


def test_holding_rates_and_offers():
    h, g = _holding(), pd.Series(["x"] * 4, index=list("abcd"))
    r = crosssell.holding_rates(h, g)
    assert r.loc["x", "mobile"] == 0.75 and r.loc["x", "products_per_customer"] == 1.5
    o = crosssell.next_best_offer(h, g)
    assert o["offer"].tolist() == ["none", "none", "broadband", "mobile"]
    assert o.loc["c", "propensity"] == 0.75
    assert crosssell.next_best_offer(h, g, min_propensity=0.8)["offer"].eq("none").all()
    assert crosssell.offer_summary(o, g).loc["x"].to_dict() == {"broadband": 1, "mobile": 1, "none": 2}


def test_holdings_respect_dates_and_bundles():
    subs = pd.DataFrame({"customer_id": ["a", "a", "b"], "plan_id": ["M", "B", "BB"],
                         "start_date": pd.to_datetime(["2024-01-01", "2026-01-01", "2024-01-01"]),
                         "end_date": pd.to_datetime([None, None, "2025-06-30"])})
    plans = pd.DataFrame({"plan_id": ["M", "B", "BB"], "product_line": ["mobile", "bundle", "broadband"]})
    h = crosssell.holdings(subs, plans, at="2025-12-31")
    assert h.to_dict("index") == {"a": {"mobile": True}}
    h2 = crosssell.holdings(subs, plans, at="2026-02-01", products=["mobile", "broadband"])
    assert h2.loc["a"].tolist() == [True, True]


def test_bad_input():
    with pytest.raises(ValueError, match="no value for 1 customer"):
        crosssell.holding_rates(_holding(), pd.Series(["x"] * 3, index=list("abc")))
    with pytest.raises(ValueError, match="not in plans"):
        crosssell.holdings(pd.DataFrame({"customer_id": ["a"], "plan_id": ["Z"], "start_date": pd.to_datetime(["2024-01-01"]),
                                         "end_date": pd.to_datetime([None])}),
                           pd.DataFrame({"plan_id": ["M"], "product_line": ["mobile"]}))
