"""Lesson 04's cross-sell explorer: product holding in a segment and each customer's next best offer.

    >>> import pandas as pd
    >>> h = pd.DataFrame({"mobile": [True, True, True, True], "broadband": [True, False, False, False]},
    ...                  index=list("abcd"))
    >>> seg = pd.Series(["sme"] * 4, index=h.index)
    >>> app = cross_sell_app(h, seg, language="en")
    >>> app.offers["offer"].value_counts().to_dict()
    {'broadband': 3, 'none': 1}
    >>> app.min_propensity.value = 0.3
    >>> app.offers["offer"].value_counts().to_dict()
    {'none': 4}
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from crmlib import crosssell, plots
from crmlib._checks import share as _share
from crmlib.i18n import t
from crmlib.plots.churn import label
from crmlib.widgets._app import App, renamed


class CrossSellApp(App):
    """A segment menu, a minimum-propensity slider, the offers made, and the segment's holding chart.

    The holding bars depend on the segment only: moving the slider redraws the chart's title, its
    dashed threshold line and the fading of the products too rare among peers to be offered, so every
    step of the slider shows, also where the offers themselves do not change.
    """

    def __init__(self, holding: pd.DataFrame, groups: pd.Series, group: str | None, min_propensity: float,
                 language: str | None) -> None:
        import ipywidgets as w

        self.rates = crosssell.holding_rates(holding, groups)  # validates holding and groups
        min_propensity = _share("min_propensity", min_propensity, example=0.2)
        super().__init__(language)
        self.holding, self.groups = holding, groups.reindex(holding.index)
        options = [str(g) for g in self.rates.index]
        group = options[0] if group is None else group
        if group not in options:
            raise ValueError(f"group must be one of {', '.join(options)}; got {group!r}")
        self._members = {g: (self.groups.astype(str) == g).to_numpy() for g in options}
        style = {"description_width": "initial"}
        self.group = w.Dropdown(options=[(label("segment", g, self.language), g) for g in options], value=group,
                                description=t("widget.segment", self.language), style=style)
        self.min_propensity = w.FloatSlider(value=min_propensity, min=0, max=1, step=0.05, readout_format=".0%",
                                            continuous_update=True,
                                            description=t("widget.min_propensity", self.language),
                                            style=style, layout=w.Layout(width="460px"))
        # Drawn at 100 dpi and shown at its own size (650px wide, narrower in a narrow window): at 72 dpi
        # the legend and bar labels were about 7 px tall in the browser, too small to read.
        image = self.image_area("100%", max_width="650px")
        self._subsets: dict[str, tuple[pd.DataFrame, pd.Series]] = {}
        self._best: dict[str, tuple[pd.DataFrame, np.ndarray, np.ndarray, list[str]]] = {}
        self._build([self.group, self.min_propensity, self.text, image], controls=[self.group, self.min_propensity])

    def _segment_offers(self, group: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, list[str]]:
        """A segment's next best offers with no threshold (``crosssell.next_best_offer``), found once:
        a threshold only turns the offers whose propensity is below it into "none", so a slider step
        compares the propensities instead of recomputing the holding rates of every customer."""
        if group not in self._best:
            mask = self._members[group]
            holding, groups = self.holding[mask], self.groups[mask].astype(str)
            self._subsets[group] = (holding, groups)
            offers = crosssell.next_best_offer(holding, groups, min_propensity=0.0)
            names = [str(p) for p in self.holding.columns]
            codes = pd.Categorical(offers["offer"], categories=[*names, "none"]).codes
            self._best[group] = (offers, codes, offers["propensity"].to_numpy(), names)
        return self._best[group]

    @property
    def offers(self) -> pd.DataFrame:
        """Each customer of the segment on show: next best ``offer`` (or "none") and its ``propensity``
        at the slider's threshold (what ``crosssell.next_best_offer`` returns)."""
        offers, _codes, propensity, _names = self._segment_offers(str(self.group.value))
        kept = propensity >= float(self.min_propensity.value)
        return offers.assign(offer=np.where(kept, offers["offer"].to_numpy(), "none"))

    def update(self) -> None:
        group = str(self.group.value)
        _offers, codes, propensity, names = self._segment_offers(group)
        holding, _groups = self._subsets[group]
        kept = codes[(propensity >= float(self.min_propensity.value)) & (codes < len(names))]
        per_product = np.bincount(kept, minlength=len(names))
        order = sorted((i for i in range(len(names)) if per_product[i]), key=lambda i: (-per_product[i], i))
        counts = pd.Series({names[i]: int(per_product[i]) for i in order}, dtype="int64")
        offered = int(per_product.sum())
        lines = [t("widget.offer_text", self.language, group=label("segment", group, self.language),
                   customers=f"{len(holding):,}", offered=f"{offered:,}")]
        lines += [t("widget.offer_line", self.language, product=label("product", p, self.language),
                    count=f"{n:,}") for p, n in counts.items() if p != "none"]
        lines.append(t("widget.offer_threshold", self.language, share=f"{float(self.min_propensity.value):.0%}"))
        self.text.value = "<pre>" + html.escape("\n".join(lines)) + "</pre>"
        top_offer = counts.drop("none", errors="ignore")
        offer = str(top_offer.idxmax()) if len(top_offer) else "none"
        row = self.rates.loc[self.rates.index.astype(str) == group, list(self.holding.columns)].iloc[0]
        lang, share = self.language, float(self.min_propensity.value)
        self.show_chart(group, lambda: plots.holding_chart(row, group=group, offer=offer, min_propensity=share,
                                                           language=lang),
                        lambda fig: plots.update_holding_chart(fig, row, group=group, offer=offer,
                                                               min_propensity=share, language=lang))


def cross_sell_app(holding: pd.DataFrame, groups: pd.Series, *, group: str | None = None,
                       min_propensity: float = 0.1, language: str | None = None) -> CrossSellApp:
    """Explore ``holding`` (from ``crmlib.crosssell.holdings``) by ``groups`` (e.g. each customer's
    segment): who holds what, and how many customers get which next best offer.

    >>> h = pd.DataFrame({"mobile": [True, False]}, index=["a", "b"])
    >>> cross_sell_app(h, pd.Series(["x", "x"], index=["a", "b"]), language="en").offers["offer"].tolist()
    ['none', 'mobile']
    """
    return CrossSellApp(holding, groups, group, min_propensity, language)


#: The old names, kept for one release (``DeprecationWarning``); the suffix of every app is now ``App``.
__getattr__ = renamed(__name__, {"CrossSellExplorer": "CrossSellApp", "crosssell_explorer": "cross_sell_app"})
