"""crmlib.funnel: people per stage, step conversion and the bottleneck, on the operator's funnel table.

The operator's counts asserted here are the 2025 totals (four quarters) of datasets/telecom/funnel.csv.
"""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import datasets, funnel

STAGES = ["awareness", "consideration", "sign_up", "activation", "repeat"]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return datasets.load("telecom", "funnel")


def test_stage_counts_sum_the_quarters_in_journey_order(table: pd.DataFrame) -> None:
    online = funnel.stage_counts(table[table["channel"] == "online"])
    assert online["stage"].tolist() == STAGES
    assert online["people"].tolist() == [881395, 581803, 372162, 148404, 103621]
    every = funnel.stage_counts(table)
    assert every["people"].tolist() == [2320888, 1570012, 1019978, 558279, 402555]


def test_conversion_per_channel_and_bottlenecks(table: pd.DataFrame) -> None:
    steps = funnel.funnel_conversion(table, by="channel")
    assert len(steps) == 20 and steps["channel"].unique().tolist() == ["store", "online", "app", "telesales", "dealer"]
    online = steps[steps["channel"] == "online"]
    assert online["conversion"].round(4).tolist() == [0.6601, 0.6397, 0.3988, 0.6982]
    assert online["lost"].tolist() == [299592, 209641, 223758, 44783]
    assert online["reach"].round(4).iloc[-1] == 0.1176
    worst = funnel.bottleneck(steps, by="channel")
    assert worst[["channel", "from_stage", "to_stage"]].values.tolist() == [
        ["store", "consideration", "sign_up"],
        ["online", "sign_up", "activation"],
        ["app", "sign_up", "activation"],
        ["telesales", "consideration", "sign_up"],
        ["dealer", "awareness", "consideration"],
    ]
    assert worst["conversion"].round(4).tolist() == [0.6805, 0.3988, 0.4393, 0.5989, 0.68]


def test_bottleneck_of_one_funnel_and_ties() -> None:
    t = pd.DataFrame({"stage": list("abcd"), "people": [100, 50, 25, 20]})
    steps = funnel.funnel_conversion(t)
    assert funnel.bottleneck(steps)[["from_stage", "to_stage"]].tolist() == ["a", "b"]  # 0.5 tie: earlier step
    assert steps["step"].tolist() == [1, 2, 3]
    with pytest.raises(ValueError, match="several funnels .* pass by="):
        funnel.bottleneck(pd.concat([steps, steps]))


def test_simulate_funnel_round_trips_through_conversion() -> None:
    counts = funnel.simulate_funnel(881395, [0.66, 0.64, 0.40, 0.70], STAGES)
    assert counts["people"].round(0).tolist() == [881395, 581721, 372301, 148920, 104244]
    steps = funnel.funnel_conversion(counts)
    assert steps["conversion"].round(6).tolist() == [0.66, 0.64, 0.40, 0.70]
    assert funnel.bottleneck(steps)["to_stage"] == "activation"


def test_order_param_and_first_appearance() -> None:
    t = pd.DataFrame({"stage": ["buy", "look"], "people": [10, 40]})
    assert funnel.stage_counts(t, order=["look", "buy"])["stage"].tolist() == ["look", "buy"]
    with pytest.raises(ValueError, match=r"stage 'look' has more people \(40\) than the stage before it, 'buy' \(10\)"):
        funnel.stage_counts(t)  # first appearance puts 'buy' first: the error says to check the order


@pytest.mark.parametrize("frame, kwargs, error, pattern", [
    (pd.DataFrame({"stage": ["a"], "n": [1]}), {}, KeyError, r"column 'people' \(count=\) not found in the table; the table has: stage, n"),
    (pd.DataFrame({"stage": ["a", "b"], "people": [5, None]}), {}, ValueError, "must hold numbers of people with none missing"),
    (pd.DataFrame({"stage": ["a", "b"], "people": [5, -1]}), {}, ValueError, r"must be ≥ 0; found -1"),
    (pd.DataFrame({"stage": ["a", "b"], "people": [5, 1]}), {"order": ["a"]}, ValueError, r"stage\(s\) 'b' are not in order="),
    (pd.DataFrame({"stage": ["a"], "people": [5]}), {}, ValueError, "a funnel needs at least 2 stages; got 1: a"),
    (pd.DataFrame({"c": ["x", "x", "y"], "stage": ["a", "b", "a"], "people": [5, 1, 3]}), {"by": "c"}, ValueError,
     "stage 'b' has no rows in c 'y'"),
])
def test_bad_funnel_tables(frame: pd.DataFrame, kwargs: dict, error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        funnel.funnel_conversion(frame, **kwargs)


def test_simulate_funnel_bad_input() -> None:
    with pytest.raises(ValueError, match="give one conversion per step: 2 for 3 stages; got 1"):
        funnel.simulate_funnel(100, [0.5], ["a", "b", "c"])
    with pytest.raises(ValueError, match="top must be a number of people > 0; got 0"):
        funnel.simulate_funnel(0, [0.5], ["a", "b"])
    with pytest.raises(ValueError, match=r"conversions\[0\] must be a share from 0 to 1 .* got 55"):
        funnel.simulate_funnel(100, [55], ["a", "b"])
