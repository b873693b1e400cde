"""Graded questions of notebook ``03_customer_portfolio``: CLV, the portfolio grids, concentration,
activity-based costing, RFM and the sBG model, partly computed on Skyline Telecom's database.

Facts: the current × potential value matrix and its strategies (seed 000); Buttle's sack /
re-engineer / nurture / invest grid, strategically significant customers and the oil-seed cost
magnet (seed 002); the retention CLV ``m·r/(1+d−r)`` (Gupta & Lehmann 2003); the sBG model and the
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
from typing import TYPE_CHECKING

from crmlib.exercises.lists import SetQuestion
from crmlib.exercises.mapping import MappingQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import lazy

if TYPE_CHECKING:
    import pandas as pd

EXERCISE_ID = "03_customer_portfolio"
TITLE = {"en": "Customer portfolio analysis: graded exercises", "zh": "客户组合分析：练习题"}


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


def _rfm_code(customer: str, reverse_recency: bool = False) -> int:
    """The RFM code of ``customer`` from the top-ups to 2025-12-31 (scores 1-5 by rank, ties at their lowest)."""
    import pandas as pd

    log = _tables()["topups"]
    end = pd.Timestamp("2025-12-31")
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
q1 = NumberQuestion(
    "q1",
    points=2,
    var="clv_q1",
    answer=1500 * 0.85 / (1.12 - 0.85),
    atol=1.0,
    rtol=0,
    prompt={
        "en": (
            "A business customer brings Skyline a margin of ¥1,500 a year. Each year it stays with probability 85%, "
            "and Skyline discounts future money at 12% a year. Margins are counted at the end of each year the "
            "customer stays, with no time limit. What is the customer's retention-based lifetime value (CLV), in "
            "yuan? Store the number in `clv_q1`."
        ),
        "zh": (
            "某企业客户每年为天际通信带来 1,500 元利润。它每年留下的概率为 85%，天际通信按每年 12% 的贴现率折算未来的钱。"
            "利润在客户留下的每年年末计入，不限年限。这位客户基于保留率的客户终生价值（CLV）是多少元？把结果存入 `clv_q1`。"
        ),
    },
    hints=[
        {"en": "The lesson's formula is CLV = margin × r / (1 + d − r), with r the retention rate and d the discount "
               "rate, both as shares (0.85, not 85).",
         "zh": "课程中的公式是 CLV = 利润 × r / (1 + d − r)，其中 r 是保留率，d 是贴现率，两者都写成小数（0.85，而不是 85）。"},
        {"en": "The margin multiple here is 0.85 / (1 + 0.12 − 0.85) = 0.85 / 0.27. Multiply it by ¥1,500.",
         "zh": "这里的利润乘数是 0.85 / (1 + 0.12 − 0.85) = 0.85 / 0.27，再乘以 1,500 元。"},
    ],
    solution={
        "en": (
            "```python\nclv_q1 = 1500 * 0.85 / (1 + 0.12 - 0.85)   # about 4,722\n```\n"
            "The margin multiple 0.85 / 0.27 ≈ 3.15: the customer is worth about three years of margin today, "
            "not the 1 / 0.15 ≈ 6.7 years an 85% retention rate suggests, because later margins are less likely "
            "and worth less. `clv.retention_clv(1500, 0.85, 0.12)` gives the same."
        ),
        "zh": (
            "```python\nclv_q1 = 1500 * 0.85 / (1 + 0.12 - 0.85)   # 约 4,722\n```\n"
            "利润乘数 0.85 / 0.27 ≈ 3.15：这位客户的现值约等于三年的利润，而不是 85% 保留率所暗示的 1 / 0.15 ≈ 6.7 年，"
            "因为越往后的利润越不确定、现值也越低。`clv.retention_clv(1500, 0.85, 0.12)` 给出相同结果。"
        ),
    },
    right=[1500 * 0.85 / 0.27, 4722.22, 4722, 4722.5],
    wrong=[1500 / 0.15, 1500 * 0.85 / 0.15, 1500 / 0.27, 1500 * 1.12 / 0.27, 47.22, 1500 * 0.85 / (1.12 - 0.85) * 0.85],
)

q2 = NumberQuestion(
    "q2",
    points=2,
    var="clv_3_years",
    answer=sum(1000 * 0.8**t / 1.1**t for t in (1, 2, 3)),
    atol=0.5,
    rtol=0,
    prompt={
        "en": (
            "A customer brings a margin of ¥1,000 a year, stays each year with probability 80%, and future money is "
            "discounted at 10% a year. Counting only the next 3 years (margins at the end of years 1, 2 and 3), what "
            "is the customer's lifetime value in yuan? Store it in `clv_3_years`."
        ),
        "zh": (
            "某客户每年带来 1,000 元利润，每年留下的概率为 80%，未来的钱按每年 10% 贴现。只计算未来 3 年（利润在第 1、2、3 "
            "年年末计入），这位客户的终生价值是多少元？把结果存入 `clv_3_years`。"
        ),
    },
    hints=[
        {"en": "Year t's margin counts only if the customer is still there (probability 0.8 to the power t) and is "
               "worth 1 / 1.1 to the power t today.",
         "zh": "第 t 年的利润只有在客户仍在时才计入（概率为 0.8 的 t 次方），其现值要乘以 1 / 1.1 的 t 次方。"},
        {"en": "Add three terms: 1000 × 0.8 / 1.1 + 1000 × 0.8² / 1.1² + 1000 × 0.8³ / 1.1³ (or use "
               "`clv.finite_clv`).",
         "zh": "把三项相加：1000 × 0.8 / 1.1 + 1000 × 0.8² / 1.1² + 1000 × 0.8³ / 1.1³（或用 `clv.finite_clv`）。"},
    ],
    solution={
        "en": (
            "```python\nclv_3_years = sum(1000 * 0.8**t / 1.1**t for t in (1, 2, 3))   # about 1,641\n"
            "# or: clv.finite_clv(1000, 0.8, 0.10, horizon=3)\n```\n"
            "727 + 529 + 385 ≈ ¥1,641: about 62% of the no-limit value (¥2,667) comes in the first three years."
        ),
        "zh": (
            "```python\nclv_3_years = sum(1000 * 0.8**t / 1.1**t for t in (1, 2, 3))   # 约 1,641\n"
            "# 或：clv.finite_clv(1000, 0.8, 0.10, horizon=3)\n```\n"
            "727 + 529 + 385 ≈ 1,641 元：不限年限的价值（2,667 元）中约 62% 来自前三年。"
        ),
    },
    right=[1640.87, 1641, sum(1000 * (0.8 / 1.1) ** t for t in range(1, 4))],
    wrong=[1000 * 0.8 / 0.3, 800 + 640 + 512, 1000 + 727.27 + 528.93, 3000 / 1.1**3, 16.41,
           sum(1000 * 0.8**t / 1.1**t for t in (0, 1, 2))],
)

q3 = NumberQuestion(
    "q3",
    points=2,
    var="clv_c000687",
    answer=lazy(lambda: float(_accounts().loc["C000687", "profit"]) * 0.97 / (1.10 - 0.97)),
    atol=50.0,
    rtol=0,
    prompt={
        "en": (
            "Customer C000687 is one of Skyline's largest enterprise accounts. Compute its 2025 profit after the cost "
            "to serve: revenue minus network cost over its 2025 bills (`billing`), minus its 2025 activity units "
            "(`cost_to_serve`, year 2025) times the unit costs (`activity_costs`). Then compute its retention-based "
            "CLV from that yearly profit, with retention rate 97% and discount rate 10%. Store the CLV in yuan in "
            "`clv_c000687`."
        ),
        "zh": (
            "客户 C000687 是天际通信最大的企业客户之一。请计算它 2025 年扣除服务成本后的利润：2025 年账单（`billing`）的收入减去"
            "网络成本，再减去它 2025 年的作业量（`cost_to_serve`，year 为 2025）乘以单位成本（`activity_costs`）。然后以这个"
            "年利润、97% 的保留率和 10% 的贴现率计算它基于保留率的客户终生价值。把以元为单位的 CLV 存入 `clv_c000687`。"
        ),
    },
    hints=[
        {"en": "Section 3.1 of the lesson builds this table for every customer: `costtoserve.activity_units`, "
               "`costtoserve.driver_rates` and `costtoserve.abc_profit`. Read the `profit` of C000687.",
         "zh": "课程第 3.1 节为每位客户建了这张表：`costtoserve.activity_units`、`costtoserve.driver_rates` 和 "
               "`costtoserve.abc_profit`。读出 C000687 的 `profit`。"},
        {"en": "The profit is negative: the account costs more to serve than its margin. The CLV formula still "
               "applies, so the CLV is negative too: profit × 0.97 / 0.13.",
         "zh": "这个利润是负的：服务这位客户的成本超过了它的毛利。CLV 公式照样适用，所以 CLV 也是负的：利润 × 0.97 / 0.13。"},
    ],
    solution={
        "en": (
            "```python\nprofit = costtoserve.abc_profit(accounts, units, rates)   # as in section 3.1\n"
            "clv_c000687 = profit.loc[\"C000687\", \"profit\"] * 0.97 / (1.10 - 0.97)   # about −370,000\n```\n"
            "C000687 covers its network cost (a margin of about ¥162,000) but its account-management time and "
            "customised contracts cost about ¥212,000 a year. Kept as it is, the relationship destroys about "
            "¥370,000 of value: a case for re-engineering, not for more investment."
        ),
        "zh": (
            "```python\nprofit = costtoserve.abc_profit(accounts, units, rates)   # 同第 3.1 节\n"
            "clv_c000687 = profit.loc[\"C000687\", \"profit\"] * 0.97 / (1.10 - 0.97)   # 约 −370,000\n```\n"
            "C000687 的收入足以覆盖网络成本（毛利约 162,000 元），但客户经理的时间和定制合同每年要花约 212,000 元。"
            "照现在的方式维持下去，这段关系会损失约 370,000 元的价值：应当再造，而不是追加投入。"
        ),
    },
    right=[lazy(lambda: float(_accounts().loc["C000687", "profit"]) * 0.97 / 0.13),
           lazy(lambda: round(float(_accounts().loc["C000687", "profit"]) * 0.97 / 0.13))],
    wrong=[lazy(lambda: float(_accounts().loc["C000687", "margin"]) * 0.97 / 0.13),
           lazy(lambda: -float(_accounts().loc["C000687", "profit"]) * 0.97 / 0.13),
           lazy(lambda: float(_accounts().loc["C000687", "profit"])),
           lazy(lambda: float(_accounts().loc["C000687", "profit"]) / 0.03)],
)

VALUE_CELLS = [
    {"en": "develop", "zh": "发展型", "aliases": ["develop customers", "发展"]},
    {"en": "retain", "zh": "保留型", "aliases": ["retain customers", "保留"]},
    {"en": "cultivate", "zh": "培育型", "aliases": ["cultivate customers", "培育"]},
    {"en": "maintain", "zh": "维持型", "aliases": ["maintain customers", "维持"]},
    {"en": "give up", "zh": "放弃", "aliases": ["give_up", "giveup", "give-up", "放弃型"]},
]

q4 = MappingQuestion(
    "q4",
    points=3,
    var="matrix_cells",
    answer={"a": "develop", "b": "retain", "c": "cultivate", "d": "maintain", "e": "give up", "f": "cultivate",
            "g": "develop"},
    categories=VALUE_CELLS,
    prompt={
        "en": (
            "Place each customer in the current × potential value matrix. High current value means a current value "
            "of at least ¥20,000; high potential value means a potential value of at least ¥15,000. Customers with a "
            "low potential and a negative current value are \"give up\". "
            "(a) current ¥85,000, potential ¥40,000. (b) current ¥60,000, potential ¥3,000. "
            "(c) current ¥4,000, potential ¥90,000. (d) current ¥6,000, potential ¥2,000. "
            "(e) current −¥12,000, potential ¥1,000. (f) current −¥30,000, potential ¥50,000. "
            "(g) current ¥20,000, potential ¥15,000. "
            "Set `matrix_cells` to a dict from each letter to its cell: \"develop\", \"retain\", \"cultivate\", "
            "\"maintain\" or \"give up\"."
        ),
        "zh": (
            "把每位客户放入当前价值 × 潜在价值矩阵。当前价值不低于 20,000 元为高，潜在价值不低于 15,000 元为高。潜在价值低且"
            "当前价值为负的客户归为“放弃”。"
            "(a) 当前 85,000 元，潜在 40,000 元。(b) 当前 60,000 元，潜在 3,000 元。(c) 当前 4,000 元，潜在 90,000 元。"
            "(d) 当前 6,000 元，潜在 2,000 元。(e) 当前 −12,000 元，潜在 1,000 元。(f) 当前 −30,000 元，潜在 50,000 元。"
            "(g) 当前 20,000 元，潜在 15,000 元。"
            "把 `matrix_cells` 设为从字母到类型的字典：\"develop\"、\"retain\"、\"cultivate\"、\"maintain\" 或 "
            "\"give up\"（也可写“发展型”等中文）。"
        ),
    },
    hints=[
        {"en": "Decide high/low on each axis first; \"at least\" means a value exactly on the threshold counts as high.",
         "zh": "先在两个维度上分别判断高低；“不低于”表示恰好等于门槛的值算作高。"},
        {"en": "\"Give up\" is only for the low-potential customers with a negative current value. A customer with a "
               "negative current value but a high potential is still worth learning about.",
         "zh": "“放弃”只针对潜在价值低且当前价值为负的客户。当前价值为负但潜在价值高的客户仍值得深入了解。"},
    ],
    solution={
        "en": (
            "(a) develop, (b) retain, (c) cultivate, (d) maintain, (e) give up, (f) cultivate — a negative current "
            "value with a high potential calls for learning what the customer values, not for giving up — and "
            "(g) develop: both values are exactly on the thresholds, which count as high.\n"
            "```python\nmatrix_cells = {\"a\": \"develop\", \"b\": \"retain\", \"c\": \"cultivate\", \"d\": \"maintain\",\n"
            "                \"e\": \"give up\", \"f\": \"cultivate\", \"g\": \"develop\"}\n```"
        ),
        "zh": (
            "(a) 发展型，(b) 保留型，(c) 培育型，(d) 维持型，(e) 放弃，(f) 培育型——当前价值为负但潜在价值高，应当弄清客户看重"
            "什么，而不是放弃——(g) 发展型：两个值都恰好等于门槛，算作高。\n"
            "```python\nmatrix_cells = {\"a\": \"develop\", \"b\": \"retain\", \"c\": \"cultivate\", \"d\": \"maintain\",\n"
            "                \"e\": \"give up\", \"f\": \"cultivate\", \"g\": \"develop\"}\n```"
        ),
    },
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
    prompt={
        "en": (
            "Sort these business customers into Buttle's customer portfolio. Profitable now means a yearly profit "
            "after the cost to serve of at least ¥0; strong future potential means a potential value of at least "
            "¥15,000. (a) profit ¥12,000, potential ¥40,000. (b) profit ¥8,000, potential ¥2,000. "
            "(c) profit −¥20,000, potential ¥60,000. (d) profit −¥3,000, potential ¥500. "
            "(e) profit ¥0, potential ¥20,000. "
            "Set `buttle_cells` to a dict from each letter to \"invest\", \"nurture\", \"re-engineer\" or \"sack\"."
        ),
        "zh": (
            "把这些企业客户分入伯特的客户组合。“现在盈利”指扣除服务成本后的年利润不低于 0 元；“未来潜力大”指潜在价值不低于 "
            "15,000 元。(a) 利润 12,000 元，潜在 40,000 元。(b) 利润 8,000 元，潜在 2,000 元。(c) 利润 −20,000 元，潜在 "
            "60,000 元。(d) 利润 −3,000 元，潜在 500 元。(e) 利润 0 元，潜在 20,000 元。"
            "把 `buttle_cells` 设为从字母到 \"invest\"、\"nurture\"、\"re-engineer\" 或 \"sack\" 的字典（也可写“投资”等中文）。"
        ),
    },
    hints=[
        {"en": "Two questions per customer: profitable now (yes/no)? strong potential (yes/no)?",
         "zh": "每位客户回答两个问题：现在是否盈利？未来潜力是否大？"},
        {"en": "Unprofitable with strong potential is the group whose service should be changed so that it pays.",
         "zh": "不盈利但潜力大的客户，应当改变对他们的服务方式，使其变得盈利。"},
    ],
    solution={
        "en": (
            "(a) invest, (b) nurture, (c) re-engineer, (d) sack, (e) invest (a profit of exactly ¥0 counts as "
            "profitable here).\n```python\nbuttle_cells = {\"a\": \"invest\", \"b\": \"nurture\", \"c\": \"re-engineer\","
            " \"d\": \"sack\", \"e\": \"invest\"}\n```"
        ),
        "zh": (
            "(a) 投资，(b) 培养，(c) 再造，(d) 舍弃，(e) 投资（这里利润恰好为 0 元算作盈利）。\n"
            "```python\nbuttle_cells = {\"a\": \"invest\", \"b\": \"nurture\", \"c\": \"re-engineer\", \"d\": \"sack\","
            " \"e\": \"invest\"}\n```"
        ),
    },
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

q6 = NumberQuestion(
    "q6",
    points=2,
    var="customers_for_80",
    answer=lazy(lambda: _customers_for(0.8)),
    atol=0,
    rtol=0,
    prompt={
        "en": (
            "Take every contract customer billed in 2025 and their 2025 margin (revenue minus network cost, summed "
            "over their 2025 rows of `billing`). Ranking customers from the highest margin down, how many customers "
            "does it take to reach 80% of the total 2025 margin? Store the whole number in `customers_for_80`."
        ),
        "zh": (
            "取 2025 年有账单的全部合约客户及其 2025 年毛利（`billing` 中 2025 年各行的收入减网络成本之和）。按毛利从高到低排列，"
            "需要多少位客户才能达到 2025 年总毛利的 80%？把这个整数存入 `customers_for_80`。"
        ),
    },
    hints=[
        {"en": "Section 2 of the lesson builds the table `accounts` with a `margin` column; "
               "`concentration.customers_for_share` does the counting.",
         "zh": "课程第 2 节建了带 `margin` 列的 `accounts` 表；`concentration.customers_for_share` 可以完成计数。"},
        {"en": "By hand: sort the margins from high to low, take the running total, and count the customers until it "
               "first reaches 0.8 × the total.",
         "zh": "手工计算：把毛利从高到低排序，求累计和，数到累计和第一次达到总额的 0.8 倍为止。"},
    ],
    solution={
        "en": (
            "```python\ncustomers_for_80 = concentration.customers_for_share(accounts, 0.8, \"margin\")   # 197\n```\n"
            "197 of 3,103 customers — about 6% — bring 80% of the margin: far more concentrated than the 80/20 rule."
        ),
        "zh": (
            "```python\ncustomers_for_80 = concentration.customers_for_share(accounts, 0.8, \"margin\")   # 197\n```\n"
            "3,103 位客户中只需 197 位（约 6%）就贡献了 80% 的毛利：远比二八法则更集中。"
        ),
    },
    right=[lazy(lambda: _customers_for(0.8)), lazy(lambda: float(_customers_for(0.8)))],
    wrong=[lazy(lambda: round(0.2 * len(_accounts()))), lazy(lambda: _customers_for(0.8, "revenue_cny")),
           lazy(lambda: _customers_for(0.8, year=2024)), lazy(lambda: _customers_for(0.8) - 1),
           lazy(lambda: _customers_for(0.8) / len(_accounts()))],
)

q7 = SetQuestion(
    "q7",
    points=3,
    var="large_but_losing",
    # the data card's planted effect; the right examples recompute it from the data, so the tests catch a change
    answer=["C002705", "C000687", "C002076", "C002768"],
    prompt={
        "en": (
            "Among Skyline's 10 largest accounts by 2025 revenue (from `billing`), which lose money in 2025 once the "
            "cost to serve is counted (margin minus activity units of 2025 × unit costs, as in section 3 of the "
            "lesson)? Store their customer ids as a list of strings in `large_but_losing`, e.g. "
            "`[\"C000001\", \"C000002\"]`."
        ),
        "zh": (
            "在天际通信 2025 年收入（来自 `billing`）最高的 10 个客户中，哪些在计入服务成本后（毛利减去 2025 年作业量 × 单位成本，"
            "同课程第 3 节）2025 年是亏损的？把它们的客户编号以字符串列表存入 `large_but_losing`，例如 "
            "`[\"C000001\", \"C000002\"]`。"
        ),
    },
    hints=[
        {"en": "Build the profit table of section 3 (`costtoserve.abc_profit`), then take the 10 rows with the largest "
               "`revenue_cny`.",
         "zh": "先建第 3 节的利润表（`costtoserve.abc_profit`），再取 `revenue_cny` 最大的 10 行。"},
        {"en": "`costtoserve.largest_unprofitable(profit, top=10)` keeps those with a negative profit; "
               "`.index.tolist()` gives the ids.",
         "zh": "`costtoserve.largest_unprofitable(profit, top=10)` 会保留利润为负的那些；`.index.tolist()` 给出编号。"},
    ],
    solution={
        "en": (
            "```python\nprofit = costtoserve.abc_profit(accounts, units, rates)   # as in section 3.1\n"
            "large_but_losing = costtoserve.largest_unprofitable(profit, top=10).index.tolist()\n"
            "# ['C002705', 'C000687', 'C002076', 'C002768']\n```\n"
            "Four of the ten largest accounts lose money although each covers its network cost: they are "
            "demanding accounts with hundreds of account-manager hours and many customised contracts."
        ),
        "zh": (
            "```python\nprofit = costtoserve.abc_profit(accounts, units, rates)   # 同第 3.1 节\n"
            "large_but_losing = costtoserve.largest_unprofitable(profit, top=10).index.tolist()\n"
            "# ['C002705', 'C000687', 'C002076', 'C002768']\n```\n"
            "收入最高的十个客户中有四个亏损，尽管每个都覆盖了网络成本：它们是要求很高的客户，客户经理工时达数百小时，"
            "还有很多定制合同。"
        ),
    },
    right=[lazy(lambda: _largest("losing")), lazy(lambda: tuple(reversed(_largest("losing")))),
           lazy(lambda: set(_largest("losing")))],
    wrong=[lazy(lambda: _largest("losing")[:3]), lazy(lambda: _largest("all")),
           lazy(lambda: [*_largest("losing"), "C005381"]), [], "C002705"],
)

q8 = NumberQuestion(
    "q8",
    points=2,
    var="top20_profit_share",
    answer=lazy(lambda: _top_share("profit")),
    atol=0.005,
    rtol=0,
    decimals=2,
    prompt={
        "en": (
            "After activity-based costing, what share of Skyline's total 2025 profit (margin minus cost to serve, over "
            "all contract customers billed in 2025) do the most profitable 20% of those customers earn? Count 20% of "
            "the customers rounded to a whole customer. Store it as a share (e.g. 0.5 for 50%) in "
            "`top20_profit_share`, with at least two decimals."
        ),
        "zh": (
            "经过作业成本法核算后，2025 年利润最高的 20% 客户赚取了天际通信 2025 年总利润（毛利减服务成本，覆盖 2025 年所有有账单的"
            "合约客户）的多大比例？20% 的客户数四舍五入到整人。把它以比例（如 0.5 表示 50%）存入 `top20_profit_share`，至少保留"
            "两位小数。"
        ),
    },
    hints=[
        {"en": "Build the `profit` table of section 3.1 (`costtoserve.abc_profit(accounts, units, rates)`). "
               "`concentration.top_share` of section 2 works on any column, not only `margin`.",
         "zh": "先建第 3.1 节的 `profit` 表（`costtoserve.abc_profit(accounts, units, rates)`）。第 2 节的 "
               "`concentration.top_share` 适用于任何列，不只是 `margin`。"},
        {"en": "The answer is above 1: the other customers together lose money, so the best 20% earn more than the "
               "total. `costtoserve.whale_summary(profit[\"profit\"])` also reports it as `top_share_profit`.",
         "zh": "答案大于 1：其余客户合起来是亏损的，所以最好的 20% 客户赚的比总利润还多。"
               "`costtoserve.whale_summary(profit[\"profit\"])` 的 `top_share_profit` 也给出这个数。"},
    ],
    solution={
        "en": (
            "```python\nprofit = costtoserve.abc_profit(accounts, units, rates)   # as in section 3.1\n"
            "whale = costtoserve.whale_summary(profit[\"profit\"])\n"
            "top20_profit_share = whale.top_share_profit   # about 1.55\n```\n"
            "The most profitable fifth earn about 155% of total profit (on margin alone they bring 88%): the "
            "loss-making customers give back more than half of what the best ones earn."
        ),
        "zh": (
            "```python\nprofit = costtoserve.abc_profit(accounts, units, rates)   # 同第 3.1 节\n"
            "whale = costtoserve.whale_summary(profit[\"profit\"])\n"
            "top20_profit_share = whale.top_share_profit   # 约 1.55\n```\n"
            "利润最高的五分之一客户赚取了总利润的约 155%（只看毛利时是 88%）：亏损客户吃掉了最好客户所赚利润的一半以上。"
        ),
    },
    right=[lazy(lambda: _top_share("profit")), lazy(lambda: round(_top_share("profit"), 2)),
           lazy(lambda: round(_top_share("profit"), 3))],
    wrong=[lazy(lambda: _top_share("margin")), lazy(lambda: 100 * _top_share("profit")), 0.2, 1.795, 1.0],
)

SEGMENTS = [
    {"en": "champions", "zh": "冠军客户", "aliases": ["champion"]},
    {"en": "loyal", "zh": "忠诚客户"},
    {"en": "new", "zh": "新客户"},
    {"en": "needs attention", "zh": "需关注客户", "aliases": ["attention", "needs_attention"]},
    {"en": "at risk", "zh": "高危客户", "aliases": ["at_risk", "at-risk"]},
    {"en": "lost", "zh": "沉睡客户"},
]

q9 = MappingQuestion(
    "q9",
    points=2,
    var="rfm_segment",
    answer={"a": "champions", "b": "at risk", "c": "new", "d": "lost", "e": "loyal", "f": "needs attention"},
    categories=SEGMENTS,
    prompt={
        "en": (
            "Using the lesson's RFM segments (champions: R 4–5 and F 4–5; loyal: R ≥ 3 and F ≥ 3, not champions; "
            "new: R 4–5, F 1–2; needs attention: R 3, F 1–2; at risk: R 1–2, F 3–5; lost: R 1–2, F 1–2), name the "
            "segment of each prepaid customer from their recency (R) and frequency (F) scores: "
            "(a) R 5, F 5. (b) R 1, F 4. (c) R 4, F 1. (d) R 2, F 2. (e) R 3, F 3. (f) R 3, F 1. "
            "Set `rfm_segment` to a dict from each letter to its segment."
        ),
        "zh": (
            "按课程中的 RFM 分群（冠军客户：R 4–5 且 F 4–5；忠诚客户：R ≥ 3 且 F ≥ 3，冠军客户除外；新客户：R 4–5，F 1–2；"
            "需关注客户：R 3，F 1–2；高危客户：R 1–2，F 3–5；沉睡客户：R 1–2，F 1–2），根据每位预付费客户的最近购买时间（R）"
            "和购买频率（F）评分写出其分群：(a) R 5，F 5。(b) R 1，F 4。(c) R 4，F 1。(d) R 2，F 2。(e) R 3，F 3。(f) R 3，F 1。"
            "把 `rfm_segment` 设为从字母到分群的字典（英文名如 \"champions\"、\"at risk\"，或中文名）。"
        ),
    },
    hints=[
        {"en": "Read recency first: 4–5 is recent, 3 is in between, 1–2 is long ago. Then frequency.",
         "zh": "先看 R：4–5 表示最近买过，3 居中，1–2 表示很久没买。再看 F。"},
        {"en": "A customer who used to buy often (high F) but not lately (low R) is the one to win back now.",
         "zh": "过去常买（F 高）但最近没买（R 低）的客户，正是现在要挽回的客户。"},
    ],
    solution={
        "en": (
            "(a) champions, (b) at risk, (c) new, (d) lost, (e) loyal, (f) needs attention.\n"
            "```python\nrfm_segment = {\"a\": \"champions\", \"b\": \"at risk\", \"c\": \"new\", \"d\": \"lost\", "
            "\"e\": \"loyal\", \"f\": \"needs attention\"}\n```"
        ),
        "zh": (
            "(a) 冠军客户，(b) 高危客户，(c) 新客户，(d) 沉睡客户，(e) 忠诚客户，(f) 需关注客户。\n"
            "```python\nrfm_segment = {\"a\": \"champions\", \"b\": \"at risk\", \"c\": \"new\", \"d\": \"lost\", "
            "\"e\": \"loyal\", \"f\": \"needs attention\"}\n```"
        ),
    },
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

q10 = NumberQuestion(
    "q10",
    points=2,
    var="rfm_code_c000061",
    answer=lazy(lambda: _rfm_code("C000061")),
    atol=0,
    rtol=0,
    prompt={
        "en": (
            "Score Skyline's prepaid customers by RFM from the `topups` table as of 2025-12-31, with the lesson's "
            "rules: recency = days from the last top-up to 2025-12-31, frequency = number of top-ups, monetary = "
            "total `amount_cny`; each scored 1–5 by rank (5 = the best fifth: the most recent, most frequent, "
            "largest), tied customers getting the lowest score of their group. What is the three-digit RFM code "
            "(R, F, M) of customer C000061? Store it as a whole number, e.g. 545, in `rfm_code_c000061`."
        ),
        "zh": (
            "按课程的规则，用 `topups` 表给天际通信的预付费客户做 RFM 评分，截止日期为 2025-12-31：R = 最后一次充值到 "
            "2025-12-31 的天数，F = 充值次数，M = `amount_cny` 的总额；每项按排名评 1–5 分（5 = 最好的五分之一：最近、最频繁、"
            "金额最大），并列的客户取所在组的最低分。客户 C000061 的三位 RFM 代码（R、F、M）是多少？把它以整数（如 545）存入 "
            "`rfm_code_c000061`。"
        ),
    },
    hints=[
        {"en": "Section 7 of the lesson does it: `rfm.rfm_table(...)`, then `rfm.rfm_scores(...)`; read the `rfm` column "
               "of C000061.",
         "zh": "课程第 7 节就是这样做的：先 `rfm.rfm_table(...)`，再 `rfm.rfm_scores(...)`；读出 C000061 的 `rfm` 列。"},
        {"en": "Recency is scored the other way round: few days since the last top-up is good, so many days gives a "
               "low R score.",
         "zh": "R 的评分方向相反：距上次充值的天数少才好，所以天数多时 R 分低。"},
    ],
    solution={
        "en": (
            "```python\nrecency = rfm.rfm_table(db.topups, date=\"topup_date\", amount=\"amount_cny\", as_of=\"2025-12-31\")\n"
            "rfm_code_c000061 = int(rfm.rfm_scores(recency).loc[\"C000061\", \"rfm\"])   # 133\n```\n"
            "C000061 topped up six times, but the last time was more than two years before the end of 2025: an "
            "\"at risk\" customer who has probably already left."
        ),
        "zh": (
            "```python\nrecency = rfm.rfm_table(db.topups, date=\"topup_date\", amount=\"amount_cny\", as_of=\"2025-12-31\")\n"
            "rfm_code_c000061 = int(rfm.rfm_scores(recency).loc[\"C000061\", \"rfm\"])   # 133\n```\n"
            "C000061 充值过六次，但最后一次距 2025 年底已超过两年：这是一位“高危客户”，很可能已经离开。"
        ),
    },
    right=[lazy(lambda: _rfm_code("C000061")), lazy(lambda: float(_rfm_code("C000061")))],
    wrong=[lazy(lambda: _rfm_code("C000061", reverse_recency=True)), 331, 555, lazy(lambda: _rfm_code("C000062") + 1),
           "133"],
)

q11 = NumberQuestion(
    "q11",
    points=2,
    var="survivors_year_10",
    answer=_sbg_survivors(0.704, 1.182, 10),
    atol=1.0,
    rtol=0,
    prompt={
        "en": (
            "A shifted-beta-geometric (sBG) model fitted to a cohort of 1,000 contract customers gives α = 0.704 and "
            "β = 1.182 (Fader & Hardie's \"regular\" customers). How many of the 1,000 does the model expect to be "
            "still customers at the end of year 10? Store the number in `survivors_year_10` (to the nearest "
            "customer)."
        ),
        "zh": (
            "对一个 1,000 位合约客户的同期群拟合移位贝塔几何（sBG）模型，得到 α = 0.704、β = 1.182（Fader 和 Hardie 的“普通”"
            "客户）。模型预计这 1,000 位客户中到第 10 年末还剩多少位？把结果存入 `survivors_year_10`（精确到一位客户）。"
        ),
    },
    hints=[
        {"en": "In the sBG model the share still there after t periods is S(t) = B(α, β + t) / B(α, β), with B the beta "
               "function; `sbg.survival(alpha, beta, periods)` gives S(0), …, S(periods).",
         "zh": "在 sBG 模型中，t 期后仍在的比例为 S(t) = B(α, β + t) / B(α, β)，B 是贝塔函数；"
               "`sbg.survival(alpha, beta, periods)` 给出 S(0) 到 S(periods)。"},
        {"en": "Take the last value of `sbg.survival(0.704, 1.182, 10)` and multiply by 1,000. Don't use a constant "
               "retention rate: the model's rate rises each year.",
         "zh": "取 `sbg.survival(0.704, 1.182, 10)` 的最后一个值乘以 1,000。不要用固定的保留率：模型的保留率每年都在上升。"},
    ],
    solution={
        "en": (
            "```python\nfrom crmlib import sbg\nsurvivors_year_10 = 1000 * sbg.survival(0.704, 1.182, 10)[-1]   # about 191\n"
            "```\nAbout 191 of 1,000 remain. A constant rate equal to the first year's (63%) would leave only about 10: "
            "the model's retention rate rises from 63% in year 1 to about 94% in year 10, because the customers most "
            "likely to leave go first."
        ),
        "zh": (
            "```python\nfrom crmlib import sbg\nsurvivors_year_10 = 1000 * sbg.survival(0.704, 1.182, 10)[-1]   # 约 191\n"
            "```\n1,000 位中约剩 191 位。如果一直用第一年的保留率（63%），只会剩下约 10 位：模型的保留率从第 1 年的 63% 升到第 "
            "10 年的约 94%，因为最容易离开的客户最先离开。"
        ),
    },
    right=[_sbg_survivors(0.704, 1.182, 10), 191, round(_sbg_survivors(0.704, 1.182, 10))],
    wrong=[1000 * (1.182 / (0.704 + 1.182)) ** 10, _sbg_survivors(0.704, 1.182, 9), _sbg_survivors(0.704, 1.182, 7),
           _sbg_survivors(0.704, 1.182, 10) / 1000, _sbg_survivors(1.182, 0.704, 10)],
)

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
    prompt={
        "en": (
            "Which kind of strategically significant customer is each one? "
            "(a) An oil-seed processor's two main customers take 60% of its processing time but absorb 85% of its "
            "fixed costs. (b) A hospital whose choice of telecom supplier other hospitals in the city follow. "
            "(c) A fleet operator whose demands made an insurer redesign its claims process, which then became the "
            "insurer's standard for everyone. (d) A government account expected to bring about ¥650,000 of margin, in "
            "today's money, over the years it stays. "
            "Set `ssc_kind` to a dict from each letter to \"high lifetime value\", \"benchmark\", \"inspiration\" or "
            "\"cost magnet\"."
        ),
        "zh": (
            "下列客户分别属于哪一种具有战略意义的客户？"
            "(a) 某油籽加工厂的两个主要客户占用了 60% 的加工时间，却分摊了 85% 的固定成本。(b) 一家医院，它选择哪家电信运营商，"
            "城里其他医院就跟着选。(c) 一家车队运营商，它的要求促使保险公司重新设计了理赔流程，新流程后来成为该公司面向所有客户的标准。"
            "(d) 一个政府客户，预计在合作期间带来约 650,000 元（现值）的利润。"
            "把 `ssc_kind` 设为从字母到 \"high lifetime value\"、\"benchmark\"、\"inspiration\" 或 \"cost magnet\" 的字典"
            "（也可写中文名称）。"
        ),
    },
    hints=[
        {"en": "Benchmarks are copied by others; inspirations make the firm improve; cost magnets carry fixed cost.",
         "zh": "标杆客户被别人效仿；启发型客户促使企业改进；成本磁铁承担固定成本。"},
        {"en": "A large future margin in today's money is what a CLV measures.",
         "zh": "以现值计的大额未来利润，正是客户终生价值所衡量的。"},
    ],
    solution={
        "en": (
            "(a) cost magnet: they absorb a larger share of fixed cost than of the work, which lets smaller customers "
            "be served profitably; (b) benchmark; (c) inspiration; (d) high lifetime value.\n"
            "```python\nssc_kind = {\"a\": \"cost magnet\", \"b\": \"benchmark\", \"c\": \"inspiration\", "
            "\"d\": \"high lifetime value\"}\n```"
        ),
        "zh": (
            "(a) 成本磁铁：它们分摊的固定成本比例高于所占的工作量比例，使较小的客户也能有利可图；(b) 标杆客户；(c) 启发型客户；"
            "(d) 高终生价值客户。\n"
            "```python\nssc_kind = {\"a\": \"cost magnet\", \"b\": \"benchmark\", \"c\": \"inspiration\", "
            "\"d\": \"high lifetime value\"}\n```"
        ),
    },
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
