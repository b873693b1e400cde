"""Graded questions of notebook ``03_customer_portfolio``: CLV, the portfolio grids, concentration,
activity-based costing, RFM and the sBG model, partly computed on Skyline Telecom's database.

Facts: the current × potential value matrix and its strategies (course notes S0); Buttle's sack /
re-engineer / nurture / invest grid, strategically significant customers and the oil-seed cost
magnet (course notes S2); the retention CLV ``m·r/(1+d−r)`` (Gupta & Lehmann 2003); the sBG model and the
"regular" cohort's fit α = 0.704, β = 1.182 (Fader & Hardie 2007). Answers that need the data are
computed on first use (``lazy``) with plain pandas and SciPy, independently of the ``crmlib.clv``,
``costtoserve``, ``rfm`` and ``sbg`` functions the notebook teaches.

    >>> [q.id for q in QUESTIONS]
    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11', 'q12']
    >>> sum(q.points for q in QUESTIONS)
    26
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crmlib.exercises.lists import SetQuestion
from crmlib.exercises.mapping import MappingQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import lazy, when, with_comments
from crmlib.exercises.source import bank_text
from crmlib.exercises.variants import given_cell, vary

if TYPE_CHECKING:
    import pandas as pd

EXERCISE_ID = "03_customer_portfolio"
TEXT = bank_text(__file__)  # prompts, hints, solutions and mistakes: customer_portfolio.en.md, customer_portfolio.zh.md
TITLE = TEXT.title
# The notebook's own setup cells, after the common first cell (crmlib.exercises.build).
SETUP = [
    """\
from crmlib import clv, concentration, costtoserve, datasets, portfolio, rfm, sbg

db = datasets.load("telecom")
accounts = db.billing[db.billing["month"].dt.year == 2025].groupby("customer_id", as_index=False)[
    ["revenue_cny", "network_cost_cny", "data_gb"]].sum()
accounts["margin"] = accounts["revenue_cny"] - accounts["network_cost_cny"]
units = costtoserve.activity_units(db.cost_to_serve[db.cost_to_serve["year"] == 2025],
                                   customers=accounts["customer_id"])
rates = costtoserve.driver_rates(db.activity_costs)
""",
]


# ------------------------------------------------------------------------------------------ data
@lru_cache(maxsize=1)
def _tables() -> dict[str, pd.DataFrame]:
    from crmlib import datasets

    return {name: datasets.load("telecom", name) for name in ("billing", "cost_to_serve", "activity_costs", "topups")}


@lru_cache(maxsize=4)
def _accounts(year: int = 2025) -> pd.DataFrame:
    """Per customer billed in ``year``: revenue, network cost, margin, cost to serve (ABC) and profit."""
    t = _tables()
    bills = t["billing"][t["billing"]["month"].dt.year == year]
    acc = bills.groupby("customer_id")[["revenue_cny", "network_cost_cny"]].sum()
    acc["margin"] = acc["revenue_cny"] - acc["network_cost_cny"]
    usage = t["cost_to_serve"][t["cost_to_serve"]["year"] == year].merge(t["activity_costs"], on="activity")
    cost = (usage["quantity"] * usage["unit_cost_cny"]).groupby(usage["customer_id"]).sum()
    acc["cost_to_serve"] = cost.reindex(acc.index).fillna(0.0)
    acc["profit"] = acc["margin"] - acc["cost_to_serve"]
    return acc


def _customers_for(share: float, column: str = "margin", year: int = 2025) -> int:
    values = _accounts(year)[column].sort_values(ascending=False)
    return int((values.cumsum() < share * values.sum()).sum()) + 1


def _top_share(column: str, share: float = 0.2) -> float:
    values = _accounts()[column].sort_values(ascending=False)
    k = int(share * len(values) + 0.5)
    return float(values.iloc[:k].sum() / values.sum())


def _largest(kind: str = "losing") -> list[str]:
    top = _accounts().sort_values("revenue_cny", ascending=False).head(10)
    if kind == "losing":
        return sorted(top.index[top["profit"] < 0])
    if kind == "by_margin":
        return sorted(top.index[top["margin"] < 0])
    return list(top.index)


def _rfm_code(customer: str, reverse_recency: bool = False, as_of: str = "2024-06-30") -> int:
    """The RFM code of ``customer`` from the top-ups up to ``as_of`` (scores 1-5 by rank, ties at their lowest)."""
    import pandas as pd

    end = pd.Timestamp(as_of)
    log = _tables()["topups"]
    log = log[log["topup_date"] <= end]
    table = log.groupby("customer_id").agg(last=("topup_date", "max"), frequency=("topup_id", "size"),
                                           monetary=("amount_cny", "sum"))
    table["recency"] = (end - table["last"]).dt.days
    n = len(table)

    def score(values: pd.Series) -> pd.Series:
        return 1 + (5 * (values.rank(method="min") - 1) // n).astype(int)

    r = score(table["recency"] if reverse_recency else -table["recency"])
    f, m = score(table["frequency"]), score(table["monetary"])
    return int(r[customer] * 100 + f[customer] * 10 + m[customer])


def _sbg_survivors(alpha: float, beta: float, year: int, cohort: int = 1000) -> float:
    from scipy.special import betaln

    return cohort * math.exp(betaln(alpha, beta + year) - betaln(alpha, beta))


# ------------------------------------------------------------------------------------- questions
CODE_Q1 = """\
g = ex.q1.given()   # your numbers; the lesson's: margin 1500, retention 0.85, discount 0.12
clv_q1 = g.margin * g.retention / (1 + g.discount - g.retention)   # about 4,722
"""
CODE_Q1 = with_comments(CODE_Q1, {
    "your numbers; the lesson's: margin 1500, retention 0.85, discount 0.12": "你自己的数字；题目中的示例数字：利润 1500、留存率 0.85、贴现率 0.12",
    "about 4,722": "约 4,722",
})

CELL_Q1 = given_cell("q1", "clv_q1")

Q1_LESSON = {"margin": 1500, "retention": 0.85, "discount": 0.12}


def _q1_draw(rng: Any) -> dict[str, Any]:
    """One student's business customer: a yearly margin, a retention rate and a discount rate."""
    return {"margin": rng.choice(range(800, 2601, 100)), "retention": rng.choice(range(70, 91)) / 100,
            "discount": rng.choice(range(6, 16)) / 100}


def _q1_key(g: Any) -> dict[str, Any]:
    """The answer, the named mistakes and the examples for the customer ``g``."""
    m, r, d = g["margin"], g["retention"], g["discount"]
    value = m * r / (1 + d - r)
    return {"answer": value,
            "mistakes": {"no_r_in_numerator": m / (1 + d - r), "not_discounted": m * r / (1 - r),
                         "first_margin_today": m * (1 + d) / (1 + d - r), "margin_times_lifetime": m / (1 - r)},
            "right": [value, round(value, 2), m * r / (1 + d - r)],
            "wrong": [m / (1 - r) + 10, value / 100, value * r]}

q1 = NumberQuestion(
    "q1",
    points=2,
    var="clv_q1",
    answer=0.0,
    atol=1.0,
    rtol=0,
    **TEXT["q1"], code=CODE_Q1, cell=CELL_Q1,
    mistakes=dict.fromkeys(["no_r_in_numerator", "not_discounted", "first_margin_today",
                            "margin_times_lifetime"], 0.0),
    right=[0.0], wrong=[1.0],
)
q1 = vary(q1, draw=_q1_draw, key=_q1_key, default=Q1_LESSON)

CODE_Q2 = """\
clv_3_years = sum(1000 * 0.8**t / 1.1**t for t in (1, 2, 3))   # about 1,641
# or: clv.finite_clv(1000, 0.8, 0.10, horizon=3)
"""
CODE_Q2 = with_comments(CODE_Q2, {
    "about 1,641": "约 1,641",
    "or: clv.finite_clv(1000, 0.8, 0.10, horizon=3)": "或者：clv.finite_clv(1000, 0.8, 0.10, horizon=3)",
})

q2 = NumberQuestion(
    "q2",
    points=2,
    var="clv_3_years",
    answer=sum(1000 * 0.8**t / 1.1**t for t in (1, 2, 3)),
    atol=0.5,
    rtol=0,
    **TEXT["q2"], code=CODE_Q2,
    mistakes={"not_discounted": 800 + 640 + 512, "counted_from_year_0": sum(1000 * 0.8**t / 1.1**t for t in (0, 1, 2)), "no_time_limit": 1000 * 0.8 / (1 + 0.1 - 0.8)},
    right=[1640.87, 1641, sum(1000 * (0.8 / 1.1) ** t for t in range(1, 4))],
    wrong=[3000 / 1.1**3, 16.41,
           sum(1000 * 0.8**t / 1.1**t for t in (0, 1, 2))],
)

CODE_Q3 = """\
profit = costtoserve.abc_profit(accounts, units, rates)   # as in section 3.1
clv_c000687 = profit.loc["C000687", "profit"] * 0.97 / (1.10 - 0.97)   # about −370,000
"""
CODE_Q3 = with_comments(CODE_Q3, {
    "as in section 3.1": "同课程第 3.1 节",
    "about −370,000": "约 −370,000",
})

q3 = NumberQuestion(
    "q3",
    points=2,
    var="clv_c000687",
    answer=lazy(lambda: float(_accounts().loc["C000687", "profit"]) * 0.97 / (1.10 - 0.97)),
    atol=50.0,
    rtol=0,
    **TEXT["q3"], code=CODE_Q3,
    mistakes={"margin_without_cost_to_serve": lazy(lambda: float(_accounts().loc["C000687", "margin"]) * 0.97 / 0.13), "profit_not_clv": lazy(lambda: float(_accounts().loc["C000687", "profit"]))},
    right=[lazy(lambda: float(_accounts().loc["C000687", "profit"]) * 0.97 / 0.13),
           lazy(lambda: round(float(_accounts().loc["C000687", "profit"]) * 0.97 / 0.13))],
    wrong=[lazy(lambda: -float(_accounts().loc["C000687", "profit"]) * 0.97 / 0.13),
           lazy(lambda: float(_accounts().loc["C000687", "profit"]) / 0.03)],
)

VALUE_CELLS = [
    {"en": "develop", "zh": "发展型", "aliases": ["develop customers", "发展"]},
    {"en": "retain", "zh": "保留型", "aliases": ["retain customers", "保留"]},
    {"en": "cultivate", "zh": "培育型", "aliases": ["cultivate customers", "培育"]},
    {"en": "maintain", "zh": "维持型", "aliases": ["maintain customers", "维持"]},
    {"en": "give up", "zh": "放弃", "aliases": ["give_up", "giveup", "give-up", "放弃型"]},
]

CODE_Q4 = """\
matrix_cells = {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain",
                "e": "give up", "f": "cultivate", "g": "develop"}
"""

Q4_KEY = {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give up", "f": "cultivate",
          "g": "develop"}
Q5_KEY = {"a": "invest", "b": "nurture", "c": "re-engineer", "d": "sack", "e": "invest"}


def _chose(question: str, value: Any, item: str) -> str | None:
    """The category (its English key) the student's mapping ``value`` gives ``item`` of ``question``."""
    q = {"q4": q4, "q5": q5}[question]
    for key, category in dict(value).items():
        if q.items.key(key) == item:
            return q.categories.key(category)
    return None


q4 = MappingQuestion(
    "q4",
    points=3,
    var="matrix_cells",
    answer={"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give up", "f": "cultivate",
            "g": "develop"},
    categories=VALUE_CELLS,
    **TEXT["q4"], code=CODE_Q4,
    mistakes={"negative_means_give_up": when(lambda v: _chose("q4", v, "f") == "give up",
                                             example={**Q4_KEY, "f": "give up"}),
              "threshold_counts_low": when(lambda v: _chose("q4", v, "g") in ("retain", "cultivate", "maintain"),
                                           example={**Q4_KEY, "g": "maintain"})},
    right=[
        {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give up", "f": "cultivate",
         "g": "develop"},
        {"A": "发展型", "B": "保留型", "C": "培育型", "D": "维持型", "E": "放弃", "F": "培育型", "G": "Develop"},
        {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give_up", "f": "cultivate",
         "g": "develop"},
    ],
    wrong=[
        {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give up", "f": "give up",
         "g": "develop"},
        {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give up", "f": "cultivate",
         "g": "maintain"},
        {"a": "develop", "b": "cultivate", "c": "retain", "d": "maintain", "e": "give up", "f": "cultivate",
         "g": "develop"},
        {"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "maintain", "f": "cultivate",
         "g": "develop"},
        {"a": "develop", "b": "retain", "c": "cultivate"},
    ],
)

CODE_Q5 = """\
buttle_cells = {"a": "invest", "b": "nurture", "c": "re-engineer", "d": "sack", "e": "invest"}
"""

q5 = MappingQuestion(
    "q5",
    points=2,
    var="buttle_cells",
    answer={"a": "invest", "b": "nurture", "c": "re-engineer", "d": "sack", "e": "invest"},
    categories=[
        {"en": "invest", "zh": "投资"},
        {"en": "nurture", "zh": "培养"},
        {"en": "re-engineer", "zh": "再造", "aliases": ["re_engineer", "reengineer", "re engineer"]},
        {"en": "sack", "zh": "舍弃"},
    ],
    **TEXT["q5"], code=CODE_Q5,
    mistakes={"zero_profit_counted_as_loss": when(lambda v: _chose("q5", v, "e") == "re-engineer",
                                                  example={**Q5_KEY, "e": "re-engineer"}),
              "unprofitable_means_sack": when(lambda v: _chose("q5", v, "c") == "sack",
                                              example={**Q5_KEY, "c": "sack"})},
    right=[
        {"a": "invest", "b": "nurture", "c": "re-engineer", "d": "sack", "e": "invest"},
        {"a": "投资", "b": "培养", "c": "再造", "d": "舍弃", "e": "Invest"},
        {"a": "invest", "b": "nurture", "c": "re_engineer", "d": "sack", "e": "invest"},
    ],
    wrong=[
        {"a": "invest", "b": "nurture", "c": "sack", "d": "sack", "e": "invest"},
        {"a": "invest", "b": "nurture", "c": "re-engineer", "d": "sack", "e": "re-engineer"},
        {"a": "nurture", "b": "invest", "c": "re-engineer", "d": "sack", "e": "invest"},
        {"a": "invest", "b": "nurture", "c": "re-engineer", "d": "sack"},
    ],
)

CODE_Q6 = """\
bills = db.billing[db.billing["month"].dt.year == 2024]
margin_2024 = (bills["revenue_cny"] - bills["network_cost_cny"]).groupby(bills["customer_id"]).sum()
customers_for_80 = concentration.customers_for_share(margin_2024.rename("margin").reset_index(), 0.8, "margin")   # 223
"""

q6 = NumberQuestion(
    "q6",
    points=2,
    var="customers_for_80",
    answer=lazy(lambda: _customers_for(0.8, year=2024)),
    atol=0,
    rtol=0,
    **TEXT["q6"], code=CODE_Q6,
    mistakes={"off_by_one": lazy(lambda: _customers_for(0.8, year=2024) - 1), "ranked_by_revenue": lazy(lambda: _customers_for(0.8, "revenue_cny", year=2024)), "lesson_year": lazy(lambda: _customers_for(0.8)), "share_not_count": lazy(lambda: _customers_for(0.8, year=2024) / len(_accounts(2024))), "fifth_of_customers": lazy(lambda: round(0.2 * len(_accounts(2024))))},
    right=[lazy(lambda: _customers_for(0.8, year=2024)), lazy(lambda: float(_customers_for(0.8, year=2024)))],
    wrong=[lazy(lambda: _customers_for(0.8, year=2024) + 5), 0.8],
)

CODE_Q7 = """\
profit = costtoserve.abc_profit(accounts, units, rates)   # as in section 3.1
large_but_losing = costtoserve.largest_unprofitable(profit, top=10).index.tolist()
# ['C002705', 'C000687', 'C002076', 'C002768']
"""
CODE_Q7 = with_comments(CODE_Q7, {
    "as in section 3.1": "同课程第 3.1 节",
})

q7 = SetQuestion(
    "q7",
    points=3,
    var="large_but_losing",
    # the data card's planted effect; the right examples recompute it from the data, so the tests catch a change
    answer=["C002705", "C000687", "C002076", "C002768"],
    **TEXT["q7"], code=CODE_Q7,
    right=[lazy(lambda: _largest("losing")), lazy(lambda: tuple(reversed(_largest("losing")))),
           lazy(lambda: set(_largest("losing")))],
    wrong=[lazy(lambda: _largest("losing")[:3]), lazy(lambda: _largest("all")),
           lazy(lambda: [*_largest("losing"), "C005381"]), [], "C002705"],
)

CODE_Q8 = """\
profit = costtoserve.abc_profit(accounts, units, rates)   # as in section 3.1
top10_profit_share = concentration.top_share(profit, 0.1, "profit")   # about 1.46
"""
CODE_Q8 = with_comments(CODE_Q8, {
    "as in section 3.1": "同课程第 3.1 节",
    "about 1.46": "约 1.46",
})

q8 = NumberQuestion(
    "q8",
    points=2,
    var="top10_profit_share",
    answer=lazy(lambda: _top_share("profit", 0.1)),
    atol=0.005,
    rtol=0,
    decimals=2,
    **TEXT["q8"], code=CODE_Q8,
    mistakes={"margin_not_profit": lazy(lambda: _top_share("margin", 0.1)), "lesson_fifth": lazy(lambda: _top_share("profit", 0.2))},
    right=[lazy(lambda: _top_share("profit", 0.1)), lazy(lambda: round(_top_share("profit", 0.1), 2)),
           lazy(lambda: round(_top_share("profit", 0.1), 3))],
    wrong=[lazy(lambda: 100 * _top_share("profit", 0.1)), 0.1, 1.0],
)

SEGMENTS = [
    {"en": "champions", "zh": "冠军客户", "aliases": ["champion"]},
    {"en": "loyal", "zh": "忠诚客户"},
    {"en": "new", "zh": "新客户"},
    {"en": "needs attention", "zh": "需关注客户", "aliases": ["attention", "needs_attention"]},
    {"en": "at risk", "zh": "高危客户", "aliases": ["at_risk", "at-risk"]},
    {"en": "lost", "zh": "沉睡客户"},
]

CODE_Q9 = """\
rfm_segment = {"a": "champions", "b": "at risk", "c": "new", "d": "lost", "e": "loyal", "f": "needs attention"}
"""

q9 = MappingQuestion(
    "q9",
    points=2,
    var="rfm_segment",
    answer={"a": "champions", "b": "at risk", "c": "new", "d": "lost", "e": "loyal", "f": "needs attention"},
    categories=SEGMENTS,
    **TEXT["q9"], code=CODE_Q9,
    right=[
        {"a": "champions", "b": "at risk", "c": "new", "d": "lost", "e": "loyal", "f": "needs attention"},
        {"a": "冠军客户", "b": "高危客户", "c": "新客户", "d": "沉睡客户", "e": "忠诚客户", "f": "需关注客户"},
        {"a": "champions", "b": "at_risk", "c": "new", "d": "lost", "e": "loyal", "f": "attention"},
    ],
    wrong=[
        {"a": "champions", "b": "lost", "c": "new", "d": "lost", "e": "loyal", "f": "needs attention"},
        {"a": "champions", "b": "at risk", "c": "needs attention", "d": "lost", "e": "loyal", "f": "new"},
        {"a": "loyal", "b": "at risk", "c": "new", "d": "lost", "e": "champions", "f": "needs attention"},
    ],
)

CODE_Q10 = """\
recency = rfm.rfm_table(db.topups, date="topup_date", amount="amount_cny", as_of="2024-06-30")
rfm_code_c000061 = int(rfm.rfm_scores(recency).loc["C000061", "rfm"])   # 243
"""

q10 = NumberQuestion(
    "q10",
    points=2,
    var="rfm_code_c000061",
    answer=lazy(lambda: _rfm_code("C000061")),
    atol=0,
    rtol=0,
    **TEXT["q10"], code=CODE_Q10,
    right=[lazy(lambda: _rfm_code("C000061")), lazy(lambda: float(_rfm_code("C000061")))],
    mistakes={"recency_reversed": lazy(lambda: _rfm_code("C000061", reverse_recency=True)),
              "lesson_date": lazy(lambda: _rfm_code("C000061", as_of="2025-12-31"))},
    wrong=[331, 555, lazy(lambda: _rfm_code("C000062") + 1),
           "133"],
)

CODE_Q11 = """\
from crmlib import sbg
survivors_year_10 = 1000 * sbg.survival(0.704, 1.182, 10)[-1]   # about 191
"""
CODE_Q11 = with_comments(CODE_Q11, {
    "about 191": "约 191",
})

q11 = NumberQuestion(
    "q11",
    points=2,
    var="survivors_year_10",
    answer=_sbg_survivors(0.704, 1.182, 10),
    atol=1.0,
    rtol=0,
    **TEXT["q11"], code=CODE_Q11,
    mistakes={"constant_rate": 1000 * (1.182 / (0.704 + 1.182)) ** 10, "off_by_one_year": _sbg_survivors(0.704, 1.182, 9), "share_not_count": _sbg_survivors(0.704, 1.182, 10) / 1000},
    right=[_sbg_survivors(0.704, 1.182, 10), 191, round(_sbg_survivors(0.704, 1.182, 10))],
    wrong=[_sbg_survivors(0.704, 1.182, 7), _sbg_survivors(1.182, 0.704, 10)],
)

CODE_Q12 = """\
ssc_kind = {"a": "cost magnet", "b": "benchmark", "c": "inspiration", "d": "high lifetime value"}
"""

q12 = MappingQuestion(
    "q12",
    points=2,
    var="ssc_kind",
    answer={"a": "cost magnet", "b": "benchmark", "c": "inspiration", "d": "high lifetime value"},
    categories=[
        {"en": "high lifetime value", "zh": "高终生价值客户", "aliases": ["high clv", "high_clv", "high ltv",
                                                                    "high lifetime value customer"]},
        {"en": "benchmark", "zh": "标杆客户", "aliases": ["benchmark customer", "benchmarks"]},
        {"en": "inspiration", "zh": "启发型客户", "aliases": ["inspiration customer", "inspirations"]},
        {"en": "cost magnet", "zh": "成本磁铁", "aliases": ["cost_magnet", "cost magnets"]},
    ],
    **TEXT["q12"], code=CODE_Q12,
    right=[
        {"a": "cost magnet", "b": "benchmark", "c": "inspiration", "d": "high lifetime value"},
        {"a": "成本磁铁", "b": "标杆客户", "c": "启发型客户", "d": "高终生价值客户"},
        {"a": "cost_magnet", "b": "Benchmark", "c": "inspiration customer", "d": "high CLV"},
    ],
    wrong=[
        {"a": "high lifetime value", "b": "benchmark", "c": "inspiration", "d": "cost magnet"},
        {"a": "cost magnet", "b": "inspiration", "c": "benchmark", "d": "high lifetime value"},
        {"a": "cost magnet", "b": "benchmark", "c": "inspiration", "d": "loyal"},
    ],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12]
