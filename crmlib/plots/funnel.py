"""The customer-journey funnel: people per stage, the conversion of each step, the bottleneck in red.

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"stage": ["awareness", "consideration", "sign_up"], "people": [1000, 700, 140]})
    >>> fig = funnel_chart(counts, language="en")
    >>> fig.axes[0].get_title()
    'Biggest loss at consideration → sign-up: only 20% move on'
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.ticker import FuncFormatter

from crmlib import funnel
from crmlib.i18n import catalogue, t
from crmlib.plots.base import ChartFigure, new_figure
from crmlib.style import PALETTE, chart_language, rc

__all__ = ["channel_name", "funnel_chart", "stage_name"]


def channel_name(channel: str, language: str | None = None) -> str:
    """A sales channel's display name through the catalogue, whatever case it is passed in
    (``"online"``, ``"Online"`` → "online" / "网上"); unknown channels as they are.

    >>> channel_name("Online", "zh"), channel_name("online", "en"), channel_name("kiosk", "zh")
    ('网上', 'online', 'kiosk')
    """
    key = f"channel.{str(channel).strip().lower().replace(' ', '_')}"
    return t(key, language) if key in catalogue() else str(channel)


def stage_name(stage: str, language: str | None = None) -> str:
    """A funnel stage's display name (``sign_up`` → "sign-up" / "注册"); unknown stages as they are.

    >>> stage_name("activation", "zh"), stage_name("trial", "en")
    ('激活', 'trial')
    """
    key = f"stage.{stage}"
    return t(key, language) if key in catalogue() else str(stage)


def funnel_chart(counts, language: str | None = None, *, stage: str = "stage", count: str = "people",
                 order: Sequence[str] | None = None, group: str | None = None) -> ChartFigure:
    """Horizontal bars of people per stage (journey order, top first), each step's conversion between
    the bars, and the step with the lowest conversion (the bottleneck) in vermillion.

    ``counts`` is a table of people per stage for one funnel (e.g. ``crmlib.funnel.stage_counts`` of
    one channel, or ``crmlib.funnel.simulate_funnel``); ``group``, the sales channel (its key, e.g.
    ``"online"``, or its English name), starts the title in the chart's language through the catalogue
    ("Online channel: ...", "网上渠道：...").

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"stage": ["awareness", "consideration"], "people": [1000, 700]})
    >>> funnel_chart(counts, "zh", group="Online").axes[0].get_title()[:4]
    '网上渠道'
    """
    steps = funnel.funnel_conversion(counts, stage=stage, count=count, order=order)
    worst = funnel.bottleneck(steps)
    lang = chart_language(language)
    stages = [steps["from_stage"].iloc[0], *steps["to_stage"]]
    people = np.array([steps["entered"].iloc[0], *steps["moved_on"]], dtype=float)
    names = [stage_name(s, lang) for s in stages]
    fig = new_figure(figsize=(7.5, 4.4))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        y = np.arange(len(stages))[::-1] * 1.6
        colours = [PALETTE[0]] * len(stages)
        bottleneck_to = stages.index(worst["to_stage"])
        colours[bottleneck_to] = PALETTE[5]
        ax.barh(y, people, height=0.9, color=colours)
        top = people[0]
        for yy, value in zip(y, people):
            ax.text(value + top * 0.01, yy, f"{value:,.0f}", va="center", ha="left", fontsize=9)
        for i, row in enumerate(steps.itertuples()):
            is_worst = row.step == worst["step"]
            ax.text(top * 0.02, (y[i] + y[i + 1]) / 2, t("funnel.step", lang, rate=f"{row.conversion:.0%}"),
                    va="center", ha="left", fontsize=8.5, color=PALETTE[5] if is_worst else "#333333")
        ax.set_yticks(y, labels=names)
        ax.set_xlim(0, top * 1.18)
        ax.set_xlabel(t("funnel.x", lang))
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        where = {"source": stage_name(worst["from_stage"], lang), "target": stage_name(worst["to_stage"], lang),
                 "rate": f"{worst['conversion']:.0%}"}
        if group:
            name = channel_name(group, lang)
            name = name[:1].upper() + name[1:] if lang == "en" else name
            ax.set_title(t("funnel.title_group", lang, group=name, **where))
        else:
            ax.set_title(t("funnel.title", lang, **where))
    return fig
