"""Lesson 02's operator value chain: a cost and a revenue slider per link → value added, margin, ranking.

``crmlib.valuechain.link_economics`` does the arithmetic; ``crmlib.plots.valuechain`` draws the
chain (weakest link in vermillion, cost and value added under each link) and the cost-share vs
value-added-share chart::

    >>> import pandas as pd
    >>> table = pd.DataFrame({"link": ["infrastructure", "user_service"], "cost": [100.0, 50.0],
    ...                       "revenue": [130.0, 45.0]})
    >>> app = value_chain_app(table, cost="cost", revenue="revenue", language="en")
    >>> app.weakest(), app.margin()
    ('user_service', 25.0)
    >>> app.revenue_sliders["user_service"].value = 80
    >>> app.weakest(), app.margin()
    ('infrastructure', 60.0)
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from crmlib import valuechain
from crmlib.i18n import t
from crmlib.plots.valuechain import (chain_diagram, link_economics_chart, update_chain_diagram,
                                     update_link_economics_chart)
from crmlib.widgets._app import App, nice_max

if TYPE_CHECKING:
    import pandas as pd


def rank_digits(values: list[float], low: int = 2, high: int = 4) -> int:
    """The fewest decimals (from ``low`` up to ``high``) at which values that differ also look different,
    so a ranking shown in numbers can be read from them ("+0.12" twice, one called weakest, is not).

    >>> rank_digits([0.1174, 0.2366, 0.51]), rank_digits([0.1174, 0.1236]), rank_digits([0.11742, 0.11748])
    (2, 3, 4)
    """
    ordered = sorted(set(float(v) for v in values))
    for digits in range(low, high + 1):
        shown = [round(v, digits) for v in ordered]
        if len(set(shown)) == len(shown):
            return digits
    return high


class ValueChainApp(App):
    """Per link: a cost slider and a revenue slider; below, the ranking table, the chain diagram and the
    share chart. Build it with ``value_chain_app()``; display it as the last value of a cell.

    Each slider runs from 0 to about twice its link's own value (its own scale, not the largest
    link's), in steps of 1; "value added per yuan" shows as many decimals as ranking the links needs.
    """

    dpi = 80

    def __init__(self, table: pd.DataFrame, link: str, cost: str, revenue: str, year: int | None,
                 chain: str, language: str | None) -> None:
        import ipywidgets as w
        import pandas as pd

        base = valuechain.link_economics(table, link=link, cost=cost, revenue=revenue, year=year)
        super().__init__(language)
        self.chain = valuechain.get_chain(chain)
        self.links = list(base.index)
        known = {s.key: s for s in self.chain.steps()}
        self.names = {k: known[k].name(self.language) if k in known else k for k in self.links}
        self._diagram = all(k in {s.key for s in self.chain.primary} for k in self.links)
        step = 1.0  # the data's own values lie on the grid, so the first key press moves by one step
        style = {"description_width": "60px"}
        self.cost_sliders: dict[str, w.FloatSlider] = {}
        self.revenue_sliders: dict[str, w.FloatSlider] = {}
        rows = []
        for key in self.links:
            own = float(max(base.loc[key, "cost"], base.loc[key, "revenue"]))
            limit = nice_max(max(10.0, own * 2), 10.0 if own * 2 < 1000 else 50.0)
            c = w.FloatSlider(value=float(base.loc[key, "cost"]), min=0.0, max=limit, step=step, readout_format=",.0f",
                              description=t("vc.cost", self.language), style=style,
                              layout=w.Layout(width="330px"), continuous_update=False)
            r = w.FloatSlider(value=float(base.loc[key, "revenue"]), min=0.0, max=limit, step=step,
                              readout_format=",.0f", description=t("vc.revenue", self.language), style=style,
                              layout=w.Layout(width="330px"), continuous_update=False)
            self.cost_sliders[key], self.revenue_sliders[key] = c, r
            label = w.HTML(f"<b>{html.escape(self.names[key])}</b>", layout=w.Layout(width="170px"))
            rows.append(w.HBox([label, c, r]))
        self.diagram = self.image_area("760px")
        self.chart = self.image_area("620px")
        self._pd = pd
        self._build([*rows, self.text, self.diagram, self.chart],
                    controls=[*self.cost_sliders.values(), *self.revenue_sliders.values()])

    def economics(self) -> pd.DataFrame:
        """``link_economics`` of the sliders' costs and revenues."""
        table = self._pd.DataFrame({
            "link": self.links,
            "cost": [float(self.cost_sliders[k].value) for k in self.links],
            "revenue": [float(self.revenue_sliders[k].value) for k in self.links],
        })
        return valuechain.link_economics(table, cost="cost", revenue="revenue")

    def weakest(self) -> str:
        """The link with the lowest value added per yuan of cost, at the sliders' values."""
        return valuechain.weakest_link(self.economics())

    def margin(self) -> float:
        """The chain's margin (total revenue − total cost) at the sliders' values."""
        return float(valuechain.chain_margin(self.economics())["margin"])

    def update(self) -> None:
        lang = self.language
        cost = sum(float(s.value) for s in self.cost_sliders.values())
        revenue = sum(float(s.value) for s in self.revenue_sliders.values())
        problem = ("no_cost" if cost <= 0 else "no_revenue" if revenue <= 0 else "zero_margin" if revenue == cost
                   else None)  # shares and rates need these totals
        if problem:
            self.text.value = f"<b>{html.escape(t(f'vc.{problem}', lang))}</b>"  # keep the last charts
            return
        econ = self.economics()
        weak = valuechain.weakest_link(econ)
        total = valuechain.chain_margin(econ)
        head = "".join(f"<th style='padding:2px 8px'>{html.escape(t(f'vc.col.{c}', lang))}</th>"
                       for c in ("link", "cost", "revenue", "value_added", "per_cost", "rank"))
        body = ""
        digits = rank_digits(econ["value_per_cost"].tolist())
        for key, row in econ.sort_values("rank").iterrows():
            style = " style='color:#D55E00'" if key == weak else ""
            cells = [self.names[key], f"{row['cost']:,.0f}", f"{row['revenue']:,.0f}", f"{row['value_added']:+,.0f}",
                     f"{row['value_per_cost']:+.{digits}f}", f"{int(row['rank'])}"]
            body += f"<tr{style}>" + "".join(f"<td style='padding:2px 8px'>{html.escape(c)}</td>" for c in cells) + "</tr>"
        sentence = t("vc.text", lang, margin=f"{total['margin']:,.0f}", rate=f"{total['margin_rate']:.1%}",
                     weak=self.names[weak], per_cost=f"{econ.loc[weak, 'value_per_cost']:+.{digits}f}")
        self.text.value = (f"<p>{html.escape(sentence)}</p>"
                           f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if self._diagram:
            notes = {k: t("vc.note", lang, cost=f"{r['cost']:,.0f}", value=f"{r['value_added']:+,.0f}")
                     for k, r in econ.iterrows()}
            title = t("vc.diagram_title", lang, name=self.chain.name(lang), weak=self.names[weak])
            # the weakest link colours a chevron and names itself in the title: a new diagram when it
            # changes; otherwise only the notes under the chevrons are redrawn
            self.show_chart((lang, weak), lambda: chain_diagram(self.chain, lang, annotations=notes, highlight=weak,
                                                                title=title),
                            lambda fig: update_chain_diagram(fig, notes), index=0)
        self.show_chart(lang, lambda: link_economics_chart(econ, lang, chain=self.chain),
                        lambda fig: update_link_economics_chart(fig, econ, lang), index=1)


def value_chain_app(table: pd.DataFrame, *, year: int | None = None, link: str = "link",
                    cost: str = "cost_cny_million", revenue: str = "revenue_attributed_cny_million",
                    chain: str = "telecom", language: str | None = None) -> ValueChainApp:
    """A value chain with a cost and a revenue slider per link: ``table`` holds one row per ``link``
    (and year: pick one with ``year``), e.g. the operator's ``value_chain`` table
    (``datasets.load("telecom", "value_chain")``, CNY million).

    Moving a link's cost up or its revenue down lowers its value added and the chain's margin, and
    can change which link is the weakest (lowest value added per yuan of cost).

    >>> from crmlib import datasets
    >>> app = value_chain_app(datasets.load("telecom", "value_chain"), year=2025, language="en")
    >>> app.weakest(), app.margin()
    ('user_service', 1098.0)
    """
    return ValueChainApp(table, link, cost, revenue, year, chain, language)
