"""Lesson 02's customer-journey funnel: a channel menu and a conversion slider per step.

The sliders start at the chosen channel's conversion rates in the operator's data (``funnel`` table,
2025). ``crmlib.funnel`` computes people per stage and the bottleneck; ``crmlib.plots.funnel``
draws the funnel::

    >>> from crmlib import datasets
    >>> app = funnel_app(datasets.load("telecom", "funnel"), channel="online", language="en")
    >>> app.bottleneck()[["from_stage", "to_stage"]].tolist(), round(app.final())
    (['sign_up', 'activation'], 103621)
    >>> app.sliders[2].value = 0.7   # activation after sign-up: from 40% to 70%
    >>> app.bottleneck()[["from_stage", "to_stage"]].tolist(), round(app.final())
    (['consideration', 'sign_up'], 181900)
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from crmlib import funnel
from crmlib.i18n import t
from crmlib.plots.funnel import channel_name, funnel_chart, stage_name, update_funnel_chart
from crmlib.widgets._app import App

if TYPE_CHECKING:
    import pandas as pd


def _channel_name(channel: str, language: str) -> str:
    return channel_name(channel, language)


class FunnelApp(App):
    """A channel menu, one conversion slider per step, a sentence of results and the funnel chart.

    Build it with ``funnel_app()``; display it as the last value of a cell.
    """

    dpi = 80

    def __init__(self, table: pd.DataFrame, channel: str, by: str, stage: str, count: str,
                 language: str | None) -> None:
        import ipywidgets as w

        self.steps_data = funnel.funnel_conversion(table, stage=stage, count=count, by=by)
        channels = [str(c) for c in self.steps_data[by].unique()]
        if channel not in channels:
            raise ValueError(f"channel must be one of {', '.join(channels)}; got {channel!r}")
        super().__init__(language)
        self.by = by
        first = self.steps_data[self.steps_data[by] == channel]
        self.stages = [first["from_stage"].iloc[0], *first["to_stage"]]
        self.menu = w.Dropdown(options=[(_channel_name(c, self.language), c) for c in channels], value=channel,
                               description=t("funnel.channel", self.language),
                               style={"description_width": "initial"})
        self.sliders = [
            w.FloatSlider(value=0.5, min=0.05, max=1.0, step=0.01, readout_format=".0%",
                          description=f"{stage_name(a, self.language)} → {stage_name(b, self.language)}",
                          style={"description_width": "220px"}, layout=w.Layout(width="520px"),
                          continuous_update=False)
            for a, b in zip(self.stages[:-1], self.stages[1:])
        ]
        image = self.image_area("600px")
        self._load_channel()
        self._build([self.menu, *self.sliders, self.text, image], controls=self.sliders)
        self.menu.observe(self._channel_changed, names="value")

    def _data_steps(self) -> pd.DataFrame:
        return self.steps_data[self.steps_data[self.by] == self.menu.value]

    def _load_channel(self) -> None:
        """Set the sliders to the chosen channel's observed conversions (one redraw, not one per slider)."""
        self._quiet = True
        try:
            for slider, rate in zip(self.sliders, self._data_steps()["conversion"]):
                slider.value = float(rate)  # exact: the funnel starts as the data shows it
        finally:
            self._quiet = False
        self.baseline = self.final()  # people at the last stage before any slider is moved

    def _channel_changed(self, _change: object = None) -> None:
        try:
            self._load_channel()
        except Exception as error:  # noqa: BLE001 - shown in the widget like any update error
            self.last_error = error
            self.show_error(error)
            return
        self._safe_update()

    def counts(self) -> pd.DataFrame:
        """People per stage: the channel's people at the top, then the sliders' conversions."""
        top = float(self._data_steps()["entered"].iloc[0])
        return funnel.simulate_funnel(top, [float(s.value) for s in self.sliders], self.stages)

    def final(self) -> float:
        """People who reach the last stage at the sliders' conversions."""
        return float(self.counts()["people"].iloc[-1])

    def bottleneck(self) -> pd.Series:
        """The step with the lowest conversion at the sliders' values."""
        return funnel.bottleneck(funnel.funnel_conversion(self.counts()))

    def update(self) -> None:
        lang = self.language
        counts = self.counts()
        steps = funnel.funnel_conversion(counts)
        worst = funnel.bottleneck(steps)
        top, final = float(counts["people"].iloc[0]), self.final()
        lines = [
            t("funnel.text", lang, top=f"{top:,.0f}", first=stage_name(self.stages[0], lang),
              final=f"{final:,.0f}", last=stage_name(self.stages[-1], lang), share=f"{final / top:.1%}"),
            t("funnel.text_bottleneck", lang, source=stage_name(worst["from_stage"], lang),
              target=stage_name(worst["to_stage"], lang), rate=f"{worst['conversion']:.0%}"),
            t("funnel.text_change", lang, change=f"{final - self.baseline:+,.0f}", last=stage_name(self.stages[-1], lang)),
        ]
        self.text.value = "<br>".join(html.escape(line) for line in lines)
        group = str(self.menu.value)  # a new channel: a new chart; a slider: its bars, numbers and title in place
        self.show_chart((lang, group), lambda: funnel_chart(steps, worst, lang, group=group),
                        lambda fig: update_funnel_chart(fig, steps, worst, lang))


def funnel_app(table: pd.DataFrame, channel: str = "online", *, by: str = "channel",
               stage: str = "stage", count: str = "people", language: str | None = None) -> FunnelApp:
    """The customer-journey funnel of one channel, with a slider for each step's conversion.

    ``table`` holds people per ``stage`` and channel (``by``), e.g. the operator's ``funnel`` table
    (``datasets.load("telecom", "funnel")``: per quarter of 2025; quarters are summed). Lowering the
    bottleneck's conversion costs the most customers at the end of the funnel; raising it gains the most.

    >>> from crmlib import datasets
    >>> funnel_app(datasets.load("telecom", "funnel"), channel="kiosk")
    Traceback (most recent call last):
    ...
    ValueError: channel must be one of store, online, app, telesales, dealer; got 'kiosk'
    """
    return FunnelApp(table, channel, by, stage, count, language)
