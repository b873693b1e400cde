"""Lesson 01's retention-economics calculator: what a year of churn costs, replaced or kept.

Four sliders (customer base, churn rate, acquisition cost, retention cost per customer) feed
``crmlib.economics``; the numbers show in an ``ipywidgets.HTML`` and the chart in an
``ipywidgets.Image``, so a test can move a slider and read the result without a kernel::

    >>> app = retention_economics_app(customer_base=10_000, churn_rate=0.25, acquisition_cost=300,
    ...                            retention_cost=60, currency="$", language="en")
    >>> app.numbers()["replacement_cost"], app.numbers()["keeping_cost"]
    (750000.0, 150000.0)
    >>> app.churn.value = 0.30
    >>> app.numbers()["customers_lost"]
    3000.0
"""

from __future__ import annotations

import html

from crmlib import economics
from crmlib.i18n import t
from crmlib.plots.economics import money, retention_cost_chart, update_retention_cost_chart
from crmlib.widgets._app import App, renamed


class RetentionEconomicsApp(App):
    """Sliders for customer base, churn rate, acquisition and retention cost; a summary; a chart.

    Build it with ``retention_economics_app()``; display it by leaving it as the last value of a cell.
    Dragging the churn slider redraws only the marks at the current churn rate and the title.
    """

    dpi = 80

    def __init__(self, customer_base: int, churn_rate: float, acquisition_cost: float, retention_cost: float,
                 currency: str | None, language: str | None) -> None:
        import ipywidgets as w

        economics.retention_economics(customer_base, churn_rate, acquisition_cost, retention_cost)  # validate first
        super().__init__(language)
        self.currency = currency if currency is not None else t("currency", self.language)
        style, layout = {"description_width": "initial"}, w.Layout(width="460px")
        self.base = w.IntSlider(
            value=int(customer_base), min=0, max=max(20_000, int(customer_base) * 2), step=1, readout_format=",d",
            description=t("widget.calc.base", self.language), style=style, layout=layout,
        )
        self.churn = w.FloatSlider(
            value=float(churn_rate), min=0.0, max=0.6, step=0.005, readout_format=".1%", continuous_update=True,
            description=t("widget.calc.churn", self.language), style=style, layout=layout,
        )
        self.acquisition = w.FloatSlider(
            value=float(acquisition_cost), min=0.0, max=max(1500.0, float(acquisition_cost) * 2), step=1.0,
            readout_format=",.0f", description=t("widget.calc.acquisition", self.language,
                                                 currency=self.currency), style=style, layout=layout,
        )
        self.retention = w.FloatSlider(
            value=float(retention_cost), min=0.0, max=max(500.0, float(retention_cost) * 2), step=1.0,
            readout_format=",.0f", description=t("widget.calc.retention", self.language,
                                                 currency=self.currency), style=style, layout=layout,
        )
        controls = [self.base, self.churn, self.acquisition, self.retention]
        self._build([*controls, self.text, self.image_area("640px")], controls=controls)

    def result(self) -> economics.RetentionEconomics:
        """The calculation for the sliders' current values."""
        return economics.retention_economics(int(self.base.value), float(self.churn.value),
                                             float(self.acquisition.value), float(self.retention.value))

    def numbers(self) -> dict[str, float]:
        """The numbers on show: customers lost, replacement cost, keeping cost, saving (per year)."""
        e = self.result()
        return {"customers_lost": e.customers_lost, "replacement_cost": e.replacement_cost,
                "keeping_cost": e.keeping_cost, "saving": e.saving}

    def update(self) -> None:
        e = self.result()
        lang, cur = self.language, self.currency
        lines = [
            t("widget.calc.lost", lang, lost=f"{e.customers_lost:,.0f}", base=f"{e.customer_base:,.0f}"),
            t("widget.calc.replace", lang, amount=money(e.replacement_cost, cur, lang)),
            t("widget.calc.keep", lang, amount=money(e.keeping_cost, cur, lang)),
        ]
        if e.saving >= 0:
            lines.append(t("widget.calc.saving", lang, amount=money(e.saving, cur, lang)))
        else:
            lines.append(t("widget.calc.loss", lang, amount=money(-e.saving, cur, lang)))
        self.text.value = "<br>".join(html.escape(line) for line in lines)
        key = (e.customer_base, e.acquisition_cost, e.retention_cost)

        def build():
            curve = economics.cost_curve(e.customer_base, e.acquisition_cost, e.retention_cost)
            return retention_cost_chart(curve, e, cur, lang)

        self.show_chart(key, build, lambda fig: update_retention_cost_chart(fig, e, lang))


def retention_economics_app(customer_base: int = 10_000, churn_rate: float = 0.25, acquisition_cost: float = 300.0,
                         retention_cost: float = 60.0, currency: str | None = None,
                         language: str | None = None) -> RetentionEconomicsApp:
    """A calculator of what a year of churn costs: replacing the lost customers vs keeping them.

    ``retention_cost`` is the cost of keeping one customer who would otherwise leave; ``currency``
    labels the amounts (default: CNY). The sliders start exactly at the values given (churn in steps
    of 0.5 %, costs in steps of 1), so the calculator can repeat a table computed just before it. Moving the churn slider shows that both costs grow with
    churn, and that the gap between them is the acquisition − retention cost per lost customer.

    >>> app = retention_economics_app(1000, 0.2, 300, 60, language="en")
    >>> print(app.text.value.replace("<br>", "\\n"))
    Customers lost per year: 200 of 1,000
    Cost of replacing them with new customers: CNY 60,000 a year
    Cost of keeping them instead: CNY 12,000 a year
    Keeping them saves CNY 48,000 a year
    """
    return RetentionEconomicsApp(customer_base, churn_rate, acquisition_cost, retention_cost, currency, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"RetentionCalculator": "RetentionEconomicsApp", "retention_calculator": "retention_economics_app"})
