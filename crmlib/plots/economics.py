"""Charts of lesson 01's economics: what churn costs (replace vs keep) and how far word of mouth carries.

    >>> from crmlib import economics as eco
    >>> e = eco.retention_economics(10_000, 0.25, acquisition_cost=300, retention_cost=60)
    >>> fig = retention_cost_chart(eco.cost_curve(10_000, 300, 60), e, currency="$", language="en")
    >>> print(fig.axes[0].get_title())
    At 25% churn, replacing lost customers costs $750,000 a year;
    keeping them costs $150,000
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib
import matplotlib.ticker
import numpy as np

from crmlib._format import money, percent  # noqa: F401  (re-exported: the plots' number style)
from crmlib.i18n import t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.style import PALETTE, chart_language, rc

if TYPE_CHECKING:
    import pandas as pd

    from crmlib.economics import RetentionEconomics, WordOfMouth

#: The share of customers a typical firm sees change each year (course notes S4: 20 % to 50 %).
TURNOVER_BAND = (0.20, 0.50)


def _scale(largest: float, currency: str, language: str) -> tuple[float, str]:
    """Divide amounts by this to plot them, and the unit to put in the axis label."""
    for factor, key in ((1e6, "million"), (1e3, "thousand")):
        if largest >= 10 * factor:
            return factor, t(f"unit.{key}", language, currency=currency)
    return 1.0, currency


def retention_cost_chart(curve: pd.DataFrame, current: RetentionEconomics, currency: str | None = None,
                         language: str | None = None) -> ChartFigure:
    """Yearly cost of replacing lost customers vs keeping them, against the churn rate.

    ``curve`` is what ``crmlib.economics.cost_curve`` returns, ``current`` the
    ``retention_economics`` result to mark; the band shows the 20–50 % of customers a typical
    firm sees change each year. The title states the two costs at the current churn rate.

    >>> from crmlib import economics as eco
    >>> fig = retention_cost_chart(eco.cost_curve(1000, 300, 60), eco.retention_economics(1000, 0.2, 300, 60),
    ...                            currency="CNY", language="en")
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('Churn rate (% of customers lost per year)', 'Cost per year (thousand CNY)')
    """
    for column in ("churn_rate", "replacement_cost", "keeping_cost"):
        if column not in getattr(curve, "columns", []):
            raise KeyError(f"curve must be what economics.cost_curve returns; column {column!r} is missing")
    lang = chart_language(language)
    currency = currency if currency is not None else t("currency", lang)
    largest = float(max(curve["replacement_cost"].max(), curve["keeping_cost"].max(),
                        current.replacement_cost, current.keeping_cost, 1.0))
    factor, unit = _scale(largest, currency, lang)
    x = curve["churn_rate"].to_numpy() * 100
    fig = new_figure(figsize=(7.5, 4.2))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        ax.axvspan(TURNOVER_BAND[0] * 100, TURNOVER_BAND[1] * 100, color=PALETTE[6], alpha=0.18, lw=0,
                   label=t("chart.cost.band", lang))
        ax.plot(x, curve["replacement_cost"] / factor, color=PALETTE[5], lw=2.2,
                label=t("chart.cost.replace", lang))
        ax.plot(x, curve["keeping_cost"] / factor, color=PALETTE[0], lw=2.2, ls="--",
                label=t("chart.cost.keep", lang))
        here = current.churn_rate * 100
        marker = ax.axvline(here, color=PALETTE[7], lw=0.8, alpha=0.6)
        marks = []
        for colour in (PALETTE[5], PALETTE[0]):
            dot, = ax.plot([here], [0.0], "o", color=colour, ms=7, zorder=3)
            note = ax.annotate("", (here, 0.0), textcoords="offset points", xytext=(8, 6), fontsize=9, color=colour,
                               bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
            marks.append((dot, note))
        # 65 % leaves room for the labels at the slider's top end (60 %), so moving it never moves the axis
        ax.set_xlim(0, max(65.0, float(x.max()), here + 5))
        ax.set_ylim(0, largest / factor * 1.15)
        ax.set_xlabel(t("chart.cost.x", lang))
        ax.set_ylabel(t("chart.cost.y", lang, unit=unit))
        ax.legend(loc="upper left", fontsize=9, frameon=False)
    parts(fig).update(marker=marker, marks=marks, factor=factor, currency=currency, ylim=largest)
    live(fig, marker, [a for pair in marks for a in pair], ax.title)
    update_retention_cost_chart(fig, current, language=lang)
    return fig


def update_retention_cost_chart(fig: ChartFigure, current: RetentionEconomics, language: str | None = None) -> bool:
    """Move a ``retention_cost_chart``'s marks to a new churn rate (same base and costs), in place;
    False when the new point falls outside the chart's axes (the chart must then be drawn anew).

    >>> from crmlib import economics as eco
    >>> fig = retention_cost_chart(eco.cost_curve(1000, 300, 60), eco.retention_economics(1000, 0.2, 300, 60),
    ...                            currency="CNY", language="en")
    >>> update_retention_cost_chart(fig, eco.retention_economics(1000, 0.3, 300, 60), language="en")
    True
    >>> print(fig.axes[0].get_title())
    At 30% churn, replacing lost customers costs CNY 90,000 a year;
    keeping them costs CNY 18,000
    """
    lang = chart_language(language)
    p = parts(fig)
    ax = fig.axes[0]
    here = current.churn_rate * 100
    if here + 5 > ax.get_xlim()[1] + 1e-9 or max(current.replacement_cost, current.keeping_cost) > p["ylim"]:
        return False
    factor, currency = p["factor"], p["currency"]
    p["marker"].set_xdata([here, here])
    for (dot, note), amount in zip(p["marks"], (current.replacement_cost, current.keeping_cost)):
        dot.set_data([here], [amount / factor])
        note.xy = (here, amount / factor)
        note.set_text(money(amount, currency, lang))
    key = "chart.cost.title" if current.keeping_cost <= current.replacement_cost else "chart.cost.title_dearer"
    with matplotlib.rc_context(rc()):
        ax.set_title(t(key, lang, churn=percent(current.churn_rate),
                       replace=money(current.replacement_cost, currency, lang),
                       keep=money(current.keeping_cost, currency, lang)))
    return True


def word_of_mouth_chart(wom: WordOfMouth, language: str | None = None) -> ChartFigure:
    """Horizontal bars: potential sales and closed sales from satisfied customers, and the people
    dissatisfied customers sway (``wom`` from ``crmlib.economics.word_of_mouth``). The title, on the
    whole figure (``fig.get_suptitle()``), states both.

    >>> from crmlib import economics as eco
    >>> fig = word_of_mouth_chart(eco.word_of_mouth(200, 40), language="en")
    >>> print(fig.get_suptitle())
    200 satisfied customers bring about 1,600 potential sales;
    40 dissatisfied ones sway 1,000 people
    """
    lang = chart_language(language)
    values = np.array([wom.potential_sales, wom.closed_sales, wom.people_swayed], dtype=float)
    labels = [t("chart.wom.leads", lang, n=f"{wom.satisfied:,.0f}"),
              t("chart.wom.sales", lang, n=f"{wom.satisfied:,.0f}"),
              t("chart.wom.swayed", lang, n=f"{wom.dissatisfied:,.0f}")]
    fig = new_figure(figsize=(7.5, 3.0))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        y = np.arange(3)[::-1]
        bars = ax.barh(y, values, color=[PALETTE[2], PALETTE[2], PALETTE[5]], height=0.6)
        bars[1].set_alpha(0.55)
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=3, fontsize=9)
        ax.set_yticks(y, labels)
        ax.set_xlim(0, max(values.max(), 1.0) * 1.15)
        ax.set_xlabel(t("chart.wom.x", lang))
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        fig.suptitle(t("chart.wom.title", lang, satisfied=f"{wom.satisfied:,.0f}",
                       leads=f"{wom.potential_sales:,.0f}", dissatisfied=f"{wom.dissatisfied:,.0f}",
                       swayed=f"{wom.people_swayed:,.0f}"), fontsize=12)
    return fig
