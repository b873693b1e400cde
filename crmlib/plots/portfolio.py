"""Charts of lesson 03 (customer portfolio analysis): CLV build-up, retention curves, Pareto and
Lorenz curves, the whale curve, the largest accounts after cost-to-serve, the portfolio grids and
RFM segments.

Each takes what a ``crmlib.clv`` / ``concentration`` / ``costtoserve`` / ``portfolio`` / ``rfm``
function returns and only lays it out; titles state the finding, in the chart's language.

    >>> from crmlib import costtoserve
    >>> profit = [500.0, 300.0, 100.0, 50.0, -200.0]
    >>> fig = whale_chart(costtoserve.whale_curve(profit), costtoserve.whale_summary(profit), language="en")
    >>> fig.axes[0].get_title()
    'The most profitable 20% of customers earn 67% of total profit; 20% lose money'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib
import matplotlib.colors
import matplotlib.lines
import matplotlib.ticker
import numpy as np

from crmlib.i18n import t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib._format import share_percent as _pct
from crmlib.plots.economics import money
from crmlib.style import PALETTE, chart_language, rc

if TYPE_CHECKING:
    import pandas as pd

    from crmlib.costtoserve import WhaleSummary

__all__ = ["clv_chart", "cohort_chart", "largest_accounts_chart", "lorenz_chart", "matrix_chart", "pareto_chart",
           "rfm_chart", "whale_chart"]

#: Colour of each cell of both grids (Okabe–Ito), most valuable first.
CELL_COLOURS = {
    "develop": PALETTE[2], "retain": PALETTE[0], "cultivate": PALETTE[1], "maintain": PALETTE[4],
    "give_up": PALETTE[5], "invest": PALETTE[2], "nurture": PALETTE[0], "re_engineer": PALETTE[1], "sack": PALETTE[5],
}
#: Colour of each RFM segment.
SEGMENT_COLOURS = {"champions": PALETTE[2], "loyal": PALETTE[0], "new": PALETTE[4], "attention": PALETTE[1],
                   "at_risk": PALETTE[5], "lost": PALETTE[7]}
CURRENCY = "¥"


def _need(table: Any, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in getattr(table, "columns", [])]
    if missing:
        raise KeyError(f"{what}; column(s) {', '.join(map(repr, missing))} missing")


def _money_axis(ax: Any, axis: str = "y") -> None:
    formatter = matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def _percent_axis(ax: Any, axis: str = "y") -> None:
    formatter = matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


# --------------------------------------------------------------------------------------------- CLV
def clv_chart(schedule: pd.DataFrame, limit: float | None = None, language: str | None = None) -> ChartFigure:
    """Bars: each year's expected margin in today's money; line: the CLV building up year by year;
    dashed: the limit with no horizon (``limit``, e.g. ``clv.retention_clv``). ``schedule`` is what
    ``crmlib.clv.clv_schedule`` returns. The title states the CLV and the margin multiple.

    >>> from crmlib import clv
    >>> fig = clv_chart(clv.clv_schedule(1200, 0.8, 0.1, horizon=10), limit=3200, language="en")
    >>> fig.axes[0].get_title()
    'Over 10 years this customer is worth ¥3,068 today: 2.56 × the yearly margin'
    """
    _need(schedule, ["period", "expected_margin", "present_value", "cumulative_value"],
          "schedule must be what crmlib.clv.clv_schedule returns")
    lang = chart_language(language)
    periods = schedule["period"].to_numpy()
    present = schedule["present_value"].to_numpy()
    cumulative = schedule["cumulative_value"].to_numpy()
    fig = new_figure(figsize=(7.5, 4.2))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        bars = ax.bar(periods, present, color=PALETTE[0], width=0.7, label=t("chart.clv.bars", lang))
        line, = ax.plot(periods, cumulative, color=PALETTE[1], lw=2.2, marker="o", ms=4,
                        label=t("chart.clv.line", lang))
        limit_line = ax.axhline(0 if limit is None else limit, color=PALETTE[7], lw=1, ls="--", label=" ")
        limit_line.set_visible(limit is not None)
        note = ax.annotate("", (periods[-1], cumulative[-1]), textcoords="offset points", xytext=(0, -16),
                           ha="center", fontsize=9, color=PALETTE[1])
        ax.set_ylim(*_clv_limits(present, cumulative, limit))
        ax.set_xlim(0.3, periods[-1] + 0.7)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        _money_axis(ax)
        ax.set_xlabel(t("chart.clv.x", lang))
        ax.set_ylabel(t("chart.clv.y", lang))
        handles = [bars, line] + ([limit_line] if limit is not None else [])
        legend = ax.legend(handles=handles, loc="center right", fontsize=8, frameon=True, framealpha=0.9)
    parts(fig).update(bars=list(bars), line=line, limit=limit_line, note=note, legend=legend)
    live(fig, bars, line, limit_line, note, legend, ax.title)
    update_clv_chart(fig, schedule, limit=limit, language=lang)
    return fig


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten that is at least ``value``."""
    if value <= 0:
        return 0.0
    power = 10.0 ** np.floor(np.log10(value))
    for mantissa in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if mantissa * power >= value * (1 - 1e-12):
            return float(mantissa * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _clv_limits(present: np.ndarray, cumulative: np.ndarray, limit: float | None) -> tuple[float, float]:
    """The CLV chart's y limits, rounded so that a small change of the inputs keeps the same axis."""
    top = max(float(np.max(cumulative)), float(limit or 0), 1.0)
    low = min(0.0, float(np.min(cumulative)), float(np.min(present)), float(limit or 0))
    return -_nice_ceiling(-low * 1.15), _nice_ceiling(top * 1.12)


def update_clv_chart(fig: ChartFigure, schedule: pd.DataFrame, limit: float | None = None,
                     language: str | None = None) -> bool:
    """Show a new ``clv_schedule`` (same horizon) on a ``clv_chart``, in place; False when it needs
    another horizon or other y limits (the chart must then be drawn anew).

    >>> from crmlib import clv
    >>> fig = clv_chart(clv.clv_schedule(1200, 0.8, 0.1, horizon=10), limit=3200, language="en")
    >>> update_clv_chart(fig, clv.clv_schedule(1200, 0.81, 0.1, horizon=10), limit=3349, language="en")
    True
    >>> fig.axes[0].get_title()
    'Over 10 years this customer is worth ¥3,195 today: 2.66 × the yearly margin'
    """
    lang = chart_language(language)
    p = parts(fig)
    present = schedule["present_value"].to_numpy()
    cumulative = schedule["cumulative_value"].to_numpy()
    periods = schedule["period"].to_numpy()
    ax = fig.axes[0]
    if len(periods) != len(p["bars"]) or _clv_limits(present, cumulative, limit) != ax.get_ylim() or \
            (limit is None) == p["limit"].get_visible():
        return False
    for bar, value in zip(p["bars"], present):
        bar.set_height(value)
    p["line"].set_data(periods, cumulative)
    note = p["note"]
    note.xy = (periods[-1], cumulative[-1])
    note.set_text(money(cumulative[-1], CURRENCY, lang))
    first = float(schedule["survival"].iloc[0])
    margin = float(schedule["expected_margin"].iloc[0]) / first if first else 0.0
    multiple = cumulative[-1] / margin if margin else float("nan")
    with matplotlib.rc_context(rc()):
        if limit is not None:
            p["limit"].set_ydata([limit, limit])
            p["legend"].get_texts()[2].set_text(t("chart.clv.limit", lang, value=money(limit, CURRENCY, lang)))
        ax.set_title(t("chart.clv.title", lang, years=int(periods[-1]),
                       value=money(cumulative[-1], CURRENCY, lang), multiple=f"{multiple:.2f}"))
    return True


def cohort_chart(shares: pd.DataFrame, projection: Sequence[float] | None = None, *, period: str = "quarter",
                 projection_label: str | None = None, language: str | None = None) -> ChartFigure:
    """Retention curves: for each cohort (row of ``shares``, what ``clv.cohort_table(..., share=True)``
    returns) the share still there 0, 1, 2, … periods after joining. ``projection`` adds a dashed
    curve (e.g. an sBG projection of the first cohort, starting at period 0). The title states how
    many of the first cohort remain at its last observed period.

    >>> import pandas as pd
    >>> shares = pd.DataFrame([[1.0, 0.8, 0.7], [1.0, 0.85, None]], index=["2024Q1", "2024Q2"])
    >>> cohort_chart(shares, language="en").axes[0].get_title()
    '2 quarters after joining, 70% of the 2024Q1 cohort are still customers'
    """
    if getattr(shares, "ndim", 0) != 2 or shares.shape[0] == 0:
        raise ValueError("shares must be a cohort table (rows: cohorts, columns: periods since joining)")
    if period not in ("month", "quarter", "year"):
        raise ValueError(f"period must be 'month', 'quarter' or 'year'; got {period!r}")
    lang = chart_language(language)
    fig = new_figure(figsize=(7.5, 4.2))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        for i, (name, row) in enumerate(shares.iterrows()):
            values = row.dropna()
            ax.plot(values.index.to_numpy(dtype=float), values.to_numpy() * 100, marker="o", ms=3, lw=1.6,
                    color=PALETTE[i % 7], label=str(name))
        if projection is not None:
            proj = np.asarray(projection, dtype=float) * 100
            ax.plot(np.arange(proj.size), proj, color=PALETTE[7], lw=1.6, ls="--",
                    label=projection_label or t("chart.cohort.projection", lang))
        ax.set_ylim(0, 105)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        _percent_axis(ax)
        ax.set_xlabel(t(f"chart.cohort.x.{period}", lang))
        ax.set_ylabel(t("chart.cohort.y", lang))
        ax.legend(fontsize=8, frameon=False, ncol=2 if len(shares) > 4 else 1, loc="lower left")
        first = shares.iloc[0].dropna()
        ax.set_title(t(f"chart.cohort.title.{period}", lang, periods=int(first.index[-1]),
                       share=_pct(float(first.iloc[-1])), cohort=str(shares.index[0])))
    return fig


# --------------------------------------------------------------------------------- concentration
def pareto_chart(curve: pd.DataFrame, *, top: float = 0.2, target: float = 0.8, value_name: str | None = None,
                 language: str | None = None) -> ChartFigure:
    """The Pareto curve (``concentration.pareto_curve``): share of the value reached as customers are
    added from the best down, with the top ``top`` share of customers and the point where ``target``
    of the value is reached marked. The title states what the top ``top`` bring.

    >>> from crmlib import concentration
    >>> fig = pareto_chart(concentration.pareto_curve([50, 20, 10, 8, 5, 3, 2, 1, 1, 0]), language="en")
    >>> fig.axes[0].get_title()
    'The top 20% of customers bring 70% of the margin; 30% of customers bring 80%'
    """
    _need(curve, ["customer_share", "value_share"], "curve must be what concentration.pareto_curve returns")
    lang = chart_language(language)
    value_name = value_name or t("chart.margin", lang)
    x = curve["customer_share"].to_numpy()
    y = curve["value_share"].to_numpy()
    at_top = float(np.interp(top, x, y))
    reached = x[np.argmax(y >= target * (1 - 1e-12))] if (y >= target * (1 - 1e-12)).any() else 1.0
    fig = new_figure(figsize=(7.0, 4.2))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        ax.plot(x * 100, y * 100, color=PALETTE[0], lw=2.2, label=t("chart.pareto.curve", lang, value=value_name))
        ax.plot([0, 100], [0, 100], color=PALETTE[7], lw=0.8, ls=":", label=t("chart.equal", lang))
        ax.plot([top * 100, top * 100, 0], [0, at_top * 100, at_top * 100], color=PALETTE[1], lw=1.2, ls="--")
        ax.plot([reached * 100, reached * 100, 0], [0, target * 100, target * 100], color=PALETTE[5], lw=1.2, ls="--")
        ax.plot([top * 100], [at_top * 100], "o", color=PALETTE[1], ms=6)
        ax.plot([reached * 100], [target * 100], "o", color=PALETTE[5], ms=6)
        ax.annotate(t("chart.pareto.top", lang, top=_pct(top), share=_pct(at_top)),
                    (top * 100, at_top * 100), textcoords="offset points", xytext=(8, -14), fontsize=9, color=PALETTE[1])
        ax.annotate(t("chart.pareto.reach", lang, customers=_pct(reached), target=_pct(target)),
                    (reached * 100, target * 100), textcoords="offset points", xytext=(8, -26), fontsize=9,
                    color=PALETTE[5])
        ax.set_xlim(0, 100)
        ax.set_ylim(0, max(105.0, float(y.max()) * 105))
        _percent_axis(ax, "x")
        _percent_axis(ax, "y")
        ax.set_xlabel(t("chart.pareto.x", lang))
        ax.set_ylabel(t("chart.pareto.y", lang, value=value_name))
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.set_title(t("chart.pareto.title", lang, top=_pct(top), share=_pct(at_top), value=value_name,
                       customers=_pct(reached), target=_pct(target)))
    return fig


def lorenz_chart(curve: pd.DataFrame, gini: float, *, value_name: str | None = None,
                 language: str | None = None) -> ChartFigure:
    """The Lorenz curve (``concentration.lorenz_curve``) with the line of equality; the shaded gap
    between them is half the Gini coefficient, stated in the title with what the bottom half bring.

    >>> from crmlib import concentration
    >>> v = [50, 20, 10, 8, 5, 3, 2, 1, 1, 0]
    >>> lorenz_chart(concentration.lorenz_curve(v), concentration.gini(v), language="en").axes[0].get_title()
    'Gini coefficient 0.65: the bottom half of customers bring 7% of the margin'
    """
    _need(curve, ["customer_share", "value_share"], "curve must be what concentration.lorenz_curve returns")
    lang = chart_language(language)
    value_name = value_name or t("chart.margin", lang)
    x = curve["customer_share"].to_numpy()
    y = curve["value_share"].to_numpy()
    half = float(np.interp(0.5, x, y))
    fig = new_figure(figsize=(7.0, 4.2))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        ax.fill_between(x * 100, y * 100, x * 100, color=PALETTE[4], alpha=0.3, lw=0,
                        label=t("chart.lorenz.gap", lang))
        ax.plot(x * 100, y * 100, color=PALETTE[0], lw=2.2, label=t("chart.lorenz.curve", lang, value=value_name))
        ax.plot([0, 100], [0, 100], color=PALETTE[7], lw=0.8, ls=":", label=t("chart.equal", lang))
        ax.plot([50], [half * 100], "o", color=PALETTE[5], ms=6)
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        _percent_axis(ax, "x")
        _percent_axis(ax, "y")
        ax.set_xlabel(t("chart.lorenz.x", lang))
        ax.set_ylabel(t("chart.pareto.y", lang, value=value_name))
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        ax.set_title(t("chart.lorenz.title", lang, gini=f"{gini:.2f}", share=_pct(half), value=value_name))
    return fig


# ------------------------------------------------------------------------------------------ whale
def whale_chart(curve: pd.DataFrame, summary: WhaleSummary, language: str | None = None) -> ChartFigure:
    """The whale curve (``costtoserve.whale_curve``): cumulative profit, as a share of total profit,
    as customers are added from the most to the least profitable. Marks the peak and the top share of
    customers of ``summary`` (``costtoserve.whale_summary``); the title states both findings.

    >>> from crmlib import costtoserve
    >>> p = [30.0, -10.0, 5.0, 0.0, 0.0]
    >>> whale_chart(costtoserve.whale_curve(p), costtoserve.whale_summary(p), language="en").axes[0].get_ylabel()
    'Cumulative profit (% of total profit)'
    """
    _need(curve, ["customer_share", "profit_share"], "curve must be what costtoserve.whale_curve returns")
    lang = chart_language(language)
    y = curve["profit_share"].to_numpy() * 100
    fig = new_figure(figsize=(7.5, 4.3))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        ax.axhline(100, color=PALETTE[7], lw=0.8, ls=":")
        ax.text(50, 97, t("chart.whale.total", lang), fontsize=8, va="top", ha="center", color=PALETTE[7])
        area = ax.fill_between([0.0, 1.0], [0.0, 0.0], 0, color=PALETTE[0], alpha=0.12, lw=0)
        line, = ax.plot([], [], color=PALETTE[0], lw=2.2)
        peak_dot, = ax.plot([], [], "o", color=PALETTE[5], ms=7, zorder=3)
        peak_note = ax.annotate("", (0, 0), textcoords="offset points", xytext=(-10, 10), ha="right", fontsize=9,
                                color=PALETTE[5])
        top_line, = ax.plot([], [], color=PALETTE[1], lw=1.2, ls="--")
        top_dot, = ax.plot([], [], "o", color=PALETTE[1], ms=6, zorder=3)
        top_note = ax.annotate("", (0, 0), textcoords="offset points", xytext=(8, -16), fontsize=9, color=PALETTE[1])
        ax.set_xlim(0, 100)
        ax.set_ylim(*_whale_limits(y))
        _percent_axis(ax, "x")
        _percent_axis(ax, "y")
        ax.set_xlabel(t("chart.whale.x", lang))
        ax.set_ylabel(t("chart.whale.y", lang))
    parts(fig).update(area=area, line=line, peak=(peak_dot, peak_note), top=(top_line, top_dot, top_note))
    live(fig, area, line, peak_dot, peak_note, top_line, top_dot, top_note, ax.title)
    update_whale_chart(fig, curve, summary, language=lang)
    return fig


def _whale_limits(y: np.ndarray) -> tuple[float, float]:
    """The whale chart's y limits (%), in steps of 25 so that small changes keep the same axis."""
    low = min(0.0, float(np.floor(float(y.min()) * 1.1 / 25) * 25))
    high = max(125.0, float(np.ceil(float(y.max()) * 1.15 / 25) * 25))
    return low, high


def update_whale_chart(fig: ChartFigure, curve: pd.DataFrame, summary: WhaleSummary,
                       language: str | None = None) -> bool:
    """Show a new whale curve and summary on a ``whale_chart``, in place; False when the curve needs
    other y limits (the chart must then be drawn anew).

    >>> from crmlib import costtoserve
    >>> p = [30.0, -10.0, 5.0, 0.0, 0.0]
    >>> fig = whale_chart(costtoserve.whale_curve(p), costtoserve.whale_summary(p), language="en")
    >>> q = [30.0, -9.0, 5.0, 0.0, 0.0]
    >>> update_whale_chart(fig, costtoserve.whale_curve(q), costtoserve.whale_summary(q), language="en")
    True
    """
    _need(curve, ["customer_share", "profit_share"], "curve must be what costtoserve.whale_curve returns")
    lang = chart_language(language)
    x = curve["customer_share"].to_numpy() * 100
    y = curve["profit_share"].to_numpy() * 100
    ax = fig.axes[0]
    if _whale_limits(y) != ax.get_ylim():
        return False
    p = parts(fig)
    p["area"].set_data(x, y, 0)
    p["line"].set_data(x, y)
    peak_dot, peak_note = p["peak"]
    px, py = summary.peak_customer_share * 100, summary.peak_share * 100
    peak_dot.set_data([px], [py])
    peak_note.xy = (px, py)
    peak_note.set_text(t("chart.whale.peak", lang, share=_pct(summary.peak_share),
                         customers=_pct(summary.peak_customer_share)))
    top_line, top_dot, top_note = p["top"]
    tx, ty = summary.top_share_customers * 100, summary.top_share_profit * 100
    top_line.set_data([tx, tx], [0, ty])
    top_dot.set_data([tx], [ty])
    top_note.xy = (tx, ty)
    top_note.set_text(t("chart.whale.top", lang, top=_pct(summary.top_share_customers),
                        share=_pct(summary.top_share_profit)))
    with matplotlib.rc_context(rc()):
        ax.set_title(t("chart.whale.title", lang, top=_pct(summary.top_share_customers),
                       share=_pct(summary.top_share_profit), losing=_pct(summary.loss_maker_share)))
    return True


def largest_accounts_chart(accounts: pd.DataFrame, *, revenue: str = "revenue_cny", margin: str = "margin",
                           cost: str = "cost_to_serve", profit: str = "profit", language: str | None = None) -> ChartFigure:
    """The largest accounts by revenue (rows of ``accounts``, e.g. the top 10 of
    ``costtoserve.abc_profit``): each one's margin, cost to serve and profit, largest first. The title
    counts the accounts that lose money.

    >>> import pandas as pd
    >>> acc = pd.DataFrame({"revenue_cny": [900.0, 800.0], "margin": [300.0, 250.0], "cost_to_serve": [100.0, 400.0],
    ...                     "profit": [200.0, -150.0]}, index=["C1", "C2"])
    >>> largest_accounts_chart(acc, language="en").axes[0].get_title()
    '1 of the 2 largest accounts by revenue lose money after the cost to serve'
    """
    _need(accounts, [revenue, margin, cost, profit], "accounts must hold revenue, margin, cost to serve and profit")
    lang = chart_language(language)
    rows = accounts.sort_values(revenue, ascending=False, kind="stable")
    n = len(rows)
    y = np.arange(n)[::-1].astype(float)
    fig = new_figure(figsize=(7.5, 0.42 * n + 1.9))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        ax.barh(y + 0.2, rows[margin] / 1000, height=0.38, color=PALETTE[0], label=t("chart.largest.margin", lang))
        ax.barh(y - 0.2, rows[cost] / 1000, height=0.38, color=PALETTE[1], label=t("chart.largest.cost", lang))
        losing = rows[profit].to_numpy() < 0
        ax.scatter(rows[profit] / 1000, y, marker="D", s=36, zorder=3,
                   c=[PALETTE[5] if lose else PALETTE[2] for lose in losing], label=t("chart.largest.profit", lang))
        ax.axvline(0, color=PALETTE[7], lw=0.8)
        labels = [f"{name}  ({money(rev, CURRENCY, lang)})" for name, rev in zip(rows.index.astype(str), rows[revenue])]
        ax.set_yticks(y, labels, fontsize=8)
        for tick, lose in zip(ax.get_yticklabels(), losing):
            if lose:
                tick.set_color(PALETTE[5])
        ax.grid(axis="y", visible=False)
        _money_axis(ax, "x")
        ax.set_xlabel(t("chart.largest.x", lang))
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=3, fontsize=8, frameon=False)
        ax.set_title(t("chart.largest.title", lang, losing=int(losing.sum()), n=n))
    return fig


# ------------------------------------------------------------------------------------------ grids
def matrix_chart(table: pd.DataFrame, cells: pd.Series, *, x: str, y: str, x_threshold: float, y_threshold: float,
                 summary: pd.DataFrame, kind: str = "value", sample: int = 1500,
                 language: str | None = None) -> ChartFigure:
    """A portfolio grid: customers as dots (at most ``sample`` of them, evenly spread through the
    table) at (``x``, ``y``) on symmetric-log axes in ¥, coloured by cell, the thresholds as lines,
    and each cell's customers and share of ``x`` written in its corner. ``kind`` is ``"value"``
    (current × potential value matrix, x = current value) or ``"buttle"`` (x = profit); ``summary`` is
    what ``portfolio.cell_summary(table, cells, [x])`` returns. The title states the top cell's share.

    >>> import pandas as pd
    >>> from crmlib import portfolio
    >>> t = pd.DataFrame({"current_value": [900.0, 800.0, 50.0, 40.0, -30.0],
    ...                   "potential_value": [700.0, 10.0, 900.0, 5.0, 2.0]})
    >>> cells = portfolio.value_matrix(t, current_threshold=100, potential_threshold=100)
    >>> s = portfolio.cell_summary(t, cells, ["current_value"], language="en")
    >>> fig = matrix_chart(t, cells, x="current_value", y="potential_value", x_threshold=100, y_threshold=100,
    ...                    summary=s, language="en")
    >>> fig.axes[0].get_title()
    '2 develop and retain customers (40%) hold ¥1.7k of current value; 1 to give up'
    """
    from crmlib.portfolio import BUTTLE_CELLS, VALUE_CELLS

    if kind not in ("value", "buttle"):
        raise ValueError(f"kind must be 'value' or 'buttle'; got {kind!r}")
    _need(table, [x, y], "table must hold the grid's two value columns")
    _need(summary, ["customers", "customer_share", x, f"{x}_share"],
          "summary must be portfolio.cell_summary(table, cells, [x])")
    lang = chart_language(language)
    names = VALUE_CELLS if kind == "value" else BUTTLE_CELLS
    n = len(table)
    keep = np.unique(np.linspace(0, n - 1, min(sample, n)).round().astype(np.int64)) if n else np.array([], dtype=int)
    xs = table[x].to_numpy(dtype=float)[keep]
    ys = table[y].to_numpy(dtype=float)[keep]
    categories = list(cells.cat.categories)
    fig = new_figure(figsize=(8.0, 5.0))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        dots = ax.scatter(xs, ys, s=9, alpha=0.55, lw=0, color=PALETTE[7])
        handles = [matplotlib.lines.Line2D([], [], ls="", marker="o", ms=5, alpha=0.55, color=CELL_COLOURS[name],
                                           label=t(f"cell.{name}", lang)) for name in categories]
        ranges = (_symlog(ax, "x", table[x].to_numpy(dtype=float), x_threshold, lang),
                  _symlog(ax, "y", table[y].to_numpy(dtype=float), y_threshold, lang))
        x_line = ax.axvline(x_threshold, color=PALETTE[7], lw=1, ls="--")
        y_line = ax.axhline(y_threshold, color=PALETTE[7], lw=1, ls="--")
        if kind == "value":
            ax.axvline(0, color=PALETTE[5], lw=0.8, ls=":")
        corners = {"develop": (0.98, 0.97, "right", "top"), "retain": (0.98, 0.03, "right", "bottom"),
                   "cultivate": (0.02, 0.97, "left", "top"), "maintain": (0.36, 0.03, "left", "bottom"),
                   "give_up": (0.02, 0.03, "left", "bottom"), "invest": (0.98, 0.97, "right", "top"),
                   "nurture": (0.98, 0.03, "right", "bottom"), "re_engineer": (0.02, 0.97, "left", "top"),
                   "sack": (0.02, 0.03, "left", "bottom")}
        notes = {}
        for name in names:
            cx, cy, ha, va = corners[name]
            notes[name] = ax.text(cx, cy, "", transform=ax.transAxes, ha=ha, va=va, fontsize=8.5,
                                  color=CELL_COLOURS[name],
                                  bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": CELL_COLOURS[name],
                                        "alpha": 0.9})
        axis = "value" if kind == "value" else "buttle"
        ax.set_xlabel(t(f"chart.matrix.x.{axis}", lang))
        ax.set_ylabel(t("chart.matrix.y", lang))
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False,
                  markerscale=2)
    parts(fig).update(dots=dots, keep=keep, lines=(x_line, y_line), notes=notes, kind=kind, x=x, y=y,
                      ranges=ranges, table=table, categories=categories)
    live(fig, dots, x_line, y_line, list(notes.values()), ax.title)
    update_matrix_chart(fig, cells, x_threshold=x_threshold, y_threshold=y_threshold, summary=summary, language=lang)
    return fig


def update_matrix_chart(fig: ChartFigure, cells: pd.Series, *, x_threshold: float, y_threshold: float,
                        summary: pd.DataFrame, language: str | None = None) -> bool:
    """Show new thresholds and cells (same table) on a ``matrix_chart``, in place: dots' colours, the
    threshold lines, each cell's note and the title. False when the thresholds need other axes.

    >>> import pandas as pd
    >>> from crmlib import portfolio
    >>> t = pd.DataFrame({"current_value": [900.0, 800.0, 50.0, 40.0, -30.0],
    ...                   "potential_value": [700.0, 10.0, 900.0, 5.0, 2.0]})
    >>> def grid(cut):
    ...     cells = portfolio.value_matrix(t, current_threshold=cut, potential_threshold=100)
    ...     return cells, portfolio.cell_summary(t, cells, ["current_value"], language="en")
    >>> cells, s = grid(100)
    >>> fig = matrix_chart(t, cells, x="current_value", y="potential_value", x_threshold=100, y_threshold=100,
    ...                    summary=s, language="en")
    >>> cells, s = grid(850)
    >>> update_matrix_chart(fig, cells, x_threshold=850, y_threshold=100, summary=s, language="en")
    True
    >>> fig.axes[0].get_title()
    '1 develop and retain customers (20%) hold ¥900 of current value; 1 to give up'
    """
    lang = chart_language(language)
    p = parts(fig)
    table, x, y, kind = p["table"], p["x"], p["y"], p["kind"]
    if list(cells.cat.categories) != p["categories"] or \
            _symlog_range(table[x].to_numpy(dtype=float), x_threshold) != p["ranges"][0] or \
            _symlog_range(table[y].to_numpy(dtype=float), y_threshold) != p["ranges"][1]:
        return False
    palette = np.array([matplotlib.colors.to_rgba(CELL_COLOURS[name], 0.55) for name in p["categories"]])
    codes = cells.cat.codes.to_numpy()[p["keep"]]
    p["dots"].set_facecolor(palette[codes])
    x_line, y_line = p["lines"]
    x_line.set_xdata([x_threshold, x_threshold])
    y_line.set_ydata([y_threshold, y_threshold])
    for name, note in p["notes"].items():
        row = summary.loc[name]
        note.set_text(t("chart.matrix.cell", lang, cell=t(f"cell.{name}", lang),
                        customers=f"{int(row['customers']):,}", value=_short_money(float(row[x]), CURRENCY, lang)))
    if kind == "value":
        top = summary.loc[["develop", "retain"]]
        title = t("chart.matrix.title.value", lang, count=f"{int(top['customers'].sum()):,}",
                  customers=_pct(float(top["customer_share"].sum())),
                  value=_short_money(float(top[x].sum()), CURRENCY, lang),
                  give_up=f"{int(summary.loc['give_up', 'customers']):,}")
    else:
        losing = summary.loc[["re_engineer", "sack"]]
        title = t("chart.matrix.title.buttle", lang, count=f"{int(losing['customers'].sum()):,}",
                  customers=_pct(float(losing["customer_share"].sum())),
                  value=_short_money(abs(float(losing[x].sum())), CURRENCY, lang))
    with matplotlib.rc_context(rc()):
        fig.axes[0].set_title(title)
    return True


def _symlog_range(values: np.ndarray, threshold: float) -> tuple[float, float, float, tuple[float, ...]]:
    """(linthresh, lower, upper, ticks) of a symmetric-log axis for ``values`` and ``threshold``."""
    finite = values[np.isfinite(values)] if values.size else np.array([0.0, 1.0])
    magnitude = np.abs(finite)
    linthresh = 10.0 ** np.floor(np.log10(max(float(np.median(magnitude)) / 10, 1.0)))
    low, high = min(float(finite.min()), threshold, 0.0), max(float(finite.max()), threshold, linthresh * 10)

    def decade(v: float) -> float:
        return 10.0 ** np.ceil(np.log10(max(v, linthresh)))

    lower = -decade(-low) if low < 0 else -linthresh / 2
    upper = decade(high * 1.0001)
    powers = 10.0 ** np.arange(np.log10(linthresh), np.log10(upper) + 1)
    if (lower < 0 and len(powers) > 5) or len(powers) > 7:  # too many decades: label every other one
        powers = powers[::-1][::2][::-1]
    ticks = tuple(sorted([0.0] + [p for p in powers if p <= upper] + [-p for p in powers if -p >= lower]))
    return float(linthresh), float(lower), float(upper), ticks


def _symlog(ax: Any, axis: str, values: np.ndarray, threshold: float, language: str) -> tuple:
    """A symmetric-log axis whose linear part is one decade around 0, ticks at 0 and ±powers of ten,
    limits at the decades just outside the data (and the threshold). Returns ``_symlog_range``."""
    found = _symlog_range(values, threshold)
    linthresh, lower, upper, ticks = found
    formatter = matplotlib.ticker.FuncFormatter(lambda v, _: _short_money(v, language=language))
    scale, target = (ax.set_xscale, ax.xaxis) if axis == "x" else (ax.set_yscale, ax.yaxis)
    scale("symlog", linthresh=linthresh)
    (ax.set_xticks if axis == "x" else ax.set_yticks)(list(ticks))
    (ax.set_xlim if axis == "x" else ax.set_ylim)(lower, upper)
    target.set_major_formatter(formatter)
    target.set_minor_locator(matplotlib.ticker.NullLocator())
    return found


def _short_money(value: float, currency: str = "", language: str = "en") -> str:
    """Short amount: 950, 1.2k, 35k, 3.9m in English; 950, 1.2万, 390万, 1.5亿 in Chinese
    (``currency`` in front, a minus sign for negatives).

    >>> _short_money(-3_851_000, "¥"), _short_money(1200), _short_money(100_000), _short_money(3_851_000, "¥", "zh")
    ('−¥3.9m', '1.2k', '100k', '¥390万')
    """
    sign = "−" if value < 0 else ""
    v = abs(value)
    steps = ((1e8, "亿"), (1e4, "万")) if language == "zh" else ((1e6, "m"), (1e3, "k"))
    for factor, suffix in steps:
        if v >= factor:
            return f"{sign}{currency}{float(f'{v / factor:.2g}'):g}{suffix}"
    return f"{sign}{currency}{v:,.0f}"


# -------------------------------------------------------------------------------------------- RFM
def rfm_chart(summary: pd.DataFrame, language: str | None = None) -> ChartFigure:
    """Each RFM segment's share of customers next to its share of spend (``rfm.segment_summary``).
    The title states what the champions are and bring.

    >>> import pandas as pd
    >>> from crmlib import rfm
    >>> scores = pd.DataFrame({"R": [5, 5, 1, 2], "F": [5, 4, 1, 1], "monetary": [300.0, 200.0, 20.0, 30.0]})
    >>> s = rfm.segment_summary(scores, rfm.rfm_segments(scores))
    >>> rfm_chart(s, language="en").axes[0].get_title()
    'Champions are 50% of customers and bring 91% of the spend'
    """
    _need(summary, ["customer_share", "monetary_share"], "summary must be what rfm.segment_summary returns")
    lang = chart_language(language)
    names = [str(s) for s in summary.index]
    y = np.arange(len(names))[::-1].astype(float)
    customers = summary["customer_share"].to_numpy() * 100
    spend = summary["monetary_share"].to_numpy() * 100
    fig = new_figure(figsize=(7.5, 4.0))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        bars_c = ax.barh(y + 0.18, customers, height=0.34, color=PALETTE[4], label=t("chart.rfm.customers", lang))
        bars_s = ax.barh(y - 0.18, spend, height=0.34, color=PALETTE[5], label=t("chart.rfm.spend", lang))
        ax.bar_label(bars_c, labels=[f"{v:.0f}%" for v in customers], padding=2, fontsize=8)
        ax.bar_label(bars_s, labels=[f"{v:.0f}%" for v in spend], padding=2, fontsize=8)
        ax.set_yticks(y, [t(f"segment.{s}", lang) for s in names])
        for tick, name in zip(ax.get_yticklabels(), names):
            tick.set_color(SEGMENT_COLOURS.get(name, PALETTE[7]))
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, max(float(max(customers.max(), spend.max())) * 1.15, 10.0))
        _percent_axis(ax, "x")
        ax.set_xlabel(t("chart.rfm.x", lang))
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        champions = summary.loc["champions"] if "champions" in summary.index else None
        ax.set_title(t("chart.rfm.title", lang,
                       customers=_pct(float(champions["customer_share"])) if champions is not None else "0%",
                       share=_pct(float(champions["monetary_share"])) if champions is not None else "0%"))
    return fig
