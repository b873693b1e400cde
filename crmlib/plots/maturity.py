"""Radar chart of a CRM value chain maturity self-assessment (a ``crmlib.maturity.maturity_gaps`` table).

    >>> from crmlib.maturity import item_keys, maturity_gaps
    >>> scores = dict.fromkeys(item_keys(), 4)
    >>> scores["it_data"] = 2
    >>> fig = maturity_radar(maturity_gaps(scores, target=4, language="en"), language="en")
    >>> fig.axes[0].get_title()
    'Largest gap: IT and data management, 2 points below the target'
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.lines import Line2D

from crmlib.i18n import t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.plots.valuechain import fit_text
from crmlib.style import PALETTE, chart_language, rc

__all__ = ["maturity_radar", "update_maturity_radar"]

GREY = "#555555"
_COLUMNS = ("key", "part", "name", "score", "target", "gap", "order")


def maturity_radar(gaps, language: str | None = None, scale: tuple[float, float] = (1, 5)) -> ChartFigure:
    """Scores (blue area) against targets (orange dashed line), one spoke per stage or condition.

    Spokes follow the chain's order: the stages first, then the supporting conditions (their names
    in grey). The title names the largest gap, or says that every target is met.

    >>> import pandas as pd
    >>> maturity_radar(pd.DataFrame({"score": [1]}))
    Traceback (most recent call last):
    ...
    KeyError: "column 'key' not found: pass the table crmlib.maturity.maturity_gaps returns"
    """
    for column in _COLUMNS:
        if column not in getattr(gaps, "columns", ()):
            raise KeyError(f"column {column!r} not found: pass the table crmlib.maturity.maturity_gaps returns")
    lang = chart_language(language)
    table = gaps.sort_values("order")
    n = len(table)
    angles = 2 * np.pi * np.arange(n) / n  # clockwise from the top (set below)
    closed = np.append(angles, angles[0])
    fig = new_figure(figsize=(7.2, 6.3))
    with matplotlib.rc_context(rc()):
        fig.delaxes(fig.axes[0])
        ax = fig.add_subplot(projection="polar")
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        area, = ax.fill(closed, np.append(table["score"], table["score"].iloc[0]), color=PALETTE[0], alpha=0.25)
        score_line, = ax.plot(closed, np.append(table["score"], table["score"].iloc[0]), color=PALETTE[0],
                              linewidth=2, marker="o", label=t("maturity.score", lang))
        target_line, = ax.plot(closed, np.append(table["target"], table["target"].iloc[0]), color=PALETTE[1],
                               linewidth=2, linestyle="--", label=t("maturity.target", lang))
        ax.set_ylim(0, scale[1])
        ax.set_yticks(np.arange(scale[0], scale[1] + 1), labels=[f"{v:g}" for v in np.arange(scale[0], scale[1] + 1)],
                      fontsize=7.5, color="#555555")
        ax.set_rlabel_position(360 / n / 2)
        ax.set_xlim(0, 2 * np.pi)
        labels = [fit_text(name, 1.25, 0.45, max_size=9, min_size=7)[0] for name in table["name"]]
        ax.set_xticks(angles, labels=labels, fontsize=8.5)
        for label, part, angle in zip(ax.get_xticklabels(), table["part"], angles):
            label.set_color(PALETTE[0] if part == "primary" else GREY)
            side = np.sin(angle)
            label.set_horizontalalignment("left" if side > 0.1 else "right" if side < -0.1 else "center")
        ax.tick_params(axis="x", pad=6)
        handles, _ = ax.get_legend_handles_labels()
        handles += [Line2D([], [], linestyle="none", marker="s", color=PALETTE[0],
                           label=t("maturity.stage", lang)),
                    Line2D([], [], linestyle="none", marker="s", color=GREY,
                           label=t("maturity.condition", lang))]
        fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8.5, frameon=False)
        ax.set_title(_title(gaps, lang), pad=22)
    parts(fig).update(keys=list(table["key"]), names=list(table["name"]), area=area, score_line=score_line,
                      target_line=target_line)
    live(fig, area, score_line, target_line, ax.title)
    return fig


def _title(gaps, lang: str) -> str:
    top = gaps.sort_values(["gap", "order"], ascending=[False, True]).iloc[0]
    if top["gap"] > 0:
        return t("maturity.title", lang, name=top["name"], gap=f"{top['gap']:g}")
    return t("maturity.title_met", lang)


def update_maturity_radar(fig: ChartFigure, gaps, language: str | None = None) -> bool:
    """Set a ``maturity_radar``'s score area, score and target lines and title to new ``gaps`` of the same
    stages and conditions, in place; False when they differ (the chart must then be drawn anew).

    >>> from crmlib import maturity
    >>> scores = dict.fromkeys(maturity.item_keys(), 3)
    >>> fig = maturity_radar(maturity.maturity_gaps(scores, 4), "en")
    >>> update_maturity_radar(fig, maturity.maturity_gaps(scores, 3), "en"), fig.axes[0].get_title()
    (True, 'Every stage and condition meets its target')
    """
    for column in _COLUMNS:
        if column not in getattr(gaps, "columns", ()):
            raise KeyError(f"column {column!r} not found: pass the table crmlib.maturity.maturity_gaps returns")
    kept = parts(fig)
    table = gaps.sort_values("order")
    if kept.get("keys") != list(table["key"]) or kept.get("names") != list(table["name"]):
        return False
    lang = chart_language(language)
    ax = fig.axes[0]
    score = np.append(table["score"].to_numpy(float), float(table["score"].iloc[0]))
    target = np.append(table["target"].to_numpy(float), float(table["target"].iloc[0]))
    kept["score_line"].set_ydata(score)
    kept["target_line"].set_ydata(target)
    xy = kept["area"].get_xy()
    xy[: len(score), 1] = score
    if len(xy) > len(score):  # a closed polygon repeats its first vertex
        xy[len(score):, 1] = score[0]
    kept["area"].set_xy(xy)
    with matplotlib.rc_context(rc()):
        ax.set_title(_title(gaps, lang), pad=22)
    return True
