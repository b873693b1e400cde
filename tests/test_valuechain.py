"""crmlib.valuechain: the chains as data (names, order, glossary agreement) and the cost / value-added analysis.

The operator's numbers asserted here are those of datasets/telecom/value_chain.csv (CNY million).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import crmlib
from crmlib import datasets
from crmlib import valuechain as vc

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def operator() -> pd.DataFrame:
    return datasets.load("telecom", "value_chain")


# ------------------------------------------------------------------ the chains as data


def test_every_chain_of_the_syllabus_is_there() -> None:
    assert vc.chain_keys() == ["porter", "crm", "crm_buttle", "crm_clv", "customer", "external", "bank", "telecom",
                               "ecommerce", "value_star"]
    sizes = {k: (len(c.primary), len(c.support)) for k, c in vc.CHAINS.items()}
    assert sizes == {"porter": (5, 4), "crm": (5, 5), "crm_buttle": (5, 5), "crm_clv": (5, 5), "customer": (5, 0), "external": (4, 0),
                     "bank": (4, 0), "telecom": (5, 0), "ecommerce": (5, 0), "value_star": (8, 0)}


def test_porter_order_and_margin() -> None:
    porter = vc.get_chain("porter")
    assert [s.name("en") for s in porter.primary] == [
        "inbound logistics", "operations", "outbound logistics", "marketing and sales", "after-sales service"]
    assert [s.name("zh") for s in porter.support] == ["企业基础设施", "人力资源管理", "技术开发", "采购管理"]
    assert porter.end is not None and porter.end.name("zh") == "利润"
    assert porter.kind == "porter"


def test_buttle_stages_and_supporting_conditions() -> None:
    crm = vc.get_chain("crm")
    assert [s.name("zh") for s in crm.primary] == ["客户组合分析", "客户亲近", "关系网络发展", "创造并传递客户价值", "关系管理"]
    assert [s.name("en") for s in crm.support] == [
        "culture and leadership", "business processes", "human resource management", "IT and data management",
        "organisation design"]
    assert crm.label("support", "zh") == "企业支持系统"


def test_buttles_own_list_has_procurement_processes_where_seed_000_has_business_processes() -> None:
    # Buttle's figure (2000 article, quoted in seed 002; 2004 book) against seed 000's Chinese list: same stages,
    # and the supporting conditions differ in exactly one item.
    own, notes = vc.get_chain("crm_buttle"), vc.get_chain("crm")
    assert own.primary == notes.primary
    assert [s.name("en") for s in own.support] == [
        "leadership and culture", "procurement processes", "human resource management processes",
        "IT/data processes", "organisation design"]
    assert [s.name("zh") for s in notes.support] == ["企业文化和领导", "业务流程", "人力资源管理", "信息技术管理", "组织结构设计"]
    only_own = {s.key for s in own.support} - {s.key for s in notes.support}
    only_notes = {s.key for s in notes.support} - {s.key for s in own.support}
    assert (only_own, only_notes) == ({"procurement"}, {"processes"})


def test_chinese_variant_starts_from_clv_and_has_its_own_support_processes() -> None:
    clv = vc.get_chain("crm_clv")
    assert clv.primary[0].name("zh") == "客户终生价值分析"
    assert [s.name("zh") for s in clv.support] == ["客户数据库", "公司文化", "人力资源管理", "业务流程重组", "组织结构设计"]


def test_other_chains_in_source_order() -> None:
    assert [s.key for s in vc.get_chain("telecom").primary] == [
        "infrastructure", "network_operation", "business_support", "user_service", "value_creation"]
    assert [s.name("en") for s in vc.get_chain("bank").primary] == [
        "customer knowledge", "customer value analysis", "differentiated marketing", "value proposition"]
    assert [s.name("zh") for s in vc.get_chain("value_star").primary] == [
        "人员", "流程", "产品与品牌", "价格", "服务", "地点", "服务场景", "沟通"]
    assert "supply chain management" in [s.name("en") for s in vc.get_chain("external").primary]
    assert vc.get_chain("ecommerce").primary[-1].name("zh") == "数据分析与业绩评估"


def test_telecom_links_match_the_dataset_keys(operator: pd.DataFrame) -> None:
    assert [s.key for s in vc.get_chain("telecom").primary] == list(operator["link"].cat.categories)


def test_every_step_has_both_languages() -> None:
    for chain in vc.CHAINS.values():
        assert CJK.search(chain.zh) and chain.en
        for step in (*chain.steps(), *([chain.end] if chain.end else [])):
            assert step.en and CJK.search(step.zh), (chain.key, step)
            assert bool(step.note_en) == bool(step.note_zh), (chain.key, step.key)
            if step.note_zh:
                assert CJK.search(step.note_zh)


def test_step_names_agree_with_the_glossary() -> None:
    """Where a step stands for a glossary term, its Chinese name holds the glossary's Chinese term."""
    glossary = crmlib.glossary()
    base = glossary["term_en"].str.replace(r"\s*\(.*\)$", "", regex=True).str.lower()
    checked = 0
    for chain in vc.CHAINS.values():
        for step in (*chain.steps(), *([chain.end] if chain.end else [])):
            if step.term is None:
                continue
            wanted = re.sub(r"\s*\(.*\)$", "", step.term).lower()
            hits = glossary[base == wanted]
            assert len(hits) == 1, f"{chain.key}.{step.key}: {step.term!r} is not in the glossary"
            assert hits["term_zh"].iloc[0] in step.zh, (chain.key, step.key, hits["term_zh"].iloc[0], step.zh)
            checked += 1
    assert checked >= 50


def test_chain_table_in_both_languages() -> None:
    en, zh = vc.chain_table("crm", "en"), vc.chain_table("crm", "zh")
    assert list(en.columns) == ["part", "position", "key", "name", "note"]
    assert en["part"].value_counts().to_dict() == {"primary": 5, "support": 5}
    assert en["key"].tolist() == zh["key"].tolist()
    assert zh.loc[0, "name"] == "客户组合分析" and en.loc[0, "name"] == "customer portfolio analysis"


def test_unknown_chain_and_step_are_named() -> None:
    with pytest.raises(KeyError, match="no chain 'valuechain'; the chains are: porter, crm"):
        vc.get_chain("valuechain")
    with pytest.raises(KeyError, match="chain 'bank' has no step 'x'"):
        vc.get_chain("bank").step("x")


def test_chain_rejects_bad_definitions() -> None:
    step = vc.Step("a", "a", "甲")
    with pytest.raises(ValueError, match="kind must be one of porter, stages, star"):
        vc.Chain("x", "x", "叉", "circle", primary=(step,))
    with pytest.raises(ValueError, match="repeated: a"):
        vc.Chain("x", "x", "叉", "stages", primary=(step, step))


# ------------------------------------------------------------------ cost and value added


def test_operator_2025_economics(operator: pd.DataFrame) -> None:
    econ = vc.link_economics(operator, year=2025)
    assert list(econ.index) == ["infrastructure", "network_operation", "business_support", "user_service",
                                "value_creation"]
    assert econ["value_added"].tolist() == [175.0, 220.0, 193.0, -43.0, 553.0]
    assert econ["cost_share"].round(4).tolist() == [0.3893, 0.2430, 0.0988, 0.1278, 0.1411]
    assert econ["value_added_share"].round(4).tolist() == [0.1594, 0.2004, 0.1758, -0.0392, 0.5036]
    assert econ["value_per_cost"].round(4).tolist() == [0.1174, 0.2366, 0.5106, -0.0879, 1.0241]
    assert econ["rank"].tolist() == [4, 3, 2, 5, 1]
    assert econ["cost_share"].sum() == pytest.approx(1.0)
    assert vc.weakest_link(econ) == "user_service"
    assert vc.chain_margin(econ).round(4).to_dict() == {
        "revenue": 4925.0, "cost": 3827.0, "margin": 1098.0, "margin_rate": 0.2229}


def test_user_service_gets_weaker_every_year(operator: pd.DataFrame) -> None:
    added = [vc.link_economics(operator, year=y).loc["user_service", "value_added"] for y in (2023, 2024, 2025)]
    assert added == [25.0, -16.0, -43.0]
    margins = [vc.chain_margin(vc.link_economics(operator, year=y))["margin"] for y in (2023, 2024, 2025)]
    assert margins == [1155.0, 1047.0, 1098.0]


def test_weakest_link_moves_when_a_cost_changes() -> None:
    table = pd.DataFrame({"link": ["a", "b", "c"], "cost": [100.0, 100.0, 100.0], "revenue": [150.0, 110.0, 130.0]})
    assert vc.weakest_link(vc.link_economics(table, cost="cost", revenue="revenue")) == "b"
    table.loc[0, "cost"] = 145.0
    econ = vc.link_economics(table, cost="cost", revenue="revenue")
    assert vc.weakest_link(econ) == "a"
    assert econ["rank"].tolist() == [3, 2, 1]
    assert vc.weakest_link(econ, by="value_added") == "a"


def test_link_economics_on_a_learners_own_columns() -> None:
    own = pd.DataFrame({"activity": ["buy", "make", "sell"], "spend": [10, 20, 30], "income": [12, 30, 30]})
    econ = vc.link_economics(own, link="activity", cost="spend", revenue="income")
    assert econ["value_added"].tolist() == [2.0, 10.0, 0.0]
    assert econ["value_added_share"].tolist() == pytest.approx([2 / 12, 10 / 12, 0.0])
    assert vc.weakest_link(econ) == "sell"


@pytest.mark.parametrize("kwargs, error, pattern", [
    ({"cost": "costs"}, KeyError, r"column 'costs' \(cost=\) not found in the table; did you mean 'cost_cny_million'\? the table has: year, link"),
    ({}, ValueError, r"holds 3 years in column 'year' \(2023, 2024, 2025\); pick one with year="),
    ({"year": 2030}, ValueError, r"year 2030 not found in column 'year'; the years are: 2023, 2024, 2025"),
])
def test_link_economics_bad_input_on_operator(operator: pd.DataFrame, kwargs: dict, error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        vc.link_economics(operator, **kwargs)


def test_link_economics_bad_values() -> None:
    good = pd.DataFrame({"link": ["a", "b"], "cost": [1.0, 2.0], "revenue": [2.0, 3.0]})
    with pytest.raises(TypeError, match="table must be a pandas DataFrame; got dict"):
        vc.link_economics(good.to_dict(), cost="cost", revenue="revenue")
    with pytest.raises(ValueError, match=r"column 'cost' \(cost\) must be ≥ 0.0; found -1"):
        vc.link_economics(good.assign(cost=[-1.0, 2.0]), cost="cost", revenue="revenue")
    with pytest.raises(ValueError, match=r"column 'revenue' \(revenue\) has 1 missing value"):
        vc.link_economics(good.assign(revenue=[2.0, None]), cost="cost", revenue="revenue")
    with pytest.raises(ValueError, match=r"column 'cost' \(cost\) must hold numbers; found 'ten'"):
        vc.link_economics(good.assign(cost=["ten", 2.0]), cost="cost", revenue="revenue")
    with pytest.raises(ValueError, match="each link must appear once; repeated in column 'link': a"):
        vc.link_economics(pd.concat([good, good.head(1)]), cost="cost", revenue="revenue")
    with pytest.raises(ValueError, match="total value added .* is 0"):
        vc.link_economics(good.assign(revenue=[1.0, 2.0]), cost="cost", revenue="revenue")
    with pytest.raises(KeyError, match=r"column 'year' \(year_column=\) not found in the table \(year=2025 was given\)"):
        vc.link_economics(good, cost="cost", revenue="revenue", year=2025)


def test_chain_margin_and_weakest_link_bad_input() -> None:
    with pytest.raises(KeyError, match="column 'cost' not found in the economics table .*; the table has: revenue"):
        vc.chain_margin(pd.DataFrame({"revenue": [1.0]}))
    with pytest.raises(ValueError, match="the economics table has no rows"):
        vc.weakest_link(pd.DataFrame({"value_per_cost": []}))


# ------------------------------------------------------------------ the customer's side


def test_customer_view_gap_satisfaction_and_choice() -> None:
    offers = pd.DataFrame({"firm": ["Skyline", "Rival A", "Rival B"], "perceived": [7.5, 8.2, 6.0],
                           "expected": [8.0, 8.0, 5.5]})
    view = vc.customer_view(offers, perceived="perceived", expected="expected")
    assert view["gap"].round(2).tolist() == [-0.5, 0.2, 0.5]
    assert view["satisfied"].tolist() == [False, True, True]
    assert view["chosen"].tolist() == [False, True, False]
    assert "gap" not in offers.columns  # the input is not changed
    with pytest.raises(KeyError, match=r"column 'perceived_value' \(perceived=\) not found"):
        vc.customer_view(offers)


def test_a_link_with_no_cost_adds_infinitely_much_per_yuan() -> None:
    table = pd.DataFrame({"link": ["free", "paid"], "cost": [0.0, 10.0], "revenue": [10.0, 12.0]})
    econ = vc.link_economics(table, cost="cost", revenue="revenue")
    assert econ["value_per_cost"].tolist() == [float("inf"), 0.2]
    assert econ["rank"].tolist() == [1, 2] and vc.weakest_link(econ) == "paid"


def test_the_chains_come_from_one_data_file_checked_on_load() -> None:
    """The chains live in crmlib/data/valuechains.json; a malformed entry gets an error naming where it is."""
    assert vc.get_chain("crm").primary == vc.get_chain("crm_buttle").primary  # the shared list of stages
    with pytest.raises(ValueError, match=r"chain 'x' primary\[0\] must have key, en, zh"):
        vc._steps([{"key": "a"}], {}, "chain 'x' primary")
    with pytest.raises(ValueError, match="names '@nope'; the shared lists are: buttle_stages"):
        vc._steps("@nope", {"buttle_stages": []}, "chain 'x' primary")
