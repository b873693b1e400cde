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
from crmlib.i18n import get_language, t
from crmlib.plots.base import figure_png
from crmlib.plots.valuechain import chain_diagram, link_economics_chart

if TYPE_CHECKING:
    import pandas as pd


class ValueChainApp:
    """Per link: a cost slider and a revenue slider; below, the ranking table, the chain diagram and the
    share chart. Build it with ``value_chain_app()``; display it as the last value of a cell."""

    def __init__(self, table: pd.DataFrame, link: str, cost: str, revenue: str, year: int | None,
                 chain: str, language: str | None) -> None:
        import ipywidgets as w
        import pandas as pd

        base = valuechain.link_economics(table, link=link, cost=cost, revenue=revenue, year=year)
        self.chain = valuechain.get_chain(chain)
        self.language = language or get_language()
        self.links = list(base.index)
        known = {s.key: s for s in self.chain.steps()}
        self.names = {k: known[k].name(self.language) if k in known else k for k in self.links}
        self._diagram = all(k in {s.key for s in self.chain.primary} for k in self.links)
        top = float(max(base["cost"].max(), base["revenue"].max()))
        step = 1.0  # the data's own values lie on the grid, so the first key press moves by one step
        limit = max(10.0, float(round(top * 1.5)))
        style = {"description_width": "60px"}
        self.cost_sliders: dict[str, w.FloatSlider] = {}
        self.revenue_sliders: dict[str, w.FloatSlider] = {}
        rows = []
        for key in self.links:
            c = w.FloatSlider(value=float(base.loc[key, "cost"]), min=0.0, max=limit, step=step, readout_format=",.0f",
                              description=t("lesson02.vc.cost", self.language), style=style,
                              layout=w.Layout(width="330px"), continuous_update=False)
            r = w.FloatSlider(value=float(base.loc[key, "revenue"]), min=0.0, max=limit, step=step,
                              readout_format=",.0f", description=t("lesson02.vc.revenue", self.language), style=style,
                              layout=w.Layout(width="330px"), continuous_update=False)
            self.cost_sliders[key], self.revenue_sliders[key] = c, r
            label = w.HTML(f"<b>{html.escape(self.names[key])}</b>", layout=w.Layout(width="170px"))
            rows.append(w.HBox([label, c, r]))
        self.text = w.HTML()
        self.diagram = w.Image(format="png", layout=w.Layout(width="760px"))
        self.chart = w.Image(format="png", layout=w.Layout(width="620px"))
        self.widget = w.VBox([*rows, self.text, self.diagram, self.chart])
        for slider in (*self.cost_sliders.values(), *self.revenue_sliders.values()):
            slider.observe(self._update, names="value")
        self._pd = pd
        self._update()

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

    def _update(self, _change: object = None) -> None:
        lang = self.language
        cost = sum(float(s.value) for s in self.cost_sliders.values())
        revenue = sum(float(s.value) for s in self.revenue_sliders.values())
        problem = ("no_cost" if cost <= 0 else "no_revenue" if revenue <= 0 else "zero_margin" if revenue == cost
                   else None)  # shares and rates need these totals
        if problem:
            self.text.value = f"<b>{html.escape(t(f'lesson02.vc.{problem}', lang))}</b>"  # keep the last charts
            return
        econ = self.economics()
        weak = valuechain.weakest_link(econ)
        total = valuechain.chain_margin(econ)
        head = "".join(f"<th style='padding:2px 8px'>{html.escape(t(f'lesson02.vc.col.{c}', lang))}</th>"
                       for c in ("link", "cost", "revenue", "value_added", "per_cost", "rank"))
        body = ""
        for key, row in econ.sort_values("rank").iterrows():
            style = " style='color:#D55E00'" if key == weak else ""
            cells = [self.names[key], f"{row['cost']:,.0f}", f"{row['revenue']:,.0f}", f"{row['value_added']:+,.0f}",
                     f"{row['value_per_cost']:+.2f}", f"{int(row['rank'])}"]
            body += f"<tr{style}>" + "".join(f"<td style='padding:2px 8px'>{html.escape(c)}</td>" for c in cells) + "</tr>"
        sentence = t("lesson02.vc.text", lang, margin=f"{total['margin']:,.0f}", rate=f"{total['margin_rate']:.1%}",
                     weak=self.names[weak], per_cost=f"{econ.loc[weak, 'value_per_cost']:+.2f}")
        self.text.value = (f"<p>{html.escape(sentence)}</p>"
                           f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if self._diagram:
            notes = {k: t("lesson02.vc.note", lang, cost=f"{r['cost']:,.0f}", value=f"{r['value_added']:+,.0f}")
                     for k, r in econ.iterrows()}
            title = t("lesson02.vc.diagram_title", lang, name=self.chain.name(lang), weak=self.names[weak])
            self.diagram.value = figure_png(chain_diagram(self.chain, lang, annotations=notes, highlight=weak,
                                                          title=title), dpi=76)
        self.chart.value = figure_png(link_economics_chart(econ, lang, chain=self.chain), dpi=80)

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)


def value_chain_app(table: pd.DataFrame | None = None, *, year: int | None = None, link: str = "link",
                    cost: str = "cost_cny_million", revenue: str = "revenue_attributed_cny_million",
                    chain: str = "telecom", language: str | None = None) -> ValueChainApp:
    """The operator's value chain with a cost and a revenue slider per link (default: the ``value_chain``
    table of the telecom dataset, CNY million, for ``year`` — 2025 unless given).

    Moving a link's cost up or its revenue down lowers its value added and the chain's margin, and
    can change which link is the weakest (lowest value added per yuan of cost).

    >>> app = value_chain_app(language="en")
    >>> app.weakest(), app.margin()
    ('user_service', 1098.0)
    """
    if table is None:
        from crmlib import datasets

        table = datasets.load("telecom", "value_chain")
        year = 2025 if year is None else year
    return ValueChainApp(table, link, cost, revenue, year, chain, language)
