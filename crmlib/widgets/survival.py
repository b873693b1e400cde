"""Lesson 04's survival explorer: Kaplan–Meier curves by segment, read at a chosen month.

    >>> import pandas as pd
    >>> life = pd.DataFrame({"months": [3, 10, 20, 30], "churned": [True, True, False, False],
    ...                      "entry_months": [0, 0, 0, 0], "contract": ["month_to_month"] * 2 + ["24_months"] * 2})
    >>> app = survival_explorer(life, by=["contract"], month=12, language="en")
    >>> app.survival.round(2).to_dict()
    {'24_months': 1.0, 'month_to_month': 0.0}
    >>> app.month.value = 5
    >>> app.survival.round(2).to_dict()
    {'24_months': 1.0, 'month_to_month': 0.5}
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from crmlib import churn, plots
from crmlib.i18n import get_language, t
from crmlib.plots.churn import label


class SurvivalExplorer:
    """A menu of ways to split customers, a month slider, survival at that month, and the curves."""

    def __init__(self, lifetimes: pd.DataFrame, by: Sequence[str], month: int, duration: str, event: str,
                 entry: str | None, language: str | None) -> None:
        import ipywidgets as w

        churn.require_columns(lifetimes, [duration, event, *by] + ([entry] if entry else []), "lifetimes")
        if not by:
            raise ValueError("by must name at least one column to split customers by")
        self.lifetimes, self.duration, self.event, self.entry = lifetimes, duration, event, entry
        self.language = language or get_language()
        self._curves: dict[str, pd.DataFrame] = {}
        horizon = int(lifetimes[duration].max())
        style = {"description_width": "initial"}
        self.by = w.Dropdown(options=[(label("by", b, self.language), b) for b in by],
                             value=by[0], description=t("lesson04.survival.by", self.language), style=style)
        self.month = w.IntSlider(value=min(month, horizon), min=1, max=horizon, step=1,
                                 description=t("lesson04.survival.slider", self.language), style=style,
                                 layout=w.Layout(width="460px"))
        self.text = w.HTML()
        # Drawn at 100 dpi and shown at its own size (750px wide, narrower in a narrow window): at 72 dpi
        # the legend and bar labels were about 7 px tall in the browser, too small to read.
        self.image = w.Image(format="png", layout=w.Layout(width="100%", max_width="750px"))
        self.widget = w.VBox([self.by, self.month, self.text, self.image])
        self.by.observe(self._update, names="value")
        self.month.observe(self._update, names="value")
        self._update()

    def curves(self, by: str) -> pd.DataFrame:
        """Kaplan–Meier curves split by ``by`` (computed once per split)."""
        if by not in self._curves:
            self._curves[by] = churn.kaplan_meier(self.lifetimes, duration=self.duration, event=self.event,
                                                  group=by, entry=self.entry)
        return self._curves[by]

    def _update(self, _change: object = None) -> None:
        by, month = str(self.by.value), int(self.month.value)
        curves = self.curves(by)
        self.survival = churn.survival_at(curves, month)
        kind = "bool" if by == "bundle" else by
        lines = [t("lesson04.survival.text", self.language, time=month, by=t(f"lesson04.by.{by}", self.language))]
        lines += [f"  {label(kind, g, self.language)}: {s:.0%}" for g, s in self.survival.items()]
        self.text.value = "<pre>" + html.escape("\n".join(lines)) + "</pre>"
        fig = plots.survival_chart(curves.assign(group=curves["group"].astype(str)) if by == "bundle" else curves,
                                   mark=month, kind=kind, language=self.language)
        self.image.value = plots.figure_png(fig, dpi=100)

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)


def survival_explorer(lifetimes: pd.DataFrame, *, by: Sequence[str] = ("contract", "segment", "bundle", "region"),
                      month: int = 24, duration: str = "months", event: str = "churned",
                      entry: str | None = "entry_months", language: str | None = None) -> SurvivalExplorer:
    """Survival curves of ``lifetimes`` (e.g. ``crmlib.churn.customer_lifetimes``) split by one of
    ``by``, with the share still a customer after ``month`` months.

    >>> life = pd.DataFrame({"months": [1, 2], "churned": [True, False], "contract": ["a", "b"]})
    >>> survival_explorer(life, by=["contract"], month=1, entry=None, language="en").survival.to_dict()
    {'a': 0.0, 'b': 1.0}
    """
    return SurvivalExplorer(lifetimes, list(by), month, duration, event, entry, language)
