"""Graded questions of notebook ``01_crm_background``: CRM's levels, kinds and frameworks, and its
economics computed on Skyline Telecom's database.

Facts: the three levels (course notes S1, S4); the four drivers and the contrast with ERP/BPR (course notes S1,
000); operational / analytical / collaborative CRM (course notes S2); IDIC (Peppers & Rogers, course notes S2); 4P
→ 4C (course notes S2 slides); acquisition vs retention, word of mouth 8 vs 25 and the $300 subscriber
(course notes S0, S2, S4); the customer pyramid tiers (Zeithaml, Rust & Lemon 2001). Answers that need
the data are computed on first use (``lazy``), with plain pandas, independently of the
``crmlib.economics`` / ``crmlib.pyramid`` functions the notebook teaches.

    >>> [q.id for q in QUESTIONS]
    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11']
    >>> sum(q.points for q in QUESTIONS)
    22
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.mapping import MappingQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import lazy
from crmlib.exercises.source import bank_text
from crmlib.exercises.variants import vary

if TYPE_CHECKING:
    import pandas as pd

EXERCISE_ID = "01_crm_background"
TEXT = bank_text(__file__)  # prompts, hints, solutions and mistakes: crm_background.en.md, crm_background.zh.md
TITLE = TEXT.title
# The notebook's own setup cells, after the common first cell (crmlib.exercises.build).
SETUP = [
    """\
import crmlib
from crmlib import concentration, datasets, economics, pyramid

db = datasets.load("telecom")
con = datasets.connect()
""",
]


# ------------------------------------------------------------------------------------------ data
@lru_cache(maxsize=1)
def _tables() -> dict[str, pd.DataFrame]:
    from crmlib import datasets

    return {name: datasets.load("telecom", name) for name in ("customers", "billing", "churn_events", "tickets")}


def _margin(year: int | None, column: str = "margin") -> pd.Series:
    """Per-customer sum over the billing rows of ``year`` of margin (revenue − network cost) or revenue."""
    bills = _tables()["billing"]
    if year is not None:
        bills = bills[bills["month"].dt.year == year]
    margin = bills["revenue_cny"] - bills["network_cost_cny"] if column == "margin" else bills["revenue_cny"]
    return margin.groupby(bills["customer_id"]).sum()


def _top_share(values: pd.Series, share: float) -> float:
    ranked = values.sort_values(ascending=False)
    k = int(share * len(ranked) + 0.5)
    return float(ranked.iloc[:k].sum() / ranked.sum())


def _tier_share(values: pd.Series, start: float, end: float) -> float:
    ranked = values.sort_values(ascending=False)
    n = len(ranked)
    return float(ranked.iloc[int(start * n + 0.5): int(end * n + 0.5)].sum() / ranked.sum())


def _churn(year: int, include_prepaid: bool = False, only_base: bool = True) -> float:
    """Customers lost during ``year`` / contract customers on 1 January of ``year``."""
    import pandas as pd

    customers, churn = _tables()["customers"], _tables()["churn_events"]
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
    gone = churn.loc[churn["churn_date"] < start, "customer_id"]
    base = customers[(customers["join_date"] < start) & ~customers["customer_id"].isin(gone)]
    if not include_prepaid:
        base = base[base["segment"] != "individual_prepaid"]
    lost = churn[(churn["churn_date"] >= start) & (churn["churn_date"] < end)]
    if only_base:
        lost = lost[lost["customer_id"].isin(base["customer_id"])]
    return len(lost) / len(base)


def _dissatisfied(year: int, per: str = "customer") -> int:
    tickets = _tables()["tickets"]
    surveyed = tickets[(tickets["opened_date"].dt.year == year) & tickets["satisfaction"].notna()]
    if per == "ticket":
        return int((surveyed["satisfaction"] <= 2).sum())
    average = surveyed.groupby("customer_id")["satisfaction"].mean()
    return int((average <= 2).sum()) if per == "customer" else int((average >= 4).sum())


# ------------------------------------------------------------------------------------- questions
KINDS = [
    {"en": "operational", "zh": "操作型", "aliases": ["operational crm", "操作型crm"]},
    {"en": "analytical", "zh": "分析型", "aliases": ["analytical crm", "analytic", "分析型crm"]},
    {"en": "collaborative", "zh": "协作型", "aliases": ["collaborative crm", "协作型crm"]},
]

CODE_Q1 = """\
crm_kinds = {"a": "collaborative", "b": "operational", "c": "analytical",
             "d": "operational", "e": "analytical", "f": "collaborative"}
"""

q1 = MappingQuestion(
    "q1",
    points=3,
    var="crm_kinds",
    answer={"a": "collaborative", "b": "operational", "c": "analytical", "d": "operational",
            "e": "analytical", "f": "collaborative"},
    categories=KINDS,
    **TEXT["q1"], code=CODE_Q1,
    right=[
        {"a": "collaborative", "b": "operational", "c": "analytical", "d": "operational", "e": "analytical",
         "f": "collaborative"},
        {"A": "Collaborative", "B": "operational CRM", "C": "分析型", "D": "操作型", "E": "analytical",
         "F": "协作型"},
    ],
    wrong=[
        {"a": "operational", "b": "operational", "c": "analytical", "d": "operational", "e": "analytical",
         "f": "collaborative"},
        {"a": "collaborative", "b": "operational", "c": "analytical", "d": "collaborative", "e": "analytical",
         "f": "operational"},
        {"a": "collaborative", "b": "operational", "c": "analytical"},
        ["collaborative", "operational", "analytical", "operational", "analytical", "collaborative"],
    ],
)

CODE_Q2 = """\
idic_stage = {"a": "identify", "b": "differentiate", "c": "interact",
              "d": "customize", "e": "interact"}
"""

q2 = MappingQuestion(
    "q2",
    points=3,
    var="idic_stage",
    answer={"a": "identify", "b": "differentiate", "c": "interact", "d": "customize", "e": "interact"},
    categories=[
        {"en": "identify", "zh": "识别", "aliases": ["识别客户", "identification"]},
        {"en": "differentiate", "zh": "区分", "aliases": ["区分客户", "differentiation"]},
        {"en": "interact", "zh": "互动", "aliases": ["与客户互动", "interaction"]},
        {"en": "customize", "zh": "定制", "aliases": ["为客户定制", "customise", "customization", "customisation"]},
    ],
    **TEXT["q2"], code=CODE_Q2,
    right=[
        {"a": "identify", "b": "differentiate", "c": "interact", "d": "customize", "e": "interact"},
        {"a": "识别", "b": "区分", "c": "互动", "d": "定制", "e": "Interact"},
        {"a": "Identify", "b": "differentiate", "c": "interact", "d": "customise", "e": "interact"},
    ],
    wrong=[
        {"a": "identify", "b": "differentiate", "c": "interact", "d": "customize", "e": "customize"},
        {"a": "differentiate", "b": "identify", "c": "interact", "d": "customize", "e": "interact"},
        {"a": "identify", "b": "differentiate", "c": "interact", "d": "customize"},
        {"a": "identify", "b": "segment", "c": "interact", "d": "customize", "e": "interact"},
    ],
)

CODE_Q3 = """\
crm_level = {"a": "philosophy", "b": "mechanism", "c": "technology", "d": "mechanism"}
"""

q3 = MappingQuestion(
    "q3",
    points=2,
    var="crm_level",
    answer={"a": "philosophy", "b": "mechanism", "c": "technology", "d": "mechanism"},
    categories=[
        {"en": "philosophy", "zh": "管理理念", "aliases": ["management philosophy", "理念"]},
        {"en": "mechanism", "zh": "管理机制", "aliases": ["management mechanism", "机制"]},
        {"en": "technology", "zh": "管理软件和技术", "aliases": ["technology and system", "software", "system",
                                                          "management software and technology", "技术"]},
    ],
    **TEXT["q3"], code=CODE_Q3,
    right=[
        {"a": "philosophy", "b": "mechanism", "c": "technology", "d": "mechanism"},
        {"a": "管理理念", "b": "管理机制", "c": "管理软件和技术", "d": "Mechanism"},
    ],
    wrong=[
        {"a": "philosophy", "b": "mechanism", "c": "technology", "d": "technology"},
        {"a": "mechanism", "b": "philosophy", "c": "technology", "d": "mechanism"},
        {"a": "philosophy", "b": "strategy", "c": "technology", "d": "mechanism"},
    ],
)

CODE_Q4 = """\
margins = economics.customer_margin(db.billing, year=2024)
top20_share = concentration.top_share(margins, 0.2, column="margin")   # about 0.875
"""

q4 = NumberQuestion(
    "q4",
    points=2,
    var="top20_share",
    answer=lazy(lambda: _top_share(_margin(2024), 0.2)),
    atol=0.0005,
    rtol=0,
    decimals=3,
    **TEXT["q4"], code=CODE_Q4,
    mistakes={"revenue_share": lazy(lambda: _top_share(_margin(2024, "revenue"), 0.2)), "lesson_year": lazy(lambda: _top_share(_margin(2025), 0.2)), "rule_of_thumb": 0.8},
    right=[lazy(lambda: _top_share(_margin(2024), 0.2)), lazy(lambda: round(_top_share(_margin(2024), 0.2), 3))],
    wrong=[0.8, 0.2, lazy(lambda: 100 * _top_share(_margin(2024), 0.2)), 0.88, "0.875"],
)

CODE_Q5 = """\
g = ex.q5.given()   # your numbers; the lesson's: 40,000 subscribers, 22 %, $300, $50
yearly_saving = g.subscribers * g.churn * (g.acquisition_cost - g.retention_cost)   # 2,200,000
"""

CELL_Q5 = """\
q5_given = ex.q5.given()   # your own numbers: they depend on your student id (ex.student)
print(q5_given)
yearly_saving = ___"""

Q5_LESSON = {"subscribers": 40_000, "churn": 0.22, "acquisition_cost": 300, "retention_cost": 50}


def _q5_draw(rng: Any) -> dict[str, Any]:
    """One student's operator: a base, a yearly churn rate and the two costs, from round values."""
    return {"subscribers": rng.choice(range(20_000, 80_001, 5_000)), "churn": rng.choice(range(12, 33)) / 100,
            "acquisition_cost": rng.choice([250, 300, 350, 400, 450]), "retention_cost": rng.choice([30, 40, 50, 60, 80])}


def _q5_key(g: Any) -> dict[str, Any]:
    """The answer, the named mistakes and the examples for the operator ``g``."""
    leavers = g["subscribers"] * g["churn"]
    gap = g["acquisition_cost"] - g["retention_cost"]
    saving = leavers * gap
    return {"answer": saving,
            "mistakes": {"replacement_cost": leavers * g["acquisition_cost"], "retention_cost": leavers * g["retention_cost"],
                         "whole_base": g["subscribers"] * gap, "per_leaver": gap},
            "right": [saving, round(saving), leavers * g["acquisition_cost"] - leavers * g["retention_cost"]],
            "wrong": [saving / 2, -saving, str(round(saving))]}

q5 = NumberQuestion(
    "q5",
    points=2,
    var="yearly_saving",
    answer=0,
    atol=0.5,
    rtol=0,
    **TEXT["q5"], code=CODE_Q5, cell=CELL_Q5,
    mistakes=dict.fromkeys(["replacement_cost", "retention_cost", "whole_base", "per_leaver"], 0),
    right=[0], wrong=[1],
)
q5 = vary(q5, draw=_q5_draw, key=_q5_key, default=Q5_LESSON)

CODE_Q6 = """\
counts = con.sql('''
    SELECT count(*) AS base, count(ch.customer_id) AS lost
    FROM customers c
    LEFT JOIN churn_events ch ON ch.customer_id = c.customer_id AND year(ch.churn_date) = 2024
    WHERE c.segment <> 'individual_prepaid' AND c.join_date < DATE '2024-01-01'
      AND c.customer_id NOT IN (SELECT customer_id FROM churn_events
                                WHERE churn_date < DATE '2024-01-01')
''').df()
churn_rate_2024 = counts["lost"][0] / counts["base"][0]   # 648 / 2,678 ≈ 0.242
"""

q6 = NumberQuestion(
    "q6",
    points=2,
    var="churn_rate_2024",
    answer=lazy(lambda: _churn(2024)),
    atol=0.0005,
    rtol=0,
    decimals=3,
    **TEXT["q6"], code=CODE_Q6,
    mistakes={"prepaid_in_base": lazy(lambda: _churn(2024, include_prepaid=True)), "leavers_outside_base": lazy(lambda: _churn(2024, only_base=False)), "lesson_year": lazy(lambda: _churn(2025))},
    right=[lazy(lambda: _churn(2024)), lazy(lambda: round(_churn(2024), 3)), 648 / 2678],
    wrong=[lazy(lambda: 100 * _churn(2024)), 0.25, 0.24, 0.2439],
)

CODE_Q7 = """\
tickets = db.tickets
scored = tickets[(tickets.opened_date.dt.year == 2024) & tickets.satisfaction.notna()]
average = scored.groupby("customer_id")["satisfaction"].mean()
people_swayed_2024 = 25 * int((average <= 2).sum())   # 25 × 119 = 2,975
"""

q7 = NumberQuestion(
    "q7",
    points=2,
    var="people_swayed_2024",
    answer=lazy(lambda: 25 * _dissatisfied(2024)),
    atol=0.5,
    rtol=0.02,  # "about how many": 2,975 rounded to the nearest 10, 50 or 100 is accepted
    **TEXT["q7"], code=CODE_Q7,
    mistakes={"tickets_not_customers": lazy(lambda: 25 * _dissatisfied(2024, per="ticket")), "not_multiplied": lazy(lambda: _dissatisfied(2024)), "satisfied_praise": lazy(lambda: 8 * _dissatisfied(2024, per="satisfied"))},
    right=[lazy(lambda: 25 * _dissatisfied(2024)), lazy(lambda: float(25 * _dissatisfied(2024))), 3000, 2980],
    wrong=[lazy(lambda: 25 * _dissatisfied(2025)), 2900],
)

CODE_Q8 = """\
margins = economics.customer_margin(db.billing, year=2025)
table = pyramid.pyramid_table(margins, cutoffs=(0.01, 0.10, 0.50), column="margin")
lead_share = table.loc["lead", "value_share"]   # about 0.042
"""

q8 = NumberQuestion(
    "q8",
    points=2,
    var="lead_share",
    answer=lazy(lambda: _tier_share(_margin(2025), 0.5, 1.0)),
    atol=0.0005,
    rtol=0,
    decimals=3,
    **TEXT["q8"], code=CODE_Q8,
    mistakes={"customer_share": 0.5, "iron_tier": lazy(lambda: _tier_share(_margin(2025), 0.1, 0.5)), "bottom_fifth": lazy(lambda: _tier_share(_margin(2025), 0.8, 1.0))},
    right=[lazy(lambda: _tier_share(_margin(2025), 0.5, 1.0)),
           lazy(lambda: round(_tier_share(_margin(2025), 0.5, 1.0), 3))],
    wrong=[0.04, lazy(lambda: _tier_share(_margin(2025), 0.0, 0.01)), lazy(lambda: 100 * _tier_share(_margin(2025), 0.5, 1.0))],
)

CODE_Q9 = """\
four_c = {"product": "customer", "price": "cost", "place": "convenience",
          "promotion": "communication"}
"""

q9 = MappingQuestion(
    "q9",
    points=2,
    var="four_c",
    answer={"product": "customer", "price": "cost", "place": "convenience", "promotion": "communication"},
    task="match",
    items=[{"en": "product", "zh": "产品"}, {"en": "price", "zh": "价格"}, {"en": "place", "zh": "渠道"},
           {"en": "promotion", "zh": "促销"}],
    categories=[
        {"en": "customer", "zh": "顾客", "aliases": ["customer needs and wants", "customer needs", "顾客需求与欲望",
                                                    "consumer", "consumer wants and needs", "consumer needs",
                                                    "customer value", "customer solution", "消费者", "消费者需求"]},
        {"en": "cost", "zh": "成本", "aliases": ["cost to the customer", "顾客成本", "cost to satisfy",
                                                "customer cost", "消费者成本"]},
        {"en": "convenience", "zh": "便利"},
        {"en": "communication", "zh": "沟通"},
    ],
    **TEXT["q9"], code=CODE_Q9,
    right=[
        {"product": "customer", "price": "cost", "place": "convenience", "promotion": "communication"},
        {"产品": "顾客", "价格": "成本", "渠道": "便利", "促销": "沟通"},
        {"Product": "customer needs and wants", "Price": "cost to the customer", "Place": "Convenience",
         "Promotion": "Communication"},
    ],
    wrong=[
        {"product": "customer", "price": "convenience", "place": "cost", "promotion": "communication"},
        {"product": "communication", "price": "cost", "place": "convenience", "promotion": "customer"},
        {"product": "customer", "price": "cost", "place": "convenience"},
    ],
)

CODE_Q10 = """\
crm_vs_erp = "a"
"""

q10 = ChoiceQuestion(
    "q10",
    points=1,
    var="crm_vs_erp",
    options=[
        {"en": "CRM faces outward, to customers and their value; ERP and BPR reform a firm's internal work "
               "around products and cost",
         "zh": "客户关系管理面向外部，关注客户及其价值；ERP 和 BPR 围绕产品和成本改革企业内部的工作"},
        {"en": "CRM is only software, while ERP and BPR are management ideas",
         "zh": "客户关系管理只是软件，而 ERP 和 BPR 是管理思想"},
        {"en": "CRM came first, and ERP and BPR grew out of it",
         "zh": "客户关系管理出现得最早，ERP 和 BPR 是从它发展而来的"},
        {"en": "CRM's main aim is to cut production cost",
         "zh": "客户关系管理首先是为了压低生产成本"},
    ],
    answer="CRM faces outward, to customers and their value; ERP and BPR reform a firm's internal work around "
           "products and cost",
    **TEXT["q10"], code=CODE_Q10,
    right=["a", "(a)", "A"],
    wrong=["b", "c", "d", "e", 1],
)

CODE_Q11 = """\
not_a_driver = "e"
"""

q11 = ChoiceQuestion(
    "q11",
    points=1,
    var="not_a_driver",
    options=[
        {"en": "a shift in business philosophy towards customer value", "zh": "经营理念向顾客价值导向转变"},
        {"en": "the need for new ways of managing (lost leads, repeated work, knowledge leaving with staff)",
         "zh": "管理模式更新的需要（跟丢客户、重复劳动、知识随员工离职流失）"},
        {"en": "the search for a core competence that rivals cannot copy quickly",
         "zh": "寻求竞争对手难以很快复制的核心竞争力"},
        {"en": "information technology that makes customer data cheap to collect and use",
         "zh": "使采集和利用客户数据的成本大大降低的信息技术"},
        {"en": "falling production costs that make products hard to tell apart",
         "zh": "生产成本下降，使各家的产品难以区分"},
    ],
    answer="falling production costs that make products hard to tell apart",
    **TEXT["q11"], code=CODE_Q11,
    right=["e", "(e)", "falling production costs that make products hard to tell apart"],
    wrong=["a", "b", "c", "d", "none"],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11]
