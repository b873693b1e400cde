"""Graded questions of notebook ``02_value_chain``: Porter's chain, Buttle's CRM chain, the operator's
links, the journey funnel, the value star and a quantified target.

Facts: Porter's primary and support activities (seed 000, 002); Buttle's five stages and the
supporting conditions (seed 000, 002); the value star (seed 002); quantified targets (seed 003).
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
from crmlib.exercises.questions import lazy
from crmlib.exercises.table import TableQuestion

EXERCISE_ID = "02_value_chain"
TITLE = {"en": "The value chain: graded exercises", "zh": "价值链：评分练习"}

LINKS = ["infrastructure", "network_operation", "business_support", "user_service", "value_creation"]


def operator_links() -> Any:
    """The operator's 2025 cost and revenue per link (CNY million), indexed by link: the table the
    exercise notebook gives as ``links``."""
    from crmlib import datasets

    table = datasets.load("telecom", "value_chain")
    year = table[table["year"] == 2025]
    return (year.assign(link=year["link"].astype(str))
            .set_index("link")[["cost_cny_million", "revenue_attributed_cny_million"]]
            .rename(columns={"cost_cny_million": "cost", "revenue_attributed_cny_million": "revenue"}))


def app_funnel() -> Any:
    """People per stage in the app channel, 2025 (the four quarters summed), indexed by stage."""
    from crmlib import datasets, funnel

    table = datasets.load("telecom", "funnel")
    counts = funnel.stage_counts(table[table["channel"] == "app"])
    return counts.set_index("stage")["people"]


def _value_added() -> Any:
    links = operator_links()
    return links["revenue"] - links["cost"]


_VALUE_ADDED = lazy(_value_added)


def _activation_rate() -> float:
    people = app_funnel()
    return float(people["activation"] / people["sign_up"])


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

q1 = MappingQuestion(
    "q1",
    points=3,
    var="porter_kind",
    answer={
        "materials": "primary", "sourcing": "support", "assembly": "primary", "fair": "primary",
        "accounts": "support", "training": "support", "lab": "support", "repairs": "primary",
    },
    categories=[_PRIMARY, _SUPPORT],
    prompt={
        "en": (
            "Sort these activities of a bicycle maker into Porter's **primary** and **support** activities. "
            "Set `porter_kind` to a dict from each key to `\"primary\"` or `\"support\"`.\n"
            "- `materials`: unloading and storing the frames, tyres and chains that arrive each week\n"
            "- `sourcing`: comparing three tyre makers and signing a one-year supply contract with one of them\n"
            "- `assembly`: putting the bicycles together on the workshop line\n"
            "- `fair`: running a stand at a cycling fair where shop owners place their orders\n"
            "- `accounts`: the finance and legal office that works for the whole firm\n"
            "- `training`: a course on dealing with customers for staff of every department\n"
            "- `lab`: testing a lighter frame material for next year's models\n"
            "- `repairs`: fixing bicycles under warranty"
        ),
        "zh": (
            "把一家自行车厂的下列活动分到波特价值链的**基本活动**（primary）和**支持活动**（support）中。"
            "把 `porter_kind` 设为一个字典：每个键对应 `\"primary\"` 或 `\"support\"`。\n"
            "- `materials`：卸下并存放每周运到的车架、轮胎和链条\n"
            "- `sourcing`：比较三家轮胎厂，并与其中一家签订一年的供货合同\n"
            "- `assembly`：在车间流水线上组装自行车\n"
            "- `fair`：在自行车展会上设展位，车行老板在那里下订单\n"
            "- `accounts`：为全公司服务的财务和法务部门\n"
            "- `training`：为各部门员工开设的客户接待课程\n"
            "- `lab`：为明年的车型试验一种更轻的车架材料\n"
            "- `repairs`：维修保修期内的自行车"
        ),
    },
    hints=[
        {"en": "Primary activities follow the product: in, made, out, sold, serviced. Support activities help every "
               "one of them.",
         "zh": "基本活动沿着产品走：进料、加工、出货、销售、售后。支持活动为其中每一项提供帮助。"},
        {"en": "For each item you call support, name which of Porter's four support activities it is (firm "
               "infrastructure, human resource management, technology development, procurement); if none fits, "
               "it is probably primary. Taking in goods and deciding whom to buy them from are two different "
               "activities.",
         "zh": "对每一项你认为是支持活动的，说出它属于波特四项支持活动中的哪一项（企业基础设施、人力资源管理、技术开发、"
               "采购管理）；如果哪一项都不合适，它多半是基本活动。接收货物和决定向谁购买是两项不同的活动。"},
    ],
    solution={
        "en": (
            "Primary: materials (inbound logistics: the goods come in), assembly (operations), fair (marketing "
            "and sales), repairs (after-sales service). Support: sourcing (procurement: choosing a supplier and "
            "agreeing the terms, which serves every activity that uses tyres), accounts (firm infrastructure), "
            "training (human resource management, for every department), lab (technology development).\n"
            "```python\nporter_kind = {\"materials\": \"primary\", \"sourcing\": \"support\", \"assembly\": \"primary\",\n"
            "               \"fair\": \"primary\", \"accounts\": \"support\", \"training\": \"support\",\n"
            "               \"lab\": \"support\", \"repairs\": \"primary\"}\n```"
        ),
        "zh": (
            "基本活动：materials（材料供应：货物进厂）、assembly（生产加工）、fair（市场销售）、repairs（售后服务）。"
            "支持活动：sourcing（采购管理：选择供应商、谈定条件，为所有用到轮胎的活动服务）、accounts（企业基础设施）、"
            "training（人力资源管理，面向各个部门）、lab（技术开发）。\n"
            "```python\nporter_kind = {\"materials\": \"primary\", \"sourcing\": \"support\", \"assembly\": \"primary\",\n"
            "               \"fair\": \"primary\", \"accounts\": \"support\", \"training\": \"support\",\n"
            "               \"lab\": \"support\", \"repairs\": \"primary\"}\n```"
        ),
    },
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
    {"en": "network development", "zh": "关系网络发展", "aliases": ["network", "develop the network"]},
    {"en": "value proposition development", "zh": "创造并传递客户价值",
     "aliases": ["value proposition", "价值主张"]},
    {"en": "managing the relationship", "zh": "关系管理", "aliases": ["relationship management"]},
]

q2 = OrderQuestion(
    "q2",
    points=2,
    var="buttle_order",
    answer=_STAGES,
    prompt={
        "en": (
            "Put the five primary stages of Buttle's CRM value chain in order, first stage first. "
            "They are, shuffled: managing the relationship, customer intimacy, value proposition development, "
            "customer portfolio analysis, network development. Set `buttle_order` to a list of the five names."
        ),
        "zh": (
            "把伯特客户关系管理价值链的五个基本阶段按先后排序（第一阶段在前）。打乱后的五个阶段是：关系管理、客户亲近、"
            "创造并传递客户价值、客户组合分析、关系网络发展。把 `buttle_order` 设为这五个名称组成的列表。"
        ),
    },
    hints=[
        {"en": "You cannot get to know customers before you have chosen which customers to serve.",
         "zh": "在选定要服务哪些客户之前，无法深入了解他们。"},
        {"en": "Choose customers → know them → line up the people who serve them → create value with those people "
               "→ manage the relationship.",
         "zh": "选择客户 → 了解客户 → 组织为客户服务的各方 → 与各方一起创造价值 → 管理关系。"},
    ],
    solution={
        "en": (
            "Buttle's chain first chooses whom to serve (portfolio analysis), then learns about them (intimacy), "
            "lines up employees, suppliers, partners and investors (network), creates value with them "
            "(value proposition) and finally manages the relationship.\n"
            "```python\nbuttle_order = [\"customer portfolio analysis\", \"customer intimacy\", \"network development\",\n"
            "                \"value proposition development\", \"managing the relationship\"]\n```"
        ),
        "zh": (
            "伯特的价值链先决定服务谁（客户组合分析），再了解他们（客户亲近），然后组织员工、供应商、伙伴和投资者"
            "（关系网络发展），与他们一起创造价值（创造并传递客户价值），最后管理关系（关系管理）。\n"
            "```python\nbuttle_order = [\"客户组合分析\", \"客户亲近\", \"关系网络发展\", \"创造并传递客户价值\", \"关系管理\"]\n```"
        ),
    },
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
    prompt={
        "en": (
            "Which five of these are the supporting conditions of Buttle's CRM value chain? "
            "culture and leadership, procurement, business processes, customer intimacy, human resource management, "
            "pricing, IT and data management, organisation design. "
            "Set `supporting_conditions` to a list of the five (any order)."
        ),
        "zh": (
            "下列哪五项是伯特客户关系管理价值链的企业支持系统？企业文化和领导、采购管理、业务流程、客户亲近、人力资源管理、"
            "定价、信息技术管理、组织结构设计。把 `supporting_conditions` 设为这五项组成的列表（顺序不限）。"
        ),
    },
    hints=[
        {"en": "Three of the eight are not supporting conditions. One of them is a primary stage of the CRM chain "
               "itself. Another belongs to Porter's support activities but is not in Buttle's list (human resource "
               "management is in both lists, so that one is not it). The third is not named anywhere in the "
               "lesson's lists of stages and conditions.",
         "zh": "八项中有三项不是企业支持系统。其中一项是客户关系管理价值链本身的基本阶段；另一项属于波特价值链的支持活动，"
               "但不在伯特的清单里（人力资源管理两份清单里都有，所以不是它）；第三项在本课列出的阶段和支持条件中都没有出现。"},
        {"en": "The conditions are what must be in place inside the firm before CRM can work: its culture, how work "
               "flows, its people, its systems and data, and its structure.",
         "zh": "支持条件是客户关系管理发挥作用之前企业内部必须具备的东西：文化、工作流程、员工、系统与数据，以及组织结构。"},
    ],
    solution={
        "en": (
            "Culture and leadership, business processes, human resource management, IT and data management, "
            "organisation design. Customer intimacy is the second primary stage of the chain, not a condition; "
            "procurement is one of Porter's support activities but not one of Buttle's conditions; pricing is in "
            "neither list (in the lesson, price appears only as one of the value star's sources of customer "
            "value).\n"
            "```python\nsupporting_conditions = [\"culture and leadership\", \"business processes\",\n"
            "    \"human resource management\", \"IT and data management\", \"organisation design\"]\n```"
        ),
        "zh": (
            "企业文化和领导、业务流程、人力资源管理、信息技术管理、组织结构设计。客户亲近是第二个基本阶段；"
            "采购管理是波特价值链的支持活动，但不在伯特的支持条件之列；定价两份清单里都没有"
            "（本课中价格只作为价值星的客户价值来源之一出现）。\n"
            "```python\nsupporting_conditions = [\"企业文化和领导\", \"业务流程\", \"人力资源管理\", \"信息技术管理\", \"组织结构设计\"]\n```"
        ),
    },
    right=[
        ["culture and leadership", "business processes", "human resource management", "IT and data management",
         "organisation design"],
        {"组织结构设计", "信息技术管理", "人力资源管理", "业务流程", "企业文化和领导"},
        ("Organization design", "IT", "HR", "business process", "culture"),
        ["Culture & leadership", "business processes", "HR", "IT & data management", "organization design"],
    ],
    wrong=[
        ["culture and leadership", "business processes", "human resource management", "IT and data management",
         "procurement"],
        ["culture and leadership", "business processes", "human resource management", "customer intimacy",
         "organisation design"],
        ["culture and leadership", "business processes"],
        "culture and leadership, business processes, HR, IT, organisation design",
    ],
)

q4 = TableQuestion(
    "q4",
    points=3,
    var="value_added",
    answer=_VALUE_ADDED,
    ignore_row_order=True,
    rtol=0.0,
    atol=0.5,
    prompt={
        "en": (
            "The table `links` (given in the notebook) holds Skyline's 2025 cost and the revenue its management "
            "accounts attribute to each link, in CNY million:\n"
            "infrastructure 1,490 / 1,665; network_operation 930 / 1,150; business_support 378 / 571; "
            "user_service 489 / 446; value_creation 540 / 1,093 (cost / revenue).\n"
            "Compute each link's value added (revenue − cost) as a pandas Series indexed by link, and store it in "
            "`value_added`."
        ),
        "zh": (
            "表 `links`（笔记本中已给出）是天际通信 2025 年各环节的成本，以及管理账目归入各环节的收入，单位百万元：\n"
            "infrastructure 1,490 / 1,665；network_operation 930 / 1,150；business_support 378 / 571；"
            "user_service 489 / 446；value_creation 540 / 1,093（成本 / 收入）。\n"
            "计算每个环节的附加值（收入 − 成本），结果为以环节为索引的 pandas Series，存入 `value_added`。"
        ),
    },
    hints=[
        {"en": "Subtracting one column from another works row by row and keeps the index: `links[\"revenue\"] - ...`.",
         "zh": "两列相减会逐行计算并保留索引：`links[\"revenue\"] - ...`。"},
        {"en": "Revenue minus cost, not cost minus revenue: a link that costs more than it brings has a negative "
               "value added.",
         "zh": "是收入减成本，而不是成本减收入：成本高于收入的环节，附加值为负。"},
    ],
    solution={
        "en": (
            "```python\nvalue_added = links[\"revenue\"] - links[\"cost\"]\n```\n"
            "infrastructure 175, network_operation 220, business_support 193, user_service −43, value_creation 553: "
            "user service costs more than the revenue attributed to it."
        ),
        "zh": (
            "```python\nvalue_added = links[\"revenue\"] - links[\"cost\"]\n```\n"
            "infrastructure 175，network_operation 220，business_support 193，user_service −43，value_creation 553："
            "用户服务的成本高于归入它的收入。"
        ),
    },
    right=[
        _VALUE_ADDED,
        lazy(lambda: (operator_links()["revenue"] - operator_links()["cost"]).rename("value_added").sort_values()),
        lazy(lambda: (operator_links()["revenue"] - operator_links()["cost"]).astype(int)),
    ],
    wrong=[
        lazy(lambda: operator_links()["cost"] - operator_links()["revenue"]),
        lazy(lambda: (operator_links()["revenue"] - operator_links()["cost"]).reset_index(drop=True)),
        lazy(lambda: operator_links()[["revenue"]] - 0),
        lazy(lambda: (operator_links()["revenue"] - operator_links()["cost"]) / operator_links()["cost"]),
        553,
    ],
)

_LINK_OPTIONS = [
    {"en": "infrastructure", "zh": "基础设施建设", "aliases": ["infrastructure building", "infra"]},
    {"en": "network_operation", "zh": "网络运营", "aliases": ["network operation"]},
    {"en": "business_support", "zh": "业务支持", "aliases": ["business support"]},
    {"en": "user_service", "zh": "用户服务", "aliases": ["user service"]},
    {"en": "value_creation", "zh": "价值创造", "aliases": ["value creation"]},
]

q5 = ChoiceQuestion(
    "q5",
    points=1,
    var="weakest",
    options=with_letters(_LINK_OPTIONS),
    answer="user_service",
    prompt={
        "en": (
            "Using the same table, which link is the weakest: the one that adds the least value per yuan it "
            "costs (value added ÷ cost)? Set `weakest` to its name or letter."
        ),
        "zh": "仍用上表：哪个环节最薄弱，即每花 1 元成本带来的附加值最少（附加值 ÷ 成本）？把 `weakest` 设为它的名称或字母。",
    },
    hints=[
        {"en": "For each link, divide its value added (revenue − cost) by its cost, and look for the smallest "
               "number.",
         "zh": "对每个环节，用它的附加值（收入 − 成本）除以它的成本，找出最小的数。"},
        {"en": "A negative value added makes the ratio negative, which is below every positive one.",
         "zh": "附加值为负，比值也为负，比任何正的比值都小。"},
    ],
    solution={
        "en": (
            "user_service: −43 ÷ 489 = −0.09, the only negative ratio. Infrastructure is next (175 ÷ 1,490 = 0.12): "
            "it adds value, but little for its large cost.\n"
            "```python\nper_yuan = (links[\"revenue\"] - links[\"cost\"]) / links[\"cost\"]\n"
            "per_yuan.round(2)   # user_service -0.09, the smallest\nweakest = \"user_service\"\n```"
        ),
        "zh": (
            "user_service（用户服务）：−43 ÷ 489 = −0.09，是唯一的负值。其次是 infrastructure（175 ÷ 1,490 = 0.12）："
            "它虽然增值，但相对巨大的成本来说很少。\n"
            "```python\nper_yuan = (links[\"revenue\"] - links[\"cost\"]) / links[\"cost\"]\n"
            "per_yuan.round(2)   # user_service -0.09，最小\nweakest = \"user_service\"\n```"
        ),
    },
    right=["user_service", "d", "User service", "用户服务", "(d)", "d) user_service", "(d) user service",
           "D. User_service", "user service"],
    wrong=["infrastructure", "a", "value_creation", "network_operation", "billing", 4],
)

q6 = NumberQuestion(
    "q6",
    points=1,
    var="chain_margin",
    answer=1098,
    rtol=0.0,
    atol=0.5,
    prompt={
        "en": (
            "What is the margin of the operator's whole chain in 2025 (total revenue − total cost), in CNY million? "
            "Store the number in `chain_margin`."
        ),
        "zh": "运营商整条价值链 2025 年的利润（总收入 − 总成本）是多少百万元？把结果存入 `chain_margin`。",
    },
    hints=[
        {"en": "Add up the five revenues, add up the five costs, and take the difference.",
         "zh": "把五个收入相加，再把五个成本相加，然后相减。"},
        {"en": "A column's `.sum()` adds up all its rows. Check the sign: a chain whose revenue exceeds its cost "
               "has a positive margin.",
         "zh": "一列的 `.sum()` 会把所有行加起来。注意正负号：收入高于成本的价值链，利润为正。"},
    ],
    solution={
        "en": "4,925 − 3,827 = 1,098 (CNY million), 22.3% of revenue. It is also the sum of the five links' value "
              "added.\n```python\nchain_margin = links[\"revenue\"].sum() - links[\"cost\"].sum()   # 1098.0\n```",
        "zh": "4,925 − 3,827 = 1,098（百万元），占收入的 22.3%。它也等于五个环节附加值之和。\n"
              "```python\nchain_margin = links[\"revenue\"].sum() - links[\"cost\"].sum()   # 1098.0\n```",
    },
    right=[1098, 1098.0, 4925 - 3827, lazy(lambda: float(_value_added().sum()))],
    wrong=[-1098, 4925, 3827, 0.223, 1141, 553, "1098"],
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
    """One funnel step as an option: "sign-up → activation", with every stage spelling and arrow."""
    first, second = _STAGE_SPELLINGS[source], _STAGE_SPELLINGS[target]
    en, zh = f"{first[0]} → {second[0]}", f"{first[1]} → {second[1]}"
    aliases = {f"{a} {arrow} {b}" for a in first for b in second for arrow in _ARROWS}
    aliases |= {f"{a}{arrow}{b}" for a in first for b in second for arrow in _ARROWS if arrow != "to"}
    aliases -= {en, zh}
    return {"en": en, "zh": zh, "aliases": sorted(aliases)}


_STEPS = [_step("awareness", "consideration"), _step("consideration", "sign_up"), _step("sign_up", "activation"),
          _step("activation", "repeat")]

q7 = ChoiceQuestion(
    "q7",
    points=1,
    var="bottleneck_step",
    options=with_letters(_STEPS),
    answer="sign-up → activation",
    prompt={
        "en": (
            "In 2025 Skyline's app channel had these people at each stage (the Series `app_funnel` in the notebook): "
            "awareness 639,313; consideration 460,906; sign-up 304,570; activation 133,801; repeat purchase 101,484. "
            "Which step is the bottleneck, the one with the lowest conversion? Set `bottleneck_step` to the option's "
            "text or letter."
        ),
        "zh": (
            "2025 年天际通信应用程序渠道各阶段的人数如下（笔记本中的 Series `app_funnel`）：认知 639,313；考虑 460,906；"
            "注册 304,570；激活 133,801；复购 101,484。哪一步是瓶颈，即转化率最低的一步？把 `bottleneck_step` 设为该选项的"
            "文字或字母。"
        ),
    },
    hints=[
        {"en": "Conversion of a step = people at the next stage ÷ people at this stage. Work out all four.",
         "zh": "一步的转化率 = 下一阶段人数 ÷ 本阶段人数。把四步都算出来。"},
        {"en": "Do not look at the number of people lost: the first step always loses the most people because it "
               "starts with the most. Compare the rates.",
         "zh": "不要只看流失人数：第一步人数最多，流失的人数往往也最多。要比较的是转化率。"},
    ],
    solution={
        "en": (
            "The rates are 72%, 66%, 44% and 76%: only 44% of those who sign up activate the service.\n"
            "```python\nfrom crmlib import funnel\n\n"
            "steps = funnel.funnel_conversion(journey[journey[\"channel\"] == \"app\"])\n"
            "steps[[\"from_stage\", \"to_stage\", \"conversion\"]].round(2)   # 0.72, 0.66, 0.44, 0.76\n"
            "bottleneck_step = \"sign-up → activation\"\n```"
        ),
        "zh": (
            "四步的转化率分别是 72%、66%、44% 和 76%：注册的人中只有 44% 激活了服务。\n"
            "```python\nfrom crmlib import funnel\n\n"
            "steps = funnel.funnel_conversion(journey[journey[\"channel\"] == \"app\"])\n"
            "steps[[\"from_stage\", \"to_stage\", \"conversion\"]].round(2)   # 0.72、0.66、0.44、0.76\n"
            "bottleneck_step = \"注册 → 激活\"\n```"
        ),
    },
    right=["sign-up → activation", "c", "C", "注册 → 激活", "sign_up → activation", "sign-up to activation",
           "sign_up -> activation", "sign_up->activation", "(c) sign-up → activation", "c) sign_up -> activation",
           "C. Sign-up to activation", "注册->激活"],
    wrong=["awareness → consideration", "a", "consideration → sign-up", "d", "activation", 3,
           "activation -> repeat", "(b) consideration → sign-up", "sign_up"],
)

q8 = NumberQuestion(
    "q8",
    points=2,
    var="bottleneck_rate",
    answer=_ACTIVATION_RATE,
    rtol=0.0,
    atol=0.005,
    prompt={
        "en": (
            "What share of the app channel's sign-ups went on to activation in 2025? Give a share such as 0.5 "
            "(not 50) and store it in `bottleneck_rate`."
        ),
        "zh": "2025 年应用程序渠道注册的人中，有多大比例完成了激活？以 0.5 这样的比例表示（不要写 50），存入 `bottleneck_rate`。",
    },
    hints=[
        {"en": "Activation ÷ sign-up, from the counts above.", "zh": "用上面的人数计算：激活 ÷ 注册。"},
        {"en": "A stage's count is picked from the Series by its name in square brackets, as the Series prints it, "
               "e.g. `app_funnel[\"awareness\"]`. Divide the later stage by the earlier one.",
         "zh": "用方括号加阶段名称（与 Series 显示的一样）取出某一阶段的人数，例如 `app_funnel[\"awareness\"]`。用后一阶段除以前一阶段。"},
    ],
    solution={
        "en": "133,801 ÷ 304,570 = 0.44: 56% of the people who sign up never activate.\n"
              "```python\nbottleneck_rate = app_funnel[\"activation\"] / app_funnel[\"sign_up\"]   # 0.439\n```",
        "zh": "133,801 ÷ 304,570 = 0.44：注册的人中有 56% 从未激活。\n"
              "```python\nbottleneck_rate = app_funnel[\"activation\"] / app_funnel[\"sign_up\"]   # 0.439\n```",
    },
    right=[_ACTIVATION_RATE, 0.44, 0.439, 133801 / 304570],
    wrong=[43.9, 0.56, 0.66, 304570 / 133801, 0.21, "0.44"],
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

q9 = MappingQuestion(
    "q9",
    points=3,
    var="star_source",
    answer=_STAR_ANSWER,
    categories=_SOURCES,
    task="match",
    prompt={
        "en": (
            "A chain of fitness clubs wants to know where its members' value comes from. Match each feature to the "
            "source of customer value in Buttle's value star it shows. Set `star_source` to a dict from each key to "
            "one of: people, process, product/brand, price, service, location, servicescape, communication.\n"
            "- `coaches`: trainers who know each member's name and goals\n"
            "- `booking`: joining, booking a class and cancelling it all take the same three short steps in the app\n"
            "- `name`: a club name known across the city for good machines and classes\n"
            "- `fee`: a lower monthly fee for members who train only before 4 p.m.\n"
            "- `check`: a free fitness check and a personal training plan when you join\n"
            "- `stations`: clubs next to metro stations\n"
            "- `halls`: bright changing rooms, fresh air and music in the training halls\n"
            "- `timetable`: a monthly message with the new class timetable"
        ),
        "zh": (
            "一家连锁健身房想知道会员得到的价值来自哪里。把每项特点与它所体现的伯特价值星中的客户价值来源配对。"
            "把 `star_source` 设为一个字典：每个键对应以下之一：people、process、product/brand、price、service、location、"
            "servicescape、communication（也可以用中文：人员、流程、产品与品牌、价格、服务、地点、服务场景、沟通）。\n"
            "- `coaches`：记得每位会员名字和目标的教练\n"
            "- `booking`：入会、约课和取消预约，在应用程序里都是同样简短的三步\n"
            "- `name`：以器械好、课程好而全城闻名的健身房品牌\n"
            "- `fee`：只在下午四点前锻炼的会员，月费更低\n"
            "- `check`：入会时免费做一次体能测评，并得到一份个人训练计划\n"
            "- `stations`：开在地铁站旁边的门店\n"
            "- `halls`：明亮的更衣室，训练厅里空气清新、有音乐\n"
            "- `timetable`：每月发送的新课程表"
        ),
    },
    hints=[
        {"en": "Process is how a task is done, step by step; service is the help the customer is given. Location is "
               "where the firm meets its customers; servicescape is what the place is like inside.",
         "zh": "流程指一件事按什么步骤完成；服务指给予客户的帮助。地点指企业在哪里接待客户；服务场景指那个地方里面是什么样子。"},
        {"en": "Each of the eight sources is used exactly once: if two features seem to fit the same source, one of "
               "them belongs to a source you have not used yet.",
         "zh": "八个来源每个恰好用一次：如果两项特点似乎属于同一个来源，其中一项应归入你还没用过的来源。"},
    ],
    solution={
        "en": (
            "Coaches are people; the three-step booking is a process; the club's name is its brand; the off-peak "
            "fee is price; the fitness check is a service; being next to the metro is location; the halls are the "
            "servicescape; the timetable message is communication.\n"
            "```python\nstar_source = {\"coaches\": \"people\", \"booking\": \"process\", \"name\": \"product/brand\",\n"
            "               \"fee\": \"price\", \"check\": \"service\", \"stations\": \"location\",\n"
            "               \"halls\": \"servicescape\", \"timetable\": \"communication\"}\n```"
        ),
        "zh": (
            "教练是人员；三步完成的预约是流程；健身房的名气是品牌；非高峰时段的月费是价格；体能测评是服务；开在地铁站旁是地点；"
            "训练厅的环境是服务场景；课程表短信是沟通。\n"
            "```python\nstar_source = {\"coaches\": \"people\", \"booking\": \"process\", \"name\": \"product/brand\",\n"
            "               \"fee\": \"price\", \"check\": \"service\", \"stations\": \"location\",\n"
            "               \"halls\": \"servicescape\", \"timetable\": \"communication\"}\n```"
        ),
    },
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

q10 = NumberQuestion(
    "q10",
    points=2,
    var="target_rate",
    answer=_TARGET_RATE,
    rtol=0.0,
    atol=0.005,
    decimals=2,
    prompt={
        "en": (
            "Skyline turns the app's bottleneck (question 8) into a quantified target: by the end of 2026, a third "
            "fewer of the app's sign-ups should fail to activate than in 2025. What activation rate (activation ÷ "
            "sign-up) does the target mean? Give a share such as 0.5 (not 50), to at least two decimals, and store it "
            "in `target_rate`."
        ),
        "zh": (
            "天际通信把应用程序渠道的瓶颈（第 8 题）变成一个量化目标：到 2026 年底，注册后没有激活的人比 2025 年少三分之一。"
            "这个目标意味着激活率（激活 ÷ 注册）要达到多少？以 0.5 这样的比例表示（不要写 50），至少保留两位小数，"
            "存入 `target_rate`。"
        ),
    },
    hints=[
        {"en": "The target is about the people who do *not* activate. Start from the 2025 share of sign-ups that "
               "never activate: 1 minus the activation rate.",
         "zh": "目标说的是*没有*激活的人。先算出 2025 年注册后从未激活的人所占比例：1 减去激活率。"},
        {"en": "\"A third fewer\" shrinks that failing share to two thirds of itself; it does not raise the "
               "activation rate by a third. The target rate is what is left after the new failing share.",
         "zh": "“少三分之一”是把未激活的比例缩小到原来的三分之二，而不是把激活率提高三分之一。目标激活率等于 1 减去新的未激活比例。"},
    ],
    solution={
        "en": (
            "In 2025, 0.439 of the app's sign-ups activated, so 0.561 did not. A third fewer failures leaves "
            "0.561 × 2/3 = 0.374, so the target activation rate is 1 − 0.374 = 0.63 — a number and a deadline, as a "
            "quantified target should be.\n"
            "```python\nrate_2025 = app_funnel[\"activation\"] / app_funnel[\"sign_up\"]   # 0.439\n"
            "failing_2025 = 1 - rate_2025                                        # 0.561\n"
            "target_rate = 1 - failing_2025 * 2 / 3                              # 0.626\n```"
        ),
        "zh": (
            "2025 年应用程序渠道注册的人中有 0.439 激活，0.561 没有激活。未激活的人少三分之一，剩下 0.561 × 2/3 = 0.374，"
            "所以目标激活率是 1 − 0.374 = 0.63——有数字、有期限，正是量化目标应有的样子。\n"
            "```python\nrate_2025 = app_funnel[\"activation\"] / app_funnel[\"sign_up\"]   # 0.439\n"
            "failing_2025 = 1 - rate_2025                                        # 0.561\n"
            "target_rate = 1 - failing_2025 * 2 / 3                              # 0.626\n```"
        ),
    },
    right=[_TARGET_RATE, 0.626, 0.63, lazy(lambda: 1 - (1 - 133801 / 304570) * 2 / 3)],
    wrong=[62.6, lazy(lambda: 133801 / 304570 * 4 / 3), 0.374, 0.439, 0.187, 0.6],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
