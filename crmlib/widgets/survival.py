"""Lesson 04's survival explorer: Kaplan–Meier curves by segment, read at a chosen month.

    >>> import pandas as pd
    >>> life = pd.DataFrame({"months": [3, 10, 20, 30], "churned": [True, True, False, False],
    ...                      "entry_months": [0, 0, 0, 0], "contract": ["month_to_month"] * 2 + ["24_months"] * 2})
    >>> app = survival_app(life, by=["contract"], month=12, language="en")
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
from crmlib.i18n import t
from crmlib.plots.churn import label
from crmlib.widgets._app import App, renamed


class SurvivalApp(App):
    """A menu of ways to split customers, a month slider, survival at that month, and the curves.

    The curves of each split are computed and drawn once; dragging the month slider redraws only the
    month marker, the dots on the curves and the title.
    """

    def __init__(self, lifetimes: pd.DataFrame, by: Sequence[str], month: int, duration: str, event: str,
                 entry: str | None, language: str | None) -> None:
        import ipywidgets as w

        churn.require_columns(lifetimes, [duration, event, *by] + ([entry] if entry else []), "lifetimes")
        if not by:
            raise ValueError("by must name at least one column to split customers by")
        super().__init__(language)
        self.lifetimes, self.duration, self.event, self.entry = lifetimes, duration, event, entry
        self._curves: dict[str, pd.DataFrame] = {}
        horizon = int(lifetimes[duration].max())
        style = {"description_width": "initial"}
        self.by = w.Dropdown(options=[(label("by", b, self.language), b) for b in by],
                             value=by[0], description=t("survival.by", self.language), style=style)
        self.month = w.IntSlider(value=min(month, horizon), min=1, max=horizon, step=1, continuous_update=True,
                                 description=t("survival.slider", self.language), style=style,
                                 layout=w.Layout(width="460px"))
        hint = w.HTML(f"<i>{html.escape(t('survival.try', self.language))}</i>")
        # Drawn at 100 dpi and shown at its own size (up to 900px wide, narrower in a narrow window).
        image = self.image_area("100%", max_width="900px")
        self._build([self.by, self.month, hint, self.text, image], controls=[self.by, self.month])

    def curves(self, by: str) -> pd.DataFrame:
        """Kaplan–Meier curves split by ``by`` (computed once per split; yes/no groups as text)."""
        if by not in self._curves:
            curves = churn.kaplan_meier(self.lifetimes, duration=self.duration, event=self.event,
                                        group=by, entry=self.entry)
            if curves["group"].dtype == bool or by == "bundle":
                curves = curves.assign(group=curves["group"].astype(str))
            self._curves[by] = curves
        return self._curves[by]

    @staticmethod
    def _kind(by: str, curves: pd.DataFrame) -> str:
        return "bool" if set(curves["group"].astype(str)) <= {"True", "False"} else by

    def update(self) -> None:
        by, month = str(self.by.value), int(self.month.value)
        curves = self.curves(by)
        survival = churn.survival_at(curves, month)
        if by == "bundle":  # the same index as survival_at gives for the column's own values
            survival.index = survival.index.map(lambda g: {"True": True, "False": False}.get(g, g))
        self.survival = survival
        kind, lang = self._kind(by, curves), self.language
        lines = [t("survival.text", lang, time=month, by=t(f"by.{by}", lang))]
        lines += [f"  {label(kind, g, lang)}: {s:.0%}" for g, s in self.survival.items()]
        self.text.value = "<pre>" + html.escape("\n".join(lines)) + "</pre>"
        self.show_chart(by, lambda: plots.survival_chart(curves, mark=month, kind=kind, language=lang),
                        lambda fig: plots.update_survival_chart(fig, mark=month, language=lang))


def survival_app(lifetimes: pd.DataFrame, *, by: Sequence[str] = ("contract", "segment", "bundle", "region"),
                      month: int = 24, duration: str = "months", event: str = "churned",
                      entry: str | None = "entry_months", language: str | None = None) -> SurvivalApp:
    """Survival curves of ``lifetimes`` (e.g. ``crmlib.churn.customer_lifetimes``) split by one of
    ``by``, with the share still a customer after ``month`` months.

    >>> life = pd.DataFrame({"months": [1, 2], "churned": [True, False], "contract": ["a", "b"]})
    >>> survival_app(life, by=["contract"], month=1, entry=None, language="en").survival.to_dict()
    {'a': 0.0, 'b': 1.0}
    """
    return SurvivalApp(lifetimes, list(by), month, duration, event, entry, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"SurvivalExplorer": "SurvivalApp", "survival_explorer": "survival_app"})
