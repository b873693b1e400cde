"""04_telecom_case in a real browser: both notebooks run clean, and each of the lesson's three widgets
shows what the analysis computes, before and after its slider moves.

The lesson's contract (what this test relies on):
* Run All finishes with no error, warning or stderr output, in the lesson and in its exercise notebook;
* the survival explorer shows a slider "Read survival at month" (24 at first), a chart image and the lines
  "Still a customer after 24 months, by contract:" then "  <contract>: NN%" per contract type;
* the campaign planner shows a slider "Campaign budget (CNY)" (20,000 at first; offer cost: CP01's cost per
  offer made, rounded; target by risk × offer effect × value, replacement at the mean acquisition cost,
  rounded), a chart image and the
  lines "Customers contacted: …", "Spend: CNY …", "Expected customers saved: …", "CLV kept: CNY …", "ROI: …%"
  and "Winning … replacement customers would cost: CNY …";
* the cross-sell explorer shows a slider "Offer only if peers holding it at least" (10 % at first, for the
  individual postpaid segment), a chart image and the lines "Customers in <segment>: N",
  "Customers with an offer: N" and "Offer <product>: N customers";
* moving a slider changes those numbers to what crmlib computes for the new value (computed here, from the
  same data, by calling the analysis functions) and changes the chart image's bytes.

Screenshots go to test-artifacts/browser/telecom_case_*.png.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from .lab import Lab, Notebook, WidgetOutput

WIDGETS = ".jp-OutputArea-output:has(.jupyter-widgets)"
NUMBER = r"(-?[\d,]+(?:\.\d+)?)"
PLAN_LINES = {
    "targeted": rf"Customers contacted:\s+{NUMBER}\s+of",
    "eligible": rf"Customers contacted:\s+[\d,]+\s+of\s+{NUMBER}",
    "spend": rf"Spend:\s+CNY\s+{NUMBER}",
    "saved": rf"Expected customers saved:\s+{NUMBER}",
    "kept": rf"CLV kept:\s+CNY\s+{NUMBER}",
    "roi": rf"ROI:\s+{NUMBER}%",
    "replace": rf"replacement customers would cost:\s+CNY\s+{NUMBER}",
}
SURVIVAL_HEAD = re.compile(r"Still a customer after (\d+) months, by (\w+):")
SURVIVAL_LINE = re.compile(r"^\s*(.+?):\s+(\d+)%\s*$", re.M)
OFFER_HEAD = re.compile(r"Customers in (.+?):\s+([\d,]+)\s*\nCustomers with an offer:\s+([\d,]+)")
OFFER_LINE = re.compile(r"Offer (.+?):\s+([\d,]+) customers")


def _num(text: str) -> float:
    return float(text.replace(",", ""))


# --------------------------------------------------------------------------------------------
# reading the widgets' text


def parse_plan(text: str) -> dict[str, float] | None:
    """The campaign planner's numbers (ROI in %), or None when a line is missing."""
    found = {key: re.search(pattern, text) for key, pattern in PLAN_LINES.items()}
    if not all(found.values()):
        return None
    return {key: _num(match.group(1)) for key, match in found.items()}


def parse_survival(text: str) -> tuple[int, dict[str, int]] | None:
    """(month, {group label: percent}) from the survival explorer's text, or None."""
    head = SURVIVAL_HEAD.search(text)
    if not head:
        return None
    rest = text[head.end():]
    return int(head.group(1)), {m.group(1).strip(): int(m.group(2)) for m in SURVIVAL_LINE.finditer(rest)}


def parse_offers(text: str) -> tuple[str, int, int, dict[str, int]] | None:
    """(segment label, customers, customers with an offer, {product label: count}), or None."""
    head = OFFER_HEAD.search(text)
    if not head:
        return None
    lines = {m.group(1): int(_num(m.group(2))) for m in OFFER_LINE.finditer(text)}
    return head.group(1), int(_num(head.group(2))), int(_num(head.group(3))), lines


def test_parsers_read_the_widget_text() -> None:
    plan = ("Customers contacted: 666 of 1,816\nSpend: CNY 19,980\nExpected customers saved: 32.2\n"
            "CLV kept: CNY 47,776\nROI: 139%\nWinning 32.2 replacement customers would cost: CNY 9,077")
    assert parse_plan(plan) == {"targeted": 666, "eligible": 1816, "spend": 19980, "saved": 32.2,
                                "kept": 47776, "roi": 139, "replace": 9077}
    assert parse_plan(plan.replace("ROI: 139%", "")) is None
    surv = "Still a customer after 24 months, by contract:\n  month-to-month: 32%\n  12 months: 63%\n  24 months: 75%"
    assert parse_survival(surv) == (24, {"month-to-month": 32, "12 months": 63, "24 months": 75})
    assert parse_survival("Split customers by contract") is None
    offers = ("Customers in individual postpaid: 1,853\nCustomers with an offer: 1,003\n"
              "Offer home broadband: 846 customers\nOffer mobile: 157 customers")
    assert parse_offers(offers) == ("individual postpaid", 1853, 1003, {"home broadband": 846, "mobile": 157})
    assert parse_offers("Customers in sme: 5") is None


# --------------------------------------------------------------------------------------------
# what crmlib computes for the same data (the notebook's own cells, in the test process)


@dataclass
class Case:
    life: Any
    base: Any
    acquisition_cost: float
    offer_cost: float
    holding: Any
    segment: Any


@pytest.fixture(scope="module")
def case() -> Case:
    from crmlib import campaign, churn, crosssell, datasets

    db = datasets.load("telecom")
    outcomes = campaign.retention_outcomes(db, "CP01", days=92)
    effects = campaign.offer_effects(campaign.uplift_table(outcomes, outcome="churned", by="contract"))
    ind = db.customers[db.customers["segment"] == "individual_postpaid"]
    return Case(
        life=churn.customer_lifetimes(db),
        base=campaign.retention_base(db, effects=effects),
        acquisition_cost=round(float(ind["acquisition_cost_cny"].mean())),
        offer_cost=5 * round(campaign.cost_per_contact(db, "CP01") / 5),  # the slider moves in steps of 5
        holding=crosssell.holdings(db.subscriptions, db.plans, at="2025-12-31"),
        segment=db.customers.set_index("customer_id")["segment"],
    )


def expected_plan(case: Case, budget: float) -> dict[str, float]:
    from crmlib import campaign

    p = campaign.plan_campaign(case.base, budget=budget, offer_cost=case.offer_cost, rule="uplift_x_value",
                               acquisition_cost=case.acquisition_cost)
    return {"targeted": p.targeted, "eligible": p.eligible, "spend": p.spend, "saved": p.customers_saved,
            "kept": p.clv_kept, "roi": p.roi * 100, "replace": p.replacement_cost}


def plan_matches(shown: dict[str, float] | None, expected: dict[str, float]) -> bool:
    """Every shown number equals the computed one to the precision shown (saved: 0.1; others: 1)."""
    if shown is None:
        return False
    return all(abs(shown[k] - expected[k]) <= (0.05 if k == "saved" else 0.5) + 1e-9 for k in expected)


def expected_survival(case: Case, month: int) -> dict[str, int]:
    from crmlib import churn
    from crmlib.plots.churn import label

    curves = churn.kaplan_meier(case.life, duration="months", event="churned", group="contract", entry="entry_months")
    return {label("contract", g, "en"): int(f"{s:.0%}".rstrip("%")) for g, s in churn.survival_at(curves, month).items()}


def expected_offers(case: Case, min_propensity: float) -> tuple[str, int, int, dict[str, int]]:
    from crmlib import crosssell
    from crmlib.plots.churn import label

    groups = case.segment.reindex(case.holding.index).astype(str)
    mask = (groups == "individual_postpaid").to_numpy()
    offers = crosssell.next_best_offer(case.holding[mask], groups[mask], min_propensity=min_propensity)
    counts = offers["offer"].value_counts().drop("none", errors="ignore")
    return (label("segment", "individual_postpaid", "en"), int(mask.sum()), int(counts.sum()),
            {label("product", p, "en"): int(n) for p, n in counts.items()})


# --------------------------------------------------------------------------------------------
# driving the page


def show(nb: Notebook, code: str, slider: str) -> None:
    """Scroll the code cell containing ``code`` into view and wait until its slider shows (JupyterLab
    renders cells far from the viewport lazily, so their text reads empty until scrolled to)."""
    cell = nb.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has_text=code).first
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-OutputArea").first.scroll_into_view_if_needed()
    nb.wait_for(lambda: any(slider.lower() in s.description.lower() for s in nb.sliders()), timeout=60,
                what=f"the slider {slider!r} to show")


def view_where(nb: Notebook, parse: Callable[[str], Any], what: str) -> tuple[int, WidgetOutput, Any]:
    """Index, content and parsed text of the first widget view that ``parse`` reads and that shows an image."""

    def find() -> tuple[int, WidgetOutput, Any] | None:
        for i, view in enumerate(nb.widget_views()):
            value = parse(view.text)
            if value is not None and view.images and all(d and not d.startswith("unreadable") for d in view.digests):
                return i, view, value
        return None

    return nb.wait_for(find, timeout=60, what=what)


def redrawn(nb: Notebook, index: int, before: WidgetOutput, parse: Callable[[str], Any],
            ok: Callable[[Any], bool]) -> tuple[WidgetOutput, Any]:
    """Wait until view ``index`` shows text ``ok`` accepts and new image bytes; return it and its parse."""

    def read() -> WidgetOutput:
        return nb.widget_views()[index]

    def done(view: WidgetOutput) -> bool:
        value = parse(view.text)
        return value is not None and ok(value) and view.digests != before.digests

    after = nb.wait_for_change(read, before, timeout=90, until=done)
    return after, parse(after.text)


def shoot(nb: Notebook, index: int, name: str) -> None:
    nb.page.locator(WIDGETS).nth(index).evaluate("el => el.scrollIntoView({block: 'start'})")
    nb.screenshot(name)


def test_telecom_case_runs_and_its_widgets_redraw(lab: Lab, case: Case) -> None:
    nb = lab.open_notebook("04_telecom_case.ipynb", timeout=120)
    nb.run_all(timeout=420)
    assert nb.errors() == []
    assert nb.popups() == []

    # 1. survival explorer: reading at month 36 instead of 24 gives the Kaplan–Meier values at 36
    show(nb, "widgets.survival_app", "Read survival at month")
    s_index, s_before, (month, shown) = view_where(nb, parse_survival, "the survival explorer")
    slider = nb.slider("Read survival at month")
    assert slider.value == month == 24
    assert shown == expected_survival(case, 24), s_before.text
    assert len(shown) == 3
    shoot(nb, s_index, "telecom_case_survival_before")
    moved = nb.move_slider("Read survival at month", +12, timeout=60)
    assert moved.value == 36
    want = expected_survival(case, 36)
    assert want != shown
    s_after, (month2, shown2) = redrawn(nb, s_index, s_before, parse_survival, lambda v: v[0] == 36)
    assert shown2 == want, s_after.text
    assert all(shown2[g] <= shown[g] for g in shown)  # survival never rises with time
    shoot(nb, s_index, "telecom_case_survival_after")

    # 2. campaign planner: a larger budget contacts more customers, as plan_campaign computes
    show(nb, "widgets.campaign_app", "Campaign budget")
    c_index, c_before, plan = view_where(nb, parse_plan, "the campaign planner")
    budget = nb.slider("Campaign budget")
    assert budget.value == 20000
    assert plan_matches(plan, expected_plan(case, 20000)), (c_before.text, expected_plan(case, 20000))
    shoot(nb, c_index, "telecom_case_campaign_before")
    moved = nb.move_slider("Campaign budget", +5, timeout=60)
    assert moved.value > budget.value
    want_plan = expected_plan(case, moved.value)
    assert want_plan["targeted"] > plan["targeted"]
    c_after, plan2 = redrawn(nb, c_index, c_before, parse_plan, lambda v: plan_matches(v, want_plan))
    assert plan2["targeted"] == want_plan["targeted"] and plan2["spend"] <= moved.value
    shoot(nb, c_index, "telecom_case_campaign_after")

    # 3. cross-sell explorer: raise the threshold until the offers change (found by crosssell itself)
    show(nb, "widgets.cross_sell_app", "Offer only if peers")
    x_index, x_before, offers = view_where(nb, parse_offers, "the cross-sell explorer")
    threshold = nb.slider("Offer only if peers")
    assert threshold.value == pytest.approx(0.10)
    assert offers == expected_offers(case, 0.10), x_before.text
    steps = next(k for k in range(1, 19) if expected_offers(case, 0.10 + 0.05 * k) != offers)
    shoot(nb, x_index, "telecom_case_crosssell_before")
    moved = nb.move_slider("Offer only if peers", +steps, timeout=60)
    assert moved.value == pytest.approx(0.10 + 0.05 * steps)
    want_offers = expected_offers(case, moved.value)
    x_after, offers2 = redrawn(nb, x_index, x_before, parse_offers, lambda v: v == want_offers)
    assert offers2[2] < offers[2]  # a higher bar: fewer customers get an offer
    shoot(nb, x_index, "telecom_case_crosssell_after")
    assert nb.errors() == []
    nb.close()


def test_telecom_case_exercises_run_clean(lab: Lab) -> None:
    nb = lab.open_notebook("exercises/04_telecom_case.ipynb", timeout=120)
    nb.run_all(timeout=300)
    assert nb.errors() == []
    outputs = "\n".join(nb.outputs())
    assert outputs.count("Not attempted") >= 13  # every check() before an answer says so
    nb.screenshot("telecom_case_exercises")
    nb.close()
