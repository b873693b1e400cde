"""Lesson 04's retention campaign planner: budget, offer cost and targeting rule → customers saved,
CLV kept, ROI, and the cost of winning replacements, with a chart of net value per rule.

    >>> import pandas as pd
    >>> base = pd.DataFrame({"risk": [0.5, 0.2, 0.1, 0.3], "clv": [4000.0, 9000.0, 500.0, 1000.0],
    ...                      "effect": [0.6, -0.4, 0.6, 0.6]})
    >>> app = campaign_planner(base, budget=200, offer_cost=100, language="en")
    >>> app.plan.targeted, round(app.plan.clv_kept)
    (2, 1380)
    >>> app.budget.value = 300
    >>> app.plan.targeted
    3
"""

from __future__ import annotations

import html

import pandas as pd

from crmlib import campaign, plots
from crmlib.i18n import get_language, t


class CampaignPlanner:
    """Sliders for budget and offer cost, a targeting-rule menu, the plan's numbers and a chart."""

    def __init__(self, base: pd.DataFrame, budget: float, offer_cost: float, rule: str,
                 acquisition_cost: float, max_budget: float | None, language: str | None) -> None:
        import ipywidgets as w

        self.base = base
        campaign.plan_campaign(base, budget=budget, offer_cost=offer_cost, rule=rule,
                               acquisition_cost=acquisition_cost)  # validate before building controls
        self.language = language or get_language()
        self.acquisition_cost = acquisition_cost
        self._orders = {r: campaign.target_order(base, r) for r in campaign.RULES}
        top = max_budget or max(budget * 4, 1000.0)
        style, layout = {"description_width": "initial"}, w.Layout(width="460px")
        self.budget = w.FloatSlider(value=budget, min=0, max=top, step=max(top / 100, 1.0), readout_format=",.0f",
                                    description=t("lesson04.widget.budget", self.language), style=style, layout=layout)
        self.offer_cost = w.FloatSlider(value=offer_cost, min=10, max=200, step=5, readout_format=",.0f",
                                        description=t("lesson04.widget.offer_cost", self.language), style=style,
                                        layout=layout)
        self.rule = w.Dropdown(options=[(t(f"lesson04.rule.{r}", self.language), r) for r in campaign.RULES],
                               value=rule, description=t("lesson04.widget.rule", self.language), style=style)
        self.text = w.HTML()
        # Drawn at 100 dpi and shown at its own size (700px wide, narrower in a narrow window): at 72 dpi
        # the legend and bar labels were about 7 px tall in the browser, too small to read.
        self.image = w.Image(format="png", layout=w.Layout(width="100%", max_width="700px"))
        self.widget = w.VBox([self.budget, self.offer_cost, self.rule, self.text, self.image])
        for control in (self.budget, self.offer_cost, self.rule):
            control.observe(self._update, names="value")
        self._update()

    def _update(self, _change: object = None) -> None:
        cost, rule = float(self.offer_cost.value), str(self.rule.value)
        self.plan = campaign.plan_campaign(self.base, budget=float(self.budget.value), offer_cost=cost, rule=rule,
                                           acquisition_cost=self.acquisition_cost, order=self._orders[rule])
        p = self.plan
        text = t("lesson04.widget.plan_text", self.language, targeted=f"{p.targeted:,}", eligible=f"{p.eligible:,}",
                 spend=f"{p.spend:,.0f}", saved=f"{p.customers_saved:,.1f}", kept=f"{p.clv_kept:,.0f}",
                 roi=f"{p.roi:.0%}", replace=f"{p.replacement_cost:,.0f}")
        self.text.value = "<pre>" + html.escape(text) + "</pre>"
        # One curve point per customer (up to 20,000), so the title's net value at the budget's reach is
        # exact and equals "CLV kept - spend" in the text above (a coarse grid interpolated it: 27,763 vs 27,796).
        curve = campaign.plan_curve(self.base, offer_cost=cost, points=min(max(len(self.base), 1), 20_000))
        fig = plots.campaign_chart(curve, targeted=p.targeted, language=self.language)
        self.image.value = plots.figure_png(fig, dpi=100)

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)


def campaign_planner(base: pd.DataFrame, *, budget: float = 20000, offer_cost: float = 30,
                     rule: str = "uplift_x_value", acquisition_cost: float = 300.0, max_budget: float | None = None,
                     language: str | None = None) -> CampaignPlanner:
    """A retention campaign planner on ``base`` (columns ``risk``, ``clv``, ``effect``; see
    ``crmlib.campaign.retention_base``). ``acquisition_cost`` prices a replacement customer.

    >>> base = pd.DataFrame({"risk": [0.5], "clv": [1000.0], "effect": [0.5]})
    >>> print(campaign_planner(base, budget=100, offer_cost=100, language="en").text.value)  # doctest: +ELLIPSIS
    <pre>Customers contacted: 1 of 1
    Spend: CNY 100
    ...
    """
    return CampaignPlanner(base, budget, offer_cost, rule, acquisition_cost, max_budget, language)
