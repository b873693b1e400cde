"""Lesson 02's CRM value chain maturity self-assessment: a slider per stage and supporting condition.

``crmlib.maturity.maturity_gaps`` ranks the gaps to the target; ``crmlib.plots.maturity`` draws the
radar chart::

    >>> app = maturity_app(language="en")
    >>> app.gaps()["key"].iloc[0], float(app.gaps()["gap"].iloc[0])
    ('it_data', 3.0)
    >>> app.sliders["it_data"].value = 5
    >>> app.gaps()["key"].iloc[0]
    'intimacy'
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from crmlib import maturity
from crmlib.i18n import t
from crmlib.plots.maturity import maturity_radar, update_maturity_radar
from crmlib.valuechain import get_chain
from crmlib.widgets._app import App

if TYPE_CHECKING:
    import pandas as pd

#: An example team's self-assessment: strong value proposition, weak customer data, systems and structure.
EXAMPLE_SCORES: dict[str, int] = {
    "portfolio": 3, "intimacy": 2, "network": 3, "proposition": 4, "relationship": 3,
    "culture": 4, "processes": 3, "hr": 4, "it_data": 1, "organisation": 2,
}


class MaturityApp(App):
    """A target slider, a 1–5 slider per item, the ranked gap list and the radar chart.

    Build it with ``maturity_app()``; display it as the last value of a cell.
    """

    dpi = 80

    def __init__(self, scores: Mapping[str, float], target: int, chain: str, language: str | None) -> None:
        import ipywidgets as w

        maturity.maturity_gaps(scores, target, chain)  # validate before building controls
        super().__init__(language)
        self.chain = chain
        items = maturity.maturity_items(chain, self.language)
        low, high = maturity.SCALE
        style = {"description_width": "230px"}
        layout = w.Layout(width="470px")
        self.target = w.IntSlider(value=int(target), min=low, max=high, description=t("maturity.target_slider",
                                  self.language), style=style, layout=layout, continuous_update=False)
        self.sliders: dict[str, w.IntSlider] = {}
        for row in items.itertuples():
            self.sliders[row.key] = w.IntSlider(value=int(round(scores[row.key])), min=low, max=high,
                                                description=row.name, style=style, layout=layout,
                                                continuous_update=False)
        stages = [self.sliders[k] for k in items.loc[items["part"] == "primary", "key"]]
        support = [self.sliders[k] for k in items.loc[items["part"] == "support", "key"]]
        chain_obj = get_chain(chain)
        heading = "<b>{}</b>"
        left = w.VBox([w.HTML(heading.format(html.escape(chain_obj.label("primary", self.language)))), *stages])
        right = w.VBox([w.HTML(heading.format(html.escape(chain_obj.label("support", self.language)))), *support])
        image = self.image_area("560px")
        self._build([self.target, w.HBox([left, right]), w.HBox([image, self.text])],
                    controls=[self.target, *self.sliders.values()])

    def scores(self) -> dict[str, int]:
        """The sliders' scores by item key."""
        return {k: int(s.value) for k, s in self.sliders.items()}

    def gaps(self) -> pd.DataFrame:
        """``maturity_gaps`` of the sliders' scores and target."""
        return maturity.maturity_gaps(self.scores(), int(self.target.value), self.chain, self.language)

    def update(self) -> None:
        lang = self.language
        gaps = self.gaps()
        open_gaps = gaps[gaps["gap"] > 0]
        if open_gaps.empty:
            body = f"<p>{html.escape(t('maturity.none', lang))}</p>"
        else:
            items = "".join(
                f"<li>{html.escape(t('maturity.item', lang, name=r.name, score=r.score, gap=r.gap))}</li>"
                for r in open_gaps.itertuples()
            )
            body = f"<ol>{items}</ol>"
        self.text.value = f"<p><b>{html.escape(t('maturity.list', lang))}</b></p>{body}"
        # the same stages and conditions: the chart on show changes its area, lines and title in place
        self.show_chart(lang, lambda: maturity_radar(gaps, lang), lambda fig: update_maturity_radar(fig, gaps, lang))


def maturity_app(scores: Mapping[str, float] | None = None, target: int = 4, *, chain: str = "crm",
                 language: str | None = None) -> MaturityApp:
    """Self-assess each stage and supporting condition of the CRM value chain (1–5) against a target.

    ``scores`` defaults to ``EXAMPLE_SCORES`` (an example team). The list ranks the gaps, largest
    first; the radar chart shows where the profile falls short.

    >>> maturity_app(target=6)
    Traceback (most recent call last):
    ...
    ValueError: target must be from 1 to 5; got 6
    """
    return MaturityApp(EXAMPLE_SCORES if scores is None else scores, target, chain, language)
