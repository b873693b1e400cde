"""Lesson 01's widgets and charts in plain pytest: move a control, the numbers and the chart change.

Charts are also drawn in Chinese with warnings as errors, so a missing glyph fails the test.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import crmlib
from crmlib import datasets, economics, plots, pyramid, style, widgets

MARGINS = pd.DataFrame({"margin": [50.0, 20, 10, 8, 5, 3, 2, 1, 1, 0]})


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    crmlib.set_language("en")


def _numbers(html: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", html)]


# ------------------------------------------------------------------ retention calculator
def test_calculator_shows_the_hand_calculated_numbers() -> None:
    app = widgets.retention_economics_app(10_000, 0.25, 300, 60, currency="$", language="en")
    lines = app.text.value.split("<br>")
    assert lines[0] == "Customers lost per year: 2,500 of 10,000"
    assert lines[1] == "Cost of replacing them with new customers: $750,000 a year"
    assert lines[2] == "Cost of keeping them instead: $150,000 a year"
    assert lines[3] == "Keeping them saves $600,000 a year"


@pytest.mark.parametrize(
    "control, value, lost, replace, keep",
    [
        ("churn", 0.40, 4000, 1_200_000, 240_000),
        ("base", 20_000, 5000, 1_500_000, 300_000),
        ("acquisition", 500.0, 2500, 1_250_000, 150_000),
        ("retention", 100.0, 2500, 750_000, 250_000),
    ],
)
def test_moving_each_control_updates_numbers_and_chart(control, value, lost, replace, keep) -> None:
    app = widgets.retention_economics_app(10_000, 0.25, 300, 60, currency="$", language="en")
    png_before, text_before = app.image.value, app.text.value
    getattr(app, control).value = value
    assert app.numbers()["customers_lost"] == pytest.approx(lost)
    assert app.numbers()["replacement_cost"] == pytest.approx(replace)
    assert app.numbers()["keeping_cost"] == pytest.approx(keep)
    assert f"{lost:,}" in app.text.value and f"${replace:,}" in app.text.value
    assert app.text.value != text_before
    assert app.image.value != png_before and app.image.value[:4] == b"\x89PNG"


def test_calculator_keeps_an_exact_customer_base() -> None:
    app = widgets.retention_economics_app(1829, 0.2, 280, 90, language="en")  # Skyline's postpaid base
    assert app.base.value == 1829
    assert app.text.value.startswith("Customers lost per year: 366 of 1,829")
    app.base.value = 1830
    assert app.numbers()["customers_lost"] == pytest.approx(366.0)


def test_calculator_says_when_keeping_costs_more() -> None:
    app = widgets.retention_economics_app(1000, 0.2, 100, 60, language="en")
    app.retention.value = 150.0
    assert app.text.value.endswith("Keeping them costs CNY 10,000 a year more than replacing them")


def test_calculator_rejects_bad_start_values_before_building() -> None:
    with pytest.raises(ValueError, match="churn_rate must be between 0.0 and 1.0"):
        widgets.retention_economics_app(1000, 25, 300, 60)


def test_calculator_in_chinese() -> None:
    app = widgets.retention_economics_app(1000, 0.2, 300, 60, language="zh")
    assert app.churn.description == "年流失率"
    assert app.text.value.split("<br>")[0] == "每年流失的客户：1,000 位中的 200 位"
    assert "60,000 元" in app.text.value


# ------------------------------------------------------------------ pyramid
def test_pyramid_widget_table_and_chart_follow_the_sliders() -> None:
    app = widgets.pyramid_app(MARGINS, value="margin", cutoffs=(0.1, 0.3, 0.7), language="en")
    assert app.table()["customers"].tolist() == [1, 2, 4, 3]
    png_before = app.image.value
    assert "50%" in app.text.value  # platinum's share of margin
    app.gold.value = 0.5
    assert app.table()["customers"].tolist() == [1, 4, 2, 3]
    assert app.table()["value_share"].round(2).tolist() == [0.5, 0.43, 0.05, 0.02]
    assert app.image.value != png_before
    assert "43%" in app.text.value


def test_pyramid_widget_out_of_order_cutoffs_say_so_and_keep_the_chart() -> None:
    app = widgets.pyramid_app(MARGINS, value="margin", cutoffs=(0.1, 0.3, 0.7), language="en")
    png = app.image.value
    app.platinum.value = 0.3
    assert app.text.value == "<b>Each cut-off must be below the next one: platinum &lt; gold &lt; iron.</b>"
    assert app.image.value == png
    app.platinum.value = 0.2
    assert app.table()["customers"].tolist() == [2, 1, 4, 3]


def test_pyramid_widget_on_the_operator_data_and_in_chinese() -> None:
    margins = economics.customer_margin(datasets.load("telecom", "billing"), year=2025)
    app = widgets.pyramid_app(margins, value="margin", language="zh")
    assert app.platinum.description.startswith("铂金层")
    assert "铂金层" in app.text.value and "155" in app.text.value and "76%" in app.text.value
    assert "&lt;1%" in app.text.value and "0.4%" not in app.text.value  # whole percents, as the lesson says; never 0 %
    app.iron.value = 0.5
    assert app.table().loc["lead", "customers"] == 1551
    assert "1,551" in app.text.value


# ------------------------------------------------------------------ charts in both languages
def _draw_without_warnings(fig) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return plots.figure_png(fig)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_lesson_charts_render_cleanly(language) -> None:
    if language == "zh" and style.cjk_font() is None:
        pytest.skip("no CJK font installed")
    e = economics.retention_economics(1829, 0.205, 282, 90)
    cost = plots.retention_cost_chart(economics.cost_curve(1829, 282, 90), e, language=language)
    wom = plots.word_of_mouth_chart(economics.word_of_mouth(958, 114), language=language)
    pyr = plots.pyramid_chart(pyramid.pyramid_table(MARGINS, (0.1, 0.2, 0.8), column="margin"), language=language)
    for fig in (cost, wom, pyr):
        assert _draw_without_warnings(fig)[:4] == b"\x89PNG"
    titles = (cost.axes[0].get_title(), wom.get_suptitle(), pyr.get_suptitle())
    if language == "en":
        assert titles[0].startswith("At 20.5% churn, replacing lost customers costs CNY 105,750 a year")
        assert titles[1].startswith("958 satisfied customers bring about 7,664 potential sales")
        assert titles[2] == "The top 20% of customers (platinum and gold) bring 70% of the margin"
        assert cost.axes[0].get_ylabel() == "Cost per year (thousand CNY)"
    else:
        assert "流失率为 20.5% 时" in titles[0] and "105,750 元" in titles[0]
        assert "7,664 笔潜在生意" in titles[1]
        assert titles[2] == "排名前 20% 的客户（铂金层和黄金层）贡献了 70% 的毛利"


def test_cost_chart_title_when_keeping_is_dearer() -> None:
    e = economics.retention_economics(1000, 0.2, 50, 80)
    fig = plots.retention_cost_chart(economics.cost_curve(1000, 50, 80), e, currency="$", language="en")
    assert fig.axes[0].get_title() == "At 20% churn, keeping lost customers ($16,000 a year)\ncosts more than replacing them ($10,000)"


def test_charts_reject_tables_of_the_wrong_shape() -> None:
    with pytest.raises(ValueError, match="table must be what crmlib.pyramid.pyramid_table returns"):
        plots.pyramid_chart(pd.DataFrame({"customers": [1]}))
    with pytest.raises(KeyError, match="curve must be what economics.cost_curve returns"):
        plots.retention_cost_chart(pd.DataFrame(), economics.retention_economics(1, 0.1, 1, 1))


def test_money_formats_each_language() -> None:
    assert plots.money(1_234_567.4, language="en") == "CNY 1,234,567"
    assert plots.money(1_234_567.4, language="zh") == "1,234,567 元"
    assert plots.money(-20, "$", "en") == "−$20"


def test_calculator_starts_at_the_numbers_of_the_table_above_it() -> None:
    # the lesson passes Skyline's postpaid figures: 375 of 1,829 left (20.5 %), CNY 282 to win, CNY 90 to keep
    app = widgets.retention_economics_app(1829, 0.205, 282, 90, language="en")
    assert (app.churn.value, app.acquisition.value, app.retention.value) == (0.205, 282.0, 90.0)
    assert app.churn.readout_format == ".1%" and app.churn.step == 0.005 and app.acquisition.step == 1.0
    assert app.numbers()["customers_lost"] == 375  # whole customers: 1,829 × 0.205 = 374.945 rounds to 375
    assert "Customers lost per year: 375 of 1,829" in app.text.value
    assert "CNY 105,750" in app.text.value  # the same amount as the chart title of the table above


def test_percent_keeps_one_decimal_only_when_needed() -> None:
    from crmlib.plots.economics import percent

    assert [percent(r) for r in (0.2, 0.205, 0.2050300710770913, 0.0)] == ["20%", "20.5%", "20.5%", "0%"]
