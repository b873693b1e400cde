"""Prose numbers of notebooks/02_value_chain.ipynb (see tests/prose_numbers.py).

The operator's figures are recomputed from the kit's telecom data with crmlib, the way the lesson's cells and
widgets compute them; the sources' figures name their seed.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from crmlib import datasets, funnel, maturity, valuechain
from crmlib.widgets.maturity import EXAMPLE_SCORES

SEED_003 = "course notes S3 (course slides: cases of value chain analysis in CRM)"
STAGES = ["awareness", "consideration", "sign_up", "activation", "repeat"]


@cache
def _links() -> pd.DataFrame:
    return datasets.load("telecom", "value_chain")


def _econ(year: int = 2025, **changes: tuple[str, float]) -> pd.DataFrame:
    """link_economics of one year, with a link's cost or revenue changed as a widget slider would."""
    table = _links()[_links()["year"] == year].copy()
    for column, (link, value) in changes.items():
        name = {"cost": "cost_cny_million", "revenue": "revenue_attributed_cny_million"}[column]
        table.loc[table["link"] == link, name] = value
    return valuechain.link_economics(table)


def _us(column: str, year: int) -> float:
    row = _links()[(_links()["link"] == "user_service") & (_links()["year"] == year)]
    return float(row[{"cost": "cost_cny_million", "revenue": "revenue_attributed_cny_million"}[column]].iloc[0])


def _margin(**changes: tuple[str, float]) -> float:
    return float(valuechain.chain_margin(_econ(**changes))["margin"])


def _weakest_changes_at(revenue: float) -> bool:
    """True when user service at this revenue is no longer the weakest link, one yuan million less it still is."""
    now = valuechain.weakest_link(_econ(revenue=("user_service", revenue)))
    before = valuechain.weakest_link(_econ(revenue=("user_service", revenue - 1)))
    return now == "infrastructure" and before == "user_service"


def _weakest_changes_at_cost(cost: float) -> bool:
    now = valuechain.weakest_link(_econ(cost=("user_service", cost)))
    before = valuechain.weakest_link(_econ(cost=("user_service", cost + 1)))
    return now == "infrastructure" and before == "user_service"


def _gaps(target: int = 4, **scores: int) -> pd.DataFrame:
    return maturity.maturity_gaps({**EXAMPLE_SCORES, **scores}, target=target).set_index("key")


def _offers() -> pd.DataFrame:
    offers = pd.DataFrame({"offer": ["Skyline", "Rival A", "Rival B"], "perceived_value": [7.5, 8.2, 6.0],
                           "expected_value": [8.0, 8.0, 5.5]})  # the lesson's illustration (cell c23)
    return valuechain.customer_view(offers).set_index("offer")


@cache
def _steps() -> pd.DataFrame:
    return funnel.funnel_conversion(datasets.load("telecom", "funnel"), by="channel")


def _conversion(channel: str, to_stage: str) -> float:
    s = _steps()
    return 100 * float(s.loc[(s["channel"] == channel) & (s["to_stage"] == to_stage), "conversion"].iloc[0])


def _gain(step: int) -> float:
    """More repeat buyers online when one step's slider moves ten points up, as the funnel widget shows it.

    The widget starts from the data's exact rates and compares with them; a slider moves on a grid of whole
    percents, so ten points up from 40.3 % is 50 %, the rate shown rounded plus 0.10.
    """
    s = _steps()
    online = s[s["channel"] == "online"]
    rates = online["conversion"].tolist()
    top = float(online["entered"].iloc[0])
    raised = list(rates)
    raised[step] = round(rates[step], 2) + 0.10
    final = funnel.simulate_funnel(top, raised, STAGES)["people"].iloc[-1]
    return round(final - funnel.simulate_funnel(top, rates, STAGES)["people"].iloc[-1])


PINS = {
    # section 3: the maturity example (gaps against a target of 4, then 5)
    "against a target of 4 for every item": lambda: 4 if _gaps()["gap"].max() == 3 else -1,
    "(a score of 1, a gap of 3)": lambda: (_gaps().loc["it_data", "score"], _gaps().loc["it_data", "gap"]),
    "customer intimacy and organisation design, each 2 short": lambda: (
        _gaps().loc["intimacy", "gap"] if _gaps().loc["intimacy", "gap"] == _gaps().loc["organisation", "gap"] else -1),
    "from 1 to 4, the target: it drops out of the gap list": lambda: (
        EXAMPLE_SCORES["it_data"], 4 if _gaps(it_data=4).loc["it_data", "gap"] == 0 else -1),
    "each with a gap of 2.": lambda: tuple(sorted(_gaps(it_data=4)["gap"], reverse=True)[:1]),
    "slider to 5: every item now has a gap, and the items that met the target of 4": lambda: (
        5 if (_gaps(5, it_data=4)["gap"] > 0).all() else -1, 4),
    "now IT) each show a gap of 1": lambda: _gaps(5, it_data=4).loc[["proposition", "culture", "hr", "it_data"], "gap"].max(),
    # section 4: the customer's side
    "Rival A is chosen: at 8.2": lambda: _offers().loc[_offers()["chosen"], "perceived_value"].iloc[0],
    "Rival B has the largest gap, +0.5": lambda: _offers()["gap"].max(),
    "yet 6.0\nis less value": lambda: _offers().loc["Rival B", "perceived_value"],
    "it falls 0.5 short": lambda: -_offers().loc["Skyline", "gap"],
    # section 6: the operator's chain
    "half of the\nchain's value (50%) for a seventh of its cost (14%)": lambda: (
        100 * _econ().loc["value_creation", "value_added_share"], 100 * _econ().loc["value_creation", "cost_share"]),
    "(+25, −16, −43 CNY million)": lambda: tuple(_econ(y).loc["user_service", "value_added"] for y in (2023, 2024, 2025)),
    "(430 → 468 → 489)": lambda: tuple(_us("cost", y) for y in (2023, 2024, 2025)),
    "(455 → 452 → 446)": lambda: tuple(_us("revenue", y) for y in (2023, 2024, 2025)),
    "revenue from 446 to 489, its cost": lambda: (_us("revenue", 2025), _us("cost", 2025)),
    "goes from −43 to 0 and the chain's margin rises by 43, to 1,141": lambda: (
        _econ().loc["user_service", "value_added"], _econ(revenue=("user_service", 489)).loc["user_service", "value_added"],
        _margin(revenue=("user_service", 489)) - _margin(), _margin(revenue=("user_service", 489))),
    "Keep going to 547: user service now adds 58, or 0.119 per yuan of cost, and infrastructure building, at\n  0.117 per yuan":
        lambda: (547 if _weakest_changes_at(547) else -1,
                 _econ(revenue=("user_service", 547)).loc["user_service", "value_added"],
                 _econ(revenue=("user_service", 547)).loc["user_service", "value_per_cost"],
                 _econ().loc["infrastructure", "value_per_cost"]),
    "cost to 399 instead": lambda: 399 if _weakest_changes_at_cost(399) else -1,
    "which is 175 for\n  infrastructure": lambda: _econ().loc["infrastructure", "value_added"],
    # section 8: the funnel
    "(only 40% online and 44% in the app move on)": lambda: (
        _conversion("online", "activation"), _conversion("app", "activation")),
    "the strongest of the four (88% and 85%)": lambda: (
        _conversion("store", "activation"), _conversion("dealer", "activation")),
    "(from 40% to 50%): 26,307 more people": lambda: (
        _conversion("online", "activation"), _conversion("online", "activation") + 10, _gain(2)),
    "the gain is only 15,102 to 16,253": lambda: (min(_gain(0), _gain(1), _gain(3)), max(_gain(0), _gain(1), _gain(3))),
    "(Both fall by 20.)": lambda: 50 - 30,
}

SOURCED = {
    "Section 6 goes through stage 1": "section and stage numbers",
    "in section 3 scores": "a section number",
    "from 1 (absent) to 5 (fully\ndeveloped)": "the kit's scoring scale (crmlib.maturity.SCALE)",
    "(stage 2)": "a stage number",
    "three mobile offers out of 10": "the scale of the lesson's illustration",
    "Section 8 measures": "a section number",
    "(`rank` 1 adds the most per yuan": "the definition of the rank column",
    "in one app, 42% of\nusers who registered": SEED_003,
    "28% of cancelled orders": SEED_003,
    "three touchpoints carried 68%": SEED_003,
    "within 4 hours instead of 24": SEED_003,
    "95% of the customers it lost": SEED_003,
    "fell to 15%": SEED_003,
    "a bank found that 85% of its": SEED_003,
    "read as 85% of the escalations": SEED_003 + " (the other reading of the same sentence)",
    "raised satisfaction by 20% while its complaint rate\n  fell by 30%": SEED_003,
    "handling time from 3 days to 1, and satisfaction reached 90%": SEED_003,
    "A link's cost rises by 50 and its attributed revenue by 30": "inputs chosen by the question",
    "A funnel loses 300,000 people at its first step and 200,000 at the third": "inputs chosen by the question",
}
