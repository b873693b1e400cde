"""Lesson 03's CLV calculator: margin, retention, discount rate and horizon → CLV and margin multiple.

``crmlib.clv`` does the arithmetic and ``crmlib.plots.portfolio.clv_chart`` the drawing; the app only
wires sliders to them::

    >>> app = clv_app(margin=1200, retention_rate=0.8, discount_rate=0.10, horizon=10, language="en")
    >>> app.numbers()["multiple"].__round__(2), app.numbers()["clv_limit"].__round__(2)
    (2.67, 3200.0)
    >>> app.retention.value = 0.9
    >>> round(app.numbers()["multiple"], 2)
    4.5

With ``margins`` (one yearly margin per customer) it also values the whole customer base.
"""

from __future__ import annotations

import html
from typing import Any

from crmlib import clv
from crmlib.concentration import numbers_of
from crmlib.i18n import t
from crmlib.plots.economics import money
from crmlib.plots.portfolio import CURRENCY, clv_chart, update_clv_chart
from crmlib.widgets._app import App, nice_max, renamed


class CLVApp(App):
    """Four sliders (yearly margin, retention rate, discount rate, horizon), a few lines of results and
    the chart of the CLV building up year by year. Build it with ``clv_app()``."""

    dpi = 80

    def __init__(self, margin: float, retention_rate: float, discount_rate: float, horizon: int, margins: Any,
                 language: str | None) -> None:
        import ipywidgets as w

        clv.finite_clv(margin, retention_rate, discount_rate, horizon)  # validate before building controls
        self.margins = None if margins is None else numbers_of(margins, name="margins")
        super().__init__(language)
        lang = self.language
        style, layout = {"description_width": "initial"}, w.Layout(width="440px")
        common = dict(continuous_update=True, style=style, layout=layout)
        # a step that the starting margin lies on (so the slider shows it exactly), a top end of about 3 ×
        step = next((float(c) for c in (100, 50, 10, 5, 1) if float(margin) % c == 0), 1.0)
        top = nice_max(max(3 * float(margin), 1000.0), 500.0)
        self.margin = w.FloatSlider(value=float(margin), min=0.0, max=top, step=step,
                                    readout_format=",.0f", description=t("widget.clv.margin", lang), **common)
        self.retention = w.FloatSlider(value=float(retention_rate), min=0.30, max=0.99, step=0.01, readout_format=".0%",
                                       description=t("widget.clv.retention", lang), **common)
        self.discount = w.FloatSlider(value=float(discount_rate), min=0.0, max=0.30, step=0.01, readout_format=".0%",
                                      description=t("widget.clv.discount", lang), **common)
        self.horizon = w.IntSlider(value=int(horizon), min=1, max=30, step=1,
                                   description=t("widget.clv.horizon", lang), **common)
        self.sliders = [self.margin, self.retention, self.discount, self.horizon]
        self._build([*self.sliders, self.text, self.image_area("640px")], controls=self.sliders)

    def numbers(self) -> dict[str, float]:
        """What the app shows for the current settings: ``clv`` (over the horizon), ``clv_limit`` (no
        horizon), ``multiple`` (margin multiple), and with ``margins`` the base's ``base_clv`` and
        ``base_limit``."""
        m, r = float(self.margin.value), float(self.retention.value)
        d, h = float(self.discount.value), int(self.horizon.value)
        result = {"clv": float(clv.finite_clv(m, r, d, h)), "clv_limit": float(clv.retention_clv(m, r, d)),
                  "multiple": float(clv.margin_multiple(r, d))}
        if self.margins is not None:
            result["base_clv"] = float(clv.finite_clv(self.margins, r, d, h).sum())
            result["base_limit"] = float(clv.retention_clv(self.margins, r, d).sum())
        return result

    def update(self) -> None:
        lang = self.language
        numbers = self.numbers()
        lines = [t("widget.clv.result", lang, years=int(self.horizon.value),
                   clv=money(numbers["clv"], CURRENCY, lang), limit=money(numbers["clv_limit"], CURRENCY, lang)),
                 t("widget.clv.multiple", lang, multiple=f"{numbers['multiple']:.2f}")]
        if self.margins is not None:
            lines.append(t("widget.clv.base", lang, n=f"{self.margins.size:,}", years=int(self.horizon.value),
                           clv=money(numbers["base_clv"], CURRENCY, lang),
                           limit=money(numbers["base_limit"], CURRENCY, lang)))
        self.text.value = "<br>".join(html.escape(line) for line in lines)
        schedule = clv.clv_schedule(float(self.margin.value), float(self.retention.value), float(self.discount.value),
                                    int(self.horizon.value))
        limit = numbers["clv_limit"]
        self.show_chart(int(self.horizon.value), lambda: clv_chart(schedule, limit=limit, language=lang),
                        lambda fig: update_clv_chart(fig, schedule, limit=limit, language=lang))


def clv_app(margin: float = 1200.0, retention_rate: float = 0.8, discount_rate: float = 0.10,
                   horizon: int = 10, margins: Any = None, language: str | None = None) -> CLVApp:
    """A CLV calculator: move the yearly margin, retention rate, discount rate and horizon and watch
    the lifetime value and the margin multiple ``r / (1 + d − r)`` change.

    ``margins`` (optional; an array or Series of yearly margins, one per customer) adds the value of
    the whole customer base at the same retention and discount rates.

    >>> app = clv_app(language="en")
    >>> print(app.text.value.split("<br>")[1])
    Margin multiple r / (1 + d − r) = 2.67: each ¥1 of yearly margin is worth ¥2.67 today.
    """
    return CLVApp(margin, retention_rate, discount_rate, horizon, margins, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"CLVCalculator": "CLVApp", "clv_calculator": "clv_app"})
