"""The customer-journey funnel: people per stage, the conversion of each step, the bottleneck in red.

The chart draws what ``crmlib.funnel`` computed (the steps of ``funnel_conversion`` and the row
``bottleneck`` picks); it computes nothing itself::

    >>> import pandas as pd
    >>> from crmlib import funnel
    >>> counts = pd.DataFrame({"stage": ["awareness", "consideration", "sign_up"], "people": [1000, 700, 140]})
    >>> steps = funnel.funnel_conversion(counts)
    >>> fig = funnel_chart(steps, funnel.bottleneck(steps), language="en")
    >>> fig.axes[0].get_title()
    'Biggest loss at consideration → sign-up: only 20% move on'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib
import numpy as np
from matplotlib.ticker import FuncFormatter

from crmlib.i18n import catalogue, t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.style import PALETTE, chart_language, rc

if TYPE_CHECKING:
    import pandas as pd

#: The columns of a ``crmlib.funnel.funnel_conversion`` table that the chart draws.
_STEP_COLUMNS = ("step", "from_stage", "to_stage", "entered", "moved_on", "conversion")

__all__ = ["channel_name", "funnel_chart", "stage_name", "update_funnel_chart"]


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


def funnel_chart(steps: pd.DataFrame, bottleneck: pd.Series, language: str | None = None, *,
                 group: str | None = None) -> ChartFigure:
    """Horizontal bars of people per stage (journey order, top first), each step's conversion between
    the bars, and the bottleneck step in vermillion.

    ``steps`` is the table ``crmlib.funnel.funnel_conversion`` returns for one funnel (e.g. one channel,
    or ``crmlib.funnel.simulate_funnel``'s counts); ``bottleneck``, the row ``crmlib.funnel.bottleneck``
    picks from it. ``group``, the sales channel (its key, e.g. ``"online"``, or its English name), starts
    the title in the chart's language through the catalogue ("Online channel: ...", "网上渠道：...").

    >>> import pandas as pd
    >>> from crmlib import funnel
    >>> steps = funnel.funnel_conversion(pd.DataFrame({"stage": ["awareness", "consideration"], "people": [1000, 700]}))
    >>> funnel_chart(steps, funnel.bottleneck(steps), "zh", group="Online").axes[0].get_title()[:4]
    '网上渠道'
    >>> funnel_chart(pd.DataFrame({"stage": ["a"], "people": [1]}), None)
    Traceback (most recent call last):
    ...
    KeyError: "column 'step' not found: pass the table crmlib.funnel.funnel_conversion returns"
    """
    for column in _STEP_COLUMNS:
        if column not in getattr(steps, "columns", ()):
            raise KeyError(f"column {column!r} not found: pass the table crmlib.funnel.funnel_conversion returns")
    if len(steps) == 0:
        raise ValueError("steps holds no rows: pass the table crmlib.funnel.funnel_conversion returns for one funnel")
    worst = bottleneck
    if not all(key in getattr(worst, "index", ()) for key in ("step", "from_stage", "to_stage", "conversion")):
        raise KeyError("bottleneck must be the row crmlib.funnel.bottleneck returns (with step, from_stage, "
                       f"to_stage, conversion); got {type(worst).__name__}")
    if worst["step"] not in set(steps["step"]):
        raise ValueError(f"bottleneck step {worst['step']!r} is not one of the steps: pass "
                         "crmlib.funnel.bottleneck(steps) of the same steps")
    lang = chart_language(language)
    stages = [steps["from_stage"].iloc[0], *steps["to_stage"]]
    people = np.array([steps["entered"].iloc[0], *steps["moved_on"]], dtype=float)
    names = [stage_name(s, lang) for s in stages]
    fig = new_figure(figsize=(7.5, 4.4))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        y = np.arange(len(stages))[::-1] * 1.6
        bars = ax.barh(y, people, height=0.9, color=PALETTE[0])
        top = people[0]
        counts = [ax.text(0, yy, "", va="center", ha="left", fontsize=9) for yy in y]
        rates = [ax.text(top * 0.02, (y[i] + y[i + 1]) / 2, "", va="center", ha="left", fontsize=8.5)
                 for i in range(len(steps))]
        ax.set_yticks(y, labels=names)
        ax.set_xlim(0, top * 1.18)
        ax.set_xlabel(t("funnel.x", lang))
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    parts(fig).update(stages=stages, top=float(top), bars=list(bars), counts=counts, rates=rates, group=group)
    live(fig, bars, counts, rates, ax.title)
    _set_funnel(fig, steps, worst, lang)
    return fig


def update_funnel_chart(fig: ChartFigure, steps: pd.DataFrame, bottleneck: pd.Series,
                        language: str | None = None) -> bool:
    """Set a ``funnel_chart``'s bars, numbers, conversions, bottleneck colour and title to new ``steps``
    (and their ``bottleneck``) of the same stages and the same people at the top, in place; False when
    the stages or the top differ (the chart must then be drawn anew).

    >>> import pandas as pd
    >>> from crmlib import funnel
    >>> steps = funnel.funnel_conversion(pd.DataFrame({"stage": ["awareness", "consideration", "sign_up"],
    ...                                                "people": [1000, 700, 140]}))
    >>> fig = funnel_chart(steps, funnel.bottleneck(steps), "en")
    >>> new = funnel.funnel_conversion(funnel.simulate_funnel(1000, [0.5, 0.8], ["awareness", "consideration", "sign_up"]))
    >>> update_funnel_chart(fig, new, funnel.bottleneck(new), "en"), fig.axes[0].get_title()
    (True, 'Biggest loss at awareness → consideration: only 50% move on')
    """
    kept = parts(fig)
    stages = [steps["from_stage"].iloc[0], *steps["to_stage"]]
    if kept.get("stages") != stages or kept.get("top") != float(steps["entered"].iloc[0]):
        return False
    _set_funnel(fig, steps, bottleneck, chart_language(language))
    return True


def _set_funnel(fig: ChartFigure, steps: pd.DataFrame, worst: pd.Series, lang: str) -> None:
    """Bars, numbers, conversions, the bottleneck's colour and the title of a ``funnel_chart``."""
    kept = parts(fig)
    ax = fig.axes[0]
    stages, top = kept["stages"], kept["top"]
    people = np.array([steps["entered"].iloc[0], *steps["moved_on"]], dtype=float)
    bottleneck_to = stages.index(worst["to_stage"])
    for i, (bar, label, value) in enumerate(zip(kept["bars"], kept["counts"], people)):
        bar.set_width(value)
        bar.set_facecolor(PALETTE[5] if i == bottleneck_to else PALETTE[0])
        label.set_x(value + top * 0.01)
        label.set_text(f"{value:,.0f}")
    for label, row in zip(kept["rates"], steps.itertuples()):
        label.set_text(t("funnel.step", lang, rate=f"{row.conversion:.0%}"))
        label.set_color(PALETTE[5] if row.step == worst["step"] else "#333333")
    where = {"source": stage_name(worst["from_stage"], lang), "target": stage_name(worst["to_stage"], lang),
             "rate": f"{worst['conversion']:.0%}"}
    group = kept["group"]
    with matplotlib.rc_context(rc()):
        if group:
            name = channel_name(group, lang)
            name = name[:1].upper() + name[1:] if lang == "en" else name
            ax.set_title(t("funnel.title_group", lang, group=name, **where))
        else:
            ax.set_title(t("funnel.title", lang, **where))
