"""crmlib.pyramid (top-k share, tiers) and crmlib.crmsystem (which tables serve which kind of CRM),
on small hand-made tables and on Skyline's 2025 margin per customer."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import concentration, crmsystem, datasets, economics, pyramid

TEN = pd.DataFrame({"id": list("abcdefghij"), "margin": [1.0, 50, 0, 20, 8, 10, 3, 5, 2, 1]})


# ------------------------------------------------------------------ top share
def test_top_share_by_hand() -> None:
    assert concentration.top_share(TEN, 0.2, column="margin") == pytest.approx(0.7)  # (50 + 20) / 100
    assert concentration.top_share(TEN, 0.1, column="margin") == pytest.approx(0.5)
    assert concentration.top_share(TEN, 1.0, column="margin") == pytest.approx(1.0)


def test_top_share_rounds_the_number_of_customers_half_up() -> None:
    values = pd.Series([40.0, 30, 20, 10])
    assert concentration.top_share(values, 0.375) == pytest.approx(0.7)  # 1.5 customers -> 2
    assert concentration.top_share(values, 0.3) == pytest.approx(0.4)  # 1.2 -> 1
    assert concentration.top_share(values, 0.05) == pytest.approx(0.4)  # 0.2 -> at least one customer


def test_top_share_can_exceed_one_when_some_customers_lose_money() -> None:
    assert concentration.top_share([10.0, 5.0, -5.0], 1 / 3) == pytest.approx(1.0)
    assert concentration.top_share([10.0, 5.0, -7.0], 2 / 3) == pytest.approx(15 / 8)


def test_top_share_of_the_operator_margin_2025() -> None:
    margins = economics.customer_margin(datasets.load("telecom", "billing"), year=2025)
    assert concentration.top_share(margins, 0.2, column="margin") == pytest.approx(0.88453, abs=1e-5)
    assert concentration.top_share(margins, 0.2, column="revenue_cny") == pytest.approx(0.90587, abs=1e-5)


@pytest.mark.parametrize(
    "args, error, text",
    [
        ((TEN, 0.2), ValueError, "name the column that holds the values; the table has: id, margin"),
        ((TEN, 0.2, "profit"), KeyError, "column 'profit' (column=) not found in the table; the table has: id, margin"),
        ((TEN, 20, "margin"), ValueError, "share must be a share above 0 and at most 1"),
        ((TEN, 0, "margin"), ValueError, "share must be a share above 0"),
        ((TEN, "20%", "margin"), TypeError, "share must be a share above 0 and at most 1"),
        ((TEN, 0.2, "id"), TypeError, "column 'id' must hold numbers; it holds"),
        (([1.0, None, 3.0], 0.2), ValueError, "values has 1 missing or infinite value"),
        (([], 0.2), ValueError, "values is empty"),
        (([-1.0, 1.0], 0.5), ValueError, "the values add up to 0; a share of the total needs a positive total"),
        (("abc", 0.2), TypeError, "values must be a table and a column name, a Series"),
    ],
)
def test_top_share_rejects_bad_input(args, error, text) -> None:
    with pytest.raises(error, match=text.replace("(", r"\(").replace(")", r"\)")):
        concentration.top_share(*args)


def test_the_old_top_share_warns_and_agrees() -> None:
    with pytest.warns(DeprecationWarning, match=r"pyramid.top_share is now crmlib.concentration.top_share"):
        old = pyramid.top_share(TEN, 0.2, value="margin")
    assert old == concentration.top_share(TEN, 0.2, column="margin")


def test_the_old_value_keyword_warns_and_agrees() -> None:
    with pytest.warns(DeprecationWarning, match=r"pyramid.pyramid_table\(value=...\) is renamed column="):
        old = pyramid.pyramid_table(TEN, value="margin")
    assert old.equals(pyramid.pyramid_table(TEN, column="margin"))
    with pytest.raises(TypeError, match="give column= only"):
        pyramid.assign_tiers(TEN, column="margin", value="id")


# ------------------------------------------------------------------ tiers
def test_assign_tiers_by_rank_keeps_the_index() -> None:
    tiers = pyramid.assign_tiers(TEN.set_index("id"), cutoffs=(0.1, 0.3, 0.7), column="margin")
    assert tiers.index.tolist() == list("abcdefghij")
    assert tiers.to_dict() == {
        "b": "platinum", "d": "gold", "f": "gold", "e": "iron", "h": "iron", "g": "iron", "i": "iron",
        "a": "lead", "j": "lead", "c": "lead",
    }
    assert tiers.cat.ordered and tiers.cat.categories.tolist() == ["platinum", "gold", "iron", "lead"]


def test_ties_keep_table_order() -> None:
    tiers = pyramid.assign_tiers([5.0, 5.0, 5.0, 5.0], cutoffs=(0.25, 0.5, 0.75))
    assert tiers.tolist() == ["platinum", "gold", "iron", "lead"]


def test_pyramid_table_by_hand() -> None:
    table = pyramid.pyramid_table(TEN, cutoffs=(0.1, 0.3, 0.7), column="margin")
    assert table.index.tolist() == ["platinum", "gold", "iron", "lead"]
    assert table["customers"].tolist() == [1, 2, 4, 3]
    assert table["customer_share"].tolist() == pytest.approx([0.1, 0.2, 0.4, 0.3])
    assert table["value"].tolist() == pytest.approx([50, 30, 18, 2])
    assert table["value_share"].tolist() == pytest.approx([0.5, 0.3, 0.18, 0.02])
    assert table["value_per_customer"].tolist() == pytest.approx([50, 15, 4.5, 2 / 3])
    assert table["value_share"].sum() == pytest.approx(1.0)


def test_pyramid_of_the_operator_margin_2025() -> None:
    margins = economics.customer_margin(datasets.load("telecom", "billing"), year=2025)
    table = pyramid.pyramid_table(margins, column="margin")  # default cut-offs 5 %, 20 %, 80 %
    assert table["customers"].tolist() == [155, 466, 1861, 621]
    assert table["value_share"].round(4).tolist() == [0.764, 0.1205, 0.1114, 0.0041]
    assert table["value_share"].iloc[:2].sum() == pytest.approx(concentration.top_share(margins, 0.2, column="margin"))
    lead = pyramid.pyramid_table(margins, (0.01, 0.10, 0.50), column="margin").loc["lead"]
    assert (int(lead["customers"]), round(float(lead["value_share"]), 4)) == (1551, 0.0423)


@pytest.mark.parametrize(
    "cutoffs, text",
    [
        ((0.2, 0.1, 0.8), "cutoffs must increase from the top tier down"),
        ((0.1, 0.1, 0.8), "cutoffs must increase"),
        ((0.1, 0.5), "cutoffs must be 3 shares of customers, where the platinum, gold, iron tiers end"),
        ("0.1,0.2,0.8", "cutoffs must be 3 shares"),
        ((0.1, 0.2, 1.5), r"cutoffs\[2\] must be a share above 0 and at most 1"),
        ((0.1, 0.12, 0.8), "with 10 customers and cutoffs .* the gold tier would hold no customers"),
    ],
)
def test_bad_cutoffs_are_named(cutoffs, text) -> None:
    with pytest.raises(ValueError, match=text):
        pyramid.pyramid_table(TEN, cutoffs=cutoffs, column="margin")


def test_pyramid_table_needs_a_positive_total() -> None:
    with pytest.raises(ValueError, match="the values add up to -4; shares of the total need a positive total"):
        pyramid.pyramid_table([-1.0, -1, -1, -1], cutoffs=(0.25, 0.5, 0.75))


# ------------------------------------------------------------------ CRM types on the database
def test_every_table_of_the_telecom_database_is_classified() -> None:
    tables = datasets.load("telecom")
    roles = crmsystem.table_roles(tables, language="en")
    assert set(roles["table"]) == set(tables) == set(crmsystem.TABLE_ROLES)
    assert set(roles["crm_type"]) == set(crmsystem.CRM_TYPES)
    assert set(roles["subsystem"]) == set(crmsystem.SUBSYSTEMS)  # all four subsystems appear
    assert roles.set_index("table").loc["customers", "rows"] == 8000
    by_type = roles.groupby("crm_type")["table"].apply(set)
    assert {"tickets", "activities"} == by_type["collaborative"]  # a list of contact people is not joint work
    assert roles.set_index("table").loc["contacts", "crm_type"] == "operational"
    assert roles.set_index("table").loc["plans", "module"] == "sales opportunities"  # quotes use the price list
    assert {"churn_events", "cost_to_serve", "funnel"} <= by_type["analytical"]
    assert {"subscriptions", "opportunities", "campaigns"} <= by_type["operational"]


def test_table_roles_speak_chinese() -> None:
    roles = crmsystem.table_roles(language="zh").set_index("table")
    assert roles.loc["tickets", "crm_type_label"] == "协作型"
    assert roles.loc["billing", "subsystem_label"] == "企业应用集成子系统"
    assert roles.loc["opportunities", "module_label"] == "销售机会与报价"
    assert "rows" not in roles.columns


def test_unknown_table_and_label_are_named() -> None:
    with pytest.raises(KeyError, match="table 'orders' is not classified; the classified tables are: customers, "):
        crmsystem.table_roles({"orders": pd.DataFrame()})
    with pytest.raises(ValueError, match="'strategic' is not a kind of CRM, a subsystem or a module"):
        crmsystem.label("strategic")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_table_overview_is_readable_without_cut_text(language) -> None:
    tables = datasets.load("telecom")
    overview = crmsystem.table_overview(tables, language=language)
    holds = overview.iloc[:, 4]
    assert holds.str.len().max() <= 50  # pandas' default display.max_colwidth: nothing shows as "..."
    assert overview.columns[-1] == ("TurboCRM module" if language == "en" else "TurboCRM 模块")
    assert overview.iloc[:, 1].sum() == sum(len(table) for table in tables.values())
    counts = crmsystem.kinds_by_subsystem(tables, language=language)
    assert counts.shape == (4, 3) and int(counts.to_numpy().sum()) == len(tables)
    if language == "en":
        assert counts.loc["customer interaction", "collaborative"] == 2
        assert counts.loc["database", "analytical"] == 5
