"""Lesson 04's widgets, in plain pytest: moving a control changes the numbers and the chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import widgets


@pytest.fixture
def base():
    return pd.DataFrame({"risk": [0.5, 0.4, 0.1, 0.2], "clv": [1000.0, 3000.0, 8000.0, 500.0],
                         "effect": [0.5, -0.5, 0.5, 0.5]})


def test_campaign_planner_reacts(base):
    app = widgets.campaign_app(base, budget=100, offer_cost=50, rule="risk", language="en")
    before_png, before = app.image.value, app.plan
    assert before.targeted == 2 and "Customers contacted: 2 of 4" in app.text.value
    app.rule.value = "uplift_x_value"
    assert app.plan.clv_kept == pytest.approx(0.1 * 0.5 * 8000 + 0.5 * 0.5 * 1000)
    app.budget.value = 200
    assert app.plan.targeted == 4 and app.image.value != before_png
    app.offer_cost.value = 100
    assert app.plan.targeted == 2


def test_survival_explorer_reacts():
    life = pd.DataFrame({"months": [3, 10, 20, 30], "churned": [True, True, False, False], "entry_months": 0,
                         "contract": ["month_to_month"] * 2 + ["24_months"] * 2, "segment": ["sme", "enterprise"] * 2})
    app = widgets.survival_app(life, by=["contract", "segment"], month=12, language="zh")
    assert app.survival["month_to_month"] == 0.0
    png = app.image.value
    app.month.value = 5
    assert app.survival["month_to_month"] == 0.5 and app.image.value != png
    app.by.value = "segment"
    assert set(app.survival.index) == {"sme", "enterprise"}


def test_crosssell_explorer_reacts():
    h = pd.DataFrame({"mobile": [True] * 4 + [False], "broadband": [True, False, False, False, True]}, index=list("abcde"))
    seg = pd.Series(["sme"] * 4 + ["enterprise"], index=h.index)
    app = widgets.cross_sell_app(h, seg, group="sme", min_propensity=0.1, language="en")
    assert (app.offers["offer"] == "broadband").sum() == 3
    app.min_propensity.value = 0.5
    assert (app.offers["offer"] == "none").all()
    app.group.value = "enterprise"
    assert len(app.offers) == 1
    with pytest.raises(ValueError, match="group must be one of"):
        widgets.cross_sell_app(h, seg, group="bank")


def test_crosssell_slider_shows_every_step_between_the_offer_rates():
    """Between two products' holding rates the offers do not change, but the chart's threshold line
    moves and the bars too rare to offer fade, so the slider is useful over its whole range."""
    from crmlib.plots.base import parts

    h = pd.DataFrame({"mobile": [True] * 9 + [False], "broadband": [True] * 5 + [False] * 5}, index=list("abcdefghij"))
    seg = pd.Series(["sme"] * 10, index=h.index)
    app = widgets.cross_sell_app(h, seg, group="sme", min_propensity=0.1, language="en")
    offers, png = app.offers["offer"].tolist(), app.image.value
    fig = app._charts[0][1]
    app.min_propensity.value = 0.3
    assert app.offers["offer"].tolist() == offers                      # same offers ...
    assert app.image.value != png and app.last_render == "live"      # ... but the chart moved
    assert parts(fig)["threshold"].get_xdata()[0] == pytest.approx(30)
    assert "offer threshold 30%" == parts(fig)["threshold_label"].get_text()
    app.min_propensity.value = 0.6                                   # broadband (50 %) is now too rare
    assert [round(b.get_alpha(), 2) for b in parts(fig)["bars"]] == [1.0, 0.35]
    assert set(app.offers["offer"]) == {"none", "mobile"}              # only the one without mobile gets one


def test_crosssell_offers_match_next_best_offer_at_every_threshold():
    """The explorer finds each segment's offers once and applies the slider's threshold itself: its
    offers and counts must be what crosssell.next_best_offer gives at that threshold."""
    from crmlib import crosssell

    rng = np.random.default_rng(7)
    h = pd.DataFrame(rng.random((300, 3)) < [0.8, 0.45, 0.2], columns=["mobile", "broadband", "tv"],
                     index=[f"c{i}" for i in range(300)])
    seg = pd.Series(np.where(rng.random(300) < 0.6, "sme", "enterprise"), index=h.index)
    app = widgets.cross_sell_app(h, seg, group="sme", min_propensity=0.0, language="en")
    for group in ("sme", "enterprise"):
        app.group.value = group
        for threshold in (0.0, 0.15, 0.2, 0.45, 0.5, 0.85, 1.0):
            app.min_propensity.value = threshold
            mask = (seg == group).to_numpy()
            expected = crosssell.next_best_offer(h[mask], seg[mask], min_propensity=threshold)
            pd.testing.assert_frame_equal(app.offers, expected)
            offered = int((expected["offer"] != "none").sum())
            assert f"Customers with an offer: {offered:,}" in app.text.value
    with pytest.raises(ValueError, match="min_propensity"):
        widgets.cross_sell_app(h, seg, min_propensity=15)
