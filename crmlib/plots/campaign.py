r"""Charts of lesson 04's campaigns: uplift by group, the retention planner, and product holding.

    >>> import pandas as pd
    >>> u = pd.DataFrame({"rate_treatment": [0.07, 0.08], "rate_control": [0.18, 0.06], "uplift": [0.11, -0.02]},
    ...                  index=["month_to_month", "in_contract"])
    >>> uplift_chart(u, language="en").axes[0].get_title()
    'The offer cut churn by 11.0 pts on month-to-month\nbut raised it by 2.0 pts on 12/24-month contracts'

``pts`` are percentage points: the gap between two percentages (18 % − 7 % = 11 pts).
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd

from crmlib.i18n import t
from crmlib.plots.base import ChartFigure, live, new_figure, parts
from crmlib.plots.churn import label
from crmlib.style import PALETTE, chart_language, rc


def uplift_chart(uplift: pd.DataFrame, language: str | None = None) -> ChartFigure:
    """Paired bars: churn with and without the offer for each group (from ``campaign.uplift_table``).

    >>> u = pd.DataFrame({"rate_treatment": [0.1], "rate_control": [0.1], "uplift": [0.0]}, index=["all"])
    >>> uplift_chart(u, language="en").axes[0].get_title()
    'The offer changed churn by at most 0.0 pts'
    """
    for col in ("rate_treatment", "rate_control", "uplift"):
        if col not in uplift.columns:
            raise ValueError(f"uplift must come from campaign.uplift_table; column {col!r} is missing")
    lang = chart_language(language)
    groups = [str(g) for g in uplift.index]
    x = np.arange(len(groups))
    fig = new_figure((6.5, 4.0))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        for shift, col, colour, key in ((-0.2, "rate_treatment", PALETTE[2], "treatment"),
                                        (0.2, "rate_control", PALETTE[1], "control")):
            bars = ax.bar(x + shift, uplift[col] * 100, width=0.38, color=colour, label=t(f"uplift.{key}", lang))
            ax.bar_label(bars, labels=[f"{v:.1%}" for v in uplift[col]], fontsize=8, padding=2)
        ax.set_xticks(x, [label("group", g, lang) for g in groups])
        ax.set_ylabel(t("uplift.y", lang))
        ax.set_ylim(0, float(uplift[["rate_treatment", "rate_control"]].to_numpy().max()) * 130)
        ax.legend(frameon=False, loc="upper right")
        up = uplift["uplift"]
        best, worst = up.idxmax(), up.idxmin()
        if up[best] > 0 > up[worst]:
            title = t("uplift.title", lang, best=t("pts", lang, value=f"{up[best] * 100:.1f}"),
                      worst=t("pts", lang, value=f"{-up[worst] * 100:.1f}"),
                      best_group=label("group", best, lang), worst_group=label("group", worst, lang))
        else:
            title = t("uplift.title_same", lang, best=t("pts", lang, value=f"{up.abs().max() * 100:.1f}"))
        ax.set_title(title, fontsize=10)
    return fig


def campaign_chart(curve: pd.DataFrame, *, targeted: int | None = None, language: str | None = None) -> ChartFigure:
    """Net value (CLV kept − spend) against customers contacted, one line per targeting rule
    (from ``campaign.plan_curve``), with the budget's reach marked. The title names the best rule at
    that reach, and says so when even the best one loses money.

    >>> c = pd.DataFrame({"rule": ["risk"] * 2, "targeted": [0, 10], "net_value": [0.0, 5000.0]})
    >>> campaign_chart(c, targeted=10, language="en").axes[0].get_title()
    'Best rule at this budget: churn risk, net value CNY 5,000'
    >>> c["net_value"] = [0.0, -302.4]
    >>> campaign_chart(c, targeted=10, language="en").axes[0].get_title()
    'At this budget every rule loses money; churn risk loses least: a loss of CNY 302'

    The budget marker and the title are ``live`` (``crmlib.plots.base.live``): a widget that moves only
    the budget redraws just those.
    """
    for col in ("rule", "targeted", "net_value"):
        if col not in curve.columns:
            raise ValueError(f"curve must come from campaign.plan_curve; column {col!r} is missing")
    lang = chart_language(language)
    fig = new_figure((7.0, 4.0))
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        for i, (rule, c) in enumerate(curve.groupby("rule", sort=False)):
            ax.plot(c["targeted"], c["net_value"] / 1000, color=PALETTE[i % len(PALETTE)], label=label("rule", rule, lang))
        ax.set_xlim(0, max(float(curve["targeted"].max()), 1.0))
        parts(fig)["marker"] = ax.axvline(0, color="grey", linestyle=":", linewidth=1)
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_xlabel(t("plan.x", lang))
        ax.set_ylabel(t("plan.y", lang))
        ax.legend(frameon=False, fontsize=8, loc="best")
    live(fig, parts(fig)["marker"], ax.title)
    update_campaign_chart(fig, curve, targeted=targeted, language=lang)
    return fig


def update_campaign_chart(fig: ChartFigure, curve: pd.DataFrame, *, targeted: int | None = None,
                          language: str | None = None) -> None:
    """Move a ``campaign_chart``'s budget marker to ``targeted`` customers and retitle it, in place
    (``curve`` must be the one the chart was drawn from).

    >>> c = pd.DataFrame({"rule": ["risk"] * 2, "targeted": [0, 10], "net_value": [0.0, 5000.0]})
    >>> fig = campaign_chart(c, targeted=10, language="en"); update_campaign_chart(fig, c, targeted=5, language="en")
    >>> fig.axes[0].get_title()
    'Best rule at this budget: churn risk, net value CNY 2,500'
    """
    lang = chart_language(language)
    reach = int(curve["targeted"].max()) if targeted is None else int(targeted)
    at_reach = {rule: float(np.interp(reach, c["targeted"], c["net_value"]))
                for rule, c in curve.groupby("rule", sort=False)}
    parts(fig)["marker"].set_xdata([reach, reach])
    best = max(at_reach, key=at_reach.get)
    net = at_reach[best]
    ax = fig.axes[0]
    with matplotlib.rc_context(rc()):
        if round(net) >= 0:
            ax.set_title(t("plan.title", lang, rule=label("rule", best, lang),
                           net=t("plan.gain", lang, amount=f"{net:,.0f}")))
        else:
            ax.set_title(t("plan.title_loss", lang, rule=label("rule", best, lang),
                           net=t("plan.loss", lang, amount=f"{-net:,.0f}")))


def holding_chart(rates: pd.Series, *, group: str, offer: str, min_propensity: float | None = None,
                  language: str | None = None) -> ChartFigure:
    """Horizontal bars: share of a group's customers holding each product (a row of
    ``crosssell.holding_rates``), titled with the group's most held product and next best offer.

    With ``min_propensity`` (a share from 0 to 1), a dashed line marks that offer threshold and the
    bars of products held by fewer peers than it are faded: those are never offered.

    >>> r = pd.Series({"mobile": 0.9, "broadband": 0.4})
    >>> holding_chart(r, group="sme", offer="broadband", language="en").axes[0].get_title()
    'SME: 90% of customers hold mobile; next best offer is home broadband'
    >>> fig = holding_chart(r, group="sme", offer="mobile", min_propensity=0.5, language="en")
    >>> [round(b.get_alpha(), 2) for b in parts(fig)["bars"]], parts(fig)["threshold"].get_xdata()[0]
    ([1.0, 0.35], 50.0)
    """
    values = pd.to_numeric(rates, errors="coerce")
    if values.empty or values.isna().any():
        raise ValueError("rates must be a non-empty Series of holding shares, one per product")
    lang = chart_language(language)
    fig = new_figure((6.5, 3.0))
    ax = fig.axes[0]
    products = list(values.index)
    with matplotlib.rc_context(rc()):
        bars = ax.barh(range(len(products)), values * 100, color=[PALETTE[i % len(PALETTE)] for i in range(len(products))])
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in values], fontsize=8, padding=2)
        ax.set_yticks(range(len(products)), [label("product", p, lang) for p in products])
        ax.invert_yaxis()
        ax.set_xlim(0, 115)
        ax.set_xlabel(t("holding.x", lang))
        found = parts(fig)
        found["bars"] = list(bars)
        found["threshold"] = ax.axvline(0, color="#333333", linestyle="--", linewidth=1.2, visible=False)
        found["threshold_label"] = ax.text(0, 0.04, "", transform=ax.get_xaxis_transform(), ha="left", va="bottom",
                                           fontsize=8, color="#333333", visible=False,
                                           bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
    live(fig, ax.title, found["bars"], found["threshold"], found["threshold_label"])
    update_holding_chart(fig, values, group=group, offer=offer, min_propensity=min_propensity, language=lang)
    return fig


def update_holding_chart(fig: ChartFigure, rates: pd.Series, *, group: str, offer: str,
                         min_propensity: float | None = None, language: str | None = None) -> None:
    """Retitle a ``holding_chart`` for a new next best offer and move its threshold line, in place
    (same ``rates`` and group).

    >>> r = pd.Series({"mobile": 0.9, "broadband": 0.4})
    >>> fig = holding_chart(r, group="sme", offer="broadband", min_propensity=0.1, language="en")
    >>> update_holding_chart(fig, r, group="sme", offer="none", min_propensity=0.95, language="en")
    >>> fig.axes[0].get_title(), parts(fig)["threshold_label"].get_text()
    ('SME: no next best offer at this threshold', 'offer threshold 95%')
    """
    lang = chart_language(language)
    values = pd.to_numeric(rates, errors="coerce")
    top = values.idxmax()
    ax = fig.axes[0]
    found = parts(fig)
    with matplotlib.rc_context(rc()):
        if offer == "none":
            title = t("holding.title_none", lang, group=label("segment", group, lang))
        else:
            title = t("holding.title", lang, group=label("segment", group, lang), top=f"{values[top]:.0%}",
                      product=label("product", top, lang), offer=label("product", offer, lang))
        ax.set_title(title, fontsize=10)
        shown = min_propensity is not None
        line, note = found.get("threshold"), found.get("threshold_label")
        if line is not None and note is not None:
            line.set_visible(shown)
            note.set_visible(shown)
            if shown:
                x = float(min_propensity) * 100
                line.set_xdata([x, x])
                note.set_x(x + 1)
                note.set_text(t("holding.threshold", lang, share=f"{float(min_propensity):.0%}"))
                for bar, value in zip(found.get("bars", ()), values):
                    bar.set_alpha(1.0 if value >= float(min_propensity) else 0.35)
            else:
                for bar in found.get("bars", ()):
                    bar.set_alpha(1.0)
