"""Lesson 03's whale curve with the ABC cost driver rates as sliders: see which large customers turn
unprofitable when serving them costs more (or less).

``crmlib.costtoserve`` costs each customer and ranks them; ``crmlib.plots.portfolio.whale_chart`` draws
the curve::

    >>> import pandas as pd
    >>> accounts = pd.DataFrame({"customer_id": ["a", "b", "c"], "revenue_cny": [900.0, 500.0, 100.0],
    ...                          "network_cost_cny": [300.0, 100.0, 20.0]})
    >>> units = pd.DataFrame({"account_manager_hour": [3.0, 0.0, 0.0]}, index=["a", "b", "c"])
    >>> app = whale_app(accounts, units, {"account_manager_hour": 100.0}, top=2, language="en")
    >>> app.profit().round(0).to_dict()
    {'a': 300.0, 'b': 400.0, 'c': 80.0}
    >>> app.sliders[0].value = 300.0
    >>> app.largest_unprofitable().index.tolist()
    ['a']
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from crmlib import costtoserve
from crmlib.i18n import catalogue, t
from crmlib.plots.portfolio import update_whale_chart, whale_chart
from crmlib.widgets._app import App

if TYPE_CHECKING:
    import pandas as pd


class WhaleApp(App):
    """One slider per activity's cost driver rate (¥ per unit), the whale curve, and the list of the
    largest accounts that lose money. Build it with ``whale_app()``.

    The text compares the loss-makers with their number at the starting rates, so what a slider
    really changes is stated, not guessed; a slider redraws the curve, its marks and the title only.
    """

    dpi = 80

    def __init__(self, accounts: pd.DataFrame, units: pd.DataFrame, rates: Mapping[str, float], customer: str,
                 revenue: str, direct_cost: str, top: int, language: str | None) -> None:
        import ipywidgets as w

        super().__init__(language)
        self.accounts, self.units = accounts, units
        self.keys = dict(customer=customer, revenue=revenue, direct_cost=direct_cost)
        self.revenue, self.top = revenue, top
        base = {str(k): float(v) for k, v in rates.items()}
        # costed once at the given rates (this also checks the input); a slider then only re-prices
        self._base = costtoserve.abc_profit(accounts, units, base, **self.keys)
        self._units = units.reindex(self._base.index, fill_value=0.0)
        self.activities = [str(c) for c in units.columns]
        lang = self.language
        style, layout = {"description_width": "290px"}, w.Layout(width="600px")
        self.sliders = []
        for activity in self.activities:
            rate = base[activity]
            key = f"activity.{activity}"
            label = t(key, lang) if key in catalogue() else activity
            step = _step(rate)
            self.sliders.append(w.FloatSlider(value=rate, min=0.0, max=max(rate * 3, step * 10), step=step,
                                              readout_format=",.1f" if step < 1 else ",.0f",
                                              continuous_update=True,
                                              description=t("widget.whale.rate", lang, activity=label),
                                              style=style, layout=layout))
        self.start_losers = int((self._base["profit"] < 0).sum())
        hint = w.HTML(f"<i>{html.escape(t('widget.whale.try', lang))}</i>")
        self._build([w.VBox(self.sliders), hint, self.text, self.image_area("640px")], controls=self.sliders)

    def rates(self) -> dict[str, float]:
        """The cost driver rates the sliders show, per activity."""
        return {activity: float(slider.value) for activity, slider in zip(self.activities, self.sliders)}

    def table(self) -> pd.DataFrame:
        """Revenue, margin, cost to serve and profit per customer at the sliders' rates (``abc_profit``)."""
        return costtoserve.reprice(self._base, self._units, self.rates())

    def profit(self) -> pd.Series:
        """Each customer's profit after the cost to serve, in the order of the accounts."""
        return self.table()["profit"]

    def largest_unprofitable(self) -> pd.DataFrame:
        """The accounts among the ``top`` largest by revenue that lose money at the sliders' rates."""
        return costtoserve.largest_unprofitable(self.table(), revenue=self.revenue, top=self.top)

    def compute(self) -> tuple[pd.DataFrame, costtoserve.WhaleSummary | None, pd.DataFrame]:
        """Everything an update needs: the profit table, the whale summary (None when the total profit
        is not positive) and the largest accounts that lose money."""
        table = self.table()
        try:
            summary = costtoserve.whale_summary(table["profit"])
        except ValueError:  # total profit at or below zero: no whale curve
            summary = None
        losing = costtoserve.largest_unprofitable(table, revenue=self.revenue, top=self.top)
        return table, summary, losing

    def update(self) -> None:
        lang = self.language
        table, summary, losing = self.compute()
        if summary is None:
            self.text.value = "<b>" + html.escape(t("widget.whale.no_profit", lang)) + "</b>"
            return
        lines = [t("widget.whale.summary", lang, top=f"{summary.top_share_customers:.0%}",
                   share=f"{summary.top_share_profit:.0%}", peak=f"{summary.peak_share:.0%}",
                   losers=f"{summary.loss_makers:,}", loser_share=f"{summary.loss_maker_share:.1%}"),
                 self._change_line(summary.loss_makers)]
        if len(losing):
            lines.append(t("widget.whale.large", lang, count=len(losing), top=self.top,
                           names=t("list.separator", lang).join(map(str, losing.index))))
        else:
            lines.append(t("widget.whale.large_none", lang, top=self.top))
        self.text.value = "<br>".join(html.escape(line) for line in lines)
        curve = costtoserve.whale_curve(table["profit"], points=400)
        self.show_chart(None, lambda: whale_chart(curve, summary, language=lang),
                        lambda fig: update_whale_chart(fig, curve, summary, language=lang))

    def _change_line(self, losers: int) -> str:
        """How many more (or fewer) customers lose money than at the starting rates."""
        change = losers - self.start_losers
        if change == 0:
            return t("widget.whale.same", self.language, start=f"{self.start_losers:,}")
        key = "widget.whale.more" if change > 0 else "widget.whale.fewer"
        return t(key, self.language, change=f"{abs(change):,}", start=f"{self.start_losers:,}")


def _step(rate: float) -> float:
    """A slider step for a rate: the largest of 1, 2 or 5 × a power of ten that is at most a tenth of the
    rate and divides it exactly (so the slider passes through the rate itself), else about a twentieth.

    >>> _step(350.0), _step(2.5), _step(6000.0), _step(4.0), _step(0.0)
    (10.0, 0.1, 500.0, 0.2, 1.0)
    """
    import math

    if rate <= 0:
        return 1.0
    top = math.floor(math.log10(rate / 10))
    for power in range(top, top - 4, -1):
        for mantissa in (5, 2, 1):
            step = mantissa * 10.0**power
            if step <= rate / 10 * (1 + 1e-9) and abs(rate / step - round(rate / step)) < 1e-6:
                return float(f"{step:.6g}")
    return float(f"{rate / 20:.2g}")


def whale_app(accounts: pd.DataFrame, units: pd.DataFrame, rates: Mapping[str, float], *,
              customer: str = "customer_id", revenue: str = "revenue_cny", direct_cost: str = "network_cost_cny",
              top: int = 10, language: str | None = None) -> WhaleApp:
    """The whale curve of ``accounts`` (one row per customer: revenue and direct cost of a period) with a
    slider for each activity's cost driver rate (``rates``, ¥ per unit; ``units`` from
    ``costtoserve.activity_units``). The text names the ``top`` largest accounts that lose money.

    Raising the account-manager rate shows that the large, demanding accounts are the first to sink;
    setting every rate to 0 shows the curve by margin alone, where volume looks like profit.

    >>> import pandas as pd
    >>> acc = pd.DataFrame({"customer_id": ["a", "b"], "revenue_cny": [100.0, 50.0], "network_cost_cny": [10.0, 5.0]})
    >>> app = whale_app(acc, pd.DataFrame({"paper_bill": [12.0, 0.0]}, index=["a", "b"]), {"paper_bill": 4.0},
    ...                 language="en")
    >>> app.sliders[0].description
    'Paper bill (¥ per bill)'
    """
    return WhaleApp(accounts, units, rates, customer, revenue, direct_cost, top, language)
