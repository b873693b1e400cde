"""One Chinese term per concept: the glossary decides, and nothing the student reads uses another rendering.

``VARIANTS`` lists, per glossary concept (its ``term_en``), the other Chinese renderings met so far in the
catalogue, the lessons, the exercises and the seeds (e.g. 保留率 for retention rate, whose glossary term is
留存率; 认知 for the awareness stage, 意识阶段). The test fails when one of them stands in

- a catalogue message (``crmlib/data/messages.json``, every key): titles, axis labels, widget labels, feedback;
- a chart label that does not come from the catalogue: the names, notes and group labels of the value chains
  (``crmlib.valuechain``), which the diagrams draw;
- a glossary definition (a definition may name its own concept's other word on purpose: ``ALLOWED``);
- the Markdown of a lesson notebook;
- the Chinese editions (notebooks/zh/, exercises/zh/): their Markdown and the Chinese strings of their code cells;
- the text the charts of lessons 00-02 actually draw in Chinese (titles, axes, ticks, legends, notes), so that a
  value passed in by a lesson is checked too.

A variant found inside a longer glossary term is not a variant (铁层 inside 钢铁层, the iron tier). Add a row to
``VARIANTS`` whenever a reader finds a new rendering.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmlib import valuechain

REPO = Path(__file__).resolve().parents[1]
MESSAGES = REPO / "crmlib" / "data" / "messages.json"
GLOSSARY = REPO / "crmlib" / "data" / "glossary.csv"
LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# the Chinese editions, lessons and exercises: every Markdown cell a Chinese student reads
CHINESE = sorted((REPO / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (REPO / "exercises" / "zh").glob("[0-9][0-9]_*.ipynb"))

#: glossary concept (term_en) -> other renderings that must not be used for it
VARIANTS: dict[str, list[str]] = {
    "retention rate": ["保留率", "保持率"],                    # glossary: 留存率
    "awareness stage": ["认知"],                               # glossary: 意识阶段 (on charts: 意识)
    "churn": ["离网"],                                         # glossary: 客户流失 / 流失; 离网 is the telecom word
    "customer lifetime value": ["客户终身价值", "客户生命周期价值"],  # glossary: 客户终生价值
    "discount rate": ["折现率"],                               # glossary: 贴现率
    "control group": ["控制组"],                               # glossary: 对照组
    "conversion rate": ["转换率"],                             # glossary: 转化率
    "customer satisfaction": ["顾客满意度"],                    # glossary: 客户满意度
    "culture and leadership": ["企业文化与领导"],               # glossary: 企业文化和领导
    "organisation design": ["组织设计"],                        # glossary: 组织结构设计
    "platinum tier": ["白金层"],                               # glossary: 铂金层
    "iron tier": ["铁层"],                                     # glossary: 钢铁层
    "touchpoint": ["接触点"],                                  # glossary: 触点
    "customer acquisition cost": ["客户获取成本"],              # glossary: 获客成本
}

#: (where, what) pairs allowed to use a variant, with the reason
ALLOWED: dict[tuple[str, str], str] = {
    ("glossary", "churn rate"): "the definition names 离网率, the telecom industry's word, on purpose",
}


def _glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


GLOSSARY_ZH = {row["term_en"]: row["term_zh"] for row in _glossary()}


def variants_in(text: str) -> list[tuple[str, str]]:
    """The (concept, variant) pairs ``text`` uses; a variant inside a longer glossary term does not count.

    >>> variants_in("保留率为 80% 时")
    [('retention rate', '保留率')]
    >>> variants_in("钢铁层的客户；留存率")
    []
    """
    found = []
    for concept, renderings in VARIANTS.items():
        for variant in renderings:
            masked = text
            for term in sorted(GLOSSARY_ZH.values(), key=len, reverse=True):
                if variant in term and variant != term:
                    masked = masked.replace(term, "□" * len(term))
            if variant in masked:
                found.append((concept, variant))
    return found


def catalogue_texts() -> Iterator[tuple[str, str]]:
    """(place, Chinese text) for every catalogue message."""
    for key, entry in json.loads(MESSAGES.read_text(encoding="utf-8")).items():
        yield f"messages.json {key}", entry.get("zh", "")


def chain_texts() -> Iterator[tuple[str, str]]:
    """(place, Chinese text) for every name, note and group label the value-chain diagrams draw."""
    for chain in valuechain.CHAINS.values():
        yield f"chain {chain.key}", chain.zh
        for group in chain.labels:
            yield f"chain {chain.key} label {group}", chain.label(group, "zh")
        for step in (*chain.steps(), *([chain.end] if chain.end else [])):
            yield f"chain {chain.key} step {step.key}", f"{step.zh} {step.note_zh}"


def glossary_texts() -> Iterator[tuple[str, str]]:
    for row in _glossary():
        if ("glossary", row["term_en"]) not in ALLOWED:
            yield f"glossary {row['term_en']}", f"{row['term_zh']} {row['definition_zh']}"


def _markdown_cells(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                where = path.relative_to(REPO).as_posix()
                yield f"{where} cell {i} ({cell.get('id')})", "".join(cell["source"])


def lesson_texts() -> Iterator[tuple[str, str]]:
    yield from _markdown_cells(LESSONS)


def chinese_texts() -> Iterator[tuple[str, str]]:
    """The Chinese editions' Markdown, and the Chinese strings of their code cells (labels a lesson passes in)."""
    yield from _markdown_cells(CHINESE)
    for path in CHINESE:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "code":
                yield f"{path.relative_to(REPO).as_posix()} code cell {i}", "".join(cell["source"])


def test_the_chinese_edition_is_read() -> None:
    # the check above is not vacuous: the Chinese lessons and exercises exist and hold glossary terms
    assert len(CHINESE) >= 9, [p.name for p in CHINESE]
    text = "".join(t for _, t in chinese_texts())
    assert "客户终生价值" in text and "留存率" in text


def test_every_concept_is_in_the_glossary_and_no_variant_is_its_term() -> None:
    for concept, renderings in VARIANTS.items():
        assert concept in GLOSSARY_ZH, f"{concept!r} is not a term_en of the glossary"
        assert GLOSSARY_ZH[concept] not in renderings, (concept, GLOSSARY_ZH[concept])


def test_the_check_catches_the_renderings_readers_reported() -> None:
    # issue 11: the funnel chart said 认知 for the awareness stage (glossary 意识阶段), lesson 00's chart and widget
    # said 保留率 for the retention rate (glossary 留存率)
    assert variants_in("流失最多的一步是认知 → 考虑") == [("awareness stage", "认知")]
    assert variants_in("保留率为 80% 时，5 年后还剩 33% 的客户") == [("retention rate", "保留率")]
    assert variants_in("意识 → 考虑；留存率为 80% 时") == []


@pytest.mark.parametrize("source", [catalogue_texts, chain_texts, glossary_texts, lesson_texts, chinese_texts],
                         ids=["catalogue", "chart labels", "glossary", "lessons", "chinese edition"])
def test_no_other_rendering_of_a_glossary_term(source) -> None:
    problems = [
        f"{place}: {variant!r} for {concept!r}; the glossary's term is {GLOSSARY_ZH[concept]!r}"
        for place, text in source() for concept, variant in variants_in(text)
    ]
    assert not problems, "\n".join(problems)



def _chart_labels(fig) -> list[str]:
    """Every piece of text a chart draws: titles, axis and tick labels, legends, annotations."""
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_the_charts_of_lessons_00_to_02_in_chinese_use_the_glossary_terms() -> None:
    # the charts drawn as the lessons draw them, labels and all, including values a lesson passes in
    from crmlib import datasets, economics, funnel, maturity, plots, pyramid
    from crmlib.widgets.maturity import EXAMPLE_SCORES

    db = datasets.load("telecom")
    journey = datasets.load("telecom", "funnel")
    counts = funnel.stage_counts(journey, by="channel")
    online = funnel.funnel_conversion(counts[counts["channel"] == "online"])
    margins = economics.customer_margin(db.billing, year=2025)
    links = datasets.load("telecom", "value_chain")
    e = economics.retention_economics(1829, 0.205, 282, 90)
    figures = {
        "survivors": plots.survivors_chart(economics.survivors(1000, 0.8, 5), 0.8, language="zh"),
        "retention cost": plots.retention_cost_chart(economics.cost_curve(1829, 282, 90), e, language="zh"),
        "word of mouth": plots.word_of_mouth_chart(economics.word_of_mouth(958, 114), language="zh"),
        "pyramid": plots.pyramid_chart(pyramid.pyramid_table(margins, column="margin"), language="zh"),
        "funnel": plots.funnel_chart(online, funnel.bottleneck(online), language="zh"),
        "link economics": plots.link_economics_chart(valuechain.link_economics(links, year=2025), language="zh"),
        "maturity": plots.maturity_radar(maturity.maturity_gaps(EXAMPLE_SCORES, target=4, language="zh"),
                                         language="zh"),
        **{f"chain {key}": plots.chain_diagram(key, language="zh", notes=True) for key in valuechain.chain_keys()},
    }
    problems = [
        f"{name}: {label!r} uses {variant!r} for {concept!r}; the glossary's term is {GLOSSARY_ZH[concept]!r}"
        for name, fig in figures.items() for label in _chart_labels(fig) for concept, variant in variants_in(label)
    ]
    assert not problems, "\n".join(problems)
    # the check sees the labels: the funnel's first stage is drawn with the glossary's word
    assert any("意识" in label for label in _chart_labels(figures["funnel"]))
