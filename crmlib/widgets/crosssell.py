"""Lesson 04's cross-sell explorer: product holding in a segment and each customer's next best offer.

    >>> import pandas as pd
    >>> h = pd.DataFrame({"mobile": [True, True, True, True], "broadband": [True, False, False, False]},
    ...                  index=list("abcd"))
    >>> seg = pd.Series(["sme"] * 4, index=h.index)
    >>> app = crosssell_explorer(h, seg, language="en")
    >>> app.offers["offer"].value_counts().to_dict()
    {'broadband': 3, 'none': 1}
    >>> app.min_propensity.value = 0.3
    >>> app.offers["offer"].value_counts().to_dict()
    {'none': 4}
"""

from __future__ import annotations

import html

import pandas as pd

from crmlib import crosssell, plots
from crmlib.i18n import get_language, t
from crmlib.plots.churn import label


class CrossSellExplorer:
    """A segment menu, a minimum-propensity slider, the offers made, and the segment's holding chart."""

    def __init__(self, holding: pd.DataFrame, groups: pd.Series, group: str | None, min_propensity: float,
                 language: str | None) -> None:
        import ipywidgets as w

        self.rates = crosssell.holding_rates(holding, groups)  # validates holding and groups
        self.holding, self.groups = holding, groups.reindex(holding.index)
        self.language = language or get_language()
        options = [str(g) for g in self.rates.index]
        group = options[0] if group is None else group
        if group not in options:
            raise ValueError(f"group must be one of {', '.join(options)}; got {group!r}")
        self._members = {g: (self.groups.astype(str) == g).to_numpy() for g in options}
        style = {"description_width": "initial"}
        self.group = w.Dropdown(options=[(label("segment", g, self.language), g) for g in options], value=group,
                                description=t("lesson04.widget.segment", self.language), style=style)
        self.min_propensity = w.FloatSlider(value=min_propensity, min=0, max=1, step=0.05, readout_format=".0%",
                                            description=t("lesson04.widget.min_propensity", self.language),
                                            style=style, layout=w.Layout(width="460px"))
        self.text = w.HTML()
        # Drawn at 100 dpi and shown at its own size (650px wide, narrower in a narrow window): at 72 dpi
        # the legend and bar labels were about 7 px tall in the browser, too small to read.
        self.image = w.Image(format="png", layout=w.Layout(width="100%", max_width="650px"))
        self.widget = w.VBox([self.group, self.min_propensity, self.text, self.image])
        self.group.observe(self._update, names="value")
        self.min_propensity.observe(self._update, names="value")
        self._update()

    def _update(self, _change: object = None) -> None:
        group = str(self.group.value)
        mask = self._members[group]
        holding, groups = self.holding[mask], self.groups[mask]
        self.offers = crosssell.next_best_offer(holding, groups.astype(str),
                                                min_propensity=float(self.min_propensity.value))
        counts = self.offers["offer"].value_counts()
        offered = int(counts.drop("none", errors="ignore").sum())
        lines = [t("lesson04.widget.offer_text", self.language, group=label("segment", group, self.language),
                   customers=f"{len(holding):,}", offered=f"{offered:,}")]
        lines += [t("lesson04.widget.offer_line", self.language, product=label("product", p, self.language),
                    count=f"{n:,}") for p, n in counts.items() if p != "none"]
        self.text.value = "<pre>" + html.escape("\n".join(lines)) + "</pre>"
        top_offer = counts.drop("none", errors="ignore")
        offer = str(top_offer.idxmax()) if len(top_offer) else "none"
        row = self.rates.loc[self.rates.index.astype(str) == group, list(self.holding.columns)].iloc[0]
        fig = plots.holding_chart(row, group=group, offer=offer, language=self.language)
        self.image.value = plots.figure_png(fig, dpi=100)

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)


def crosssell_explorer(holding: pd.DataFrame, groups: pd.Series, *, group: str | None = None,
                       min_propensity: float = 0.1, language: str | None = None) -> CrossSellExplorer:
    """Explore ``holding`` (from ``crmlib.crosssell.holdings``) by ``groups`` (e.g. each customer's
    segment): who holds what, and how many customers get which next best offer.

    >>> h = pd.DataFrame({"mobile": [True, False]}, index=["a", "b"])
    >>> crosssell_explorer(h, pd.Series(["x", "x"], index=["a", "b"]), language="en").offers["offer"].tolist()
    ['none', 'mobile']
    """
    return CrossSellExplorer(holding, groups, group, min_propensity, language)
