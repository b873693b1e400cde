"""crmlib.maturity: scores per CRM value chain stage and supporting condition → ranked gaps."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import maturity

KEYS = ["portfolio", "intimacy", "network", "proposition", "relationship",
        "culture", "processes", "hr", "it_data", "organisation"]


def scores(**changes: float) -> dict[str, float]:
    base = dict.fromkeys(KEYS, 3.0)
    base.update(changes)
    return base


def test_items_are_the_crm_chain_stages_then_conditions() -> None:
    assert maturity.item_keys() == KEYS
    items = maturity.maturity_items(language="zh")
    assert items["part"].tolist() == ["primary"] * 5 + ["support"] * 5
    assert items.loc[items["key"] == "it_data", "name"].item() == "信息技术管理"
    assert maturity.item_keys("crm_clv")[-5:] == ["database", "culture", "hr", "bpr", "organisation"]


def test_gaps_ranked_largest_first_ties_in_chain_order() -> None:
    gaps = maturity.maturity_gaps(scores(it_data=1, culture=2, proposition=5, hr=4), target=4, language="en")
    assert gaps["key"].tolist() == ["it_data", "culture", "portfolio", "intimacy", "network", "relationship",
                                    "processes", "organisation", "proposition", "hr"]
    assert gaps["gap"].tolist() == [3.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]
    # items that meet the target share the last rank, in the chain's order
    assert gaps["rank"].tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 9, 9]
    assert gaps.loc[gaps["key"] == "proposition", ["score", "gap"]].values.tolist() == [[5.0, 0.0]]  # never negative
    assert gaps.loc[0, "name"] == "IT and data management" and gaps.loc[0, "part"] == "support"


def test_target_per_item_and_series_input() -> None:
    target = dict.fromkeys(KEYS, 3)
    target["it_data"] = 5
    gaps = maturity.maturity_gaps(pd.Series(scores()), target=target)
    assert gaps.iloc[0][["key", "gap"]].tolist() == ["it_data", 2.0]
    assert (gaps["gap"].iloc[1:] == 0).all()
    assert gaps["rank"].tolist() == [1] + [2] * 9


def test_every_target_met() -> None:
    gaps = maturity.maturity_gaps(dict.fromkeys(KEYS, 5), target=4)
    assert (gaps["gap"] == 0).all() and (gaps["rank"] == 1).all()
    assert gaps["order"].tolist() == list(range(10))


@pytest.mark.parametrize("given, target, error, pattern", [
    ({"sales": 3}, 4, KeyError, r"scores: unknown item\(s\) 'sales'; the items are: portfolio, intimacy"),
    ({"portfolio": 3}, 4, KeyError, r"scores: no score for 'intimacy', 'network'"),
    (scores(hr=0), 4, ValueError, r"scores\['hr'\] must be from 1 to 5; got 0"),
    (scores(hr=float("nan")), 4, ValueError, r"scores\['hr'\] must be from 1 to 5; got nan"),
    (scores(hr="4"), 4, TypeError, r"scores\['hr'\] must be a number from 1 to 5; got str: '4'"),
    (scores(), 9, ValueError, r"target must be from 1 to 5; got 9"),
])
def test_bad_scores_are_named(given: dict, target: float, error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        maturity.maturity_gaps(given, target)
