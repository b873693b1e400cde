"""Chart of a customer base shrinking under constant retention (start-here notebook, lesson 01).

    >>> import crmlib.economics as eco
    >>> fig = survivors_chart(eco.survivors(1000, 0.8, 5), retention_rate=0.8, language="en")
    >>> fig.axes[0].get_title()
    'At 80% retention, 33% of customers remain after 5 years'
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np

from crmlib.i18n import t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.style import PALETTE, chart_language, rc


def survivors_chart(counts: Sequence[float] | np.ndarray, retention_rate: float, language: str | None = None) -> ChartFigure:
    """Bar chart of customers remaining each year, titled with the share left at the end.

    ``counts`` is what ``crmlib.economics.survivors`` returns (year 0 first).

    >>> fig = survivors_chart([1000, 500], retention_rate=0.5, language="en")
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('Year', 'Customers remaining (people)')
    """
    values = _counts(counts)
    lang = chart_language(language)
    fig = new_figure()
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        bars = ax.bar(np.arange(values.size), values, color=PALETTE[0], width=0.7)
        labels = ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], fontsize=9, padding=2)
        ax.set_xticks(np.arange(values.size))
        ax.set_xlabel(t("chart.survivors.x", lang))
        ax.set_ylabel(t("chart.survivors.y", lang))
        ax.set_ylim(0, values[0] * 1.15 if values[0] else 1)
    parts(fig).update(bars=list(bars), labels=list(labels), start=float(values[0]))
    live(fig, bars, labels, ax.title)
    update_survivors_chart(fig, values, retention_rate, language=lang)
    return fig


def _counts(counts: Sequence[float] | np.ndarray) -> np.ndarray:
    values = np.asarray(counts, dtype=float)
    if values.ndim != 1 or values.size < 2:
        raise ValueError(f"counts must be a 1-D sequence of at least 2 yearly counts (year 0 first); got {values.shape}")
    return values


def update_survivors_chart(fig: ChartFigure, counts: Sequence[float] | np.ndarray, retention_rate: float,
                           language: str | None = None) -> bool:
    """Set a ``survivors_chart``'s bars, their labels and the title to new ``counts``, in place. Returns
    False (and changes nothing) when the counts do not fit the chart (another start or number of years).

    >>> fig = survivors_chart([1000, 500], retention_rate=0.5, language="en")
    >>> update_survivors_chart(fig, [1000, 900], retention_rate=0.9, language="en"), fig.axes[0].get_title()
    (True, 'At 90% retention, 90% of customers remain after 1 years')
    """
    values = _counts(counts)
    p = parts(fig)
    if values.size != len(p["bars"]) or values[0] != p["start"]:
        return False
    lang = chart_language(language)
    share = values[-1] / values[0] if values[0] else 0.0
    with matplotlib.rc_context(rc()):
        for bar, label, value in zip(p["bars"], p["labels"], values):
            bar.set_height(value)
            label.set_text(f"{value:,.0f}")
            label.xy = (bar.get_x() + bar.get_width() / 2, value)
        fig.axes[0].set_title(t("chart.survivors.title", lang, rate=f"{retention_rate:.0%}", share=f"{share:.0%}",
                                years=values.size - 1))
    return True
