"""Graded questions of notebook ``02_value_chain``: Porter's chain, Buttle's CRM chain, the operator's
links, the journey funnel, the value star and a quantified target.

Facts: Porter's primary and support activities (course notes S0, S2); Buttle's five stages and the
supporting conditions (course notes S0, S2); the value star (course notes S2); quantified targets (course notes S3).
Numbers come from the operator's data (``value_chain`` and ``funnel`` tables, 2025) and are computed
lazily, so importing the bank stays quick.

    >>> [q.id for q in QUESTIONS], sum(q.points for q in QUESTIONS)
    (['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10'], 20)

q1, q9 and q10 ask the student to apply the lesson's ideas to new cases (a bicycle maker, a fitness
club, a target for the app's activation rate), not to recall its examples. Options and categories
accept the data's spellings (``sign_up -> activation``) and a letter in front of the text
(``(c) sign-up → activation``).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.lists import OrderQuestion, SetQuestion
from crmlib.exercises.mapping import MappingQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import lazy, when
from crmlib.exercises.source import bank_text
from crmlib.exercises.table import TableQuestion
from crmlib.exercises.variants import vary
from crmlib.i18n import t

EXERCISE_ID = "02_value_chain"
TEXT = bank_text(__file__)  # prompts, hints, solutions and mistakes: value_chain.en.md, value_chain.zh.md
TITLE = TEXT.title
# The notebook's own setup cells, after the common first cell (crmlib.exercises.build).
SETUP = [
    """\
from crmlib import datasets

chain = datasets.load("telecom", "value_chain")
links = (chain.assign(link=chain["link"].astype(str))
         .rename(columns={"cost_cny_million": "cost", "revenue_attributed_cny_million": "revenue"})
         [["year", "link", "cost", "revenue"]])

journey = datasets.load("telecom", "funnel")
app_funnel = journey[journey["channel"] == "app"].groupby("stage", observed=True)["people"].sum()
links
""",
    """\
app_funnel
""",
]

LINKS = ["infrastructure", "network_operation", "business_support", "user_service", "value_creation"]


YEARS = (2023, 2024, 2025)


def operator_links(years: Sequence[int] = YEARS) -> Any:
    """The operator's cost and revenue per link (CNY million), added up over ``years``, indexed by link.

    The exercise notebook gives the yearly rows as ``links``; the lesson shows each year on its own,
    so the questions ask about the three years together.
    """
    from crmlib import datasets

    table = datasets.load("telecom", "value_chain")
    rows = table[table["year"].isin(list(years))].assign(link=lambda t: t["link"].astype(str))
    return (rows.groupby("link", sort=False)[["cost_cny_million", "revenue_attributed_cny_million"]].sum()
            .rename(columns={"cost_cny_million": "cost", "revenue_attributed_cny_million": "revenue"}))


def app_funnel() -> Any:
    """People per stage in the app channel, 2025 (the four quarters summed), indexed by stage."""
    from crmlib import datasets, funnel

    table = datasets.load("telecom", "funnel")
    counts = funnel.stage_counts(table[table["channel"] == "app"])
    return counts.set_index("stage")["people"]


def _value_added(years: Sequence[int] = YEARS) -> Any:
    links = operator_links(years)
    return links["revenue"] - links["cost"]


_VALUE_ADDED = lazy(_value_added)


def _activation_rate(quarter: str | None = None) -> float:
    """Activation ÷ sign-up in the app channel: over 2025, or in the quarter starting on ``quarter``."""
    if quarter is None:
        people = app_funnel()
    else:
        from crmlib import datasets

        table = datasets.load("telecom", "funnel")
        rows = table[(table["channel"] == "app") & (table["quarter_start"] == quarter)]
        people = rows.groupby("stage", observed=True)["people"].sum()
    return float(people["activation"] / people["sign_up"])


_Q4_RATE = lazy(lambda: _activation_rate("2025-10-01"))


_ACTIVATION_RATE = lazy(_activation_rate)


def _target_rate() -> float:
    """The activation rate when a third fewer sign-ups fail to activate than in 2025."""
    return 1 - (1 - _activation_rate()) * 2 / 3


_TARGET_RATE = lazy(_target_rate)


def with_letters(options: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The options with each spelling also accepted after its letter: "(c) text", "c) text", "c. text".

    >>> with_letters([{"en": "yes", "zh": "是"}, {"en": "no", "zh": "否", "aliases": ["nope"]}])[1]["aliases"]
    ['nope', '(b) no', 'b) no', 'b. no', '(b) 否', 'b) 否', 'b. 否', '(b) nope', 'b) nope', 'b. nope']
    """
    out = []
    for letter, option in zip(string.ascii_lowercase, options):
        aliases = list(option.get("aliases", []))
        spellings = [option["en"], option["zh"], *aliases]
        lettered = [f"{form} {text}" for text in spellings for form in (f"({letter})", f"{letter})", f"{letter}.")]
        out.append({**option, "aliases": aliases + lettered})
    return out

_PRIMARY = {"en": "primary", "zh": "基本活动", "aliases": ["primary activity", "primary activities", "基本", "p"]}
_SUPPORT = {"en": "support", "zh": "支持活动", "aliases": ["support activity", "support activities", "支持", "s"]}

CELL_Q1 = """\
porter_kind = {
    "materials": ___, "sourcing": ___, "assembly": ___, "fair": ___,
    "accounts": ___, "training": ___, "lab": ___, "repairs": ___,
}"""

CODE_Q1 = """\
porter_kind = {"materials": "primary", "sourcing": "support", "assembly": "primary",
               "fair": "primary", "accounts": "support", "training": "support",
               "lab": "support", "repairs": "primary"}
"""

q1 = MappingQuestion(
    "q1",
    points=3,
    var="porter_kind",
    answer={
        "materials": "primary", "sourcing": "support", "assembly": "primary", "fair": "primary",
        "accounts": "support", "training": "support", "lab": "support", "repairs": "primary",
    },
    categories=[_PRIMARY, _SUPPORT],
    **TEXT["q1"], cell=CELL_Q1, code=CODE_Q1,
    right=[
        {"materials": "primary", "sourcing": "support", "assembly": "primary", "fair": "primary",
         "accounts": "support", "training": "support", "lab": "support", "repairs": "primary"},
        {"Materials": "Primary", "sourcing": "支持活动", "assembly": "基本活动", "fair": "primary activity",
         "accounts": "support activity", "training": "s", "lab": "support", "repairs": "p"},
    ],
    wrong=[
        # choosing a supplier taken for receiving the goods: the slip this question tests
        {"materials": "primary", "sourcing": "primary", "assembly": "primary", "fair": "primary",
         "accounts": "support", "training": "support", "lab": "support", "repairs": "primary"},
        # research taken for operations, the fair for a support activity
        {"materials": "primary", "sourcing": "support", "assembly": "primary", "fair": "support",
         "accounts": "support", "training": "support", "lab": "primary", "repairs": "primary"},
        {"materials": "primary", "assembly": "primary"},
        ["primary", "support"],
    ],
)

_STAGES = [
    {"en": "customer portfolio analysis", "zh": "客户组合分析",
     "aliases": ["portfolio analysis", "CPA", "customer analysis", "客户分析"]},
    {"en": "customer intimacy", "zh": "客户亲近", "aliases": ["intimacy", "深入了解目标客户"]},
    {"en": "network development", "zh": "关系网络发展",
     "aliases": ["network", "develop the network", "developing the network", "网络发展"]},
    {"en": "value proposition development", "zh": "创造并传递客户价值",
     "aliases": ["value proposition", "develop the value proposition", "developing the value proposition",
                 "价值主张"]},
    {"en": "managing the relationship", "zh": "关系管理",
     "aliases": ["relationship management", "manage the relationship", "managing relationships",
                 "manage relationships", "managing customer relationships", "管理客户关系"]},
]

CODE_Q2 = """\
buttle_order = ["customer portfolio analysis", "customer intimacy", "network development",
                "value proposition development", "managing the relationship"]
"""

q2 = OrderQuestion(
    "q2",
    points=2,
    var="buttle_order",
    answer=_STAGES,
    **TEXT["q2"], code=CODE_Q2,
    right=[
        ["customer portfolio analysis", "customer intimacy", "network development", "value proposition development",
         "managing the relationship"],
        ["客户组合分析", "客户亲近", "关系网络发展", "创造并传递客户价值", "关系管理"],
        ("CPA", "Customer Intimacy", "network", "value proposition", "relationship management"),
    ],
    wrong=[
        ["customer intimacy", "customer portfolio analysis", "network development", "value proposition development",
         "managing the relationship"],
        ["customer portfolio analysis", "customer intimacy", "value proposition development", "network development",
         "managing the relationship"],
        ["customer portfolio analysis", "customer intimacy", "network development", "value proposition development"],
        {"customer portfolio analysis", "customer intimacy", "network development", "value proposition development",
         "managing the relationship"},
        "customer portfolio analysis",
    ],
)

CODE_Q3 = """\
supporting_conditions = ["culture and leadership", "procurement processes",
    "human resource management", "IT and data management", "organisation design"]
"""

_PROCUREMENT = {"en": "procurement processes", "zh": "采购流程",
                "aliases": ["procurement", "procurement process", "purchasing", "采购", "采购管理", "采购流程管理"]}
_CONDITIONS_SEED_000 = ["culture and leadership", "business processes", "human resource management",
                        "IT and data management", "organisation design"]  # 企业文化和领导、业务流程、…
_CONDITIONS_BUTTLE = ["culture and leadership", _PROCUREMENT, "human resource management", "IT and data management",
                      "organisation design"]  # Buttle (2004), quoted in course notes S2

q3 = SetQuestion(
    "q3",
    points=2,
    var="supporting_conditions",
    answer=[
        {"en": "culture and leadership", "zh": "企业文化和领导",
         "aliases": ["culture", "leadership and culture", "culture & leadership", "leadership & culture",
                     "企业文化", "企业文化与领导"]},
        {"en": "business processes", "zh": "业务流程", "aliases": ["business process", "processes", "process"]},
        {"en": "human resource management", "zh": "人力资源管理",
         "aliases": ["HR", "HRM", "human resources", "human resource", "HR management", "human resources management",
                     "人力资源"]},
        {"en": "IT and data management", "zh": "信息技术管理",
         "aliases": ["IT", "information technology", "data management", "IT and data", "IT & data",
                     "IT & data management", "IT/data management",
                     "IT management", "IT and data systems", "information technology and data management",
                     "information technology & data management", "信息技术", "信息技术和数据管理"]},
        {"en": "organisation design", "zh": "组织结构设计", "aliases": ["organization design", "organisational design",
                                                                 "organizational design", "组织设计"]},
    ],
    alternatives=[_CONDITIONS_BUTTLE],
    **TEXT["q3"], code=CODE_Q3,
    mistakes={"both_lists": when(lambda v: {"procurement processes", "business processes"} <= {
                  q3._items.key(item) for item in v}, example=_CONDITIONS_SEED_000 + ["procurement"])},
    right=[
        ["culture and leadership", "business processes", "human resource management", "IT and data management",
         "organisation design"],
        ["culture and leadership", "procurement", "human resource management", "IT and data management",
         "organisation design"],
        ["采购管理", "企业文化和领导", "人力资源管理", "信息技术管理", "组织结构设计"],
        {"组织结构设计", "信息技术管理", "人力资源管理", "业务流程", "企业文化和领导"},
        ("Organization design", "IT", "HR", "business process", "culture"),
        ["Culture & leadership", "business processes", "HR", "IT & data management", "organization design"],
    ],
    wrong=[
        ["culture and leadership", "business processes", "human resource management", "IT and data management",
         "pricing"],
        ["culture and leadership", "business processes", "human resource management", "customer intimacy",
         "organisation design"],
        ["culture and leadership", "business processes"],
        "culture and leadership, business processes, HR, IT, organisation design",
    ],
)

CODE_Q4 = """\
totals = links.groupby("link")[["revenue", "cost"]].sum()   # 2023-2025
value_added = totals["revenue"] - totals["cost"]
"""

q4 = TableQuestion(
    "q4",
    points=3,
    var="value_added",
    answer=_VALUE_ADDED,
    ignore_row_order=True,
    rtol=0.0,
    atol=0.5,
    **TEXT["q4"], code=CODE_Q4,
    mistakes={
        "cost_minus_revenue": lazy(lambda: -_value_added()),
        "one_year_only": lazy(lambda: _value_added([2025])),
        "yearly_average": lazy(lambda: _value_added() / 3),
        "per_yuan": lazy(lambda: _value_added() / operator_links()["cost"]),
    },
    right=[
        _VALUE_ADDED,
        lazy(lambda: _value_added().rename("value_added").sort_values()),
        lazy(lambda: _value_added().astype(int)),
    ],
    wrong=[
        lazy(lambda: _value_added().reset_index(drop=True)),
        lazy(lambda: operator_links()[["revenue"]] - 0),
        3300,
    ],
)

_LINK_OPTIONS = [
    {"en": "infrastructure", "zh": "基础设施建设", "aliases": ["infrastructure building", "infra", "基础设施"]},
    {"en": "network_operation", "zh": "网络运营", "aliases": ["network operation"]},
    {"en": "business_support", "zh": "业务支持", "aliases": ["business support"]},
    {"en": "user_service", "zh": "用户服务", "aliases": ["user service"]},
    {"en": "value_creation", "zh": "价值创造", "aliases": ["value creation"]},
]

CODE_Q5 = """\
totals = links.groupby("link")[["revenue", "cost"]].sum()
per_yuan = (totals["revenue"] - totals["cost"]) / totals["cost"]
per_yuan.round(3)   # user_service: -0.025
weakest = "user_service"
"""

q5 = ChoiceQuestion(
    "q5",
    points=1,
    var="weakest",
    options=with_letters(_LINK_OPTIONS),
    answer="user_service",
    **TEXT["q5"], code=CODE_Q5,
    right=["user_service", "d", "User service", "用户服务", "(d)", "d) user_service", "(d) user service",
           "D. User_service", "user service"],
    wrong=["infrastructure", "a", "基础设施", "value_creation", "network_operation", "billing", 4],
)

CODE_Q6 = """\
chain_margin = links["revenue"].sum() - links["cost"].sum()   # 3300.0 (2023-2025)
"""

q6 = NumberQuestion(
    "q6",
    points=1,
    var="chain_margin",
    answer=3300,
    rtol=0.0,
    atol=0.5,
    **TEXT["q6"], code=CODE_Q6,
    mistakes={"one_year_only": 1098, "yearly_average": 1100, "revenue_only": 14489, "cost_only": 11189},
    right=[3300, 3300.0, 14489 - 11189, lazy(lambda: float(_value_added().sum()))],
    wrong=[-3300, 0.228, 1582, "3300"],
)

# each stage as the lesson writes it, as the data writes it, and in Chinese (lesson text and chart labels)
_STAGE_SPELLINGS = {
    "awareness": ["awareness", "认知", "意识", "意识阶段"],
    "consideration": ["consideration", "考虑", "考虑阶段"],
    "sign_up": ["sign-up", "sign_up", "sign up", "signup", "注册", "决策", "决策阶段"],
    "activation": ["activation", "激活"],
    "repeat": ["repeat purchase", "repeat", "repeat_purchase", "复购", "保留", "保留阶段"],
}
_ARROWS = ["→", "->", "-->", "=>", "to", "—>", "➝"]


def _step(source: str, target: str) -> dict[str, Any]:
    """One funnel step as an option: "sign-up → activation", with every stage spelling and arrow; the Chinese
    option names the stages as the funnel chart does (the catalogue's ``stage.*``).

    >>> _step("consideration", "sign_up")["zh"], _step("activation", "repeat")["zh"]
    ('考虑 → 注册', '激活 → 复购')
    """
    first, second = _STAGE_SPELLINGS[source], _STAGE_SPELLINGS[target]
    en = f"{first[0]} → {second[0]}"
    zh = f"{t(f'stage.{source}', language='zh')} → {t(f'stage.{target}', language='zh')}"
    aliases = {f"{a} {arrow} {b}" for a in first for b in second for arrow in _ARROWS}
    aliases |= {f"{a}{arrow}{b}" for a in first for b in second for arrow in _ARROWS if arrow != "to"}
    aliases -= {en, zh}
    return {"en": en, "zh": zh, "aliases": sorted(aliases)}


_STEPS = [_step("awareness", "consideration"), _step("consideration", "sign_up"), _step("sign_up", "activation"),
          _step("activation", "repeat")]

CODE_Q7 = """\
from crmlib import funnel

steps = funnel.funnel_conversion(journey[journey["channel"] == "app"])
steps[["from_stage", "to_stage", "conversion"]].round(2)   # 0.72, 0.66, 0.44, 0.76
weakest_step = steps.loc[steps["conversion"].idxmin()]
bottleneck_step = f"{weakest_step['from_stage']} → {weakest_step['to_stage']}"   # sign_up → activation
"""

q7 = ChoiceQuestion(
    "q7",
    points=1,
    var="bottleneck_step",
    options=with_letters(_STEPS),
    answer="sign-up → activation",
    **TEXT["q7"], code=CODE_Q7,
    right=["sign-up → activation", "c", "C", "注册 → 激活", "sign_up → activation", "sign-up to activation",
           "sign_up -> activation", "sign_up->activation", "(c) sign-up → activation", "c) sign_up -> activation",
           "C. Sign-up to activation", "注册->激活"],
    wrong=["awareness → consideration", "a", "consideration → sign-up", "d", "activation", 3,
           "activation -> repeat", "(b) consideration → sign-up", "sign_up"],
)

CODE_Q8 = """\
last = journey[(journey["channel"] == "app") & (journey["quarter_start"] == "2025-10-01")]
people = last.groupby("stage", observed=True)["people"].sum()
bottleneck_rate = people["activation"] / people["sign_up"]   # 33,305 / 76,333 = 0.436
"""

q8 = NumberQuestion(
    "q8",
    points=2,
    var="bottleneck_rate",
    answer=_Q4_RATE,
    rtol=0.0,
    atol=0.0005,
    decimals=3,
    **TEXT["q8"], code=CODE_Q8,
    mistakes={"whole_year": _ACTIVATION_RATE, "failing_share": lazy(lambda: 1 - _activation_rate("2025-10-01")),
              "inverted": lazy(lambda: 1 / _activation_rate("2025-10-01")),
              "from_awareness": lazy(lambda: 33305 / 159783)},
    right=[_Q4_RATE, 0.436, 33305 / 76333],
    wrong=[43.6, 0.44, 0.66, "0.436"],
)

_SOURCES = [
    {"en": "people", "zh": "人员", "aliases": ["staff", "employees"]},
    {"en": "process", "zh": "流程", "aliases": ["processes"]},
    {"en": "product/brand", "zh": "产品与品牌",
     "aliases": ["product", "brand", "product and brand", "product / brand", "product & brand", "product-brand",
                 "product or brand", "brand/product", "brand / product", "product/ brand", "product /brand",
                 "产品/品牌", "产品 / 品牌", "产品和品牌", "产品", "品牌"]},
    {"en": "price", "zh": "价格", "aliases": ["pricing"]},
    {"en": "service", "zh": "服务"},
    {"en": "location", "zh": "地点", "aliases": ["place"]},
    {"en": "servicescape", "zh": "服务场景", "aliases": ["service scape", "service-scape"]},
    {"en": "communication", "zh": "沟通", "aliases": ["communications"]},
]

_STAR_ANSWER = {
    "coaches": "people", "booking": "process", "name": "product/brand", "fee": "price",
    "check": "service", "stations": "location", "halls": "servicescape", "timetable": "communication",
}

CELL_Q9 = """\
star_source = {
    "coaches": ___, "booking": ___, "name": ___, "fee": ___,
    "check": ___, "stations": ___, "halls": ___, "timetable": ___,
}"""

CODE_Q9 = """\
star_source = {"coaches": "people", "booking": "process", "name": "product/brand",
               "fee": "price", "check": "service", "stations": "location",
               "halls": "servicescape", "timetable": "communication"}
"""

q9 = MappingQuestion(
    "q9",
    points=3,
    var="star_source",
    answer=_STAR_ANSWER,
    categories=_SOURCES,
    task="match",
    **TEXT["q9"], cell=CELL_Q9, code=CODE_Q9,
    right=[
        dict(_STAR_ANSWER),
        {"coaches": "人员", "booking": "流程", "name": "product / brand", "fee": "价格", "check": "Service",
         "stations": "地点", "halls": "服务场景", "timetable": "沟通"},
        {"coaches": "People", "booking": "process", "name": "brand", "fee": "price", "check": "service",
         "stations": "location", "halls": "servicescape", "timetable": "communications"},
    ],
    wrong=[
        {**_STAR_ANSWER, "booking": "service", "check": "process"},
        {**_STAR_ANSWER, "stations": "servicescape", "halls": "location"},
        {**_STAR_ANSWER, "check": "product/brand", "name": "service"},
        {**_STAR_ANSWER, "timetable": "advertising"},
        {"coaches": "people"},
    ],
)

CODE_Q10 = """\
g = ex.q10.given()        # g.rate_2025, g.cut (0.439, 1/3)
failing_2025 = 1 - g.rate_2025                   # 0.561
target_rate = 1 - failing_2025 * (1 - g.cut)     # 0.626
"""

CELL_Q10 = """\
q10_given = ex.q10.given()
print(q10_given)
target_rate = ___"""


def _q10_draw(rng: Any) -> dict[str, Any]:
    """One student's channel: a 2025 activation rate and the share of failures the target removes. Rates stay
    below 0.5 (there, raising the rate by the cut would give the right answer by chance), and pairs whose new
    failing share is near 0.5 (where it would equal the answer) are drawn again."""
    while True:
        rate, cut = rng.choice(range(25, 47)) / 100, rng.choice([0.2, 0.25, 0.3, 1 / 3, 0.4, 0.45])
        if abs((1 - rate) * (1 - cut) - 0.5) > 0.02:
            return {"rate_2025": rate, "cut": cut}


def _q10_key(g: Any) -> dict[str, Any]:
    """The answer, the named mistakes and the examples for the channel ``g``."""
    rate, cut = g["rate_2025"], g["cut"]
    target = 1 - (1 - rate) * (1 - cut)
    return {"answer": target,
            "mistakes": {"a_third_more_failures": 1 - (1 - rate) * (1 + cut), "activations_up_a_third": rate * (1 + cut),
                         "failing_share": (1 - rate) * (1 - cut), "unchanged": rate},
            "right": [target, round(target, 3)],
            "wrong": [target * 100, target + 0.05, target - 0.05]}


q10 = vary(NumberQuestion(
    "q10",
    points=2,
    var="target_rate",
    answer=_TARGET_RATE,
    rtol=0.0,
    atol=0.005,
    decimals=2,
    **TEXT["q10"], code=CODE_Q10, cell=CELL_Q10,
    mistakes=dict.fromkeys(["a_third_more_failures", "activations_up_a_third", "failing_share", "unchanged"], 0.0),
    right=[0.0], wrong=[1.0],
), draw=_q10_draw, key=_q10_key, default={"rate_2025": 0.439, "cut": 1 / 3})

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
