"""The start-here widget: a retention-rate slider and the customers left after some years.

Each app shows its chart as an ``ipywidgets.Image`` and its numbers as ``ipywidgets.HTML``, so a
test can move a control and read the result without a kernel or a browser::

    >>> app = retention_app(retention_rate=0.8, years=5, language="en")
    >>> app.text.value
    'After 5 years, 328 of 1,000 customers remain. An average customer stays 5 years.'
    >>> app.slider.value = 0.9
    >>> app.text.value
    'After 5 years, 590 of 1,000 customers remain. An average customer stays 10 years.'
"""

from __future__ import annotations

import html

from crmlib import economics, plots
from crmlib._format import number
from crmlib.i18n import t
from crmlib.widgets._app import App, renamed


class RetentionApp(App):
    """A retention-rate slider, a chart of customers remaining per year, one sentence of result and one
    line on where the average lifetime comes from.

    Build it with ``retention_app()``; display it by leaving it as the last value of a cell. Dragging
    the slider redraws only the bars, their labels and the title.
    """

    dpi = 80

    def __init__(self, start: int, retention_rate: float, years: int, language: str | None) -> None:
        import ipywidgets as w

        economics.survivors(start, retention_rate, years)  # validate the arguments before building controls
        super().__init__(language)
        self.start, self.years = start, years
        self.slider = w.FloatSlider(
            value=retention_rate, min=0.50, max=0.99, step=0.01, readout_format=".0%",
            description=t("widget.retention.slider", self.language), continuous_update=True,
            style={"description_width": "initial"}, layout=w.Layout(width="420px"),
        )
        self.lifetime_note = w.HTML()
        image = self.image_area("560px")
        self._build([self.slider, self.text, self.lifetime_note, image], controls=[self.slider])

    def update(self) -> None:
        rate = float(self.slider.value)
        counts = economics.survivors(self.start, rate, self.years)
        lifetime = economics.average_lifetime(rate)
        self.text.value = html.escape(
            t("widget.retention.text", self.language, years=self.years, remaining=int(round(counts[-1])),
              start=self.start, lifetime=number(round(lifetime, 1)))
        )
        self.lifetime_note.value = "<small>" + html.escape(
            t("widget.retention.lifetime", self.language, leave=f"{1 - rate:.0%}", rate=f"{rate:.2f}",
              lifetime=number(round(lifetime, 1)))) + "</small>"
        lang = self.language
        self.show_chart(None, lambda: plots.survivors_chart(counts, rate, lang),
                        lambda fig: plots.update_survivors_chart(fig, counts, rate, lang))


def retention_app(start: int = 1000, retention_rate: float = 0.8, years: int = 5,
                   language: str | None = None) -> RetentionApp:
    """How many of ``start`` customers remain after ``years`` when a share ``retention_rate`` stays each year.

    Moving the slider from 80 % to 90 % retention nearly doubles the customers left after five years:
    small gains in retention compound. A second line says where the average lifetime comes from.

    >>> app = retention_app(retention_rate=0.5, years=2, language="en")
    >>> app.text.value
    'After 2 years, 250 of 1,000 customers remain. An average customer stays 2 years.'
    >>> print(app.lifetime_note.value)  # doctest: +NORMALIZE_WHITESPACE
    <small>Why 2 years: each year 50% of the customers left leave, so a customer stays 1 / (1 − 0.50) = 2
    years on average, counting the year they leave.</small>
    """
    return RetentionApp(start, retention_rate, years, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"RetentionDemo": "RetentionApp", "retention_demo": "retention_app"})
