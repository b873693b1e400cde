"""Prose numbers of notebooks/00_start_here.ipynb (see tests/prose_numbers.py)."""

from __future__ import annotations

from crmlib import economics

START, RATE, YEARS = 1000, 0.8, 5  # the widget's defaults (crmlib.widgets.retention_app)


def _left(rate: float) -> float:
    return round(economics.survivors(START, rate, YEARS)[-1])


def _life(rate: float) -> float:
    return economics.average_lifetime(rate)


PINS = {
    "at 80% retention 33% of the customers\nremain after 5 years": lambda: (
        RATE * 100, 100 * economics.survivors(START, RATE, YEARS)[-1] / START, YEARS),
    "starts with 1,000 customers and a **retention rate** of 80%": lambda: (START, RATE * 100),
    "of the customers still there leaves, where $r$ is the retention rate. Of 1,000 customers": lambda: START,
    "and dividing by 1,000 gives": lambda: START,
    "At 80% retention a fifth": lambda: RATE * 100,
    "from 80% to 90%. After five years 590 customers remain instead of 328": lambda: (80, 90, _left(0.9), _left(0.8)),
    "from 5 to 10 years": lambda: (_life(0.8), _life(0.9)),
    "(6.7 at 85%)": lambda: (_life(0.85), 85),
    "(from 20% to 10%)": lambda: ((1 - 0.8) * 100, (1 - 0.9) * 100),
    "down to 50%. Only 31 of the 1,000 remain": lambda: (50, _left(0.5), START),
    "stays 2 years": lambda: _life(0.5),
    "80% vs 90% retention\n  leaves 328 vs 590 of 1,000": lambda: (80, 90, _left(0.8), _left(0.9), START),
    "5 years at 80%, 10 years at 90%": lambda: (_life(0.8), 80, _life(0.9), 90),
    "An average of 5 years may seem odd when the chart shows only 328 of the 1,000 customers": lambda: (
        _life(RATE), _left(RATE), START),
    "(512 are still there after three years, 410 after four)": lambda: (
        round(economics.survivors(START, RATE, 3)[-1]), round(economics.survivors(START, RATE, 4)[-1])),
    "At 99% retention the\nwidget says 100 years": lambda: (99, round(_life(0.99))),
}

SOURCED = {
    "**Practice question 1.**": "the question's number",
    "**Practice question 2.**": "the question's number",
    "gives level 2 directly": "a hint level, not a result",
    "A firm keeps 80% of its customers each year (its **retention rate (留存率)** is\n80%). Of 1,000 customers today, how many remain after 2 years?":
        "the inputs of practice question 1 (crmlib/exercises/banks/start_here.py), chosen by the question",
}
