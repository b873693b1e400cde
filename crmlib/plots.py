"""Charts: take analysis results, return matplotlib Figures. No computation beyond layout.

Every chart labels its axes with units and states its finding in the title, in the current
language (``crmlib.set_language``); Chinese falls back to English where no CJK font is installed
(see ``crmlib.style.chart_language``).

    >>> import crmlib.economics as eco
    >>> fig = survivors_chart(eco.survivors(1000, 0.8, 5), retention_rate=0.8, language="en")
    >>> fig.axes[0].get_title()
    'At 80% retention, 33% of customers remain after 5 years'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from crmlib.i18n import t
from crmlib.style import PALETTE, chart_language, rc


class ChartFigure(Figure):
    """A matplotlib Figure drawn in the kit's style, shown by Jupyter as a PNG, with no pyplot involved.

    Fonts are looked up when a figure is drawn, so drawing happens inside the kit's rcParams too:
    Chinese labels render even where ``use_style()`` was never called, and global state is untouched.
    """

    def draw(self, renderer) -> None:  # type: ignore[override]
        with matplotlib.rc_context(rc()):
            super().draw(renderer)

    def _repr_png_(self) -> bytes:
        return figure_png(self)


def new_figure(figsize: tuple[float, float] = (7.0, 4.0)) -> Figure:
    """A Figure in the kit's style, not attached to pyplot's global state (no global rcParams change).

    It shows itself as a PNG in Jupyter (it has ``_repr_png_``), so a chart function's result can be the
    last value of a cell without pyplot, and is shown once.

    >>> fig = new_figure()
    >>> float(fig.get_figwidth()), fig._repr_png_()[:4]
    (7.0, b'\\x89PNG')
    """
    with matplotlib.rc_context(rc()):
        fig = ChartFigure(figsize=figsize, layout="constrained")
        fig.add_subplot()
    return fig


def survivors_chart(counts: Sequence[float] | np.ndarray, retention_rate: float, language: str | None = None) -> Figure:
    """Bar chart of customers remaining each year, titled with the share left at the end.

    ``counts`` is what ``crmlib.economics.survivors`` returns (year 0 first).

    >>> fig = survivors_chart([1000, 500], retention_rate=0.5, language="en")
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('Year', 'Customers remaining (people)')
    """
    values = np.asarray(counts, dtype=float)
    if values.ndim != 1 or values.size < 2:
        raise ValueError(f"counts must be a 1-D sequence of at least 2 yearly counts (year 0 first); got {values.shape}")
    lang = chart_language(language)
    years = values.size - 1
    share = values[-1] / values[0] if values[0] else 0.0
    fig = new_figure()
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        bars = ax.bar(np.arange(values.size), values, color=PALETTE[0], width=0.7)
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], fontsize=9, padding=2)
        ax.set_xticks(np.arange(values.size))
        ax.set_xlabel(t("chart.survivors.x", lang))
        ax.set_ylabel(t("chart.survivors.y", lang))
        ax.set_ylim(0, values[0] * 1.15 if values[0] else 1)
        ax.set_title(t("chart.survivors.title", lang, rate=f"{retention_rate:.0%}", share=f"{share:.0%}", years=years))
    return fig


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure rendered as PNG bytes (what widgets show in an ``ipywidgets.Image``).

    >>> figure_png(survivors_chart([10, 5], 0.5, "en"))[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
