"""Charts of lesson 04's churn analysis: churn over time, survival curves, drivers, and gains.

    >>> import pandas as pd
    >>> rates = pd.DataFrame({"churn_rate": [0.02, 0.03]}, index=pd.to_datetime(["2025-01-01", "2025-02-01"]))
    >>> monthly_churn_chart(rates, language="en").axes[0].get_title()
    'Monthly churn averaged 2.5% and peaked at 3.0% in 2025-02'
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd

from crmlib.i18n import catalogue, t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.style import PALETTE, chart_language, rc


def label(kind: str, value: object, language: str | None = None) -> str:
    """The catalogue's name for a category value of lesson 04 (e.g. a contract type), or the value.

    >>> label("contract", "month_to_month", "en"), label("contract", "weekly", "en")
    ('month-to-month', 'weekly')
    """
    key = f"{kind}.{value}"
    return t(key, language) if key in catalogue() else str(value)


def monthly_churn_chart(rates: pd.DataFrame, *, column: str = "churn_rate", language: str | None = None) -> ChartFigure:
    """Line chart of the monthly churn rate (``rates`` indexed by month, from ``churn.churn_rates``).

    >>> rates = pd.DataFrame({"churn_rate": [0.01, 0.02]}, index=pd.to_datetime(["2025-01-01", "2025-02-01"]))
    >>> monthly_churn_chart(rates, language="en").axes[0].get_ylabel()
    'Customers who left in the month (% of those at risk)'
    """
    if column not in rates.columns or rates.empty:
        raise ValueError(f"rates must be a non-empty table with a column {column!r}; it has: {', '.join(rates.columns)}")
    lang = chart_language(language)
    months = pd.to_datetime(pd.Index(rates.index))
    values = rates[column].to_numpy(dtype=float) * 100
    peak = int(np.argmax(values))
    fig = new_figure((7.5, 3.8))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        ax.plot(months, values, color=PALETTE[0], marker="o", markersize=3)
        ax.axhline(values.mean(), color=PALETTE[7] if len(PALETTE) > 7 else "grey", linewidth=1, linestyle="--")
        ax.set_ylim(0, values.max() * 1.2)
        ax.set_xlabel(t("monthly.x", lang))
        ax.set_ylabel(t("monthly.y", lang))
        ax.set_title(t("monthly.title", lang, mean=f"{values.mean():.1f}%", peak=f"{values[peak]:.1f}%",
                       month=months[peak].strftime("%Y-%m")))
    return fig


def survival_chart(curves: pd.DataFrame, *, mark: float | None = None, kind: str = "contract",
                   language: str | None = None) -> ChartFigure:
    """Kaplan–Meier curves (from ``churn.kaplan_meier`` with a ``group``), one step line per group,
    with a vertical marker at month ``mark``, a dot where each curve crosses it, and the title
    comparing the groups there. ``kind`` names what the groups are (``contract``, ``segment``,
    ``region``, ``bool`` for yes/no ...): their labels come from the catalogue. With more than four
    groups the legend sits beside the plot, ordered from the best-kept group down.

    >>> curves = pd.DataFrame({"group": ["a", "a", "b", "b"], "time": [0, 12, 0, 12], "survival": [1, .5, 1, .8]})
    >>> survival_chart(curves, mark=12, language="en").axes[0].get_title()
    'After 12 months: b keeps 80% of its customers, a only 50%'
    >>> c = curves.assign(group=curves["group"].map({"a": "month_to_month", "b": "24_months"}))
    >>> survival_chart(c, mark=12, kind="contract", language="en").axes[0].get_title()
    'After 12 months: 24-month contracts keep 80% of their customers, month-to-month customers only 50%'

    The marker, the dots and the title are ``live``: ``update_survival_chart`` moves them in place.
    """
    for col in ("group", "time", "survival"):
        if col not in curves.columns:
            raise ValueError(f"curves must have columns group, time, survival; it has: {', '.join(curves.columns)}")
    lang = chart_language(language)
    groups = list(dict.fromkeys(curves["group"].tolist()))
    horizon = float(curves["time"].max())
    by_group = {g: curves[curves["group"] == g] for g in groups}
    final = {g: float(c["survival"].iloc[-1]) for g, c in by_group.items()}
    many = len(groups) > 4
    fig = new_figure((9.0 if many else 7.5, 4.0))
    ax = fig.axes[0]
    styles = ("-", "--", "-.", ":")
    with matplotlib.rc_context(rc()):
        handles = {}
        for i, g in enumerate(groups):
            c = by_group[g]
            handles[g], = ax.step(c["time"], c["survival"] * 100, where="post", color=PALETTE[i % len(PALETTE)],
                                  linestyle=styles[(i // 4) % len(styles)] if many else "-",
                                  label=label(kind, g, lang), linewidth=1.8)
        marker = ax.axvline(0, color="grey", linewidth=1, linestyle=":")
        dots = ax.scatter(np.zeros(len(groups)), np.zeros(len(groups)), s=22, zorder=4,
                          color=[PALETTE[i % len(PALETTE)] for i in range(len(groups))], edgecolors="white",
                          linewidths=0.8)
        ax.set_ylim(0, 102)
        ax.set_xlim(0, horizon)
        ax.set_xlabel(t("survival.x", lang))
        ax.set_ylabel(t("survival.y", lang))
        order = sorted(groups, key=lambda g: -final[g])
        if many:
            ax.legend([handles[g] for g in order], [label(kind, g, lang) for g in order], loc="center left",
                      bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
        else:
            ax.legend([handles[g] for g in order], [label(kind, g, lang) for g in order], loc="lower left",
                      fontsize=8, frameon=False)
    parts(fig).update(marker=marker, dots=dots, groups=groups, kind=kind, curves=by_group)
    live(fig, marker, dots, ax.title)
    update_survival_chart(fig, mark=horizon if mark is None else mark, language=lang)
    return fig


def survival_at_mark(curve: pd.DataFrame, mark: float) -> float:
    """A step curve's survival at month ``mark`` (1.0 before its first time).

    >>> survival_at_mark(pd.DataFrame({"time": [0, 12], "survival": [1.0, 0.5]}), 11.9)
    1.0
    """
    times = curve["time"].to_numpy(dtype=float)
    i = int(np.searchsorted(times, float(mark), side="right")) - 1
    return float(curve["survival"].iloc[i]) if i >= 0 else 1.0


def update_survival_chart(fig: ChartFigure, *, mark: float, language: str | None = None) -> None:
    """Move a ``survival_chart``'s month marker to ``mark`` and retitle it, in place.

    >>> curves = pd.DataFrame({"group": ["a", "a", "b", "b"], "time": [0, 12, 0, 12], "survival": [1, .5, 1, .8]})
    >>> fig = survival_chart(curves, mark=12, language="en"); update_survival_chart(fig, mark=6, language="en")
    >>> fig.axes[0].get_title()
    'After 6 months: a and b keep 100% of their customers'
    """
    lang = chart_language(language)
    p = parts(fig)
    groups, kind = p["groups"], p["kind"]
    at_mark = {g: survival_at_mark(p["curves"][g], mark) for g in groups}
    p["marker"].set_xdata([mark, mark])
    p["dots"].set_offsets(np.column_stack([np.full(len(groups), float(mark)),
                                           [at_mark[g] * 100 for g in groups]]))
    best = max(at_mark, key=at_mark.get)
    worst = min(at_mark, key=at_mark.get)
    high, low = f"{at_mark[best]:.0%}", f"{at_mark[worst]:.0%}"
    names = {g: title_label(kind, g, lang) for g in (best, worst)}
    with matplotlib.rc_context(rc()):
        if high == low:
            everyone = t("survival.and", lang, first=title_label(kind, groups[0], lang),
                         second=title_label(kind, groups[1], lang)) if len(groups) == 2 \
                else t("survival.all_groups", lang)
            fig.axes[0].set_title(t("survival.title_same", lang, time=f"{mark:g}", groups=everyone,
                                    high=high))
        else:
            key = "survival.title" if _singular(kind, best, lang) else "survival.title_plural"
            fig.axes[0].set_title(t(key, lang, time=f"{mark:g}", best=names[best], worst=names[worst], high=high,
                                    low=low))


def title_label(kind: str, value: object, language: str | None = None) -> str:
    """How a title names a group: the catalogue's ``title.<kind>.<value>`` where there is one
    (so "24 months" reads "24-month contracts"), else its ordinary label.

    >>> title_label("contract", "24_months", "en"), title_label("region", "industrial_park", "en")
    ('24-month contracts', 'industrial park')
    """
    key = f"title.{kind}.{value}"
    return t(key, language) if key in catalogue() else label(kind, value, language)


def _singular(kind: str, value: object, language: str) -> bool:
    return f"title.{kind}.{value}" not in catalogue()


def level_label(driver: str, level: object, language: str | None = None) -> str:
    """A driver level as a reader says it: contract names, yes/no for true/false, and bands such as
    ``[6, 100)`` (from 6 up to, not including, 100) as "6 or more".

    >>> [level_label("fault_rate", v, "en") for v in ("[0, 4)", "[6, 100)")]
    ['0 to under 4', '6 or more']
    >>> level_label("contract", "24_months", "en"), level_label("bundle", "True", "en")
    ('24 months', 'yes')
    """
    text = str(level)
    if driver == "contract":
        return label("contract", text, language)
    if text in ("True", "False"):
        return t(f"level.{text.lower()}", language)
    if text.startswith("[") and text.endswith(")") and "," in text:
        low, high = (part.strip() for part in text[1:-1].split(",", 1))
        if high in ("100", "inf"):
            return t("level.at_least", language, low=low)
        return t("level.band", language, low=low, high=high)
    return text


def driver_chart(drivers: pd.DataFrame, language: str | None = None) -> ChartFigure:
    """Horizontal bars of monthly churn by each level of each driver (from ``churn.driver_table``).

    The title names the driver whose levels differ most: its highest level's churn rate divided by
    its lowest level's (not the table's ``ratio``, which compares each level with the first one).

    >>> d = pd.DataFrame({"driver": ["bundle", "bundle"], "level": ["False", "True"],
    ...                   "churn_rate": [0.03, 0.015], "ratio": [1.0, 0.5]})
    >>> driver_chart(d, language="en").axes[0].get_title()
    'Widest gap is bundle: no has 2.0× the churn of yes'
    """
    for col in ("driver", "level", "churn_rate", "ratio"):
        if col not in drivers.columns:
            raise ValueError(f"drivers must come from churn.driver_table; column {col!r} is missing")
    lang = chart_language(language)
    d = drivers.reset_index(drop=True)
    rates = d["churn_rate"].to_numpy(dtype=float)
    if np.isnan(rates).any() or (rates < 0).any():
        raise ValueError("drivers: column 'churn_rate' must hold rates >= 0 with no missing values")
    high_pos = d.groupby("driver", sort=False)["churn_rate"].idxmax()
    low_pos = d.groupby("driver", sort=False)["churn_rate"].idxmin()
    low_rates = d.loc[low_pos, "churn_rate"].to_numpy(dtype=float)
    spread = pd.Series(np.where(low_rates > 0, d.loc[high_pos, "churn_rate"].to_numpy(dtype=float)
                                / np.where(low_rates > 0, low_rates, 1.0), np.inf), index=high_pos.index)
    strongest = spread.idxmax()
    fig = new_figure((7.5, 0.32 * len(d) + 1.4))
    ax = fig.axes[0]
    names = list(dict.fromkeys(d["driver"]))
    ylabels = []
    with matplotlib.rc_context(rc()):
        for i, row in d.iterrows():
            colour = PALETTE[names.index(row["driver"]) % len(PALETTE)]
            ax.barh(i, row["churn_rate"] * 100, color=colour)
            ax.text(row["churn_rate"] * 100, i, f" {row['churn_rate']:.1%}", va="center", fontsize=8)
            ylabels.append(f"{label('driver', row['driver'], lang)}: {level_label(row['driver'], row['level'], lang)}")
        ax.set_yticks(range(len(d)), ylabels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, d["churn_rate"].max() * 118)
        ax.set_xlabel(t("drivers.x", lang))
        ax.set_title(t("drivers.title", lang, driver=label("driver", strongest, lang),
                       high=level_label(strongest, d.loc[high_pos[strongest], "level"], lang),
                       low=level_label(strongest, d.loc[low_pos[strongest], "level"], lang),
                       ratio=float(spread[strongest])), fontsize=10)
    return fig


def gains_chart(gains: pd.DataFrame, *, at: float = 0.2, language: str | None = None) -> ChartFigure:
    """Cumulative gains curve (from ``churn.gains_table``) against random choice; the title reads the
    curve at the share ``at`` of customers contacted.

    >>> g = pd.DataFrame({"cum_share_customers": [0.5, 1.0], "cum_share_churners": [0.8, 1.0]})
    >>> gains_chart(g, at=0.5, language="en").axes[0].get_title()
    'Contacting the riskiest 50% of customers finds 80% of churners'
    """
    for col in ("cum_share_customers", "cum_share_churners"):
        if col not in gains.columns:
            raise ValueError(f"gains must come from churn.gains_table; column {col!r} is missing")
    lang = chart_language(language)
    x = np.concatenate([[0.0], gains["cum_share_customers"].to_numpy(float)])
    y = np.concatenate([[0.0], gains["cum_share_churners"].to_numpy(float)])
    found = float(np.interp(at, x, y))
    fig = new_figure((6.0, 4.2))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        ax.plot(x * 100, y * 100, color=PALETTE[0], marker="o", markersize=3, label=t("gains.model", lang))
        ax.plot([0, 100], [0, 100], color="grey", linestyle="--", label=t("gains.random", lang))
        ax.plot([at * 100], [found * 100], "o", color=PALETTE[1])
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 102)
        ax.set_xlabel(t("gains.x", lang))
        ax.set_ylabel(t("gains.y", lang))
        ax.legend(loc="lower right", frameon=False)
        ax.set_title(t("gains.title", lang, share=f"{at:.0%}", found=f"{found:.0%}"))
    return fig
