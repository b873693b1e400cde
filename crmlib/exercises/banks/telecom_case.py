"""Graded questions of lesson 04, the telecom case (exercise ``04_telecom_case``).

SQL and pandas questions on Skyline Telecom's database (numbers, a table, a set of customer ids),
churn analysis, campaign economics, and the memo (graded by hand against its rubric). Answers that
need the data are computed on first use (``lazy``), so importing the bank stays quick.

    >>> len(QUESTIONS) >= 12, EXERCISE_ID
    (True, '04_telecom_case')
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.lists import SetQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import lazy
from crmlib.exercises.source import bank_text
from crmlib.exercises.table import TableQuestion
from crmlib.exercises.variants import vary

EXERCISE_ID = "04_telecom_case"
TEXT = bank_text(__file__)  # prompts, hints, solutions and mistakes: telecom_case.en.md, telecom_case.zh.md
TITLE = TEXT.title
# The notebook's own setup cells, after the common first cell (crmlib.exercises.build).
SETUP = [
    """\
import numpy as np
import pandas as pd

import crmlib
from crmlib import campaign, churn, datasets

db = datasets.load("telecom")
con = datasets.connect()
months = churn.customer_months(db)
life = churn.customer_lifetimes(db)
""",
]


@lru_cache(maxsize=1)
def _db():
    from crmlib.datasets import load

    return load("telecom")


@lru_cache(maxsize=1)
def _months():
    from crmlib.churn import customer_months

    return customer_months(_db())


def _h(en1: str, zh1: str, en2: str, zh2: str) -> list[dict[str, str]]:
    return [{"en": en1, "zh": zh1}, {"en": en2, "zh": zh2}]


# ---------------------------------------------------------------- q1: SQL, a count
def _complainers_2025() -> int:
    t = _db().tickets
    mask = (t["ticket_type"] == "complaint") & (t["opened_date"].dt.year == 2025)
    return int(t.loc[mask, "customer_id"].nunique())


CODE_Q1 = '''\
complainers_2025 = con.sql("""SELECT count(DISTINCT customer_id) FROM tickets
    WHERE ticket_type = 'complaint' AND year(opened_date) = 2025""").fetchall()[0][0]   # 877
'''

q1 = NumberQuestion(
    "q1", points=2, var="complainers_2025", answer=lazy(_complainers_2025), atol=0.5,
    **TEXT["q1"], code=CODE_Q1,
    mistakes={"complaints_not_customers": lazy(lambda: int(((_db().tickets["ticket_type"] == "complaint") & (_db().tickets["opened_date"].dt.year == 2025)).sum()))},
    right=[lazy(_complainers_2025), 877, 877.0],
    wrong=[8.77, 0, 8000],
)


# ---------------------------------------------------------------- q2: pandas, a table
def _churners_by_segment():
    import pandas as pd

    db = _db()
    left = db.customers[db.customers["customer_id"].isin(db.churn_events["customer_id"])]
    counts = left["segment"].astype(str).value_counts()
    order = ["individual_postpaid", "sme", "enterprise", "government"]
    return pd.Series([int(counts.get(s, 0)) for s in order], index=pd.Index(order, name="segment"), name="churners")


CODE_Q2 = """\
left = db.customers[db.customers.customer_id.isin(db.churn_events.customer_id)]
churners_by_segment = left.segment.astype(str).value_counts().rename('churners')
churners_by_segment.index.name = 'segment'
"""

def pd_concat_zero(counts):
    """The counts with an ``individual_prepaid`` row of 0 added (what ``value_counts`` on the category gives)."""
    import pandas as pd

    extra = pd.Series([0], index=pd.Index(["individual_prepaid"], name=counts.index.name), name=counts.name)
    return pd.concat([counts, extra])


q2 = TableQuestion(
    "q2", points=2, var="churners_by_segment", answer=lazy(_churners_by_segment), ignore_row_order=True,
    **TEXT["q2"], code=CODE_Q2,
    mistakes={"shares_not_counts": lazy(lambda: _churners_by_segment() / _churners_by_segment().sum()), "prepaid_row": lazy(lambda: pd_concat_zero(_churners_by_segment()))},
    right=[lazy(_churners_by_segment), lazy(lambda: _churners_by_segment().sort_values())],
    wrong=[lazy(lambda: _churners_by_segment() / 4609), lazy(lambda: _churners_by_segment().iloc[:3]),
           lazy(lambda: _churners_by_segment() + 1)],
)


# ---------------------------------------------------------------- q3: a set of customer ids
KEY_ACCOUNTS_LOST = ["C000045", "C000110", "C000270", "C001411", "C002705", "C003194", "C003823", "C004120",
                     "C004147", "C004154", "C004474", "C004731", "C004926", "C005085", "C006139", "C006628",
                     "C007353"]

CODE_Q3 = '''\
key_accounts_lost = con.sql("""SELECT customer_id FROM customers JOIN churn_events
    USING (customer_id) WHERE segment IN ('enterprise', 'government')""").df().customer_id.tolist()
'''

q3 = SetQuestion(
    "q3", points=2, var="key_accounts_lost", answer=KEY_ACCOUNTS_LOST,
    **TEXT["q3"], code=CODE_Q3,
    right=[KEY_ACCOUNTS_LOST, set(KEY_ACCOUNTS_LOST), list(reversed(KEY_ACCOUNTS_LOST))],
    wrong=[KEY_ACCOUNTS_LOST[:-3], KEY_ACCOUNTS_LOST + ["C000001"], "C000045"],
)


# ---------------------------------------------------------------- q4-q6: churn analysis
def _m2m_rate(segment: str | None = "sme", contract: str | None = "month_to_month") -> float:
    m = _months()
    rows = m if segment is None else m[m["segment"] == segment]
    if contract is not None:
        rows = rows[rows["contract"] == contract]
    return float(rows["churned"].mean())


CODE_Q4 = """\
sme = months[(months.segment == 'sme') & (months.contract == 'month_to_month')]
m2m_monthly_churn = sme.churned.mean()   # 0.0254
"""

q4 = NumberQuestion(
    "q4", points=2, var="m2m_monthly_churn", answer=lazy(_m2m_rate), atol=0.0002, decimals=4,
    **TEXT["q4"], code=CODE_Q4,
    mistakes={"lesson_segment": lazy(lambda: _m2m_rate("individual_postpaid")),
              "all_contracts": lazy(lambda: _m2m_rate("sme", None)),
              "every_segment": lazy(lambda: _m2m_rate(None)),
              "customers_not_months": lazy(lambda: float(_months()[(_months()["segment"] == "sme") & (
                  _months()["contract"] == "month_to_month")].groupby("customer_id")["churned"].max().mean()))},
    right=[lazy(_m2m_rate), 0.0254, 0.02538],
    wrong=[2.54, 0.5, 0.025],
)


def _unresolved_rates(only_slice: bool = True) -> tuple[float, float]:
    """Monthly churn in months after an unresolved complaint, and in the other months (individual postpaid on
    month-to-month contracts, or every customer-month)."""
    m = _months()
    if only_slice:
        m = m[(m["segment"] == "individual_postpaid") & (m["contract"] == "month_to_month")]
    return float(m.loc[m["unresolved"], "churned"].mean()), float(m.loc[~m["unresolved"], "churned"].mean())


def _unresolved_ratio() -> float:
    after, other = _unresolved_rates()
    return after / other


CODE_Q5 = """\
m2m = months[(months.segment == 'individual_postpaid') & (months.contract == 'month_to_month')]
r = churn.churn_rates(m2m, 'unresolved')['churn_rate']
unresolved_ratio = r[True] / r[False]   # 10.6 % / 3.9 % = 2.74
"""

q5 = NumberQuestion(
    "q5", points=2, var="unresolved_ratio", answer=lazy(_unresolved_ratio), atol=0.02, decimals=2,
    **TEXT["q5"], code=CODE_Q5,
    mistakes={"difference_not_ratio": lazy(lambda: _unresolved_rates()[0] - _unresolved_rates()[1]),
              "inverted": lazy(lambda: 1 / _unresolved_ratio()),
              "every_customer": lazy(lambda: _unresolved_rates(False)[0] / _unresolved_rates(False)[1])},
    right=[lazy(_unresolved_ratio), 2.74],
    wrong=[0.1056, 3.0, 10.56, 2.7],
)


def _survival_12(segment: str | None = "sme", contract: str = "month_to_month") -> float:
    from crmlib import churn

    life = churn.customer_lifetimes(_db())
    if segment is not None:
        life = life[life["segment"] == segment]
    km = churn.kaplan_meier(life, duration="months", event="churned", group="contract", entry="entry_months")
    return float(churn.survival_at(km, 12)[contract])


CODE_Q6 = """\
sme = life[life.segment == 'sme']
curves = churn.kaplan_meier(sme, duration='months', event='churned', group='contract', entry='entry_months')
m2m_survival_12 = churn.survival_at(curves, 12)['month_to_month']   # 0.69
"""

q6 = NumberQuestion(
    "q6", points=2, var="m2m_survival_12", answer=lazy(_survival_12), atol=0.005, decimals=2,
    **TEXT["q6"], code=CODE_Q6,
    mistakes={"one_minus_s": lazy(lambda: 1 - _survival_12()), "every_segment": lazy(lambda: _survival_12(None)),
              "wrong_contract": lazy(lambda: _survival_12("sme", "12_months"))},
    right=[lazy(_survival_12), 0.69],
    wrong=[69.0, 1.0, 0.5],
)

q7 = ChoiceQuestion(
    "q7", points=1, var="auc_meaning",
    options=[{"en": "a churner picked at random gets a higher risk score than a stayer picked at random, 3 times in 4",
              "zh": "随机抽取的一位流失客户，其风险分数高于随机抽取的一位留下的客户的概率为四分之三"},
             {"en": "the model predicts 75% of customers correctly", "zh": "模型对 75% 的客户预测正确"},
             {"en": "75% of customers will churn", "zh": "75% 的客户会流失"}],
    answer="a churner picked at random gets a higher risk score than a stayer picked at random, 3 times in 4",
    **TEXT["q7"],
    right=["a", "A", "(a)"],
    wrong=["b", "c", "75% of customers will churn"],
)


# ---------------------------------------------------------------- q8-q11: campaign economics
def _uplift_row(days: int = 75) -> Any:
    from crmlib import campaign

    u = campaign.uplift_table(campaign.retention_outcomes(_db(), days=days), outcome="churned", by="contract")
    return u.loc["month_to_month"]


def _m2m_uplift(days: int = 75) -> float:
    return float(_uplift_row(days)["uplift"])


CODE_Q8 = """\
u = campaign.uplift_table(campaign.retention_outcomes(db, days=75), outcome='churned', by='contract')
m2m_uplift = u.loc['month_to_month', 'uplift']   # 13.9 % − 6.3 % = 0.076
"""

q8 = NumberQuestion(
    "q8", points=2, var="m2m_uplift", answer=lazy(_m2m_uplift), atol=0.0005, decimals=3,
    **TEXT["q8"], code=CODE_Q8,
    mistakes={"lesson_window": lazy(lambda: _m2m_uplift(92)), "treated_minus_control": lazy(lambda: -_m2m_uplift()),
              "control_rate_only": lazy(lambda: float(_uplift_row()["rate_control"]))},
    right=[lazy(_m2m_uplift), 0.076],
    wrong=[7.6, 0.063, 0.07],
)

CODE_Q9 = """\
g = ex.q9.given()                          # your numbers; the lesson's: 18000, 45, 0.3, 0.2, 2500
reached = g.budget_cny / g.offer_cost      # 400 customers with the lesson's numbers
saved = reached * g.risk * g.effect        # 24
kept = saved * g.clv                       # CNY 60,000
campaign_roi = (kept - g.budget_cny) / g.budget_cny   # 2.33, i.e. 233 %
"""

CELL_Q9 = """\
q9_given = ex.q9.given()   # your own numbers: they depend on your student id (ex.student)
print(q9_given)
campaign_roi = ___"""

Q9_LESSON = {"budget_cny": 18000, "offer_cost": 45, "risk": 0.3, "effect": 0.2, "clv": 2500}


def _q9_draw(rng: Any) -> dict[str, Any]:
    """One student's campaign: an offer cost, a budget that buys a whole number of offers, a risk, an effect
    and a CLV, each from a short list of round values."""
    offer_cost = rng.choice([30, 36, 40, 45, 50, 60])
    return {"budget_cny": offer_cost * rng.choice([300, 350, 400, 450, 500]), "offer_cost": offer_cost,
            "risk": rng.choice([0.2, 0.25, 0.3, 0.35, 0.4]), "effect": rng.choice([0.15, 0.2, 0.25, 0.3]),
            "clv": rng.choice([1500, 2000, 2500, 3000, 3500])}


def _q9_key(g: Any) -> dict[str, Any]:
    """The answer, the named mistakes and the examples for the campaign ``g``."""
    budget, reached = g["budget_cny"], g["budget_cny"] / g["offer_cost"]
    kept = reached * g["risk"] * g["effect"] * g["clv"]
    roi = (kept - budget) / budget
    return {"answer": roi,
            "mistakes": {"absolute_cut": (reached * g["effect"] * g["clv"] - budget) / budget,
                         "spend_not_subtracted": kept / budget,
                         "risk_left_out": (reached * g["clv"] - budget) / budget},
            "right": [roi, round(roi, 3)],
            "wrong": [roi + 0.5, roi - 0.2, -roi - 1]}


q9 = vary(NumberQuestion(
    "q9", points=2, var="campaign_roi", answer=0.0, atol=0.01,
    **TEXT["q9"], code=CODE_Q9, cell=CELL_Q9,
    mistakes=dict.fromkeys(["absolute_cut", "spend_not_subtracted", "risk_left_out"], 0.0),
    right=[0.0], wrong=[1.0],
), draw=_q9_draw, key=_q9_key, default=Q9_LESSON)


def _acquisition_cost(segment: str = "sme") -> float:
    c = _db().customers
    return float(c.loc[c["segment"] == segment, "acquisition_cost_cny"].mean())


CODE_Q10 = """\
c = db.customers
acquisition_cost = c[c.segment == 'sme'].acquisition_cost_cny.mean()   # about CNY 1,373
"""

q10 = NumberQuestion(
    "q10", points=1, var="acquisition_cost", answer=lazy(_acquisition_cost), atol=0.5,
    **TEXT["q10"], code=CODE_Q10,
    mistakes={"lesson_segment": lazy(lambda: _acquisition_cost("individual_postpaid")),
              "every_segment": lazy(lambda: float(_db().customers["acquisition_cost_cny"].mean())),
              "median": lazy(lambda: float(_db().customers.loc[_db().customers["segment"] == "sme",
                                                                "acquisition_cost_cny"].median())),
              "seed_us_figure_cny": 300 * 7, "seed_us_figure_usd": 300},
    right=[lazy(_acquisition_cost), 1372.6],
    wrong=[13.73, 300 * 7],
)

_HONEST = ("customers on 12- or 24-month contracts: their uplift is about −2.6 points, and its 95 % interval "
           "(−5.5 to +0.4 points) leaves no room for a useful benefit, even though it cannot rule out no effect")
_PROVEN_HARM = "customers on 12- or 24-month contracts: the offer is proven to raise their churn"
q11 = ChoiceQuestion(
    "q11", points=1, var="do_not_target",
    options=[{"en": _HONEST,
              "zh": "12 或 24 个月合约的客户：他们的增益约为 −2.6 个百分点，其 95% 区间（−5.5 到 +0.4 个百分点）"
                    "排除了任何有用的好处，但不能排除毫无效果"},
             {"en": _PROVEN_HARM, "zh": "12 或 24 个月合约的客户：已证明优惠会提高他们的流失率"},
             {"en": "month-to-month customers: their uplift is negative", "zh": "按月合约的客户：他们的增益为负"},
             {"en": "neither: the offer helps everyone", "zh": "都不是：优惠对所有人都有帮助"}],
    answer=_HONEST,
    **TEXT["q11"],
    mistakes={"interval_includes_zero": _PROVEN_HARM},
    right=["a", "(a)", _HONEST],
    wrong=["c", "d", "month-to-month customers: their uplift is negative"],
)


# ---------------------------------------------------------------- q12: the value chain
def _user_service_2025(year: int = 2025) -> float:
    v = _db().value_chain
    row = v[(v["year"] == year) & (v["link"] == "user_service")]
    return float((row["revenue_attributed_cny_million"] - row["cost_cny_million"]).iloc[0])


CODE_Q12 = """\
v = db.value_chain
row = v[(v.year == 2025) & (v.link == 'user_service')]
user_service_value_added = (row.revenue_attributed_cny_million - row.cost_cny_million).item()   # −43
"""

q12 = NumberQuestion(
    "q12", points=1, var="user_service_value_added", answer=lazy(_user_service_2025), atol=0.5,
    **TEXT["q12"], code=CODE_Q12,
    mistakes={"cost_minus_revenue": lazy(lambda: -_user_service_2025()), "revenue_only": 446,
              "wrong_year": lazy(lambda: _user_service_2025(2024))},
    right=[lazy(_user_service_2025), -43],
    wrong=[-43e6, 0],
)


# ---------------------------------------------------------------- q13: the memo
q13 = FreeTextQuestion(
    "q13", var="memo", min_words=120, max_words=300,
    rubric=[({"en": "States the churn problem with numbers from the data (e.g. monthly churn by contract, survival)",
              "zh": "用数据中的数字说明流失问题（如按合约的月流失率、生存曲线）"}, 2),
            ({"en": "Names the main drivers with their sizes (contract, unresolved complaints, faults, price rise, bundles)",
              "zh": "指出主要驱动因素及其大小（合约、未解决投诉、故障、涨价、捆绑）"}, 2),
            ({"en": "Recommends a retention campaign with budget, targeting rule and expected saved customers, CLV "
                    "kept and ROI, measured against a control group; leaves out customers on 12- or 24-month contracts",
              "zh": "提出客户挽留活动建议，包括预算、目标规则、预计挽留客户、保住的客户终生价值（CLV）和投资回报率，并以对照组衡量；不针对签 12 或 24 个月合约的客户"}, 3),
            ({"en": "Links churn to the value chain (user service, network operation) and says where to invest",
              "zh": "把流失与价值链（用户服务、网络运营）联系起来，并说明应投资在哪里"}, 2),
            ({"en": "Gives implementation advice: mindset, phased roll-out, process re-engineering",
              "zh": "给出实施建议：观念转变、分阶段实施、业务流程重组"}, 1)],
    **TEXT["q13"],
    right=[" ".join(["Month-to-month customers leave at four percent a month."] * 20)],
    wrong=["Too short to grade.", 42, " ".join(["Month-to-month customers leave at four percent a month."] * 40)],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13]
