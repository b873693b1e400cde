"""Lesson 02's pictures: every chain diagram in both languages, the link-economics chart, the maturity
radar and the funnel.

Each chain diagram is saved as PNG under ``test-artifacts/diagrams/`` (``<chain>_<lang>.png`` and, with
the notes under the chevrons, ``<chain>_notes_<lang>.png``) for a person to look at, and checked by
geometry: every label lies inside the shape it names (all four corners of its box), no two labels
overlap, nothing leaves the figure. Warnings are errors, so a missing Chinese glyph fails the test.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from crmlib import datasets, funnel, maturity
from crmlib import valuechain as vc
from crmlib.plots import figure_png
from crmlib.plots.funnel import funnel_chart, stage_name
from crmlib.plots.maturity import maturity_radar
from crmlib.plots.valuechain import chain_diagram, fit_text, link_economics_chart, wrap_text
from crmlib.style import cjk_font

REPO = Path(__file__).resolve().parents[1]
DIAGRAMS = REPO / "test-artifacts" / "diagrams"
LANGUAGES = ["en", "zh"]

needs_cjk = pytest.mark.skipif(cjk_font() is None, reason="no CJK font installed: Chinese charts fall back to English")


def _language_params() -> list:
    return [pytest.param(lang, marks=needs_cjk) if lang == "zh" else lang for lang in LANGUAGES]


def layout_problems(fig) -> list[str]:
    """What is wrong with a drawn diagram's labels: outside their shape, overlapping, off the figure."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    shapes: dict[str, list] = {}
    for patch in ax.patches:
        shapes.setdefault(patch.get_gid(), []).append(patch)
    texts: list[Text] = [t for t in (*ax.texts, *fig.texts) if t.get_text().strip()]
    problems = []
    figure_box = fig.bbox
    boxes = []
    for text in texts:
        box = text.get_window_extent(renderer)
        boxes.append((text, box))
        if box.x0 < figure_box.x0 - 1 or box.x1 > figure_box.x1 + 1 or box.y0 < figure_box.y0 - 1 or box.y1 > figure_box.y1 + 1:
            problems.append(f"{text.get_gid()} {text.get_text()!r} leaves the figure")
        gid = text.get_gid() or ""
        if gid.startswith(("box:", "band:", "note:")):
            if gid not in shapes:
                problems.append(f"{gid}: no shape with this gid")
                continue
            inset = box.padded(-1.0)
            corners = [(inset.x0, inset.y0), (inset.x1, inset.y0), (inset.x0, inset.y1), (inset.x1, inset.y1)]
            if not any(all(p.contains_point(c) for c in corners) for p in shapes[gid]):
                problems.append(f"{gid}: label {text.get_text()!r} does not fit inside its shape")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if box_a.padded(-0.5).overlaps(box_b.padded(-0.5)):
            problems.append(f"labels overlap: {a.get_text()!r} and {b.get_text()!r}")
    return problems


@pytest.mark.parametrize("language", _language_params())
@pytest.mark.parametrize("key", vc.chain_keys())
def test_every_chain_diagram_fits_in_both_languages(key: str, language: str) -> None:
    DIAGRAMS.mkdir(parents=True, exist_ok=True)
    chain = vc.get_chain(key)
    for notes in (False, True):
        fig = chain_diagram(key, language=language, notes=notes)
        assert layout_problems(fig) == [], (key, language, notes)
        name = f"{key}_notes_{language}" if notes else f"{key}_{language}"
        (DIAGRAMS / f"{name}.png").write_bytes(figure_png(fig))
        labels = [t.get_text().replace("\n", "" if language == "zh" else " ") for t in fig.axes[0].texts]
        # every step's name is drawn, in the asked language
        for step in chain.steps():
            assert any(label.startswith(step.name(language)) for label in labels), (key, step.key, labels)
        if notes:
            shown = [s for s in chain.primary if s.note(language)]
            assert len([t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("note:")]) == (
                len(shown) if chain.kind != "star" else 0)
        title = fig.texts[0].get_text().replace("\n", "" if language == "zh" else " ")
        assert chain.name(language) in title


def test_diagram_annotations_and_highlight() -> None:
    fig = chain_diagram("telecom", "en", annotations={"user_service": "cost 489\nvalue added -43"},
                        highlight=["user_service"], title="The weakest link is user service")
    assert layout_problems(fig) == []
    notes = {t.get_gid(): t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("note:")}
    assert notes == {"note:user_service": "cost 489\nvalue added -43"}
    colours = {p.get_gid(): p.get_facecolor()[:3] for p in fig.axes[0].patches}
    assert colours["box:user_service"] == pytest.approx((0.835, 0.369, 0.0), abs=0.01)  # vermillion
    assert colours["box:value_creation"] == pytest.approx((0.0, 0.447, 0.698), abs=0.01)  # blue
    assert fig.texts[0].get_text() == "The weakest link is user service"
    with pytest.raises(KeyError, match="highlight: chain 'porter' has no primary step 'hrm'"):
        chain_diagram("porter", highlight="hrm")  # a support activity is not a chevron


def test_layout_check_catches_a_label_that_does_not_fit() -> None:
    """The geometry check must be able to fail: a label moved out of its chevron is reported."""
    fig = chain_diagram("bank", "en")
    label = next(t for t in fig.axes[0].texts if t.get_gid() == "box:knowledge")
    label.set_x(label.get_position()[0] + 1.5)
    problems = layout_problems(fig)
    assert any("box:knowledge" in p for p in problems), problems


def test_wrapping_and_fitting() -> None:
    import matplotlib

    from crmlib.style import rc

    with matplotlib.rc_context(rc()):
        assert wrap_text("supporting conditions", 5.0, 10) == ["supporting conditions"]
        assert wrap_text("supercalifragilistic", 0.3, 10) is None  # one word wider than the box
        lines = wrap_text("满意度：感知对比期望", 0.6, 10)
        assert lines is not None and len(lines) >= 2 and not any(line.startswith("：") for line in lines)
        text, size = fit_text("long-term, mutually beneficial relationships", 1.3, 0.5, max_size=11)
        assert size < 11 and text.count("\n") >= 1
        text, size = fit_text("short", 2.0, 0.5, max_size=11)
        assert (text, size) == ("short", 11.0)


# ------------------------------------------------------------------ charts


@pytest.fixture(scope="module")
def economics() -> pd.DataFrame:
    return vc.link_economics(datasets.load("telecom", "value_chain"), year=2025)


@pytest.mark.parametrize("language", _language_params())
def test_link_economics_chart_names_the_weakest_link(economics: pd.DataFrame, language: str) -> None:
    fig = link_economics_chart(economics, language)
    ax = fig.axes[0]
    expected = {"en": "User service takes 13% of the cost but adds negative value (-4%)",
                "zh": "用户服务占成本的 13%，附加值却为负（-4%）"}
    assert ax.get_title() == expected[language]
    # the legend has an entry for each bar colour, the weakest link's vermillion included
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        {"en": "share of total cost", "zh": "占总成本的比例"}[language],
        {"en": "share of total value added", "zh": "占总附加值的比例"}[language],
        {"en": "share of total value added: weakest link", "zh": "占总附加值的比例：最薄弱环节"}[language]]
    weak_bar = ax.patches[8]  # the value bars follow the five cost bars; user service is the fourth link
    assert weak_bar.get_width() == pytest.approx(-3.9, abs=0.05)
    assert weak_bar.get_facecolor() == legend.get_patches()[2].get_facecolor()
    assert ax.patches[5].get_facecolor() == legend.get_patches()[1].get_facecolor()
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        s.name(language) for s in vc.get_chain("telecom").primary]
    bars = [round(p.get_width(), 1) for p in ax.patches]
    assert bars == [38.9, 24.3, 9.9, 12.8, 14.1, 15.9, 20.0, 17.6, -3.9, 50.4]
    DIAGRAMS.mkdir(parents=True, exist_ok=True)
    (DIAGRAMS / f"chart_link_economics_{language}.png").write_bytes(figure_png(fig))
    import matplotlib

    from crmlib.style import rc

    # the title fits inside the figure, measured in the kit's fonts as drawn above (a shown chart keeps
    # no renderer: crmlib.plots.base.release_renderer)
    with matplotlib.rc_context(rc()):
        box = ax.title.get_window_extent()
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width


@pytest.mark.parametrize("language", _language_params())
def test_maturity_radar(language: str) -> None:
    scores = dict.fromkeys(maturity.item_keys(), 3)
    scores.update(it_data=1, proposition=5)
    fig = maturity_radar(maturity.maturity_gaps(scores, target=4, language=language), language)
    ax = fig.axes[0]
    assert ax.name == "polar"
    assert ax.get_title() == {"en": "Largest gap: IT and data management, 3 points below the target",
                              "zh": "差距最大：信息技术管理，比目标低 3 分"}[language]
    score_line = ax.lines[0].get_ydata().tolist()
    assert score_line == [3, 3, 3, 5, 3, 3, 3, 3, 1, 3, 3]  # chain order, closed
    assert ax.lines[1].get_ydata().tolist() == [4] * 11
    DIAGRAMS.mkdir(parents=True, exist_ok=True)
    (DIAGRAMS / f"chart_maturity_{language}.png").write_bytes(figure_png(fig))
    met = maturity_radar(maturity.maturity_gaps(dict.fromkeys(maturity.item_keys(), 5), 4), "en")
    assert met.axes[0].get_title() == "Every stage and condition meets its target"


@pytest.mark.parametrize("language", _language_params())
def test_funnel_chart_marks_the_bottleneck(language: str) -> None:
    table = datasets.load("telecom", "funnel")
    steps = funnel.funnel_conversion(funnel.stage_counts(table[table["channel"] == "online"]))
    fig = funnel_chart(steps, funnel.bottleneck(steps), language, group={"en": "Online", "zh": "网上"}[language])
    ax = fig.axes[0]
    assert ax.get_title() == {
        "en": "Online channel: biggest loss at sign-up → activation, only 40% move on",
        "zh": "网上渠道：流失最多的一步是注册 → 激活，只有 40% 进入下一阶段"}[language]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [881395, 581803, 372162, 148404, 103621]
    colours = [p.get_facecolor()[:3] for p in ax.patches]
    assert colours[3] == pytest.approx((0.835, 0.369, 0.0), abs=0.01) and colours[2] != colours[3]
    assert stage_name("sign_up", language) in [t.get_text() for t in ax.get_yticklabels()]
    DIAGRAMS.mkdir(parents=True, exist_ok=True)
    (DIAGRAMS / f"chart_funnel_{language}.png").write_bytes(figure_png(fig))
    import matplotlib

    from crmlib.style import rc

    with matplotlib.rc_context(rc()):  # measured in the kit's fonts, as drawn
        box = ax.title.get_window_extent()  # a margin on both sides, not up to the edge
    assert box.x0 >= 0.02 * fig.bbox.width and box.x1 <= 0.98 * fig.bbox.width, (box, fig.bbox.width)


def test_chart_inputs_are_checked() -> None:
    with pytest.raises(KeyError, match="pass the table crmlib.valuechain.link_economics returns"):
        link_economics_chart(pd.DataFrame({"cost": [1.0]}))
    with pytest.raises(KeyError, match="pass the table crmlib.maturity.maturity_gaps returns"):
        maturity_radar(pd.DataFrame({"key": ["a"]}))
    with pytest.raises(KeyError, match="pass the table crmlib.funnel.funnel_conversion returns"):
        funnel_chart(pd.DataFrame({"stage": ["a", "b"], "people": [5, 1]}), None)
    steps = funnel.funnel_conversion(pd.DataFrame({"stage": ["a", "b", "c"], "people": [9, 5, 1]}))
    with pytest.raises(KeyError, match="bottleneck must be the row crmlib.funnel.bottleneck returns"):
        funnel_chart(steps, steps)
    other = funnel.funnel_conversion(pd.DataFrame({"stage": ["a", "b", "c", "d"], "people": [9, 8, 7, 1]}))
    with pytest.raises(ValueError, match="is not one of the steps"):
        funnel_chart(steps, funnel.bottleneck(other))
