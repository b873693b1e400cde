"""Lesson 02's three widgets in plain pytest: move a control, the numbers and the chart change.

Numbers are those of the operator's data (datasets/telecom: value_chain 2025, funnel 2025).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from crmlib import datasets
from crmlib.widgets import FunnelApp, MaturityApp, ValueChainApp, funnel_app, maturity_app, value_chain_app

#: The tables the lesson passes to its widgets (the widgets load nothing themselves).
VALUE_CHAIN = datasets.load("telecom", "value_chain")
FUNNEL = datasets.load("telecom", "funnel")


def cells(html_text: str) -> list[list[str]]:
    """The table rows (cell texts) of a widget's HTML."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html_text)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in rows]


# ------------------------------------------------------------------ value chain


def test_value_chain_app_starts_from_the_operators_2025_figures() -> None:
    app = value_chain_app(VALUE_CHAIN, year=2025, language="en")
    assert isinstance(app, ValueChainApp)
    assert len(app.cost_sliders) == 5 and app.cost_sliders["user_service"].value == 489.0
    assert app.revenue_sliders["value_creation"].value == 1093.0
    assert app.margin() == 1098.0 and app.weakest() == "user_service"
    assert "Margin of the whole chain: 1,098 (CNY million), 22.3% of revenue" in app.text.value
    rows = cells(app.text.value)
    assert rows[0][0] == "link" and [r[0] for r in rows[1:]] == [
        "value creation", "business support", "network operation", "infrastructure", "user service"]
    assert rows[-1][3] == "-43"
    assert app.diagram.value[:4] == b"\x89PNG" and app.chart.value[:4] == b"\x89PNG"


def test_changing_a_links_revenue_moves_margin_ranking_and_pictures() -> None:
    app = value_chain_app(VALUE_CHAIN, year=2025, language="en")
    diagram, chart = app.diagram.value, app.chart.value
    app.revenue_sliders["user_service"].value = 700.0  # user service now adds 211 on 489 of cost
    assert app.margin() == 1098.0 + 254.0
    assert app.weakest() == "infrastructure"
    assert [r[0] for r in cells(app.text.value)[1:]][:3] == ["value creation", "business support", "user service"]
    assert "Weakest link: infrastructure" in app.text.value
    assert app.diagram.value != diagram and app.chart.value != chart


def test_a_small_step_redraws_only_the_changed_artists_and_matches_a_new_chart() -> None:
    from crmlib import valuechain
    from crmlib.plots.valuechain import chain_diagram, link_economics_chart

    app = value_chain_app(VALUE_CHAIN, year=2025, language="en")
    diagram_canvas, chart_canvas = app._canvases
    app.revenue_sliders["user_service"].value = 470.0  # still the weakest link, by less
    assert diagram_canvas.last_mode == "live" and chart_canvas.last_mode == "live"
    econ = app.economics()
    shown, fresh = app._charts[1][1], link_economics_chart(econ, "en")
    assert shown.axes[0].get_title() == fresh.axes[0].get_title()
    assert [p.get_width() for p in shown.axes[0].patches] == [p.get_width() for p in fresh.axes[0].patches]
    assert [p.get_facecolor() for p in shown.axes[0].patches] == [p.get_facecolor() for p in fresh.axes[0].patches]
    assert sorted(t.get_text() for t in shown.axes[0].texts) == sorted(t.get_text() for t in fresh.axes[0].texts)
    from crmlib.i18n import t as text_of

    notes = {k: text_of("vc.note", "en", cost=f"{r['cost']:,.0f}", value=f"{r['value_added']:+,.0f}")
             for k, r in econ.iterrows()}
    fresh_diagram = chain_diagram("telecom", "en", annotations=notes, highlight="user_service")

    def note_texts(fig):
        return {x.get_gid(): (x.get_text(), x.get_fontsize()) for x in fig.axes[0].texts
                if (x.get_gid() or "").startswith("note:")}

    assert note_texts(app._charts[0][1]) == note_texts(fresh_diagram)
    assert note_texts(app._charts[0][1])["note:user_service"][0] == "cost 489\nvalue added -19"
    assert valuechain.weakest_link(econ) == "user_service"
    app.revenue_sliders["user_service"].value = 700.0  # the weakest link changes: a new diagram
    assert diagram_canvas.last_mode == "full"


def test_changing_a_links_cost_moves_the_margin() -> None:
    app = value_chain_app(VALUE_CHAIN, year=2025, language="en")
    app.cost_sliders["network_operation"].value = 1200.0
    assert app.margin() == 1098.0 - 270.0
    econ = app.economics()
    assert econ.loc["network_operation", "value_added"] == -50.0
    # lowest value added in yuan, but per yuan of cost (-0.04) still above user service (-0.09)
    assert econ["value_added"].idxmin() == "network_operation"
    assert app.weakest() == "user_service"
    assert econ.loc["network_operation", "rank"] == 4


def test_value_chain_app_in_chinese_and_on_own_columns() -> None:
    app = value_chain_app(VALUE_CHAIN, year=2025, language="zh")
    assert "整条价值链的利润：1,098（百万元）" in app.text.value and "最薄弱的环节：用户服务" in app.text.value
    assert app.cost_sliders["infrastructure"].description == "成本"
    own = pd.DataFrame({"step": ["buy", "sell"], "spend": [10.0, 20.0], "income": [15.0, 21.0]})
    small = value_chain_app(own, link="step", cost="spend", revenue="income", language="en")
    assert small.weakest() == "sell" and small.margin() == 6.0
    assert small.diagram.value == b""  # links that are not the telecom chain's: no diagram, the chart only
    assert small.chart.value[:4] == b"\x89PNG"
    with pytest.raises(KeyError, match=r"column 'cost_cny_million' \(cost=\) not found"):
        value_chain_app(own, link="step")


def test_all_costs_at_zero_gives_a_message_not_a_traceback() -> None:
    app = value_chain_app(VALUE_CHAIN, year=2025, language="en")
    chart = app.chart.value
    for slider in app.cost_sliders.values():
        slider.value = 0.0
    assert app.text.value == "<b>Set the cost of at least one link above 0.</b>"
    assert app.chart.value[:4] == b"\x89PNG" and chart[:4] == b"\x89PNG"  # the last valid chart stays
    app.cost_sliders["user_service"].value = 100.0
    for slider in app.revenue_sliders.values():
        slider.value = 0.0
    assert app.text.value == "<b>Set the revenue of at least one link above 0.</b>"
    app.revenue_sliders["user_service"].value = 100.0  # revenue = cost: no margin, so no value-added shares
    assert "adds up to 0" in app.text.value
    app.revenue_sliders["user_service"].value = 150.0
    assert app.margin() == 50.0 and "Margin of the whole chain: 50" in app.text.value


# ------------------------------------------------------------------ maturity


def test_maturity_app_ranks_gaps_and_redraws() -> None:
    app = maturity_app(language="en")
    assert isinstance(app, MaturityApp)
    assert len(app.sliders) == 10 and app.target.value == 4
    gaps = app.gaps()
    assert gaps[["key", "gap"]].head(3).values.tolist() == [["it_data", 3.0], ["intimacy", 2.0], ["organisation", 2.0]]
    assert re.findall(r"<li>(.*?)</li>", app.text.value)[0] == "IT and data management: score 1, 3 below target"
    image = app.image.value
    app.sliders["it_data"].value = 4
    assert app.gaps()["key"].iloc[0] == "intimacy"
    assert "IT and data management" not in app.text.value
    assert app.image.value != image


def test_maturity_target_slider_and_no_gaps() -> None:
    app = maturity_app(language="en")
    app.target.value = 1
    assert (app.gaps()["gap"] == 0).all()
    assert "No gaps: every item reaches the target." in app.text.value
    app.target.value = 5
    assert app.gaps()["gap"].sum() == 5 * 10 - sum(app.scores().values())


def test_maturity_app_in_chinese() -> None:
    app = maturity_app(language="zh")
    assert app.sliders["it_data"].description == "信息技术管理"
    assert "<li>信息技术管理：得分 1，低于目标 3 分</li>" in app.text.value
    with pytest.raises(KeyError, match="scores: unknown item"):
        maturity_app({"sales": 3})


# ------------------------------------------------------------------ funnel


def test_funnel_app_starts_at_the_channels_data() -> None:
    app = funnel_app(FUNNEL, language="en")
    assert isinstance(app, FunnelApp)
    assert app.menu.value == "online" and len(app.sliders) == 4
    assert [round(s.value, 4) for s in app.sliders] == [0.6601, 0.6397, 0.3988, 0.6982]
    assert round(app.final()) == 103621
    assert "Of 881,395 people at the awareness stage, 103,621 reach repeat purchase (11.8%)." in app.text.value
    assert "Bottleneck: sign-up → activation, where only 40% move on." in app.text.value
    assert "changes by +0 people" in app.text.value


def test_moving_the_bottleneck_slider_gains_customers() -> None:
    app = funnel_app(FUNNEL, language="en")
    image = app.image.value
    app.sliders[2].value = 0.50  # sign-up → activation from 39.9% to 50%
    gained = round(app.final()) - 103621
    assert gained == round(103621 * 0.50 / (148404 / 372162)) - 103621 == 26307
    assert "changes by +26,307 people" in app.text.value
    assert app.image.value != image
    app.sliders[2].value = 0.70
    assert app.bottleneck()["to_stage"] == "sign_up"


def test_switching_channel_resets_the_sliders() -> None:
    app = funnel_app(FUNNEL, language="en")
    app.sliders[0].value = 0.9
    app.menu.value = "store"
    assert [round(s.value, 4) for s in app.sliders] == [0.7012, 0.6805, 0.8788, 0.7424]
    assert "Of 239,835 people" in app.text.value and "changes by +0 people" in app.text.value
    assert "Bottleneck: consideration → sign-up" in app.text.value


def test_funnel_app_in_chinese() -> None:
    app = funnel_app(FUNNEL, channel="app", language="zh")
    assert app.sliders[2].description == "注册 → 激活"
    assert "瓶颈：注册 → 激活" in app.text.value
    assert [label for label, _ in app.menu.options] == ["门店", "网上", "应用程序", "电话销售", "代理商"]


def test_a_funnel_slider_redraws_the_chart_in_place_and_matches_a_new_chart() -> None:
    from crmlib import funnel
    from crmlib.plots.funnel import funnel_chart

    app = funnel_app(FUNNEL, language="en")
    app.sliders[0].value = 0.3  # awareness → consideration becomes the bottleneck
    assert app.last_render == "live"
    steps = funnel.funnel_conversion(app.counts())
    shown, fresh = app._charts[0][1].axes[0], funnel_chart(steps, funnel.bottleneck(steps), "en", group="online").axes[0]
    assert shown.get_title() == fresh.get_title() and shown.get_title().startswith("Online channel: biggest loss at awareness")
    assert [p.get_width() for p in shown.patches] == [p.get_width() for p in fresh.patches]
    assert [p.get_facecolor() for p in shown.patches] == [p.get_facecolor() for p in fresh.patches]
    assert [(t.get_text(), t.get_color()) for t in shown.texts] == [(t.get_text(), t.get_color()) for t in fresh.texts]
    app.menu.value = "store"  # another channel: another top of the funnel, a new chart
    assert app.last_render == "full"


def test_a_maturity_slider_redraws_the_radar_in_place_and_matches_a_new_chart() -> None:
    from crmlib.plots.maturity import maturity_radar

    app = maturity_app(language="en")
    app.sliders["it_data"].value = 5
    assert app.last_render == "live"
    shown, fresh = app._charts[0][1].axes[0], maturity_radar(app.gaps(), "en").axes[0]
    assert shown.get_title() == fresh.get_title()
    assert [list(line.get_ydata()) for line in shown.lines] == [list(line.get_ydata()) for line in fresh.lines]
    assert shown.patches[-1].get_xy().tolist() == fresh.patches[-1].get_xy().tolist()
