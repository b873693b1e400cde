"""Tables a Chinese student can read: ``crmlib.i18n.label_table`` and the IPython printers behind it.

In Chinese, a displayed DataFrame shows each header as the Chinese label over the identifier, index names as
"中文 identifier", and the category values the catalogue names in Chinese; the table itself never changes, and
English display is pandas' own. The last test runs every lesson in Chinese and reads the HTML tables it shows:
it fails when a lesson shows a header, an index name or a category value that stays English although it is an
identifier (``left_in_2025``) or a value the catalogue names (``gold``, ``network_operation``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crmlib
from crmlib import i18n
from crmlib.i18n import header_label, label_table, value_label

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted((REPO / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))  # the Chinese editions, as students get them
CJK = re.compile(r"[\u3400-\u9fff]")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*(=[a-z0-9_]+)?$")  # how the kit names a column: snake_case
KEYS = re.compile(r"^(key|[a-z0-9_]+_key|[a-z0-9_]+_id)$")  # a column of keys or ids keeps its values


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    crmlib.set_language("en")


def _accounts() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": ["C000012", "C000013", "C000014"],
        "tier": pd.Categorical(["gold", "iron", "gold"],
                               categories=["platinum", "gold", "iron", "lead"]),
        "contract": ["Month-to-month", "12_months", "24_months"],
        "cohort": ["2023Q1", "2023Q2", "2023Q1"],
        "has_bundle": [True, False, True],
        "margin": [1200.5, -80.0, 310.0],
        "favourite_colour": ["gold", "blue", "red"],
    })


def test_a_chinese_table_shows_chinese_over_each_identifier() -> None:
    shown = label_table(_accounts(), "zh")
    assert shown.columns.tolist() == [
        ("客户编号", "customer_id"), ("价值层级", "tier"), ("合约类型", "contract"), ("同期群", "cohort"),
        ("持有捆绑套餐", "has_bundle"), ("客户毛利", "margin"), ("", "favourite_colour")]
    assert shown.iloc[:, 1].tolist() == ["黄金层", "钢铁层", "黄金层"]            # a categorical column
    assert shown.iloc[:, 2].tolist() == ["按月合约", "12 个月合约", "24 个月合约"]  # "Month-to-month" too
    assert shown.iloc[:, 4].tolist() == ["是", "否", "是"]
    # ids, quarters and numbers as they are; a column the catalogue does not know keeps its values
    assert shown.iloc[:, 0].tolist() == ["C000012", "C000013", "C000014"]
    assert shown.iloc[:, 3].tolist() == ["2023Q1", "2023Q2", "2023Q1"]
    assert shown.iloc[:, 5].tolist() == [1200.5, -80.0, 310.0]
    assert shown.iloc[:, 6].tolist() == ["黄金层", "blue", "red"]  # a value the catalogue names, in any column


def test_the_table_itself_never_changes() -> None:
    accounts = _accounts()
    before = accounts.copy(deep=True)
    label_table(accounts, "zh")
    label_table(accounts["tier"], "zh")
    pd.testing.assert_frame_equal(accounts, before)
    assert accounts["margin"].sum() == pytest.approx(1430.5)


def test_english_is_pandas_own_display() -> None:
    accounts = _accounts()
    assert label_table(accounts, "en") is accounts
    crmlib.set_language("en")
    assert label_table(accounts) is accounts
    assert label_table([1, 2], "zh") == [1, 2]  # not a table: unchanged


def test_a_column_of_keys_keeps_them() -> None:
    chain = pd.DataFrame({"key": ["network_operation"], "name": ["network operation"], "link_id": ["user_service"]})
    shown = label_table(chain, "zh")
    assert shown.iloc[0].tolist() == ["network_operation", "网络运营", "user_service"]  # she types the key


def test_index_names_and_row_labels() -> None:
    tiers = pd.DataFrame({"customers": [155, 310]}, index=pd.Index(["platinum", "gold"], name="tier"))
    shown = label_table(tiers, "zh")
    assert shown.index.name == "价值层级 tier"
    assert shown.index.tolist() == ["铂金层", "黄金层"]
    assert shown.columns.tolist() == [("客户数", "customers")]
    coefficients = pd.DataFrame({"odds_ratio": [0.33, 2.1]},
                                index=pd.Index(["contract_type=12_months", "tenure_months"], name="feature"))
    shown = label_table(coefficients, "zh")
    assert shown.index.tolist() == ["合约类型=12 个月合约", "在网月数"]  # model features read as column names
    years = pd.DataFrame({2023: [1.0], 2024: [2.0]}, index=pd.Index(["harbour"], name="region"))
    shown = label_table(years, "zh")
    assert shown.columns.tolist() == [2023, 2024]  # no header to name: the columns stay one row
    assert shown.index.tolist() == ["港区"] and shown.index.name == "城区 region"


def test_multiindex_rows_and_columns() -> None:
    index = pd.MultiIndex.from_tuples([("enterprise", True), ("sme", False)], names=["segment", "customised"])
    columns = pd.MultiIndex.from_tuples([("cost_cny_million", 2023), ("value_added", 2023)], names=[None, "year"])
    table = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], index=index, columns=columns)
    shown = label_table(table, "zh")
    assert shown.index.tolist() == [("大企业", "是"), ("中小企业", "否")]
    assert shown.index.names == ["细分群体 segment", "定制化服务 customised"]
    assert shown.columns.tolist() == [("成本（百万元） cost_cny_million", 2023),
                                      ("附加值 value_added", 2023)]
    assert shown.columns.names == [None, "年份 year"]
    assert shown.to_numpy().tolist() == table.to_numpy().tolist()
    drivers = pd.DataFrame({"level": pd.Series(["12_months", 1, np.True_, np.False_], dtype=object)})
    assert label_table(drivers, "zh").iloc[:, 0].tolist() == ["12 个月合约", 1, "是", "否"]  # a mixed column
    assert value_label("True", "zh") == "是"  # a flag written as text (churn.driver_table's levels)
    assert value_label("None", "zh") == "None" and value_label("no offer", "zh") == "不推荐"
    grouped = pd.DataFrame({"segment": ["sme", "sme"], "customised": [True, False], "hours": [2.0, 3.0]})
    shown = label_table(grouped.groupby(["segment", "customised"]).sum(), "zh")  # numpy bools in the index
    assert shown.index.tolist() == [("中小企业", "否"), ("中小企业", "是")]


def test_a_pivot_names_its_columns_name_too() -> None:
    counts = pd.DataFrame([[239835, 168165]], index=pd.Index(["store"], name="channel"),
                          columns=pd.Index(["awareness", "consideration"], name="stage"))
    shown = label_table(counts, "zh")
    assert shown.columns.tolist() == [("意识", "awareness"), ("考虑", "consideration")]
    assert shown.columns.names == ["阶段", "stage"]
    assert shown.index.tolist() == ["门店"] and shown.index.name == "渠道 channel"


def test_a_series() -> None:
    rates = pd.Series([0.2, 0.05], index=pd.Index(["individual_postpaid", "government"], name="segment"),
                      name="churn_rate")
    shown = label_table(rates, "zh")
    assert shown.name == "流失率 churn_rate" and shown.index.name == "细分群体 segment"
    assert shown.index.tolist() == ["个人后付费", "政府"] and shown.tolist() == [0.2, 0.05]
    stages = pd.Series(["prospecting", "negotiation", None], name="stage")
    shown = label_table(stages, "zh")
    assert shown.tolist()[:2] == ["寻找潜在客户", "商务谈判"] and pd.isna(shown.iloc[2])  # a gap stays a gap
    assert rates.index.tolist() == ["individual_postpaid", "government"]


def test_duplicate_and_chinese_headers() -> None:
    table = pd.DataFrame([[1, 2, 3]], columns=["margin", "margin", "客户数"])
    shown = label_table(table, "zh")
    assert shown.columns.tolist() == [("客户毛利", "margin"), ("客户毛利", "margin"), ("客户数", "")]


def test_labels_come_from_the_catalogue() -> None:
    assert header_label("margin", "zh") == i18n.t("col.margin", language="zh")
    assert value_label("network_operation", "zh") == "网络运营"  # a value-chain link (crmlib/data/valuechains.json)
    assert value_label("gold", "zh") == i18n.t("tier.gold", language="zh")
    assert value_label("gold", "en") == "gold" and header_label("margin", "en") == "customer margin"
    assert header_label("no_such_column", "zh") is None and header_label(None, "zh") is None


# ------------------------------------------------------------------------------------------------
# the IPython printers, in a fresh interpreter (an IPython shell is process-wide state)

SHELL = r"""
import json, pandas as pd
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
import crmlib
table = pd.DataFrame({"tier": ["gold"], "margin": [1.5]})
fmt = shell.display_formatter
def shown(obj):
    data, _ = fmt.format(obj)
    return data
out = {"en_before": shown(table), "pandas_html": table._repr_html_(), "pandas_plain": repr(table)}
crmlib.set_language("zh")
out["zh"] = shown(table)
out["zh_series"] = shown(table["tier"])
out["data_after"] = table.to_dict("list")
crmlib.set_language("en")
out["en_after"] = shown(table)
# a printer of the user's own is put back when Chinese is switched off
fmt.formatters["text/html"].for_type(pd.DataFrame, lambda df: "<b>mine</b>")
crmlib.set_language("zh"); crmlib.set_language("zh")
out["zh_over_own"] = shown(table)["text/html"]
crmlib.set_language("en")
out["own_after"] = shown(table)["text/html"]
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""


def _run(code: str, tmp_path: Path) -> dict:
    env = {**os.environ, "IPYTHONDIR": str(tmp_path / "ipython"), "MPLBACKEND": "agg"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.split("RESULT ", 1)[1])


def test_set_language_switches_the_ipython_printers_on_and_off(tmp_path: Path) -> None:
    out = _run(SHELL, tmp_path)
    assert out["en_before"] == {"text/plain": out["pandas_plain"], "text/html": out["pandas_html"]}
    assert "客户毛利" in out["zh"]["text/html"] and "margin" in out["zh"]["text/html"]
    assert "黄金层" in out["zh"]["text/html"] and ">gold<" not in out["zh"]["text/html"]
    assert "客户毛利" in out["zh"]["text/plain"] and "黄金层" in out["zh"]["text/plain"]
    assert "黄金层" in out["zh_series"]["text/plain"] and "价值层级 tier" in out["zh_series"]["text/plain"]
    assert out["data_after"] == {"tier": ["gold"], "margin": [1.5]}
    assert out["en_after"] == out["en_before"]
    assert "客户毛利" in out["zh_over_own"]
    assert out["own_after"] == "<b>mine</b>"


def test_outside_ipython_nothing_is_registered(tmp_path: Path) -> None:
    code = ("import sys, crmlib\ncrmlib.set_language('zh')\nprint('RESULT ' + __import__('json').dumps("
            "{'ipython': 'IPython' in sys.modules, 'language': crmlib.get_language()}))")
    assert _run(code, tmp_path) == {"ipython": False, "language": "zh"}


# ------------------------------------------------------------------------------------------------
# every lesson, run in Chinese: the tables it shows


class _Tables(HTMLParser):
    """The pandas tables of an HTML output: per table, header rows (colspans expanded) and body cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._table: dict | None = None
        self._part = self._row = self._cell = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "table" and "dataframe" in (attributes.get("class") or ""):
            self._table = {"head": [], "body": []}
        elif self._table is None:
            return
        elif tag in ("thead", "tbody"):
            self._part = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = [tag, "", int(attributes.get("colspan") or 1)]

    def handle_endtag(self, tag: str) -> None:
        if self._table is None:
            return
        if tag == "table":
            self.tables.append(self._table)
            self._table = None
        elif tag == "tr" and self._row is not None:
            self._table["head" if self._part == "thead" else "body"].append(self._row)
            self._row = None
        elif tag in ("th", "td") and self._cell is not None:
            kind, text, span = self._cell
            self._row += [(kind, text.strip())] * (span if self._part == "thead" else 1)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[1] += data


def english_left(html: str) -> list[str]:
    """What a Chinese student would find English in the tables of one HTML output."""
    found = []
    parser = _Tables()
    parser.feed(html)
    for table in parser.tables:
        width = max((len(row) for row in table["head"]), default=0)
        stacks = [[row[j][1] for row in table["head"] if j < len(row)] for j in range(width)]
        for stack in stacks:  # one column's header stack: Chinese must stand over an identifier
            if any(IDENTIFIER.match(text) for text in stack) and not any(CJK.search(text) for text in stack):
                found.append(f"header {' / '.join(t for t in stack if t)}")
        for row in table["body"]:
            for j, (kind, text) in enumerate(row):
                if not text or CJK.search(text):
                    continue
                if j < width and any(KEYS.match(header) for header in stacks[j]):
                    continue  # a column of keys or ids: she types these
                if text in ("True", "False") or value_label(text, "zh") != text:
                    found.append(f"value {text}")
                elif kind == "th" and IDENTIFIER.match(text) and header_label(text, "zh"):
                    found.append(f"row label {text}")
    return found


def test_english_left_finds_english() -> None:
    """The scan must see an English header, value and row label, or the lesson test could never fail."""
    table = pd.DataFrame({"left_in_2025": [True], "tier": ["gold"]}, index=pd.Index(["tenure_months"], name="feature"))
    assert english_left(table._repr_html_()) == [
        "header feature", "header left_in_2025", "header tier", "row label tenure_months", "value True", "value gold"]
    assert english_left(label_table(table, "zh")._repr_html_()) == []
    assert english_left(pd.DataFrame({"Buttle": ["C000012"]})._repr_html_()) == []  # a name, an id
    assert english_left(label_table(pd.DataFrame({"key": ["hrm"]}), "zh")._repr_html_()) == []  # a key column


@pytest.mark.notebook
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_table_a_lesson_shows_in_chinese_is_chinese(lesson: Path) -> None:
    from nbclient import NotebookClient

    import nbformat

    nb = nbformat.read(lesson, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(lesson.parent)}}).execute()
    shown, found = 0, []
    for number, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html and "dataframe" in html:
                shown += 1
                found += [f"cell {number}: {what}" for what in english_left(html)]
    assert shown > 0, f"{lesson.name} shows no table: the scan saw nothing"
    assert not found, f"{lesson.name} shows English a catalogue entry could name:\n" + "\n".join(found)
