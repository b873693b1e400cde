"""Graded questions of notebook ``02_value_chain``: Porter's chain, Buttle's CRM chain, the operator's
links, the journey funnel, the value star and a quantified target.

Facts: Porter's primary and support activities (seed 000, 002); Buttle's five stages and the
supporting conditions (seed 000, 002); the value star (seed 002); the 24 h → 4 h target (seed 003).
Numbers come from the operator's data (``value_chain`` and ``funnel`` tables, 2025) and are computed
lazily, so importing the bank stays quick.

    >>> [q.id for q in QUESTIONS], sum(q.points for q in QUESTIONS)
    (['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10'], 19)
"""

from __future__ import annotations

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

_PRIMARY = {"en": "primary", "zh": "基本活动", "aliases": ["primary activity", "primary activities", "基本", "p"]}
_SUPPORT = {"en": "support", "zh": "支持活动", "aliases": ["support activity", "support activities", "支持", "s"]}

q1 = MappingQuestion(
    "q1",
    points=3,
    var="porter_kind",
    answer={
        "materials": "primary", "recruiting": "support", "assembly": "primary",
        "agency": "support", "delivery": "primary", "accounts": "support", "repairs": "primary",
        "systems": "support",
    },
    categories=[_PRIMARY, _SUPPORT],
    prompt={
        "en": (
            "Sort these activities of a bicycle maker into Porter's **primary** and **support** activities. "
            "Set `porter_kind` to a dict from each key to `\"primary\"` or `\"support\"`.\n"
            "- `materials`: receiving and storing frames, tyres and chains\n"
            "- `recruiting`: hiring and training mechanics for every department\n"
            "- `assembly`: putting the bicycles together\n"
            "- `agency`: the purchasing team choosing an advertising agency and negotiating its fee\n"
            "- `delivery`: shipping finished bicycles to shops\n"
            "- `accounts`: running finance, accounting and legal work\n"
            "- `repairs`: repairing bicycles under warranty\n"
            "- `systems`: developing the firm's order-tracking software"
        ),
        "zh": (
            "把一家自行车厂的下列活动分到波特价值链的**基本活动**（primary）和**支持活动**（support）中。"
            "把 `porter_kind` 设为一个字典：每个键对应 `\"primary\"` 或 `\"support\"`。\n"
            "- `materials`：接收并储存车架、轮胎和链条\n"
            "- `recruiting`：为各个部门招聘和培训技工\n"
            "- `assembly`：组装自行车\n"
            "- `agency`：采购团队挑选广告公司并谈定服务费\n"
            "- `delivery`：把成品自行车运到门店\n"
            "- `accounts`：负责财务、会计和法务工作\n"
            "- `repairs`：为保修期内的自行车提供维修\n"
            "- `systems`：开发企业的订单跟踪软件"
        ),
    },
    hints=[
        {"en": "Primary activities follow the product: in, made, out, sold, serviced. Support activities help every "
               "one of them.",
         "zh": "基本活动沿着产品走：进料、加工、出货、销售、售后。支持活动为其中每一项提供帮助。"},
        {"en": "Porter's four support activities are firm infrastructure, human resource management, technology "
               "development and procurement. Buying a service (even advertising) is procurement.",
         "zh": "波特的四项支持活动是企业基础设施、人力资源管理、技术开发和采购管理。购买服务（即使是广告服务）也属于采购。"},
    ],
    solution={
        "en": (
            "Primary: materials (inbound logistics), assembly (operations), delivery (outbound logistics), "
            "repairs (service). Support: recruiting (human resource management), agency (procurement: buying "
            "an input, here a service), accounts (firm infrastructure), systems (technology development).\n"
            "```python\nporter_kind = {\"materials\": \"primary\", \"recruiting\": \"support\", \"assembly\": \"primary\",\n"
            "               \"agency\": \"support\", \"delivery\": \"primary\", \"accounts\": \"support\",\n"
            "               \"repairs\": \"primary\", \"systems\": \"support\"}\n```"
        ),
        "zh": (
            "基本活动：materials（材料供应）、assembly（生产加工）、delivery（成品储运）、repairs（售后服务）。"
            "支持活动：recruiting（人力资源管理）、agency（采购管理：购买一项投入，这里是一项服务）、"
            "accounts（企业基础设施）、systems（技术开发）。\n"
            "```python\nporter_kind = {\"materials\": \"primary\", \"recruiting\": \"support\", \"assembly\": \"primary\",\n"
            "               \"agency\": \"support\", \"delivery\": \"primary\", \"accounts\": \"support\",\n"
            "               \"repairs\": \"primary\", \"systems\": \"support\"}\n```"
        ),
    },
    right=[
        {"materials": "primary", "recruiting": "support", "assembly": "primary", "agency": "support",
         "delivery": "primary", "accounts": "support", "repairs": "primary", "systems": "support"},
        {"Materials": "Primary", "recruiting": "支持活动", "assembly": "基本活动", "agency": "support activity",
         "delivery": "primary", "accounts": "support", "repairs": "primary activity", "systems": "s"},
    ],
    wrong=[
        # buying advertising taken for marketing and sales: the common slip
        {"materials": "primary", "recruiting": "support", "assembly": "primary", "agency": "primary",
         "delivery": "primary", "accounts": "support", "repairs": "primary", "systems": "support"},
        {"materials": "support", "recruiting": "support", "assembly": "primary", "agency": "support",
         "delivery": "primary", "accounts": "support", "repairs": "support", "systems": "support"},
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
        {"en": "culture and leadership", "zh": "企业文化和领导", "aliases": ["culture", "leadership and culture", "企业文化"]},
        {"en": "business processes", "zh": "业务流程", "aliases": ["business process", "processes"]},
        {"en": "human resource management", "zh": "人力资源管理", "aliases": ["HR", "HRM", "human resources"]},
        {"en": "IT and data management", "zh": "信息技术管理",
         "aliases": ["IT", "information technology", "data management", "IT and data", "信息技术"]},
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
        {"en": "One of the eight is a primary stage of the CRM chain, not a support; another is one of Porter's "
               "support activities.",
         "zh": "八项中有一项是客户关系管理价值链的基本阶段而不是支持条件，还有一项是波特价值链的支持活动。"},
        {"en": "The conditions are what must be in place inside the firm before CRM can work: its culture, how work "
               "flows, its people, its systems and data, and its structure.",
         "zh": "支持条件是客户关系管理发挥作用之前企业内部必须具备的东西：文化、工作流程、员工、系统与数据，以及组织结构。"},
    ],
    solution={
        "en": (
            "Culture and leadership, business processes, human resource management, IT and data management, "
            "organisation design. Customer intimacy is the second primary stage; procurement is Porter's; pricing "
            "is part of the value proposition.\n"
            "```python\nsupporting_conditions = [\"culture and leadership\", \"business processes\",\n"
            "    \"human resource management\", \"IT and data management\", \"organisation design\"]\n```"
        ),
        "zh": (
            "企业文化和领导、业务流程、人力资源管理、信息技术管理、组织结构设计。客户亲近是第二个基本阶段；"
            "采购管理属于波特价值链；定价属于价值主张。\n"
            "```python\nsupporting_conditions = [\"企业文化和领导\", \"业务流程\", \"人力资源管理\", \"信息技术管理\", \"组织结构设计\"]\n```"
        ),
    },
    right=[
        ["culture and leadership", "business processes", "human resource management", "IT and data management",
         "organisation design"],
        {"组织结构设计", "信息技术管理", "人力资源管理", "业务流程", "企业文化和领导"},
        ("Organization design", "IT", "HR", "business process", "culture"),
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
    {"en": "infrastructure", "zh": "基础设施建设", "aliases": ["infrastructure building"]},
    {"en": "network_operation", "zh": "网络运营", "aliases": ["network operation"]},
    {"en": "business_support", "zh": "业务支持", "aliases": ["business support"]},
    {"en": "user_service", "zh": "用户服务", "aliases": ["user service"]},
    {"en": "value_creation", "zh": "价值创造", "aliases": ["value creation"]},
]

q5 = ChoiceQuestion(
    "q5",
    points=1,
    var="weakest",
    options=_LINK_OPTIONS,
    answer="user_service",
    prompt={
        "en": (
            "Using the same table, which link is the weakest: the one that adds the least value per yuan it "
            "costs (value added ÷ cost)? Set `weakest` to its name or letter."
        ),
        "zh": "仍用上表：哪个环节最薄弱，即每花 1 元成本带来的附加值最少（附加值 ÷ 成本）？把 `weakest` 设为它的名称或字母。",
    },
    hints=[
        {"en": "Divide your `value_added` by `links[\"cost\"]` and look for the smallest number.",
         "zh": "用你的 `value_added` 除以 `links[\"cost\"]`，找出最小的数。"},
        {"en": "A negative value added makes the ratio negative, which is below every positive one.",
         "zh": "附加值为负，比值也为负，比任何正的比值都小。"},
    ],
    solution={
        "en": (
            "user_service: −43 ÷ 489 = −0.09, the only negative ratio. Infrastructure is next (175 ÷ 1,490 = 0.12): "
            "it adds value, but little for its large cost.\n"
            "```python\n(value_added / links[\"cost\"]).idxmin()   # 'user_service'\nweakest = \"user_service\"\n```"
        ),
        "zh": (
            "user_service（用户服务）：−43 ÷ 489 = −0.09，是唯一的负值。其次是 infrastructure（175 ÷ 1,490 = 0.12）："
            "它虽然增值，但相对巨大的成本来说很少。\n"
            "```python\n(value_added / links[\"cost\"]).idxmin()   # 'user_service'\nweakest = \"user_service\"\n```"
        ),
    },
    right=["user_service", "d", "User service", "用户服务", "(d)"],
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
        {"en": "It is also the sum of your `value_added`: `value_added.sum()`.", "zh": "它也等于 `value_added` 的总和：`value_added.sum()`。"},
    ],
    solution={
        "en": "4,925 − 3,827 = 1,098 (CNY million), 22.3% of revenue.\n```python\nchain_margin = value_added.sum()   # 1098.0\n```",
        "zh": "4,925 − 3,827 = 1,098（百万元），占收入的 22.3%。\n```python\nchain_margin = value_added.sum()   # 1098.0\n```",
    },
    right=[1098, 1098.0, 4925 - 3827, lazy(lambda: float(_value_added().sum()))],
    wrong=[-1098, 4925, 3827, 0.223, 1141, 553, "1098"],
)

_STEPS = [
    {"en": "awareness → consideration", "zh": "认知 → 考虑", "aliases": ["awareness to consideration"]},
    {"en": "consideration → sign-up", "zh": "考虑 → 注册", "aliases": ["consideration to sign-up", "consideration → sign_up"]},
    {"en": "sign-up → activation", "zh": "注册 → 激活", "aliases": ["sign-up to activation", "sign_up → activation"]},
    {"en": "activation → repeat purchase", "zh": "激活 → 复购", "aliases": ["activation to repeat purchase", "activation → repeat"]},
]

q7 = ChoiceQuestion(
    "q7",
    points=1,
    var="bottleneck_step",
    options=_STEPS,
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
        {"en": "Conversion of a step = people at the next stage ÷ people at this stage. Compute all four.",
         "zh": "一步的转化率 = 下一阶段人数 ÷ 本阶段人数。把四步都算出来。"},
        {"en": "Do not look at the number of people lost: the first step always loses the most people because it "
               "starts with the most. Compare the rates.",
         "zh": "不要只看流失人数：第一步人数最多，流失的人数往往也最多。要比较的是转化率。"},
    ],
    solution={
        "en": (
            "The rates are 72%, 66%, 44% and 76%: only 44% of those who sign up activate the service.\n"
            "```python\n(app_funnel / app_funnel.shift(1)).round(2)   # 0.72, 0.66, 0.44, 0.76\n"
            "bottleneck_step = \"sign-up → activation\"\n```"
        ),
        "zh": (
            "四步的转化率分别是 72%、66%、44% 和 76%：注册的人中只有 44% 激活了服务。\n"
            "```python\n(app_funnel / app_funnel.shift(1)).round(2)   # 0.72, 0.66, 0.44, 0.76\n"
            "bottleneck_step = \"注册 → 激活\"\n```"
        ),
    },
    right=["sign-up → activation", "c", "C", "注册 → 激活", "sign_up → activation", "sign-up to activation"],
    wrong=["awareness → consideration", "a", "consideration → sign-up", "d", "activation", 3],
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
        {"en": "In pandas: `app_funnel[\"activation\"] / app_funnel[\"sign_up\"]`.",
         "zh": "用 pandas 写：`app_funnel[\"activation\"] / app_funnel[\"sign_up\"]`。"},
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
    {"en": "people", "zh": "人员"}, {"en": "process", "zh": "流程"},
    {"en": "product/brand", "zh": "产品与品牌", "aliases": ["product", "brand", "product and brand"]},
    {"en": "price", "zh": "价格"}, {"en": "service", "zh": "服务"}, {"en": "location", "zh": "地点"},
    {"en": "servicescape", "zh": "服务场景"}, {"en": "communication", "zh": "沟通"},
]

q9 = MappingQuestion(
    "q9",
    points=3,
    var="star_source",
    answer={
        "staff": "people", "complaints": "process", "name": "product/brand", "discount": "price",
        "repair": "service", "nearby": "location", "layout": "servicescape", "messages": "communication",
    },
    categories=_SOURCES,
    prompt={
        "en": (
            "Match each example from a Skyline store to the source of customer value in Buttle's value star it shows. "
            "Set `star_source` to a dict from each key to one of: people, process, product/brand, price, service, "
            "location, servicescape, communication.\n"
            "- `staff`: friendly, well-trained shop assistants\n"
            "- `complaints`: a complaint is logged, tracked and closed in a fixed set of steps within a day\n"
            "- `name`: a network brand that customers trust\n"
            "- `discount`: 20% off the monthly fee for families\n"
            "- `repair`: free phone repair while you wait\n"
            "- `nearby`: a store within ten minutes' walk of most homes\n"
            "- `layout`: a bright, quiet store with seats and phones to try\n"
            "- `messages`: clear texts that warn customers before their data runs out"
        ),
        "zh": (
            "把天际通信门店的每个例子与它所体现的伯特价值星中的客户价值来源配对。把 `star_source` 设为一个字典：每个键对应"
            "以下之一：people、process、product/brand、price、service、location、servicescape、communication"
            "（也可以用中文：人员、流程、产品与品牌、价格、服务、地点、服务场景、沟通）。\n"
            "- `staff`：友善、训练有素的店员\n"
            "- `complaints`：投诉按固定步骤登记、跟踪，并在一天内办结\n"
            "- `name`：客户信赖的网络品牌\n"
            "- `discount`：家庭用户月费八折\n"
            "- `repair`：免费的即时手机维修\n"
            "- `nearby`：大多数住户步行十分钟内就能到达的门店\n"
            "- `layout`：明亮安静、有座位、可以试用手机的门店\n"
            "- `messages`：流量快用完前发出的清楚提醒短信"
        ),
    },
    hints=[
        {"en": "Process is how a task is done step by step; service is the help given. Location is where the store "
               "is; servicescape is what it is like inside.",
         "zh": "流程指一件事按什么步骤完成；服务指给予客户的帮助。地点指门店在哪里；服务场景指门店里面是什么样子。"},
        {"en": "Each of the eight sources is used exactly once.", "zh": "八个来源每个恰好用一次。"},
    ],
    solution={
        "en": (
            "```python\nstar_source = {\"staff\": \"people\", \"complaints\": \"process\", \"name\": \"product/brand\",\n"
            "               \"discount\": \"price\", \"repair\": \"service\", \"nearby\": \"location\",\n"
            "               \"layout\": \"servicescape\", \"messages\": \"communication\"}\n```\n"
            "Buttle's point: as products become alike, people, process and service give more advantage than the "
            "product itself."
        ),
        "zh": (
            "```python\nstar_source = {\"staff\": \"people\", \"complaints\": \"process\", \"name\": \"product/brand\",\n"
            "               \"discount\": \"price\", \"repair\": \"service\", \"nearby\": \"location\",\n"
            "               \"layout\": \"servicescape\", \"messages\": \"communication\"}\n```\n"
            "伯特的观点是：产品越来越相似时，人员、流程和服务比产品本身更能带来优势。"
        ),
    },
    right=[
        {"staff": "people", "complaints": "process", "name": "product/brand", "discount": "price", "repair": "service",
         "nearby": "location", "layout": "servicescape", "messages": "communication"},
        {"staff": "人员", "complaints": "流程", "name": "brand", "discount": "价格", "repair": "Service",
         "nearby": "地点", "layout": "服务场景", "messages": "沟通"},
    ],
    wrong=[
        {"staff": "people", "complaints": "service", "name": "product/brand", "discount": "price", "repair": "process",
         "nearby": "location", "layout": "servicescape", "messages": "communication"},
        {"staff": "people", "complaints": "process", "name": "product/brand", "discount": "price", "repair": "service",
         "nearby": "servicescape", "layout": "location", "messages": "communication"},
        {"staff": "people", "complaints": "process", "name": "product/brand", "discount": "price", "repair": "service",
         "nearby": "location", "layout": "servicescape", "messages": "advertising"},
        {"staff": "people"},
    ],
)

q10 = NumberQuestion(
    "q10",
    points=1,
    var="time_cut",
    answer=20 / 24,
    rtol=0.0,
    atol=0.005,
    prompt={
        "en": (
            "A firm sets a quantified target: handle customer feedback within 4 hours instead of 24. By what share "
            "does that cut the handling time? Give a share such as 0.5 (not 50) and store it in `time_cut`."
        ),
        "zh": "某企业设定量化目标：把客户反馈的处理时间从 24 小时缩短到 4 小时。处理时间缩短了多大比例？以 0.5 这样的比例表示（不要写 50），存入 `time_cut`。",
    },
    hints=[
        {"en": "The cut is the time saved divided by the time before.", "zh": "缩短的比例 = 节省的时间 ÷ 原来的时间。"},
        {"en": "Saved: 24 − 4 = 20 hours, out of 24.", "zh": "节省了 24 − 4 = 20 小时，原来是 24 小时。"},
    ],
    solution={
        "en": "(24 − 4) ÷ 24 = 0.83: the target cuts handling time by five sixths, i.e. makes it six times as fast.\n"
              "```python\ntime_cut = (24 - 4) / 24   # 0.833\n```",
        "zh": "(24 − 4) ÷ 24 = 0.83：处理时间缩短了六分之五，也就是快了六倍。\n```python\ntime_cut = (24 - 4) / 24   # 0.833\n```",
    },
    right=[20 / 24, 0.83, 0.833, (24 - 4) / 24],
    wrong=[83.3, 20, 6, 0.17, 4 / 24, 0.2],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
