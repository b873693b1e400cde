"""One way to check input (crmlib._checks): every analysis function names a misspelt column the same way.

The sweep below calls every public function of the analysis layer that takes column names, once per
column parameter, with that column misspelt (its last letter dropped, or a letter added to a name of three letters or fewer), and checks the error names the
parameter, the column given, and the column meant.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest

from crmlib import (bgnbd, campaign, churn, clv, concentration, costtoserve, crosssell, customer360, economics,
                    funnel, portfolio, pyramid, rfm, valuechain)
from crmlib._checks import ColumnError, flags, frame, positive, require_columns, share

ANALYSIS_MODULES = [bgnbd, campaign, churn, clv, concentration, costtoserve, crosssell, customer360, economics,
                    funnel, portfolio, pyramid, rfm, valuechain]

# String parameters that are not column names: values, dates, rules, labels.
NOT_COLUMNS = {"what", "freq", "rule", "campaign", "segment_value", "at", "as_of", "start", "end", "chain",
               "time_unit", "treatment", "control", "year", "parameter", "solver"}
#: Column parameters that have no default (None, or required): swept when a valid call names them.
NAMED_COLUMNS = {"column", "clv"}


# ------------------------------------------------------------------------------------ the checker itself
def test_a_column_error_is_a_key_error_and_a_value_error_and_prints_without_quotes() -> None:
    with pytest.raises(ColumnError) as caught:
        require_columns(pd.DataFrame({"topup_date": [1]}), {"date": "topup"}, "topups")
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, ValueError)
    assert str(caught.value) == ("column 'topup' (date=) not found in topups; did you mean 'topup_date'? "
                                 "the table has: topup_date")


@pytest.mark.parametrize("given, meant, columns", [
    ("marginn", "margin", ["customer_id", "margin"]),           # a typo
    ("topup", "topup_date", ["customer_id", "topup_date"]),      # the start of a name
    ("costs", "cost_cny_million", ["link", "cost_cny_million"]),  # the first word of a name
    ("customer", "customer_id", ["customer_id", "month"]),
])
def test_near_misses_are_suggested(given: str, meant: str, columns: list[str]) -> None:
    with pytest.raises(ColumnError, match=f"did you mean '{meant}'"):
        require_columns(pd.DataFrame(columns=columns), [given])


def test_no_suggestion_when_nothing_is_close() -> None:
    with pytest.raises(ColumnError) as caught:
        require_columns(pd.DataFrame(columns=["customer_id", "activity", "units"]), {"quantity": "quantity"}, "usage")
    assert "did you mean" not in str(caught.value)
    assert str(caught.value).endswith("the table has: customer_id, activity, units")


def test_a_parameter_may_name_several_columns() -> None:
    table = pd.DataFrame({"a": [1], "b": [2]})
    assert require_columns(table, {"features": ["a", "b"], "group": []}) is table
    with pytest.raises(ColumnError, match=r"column 'c' \(features=\) not found"):
        require_columns(table, {"features": ["a", "c"]})


def test_other_checks_share_one_wording() -> None:
    with pytest.raises(TypeError, match="billing must be a pandas DataFrame; got dict"):
        frame({}, "billing")
    with pytest.raises(ValueError, match=r"retention_rate must be a share from 0 to 1 \(e.g. 0.8 for 80 %\); got 80"):
        share("retention_rate", 80)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        share("test_share", 1.0, zero=False, one=False)
    with pytest.raises(TypeError, match="alpha must be a positive number; got str"):
        positive("alpha", "1")
    with pytest.raises(ValueError, match="must hold true/false"):
        flags(pd.DataFrame({"left": [0, 2]}), "left")


# ------------------------------------------------------------------------ the sweep over the analysis layer
@cache
def _summary() -> pd.DataFrame:
    """A BG/NBD summary of 400 customers simulated as the model assumes (purchases at a gamma-distributed rate,
    and after each one a beta-distributed chance of dropping out): enough for the fits to pin their parameters
    down."""
    rng = np.random.default_rng(7)
    age = rng.uniform(20, 52, 400)
    rate, drop = rng.gamma(0.8, 1 / 3.0, 400), rng.beta(0.8, 2.4, 400)
    frequency, recency = np.zeros(400, dtype=int), np.zeros(400)
    for i in range(400):
        clock = rng.exponential(1 / rate[i])
        while clock < age[i]:
            frequency[i], recency[i] = frequency[i] + 1, clock
            if rng.random() < drop[i]:
                break
            clock += rng.exponential(1 / rate[i])
    spend = np.where(frequency > 0, rng.gamma(6.0, 5.0, 400), 0.0)
    return pd.DataFrame({"frequency": frequency, "recency": recency, "T": age, "monetary_value": spend})


def _contacts() -> pd.DataFrame:
    return pd.DataFrame({"group": ["treatment", "control"] * 4, "left": [True, False, False, True] * 2,
                         "segment": ["a"] * 8})


def _targets() -> pd.DataFrame:
    return pd.DataFrame({"risk": [0.1, 0.3, 0.2], "clv": [900.0, 400.0, 700.0], "effect": [0.05, 0.1, 0.02]})


def _view() -> pd.DataFrame:
    return pd.DataFrame({"credit_class": ["A", "D", "D"], "overdue_balance_cny": [0.0, 50.0, 0.0],
                         "months_late": [0, 2, 1], "cumulative_spend_cny": [1000.0, 500.0, 500.0],
                         "churned": [False, True, False], "segment": ["sme", "enterprise", "sme"],
                         "tenure_years": [1.0, 7.0, 3.0]})


def _billing() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["a", "a", "b"], "month": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-01-01"]),
                         "revenue_cny": [100.0, 100.0, 50.0], "network_cost_cny": [30.0, 40.0, 10.0],
                         "margin": [70.0, 60.0, 40.0]})


def _abc_accounts() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["a", "b"], "revenue_cny": [100.0, 80.0], "network_cost_cny": [40.0, 30.0]})


def _units() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["a", "b"], "activity": ["call", "visit"], "quantity": [3.0, 1.0],
                         "unit_cost_cny": [2.0, 30.0]})


def _subscriptions() -> tuple[pd.DataFrame, pd.DataFrame]:
    subs = pd.DataFrame({"customer_id": ["a", "b"], "plan_id": ["P1", "P2"],
                         "start_date": pd.to_datetime(["2024-01-01", "2024-06-01"]), "end_date": pd.NaT})
    return subs, pd.DataFrame({"plan_id": ["P1", "P2"], "product_line": ["mobile", "broadband"]})


#: function -> a valid call, as (positional args, keyword args).
CALLS: dict[Callable[..., Any], Callable[[], tuple[tuple, dict]]] = {
    economics.customer_margin: lambda: ((_billing(),), {"year": 2025}),
    valuechain.link_economics: lambda: ((pd.DataFrame({"link": ["a", "b"], "cost_cny_million": [3.0, 1.0],
                                                       "revenue_attributed_cny_million": [4.0, 0.9],
                                                       "year": [2025, 2025]}),), {"year": 2025}),
    valuechain.weakest_link: lambda: ((pd.DataFrame({"value_per_cost": [0.2, 0.1]}, index=["a", "b"]),), {}),
    valuechain.customer_view: lambda: ((pd.DataFrame({"perceived_value": [4.0], "expected_value": [3.0]}),), {}),
    clv.cohort_table: lambda: ((pd.DataFrame({"join_date": pd.to_datetime(["2024-01-05", "2024-04-02"]),
                                              "churn_date": pd.to_datetime([None, "2024-09-01"])}),),
                               {"as_of": "2024-12-31"}),
    clv.historical_value: lambda: ((_billing(),), {"as_of": "2025-12-31"}),
    portfolio.buttle_grid: lambda: ((pd.DataFrame({"profit": [5.0, -1.0], "potential_value": [3.0, 9.0]}),), {}),
    portfolio.value_matrix: lambda: ((pd.DataFrame({"current_value": [5.0, 1.0], "potential_value": [3.0, 9.0]}),), {}),
    churn.churn_rates: lambda: ((pd.DataFrame({"plan": ["x", "y"], "churned": [True, False]}), "plan"), {}),
    churn.fit_churn_model: lambda: ((pd.DataFrame({"x": np.arange(40.0), "churned": [True, False] * 20}), ["x"]), {}),
    campaign.uplift_table: lambda: ((_contacts(),), {"outcome": "left"}),
    campaign.target_order: lambda: ((_targets(), "uplift_x_value"), {}),
    campaign.plan_campaign: lambda: ((_targets(),), {"budget": 20.0, "offer_cost": 10.0}),
    campaign.plan_curve: lambda: ((_targets(),), {"offer_cost": 10.0, "points": 3}),
    costtoserve.abc_profit: lambda: ((_abc_accounts(), costtoserve.activity_units(_units()),
                                      {"call": 2.0, "visit": 30.0}), {}),
    costtoserve.activity_units: lambda: ((_units(),), {}),
    costtoserve.driver_rates: lambda: ((_units(),), {}),
    costtoserve.largest_unprofitable: lambda: ((pd.DataFrame({"revenue_cny": [10.0, 5.0], "profit": [-1.0, 2.0]}),), {}),
    crosssell.holdings: lambda: (_subscriptions(), {}),
    customer360.credit_risk: lambda: ((_view(),), {}),
    customer360.customer_flags: lambda: ((_view(),), {}),
    funnel.stage_counts: lambda: ((pd.DataFrame({"stage": ["a", "b"], "people": [10, 4]}),), {}),
    funnel.funnel_conversion: lambda: ((pd.DataFrame({"stage": ["a", "b"], "people": [10, 4]}),), {}),
    concentration.pareto_curve: lambda: ((_billing(), "margin"), {}),
    concentration.lorenz_curve: lambda: ((_billing(),), {"column": "margin"}),
    concentration.gini: lambda: ((_billing(),), {"column": "margin"}),
    concentration.customers_for_share: lambda: ((_billing(),), {"column": "margin"}),
    concentration.top_share: lambda: ((_billing(),), {"column": "margin"}),
    costtoserve.whale_curve: lambda: ((_billing(),), {"column": "margin"}),
    costtoserve.whale_summary: lambda: ((_billing(),), {"column": "margin"}),
    portfolio.threshold_for_share: lambda: ((_billing(), 0.2), {"column": "margin"}),
    portfolio.strategic_customers: lambda: ((_billing(),), {"clv": "margin"}),
    pyramid.assign_tiers: lambda: ((pd.DataFrame({"margin": np.arange(1.0, 11.0)}),), {"column": "margin"}),
    pyramid.pyramid_table: lambda: ((pd.DataFrame({"margin": np.arange(1.0, 11.0)}),), {"column": "margin"}),
    pyramid.ranked_values: lambda: ((pd.DataFrame({"margin": np.arange(1.0, 11.0)}),), {"column": "margin"}),
    rfm.rfm_scores: lambda: ((pd.DataFrame({"recency_days": [1, 5, 9], "frequency": [3, 2, 1],
                                            "monetary": [30.0, 20.0, 10.0]}),), {"bins": 3}),
    rfm.rfm_segments: lambda: ((pd.DataFrame({"R": [5, 1], "F": [5, 1]}),), {}),
    rfm.rfm_table: lambda: ((pd.DataFrame({"customer_id": ["a", "b"], "date": pd.to_datetime(["2025-01-01", "2025-02-01"]),
                                           "amount": [10.0, 20.0]}),), {}),
    rfm.segment_summary: lambda: ((pd.DataFrame({"monetary": [10.0, 20.0]}),
                                   rfm.rfm_segments(pd.DataFrame({"R": [5, 1], "F": [5, 1]}))), {}),
    bgnbd.bgnbd_log_likelihood: lambda: ((_summary(), 0.24, 4.4, 0.79, 2.4), {}),
    bgnbd.customer_predictions: lambda: ((bgnbd.BGNBDFit(r=0.24, alpha=4.4, a=0.79, b=2.4, log_likelihood=0.0,
                                                         n_customers=8), _summary(), 10.0), {}),
    bgnbd.fit_bgnbd: lambda: ((_summary(),), {}),
    bgnbd.fit_gamma_gamma: lambda: ((_summary(),), {}),
    bgnbd.gamma_gamma_log_likelihood: lambda: ((_summary(), 6.0, 4.0, 15.0), {}),
    bgnbd.rfm_summary: lambda: ((pd.DataFrame({"customer_id": ["a", "a", "b"], "date": pd.to_datetime(
        ["2025-01-01", "2025-02-01", "2025-01-15"]), "amount": [10.0, 20.0, 5.0]}),), {}),
}

#: Public functions with string parameters that take no column, or whose columns come from tables the
#: function itself reads (with the reason).
NO_COLUMN_PARAMETERS = {
    churn.customer_lifetimes: "reads the kit's tables by name; start/end are dates",
    campaign.retention_outcomes: "reads the kit's tables by name; campaign is an id",
    campaign.retention_base: "reads the kit's tables by name; segment is a value, at a date",
    campaign.cost_per_contact: "reads the kit's tables by name; campaign is an id, group a value",
    customer360.customer_360_sql: "as_of is a date",
    customer360.customer_360: "reads the kit's tables by name; as_of is a date",
    funnel.simulate_funnel: "makes a table: stage and count name its output columns",
    concentration.numbers_of: "the checker behind the functions swept here",
    bgnbd.customer_lifetime_value: "checks its summary through customer_predictions (swept above)",
    churn.driver_table: "drivers= is a mapping of columns; checked in test_churn",
}


def _column_parameters(function: Callable[..., Any]) -> list[str]:
    return [p.name for p in inspect.signature(function).parameters.values()
            if (isinstance(p.default, str) and p.name not in NOT_COLUMNS) or p.name in NAMED_COLUMNS]


def _public_functions() -> list[Callable[..., Any]]:
    found = []
    for module in ANALYSIS_MODULES:
        for name in getattr(module, "__all__", dir(module)):
            obj = getattr(module, name)
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("_"):
                if _column_parameters(obj) and not getattr(obj, "__deprecated__", False) and name != "require_columns":
                    found.append(obj)
    return found


def test_the_sweep_covers_every_function_that_takes_column_names() -> None:
    missing = [f"{f.__module__}.{f.__name__}" for f in _public_functions()
               if f not in CALLS and f not in NO_COLUMN_PARAMETERS and f is not pyramid.top_share]
    assert not missing, f"add a valid call to CALLS (or a reason to NO_COLUMN_PARAMETERS) for: {', '.join(missing)}"


def _swept(function: Callable[..., Any]) -> list[str]:
    """The column parameters of ``function`` that its valid call sets or defaults to a column name."""
    args, kwargs = CALLS[function]()
    bound = inspect.signature(function).bind_partial(*args, **kwargs).arguments
    return [p for p in _column_parameters(function) if isinstance(bound.get(p, inspect.signature(function)
                                                                                .parameters[p].default), str)]


SWEEP = [(f, p) for f in CALLS for p in _swept(f)]


@pytest.mark.parametrize("function, parameter", SWEEP, ids=[f"{f.__module__.split('.')[-1]}.{f.__name__}-{p}"
                                                            for f, p in SWEEP])
def test_a_misspelt_column_is_named_with_its_parameter_and_a_suggestion(function, parameter) -> None:
    args, kwargs = CALLS[function]()
    function(*args, **kwargs)  # the valid call works
    signature = inspect.signature(function)
    bound = signature.bind_partial(*args, **kwargs)
    meant = bound.arguments.get(parameter, signature.parameters[parameter].default)
    misspelt = meant[:-1] if len(meant) > 3 else meant + "x"  # "R" -> "Rx": a one-letter name stays close
    bound.arguments[parameter] = misspelt
    with pytest.raises(ColumnError) as caught:
        function(*bound.args, **bound.kwargs)
    message = str(caught.value)
    assert f"column {misspelt!r} ({parameter}=) not found" in message
    assert f"did you mean {meant!r}?" in message
    assert "the table has:" in message
