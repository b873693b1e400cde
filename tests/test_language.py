"""The language switch, the message catalogue, and Chinese text in charts."""

from __future__ import annotations

import os
import re
import string
import warnings

import matplotlib
import pytest

import crmlib
from crmlib import economics, i18n, plots, style


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    crmlib.set_language("en")


def test_set_language_switches_messages() -> None:
    crmlib.set_language("zh")
    assert crmlib.get_language() == "zh"
    assert crmlib.t("chart.survivors.x") == "经过的年数"
    crmlib.set_language("English")
    assert crmlib.t("chart.survivors.x") == "Year"


@pytest.mark.parametrize("bad", ["fr", "", None, 1])
def test_set_language_rejects_unknown_languages(bad) -> None:
    with pytest.raises(ValueError, match=r"language must be one of 'en' \(English\), 'zh' \(简体中文\); got"):
        crmlib.set_language(bad)
    assert crmlib.get_language() == "en"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_and_no_unknown_fields() -> None:
    catalogue = i18n.catalogue()
    assert len(catalogue) > 5
    for key, entry in catalogue.items():
        assert set(entry) == {"en", "zh"}, key
        if key.endswith("_join"):  # joiners are legitimately blank: " " between English sentences, "" in Chinese
            continue
        assert entry["en"].strip() and entry["zh"].strip(), f"{key} has an empty text"
        # Callers fill in the English text's fields; Chinese may need fewer (it has no articles) but no others.
        assert _fields(entry["zh"]) <= _fields(entry["en"]), f"{key}: the zh text uses fields the en text lacks"
        words = re.sub(r"\{[^}]*\}", "", entry["zh"])  # a pure layout like "{group}：{title}" needs no Chinese
        if re.search(r"[A-Za-z]{2,}", words):
            assert re.search(r"[\u4e00-\u9fff]", words), f"{key}: the zh text is English, not Chinese: {entry['zh']!r}"


def test_catalogue_keys_name_a_topic_not_a_lesson() -> None:
    """Keys like ``chart.whale.title``, not ``lesson03.chart.whale.title``: renumbering a lesson breaks nothing."""
    numbered = [key for key in i18n.catalogue() if re.match(r"(lesson|exercise)\d", key)]
    assert not numbered, f"{len(numbered)} catalogue keys carry a lesson number, e.g. {numbered[:3]}"


def test_chart_in_chinese_renders_every_glyph() -> None:
    """Drawing Chinese labels must not warn 'Glyph ... missing from font(s)' (pyproject makes warnings errors)."""
    if style.cjk_font() is None:
        message = "no CJK font installed: " + crmlib.t("font.missing", language="en")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    crmlib.set_language("zh")
    fig = plots.survivors_chart(economics.survivors(1000, 0.8, 5), retention_rate=0.8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = plots.figure_png(fig)
    assert png[:4] == b"\x89PNG"
    assert fig.axes[0].get_xlabel() == "经过的年数"
    assert "留存率" in fig.axes[0].get_title()


def test_missing_glyphs_would_be_caught() -> None:
    """The check above can fail: with only DejaVu Sans, Chinese glyphs are reported missing."""
    fig = plots.new_figure()
    fig.axes[0].set_title("保留率", fontfamily="DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from font"):
        plots.figure_png(fig)


def test_without_a_cjk_font_charts_fall_back_to_english_and_say_how_to_fix(monkeypatch) -> None:
    monkeypatch.setattr(style, "cjk_font", lambda: None)
    style._warn_missing_font_once.cache_clear()
    crmlib.set_language("zh")
    with pytest.warns(style.FontWarning, match="fonts-wqy-microhei"):
        fig = plots.survivors_chart(economics.survivors(1000, 0.8, 2), retention_rate=0.8)
    assert fig.axes[0].get_xlabel() == "Year"
    style._warn_missing_font_once.cache_clear()


def test_use_style_sets_a_colour_blind_safe_palette_only_when_called() -> None:
    with matplotlib.rc_context():
        before = matplotlib.rcParams["axes.prop_cycle"]
        crmlib.use_style()
        colours = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
        assert colours == style.PALETTE
        assert colours != before.by_key()["color"]
        assert "WenQuanYi Micro Hei" in matplotlib.rcParams["font.sans-serif"]


def test_charts_do_not_change_global_rcparams() -> None:
    before = dict(matplotlib.rcParams)
    plots.figure_png(plots.survivors_chart([100, 50, 25], retention_rate=0.5, language="en"))
    assert dict(matplotlib.rcParams) == before
