"""Practice questions of notebook ``00_start_here``: try check, hint and solution on two easy ones.

Facts: the retention arithmetic is the course's own example; "winning a customer costs about
five times as much as keeping one" is the Harvard Business Review figure quoted in course notes S0 and
002 (syllabus, lesson 01, section 5).

    >>> [q.id for q in QUESTIONS], sum(q.points for q in QUESTIONS)
    (['q1', 'q2'], 3)
"""

from __future__ import annotations

from decimal import Decimal

from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.number import NumberQuestion
from crmlib.exercises.source import bank_text

EXERCISE_ID = "00_start_here"
TEXT = bank_text(__file__)  # prompts, hints, solutions and mistakes: start_here.en.md, start_here.zh.md
TITLE = TEXT.title
NOTEBOOK = False  # lesson 00 shows these two questions itself: there is no exercises/00 notebook

CODE_Q1 = """\
remaining_after_2_years = 1000 * 0.8 ** 2   # 640.0
"""

q1 = NumberQuestion(
    "q1",
    points=2,
    var="remaining_after_2_years",
    answer=640,
    rtol=0,
    atol=0.5,
    **TEXT["q1"], code=CODE_Q1,
    mistakes={"same_loss_each_year": 600},
    right=[640, 640.0, 1000 * 0.8 * 0.8, 1000 * 0.8**2, 640.4, 639.6, Decimal("640")],
    wrong=[600, 800, 360, 6.4, 64000, -640, 641, "640", True],
)

CODE_Q2 = """\
costs_more = "a"
"""

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
    **TEXT["q2"], code=CODE_Q2,
    right=["winning a new customer", "a", "A", "(a)", "  Winning a NEW customer. ", "赢得一位新客户", "acquisition"],
    wrong=["b", "keeping an existing one", "they cost about the same", "c", "d", "both", 1],
)

QUESTIONS = [q1, q2]
