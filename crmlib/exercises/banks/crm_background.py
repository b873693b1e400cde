"""Graded questions of notebook ``01_crm_background``: CRM's levels, kinds and frameworks, and its
economics computed on Skyline Telecom's database.

Facts: the three levels (seeds 001, 004); the four drivers and the contrast with ERP/BPR (seeds 001,
000); operational / analytical / collaborative CRM (seed 002); IDIC (Peppers & Rogers, seed 002); 4P
→ 4C (seed 002 slides); acquisition vs retention, word of mouth 8 vs 25 and the $300 subscriber
(seeds 000, 002, 004); the customer pyramid tiers (Zeithaml, Rust & Lemon 2001). Answers that need
the data are computed on first use (``lazy``), with plain pandas, independently of the
``crmlib.economics`` / ``crmlib.pyramid`` functions the notebook teaches.

    >>> [q.id for q in QUESTIONS]
    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11']
    >>> sum(q.points for q in QUESTIONS)
    22
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.mapping import MappingQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import lazy

if TYPE_CHECKING:
    import pandas as pd

EXERCISE_ID = "01_crm_background"
TITLE = {"en": "CRM background: graded exercises", "zh": "客户关系管理概述：练习题"}


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

q1 = MappingQuestion(
    "q1",
    points=3,
    var="crm_kinds",
    answer={"a": "collaborative", "b": "operational", "c": "analytical", "d": "operational",
            "e": "analytical", "f": "collaborative"},
    categories=KINDS,
    prompt={
        "en": (
            "Classify each activity at Skyline Telecom as operational, analytical or collaborative CRM. "
            "(a) On the phone, a support agent talks a customer step by step through resetting a home router. "
            "(b) Bills are produced and sent to every contract customer each month. "
            "(c) A model scores each contract customer's risk of leaving next quarter. "
            "(d) A salesperson records a new sales opportunity and sends a quote. "
            "(e) Customers are ranked by their 2025 margin and placed in pyramid tiers. "
            "(f) An account manager and a client's IT team design a dedicated internet line together in a "
            "joint workshop. "
            "Set `crm_kinds` to a dict from each letter to its kind, e.g. `{\"a\": \"operational\", ...}`."
        ),
        "zh": (
            "把天际通信的下列活动分别归为操作型、分析型或协作型客户关系管理。"
            "(a) 客服人员在电话里一步步指导客户重置家中的路由器。"
            "(b) 每月为每位合约客户生成并寄送账单。"
            "(c) 用一个模型给每位合约客户下季度离网的风险打分。"
            "(d) 销售人员登记一个新的销售机会并发出报价。"
            "(e) 按 2025 年的毛利给客户排名并分入金字塔各层。"
            "(f) 客户经理和客户的 IT 团队在联合研讨会上共同设计一条互联网专线。"
            "把 `crm_kinds` 设为从字母到类型的字典，例如 `{\"a\": \"operational\", ...}`（也可写“操作型”等中文）。"
        ),
    },
    hints=[
        {
            "en": (
                "Ask who takes part. If the customer works on the task together with the firm's staff at the "
                "same time, it is collaborative."
            ),
            "zh": "先问谁在参与。如果客户与企业员工同时共同完成这项工作，就是协作型。",
        },
        {
            "en": (
                "Of the rest, running the day-to-day work of sales, billing, marketing or service is "
                "operational; learning from the data (scoring, ranking, segmenting) is analytical."
            ),
            "zh": "其余的活动中，处理销售、计费、营销或服务等日常业务的是操作型；从数据中学习（打分、排名、细分）的是分析型。",
        },
    ],
    solution={
        "en": (
            "(a) and (f) are collaborative: the customer takes part in the work itself. (b) and (d) are "
            "operational: they run everyday billing and selling. (c) and (e) are analytical: they learn from "
            "the data which customers matter and which may leave.\n"
            "```python\ncrm_kinds = {\"a\": \"collaborative\", \"b\": \"operational\", \"c\": \"analytical\",\n"
            "             \"d\": \"operational\", \"e\": \"analytical\", \"f\": \"collaborative\"}\n```"
        ),
        "zh": (
            "(a) 和 (f) 是协作型：客户亲自参与了这项工作。(b) 和 (d) 是操作型：它们处理日常的计费和销售。"
            "(c) 和 (e) 是分析型：它们从数据中找出哪些客户重要、哪些客户可能流失。\n"
            "```python\ncrm_kinds = {\"a\": \"collaborative\", \"b\": \"operational\", \"c\": \"analytical\",\n"
            "             \"d\": \"operational\", \"e\": \"analytical\", \"f\": \"collaborative\"}\n```"
        ),
    },
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
    prompt={
        "en": (
            "Match each action to its stage of the IDIC model (identify, differentiate, interact, customize). "
            "(a) Ask each new business customer for its tax number, so that all its branches are matched to one "
            "account. "
            "(b) Split business customers into those worth a named account manager and those served by the "
            "pooled desk for small firms. "
            "(c) Open an online chat where customers can say which new services they would like. "
            "(d) Write a contract for one hospital with a guaranteed repair time for its night shifts. "
            "(e) Call customers whose contract ends next month to ask whether their plan still fits them. "
            "Set `idic_stage` to a dict from each letter to its stage, e.g. `{\"a\": \"identify\", ...}`."
        ),
        "zh": (
            "把每项行动与 IDIC 模型中的阶段（identify 识别、differentiate 区分、interact 互动、customize 定制）对应起来。"
            "(a) 请每位新的政企客户提供税号，以便把它的所有分支机构归到同一个账户。"
            "(b) 把政企客户分成值得配备专属客户经理的和由中小企业公共服务台服务的两类。"
            "(c) 开设在线聊天，让客户说出他们希望有哪些新业务。"
            "(d) 为一家医院起草合同，保证其夜班期间的维修时限。"
            "(e) 给下个月合约到期的客户打电话，询问现有套餐是否仍然适合他们。"
            "把 `idic_stage` 设为从字母到阶段的字典，例如 `{\"a\": \"identify\", ...}`（也可写“识别”等中文）。"
        ),
    },
    hints=[
        {
            "en": "The four stages come in order: first know who each customer is, then how they differ, then "
                  "talk with them, then act on what you learned.",
            "zh": "四个阶段有先后：先弄清每位客户是谁，再看客户之间有何不同，然后与客户交流，最后根据了解到的情况采取行动。",
        },
        {
            "en": "For each action, ask what the firm gains from it: knowing who a customer is, knowing how "
                  "customers differ in value, learning what they want by talking with them, or shaping its offer "
                  "to one customer. One stage is used twice.",
            "zh": "对每项行动，问一问企业从中得到什么：弄清客户是谁、了解客户之间的价值差别、通过交流得知客户想要什么，"
                  "还是为某一位客户调整所提供的东西。有一个阶段用到了两次。",
        },
    ],
    solution={
        "en": (
            "(a) identify: the firm makes sure it knows one customer as one, across all its branches. "
            "(b) differentiate: customers are grouped by their value. (c) and (e) interact: the firm learns "
            "from talking with customers. (d) customize: the contract is shaped for one customer's needs.\n"
            "```python\nidic_stage = {\"a\": \"identify\", \"b\": \"differentiate\", \"c\": \"interact\",\n"
            "              \"d\": \"customize\", \"e\": \"interact\"}\n```"
        ),
        "zh": (
            "(a) 识别：企业确保把分布在各分支机构的同一位客户认作一位客户。(b) 区分：按价值把客户分组。(c) 和 (e) 互动："
            "企业通过与客户交流来了解客户。(d) 定制：按某一位客户的需要量身设计合同。\n"
            "```python\nidic_stage = {\"a\": \"identify\", \"b\": \"differentiate\", \"c\": \"interact\",\n"
            "              \"d\": \"customize\", \"e\": \"interact\"}\n```"
        ),
    },
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
    prompt={
        "en": (
            "CRM has three levels: a management philosophy, a management mechanism, and a technology (software "
            "and systems). Which level does each statement describe? "
            "(a) Customers are the firm's key resource, and managing customer value is at the core of the business. "
            "(b) Marketing, sales and service processes are redesigned around customers. "
            "(c) A system collects, tracks and analyses every customer's data. "
            "(d) Sales, service and repair staff form one team with shared targets for each customer group. "
            "Set `crm_level` to a dict from each letter to `\"philosophy\"`, `\"mechanism\"` or `\"technology\"`."
        ),
        "zh": (
            "客户关系管理有三层含义：管理理念、管理机制、管理软件和技术。下列说法分别描述哪一层？"
            "(a) 客户是企业的关键资源，客户价值管理是经营的核心。"
            "(b) 围绕客户重新设计营销、销售和服务流程。"
            "(c) 一个系统采集、跟踪并分析每位客户的数据。"
            "(d) 销售、服务和维修人员组成一个团队，为每个客户群设定共同目标。"
            "把 `crm_level` 设为从字母到 `\"philosophy\"`、`\"mechanism\"` 或 `\"technology\"` 的字典（也可写中文）。"
        ),
    },
    hints=[
        {"en": "A philosophy is a belief about what matters; a mechanism is how the organisation and its "
               "processes work; a technology is a tool.",
         "zh": "理念是关于什么最重要的信念；机制是组织和流程怎样运转；技术是工具。"},
        {"en": "Two statements are about changing how people and processes are organised.",
         "zh": "有两句话讲的是改变人员和流程的组织方式。"},
    ],
    solution={
        "en": (
            "(a) philosophy, (b) mechanism, (c) technology, (d) mechanism: forming cross-functional teams is a "
            "change in how the firm works, not a belief or a tool.\n"
            "```python\ncrm_level = {\"a\": \"philosophy\", \"b\": \"mechanism\", \"c\": \"technology\", "
            "\"d\": \"mechanism\"}\n```"
        ),
        "zh": (
            "(a) 理念，(b) 机制，(c) 技术，(d) 机制：组建跨部门团队改变的是企业的运作方式，既不是信念也不是工具。\n"
            "```python\ncrm_level = {\"a\": \"philosophy\", \"b\": \"mechanism\", \"c\": \"technology\", "
            "\"d\": \"mechanism\"}\n```"
        ),
    },
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

q4 = NumberQuestion(
    "q4",
    points=2,
    var="top20_share",
    answer=lazy(lambda: _top_share(_margin(2025), 0.2)),
    atol=0.005,
    rtol=0,
    decimals=2,
    prompt={
        "en": (
            "The 80/20 rule says about 80% of profit comes from 20% of customers. Check it on Skyline's contract "
            "customers, using margin. In the `billing` table, a customer's margin for a month is `revenue_cny` minus "
            "`network_cost_cny`. Add up each customer's margin over the months of 2025, rank the customers "
            "from highest to lowest margin, and find the share of the total 2025 margin that the top 20% of them "
            "bring (20% of the customers billed in 2025, rounded to a whole customer). Store it as a share "
            "between 0 and 1 in `top20_share` (at least two decimals)."
        ),
        "zh": (
            "二八法则说约 80% 的利润来自 20% 的客户。请用毛利在天际通信的合约客户上检验。在 `billing` 表中，客户某月的毛利是 "
            "`revenue_cny` 减去 `network_cost_cny`。把每位客户 2025 年各月的毛利加总，按毛利从高到低排名，"
            "求排名前 20% 的客户（2025 年有账单客户数的 20%，四舍五入到整人）贡献了 2025 年总毛利的多大比例。"
            "把它以 0 到 1 之间的比例存入 `top20_share`（至少保留两位小数）。"
        ),
    },
    hints=[
        {"en": "Start from `db.billing`: keep the rows whose `month` is in 2025 and add up the margin per "
               "`customer_id`. Section 5.3 of the lesson does exactly this with one function from `economics`.",
         "zh": "从 `db.billing` 出发：保留 `month` 在 2025 年的行，再按 `customer_id` 把毛利加总。"
               "课程第 5.3 节用 `economics` 中的一个函数正好做了这件事。"},
        {"en": "With one margin per customer, the lesson's `pyramid.top_share` gives the share. By hand: sort "
               "descending, add up the first 20% of rows, divide by the total.",
         "zh": "得到每位客户一个毛利值后，课程中的 `pyramid.top_share` 即可给出比例。"
               "手工计算：降序排列，把前 20% 行加总，再除以总和。"},
    ],
    solution={
        "en": (
            "```python\nmargins = economics.customer_margin(db.billing, year=2025)\n"
            "top20_share = pyramid.top_share(margins, 0.2, value=\"margin\")   # about 0.88\n```\n"
            "The top 20% of contract customers bring about 88% of the margin: more concentrated than 80/20, "
            "because a few enterprise and government accounts are very large."
        ),
        "zh": (
            "```python\nmargins = economics.customer_margin(db.billing, year=2025)\n"
            "top20_share = pyramid.top_share(margins, 0.2, value=\"margin\")   # 约 0.88\n```\n"
            "排名前 20% 的合约客户贡献了约 88% 的毛利，比二八法则更集中，因为少数政企大客户的规模非常大。"
        ),
    },
    right=[lazy(lambda: _top_share(_margin(2025), 0.2)), lazy(lambda: round(_top_share(_margin(2025), 0.2), 2)),
           lazy(lambda: round(_top_share(_margin(2025), 0.2), 3))],
    wrong=[0.8, 0.2, lazy(lambda: 100 * _top_share(_margin(2025), 0.2)),
           lazy(lambda: _top_share(_margin(2025, "revenue"), 0.2)), lazy(lambda: _top_share(_margin(2024), 0.2)),
           "0.88"],
)

q5 = NumberQuestion(
    "q5",
    points=2,
    var="yearly_saving",
    answer=600_000,
    atol=0.5,
    rtol=0,
    prompt={
        "en": (
            "In US mobile telecoms, winning a new subscriber costs about $300, while keeping one may cost little "
            "more than a phone call. Take an operator with 10,000 subscribers that loses 25% of them each year. "
            "Suppose it could keep each of those leavers for $60 instead of winning a replacement for $300. "
            "How many dollars a year would keeping them save compared with replacing them? Store the number in "
            "`yearly_saving`."
        ),
        "zh": (
            "在美国移动通信业，获得一位新用户约需 300 美元，而留住一位老用户可能只需一通电话。设某运营商有 10,000 "
            "位用户，每年流失其中的 25%。假设它能以每人 60 美元留住这些要离开的用户，而不是花 300 美元赢得一位新用户来替换。"
            "与替换相比，留住他们每年能节省多少美元？把结果存入 `yearly_saving`。"
        ),
    },
    hints=[
        {"en": "First find how many subscribers leave in a year: the customer base times the churn rate.",
         "zh": "先算出一年流失多少用户：用户总数乘以流失率。"},
        {"en": "Each leaver costs $300 to replace or $60 to keep, so each one kept saves $300 − $60.",
         "zh": "每位流失用户替换要 300 美元，留住要 60 美元，所以每留住一位就节省 300 − 60 美元。"},
    ],
    solution={
        "en": (
            "10,000 × 25% = 2,500 subscribers leave each year. Replacing them costs 2,500 × $300 = $750,000; "
            "keeping them costs 2,500 × $60 = $150,000; the saving is $600,000 a year.\n"
            "```python\nyearly_saving = 10_000 * 0.25 * (300 - 60)   # 600000.0\n```\n"
            "Or with the notebook's function: `economics.retention_economics(10_000, 0.25, 300, 60).saving`."
        ),
        "zh": (
            "每年流失 10,000 × 25% = 2,500 位用户。替换他们要 2,500 × 300 = 750,000 美元；留住他们要 2,500 × 60 = "
            "150,000 美元；每年节省 600,000 美元。\n"
            "```python\nyearly_saving = 10_000 * 0.25 * (300 - 60)   # 600000.0\n```\n"
            "也可以用笔记本中的函数：`economics.retention_economics(10_000, 0.25, 300, 60).saving`。"
        ),
    },
    right=[600_000, 600000.0, 10_000 * 0.25 * (300 - 60), 2500 * 300 - 2500 * 60],
    wrong=[750_000, 150_000, 2_400_000, 240, 6_000, -600_000, "600000"],
)

q6 = NumberQuestion(
    "q6",
    points=2,
    var="churn_rate_2024",
    answer=lazy(lambda: _churn(2024)),
    atol=0.0005,
    rtol=0,
    decimals=3,
    prompt={
        "en": (
            "What was Skyline's churn rate among contract customers in 2024? Contract customers are all customers "
            "whose `segment` is not `individual_prepaid` (prepaid customers stop silently, so they never appear "
            "in `churn_events`). The base is the contract customers who had joined before 1 January 2024 "
            "(`join_date` in `customers`) and had not churned before that day (`churn_date` in "
            "`churn_events`). The churn rate is the share of that base with a `churn_date` in 2024. "
            "Store it as a share between 0 and 1 in `churn_rate_2024` (at least three decimals)."
        ),
        "zh": (
            "天际通信合约客户 2024 年的流失率是多少？合约客户指 `segment` 不是 `individual_prepaid` 的所有客户"
            "（预付费客户悄悄停用，不会出现在 `churn_events` 中）。基数是 2024 年 1 月 1 日之前已入网（`customers` 表的 "
            "`join_date`）且在这一天之前没有离网（`churn_events` 表的 `churn_date`）的合约客户。流失率是这个基数中 "
            "`churn_date` 落在 2024 年的客户所占的比例。把它以 0 到 1 之间的比例存入 `churn_rate_2024`（至少保留三位小数）。"
        ),
    },
    hints=[
        {"en": "The notebook computes the 2025 rate with one SQL query on `con` (section 4.3): copy it, change "
               "every 2025 to 2024, then add up the segments as the notebook does (or drop the GROUP BY).",
         "zh": "笔记本在第 4.3 节用 `con` 上的一条 SQL 查询算出了 2025 年的流失率：复制它，把所有 2025 改成 2024，"
               "再像笔记本那样把各客户类别加总（或去掉 GROUP BY）。"},
        {"en": "Count only leavers who were in the base: a customer who joined in 2024 and left the same year is "
               "not in the base, so it must not be counted as lost either.",
         "zh": "只统计属于基数的流失客户：2024 年入网又在当年离开的客户不在基数中，因此也不能算作流失。"},
    ],
    solution={
        "en": (
            "```python\ncounts = con.sql('''\n"
            "    SELECT count(*) AS base, count(ch.customer_id) AS lost\n    FROM customers c\n"
            "    LEFT JOIN churn_events ch ON ch.customer_id = c.customer_id AND year(ch.churn_date) = 2024\n"
            "    WHERE c.segment <> 'individual_prepaid' AND c.join_date < DATE '2024-01-01'\n"
            "      AND c.customer_id NOT IN (SELECT customer_id FROM churn_events\n"
            "                                WHERE churn_date < DATE '2024-01-01')\n''').df()\n"
            "churn_rate_2024 = counts[\"lost\"][0] / counts[\"base\"][0]   # 648 / 2,678 ≈ 0.242\n```\n"
            "About 24% of contract customers left in 2024, against about 18% in 2025."
        ),
        "zh": (
            "```python\ncounts = con.sql('''\n"
            "    SELECT count(*) AS base, count(ch.customer_id) AS lost\n    FROM customers c\n"
            "    LEFT JOIN churn_events ch ON ch.customer_id = c.customer_id AND year(ch.churn_date) = 2024\n"
            "    WHERE c.segment <> 'individual_prepaid' AND c.join_date < DATE '2024-01-01'\n"
            "      AND c.customer_id NOT IN (SELECT customer_id FROM churn_events\n"
            "                                WHERE churn_date < DATE '2024-01-01')\n''').df()\n"
            "churn_rate_2024 = counts[\"lost\"][0] / counts[\"base\"][0]   # 648 / 2,678 ≈ 0.242\n```\n"
            "2024 年约有 24% 的合约客户离网，2025 年约为 18%。"
        ),
    },
    right=[lazy(lambda: _churn(2024)), lazy(lambda: round(_churn(2024), 3)), 648 / 2678],
    wrong=[lazy(lambda: _churn(2024, include_prepaid=True)), lazy(lambda: _churn(2024, only_base=False)),
           lazy(lambda: _churn(2025)), lazy(lambda: 100 * _churn(2024)), 0.25, 0.24, 0.2439],
)

q7 = NumberQuestion(
    "q7",
    points=2,
    var="people_swayed_2024",
    answer=lazy(lambda: 25 * _dissatisfied(2024)),
    atol=0.5,
    rtol=0.02,  # "about how many": 2,975 rounded to the nearest 10, 50 or 100 is accepted
    prompt={
        "en": (
            "One dissatisfied customer sways about 25 people's wish to buy. In the `tickets` table, some tickets "
            "carry a `satisfaction` score from 1 (very unhappy) to 5 (very happy). Take the tickets opened in 2024 "
            "that have a score, average the scores per customer, and call a customer dissatisfied when that "
            "average is 2 or lower. About how many people could Skyline's dissatisfied customers of 2024 sway? "
            "Store the number in `people_swayed_2024` (the exact product, or a round figure such as the nearest hundred)."
        ),
        "zh": (
            "一位不满意的客户约会影响 25 个人的购买意向。`tickets` 表中有些工单带有 `satisfaction` 评分，从 1（非常不满意）"
            "到 5（非常满意）。取 2024 年开出且有评分的工单，按客户求平均分，平均分不高于 2 的客户算作不满意客户。"
            "天际通信 2024 年的不满意客户大约会影响多少人？把结果存入 `people_swayed_2024`（写精确的乘积，或取整到百位等的约数）。"
        ),
    },
    hints=[
        {"en": "Filter `tickets` on `opened_date.dt.year == 2024` and `satisfaction.notna()`, then "
               "`groupby(\"customer_id\")[\"satisfaction\"].mean()`.",
         "zh": "先按 `opened_date.dt.year == 2024` 和 `satisfaction.notna()` 筛选 `tickets`，再用 "
               "`groupby(\"customer_id\")[\"satisfaction\"].mean()`。"},
        {"en": "Count customers, not tickets: one unhappy customer with three bad tickets still tells about 25 "
               "people. Then multiply the count by 25 (or use `economics.word_of_mouth`).",
         "zh": "要数客户而不是工单：一位有三张差评工单的不满客户仍然只影响约 25 人。然后把人数乘以 25（或用 `economics.word_of_mouth`）。"},
    ],
    solution={
        "en": (
            "```python\ntickets = db.tickets\n"
            "scored = tickets[(tickets.opened_date.dt.year == 2024) & tickets.satisfaction.notna()]\n"
            "average = scored.groupby(\"customer_id\")[\"satisfaction\"].mean()\n"
            "people_swayed_2024 = 25 * int((average <= 2).sum())   # 25 × 119 = 2,975\n```\n"
            "119 customers were dissatisfied on average; counting their 458 low-scored tickets instead would "
            "overstate the reach almost fourfold."
        ),
        "zh": (
            "```python\ntickets = db.tickets\n"
            "scored = tickets[(tickets.opened_date.dt.year == 2024) & tickets.satisfaction.notna()]\n"
            "average = scored.groupby(\"customer_id\")[\"satisfaction\"].mean()\n"
            "people_swayed_2024 = 25 * int((average <= 2).sum())   # 25 × 119 = 2,975\n```\n"
            "平均分不高于 2 的不满意客户有 119 位；如果改数 458 张低分工单，影响人数会被高估近四倍。"
        ),
    },
    right=[lazy(lambda: 25 * _dissatisfied(2024)), lazy(lambda: float(25 * _dissatisfied(2024))), 3000, 2980],
    wrong=[lazy(lambda: _dissatisfied(2024)), lazy(lambda: 25 * _dissatisfied(2024, per="ticket")),
           lazy(lambda: 8 * _dissatisfied(2024, per="satisfied")), lazy(lambda: 25 * _dissatisfied(2025)), 2900],
)

q8 = NumberQuestion(
    "q8",
    points=2,
    var="lead_share",
    answer=lazy(lambda: _tier_share(_margin(2025), 0.5, 1.0)),
    atol=0.0005,
    rtol=0,
    decimals=3,
    prompt={
        "en": (
            "Draw Skyline's customer pyramid from the 2025 margin per customer (as in the question on the top "
            "20%), with these cut-offs: platinum is the top 1% of customers, gold runs down to 10%, iron down to "
            "50%, and the bottom 50% are lead. What share of the total 2025 margin does the lead tier bring? "
            "Store it as a share between 0 and 1 in `lead_share` (at least three decimals: compute it, since the "
            "lesson's slider widget rounds shares to whole percents)."
        ),
        "zh": (
            "按 2025 年每位客户的毛利（与前 20% 那道题相同）画出天际通信的客户金字塔，分界点如下：铂金层是排名前 1% 的客户，"
            "黄金层截至 10%，钢铁层截至 50%，排名后 50% 的客户为铅层。铅层贡献了 2025 年总毛利的多大比例？"
            "把它以 0 到 1 之间的比例存入 `lead_share`（至少保留三位小数：请用代码计算，因为课程中的滑块小部件只把比例显示到整数百分比）。"
        ),
    },
    hints=[
        {"en": "Section 6.2 of the lesson builds the pyramid with `pyramid.pyramid_table`; its `cutoffs` argument "
               "takes the three shares of customers where platinum, gold and iron end.",
         "zh": "课程第 6.2 节用 `pyramid.pyramid_table` 构建金字塔；它的 `cutoffs` 参数接收铂金层、黄金层和钢铁层"
               "各自结束处的三个客户占比。"},
        {"en": "Read the `value_share` of the row `lead`, not its `customer_share` (which is 0.5 by design).",
         "zh": "读取 `lead` 这一行的 `value_share`，而不是 `customer_share`（按设定它就是 0.5）。"},
    ],
    solution={
        "en": (
            "```python\nmargins = economics.customer_margin(db.billing, year=2025)\n"
            "table = pyramid.pyramid_table(margins, cutoffs=(0.01, 0.10, 0.50), value=\"margin\")\n"
            "lead_share = table.loc[\"lead\", \"value_share\"]   # about 0.042\n```\n"
            "Half of the contract customers bring about 4% of the margin."
        ),
        "zh": (
            "```python\nmargins = economics.customer_margin(db.billing, year=2025)\n"
            "table = pyramid.pyramid_table(margins, cutoffs=(0.01, 0.10, 0.50), value=\"margin\")\n"
            "lead_share = table.loc[\"lead\", \"value_share\"]   # 约 0.042\n```\n"
            "一半的合约客户只贡献了约 4% 的毛利。"
        ),
    },
    right=[lazy(lambda: _tier_share(_margin(2025), 0.5, 1.0)),
           lazy(lambda: round(_tier_share(_margin(2025), 0.5, 1.0), 3))],
    wrong=[0.5, 0.04, lazy(lambda: _tier_share(_margin(2025), 0.1, 0.5)), lazy(lambda: _tier_share(_margin(2025), 0.0, 0.01)),
           lazy(lambda: 100 * _tier_share(_margin(2025), 0.5, 1.0)), lazy(lambda: _tier_share(_margin(2025), 0.8, 1.0))],
)

q9 = MappingQuestion(
    "q9",
    points=2,
    var="four_c",
    answer={"product": "customer", "price": "cost", "place": "convenience", "promotion": "communication"},
    task="match",
    items=[{"en": "product", "zh": "产品"}, {"en": "price", "zh": "价格"}, {"en": "place", "zh": "渠道"},
           {"en": "promotion", "zh": "促销"}],
    categories=[
        {"en": "customer", "zh": "顾客", "aliases": ["customer needs and wants", "customer needs", "顾客需求与欲望"]},
        {"en": "cost", "zh": "成本", "aliases": ["cost to the customer", "顾客成本"]},
        {"en": "convenience", "zh": "便利"},
        {"en": "communication", "zh": "沟通"},
    ],
    prompt={
        "en": (
            "The 4C view rewrites each of the 4Ps from the customer's side. Match each P (product, price, place, "
            "promotion) to its C (customer, cost, convenience, communication). Set `four_c` to a dict such as "
            "`{\"product\": \"...\", \"price\": \"...\", \"place\": \"...\", \"promotion\": \"...\"}`."
        ),
        "zh": (
            "4C 从顾客的角度改写了 4P 中的每一项。把每个 P（product 产品、price 价格、place 渠道、promotion 促销）与对应的 C"
            "（customer 顾客、cost 成本、convenience 便利、communication 沟通）配对。把 `four_c` 设为类似 "
            "`{\"product\": \"...\", \"price\": \"...\", \"place\": \"...\", \"promotion\": \"...\"}` 的字典。"
        ),
    },
    hints=[
        {"en": "Ask what each P looks like to the buyer: a price is what the buyer gives up; a place is how easy "
               "it is to buy.",
         "zh": "想一想每个 P 在买方眼中是什么：价格是买方付出的代价；渠道是购买有多方便。"},
        {"en": "Promotion talks at customers; its C is two-way.",
         "zh": "促销是对着顾客说话；与它对应的 C 是双向的。"},
    ],
    solution={
        "en": (
            "Product → customer (needs and wants), price → cost (everything the customer gives up, not just the "
            "price), place → convenience, promotion → communication.\n"
            "```python\nfour_c = {\"product\": \"customer\", \"price\": \"cost\", \"place\": \"convenience\",\n"
            "          \"promotion\": \"communication\"}\n```"
        ),
        "zh": (
            "产品 → 顾客（需求与欲望），价格 → 成本（顾客付出的一切，而不只是价格），渠道 → 便利，促销 → 沟通。\n"
            "```python\nfour_c = {\"product\": \"customer\", \"price\": \"cost\", \"place\": \"convenience\",\n"
            "          \"promotion\": \"communication\"}\n```"
        ),
    },
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
         "zh": "客户关系管理的主要目标是降低生产成本"},
    ],
    answer="CRM faces outward, to customers and their value; ERP and BPR reform a firm's internal work around "
           "products and cost",
    prompt={
        "en": "What sets CRM apart from enterprise resource planning (ERP) and business process re-engineering "
              "(BPR)? Set `crm_vs_erp` to the letter of your choice, e.g. `crm_vs_erp = \"b\"`.",
        "zh": "客户关系管理与企业资源规划（ERP）和业务流程重组（BPR）有什么不同？把 `crm_vs_erp` 设为所选选项的字母，"
              "例如 `crm_vs_erp = \"b\"`。",
    },
    hints=[
        {"en": "Think about where each one looks: inside the firm or outside it.",
         "zh": "想一想它们各自关注哪里：企业内部还是企业外部。"},
        {"en": "CRM is at once a philosophy, a mechanism and a technology, so an option that calls it 'only "
               "software' cannot be right.",
         "zh": "客户关系管理同时是理念、机制和技术，所以说它“只是软件”的选项不可能正确。"},
    ],
    solution={
        "en": "(a). ERP and BPR change the firm's internal processes, centred on products and on controlling cost; "
              "CRM organises the firm around its customers and the value of each relationship.\n"
              "```python\ncrm_vs_erp = \"a\"\n```",
        "zh": "（a）。ERP 和 BPR 改变的是企业内部流程，以产品为中心、以控制成本为目标；客户关系管理则围绕客户及每段关系的价值来组织企业。\n"
              "```python\ncrm_vs_erp = \"a\"\n```",
    },
    right=["a", "(a)", "A"],
    wrong=["b", "c", "d", "e", 1],
)

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
         "zh": "让采集和利用客户数据变得便宜的信息技术"},
        {"en": "falling production costs that make products hard to tell apart",
         "zh": "生产成本下降使产品难以区分"},
    ],
    answer="falling production costs that make products hard to tell apart",
    prompt={
        "en": "Four drivers explain why CRM arose. Which option is NOT one of them? Set `not_a_driver` to its "
              "letter, e.g. `not_a_driver = \"a\"`.",
        "zh": "客户关系管理的兴起由四个因素推动。下列哪一项不是其中之一？把 `not_a_driver` 设为它的字母，例如 "
              "`not_a_driver = \"a\"`。",
    },
    hints=[
        {"en": "Reread section 2 of the lesson: each driver is a force that pushed firms to manage their "
               "customers. Which option describes something the lesson never names as such a force?",
         "zh": "重读课程第 2 节：每个推动因素都是促使企业管理客户的一种力量。哪个选项描述的东西课程从未把它列为这样的力量？"},
        {"en": "Products being easy to copy is part of the core-competence driver, but cheaper production is "
               "not a driver in the lesson.",
         "zh": "产品容易被模仿是核心竞争力因素的一部分，但生产成本下降并不是本课讲的推动因素。"},
    ],
    solution={
        "en": "(e). The four drivers are an evolving business philosophy, the need for new management models, "
              "the need for a core competence, and information technology.\n```python\nnot_a_driver = \"e\"\n```",
        "zh": "（e）。四个推动因素是：经营理念的演变、管理模式更新的需要、提高核心竞争力的需要，以及信息技术的推动。\n"
              "```python\nnot_a_driver = \"e\"\n```",
    },
    right=["e", "(e)", "falling production costs that make products hard to tell apart"],
    wrong=["a", "b", "c", "d", "none"],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11]
