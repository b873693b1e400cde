"""Lesson 04's retention campaign planner: budget, offer cost and targeting rule → customers saved,
CLV kept, ROI, and the cost of winning replacements, with a chart of net value per rule.

    >>> import pandas as pd
    >>> base = pd.DataFrame({"risk": [0.5, 0.2, 0.1, 0.3], "clv": [4000.0, 9000.0, 500.0, 1000.0],
    ...                      "effect": [0.6, -0.4, 0.6, 0.6]})
    >>> app = campaign_app(base, budget=200, offer_cost=100, language="en")
    >>> app.plan.targeted, round(app.plan.clv_kept)
    (2, 1380)
    >>> app.budget.value = 300
    >>> app.plan.targeted
    3

A plan that loses money says so in words (no "CNY -302"):

    >>> harmful = pd.DataFrame({"risk": [0.5], "clv": [1000.0], "effect": [-0.5]})
    >>> print(campaign_app(harmful, budget=100, offer_cost=100, language="en").text.value.split("\\n")[4])
    Net value: the plan would lose CNY 350 (CLV kept is less than the spend)
"""

from __future__ import annotations

import html

import pandas as pd

from crmlib import campaign, plots
from crmlib.i18n import t
from crmlib.widgets._app import App, nice_max, nice_step, renamed


def plan_lines(p: campaign.CampaignPlan, language: str) -> list[str]:
    """The planner's text for plan ``p``, one line per number; losses and customers driven away are
    said in words, never as negative amounts.

    >>> p = campaign.CampaignPlan("risk", 10, 300.0, -1.1, -302.0, -2.0, -330.0, 50)
    >>> print("\\n".join(plan_lines(p, "en")))
    Customers contacted: 10 of 50
    Spend: CNY 300
    Expected customers saved: none; the offer would drive away 1.1 more than it keeps
    CLV lost: CNY 302 (the offer makes more of these customers leave)
    Net value: the plan would lose CNY 602 (CLV kept is less than the spend)
    ROI: −200% (below zero: each yuan spent brings back less than a yuan)
    No customer is saved, so there is nothing to compare with winning new ones
    """
    lines = [t("widget.plan.contacted", language, targeted=f"{p.targeted:,}", eligible=f"{p.eligible:,}"),
             t("widget.plan.spend", language, spend=f"{p.spend:,.0f}")]
    if p.customers_saved >= 0:
        lines.append(t("widget.plan.saved", language, saved=f"{p.customers_saved:,.1f}"))
    else:
        lines.append(t("widget.plan.driven_away", language, lost=f"{-p.customers_saved:,.1f}"))
    if p.clv_kept >= 0:
        lines.append(t("widget.plan.kept", language, kept=f"{p.clv_kept:,.0f}"))
    else:
        lines.append(t("widget.plan.clv_lost", language, lost=f"{-p.clv_kept:,.0f}"))
    net = p.net_value
    if round(net) >= 0:
        lines.append(t("widget.plan.net_gain", language, net=f"{net:,.0f}"))
        lines.append(t("widget.plan.roi", language, roi=f"{p.roi:.0%}"))
    else:
        lines.append(t("widget.plan.net_loss", language, net=f"{-net:,.0f}"))
        lines.append(t("widget.plan.roi_loss", language, roi=f"{p.roi:.0%}".replace("-", "−")))
    if p.customers_saved > 0:
        lines.append(t("widget.plan.replace", language, saved=f"{p.customers_saved:,.1f}",
                       replace=f"{p.replacement_cost:,.0f}"))
    else:
        lines.append(t("widget.plan.replace_none", language))
    return lines


class CampaignApp(App):
    """Sliders for budget and offer cost, a targeting-rule menu, the plan's numbers and a chart.

    The budget slider redraws as it is dragged: only the budget marker and the title change, so the
    chart's curves (one per rule, computed once per offer cost) are kept between frames.
    """

    def __init__(self, base: pd.DataFrame, budget: float, offer_cost: float, rule: str,
                 acquisition_cost: float, max_budget: float | None, language: str | None) -> None:
        import ipywidgets as w

        campaign.plan_campaign(base, budget=budget, offer_cost=offer_cost, rule=rule,
                               acquisition_cost=acquisition_cost)  # validate before building controls
        super().__init__(language)
        self.base = base
        self.acquisition_cost = acquisition_cost
        self._orders = {r: campaign.target_order(base, r) for r in campaign.RULES}
        self._curves: dict[float, pd.DataFrame] = {}
        # The budget runs up to what contacting every customer costs at the starting offer cost.
        reach_all = max(len(base), 1) * float(offer_cost)
        step = nice_step(max(max_budget or 0.0, reach_all, float(budget)))
        top = nice_max(max(max_budget or 0.0, reach_all, float(budget)), step)
        style, layout = {"description_width": "initial"}, w.Layout(width="460px")
        self.budget = w.FloatSlider(value=budget, min=0, max=top, step=step, readout_format=",.0f",
                                    continuous_update=True, description=t("widget.budget", self.language),
                                    style=style, layout=layout)
        self.offer_cost = w.FloatSlider(value=offer_cost, min=min(10.0, offer_cost), max=max(200.0, offer_cost), step=5,
                                        readout_format=",.0f", continuous_update=False,
                                        description=t("widget.offer_cost", self.language), style=style,
                                        layout=layout)
        self.rule = w.Dropdown(options=[(t(f"rule.{r}", self.language), r) for r in campaign.RULES],
                               value=rule, description=t("widget.rule", self.language), style=style)
        hint = w.HTML(f"<i>{html.escape(t('widget.plan.try', self.language))}</i>")
        # Drawn at 100 dpi and shown at its own size (700px wide, narrower in a narrow window): at 72 dpi
        # the legend and bar labels were about 7 px tall in the browser, too small to read.
        image = self.image_area("100%", max_width="700px")
        self._build([self.budget, self.offer_cost, self.rule, hint, self.text, image],
                    controls=[self.budget, self.offer_cost, self.rule])

    def curve(self, offer_cost: float) -> pd.DataFrame:
        """Net value against customers contacted for each rule at ``offer_cost`` (computed once per cost).

        One point per customer (up to 20,000), so the title's net value at the budget's reach is exact
        and equals "CLV kept − spend" in the text (a coarse grid interpolated it: 27,763 vs 27,796).
        """
        if offer_cost not in self._curves:
            self._curves[offer_cost] = campaign.plan_curve(self.base, offer_cost=offer_cost,
                                                           points=min(max(len(self.base), 1), 20_000))
        return self._curves[offer_cost]

    def update(self) -> None:
        cost, rule = float(self.offer_cost.value), str(self.rule.value)
        self.plan = campaign.plan_campaign(self.base, budget=float(self.budget.value), offer_cost=cost, rule=rule,
                                           acquisition_cost=self.acquisition_cost, order=self._orders[rule])
        self.text.value = "<pre>" + html.escape("\n".join(plan_lines(self.plan, self.language))) + "</pre>"
        curve, reach, lang = self.curve(cost), self.plan.targeted, self.language
        self.show_chart(cost, lambda: plots.campaign_chart(curve, targeted=reach, language=lang),
                        lambda fig: plots.update_campaign_chart(fig, curve, targeted=reach, language=lang))


def campaign_app(base: pd.DataFrame, *, budget: float = 20000, offer_cost: float = 30,
                     rule: str = "uplift_x_value", acquisition_cost: float = 300.0, max_budget: float | None = None,
                     language: str | None = None) -> CampaignApp:
    """A retention campaign planner on ``base`` (columns ``risk``, ``clv``, ``effect``; see
    ``crmlib.campaign.retention_base``). ``acquisition_cost`` prices a replacement customer. The budget
    slider runs from 0 to what contacting every customer costs (or ``max_budget``, if larger).

    >>> base = pd.DataFrame({"risk": [0.5], "clv": [1000.0], "effect": [0.5]})
    >>> print(campaign_app(base, budget=100, offer_cost=100, language="en").text.value)  # doctest: +ELLIPSIS
    <pre>Customers contacted: 1 of 1
    Spend: CNY 100
    ...
    """
    return CampaignApp(base, budget, offer_cost, rule, acquisition_cost, max_budget, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"CampaignPlanner": "CampaignApp", "campaign_planner": "campaign_app"})
