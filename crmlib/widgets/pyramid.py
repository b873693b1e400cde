"""Lesson 01's customer pyramid with adjustable tier cut-offs.

Three sliders set where the platinum, gold and iron tiers end (shares of customers counted from the
top); ``crmlib.pyramid`` does the counting, ``crmlib.plots.pyramid_chart`` the drawing::

    >>> import pandas as pd
    >>> margin = pd.DataFrame({"margin": [50.0, 20, 10, 8, 5, 3, 2, 1, 1, 0]})
    >>> app = pyramid_app(margin, value="margin", cutoffs=(0.1, 0.2, 0.8), language="en")
    >>> app.table()["customers"].tolist()
    [1, 1, 6, 2]
    >>> app.gold.value = 0.3
    >>> app.table()["customers"].tolist()
    [1, 2, 5, 2]
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from crmlib import pyramid
from crmlib.i18n import t
from crmlib.plots.economics import money
from crmlib.plots.pyramid import pyramid_chart, share_label, update_pyramid_chart
from crmlib.widgets._app import App, renamed

if TYPE_CHECKING:
    import pandas as pd


class PyramidApp(App):
    """Three cut-off sliders, a table of customers and value per tier, and the pyramid chart.

    Build it with ``pyramid_app()``. When the cut-offs are out of order the table says so and
    the chart keeps its last valid state. Shares are whole percents ("<1%" for a small non-zero share);
    moving a slider redraws only the tier labels, the bars and the title.
    """

    dpi = 80

    def __init__(self, data: Any, value: str | None, cutoffs: Sequence[float], value_name: str | None,
                 currency: str | None, language: str | None) -> None:
        import ipywidgets as w

        pyramid.pyramid_table(data, cutoffs, value)  # validate data and cut-offs before building controls
        super().__init__(language)
        self.data, self.value = data, value
        # Ranked once, best first: each slider step then ranks an already sorted array, which takes a
        # fraction of the time at 100,000 customers.
        self._ranked = pyramid.ranked_values(data, value)
        self.value_name = value_name
        self.currency = currency
        style, layout = {"description_width": "initial"}, w.Layout(width="460px")
        specs = (("platinum", 0.01, 0.30), ("gold", 0.02, 0.60), ("iron", 0.10, 0.99))
        self.sliders = []
        for (tier, low, high), start in zip(specs, cutoffs):
            slider = w.FloatSlider(
                value=float(start), min=min(low, float(start)), max=max(high, float(start)), step=0.01,
                readout_format=".0%", continuous_update=True, description=t(f"widget.pyramid.{tier}", self.language),
                style=style, layout=layout,
            )
            self.sliders.append(slider)
        self.platinum, self.gold, self.iron = self.sliders
        self._build([*self.sliders, self.text, self.image_area("720px")], controls=self.sliders)

    @property
    def cutoffs(self) -> tuple[float, float, float]:
        """The sliders' cut-offs: where platinum, gold and iron end."""
        return (float(self.platinum.value), float(self.gold.value), float(self.iron.value))

    def table(self) -> pd.DataFrame:
        """Customers and value per tier for the current cut-offs (``crmlib.pyramid.pyramid_table``)."""
        return pyramid.pyramid_table(self._ranked, self.cutoffs)

    def update(self) -> None:
        lang = self.language
        cuts = self.cutoffs
        if not cuts[0] < cuts[1] < cuts[2]:
            self.text.value = "<b>" + html.escape(t("widget.pyramid.order", lang)) + "</b>"
            return
        try:
            table = self.table()
        except ValueError:  # a tier left with no customers (only with very few customers)
            self.text.value = "<b>" + html.escape(t("widget.pyramid.empty", lang)) + "</b>"
            return
        value_name = self.value_name or t("chart.pyramid.margin", lang)
        head = [t(f"widget.pyramid.col.{c}", lang, value=value_name) for c in ("tier", "customers", "customer_share",
                                                                        "value", "value_share", "per_customer")]
        rows = []
        for tier, row in table.iterrows():
            cells = [t(f"tier.{tier}", lang), f"{int(row['customers']):,}", share_label(row["customer_share"]),
                     money(row["value"], self.currency, lang), share_label(row["value_share"]),
                     money(row["value_per_customer"], self.currency, lang)]
            rows.append("<tr>" + "".join(f"<td style='padding:0 10px;text-align:right'>{html.escape(c)}</td>"
                                         for c in cells) + "</tr>")
        header = "<tr>" + "".join(f"<th style='padding:0 10px;text-align:right'>{html.escape(h)}</th>"
                                  for h in head) + "</tr>"
        self.text.value = f"<table>{header}{''.join(rows)}</table>"
        self.show_chart(None, lambda: pyramid_chart(table, self.value_name, lang),
                        lambda fig: update_pyramid_chart(fig, table, lang))


def pyramid_app(data: Any, value: str | None = None, cutoffs: Sequence[float] = pyramid.DEFAULT_CUTOFFS,
                     value_name: str | None = None, currency: str | None = None,
                     language: str | None = None) -> PyramidApp:
    """The customer pyramid of ``data`` ranked by ``value``, with sliders for the tier cut-offs.

    ``data`` is a table with one row per customer (and ``value`` its value column, e.g. the margin of
    a year) or a Series of values. Moving the gold slider down shows how few customers bring most of
    the margin; moving the iron slider shows how little the bottom tier adds.

    >>> app = pyramid_app([9.0, 5, 3, 1], cutoffs=(0.25, 0.5, 0.75), language="en")
    >>> app.gold.value = 0.2
    >>> app.text.value
    '<b>Each cut-off must be below the next one: platinum &lt; gold &lt; iron.</b>'
    """
    return PyramidApp(data, value, cutoffs, value_name, currency, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"customer_pyramid": "pyramid_app"})
