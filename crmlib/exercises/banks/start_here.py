"""Practice questions of notebook ``00_start_here``: try check, hint and solution on two easy ones.

Facts: the retention arithmetic is the course's own example; "winning a customer costs about
five times as much as keeping one" is the Harvard Business Review figure quoted in seeds 000 and
002 (syllabus, lesson 01, section 5).

    >>> [q.id for q in QUESTIONS], sum(q.points for q in QUESTIONS)
    (['q1', 'q2'], 3)
"""

from __future__ import annotations

from decimal import Decimal

from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.number import NumberQuestion

EXERCISE_ID = "00_start_here"
TITLE = {"en": "Start here: practice questions", "zh": "从这里开始：练习题"}

q1 = NumberQuestion(
    "q1",
    points=2,
    var="remaining_after_2_years",
    answer=640,
    rtol=0,
    atol=0.5,
    prompt={
        "en": (
            "A firm keeps 80% of its customers each year. Of the 1,000 customers it has today, how many "
            "remain after 2 years (count only today's customers, not new ones)? "
            "Store the number in `remaining_after_2_years`."
        ),
        "zh": (
            "某企业每年能留住 80% 的客户。它今天有 1,000 位客户，两年后其中还剩多少位（只算今天的这些客户，"
            "不算新客户）？把结果存入 `remaining_after_2_years`。"
        ),
    },
    hints=[
        {
            "en": "Go one year at a time. After the first year, 80% of the 1,000 customers are still with the firm.",
            "zh": "一年一年地算。第一年过后，1,000 位客户中有 80% 仍留在企业。",
        },
        {
            "en": (
                "In the second year the firm again keeps 80%, but of the customers left after year one, "
                "not of the original 1,000."
            ),
            "zh": "第二年企业同样留住 80%，但基数是第一年后剩下的客户，而不是最初的 1,000 位。",
        },
        {
            "en": "So multiply by 0.8 twice: `1000 * 0.8 * 0.8` (the same as `1000 * 0.8 ** 2`).",
            "zh": "所以要乘两次 0.8：`1000 * 0.8 * 0.8`（等同于 `1000 * 0.8 ** 2`）。",
        },
    ],
    solution={
        "en": (
            "Each year keeps 80% of the customers who were there when the year began, so the yearly "
            "shares multiply: 1,000 × 0.8 = 800 after one year, and 800 × 0.8 = 640 after two.\n"
            "```python\nremaining_after_2_years = 1000 * 0.8 ** 2   # 640.0\n```\n"
            "A common slip is 1,000 − 2 × 200 = 600: the second year loses 20% of 800, not of 1,000."
        ),
        "zh": (
            "每一年都留住年初客户的 80%，所以各年的比例要连乘：一年后 1,000 × 0.8 = 800，两年后 800 × 0.8 = 640。\n"
            "```python\nremaining_after_2_years = 1000 * 0.8 ** 2   # 640.0\n```\n"
            "常见的错误是 1,000 − 2 × 200 = 600：第二年流失的是 800 的 20%，而不是 1,000 的 20%。"
        ),
    },
    right=[640, 640.0, 1000 * 0.8 * 0.8, 1000 * 0.8**2, 640.4, 639.6, Decimal("640")],
    wrong=[600, 800, 360, 6.4, 64000, -640, 641, "640", True],
)

q2 = ChoiceQuestion(
    "q2",
    points=1,
    var="costs_more",
    options=[
        {"en": "winning a new customer", "zh": "赢得一位新客户", "aliases": ["acquisition", "acquiring a new customer"]},
        {"en": "keeping an existing one", "zh": "留住一位老客户", "aliases": ["retention", "keeping an existing customer"]},
        {"en": "they cost about the same", "zh": "两者成本差不多"},
    ],
    answer="winning a new customer",
    prompt={
        "en": (
            "Which usually costs more: winning a new customer or keeping an existing one? "
            "Set `costs_more` to the text of your choice or to its letter, e.g. `costs_more = \"b\"`."
        ),
        "zh": (
            "通常哪一项成本更高：赢得一位新客户，还是留住一位老客户？"
            "把 `costs_more` 设为所选选项的文字或字母，例如 `costs_more = \"b\"`。"
        ),
    },
    hints=[
        {
            "en": (
                "List what it takes to win someone who has never bought from the firm: advertising, sales "
                "calls, trial discounts, much of it spent on people who never buy."
            ),
            "zh": "想一想要赢得一位从未买过的人需要什么：广告、销售拜访、试用折扣，而且很多投入花在了最终没有购买的人身上。",
        },
        {
            "en": (
                "An existing customer already knows the firm and its products. The course notes quote a "
                "study that puts one of the two costs at about five times the other."
            ),
            "zh": "老客户已经了解企业和它的产品。课程资料引用的一项研究发现，其中一项成本大约是另一项的五倍。",
        },
    ],
    solution={
        "en": (
            "(a) winning a new customer. A Harvard Business Review study, quoted in the course sources, "
            "finds that acquiring a customer costs about five times as much as keeping one (and attacking "
            "rivals' markets costs 5–8 times as much as defending your own). This is why CRM puts keeping "
            "customers first.\n```python\ncosts_more = \"a\"\n```"
        ),
        "zh": (
            "（a）赢得一位新客户。课程资料引用的《哈佛商业评论》研究表明，获取一位新客户的成本约为留住一位老客户的"
            "五倍（进攻性营销的成本是防守性营销的 5–8 倍）。这正是客户关系管理重视保留客户的原因。\n"
            "```python\ncosts_more = \"a\"\n```"
        ),
    },
    right=["winning a new customer", "a", "A", "(a)", "  Winning a NEW customer. ", "赢得一位新客户", "acquisition"],
    wrong=["b", "keeping an existing one", "they cost about the same", "c", "d", "both", 1],
)

QUESTIONS = [q1, q2]
