"""Graded questions of lesson 04, the telecom case (exercise ``04_telecom_case``).

SQL and pandas questions on Skyline Telecom's database (numbers, a table, a set of customer ids),
churn analysis, campaign economics, and the memo (graded by hand against its rubric). Answers that
need the data are computed on first use (``lazy``), so importing the bank stays quick.

    >>> len(QUESTIONS) >= 12, EXERCISE_ID
    (True, '04_telecom_case')
"""

from __future__ import annotations

from functools import lru_cache

from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.lists import SetQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.questions import lazy
from crmlib.exercises.table import TableQuestion

EXERCISE_ID = "04_telecom_case"
TITLE = {"en": "The telecom case: graded exercises", "zh": "电信业案例：评分练习"}


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


q1 = NumberQuestion(
    "q1", points=2, var="complainers_2025", answer=lazy(_complainers_2025), atol=0.5,
    prompt={"en": "With SQL on `con`, count the **distinct customers** who opened at least one ticket of type "
                  "`'complaint'` in 2025 (table `tickets`, columns `customer_id`, `ticket_type`, `opened_date`). "
                  "Store the number in `complainers_2025`.",
            "zh": "用 `con` 上的 SQL，统计 2025 年至少提交过一张类型为 `'complaint'`（投诉）工单的**不同客户**数量"
                  "（表 `tickets`，列 `customer_id`、`ticket_type`、`opened_date`）。把结果存入 `complainers_2025`。"},
    hints=_h("`count(DISTINCT customer_id)` counts each customer once, however many complaints they made.",
             "`count(DISTINCT customer_id)` 对每位客户只计一次，无论其投诉多少次。",
             "Filter with `WHERE ticket_type = 'complaint' AND year(opened_date) = 2025`, then read the number with "
             "`con.sql(...).fetchall()[0][0]` (the first value of the first row).",
             "用 `WHERE ticket_type = 'complaint' AND year(opened_date) = 2025` 过滤，再用 "
             "`con.sql(...).fetchall()[0][0]`（第一行的第一个值）取出数字。"),
    solution={"en": "```python\ncomplainers_2025 = con.sql(\"\"\"SELECT count(DISTINCT customer_id) FROM tickets\n"
                    "    WHERE ticket_type = 'complaint' AND year(opened_date) = 2025\"\"\").fetchall()[0][0]   # 877\n```\n"
                    "Counting rows (`count(*)`) gives the number of complaints, not of customers. `con.sql(...)` "
                    "reads its whole result; `con.execute(...).fetchone()` would leave the rest of the result open "
                    "and block the next query on `con`.",
              "zh": "```python\ncomplainers_2025 = con.sql(\"\"\"SELECT count(DISTINCT customer_id) FROM tickets\n"
                    "    WHERE ticket_type = 'complaint' AND year(opened_date) = 2025\"\"\").fetchall()[0][0]   # 877\n```\n"
                    "用 `count(*)` 统计行数得到的是投诉次数，而不是客户数。`con.sql(...)` 会读完整个结果；"
                    "`con.execute(...).fetchone()` 则会让其余结果保持未读，挡住 `con` 上的下一次查询。"},
    right=[lazy(_complainers_2025), 877, 877.0],
    wrong=[lazy(lambda: int(((_db().tickets["ticket_type"] == "complaint") & (_db().tickets["opened_date"].dt.year == 2025)).sum())),
           8.77, 0, 8000],
)


# ---------------------------------------------------------------- q2: pandas, a table
def _churners_by_segment():
    import pandas as pd

    db = _db()
    left = db.customers[db.customers["customer_id"].isin(db.churn_events["customer_id"])]
    counts = left["segment"].astype(str).value_counts()
    order = ["individual_postpaid", "sme", "enterprise", "government"]
    return pd.Series([int(counts.get(s, 0)) for s in order], index=pd.Index(order, name="segment"), name="churners")


q2 = TableQuestion(
    "q2", points=2, var="churners_by_segment", answer=lazy(_churners_by_segment), ignore_row_order=True,
    prompt={"en": "With pandas, count the customers who left (`db.churn_events`) in each segment "
                  "(`db.customers.segment`). Store a Series named `churners`, indexed by the segment names "
                  "as text (`individual_postpaid`, `sme`, `enterprise`, `government`; the index named `segment`), "
                  "in `churners_by_segment`. Only these four segments: prepaid customers have no churn events, so "
                  "leave out any row with 0 churners (`value_counts()` on the category, or `observed=False`, adds one).",
            "zh": "用 pandas 统计每个客户细分（`db.customers.segment`）中流失的客户数（`db.churn_events`）。"
                  "把结果存为名为 `churners` 的 Series，索引为文本形式的细分名称（`individual_postpaid`、`sme`、"
                  "`enterprise`、`government`，索引名为 `segment`），存入 `churners_by_segment`。只要这四个细分："
                  "预付费客户没有流失记录，因此去掉流失人数为 0 的行（对分类列直接 `value_counts()` 或使用 "
                  "`observed=False` 会多出这样一行）。"},
    hints=_h("Keep the customers whose `customer_id` is in `db.churn_events.customer_id` (`.isin(...)`).",
             "保留 `customer_id` 出现在 `db.churn_events.customer_id` 中的客户（用 `.isin(...)`）。",
             "Then `.groupby(...)` or `.value_counts()` on the segment as text: `.astype(str)`; drop segments with "
             "no churners and name the result with `.rename('churners')`.",
             "然后对转成文本的细分（`.astype(str)`）做 `.value_counts()` 或 `.groupby(...)`；去掉没有流失客户的细分，"
             "并用 `.rename('churners')` 命名。"),
    solution={"en": "```python\nleft = db.customers[db.customers.customer_id.isin(db.churn_events.customer_id)]\n"
                    "churners_by_segment = left.segment.astype(str).value_counts().rename('churners')\n"
                    "churners_by_segment.index.name = 'segment'\n```\nIndividual postpaid 1,772, SME 276, "
                    "enterprise 14, government 3: prepaid customers never appear, they stop silently.",
              "zh": "```python\nleft = db.customers[db.customers.customer_id.isin(db.churn_events.customer_id)]\n"
                    "churners_by_segment = left.segment.astype(str).value_counts().rename('churners')\n"
                    "churners_by_segment.index.name = 'segment'\n```\n个人后付费 1,772，中小企业 276，大企业 14，"
                    "政府 3：预付费客户不会出现在这里，他们只是悄悄停止使用。"},
    right=[lazy(_churners_by_segment), lazy(lambda: _churners_by_segment().sort_values())],
    wrong=[lazy(lambda: _churners_by_segment() / 4609), lazy(lambda: _churners_by_segment().iloc[:3]),
           lazy(lambda: _churners_by_segment() + 1)],
)


# ---------------------------------------------------------------- q3: a set of customer ids
KEY_ACCOUNTS_LOST = ["C000045", "C000110", "C000270", "C001411", "C002705", "C003194", "C003823", "C004120",
                     "C004147", "C004154", "C004474", "C004731", "C004926", "C005085", "C006139", "C006628",
                     "C007353"]

q3 = SetQuestion(
    "q3", points=2, var="key_accounts_lost", answer=KEY_ACCOUNTS_LOST,
    prompt={"en": "Key accounts are the `enterprise` and `government` customers. Which key accounts left Skyline? "
                  "Use SQL or pandas on `customers` and `churn_events`, and store the **customer ids** as a list "
                  "(or set) in `key_accounts_lost`.",
            "zh": "关键客户是 `enterprise`（大企业）和 `government`（政府）客户。哪些关键客户离开了天际通信？"
                  "在 `customers` 和 `churn_events` 上用 SQL 或 pandas，把这些**客户编号**以列表（或集合）存入 "
                  "`key_accounts_lost`。"},
    hints=_h("Join (or `.isin`) the two tables on `customer_id` and keep the two key-account segments.",
             "按 `customer_id` 连接两张表（或用 `.isin`），只保留两个关键客户细分。",
             "In SQL: `SELECT customer_id FROM customers JOIN churn_events USING (customer_id) WHERE segment IN "
             "('enterprise', 'government')`; then `.df().customer_id.tolist()`.",
             "SQL 写法：`SELECT customer_id FROM customers JOIN churn_events USING (customer_id) WHERE segment IN "
             "('enterprise', 'government')`，再用 `.df().customer_id.tolist()`。"),
    solution={"en": "```python\nkey_accounts_lost = con.sql(\"\"\"SELECT customer_id FROM customers JOIN churn_events\n"
                    "    USING (customer_id) WHERE segment IN ('enterprise', 'government')\"\"\").df().customer_id.tolist()\n```\n"
                    "17 accounts: 14 enterprise, 3 government.",
              "zh": "```python\nkey_accounts_lost = con.sql(\"\"\"SELECT customer_id FROM customers JOIN churn_events\n"
                    "    USING (customer_id) WHERE segment IN ('enterprise', 'government')\"\"\").df().customer_id.tolist()\n```\n"
                    "共 17 个账户：14 个大企业，3 个政府客户。"},
    right=[KEY_ACCOUNTS_LOST, set(KEY_ACCOUNTS_LOST), list(reversed(KEY_ACCOUNTS_LOST))],
    wrong=[KEY_ACCOUNTS_LOST[:-3], KEY_ACCOUNTS_LOST + ["C000001"], "C000045"],
)


# ---------------------------------------------------------------- q4-q6: churn analysis
def _m2m_rate() -> float:
    m = _months()
    ip = m[(m["segment"] == "individual_postpaid") & (m["contract"] == "month_to_month")]
    return float(ip["churned"].mean())


q4 = NumberQuestion(
    "q4", points=2, var="m2m_monthly_churn", answer=lazy(_m2m_rate), atol=0.0005, decimals=3,
    prompt={"en": "`months = churn.customer_months(db)` has one row per contract customer and month at risk. "
                  "What is the monthly churn rate of **individual postpaid** customers on a **month-to-month** "
                  "contract (`segment`, `contract`, `churned`)? Give a share with at least 3 decimals (e.g. 0.052 "
                  "for 5.2 %; answers within 0.0005 count) in `m2m_monthly_churn`.",
            "zh": "`months = churn.customer_months(db)` 每行是一位合约客户的一个在网月份。**个人后付费**且为"
                  "**按月合约**的客户，月流失率是多少（列 `segment`、`contract`、`churned`）？以至少 3 位小数的小数"
                  "（如 0.052 表示 5.2%；与正确值相差不超过 0.0005 即可）存入 `m2m_monthly_churn`。"},
    hints=_h("Filter the rows on both columns first.", "先按两列筛选行。",
             "The mean of a true/false column is the share of true values: `rows.churned.mean()`.",
             "真/假列的平均值就是“真”的比例：`rows.churned.mean()`。"),
    solution={"en": "```python\nip = months[(months.segment == 'individual_postpaid') & (months.contract == 'month_to_month')]\n"
                    "m2m_monthly_churn = ip.churned.mean()   # 0.0406\n```\nAbout 4.1 % a month, against 1.7 % on "
                    "12-month and 1.1 % on 24-month contracts.",
              "zh": "```python\nip = months[(months.segment == 'individual_postpaid') & (months.contract == 'month_to_month')]\n"
                    "m2m_monthly_churn = ip.churned.mean()   # 0.0406\n```\n每月约 4.1%，而 12 个月合约为 1.7%，"
                    "24 个月合约为 1.1%。"},
    right=[lazy(_m2m_rate), 0.0406, 0.041],
    wrong=[4.06, 0.0218, 0.0172, 0.5, 0.04],
)


def _unresolved_ratio() -> float:
    m = _months()
    return float(m.loc[m["unresolved"], "churned"].mean() / m.loc[~m["unresolved"], "churned"].mean())


q5 = NumberQuestion(
    "q5", points=2, var="unresolved_ratio", answer=lazy(_unresolved_ratio), atol=0.05, decimals=1,
    prompt={"en": "In `months`, how many times higher is the monthly churn rate in months that follow an "
                  "unresolved complaint or billing dispute (`unresolved` true) than in the other months? Store the "
                  "ratio with at least 1 decimal (e.g. 1.5; answers within 0.05 count) in `unresolved_ratio`.",
            "zh": "在 `months` 中，紧随未解决投诉或账单争议之后的月份（`unresolved` 为真）的月流失率，是其他月份的多少倍？"
                  "把这个倍数（至少 1 位小数，如 1.5；相差不超过 0.05 即可）存入 `unresolved_ratio`。"},
    hints=_h("Compute two churn rates: one for rows with `unresolved` true, one for the rest.",
             "分别计算两个流失率：`unresolved` 为真的行，以及其余的行。",
             "`churn.churn_rates(months, 'unresolved')` gives both; divide the true row by the false row.",
             "`churn.churn_rates(months, 'unresolved')` 同时给出两者；用“真”的一行除以“假”的一行。"),
    solution={"en": "```python\nr = churn.churn_rates(months, 'unresolved')['churn_rate']\nunresolved_ratio = r[True] / r[False]"
                    "   # 5.37 % / 2.07 % = 2.6\n```\nAn unresolved complaint multiplies the risk of leaving by about 2.6.",
              "zh": "```python\nr = churn.churn_rates(months, 'unresolved')['churn_rate']\nunresolved_ratio = r[True] / r[False]"
                    "   # 5.37% / 2.07% = 2.6\n```\n一次未解决的投诉使流失风险提高到约 2.6 倍。"},
    right=[lazy(_unresolved_ratio), 2.6],
    wrong=[0.0537, 1 / 2.6, 3.0, 5.37],
)


def _survival_12() -> float:
    from crmlib import churn

    life = churn.customer_lifetimes(_db())
    km = churn.kaplan_meier(life, duration="months", event="churned", group="contract", entry="entry_months")
    return float(churn.survival_at(km, 12)["month_to_month"])


q6 = NumberQuestion(
    "q6", points=2, var="m2m_survival_12", answer=lazy(_survival_12), atol=0.005, decimals=2,
    prompt={"en": "With `life = churn.customer_lifetimes(db)` and `churn.kaplan_meier(life, duration='months', "
                  "event='churned', group='contract', entry='entry_months')`, what share of month-to-month customers "
                  "is still with Skyline 12 months after joining? Give a share with at least 2 decimals (e.g. 0.35; "
                  "answers within 0.005 count) in `m2m_survival_12`.",
            "zh": "用 `life = churn.customer_lifetimes(db)` 和 `churn.kaplan_meier(life, duration='months', "
                  "event='churned', group='contract', entry='entry_months')`，按月合约客户在入网 12 个月后仍在网的比例是多少？"
                  "以至少 2 位小数的小数（如 0.35；相差不超过 0.005 即可）存入 `m2m_survival_12`。"},
    hints=_h("`churn.survival_at(curves, 12)` reads every curve at month 12.",
             "`churn.survival_at(curves, 12)` 读取每条曲线在第 12 个月的值。",
             "Pick the `month_to_month` entry of that Series.", "取该 Series 中 `month_to_month` 的值。"),
    solution={"en": "```python\ncurves = churn.kaplan_meier(life, duration='months', event='churned', group='contract',"
                    " entry='entry_months')\nm2m_survival_12 = churn.survival_at(curves, 12)['month_to_month']   # 0.52\n```\n"
                    "About half are gone within a year, against a quarter of 12-month customers.",
              "zh": "```python\ncurves = churn.kaplan_meier(life, duration='months', event='churned', group='contract',"
                    " entry='entry_months')\nm2m_survival_12 = churn.survival_at(curves, 12)['month_to_month']   # 0.52\n```\n"
                    "约一半客户在一年内离开，而 12 个月合约客户只有四分之一离开。"},
    right=[lazy(_survival_12), 0.52],
    wrong=[52.0, 0.76, 0.48, 1.0],
)

q7 = ChoiceQuestion(
    "q7", points=1, var="auc_meaning",
    options=[{"en": "a churner picked at random gets a higher risk score than a stayer picked at random, 3 times in 4",
              "zh": "随机抽取的一位流失客户，其风险分数高于随机抽取的一位留存客户的概率为四分之三"},
             {"en": "the model predicts 75% of customers correctly", "zh": "模型对 75% 的客户预测正确"},
             {"en": "75% of customers will churn", "zh": "75% 的客户会流失"}],
    answer="a churner picked at random gets a higher risk score than a stayer picked at random, 3 times in 4",
    prompt={"en": "A churn model has an AUC of 0.75 on held-out customers. What does that mean? Set `auc_meaning` to "
                  "the letter of your choice.",
            "zh": "一个流失模型在留出客户上的 AUC 为 0.75。这是什么意思？把所选选项的字母存入 `auc_meaning`。"},
    hints=_h("AUC compares pairs of customers, one who left and one who stayed.",
             "AUC 比较的是成对的客户：一位流失的，一位留下的。",
             "Accuracy depends on a cut-off; AUC does not use any cut-off.", "准确率取决于分界点，而 AUC 不使用分界点。"),
    solution={"en": "(a). AUC is the chance that the model ranks a random churner above a random stayer; 0.5 is "
                    "guessing and 1 is perfect. It says nothing about how many customers will churn.",
              "zh": "（a）。AUC 是模型把随机一位流失客户排在随机一位留存客户之前的概率；0.5 相当于瞎猜，1 为完美。"
                    "它并不说明有多少客户会流失。"},
    right=["a", "A", "(a)"],
    wrong=["b", "c", "75% of customers will churn"],
)


# ---------------------------------------------------------------- q8-q11: campaign economics
def _m2m_uplift() -> float:
    from crmlib import campaign

    u = campaign.uplift_table(campaign.retention_outcomes(_db()), outcome="churned", by="contract")
    return float(u.loc["month_to_month", "uplift"])


q8 = NumberQuestion(
    "q8", points=2, var="m2m_uplift", answer=lazy(_m2m_uplift), atol=0.0005, decimals=3,
    prompt={"en": "The retention campaign CP01 started on 2024-10-01 with a random control group. Among "
                  "month-to-month customers, what is the uplift: the share who left within 92 days in the control "
                  "group minus that share in the treated group? Use `campaign.retention_outcomes(db)` and "
                  "`campaign.uplift_table(..., outcome='churned', by='contract')`; give a share with at least 3 "
                  "decimals (e.g. 0.052; answers within 0.0005 count) in `m2m_uplift`.",
            "zh": "保留活动 CP01 于 2024-10-01 开始，并设有随机对照组。在按月合约客户中，提升效果（uplift）是多少，"
                  "即对照组 92 天内流失的比例减去处理组的该比例？使用 `campaign.retention_outcomes(db)` 和 "
                  "`campaign.uplift_table(..., outcome='churned', by='contract')`；以至少 3 位小数的小数（如 0.052；"
                  "相差不超过 0.0005 即可）存入 `m2m_uplift`。"},
    hints=_h("The table has one row per contract group and a column `uplift`.",
             "该表每个合约组一行，并有一列 `uplift`。",
             "Read it with `.loc['month_to_month', 'uplift']`.", "用 `.loc['month_to_month', 'uplift']` 读取。"),
    solution={"en": "```python\nu = campaign.uplift_table(campaign.retention_outcomes(db), outcome='churned', by='contract')\n"
                    "m2m_uplift = u.loc['month_to_month', 'uplift']   # 18.1 % − 6.8 % = 0.113\n```\nOf every 100 month-to-month customers offered, about 11 fewer left.",
              "zh": "```python\nu = campaign.uplift_table(campaign.retention_outcomes(db), outcome='churned', by='contract')\n"
                    "m2m_uplift = u.loc['month_to_month', 'uplift']   # 18.1% − 6.8% = 0.113\n```\n优惠使每 100 位按月合约客户中约少流失 11 位。"},
    right=[lazy(_m2m_uplift), 0.113],
    wrong=[11.3, -0.113, 0.068, -0.026, 0.11],
)

q9 = NumberQuestion(
    "q9", points=2, var="campaign_roi", answer=2.0, atol=0.01,
    prompt={"en": "A retention campaign has a budget of CNY 20,000 and each offer costs CNY 40. Every targeted "
                  "customer has a 10 % risk of leaving, the offer cuts that risk by 60 % (relative), and each "
                  "customer kept is worth a CLV of CNY 2,000. What is the ROI, (CLV kept − spend) / spend? "
                  "Store it as a number (e.g. 0.5 for 50 %) in `campaign_roi`.",
            "zh": "某保留活动预算为 20,000 元，每份优惠成本 40 元。每位目标客户的流失风险为 10%，优惠使该风险（相对）降低 60%，"
                  "每留住一位客户的客户终生价值（CLV）为 2,000 元。投资回报率 (保住的 CLV − 投入) / 投入 是多少？以数字"
                  "（如 0.5 表示 50%）存入 `campaign_roi`。"},
    hints=_h("First: how many customers can the budget reach, and how many of them are saved (risk × effect)?",
             "先算：预算能覆盖多少客户？其中有多少被挽留（风险 × 效果）？",
             "Customers reached = budget ÷ offer cost; saved = reached × risk × effect; CLV kept = saved × CLV. "
             "Then subtract the spend and divide by it.",
             "覆盖客户数 = 预算 ÷ 每份优惠成本；挽留客户数 = 覆盖客户数 × 风险 × 效果；保住的 CLV = 挽留客户数 × CLV。"
             "再减去投入，并除以投入。"),
    solution={"en": "```python\nreached = 20000 / 40            # 500 customers\nsaved = reached * 0.10 * 0.60    # 30\n"
                    "kept = saved * 2000              # CNY 60,000\ncampaign_roi = (kept - 20000) / 20000   # 2.0, i.e. 200 %\n```",
              "zh": "```python\nreached = 20000 / 40            # 500 位客户\nsaved = reached * 0.10 * 0.60    # 30\n"
                    "kept = saved * 2000              # 60,000 元\ncampaign_roi = (kept - 20000) / 20000   # 2.0，即 200%\n```"},
    right=[2.0, 2, (60000 - 20000) / 20000],
    wrong=[200, 3.0, 1.0, 0.3],
)


def _acquisition_cost() -> float:
    c = _db().customers
    return float(c.loc[c["segment"] == "individual_postpaid", "acquisition_cost_cny"].mean())


q10 = NumberQuestion(
    "q10", points=1, var="acquisition_cost", answer=lazy(_acquisition_cost), atol=0.5,
    prompt={"en": "What does it cost Skyline on average to win one new individual postpaid customer? Take the mean "
                  "of `acquisition_cost_cny` in `db.customers` for that segment, in CNY (answers within 0.5 count), "
                  "and store it in `acquisition_cost`.",
            "zh": "天际通信平均赢得一位新的个人后付费客户要花多少钱？对 `db.customers` 中该细分的 `acquisition_cost_cny` "
                  "取平均值（单位：元，相差不超过 0.5 即可），存入 `acquisition_cost`。"},
    hints=_h("Filter on `segment == 'individual_postpaid'`.", "按 `segment == 'individual_postpaid'` 筛选。",
             "Then `.acquisition_cost_cny.mean()`.", "然后用 `.acquisition_cost_cny.mean()`。"),
    solution={"en": "```python\nc = db.customers\nacquisition_cost = c[c.segment == 'individual_postpaid'].acquisition_cost_cny.mean()"
                    "   # about CNY 282\n```\nEach customer a campaign saves spares about this much acquisition spending: the "
                    "lesson's `replacement_cost` column is this amount times the customers saved.",
              "zh": "```python\nc = db.customers\nacquisition_cost = c[c.segment == 'individual_postpaid'].acquisition_cost_cny.mean()"
                    "   # 约 282 元\n```\n活动每挽留一位客户，大约就省下这么多获客支出：课程中的 `replacement_cost` 列就是这个金额乘以挽留的客户数。"},
    right=[lazy(_acquisition_cost), 282],
    wrong=[lazy(lambda: float(_db().customers["acquisition_cost_cny"].mean())), 2.82, 300 * 7],
)

q11 = ChoiceQuestion(
    "q11", points=1, var="do_not_target",
    options=[{"en": "customers on 12- or 24-month contracts", "zh": "12 或 24 个月合约的客户"},
             {"en": "month-to-month customers", "zh": "按月合约的客户"},
             {"en": "neither: the offer helps everyone", "zh": "都不是：优惠对所有人都有帮助"}],
    answer="customers on 12- or 24-month contracts",
    prompt={"en": "In CP01's control-group comparison, which customers should the next retention offer leave out? "
                  "Set `do_not_target` to the letter of your choice.",
            "zh": "根据 CP01 与对照组的比较，下一次保留优惠应当避开哪些客户？把所选选项的字母存入 `do_not_target`。"},
    hints=_h("Look at the uplift of each contract group: which one is negative?",
             "看每个合约组的提升效果：哪一个是负数？",
             "An offer can remind a contented customer that they could leave (a \"sleeping dog\").",
             "优惠可能提醒一位原本满意的客户：他其实可以离开（“沉睡的狗”）。"),
    solution={"en": "(a). Contract customers who got the offer left more often (8.3 % vs 5.7 %): an uplift of about "
                    "−2.6 points. Target by risk × offer effect × value, not by risk alone.",
              "zh": "（a）。收到优惠的合约客户流失更多（8.3% 对 5.7%），提升效果约为 −2.6 个百分点。应按“风险 × 优惠效果 × 价值”"
                    "而不是只按风险选择目标。"},
    right=["a", "(a)", "customers on 12- or 24-month contracts"],
    wrong=["b", "c", "month-to-month customers"],
)


# ---------------------------------------------------------------- q12: the value chain
def _user_service_2025() -> float:
    v = _db().value_chain
    row = v[(v["year"] == 2025) & (v["link"] == "user_service")]
    return float((row["revenue_attributed_cny_million"] - row["cost_cny_million"]).iloc[0])


q12 = NumberQuestion(
    "q12", points=1, var="user_service_value_added", answer=lazy(_user_service_2025), atol=0.5,
    prompt={"en": "From `db.value_chain`, what value did the **user service** link add in 2025, in CNY million "
                  "(attributed revenue − cost; answers within 0.5 count)? Store it in `user_service_value_added`.",
            "zh": "根据 `db.value_chain`，2025 年**用户服务**环节创造的增加值是多少（百万元；归属收入 − 成本；相差不超过 0.5 即可）？"
                  "存入 `user_service_value_added`。"},
    hints=_h("Keep the row with `year == 2025` and `link == 'user_service'`.",
             "保留 `year == 2025` 且 `link == 'user_service'` 的那一行。",
             "Subtract `cost_cny_million` from `revenue_attributed_cny_million`; the sign matters.",
             "用 `revenue_attributed_cny_million` 减去 `cost_cny_million`；注意正负号。"),
    solution={"en": "```python\nv = db.value_chain\nrow = v[(v.year == 2025) & (v.link == 'user_service')]\n"
                    "user_service_value_added = (row.revenue_attributed_cny_million - row.cost_cny_million).item()   # −43\n```\n"
                    "User service destroys value and is the weakest link; it is also where unresolved complaints, "
                    "a leading churn driver, are handled.",
              "zh": "```python\nv = db.value_chain\nrow = v[(v.year == 2025) & (v.link == 'user_service')]\n"
                    "user_service_value_added = (row.revenue_attributed_cny_million - row.cost_cny_million).item()   # −43\n```\n"
                    "用户服务环节在减少价值，是最薄弱的环节；而未解决的投诉——主要的流失驱动因素之一——也正是在这里处理的。"},
    right=[lazy(_user_service_2025), -43],
    wrong=[43, -43e6, 446, 0],
)


# ---------------------------------------------------------------- q13: the memo
q13 = FreeTextQuestion(
    "q13", var="memo", min_words=120, max_words=300,
    rubric=[({"en": "States the churn problem with numbers from the data (e.g. monthly churn by contract, survival)",
              "zh": "用数据中的数字说明流失问题（如按合约的月流失率、留存曲线）"}, 2),
            ({"en": "Names the main drivers with their sizes (contract, unresolved complaints, faults, price rise, bundles)",
              "zh": "指出主要驱动因素及其大小（合约、未解决投诉、故障、涨价、捆绑）"}, 2),
            ({"en": "Recommends a retention campaign with budget, targeting rule and expected saved customers, CLV "
                    "kept and ROI, measured against a control group; excludes contract customers",
              "zh": "提出保留活动建议，包括预算、目标规则、预计挽留客户、保住的客户终生价值（CLV）和投资回报率，并以对照组衡量；排除合约客户"}, 3),
            ({"en": "Links churn to the value chain (user service, network operation) and says where to invest",
              "zh": "把流失与价值链（用户服务、网络运营）联系起来，并说明应投资在哪里"}, 2),
            ({"en": "Gives implementation advice: mindset, phased roll-out, process re-engineering",
              "zh": "给出实施建议：观念转变、分阶段推行、流程再造"}, 1)],
    prompt={"en": "Write the deliverable of the case: a recommendation memo of 120 to 300 words to Skyline's "
                  "management, with your numbers. Store the text in `memo` (a string in triple quotes). Your "
                  "instructor grades it on the rubric printed in the exercise notebook (10 points).",
            "zh": "写出本案例的交付成果：一份给天际通信管理层的建议备忘录（120–300 个英文单词或相应长度的中文），并附上你的数字。"
                  "把文字存入 `memo`（用三引号括起的字符串）。教师按练习笔记本中列出的评分标准（共 10 分）评分。"},
    hints=_h("Structure: problem, causes, recommendation, expected result, how to implement.",
             "结构：问题、原因、建议、预期结果、如何实施。",
             "Reuse the numbers you computed above (q4-q12) and the campaign planner's output.",
             "使用上面（q4–q12）算出的数字以及活动规划器的结果。"),
    solution={"en": "A good memo opens with the problem (4 % a month of month-to-month customers leave; half are gone "
                    "within a year), names the drivers with sizes, proposes a campaign aimed at month-to-month "
                    "customers ranked by risk × offer effect × value with its expected numbers, fixes complaint "
                    "handling and the network where faults spike, and phases the roll-out.",
              "zh": "一份好的备忘录先说明问题（按月合约客户每月流失 4%，一年内约一半离开），再给出驱动因素及其大小，"
                    "提出面向按月合约客户、按“风险 × 优惠效果 × 价值”排序的活动及其预期数字，改进投诉处理和故障频发地区的网络，"
                    "并分阶段推行。"},
    right=[" ".join(["Month-to-month customers leave at four percent a month."] * 20)],
    wrong=["Too short to grade.", 42, " ".join(["Month-to-month customers leave at four percent a month."] * 40)],
)

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13]
