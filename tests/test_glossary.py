"""The bilingual glossary (crmlib/data/glossary.csv) and its two readers, crmlib.glossary and crmlib.term.

What is checked:
- the file's shape: exact columns, no empty cells, no duplicate terms (English or Chinese), valid
  lesson codes, lower-case English terms except proper nouns and acronyms, one short sentence per
  definition, a seed number or a published reference as the source;
- content: every Chinese term the syllabus gives (a fixed list kept here, so the test never needs
  ../shared) and the key English concepts of the syllabus are present, with known translations
  and lessons for a sample;
- when ../shared is present: every run of Chinese characters in syllabus.md that is a term is in
  the glossary (see ``syllabus_terms`` for how runs are turned into terms), and no definition
  repeats a stretch of text from the seed documents;
- crmlib.term() and crmlib.glossary(lesson) on real rows.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

import crmlib

REPO = Path(__file__).resolve().parents[1]
GLOSSARY_CSV = REPO / "crmlib" / "data" / "glossary.csv"
SHARED = REPO.parent / "shared"
SYLLABUS = SHARED / "syllabus.md"
SEEDS = SHARED / "seeds"

COLUMNS = ["term_en", "term_zh", "definition_en", "definition_zh", "lesson", "source"]
LESSONS = {"00", "01", "02", "03", "04"}

# Every Chinese term syllabus.md gives (2026-11 version), multi-term phrases split into their terms:
# 以生产/销售/市场/顾客价值为导向 is four orientations, 客户分析/客户组合分析 two names, 信用度、在网年限、累计消费
# three parameters. Section titles count by their term (客户关系管理概述 -> 客户关系管理, 电信业客户关系管理案例
# -> 电信业客户关系管理); 简体中文 is a language name, not a CRM term.
SYLLABUS_ZH = [
    "客户关系管理", "管理理念", "管理机制", "管理软件和技术",
    "以生产为导向", "以销售为导向", "以市场为导向", "以顾客价值为导向", "以产品为中心", "以客户为中心",
    "操作型", "分析型", "协作型", "客户金字塔",
    "价值链", "迈克尔·波特", "客户分析", "客户组合分析", "深入了解目标客户", "客户亲近", "关系网络发展",
    "创造并传递客户价值", "关系管理", "企业支持系统",
    "基础设施建设", "网络运营", "业务支持", "用户服务", "价值创造",
    "客户终生价值", "历史价值", "当前价值", "潜在价值", "保留型", "发展型", "维持型", "培育型",
    "电信业客户关系管理", "识别客户", "差异分析", "信用度", "在网年限", "累计消费", "风险性分析", "客户流失",
    "交叉销售", "保留", "提升低价值客户", "定制化服务",
]

# Key English concepts of the syllabus, as the glossary names them (matched on the part of term_en
# before any parenthesis, case-insensitively, the way crmlib.term() looks terms up).
KEY_EN = [
    # 00-01
    "customer relationship management", "management philosophy", "management mechanism",
    "management software and technology", "production orientation", "sales orientation",
    "market orientation", "customer value orientation", "product-centred", "customer-centred",
    "core competence", "sales force automation", "customer service and support",
    "enterprise resource planning", "business process re-engineering", "front office", "back office",
    "market value chain", "operational crm", "analytical crm", "collaborative crm", "crm system",
    "crm model", "customer interaction subsystem", "business function subsystem", "database subsystem",
    "enterprise application integration subsystem", "customer acquisition", "retention",
    "customer acquisition cost", "retention cost", "offensive marketing", "defensive marketing",
    "key customer", "80/20 rule", "word of mouth", "churn", "churn rate", "customer turnover",
    "idic model", "identify customers", "differentiate customers", "interact with customers",
    "customize for customers", "customer pyramid", "marketing mix", "4p marketing mix", "product",
    "price", "place", "promotion", "4c marketing mix", "customer needs and wants",
    "cost to the customer", "convenience", "communication", "pricing strategy", "yonyou turbocrm",
    # 02
    "value chain", "michael porter", "value chain analysis", "primary activities", "support activities",
    "inbound logistics", "operations", "outbound logistics", "marketing and sales", "after-sales service",
    "firm infrastructure", "human resource management", "technology development", "procurement",
    "margin", "value added", "strategic cost management", "cost driver", "value chain management",
    "crm value chain", "francis buttle", "customer portfolio analysis", "customer intimacy",
    "network development", "value proposition development", "value proposition",
    "managing the relationship", "customer acquisition plan", "customer retention plan",
    "customer development plan", "supporting conditions", "culture and leadership", "business process",
    "it and data management", "organisation design", "perceived value", "expected value",
    "external value chain", "supply chain management", "telecom operator value chain",
    "infrastructure building", "network operation", "business support", "user service",
    "value creation", "differentiated positioning", "value star", "people", "process", "product/brand",
    "service", "location", "servicescape", "customer journey", "touchpoint", "sales funnel",
    "awareness stage", "consideration stage", "decision stage", "retention stage", "bottleneck",
    # 03
    "customer lifetime value", "historical value", "current value", "potential value", "present value",
    "retention rate", "discount rate", "margin multiple", "cohort", "retain", "develop", "maintain",
    "cultivate", "sack", "re-engineer", "nurture", "invest", "strategically significant customer",
    "high lifetime value customer", "benchmark customer", "inspiration customer", "cost magnet",
    "activity-based costing", "cost-to-serve", "whale curve", "pareto curve", "lorenz curve",
    "gini coefficient", "rfm analysis", "recency", "frequency", "monetary value",
    "shifted-beta-geometric model", "bg/nbd model", "gamma-gamma model",
    # 04
    "customer 360 view", "differentiation analysis", "key account", "creditworthiness", "credit score",
    "tenure", "cumulative spend", "risk analysis", "bad debt", "churn analysis", "survival curve",
    "kaplan-meier estimator", "cross-selling", "upgrading low-value customers", "customised service",
    "uplift", "control group", "lift chart", "next best offer", "return on investment",
]

# A sample of translations and lessons that must not drift.
KNOWN = {
    "customer relationship management (CRM)": ("客户关系管理", "00"),
    "operational CRM": ("操作型", "01"),
    "customer pyramid": ("客户金字塔", "01"),
    "retention": ("保留", "01"),
    "value chain": ("价值链", "02"),
    "infrastructure building": ("基础设施建设", "02"),
    "customer portfolio analysis (CPA)": ("客户组合分析", "02"),
    "customer lifetime value": ("客户终生价值", "03"),
    "current value": ("当前价值", "03"),
    "retain": ("保留型", "03"),
    "cultivate": ("培育型", "03"),
    "activity-based costing (ABC)": ("作业成本法", "03"),
    "whale curve": ("鲸鱼曲线", "03"),
    "risk analysis": ("风险性分析", "04"),
    "cross-selling": ("交叉销售", "04"),
}

# Capitalised words allowed in term_en besides acronyms.
PROPER_NOUNS = {"Michael", "Porter", "Francis", "Buttle", "Yonyou", "TurboCRM", "Pareto", "Lorenz",
                "Gini", "Kaplan", "Meier", "Gamma"}

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
HAS_CJK = re.compile(f"[{CJK}]")
SOURCE_PART = re.compile(
    r"course notes S[0-4]"                                            # docs/sources.md
    r"|[A-Z][A-Za-z'-]+(?:(?:, | & | )[A-Z][A-Za-z'-]+)* (?:1[89]|20)\d\d"  # Author(s) Year
)


def read_rows() -> tuple[list[str], list[dict[str, str]]]:
    with GLOSSARY_CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


HEADER, ROWS = read_rows()


def base(term_en: str) -> str:
    """term_en without a trailing parenthesis, lower case: the key crmlib.term() matches on."""
    return re.sub(r"\s*\(.*\)$", "", term_en).lower()


# --------------------------------------------------------------------------- syllabus extraction
RUN = re.compile(f"[{CJK}]+(?:[·/、][{CJK}]+)*")   # CJK characters, joined by · / 、 (not by spaces)
PROSE_MARKS = "，。；！？"                         # a run touching these is part of a Chinese sentence
HEADING_SUFFIXES = ("概述", "案例")                 # "overview", "case": title words around a term
DISTRIBUTED = (("以", "为导向"), ("以", "为中心"))  # 以生产/销售为导向 -> 以生产为导向, 以销售为导向
NOT_TERMS = {"简体中文": "the name of a language choice in lesson 00, not a CRM term"}


def syllabus_terms(text: str) -> list[str]:
    """The Chinese terms in a syllabus text.

    A run of CJK characters (with · / 、 inside it) is a candidate. A run next to Chinese sentence
    punctuation is prose and skipped. In a heading, a trailing 概述/案例 is dropped. A run is split
    at / and 、; a shared 以…为导向 / 以…为中心 frame is distributed over the parts.
    """
    terms: list[str] = []
    for line in text.splitlines():
        heading = line.lstrip().startswith("#")
        for match in RUN.finditer(line):
            before = line[match.start() - 1] if match.start() else ""
            after = line[match.end()] if match.end() < len(line) else ""
            if before in PROSE_MARKS or after in PROSE_MARKS:
                continue
            run = match.group()
            if heading:
                for suffix in HEADING_SUFFIXES:
                    if run.endswith(suffix) and len(run) > len(suffix):
                        run = run[: -len(suffix)]
            parts = re.split("[/、]", run)
            for prefix, suffix in DISTRIBUTED:
                if len(parts) > 1 and parts[0].startswith(prefix) and parts[-1].endswith(suffix):
                    cores = [parts[0][len(prefix):], *parts[1:-1], parts[-1][: -len(suffix)]]
                    parts = [f"{prefix}{core}{suffix}" for core in cores]
            terms.extend(p for p in parts if p)
    return terms


def test_syllabus_terms_extraction_rules() -> None:
    text = (
        "## 01 CRM background (客户关系管理概述)\n"
        "- philosophy (以生产/销售/市场/顾客价值为导向); parameters (信用度、在网年限、累计消费)\n"
        "- portfolio (客户分析/客户组合分析), Porter (迈克尔·波特), vs (以产品为中心 → 以客户为中心)\n"
        "这是一句说明，不是术语。ERP/BPR and 80/20 are not Chinese.\n"
    )
    assert syllabus_terms(text) == [
        "客户关系管理",
        "以生产为导向", "以销售为导向", "以市场为导向", "以顾客价值为导向",
        "信用度", "在网年限", "累计消费",
        "客户分析", "客户组合分析", "迈克尔·波特", "以产品为中心", "以客户为中心",
    ]


# --------------------------------------------------------------------------- file shape
def test_columns_are_exactly_the_documented_ones() -> None:
    assert HEADER == COLUMNS


def test_size_is_in_the_expected_range() -> None:
    assert 150 <= len(ROWS) <= 330, len(ROWS)


def test_no_empty_or_padded_cells() -> None:
    bad = [(i + 2, col) for i, row in enumerate(ROWS) for col in COLUMNS
           if not row[col] or row[col] != row[col].strip()]
    assert not bad, f"empty or padded cells at (line, column): {bad}"


def test_no_duplicate_terms() -> None:
    for key, values in [
        ("term_en", [r["term_en"].lower() for r in ROWS]),
        ("term_en before its parenthesis", [base(r["term_en"]) for r in ROWS]),
        ("term_zh", [r["term_zh"] for r in ROWS]),
    ]:
        dupes = sorted(v for v, n in Counter(values).items() if n > 1)
        assert not dupes, f"duplicate {key}: {dupes}"


def test_lesson_codes_are_valid_and_every_lesson_has_terms() -> None:
    assert {r["lesson"] for r in ROWS} == LESSONS


def test_english_terms_are_lower_case_except_names_and_acronyms() -> None:
    def token_ok(token: str) -> bool:
        return (token == token.lower() or token in PROPER_NOUNS
                or sum(c.isupper() for c in token) >= 2 or any(c.isdigit() for c in token)
                or (len(token) == 1 and token.isupper()))  # a label such as A/B

    bad = [r["term_en"] for r in ROWS
           if not all(token_ok(t) for t in re.split(r"[\s/()\-]+", r["term_en"]) if t)]
    assert not bad, f"capitalised words that are neither names nor acronyms: {bad}"


def test_chinese_terms_contain_chinese() -> None:
    bad = [r["term_zh"] for r in ROWS if not HAS_CJK.search(r["term_zh"])]
    assert not bad


def test_definitions_are_one_short_sentence() -> None:
    bad_en = [r["term_en"] for r in ROWS
              if not r["definition_en"].endswith(".") or re.search(r"\. [A-Z]", r["definition_en"])
              or len(r["definition_en"]) > 200]
    bad_zh = [r["term_en"] for r in ROWS
              if not r["definition_zh"].endswith("。") or r["definition_zh"].count("。") != 1
              or not HAS_CJK.search(r["definition_zh"]) or len(r["definition_zh"]) > 80]
    assert not bad_en, f"definition_en not one sentence of at most 200 characters: {bad_en}"
    assert not bad_zh, f"definition_zh not one sentence of at most 80 characters: {bad_zh}"


def test_sources_are_seeds_or_published_references() -> None:
    bad = [(r["term_en"], r["source"]) for r in ROWS
           if not all(SOURCE_PART.fullmatch(part) for part in r["source"].split("; "))]
    assert not bad, f"sources must be 'course notes SN' or 'Author Year', joined by '; ': {bad}"


def test_cited_course_notes_are_described_in_docs_sources() -> None:
    sources = (Path(__file__).resolve().parents[1] / "docs" / "sources.md").read_text(encoding="utf-8")
    cited = {part.removeprefix("course notes ") for r in ROWS for part in r["source"].split("; ")
             if part.startswith("course notes ")}
    assert cited and all(f"| {key} |" in sources for key in cited), f"describe {sorted(cited)} in docs/sources.md"


def test_cited_works_are_listed_in_docs_sources() -> None:
    """Every "Author Year" the glossary cites has its full reference in docs/sources.md: the first author's
    surname and the year begin one list entry there ("- Hosmer, D. W. & Lemeshow, S. (2000). ...")."""
    sources = (Path(__file__).resolve().parents[1] / "docs" / "sources.md").read_text(encoding="utf-8")
    entries = re.findall(r"^- (.+?)\((\d{4})\)", sources, re.M)
    listed = {(names.split(",")[0].split(" (")[0].strip(), year) for names, year in entries}
    cited = {part for r in ROWS for part in r["source"].split("; ") if not part.startswith("course notes ")}
    missing = sorted(c for c in cited
                     if (re.split(r",| & ", c.rsplit(" ", 1)[0])[0].strip(), c.rsplit(" ", 1)[1]) not in listed)
    assert not missing, f"cited in the glossary but not listed in docs/sources.md: {missing}"


# --------------------------------------------------------------------------- content
def test_every_chinese_term_of_the_syllabus_is_present() -> None:
    zh = {r["term_zh"] for r in ROWS}
    missing = [t for t in SYLLABUS_ZH if t not in zh]
    assert not missing, f"syllabus terms missing from term_zh: {missing}"


def test_key_english_concepts_are_present() -> None:
    names = {base(r["term_en"]) for r in ROWS}
    missing = [t for t in KEY_EN if t not in names]
    assert not missing, f"concepts missing from term_en: {missing}"


def test_known_translations_and_lessons() -> None:
    by_en = {r["term_en"]: (r["term_zh"], r["lesson"]) for r in ROWS}
    wrong = {en: by_en.get(en) for en, want in KNOWN.items() if by_en.get(en) != want}
    assert not wrong, f"expected {KNOWN}; differing rows: {wrong}"


@pytest.mark.skipif(not SYLLABUS.is_file(), reason="../shared/syllabus.md is not next to the repository")
def test_every_chinese_term_in_the_syllabus_file_is_covered() -> None:
    found = syllabus_terms(SYLLABUS.read_text(encoding="utf-8"))
    terms = sorted(set(found) - set(NOT_TERMS))
    assert len(terms) >= 45, f"only {len(terms)} Chinese terms extracted: the extraction is broken"
    zh = {r["term_zh"] for r in ROWS}
    missing = [t for t in terms if t not in zh]
    assert not missing, f"Chinese terms of syllabus.md missing from the glossary: {missing}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not next to the repository")
def test_definitions_are_not_copied_from_the_seeds() -> None:
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    cited = {part for r in ROWS for part in r["source"].split("; ") if part.startswith("course notes S")}
    assert {"00" + c.removeprefix("course notes S") for c in cited} <= set(texts), "cited course notes do not exist"

    seed_zh = re.sub(r"\s+", "", "".join(texts.values()))
    seed_en = " ".join("".join(texts.values()).lower().split())
    copied = []
    for r in ROWS:
        zh = re.sub(r"\s+", "", r["definition_zh"])
        copied += [(r["term_en"], zh[i:i + 12]) for i in range(len(zh) - 11) if zh[i:i + 12] in seed_zh]
        words = r["definition_en"].lower().split()
        copied += [(r["term_en"], " ".join(words[i:i + 7])) for i in range(len(words) - 6)
                   if " ".join(words[i:i + 7]) in seed_en]
    assert not copied, f"definitions repeat seed text (12 characters / 7 words): {copied}"


# --------------------------------------------------------------------------- crmlib.term / crmlib.glossary
def test_term_writes_english_with_chinese() -> None:
    assert crmlib.term("retain") == "retain (保留型)"
    assert crmlib.term("Customer Lifetime Value") == "customer lifetime value (客户终生价值)"
    assert crmlib.term("  Whale Curve ") == "whale curve (鲸鱼曲线)"
    assert crmlib.term("customer relationship management") == "customer relationship management (CRM; 客户关系管理)"
    assert crmlib.term("activity-based costing (ABC)") == "activity-based costing (ABC; 作业成本法)"
    assert crmlib.term("Kaplan-Meier estimator") == "Kaplan-Meier estimator (卡普兰-迈耶估计)"


def test_term_unknown_raises_one_clear_error() -> None:
    with pytest.raises(KeyError, match="'customer happiness' is not in the glossary"):
        crmlib.term("customer happiness")


def test_glossary_matches_the_file_and_filters_by_lesson() -> None:
    table = crmlib.glossary()
    assert list(table.columns) == COLUMNS
    assert len(table) == len(ROWS)
    counts = Counter(r["lesson"] for r in ROWS)
    for lesson in sorted(LESSONS):
        part = crmlib.glossary(lesson)
        assert set(part["lesson"]) == {lesson}
        assert len(part) == counts[lesson]
        assert list(part.index) == list(range(len(part)))
    lesson3 = crmlib.glossary("03")
    assert lesson3.loc[lesson3.term_en == "whale curve", "term_zh"].item() == "鲸鱼曲线"
    assert "价值链" not in set(lesson3["term_zh"])  # taught in 02
    lesson0 = crmlib.glossary("00")
    assert "客户关系管理" in set(lesson0["term_zh"])


def test_glossary_returns_a_fresh_copy() -> None:
    table = crmlib.glossary()
    table.loc[0, "term_zh"] = "changed"
    assert crmlib.glossary().loc[0, "term_zh"] != "changed"


def test_glossary_rejects_an_unknown_lesson() -> None:
    with pytest.raises(ValueError, match="lesson must be one of '00', '01', '02', '03', '04'; got '5'"):
        crmlib.glossary("5")
