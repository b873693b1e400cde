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
from crmlib.plots.base import ChartFigure, new_figure
from crmlib.style import PALETTE, chart_language, rc

if TYPE_CHECKING:
    import pandas as pd

#: Fill and text colour of each tier's layer, top first (Okabe–Ito colours).
TIER_COLOURS = ((PALETTE[0], "white"), (PALETTE[1], "black"), (PALETTE[2], "white"), (PALETTE[3], "black"))
_COLUMNS = ("customers", "customer_share", "value", "value_share")


def share_label(share: float) -> str:
    """A share as a percentage label: whole percents, one decimal below 1 % so small shares don't read 0 %.

    >>> share_label(0.764), share_label(0.0041), share_label(0.0), share_label(-0.02)
    ('76%', '0.4%', '0%', '-2%')
    """
    percent = share * 100
    return f"{percent:.1f}%" if 0 < abs(percent) < 1 else f"{percent:.0f}%"


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
    value_name = value_name or t("lesson01.chart.pyramid.margin", lang)
    tiers = [str(tier) for tier in table.index]
    names = [t(f"lesson01.tier.{tier}", lang) for tier in tiers]
    fig = new_figure(figsize=(9.0, 4.4))
    fig.clear()
    with matplotlib.rc_context(rc()):
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.0, 1.25]})
        # the pyramid: layers of equal height, narrowing from 1.0 at the base to 0.2 at the top
        width = lambda y: 1.0 - 0.2 * y  # noqa: E731 - a one-line shape rule
        for i, (name, (fill, ink)) in enumerate(zip(names, TIER_COLOURS)):
            y0, y1 = len(tiers) - 1 - i, len(tiers) - i
            corners = [(-width(y0) / 2, y0), (width(y0) / 2, y0), (width(y1) / 2, y1), (-width(y1) / 2, y1)]
            left.add_patch(Polygon(corners, closed=True, facecolor=fill, edgecolor="white", lw=2))
            row = table.iloc[i]
            left.text(0, y0 + 0.5, f"{name}\n{int(row['customers']):,} ({row['customer_share']:.0%})",
                      ha="center", va="center", color=ink, fontsize=9)
        left.set_xlim(-0.55, 0.55)
        left.set_ylim(0, len(tiers))
        left.set_axis_off()
        left.set_title(t("lesson01.chart.pyramid.left", lang), fontsize=10)
        # the shares: customers vs value, per tier, aligned with the layers
        y = np.arange(len(tiers))[::-1] + 0.5
        customers = table["customer_share"].to_numpy() * 100
        values = table["value_share"].to_numpy() * 100
        bar_c = right.barh(y + 0.17, customers, height=0.32, color=PALETTE[4],
                           label=t("lesson01.chart.pyramid.customers", lang))
        bar_v = right.barh(y - 0.17, values, height=0.32, color=PALETTE[5],
                           label=t("lesson01.chart.pyramid.value", lang, value=value_name))
        right.bar_label(bar_c, labels=[share_label(v / 100) for v in customers], padding=2, fontsize=8)
        right.bar_label(bar_v, labels=[share_label(v / 100) for v in values], padding=2, fontsize=8)
        right.set_yticks(y, names)
        right.set_ylim(0, len(tiers))
        low = min(0.0, float(values.min()) * 1.3)
        right.set_xlim(low, max(100.0, float(max(customers.max(), values.max())) * 1.12))
        right.axvline(0, color=PALETTE[7], lw=0.8)
        right.grid(axis="y", visible=False)
        right.set_xlabel(t("lesson01.chart.pyramid.x", lang, value=value_name))
        right.legend(loc="lower right", fontsize=8, frameon=False)
        top_customers = float(table["customer_share"].iloc[:2].sum())
        top_value = float(table["value_share"].iloc[:2].sum())
        fig.suptitle(t("lesson01.chart.pyramid.title", lang, top=f"{top_customers:.0%}", share=f"{top_value:.0%}",
                       value=value_name, tier1=names[0], tier2=names[1]), fontsize=12)
    return fig
