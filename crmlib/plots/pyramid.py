"""The customer pyramid: tiers drawn as layers, with each tier's share of customers and of value.

    >>> import pandas as pd
    >>> from crmlib import pyramid
    >>> table = pyramid.pyramid_table(pd.Series([50.0, 20, 10, 8, 5, 3, 2, 1, 1, 0]), cutoffs=(0.1, 0.2, 0.8))
    >>> fig = pyramid_chart(table, language="en")
    >>> fig.get_suptitle()
    'The top 20% of customers (platinum and gold) bring 70% of the margin'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib
import numpy as np
from matplotlib.patches import Polygon

from crmlib.i18n import t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.style import PALETTE, chart_language, rc

if TYPE_CHECKING:
    import pandas as pd

#: Fill and text colour of each tier's layer, top first (Okabe–Ito colours).
TIER_COLOURS = ((PALETTE[0], "white"), (PALETTE[1], "black"), (PALETTE[2], "white"), (PALETTE[3], "black"))
_COLUMNS = ("customers", "customer_share", "value", "value_share")


def share_label(share: float) -> str:
    """A share as a percentage label in whole percents (as lesson 01 states); a share that is not zero
    but rounds to 0 % reads "<1%" (or ">−1%"), so a small tier never looks empty.

    >>> share_label(0.764), share_label(0.0041), share_label(0.0), share_label(-0.02), share_label(0.0099)
    ('76%', '<1%', '0%', '-2%', '1%')
    """
    percent = share * 100
    if 0 < percent < 0.5:
        return "<1%"
    if -0.5 < percent < 0:
        return ">−1%"
    return f"{percent:.0f}%"


def pyramid_chart(table: pd.DataFrame, value_name: str | None = None, language: str | None = None) -> ChartFigure:
    """Left: the pyramid, one layer per tier (top tier at the apex) with its customers. Right: each
    tier's share of customers next to its share of the value. The title states what the two top
    tiers bring (``fig.get_suptitle()``).

    ``table`` is what ``crmlib.pyramid.pyramid_table`` returns (four tiers, top first);
    ``value_name`` names the value in the title and legend (default: "margin" in the chart's language).

    >>> import pandas as pd
    >>> from crmlib import pyramid
    >>> table = pyramid.pyramid_table([9.0, 5, 3, 1], cutoffs=(0.25, 0.5, 0.75))
    >>> fig = pyramid_chart(table, language="en")
    >>> [a.get_xlabel() for a in fig.axes]
    ['', 'Share of all customers or of all margin (%)']
    """
    missing = [c for c in _COLUMNS if c not in getattr(table, "columns", [])]
    if missing or len(table) != len(TIER_COLOURS):
        raise ValueError(
            "table must be what crmlib.pyramid.pyramid_table returns (4 tiers with columns "
            f"{', '.join(_COLUMNS)}); got {len(table)} row(s)" + (f", missing {', '.join(missing)}" if missing else "")
        )
    lang = chart_language(language)
    value_name = value_name or t("chart.pyramid.margin", lang)
    tiers = [str(tier) for tier in table.index]
    names = [t(f"tier.{tier}", lang) for tier in tiers]
    fig = new_figure(figsize=(9.0, 4.4))
    fig.clear()
    with matplotlib.rc_context(rc()):
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.0, 1.25]})
        # the pyramid: layers of equal height, narrowing from 1.0 at the base to 0.2 at the top
        width = lambda y: 1.0 - 0.2 * y  # noqa: E731 - a one-line shape rule
        layer_texts = []
        for i, (name, (fill, ink)) in enumerate(zip(names, TIER_COLOURS)):
            y0, y1 = len(tiers) - 1 - i, len(tiers) - i
            corners = [(-width(y0) / 2, y0), (width(y0) / 2, y0), (width(y1) / 2, y1), (-width(y1) / 2, y1)]
            left.add_patch(Polygon(corners, closed=True, facecolor=fill, edgecolor="white", lw=2))
            layer_texts.append(left.text(0, y0 + 0.5, "", ha="center", va="center", color=ink, fontsize=9))
        left.set_xlim(-0.55, 0.55)
        left.set_ylim(0, len(tiers))
        left.set_axis_off()
        left.set_title(t("chart.pyramid.left", lang), fontsize=10)
        # the shares: customers vs value, per tier, aligned with the layers
        y = np.arange(len(tiers))[::-1] + 0.5
        customers = table["customer_share"].to_numpy() * 100
        values = table["value_share"].to_numpy() * 100
        bar_c = right.barh(y + 0.17, customers, height=0.32, color=PALETTE[4],
                           label=t("chart.pyramid.customers", lang))
        bar_v = right.barh(y - 0.17, values, height=0.32, color=PALETTE[5],
                           label=t("chart.pyramid.value", lang, value=value_name))
        labels_c = right.bar_label(bar_c, labels=[""] * len(tiers), padding=2, fontsize=8)
        labels_v = right.bar_label(bar_v, labels=[""] * len(tiers), padding=2, fontsize=8)
        right.set_yticks(y, names)
        right.set_ylim(0, len(tiers))
        right.set_xlim(*_share_limits(customers, values))
        right.axvline(0, color=PALETTE[7], lw=0.8)
        right.grid(axis="y", visible=False)
        right.set_xlabel(t("chart.pyramid.x", lang, value=value_name))
        right.legend(loc="lower right", fontsize=8, frameon=False)
        title = fig.suptitle(" ", fontsize=12)
    parts(fig).update(layers=layer_texts, bars=(list(bar_c), list(bar_v)), labels=(list(labels_c), list(labels_v)),
                      names=names, value_name=value_name)
    live(fig, layer_texts, bar_c, bar_v, labels_c, labels_v, title)
    update_pyramid_chart(fig, table, language=lang)
    return fig


def _share_limits(customers: np.ndarray, values: np.ndarray) -> tuple[float, float]:
    """The share axis' limits (in %): from 0 (or below a negative share) to at least 100 %."""
    low = min(0.0, float(values.min()) * 1.3)
    return low, max(100.0, float(max(customers.max(), values.max())) * 1.12)


def update_pyramid_chart(fig: ChartFigure, table: pd.DataFrame, language: str | None = None) -> bool:
    """Show a new ``pyramid_table`` (other cut-offs, same tiers) on a ``pyramid_chart``, in place; False
    when its shares need other axis limits (the chart must then be drawn anew).

    >>> from crmlib import pyramid
    >>> values = [9.0, 7, 5, 4, 3, 2, 1, 1]
    >>> fig = pyramid_chart(pyramid.pyramid_table(values, cutoffs=(0.125, 0.25, 0.75)), language="en")
    >>> update_pyramid_chart(fig, pyramid.pyramid_table(values, cutoffs=(0.25, 0.5, 0.75)), language="en")
    True
    >>> print(fig.get_suptitle())
    The top 50% of customers (platinum and gold) bring 78% of the margin
    """
    lang = chart_language(language)
    p = parts(fig)
    customers = table["customer_share"].to_numpy() * 100
    values = table["value_share"].to_numpy() * 100
    if len(table) != len(p["layers"]) or _share_limits(customers, values) != fig.axes[1].get_xlim():
        return False
    names = p["names"]
    with matplotlib.rc_context(rc()):
        for i, text in enumerate(p["layers"]):
            row = table.iloc[i]
            text.set_text(f"{names[i]}\n{int(row['customers']):,} ({share_label(row['customer_share'])})")
        for bars, labels, shares in zip(p["bars"], p["labels"], (customers, values)):
            for bar, label, share in zip(bars, labels, shares):
                bar.set_width(share)
                label.set_text(share_label(share / 100))
                y = bar.get_y() + bar.get_height() / 2
                label.xy = (max(share, 0.0), y) if share >= 0 else (share, y)
                label.set_ha("left" if share >= 0 else "right")
                label.xyann = (2, 0) if share >= 0 else (-2, 0)
        top_customers = float(table["customer_share"].iloc[:2].sum())
        top_value = float(table["value_share"].iloc[:2].sum())
        fig._suptitle.set_text(t("chart.pyramid.title", lang, top=f"{top_customers:.0%}",
                                 share=f"{top_value:.0%}", value=p["value_name"], tier1=names[0], tier2=names[1]))
    return True
