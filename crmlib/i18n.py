"""Language: one catalogue of labels and messages in English and Simplified Chinese, and the glossary.

The catalogue is ``crmlib/data/messages.json`` (``{key: {"en": ..., "zh": ...}}``); the bilingual
glossary of CRM terms is ``crmlib/data/glossary.csv``. One call switches every chart label, widget
label and exercise message::

    >>> set_language("zh")
    >>> t("language.name")
    '简体中文'
    >>> set_language("en")
    >>> t("language.name")
    'English'
    >>> term("retain")
    'retain (保留型)'

Tables in Chinese
-----------------
The lessons show pandas tables whose headers and category values are English identifiers (``margin``,
``gold``, ``network_operation``). In Chinese, a student must read them yet still see the name she types
(``accounts["margin"]``). So while the language is Chinese and the code runs under IPython/Jupyter, every
displayed DataFrame and Series goes through ``label_table`` first, and the student sees:

- each column header as two rows, the Chinese label over the identifier (客户毛利 over ``margin``): a column is as
  wide as the longer of the two, not both, and the Chinese is read first;
- each index name as ``"中文 identifier"`` (价值层级 tier), since an index name has one line only;
- category values the catalogue names (segment, tier, stage, channel, region, contract, CRM type, cell, product,
  cost-to-serve activity, churn driver, value-chain link ...) in Chinese, in the cells and in the row labels, and
  ``True``/``False`` as 是/否; model features written ``contract_type=12_months`` as 合约类型=12 个月合约;
- numbers, ids (C000012), dates, years and quarters (2023Q1), the values of a column of keys or ids (``key``,
  ``customer_id``), and any name the catalogue does not know, as they are.

Only what is shown changes: ``label_table`` returns a relabelled copy for the HTML and the plain-text display,
and the student's table keeps its English columns and values, so ``accounts["margin"]`` works as before.

How: IPython looks up a printer registered for a type before an object's own ``_repr_html_``
(``get_ipython().display_formatter.formatters["text/html"].for_type(pandas.DataFrame, printer)``; the plain-text
formatter likewise for DataFrame and Series). ``set_language("zh")`` registers the kit's printers and
``set_language("en")`` takes them away again (restoring any printer that was there before), so English display
is exactly pandas' own. Outside IPython nothing is registered, and importing crmlib registers nothing. Patching
``DataFrame._repr_html_`` instead would change pandas for every program that imports crmlib; a pandas Styler
is not relabelled (the lessons show none).
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported only when the glossary is asked for
    import pandas as pd

LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
_ALIASES = {"en": "en", "english": "en", "zh": "zh", "zh-cn": "zh", "zh_cn": "zh", "chinese": "zh", "中文": "zh"}
_state = {"language": "en"}


def set_language(language: str) -> None:
    """Switch labels and messages to ``"en"`` (English) or ``"zh"`` (简体中文).

    >>> set_language("zh"); get_language()
    'zh'
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of 'en' (English), 'zh' (简体中文); got 'fr'
    >>> set_language("en")
    """
    key = _ALIASES.get(str(language).strip().lower()) if isinstance(language, str) else None
    if key is None:
        choices = ", ".join(f"{k!r} ({v})" for k, v in LANGUAGES.items())
        raise ValueError(f"language must be one of {choices}; got {language!r}")
    _state["language"] = key
    _switch_table_display(key)


def get_language() -> str:
    """The current language code, ``"en"`` or ``"zh"``.

    >>> get_language() in LANGUAGES
    True
    """
    return _state["language"]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every label and message, keyed by id, each with an ``en`` and a ``zh`` text.

    >>> sorted(catalogue()["language.name"])
    ['en', 'zh']
    """
    text = resources.files("crmlib").joinpath("data/messages.json").read_text(encoding="utf-8")
    return json.loads(text)


def t(key: str, language: str | None = None, **values: Any) -> str:
    """The catalogue text for ``key`` in the current (or given) language, with ``values`` filled in.

    >>> t("selfcheck.ok", language="en", name="pandas", version="3.0")
    'pandas 3.0: OK'
    >>> t("no.such.key")
    Traceback (most recent call last):
    ...
    KeyError: "no message 'no.such.key' in crmlib/data/messages.json"
    """
    entry = catalogue().get(key)
    if entry is None:
        raise KeyError(f"no message {key!r} in crmlib/data/messages.json")
    text = entry[language or get_language()]
    return text.format(**values) if values else text


@lru_cache(maxsize=1)
def _glossary_table() -> pd.DataFrame:
    import pandas as pd

    with resources.files("crmlib").joinpath("data/glossary.csv").open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype=str, keep_default_na=False)
    return table


def glossary(lesson: str | None = None) -> pd.DataFrame:
    """The bilingual glossary of CRM terms as a DataFrame (a fresh copy each call).

    Columns: ``term_en``, ``term_zh``, ``definition_en``, ``definition_zh``, ``lesson``
    (where the term is first taught), ``source`` (seed document or reference).

    >>> g = glossary()
    >>> g.loc[g.term_en == "customer relationship management (CRM)", "term_zh"].item()
    '客户关系管理'
    >>> glossary("09")
    Traceback (most recent call last):
    ...
    ValueError: lesson must be one of '00', '01', '02', '03', '04'; got '09'
    """
    table = _glossary_table()
    if lesson is None:
        return table.copy()
    lessons = sorted(set(table["lesson"]))
    if lesson not in lessons:
        raise ValueError(f"lesson must be one of {', '.join(map(repr, lessons))}; got {lesson!r}")
    return table[table["lesson"] == lesson].reset_index(drop=True)


def term(english: str) -> str:
    """A glossary term written as the kit writes it on first use: ``"English (中文)"``.

    Matching ignores case and looks at the part of ``term_en`` before any parenthesis.

    >>> term("Customer Lifetime Value")
    'customer lifetime value (客户终生价值)'
    """
    table = _glossary_table()
    wanted = english.strip().lower()
    base = table["term_en"].str.replace(r"\s*\(.*\)$", "", regex=True).str.lower()
    hits = table[(base == wanted) | (table["term_en"].str.lower() == wanted)]
    if hits.empty:
        raise KeyError(f"{english!r} is not in the glossary (crmlib/data/glossary.csv)")
    row = hits.iloc[0]
    if row.term_en.endswith(")"):  # "customer relationship management (CRM)" -> "(CRM; 客户关系管理)"
        return f"{row.term_en[:-1]}; {row.term_zh})"
    return f"{row.term_en} ({row.term_zh})"


# ------------------------------------------------------------------------------------------------
# tables in Chinese (see the module docstring)

#: catalogue prefixes whose entries name a category value (``tier.gold``), searched in this order
VALUE_PREFIXES: tuple[str, ...] = (
    "segment", "tier", "stage", "channel", "region", "contract", "group", "cell", "product", "type",
    "subsystem", "activity", "driver", "value",
)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _norm(value: str) -> str:
    """The lookup form of a name: ``"Month-to-month"`` and ``"month to month"`` both become ``month_to_month``."""
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


@lru_cache(maxsize=2)
def _table_labels(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """(column labels by name, value labels by lookup form) in ``language``, from the catalogue and value chains."""
    entries = catalogue()
    columns = {key[4:]: entry[language] for key, entry in entries.items() if key.startswith("col.")}
    values: dict[str, str] = {}
    for prefix in VALUE_PREFIXES:
        for key, entry in entries.items():
            if key.startswith(prefix + ".") and "{" not in entry["en"]:
                label = entry[language]
                if prefix == "activity":  # the label names the unit cost too, 客户经理工时（元/小时）: keep the name
                    label = re.sub(r"\s*[（(][^（）()]*[）)]$", "", label)
                for form in (key[len(prefix) + 1:], entry["en"]):
                    if _norm(form) not in ("none", "nan"):  # product.none: "None" in a table is a gap, not 不推荐
                        values.setdefault(_norm(form), label)
    for flag in ("true", "false"):  # a flag written as text, as a driver's level is: "True" -> 是
        values.setdefault(flag, entries[f"level.{flag}"][language])
    chains = json.loads(resources.files("crmlib").joinpath("data/valuechains.json").read_text(encoding="utf-8"))
    steps = [s for group in chains["shared"].values() for s in group]
    steps += [s for chain in chains["chains"] for part in ("primary", "support")
              for s in (chain.get(part) or []) if isinstance(s, dict)]
    for step in steps:  # value-chain links: ``network_operation`` -> 网络运营
        for form in (step["key"], step["en"]):
            values.setdefault(_norm(form), step[language])
    return columns, values


def header_label(name: object, language: str | None = None) -> str | None:
    """The label in ``language`` of a column name, or of a category value used as a header; None if there is none.

    >>> header_label("margin", "zh"), header_label("gold", "zh"), header_label("customer_id", "zh")
    ('客户毛利', '黄金层', '客户编号')
    >>> header_label("contract_type=12_months", "zh")
    '合约类型=12 个月合约'
    >>> header_label("no_such_column", "zh") is None, header_label(2024, "zh") is None
    (True, True)
    """
    if not isinstance(name, str) or not name.strip():
        return None
    columns, values = _table_labels(language or get_language())
    if name in columns:
        return columns[name]
    if _norm(name) in columns:
        return columns[_norm(name)]
    if _norm(name) in values:
        return values[_norm(name)]
    if name.count("=") == 1:  # a model feature: contract_type=12_months
        left, right = name.split("=")
        left_label = header_label(left, language)
        right_label = values.get(_norm(right)) or header_label(right, language)
        if left_label or right_label:
            return f"{left_label or left}={right_label or right}"
    return None


def value_label(value: object, language: str | None = None) -> object:
    """A category value as the catalogue names it in ``language``; anything else unchanged.

    >>> value_label("network_operation", "zh"), value_label("Month-to-month", "zh"), value_label(True, "zh")
    ('网络运营', '按月合约', '是')
    >>> value_label("C000012", "zh"), value_label(3.5, "zh"), value_label("2023Q1", "zh")
    ('C000012', 3.5, '2023Q1')
    """
    language = language or get_language()
    numpy = sys.modules.get("numpy")  # a numpy bool (a groupby on a bool column) counts too
    if isinstance(value, bool) or (numpy is not None and isinstance(value, numpy.bool_)):
        return t("level.true" if value else "level.false", language=language)
    if not isinstance(value, str):
        return value
    return _table_labels(language)[1].get(_norm(value), value)


def _row_label(value: object, language: str) -> object:
    """A row label: a category value in Chinese, a column name used as a row label (a model feature) too."""
    labelled = value_label(value, language)
    if labelled is value and isinstance(value, str):
        return header_label(value, language) or value
    return labelled


def _name(name: object, language: str) -> object:
    """An index name as ``"中文 identifier"`` (价值层级 tier); unknown names unchanged."""
    label = header_label(name, language)
    return f"{label} {name}" if label and label != name else name


def _relabel_index(index: pd.Index, language: str) -> pd.Index:
    import pandas as pd

    if isinstance(index, pd.MultiIndex):
        levels = [[_row_label(v, language) for v in index.get_level_values(i)] for i in range(index.nlevels)]
        return pd.MultiIndex.from_arrays(levels, names=[_name(n, language) for n in index.names])
    if index.dtype == bool or index.dtype == object or isinstance(index.dtype, (pd.CategoricalDtype,
                                                                                pd.StringDtype)):
        return pd.Index([_row_label(v, language) for v in index], name=_name(index.name, language),
                        dtype=object)
    return index.rename(_name(index.name, language))


def _relabel_columns(columns: pd.Index, language: str) -> pd.Index:
    """Chinese over the identifier: a two-row header (a MultiIndex keeps its rows, each as "中文 identifier")."""
    import pandas as pd

    if isinstance(columns, pd.MultiIndex):
        levels = [[_name(v, language) for v in columns.get_level_values(i)] for i in range(columns.nlevels)]
        return pd.MultiIndex.from_arrays(levels, names=[_name(n, language) for n in columns.names])
    labels = [header_label(c, language) for c in columns]
    if not any(labels):
        return columns.rename(_name(columns.name, language))
    top = [label or (c if isinstance(c, str) and _CJK.search(c) else "") for c, label in zip(columns, labels)]
    bottom = ["" if (isinstance(c, str) and _CJK.search(c)) else c for c in columns]
    name = columns.name
    return pd.MultiIndex.from_arrays([top, bottom], names=[header_label(name, language), name]
                                     if name is not None else None)


def _relabel_values(values: pd.Series, language: str) -> pd.Series:
    import numpy as np
    import pandas as pd

    dtype = values.dtype
    if dtype == bool:
        return pd.Series(np.where(values.to_numpy(), t("level.true", language=language),
                                  t("level.false", language=language)), index=values.index, dtype=object)
    if not (dtype == object or isinstance(dtype, (pd.CategoricalDtype, pd.StringDtype))):
        return values
    if dtype != object or pd.api.types.infer_dtype(values, skipna=True) == "string":
        # text or categories: label each distinct value once (a few, however long the table)
        codes, distinct = pd.factorize(values)
        distinct = pd.Index(distinct, dtype=object)
        if pd.api.types.infer_dtype(distinct, skipna=True) == "string":  # ids too: 8,000 of them in a blink
            known = _table_labels(language)[1]
            forms = distinct.str.strip().str.lower().str.replace(r"[\s\-]+", "_", regex=True)
            hits = forms.isin(list(known))
            if not hits.any():
                return values
            labels = distinct.to_numpy(dtype=object, copy=True)
            labels[hits] = [known[form] for form in forms[hits]]
        else:
            labels = np.array([value_label(v, language) for v in distinct], dtype=object)
            if all(label is v for label, v in zip(labels, distinct)):
                return values
        shown = np.append(labels, np.nan)[codes]  # code -1 (a gap) takes the last: NaN
        return pd.Series(shown, index=values.index, name=values.name, dtype=object)
    # a mixed column: keyed by type too, as True == 1 and a 1 there is a number, not "yes"
    keys = {(type(v), v) for v in values.dropna() if _hashable(v)}
    mapping = {key: value_label(key[1], language) for key in keys}
    if all(label is v for (_, v), label in mapping.items()):
        return values
    return values.astype(object).map(lambda v: mapping.get((type(v), v), v) if _hashable(v) else v)


def _holds_identifiers(column: object) -> bool:
    """A column of keys or ids (``key``, ``customer_id``): its values are what a student types, kept as they are."""
    return isinstance(column, str) and (column == "key" or column.endswith(("_key", "_id")))


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def label_table(table: Any, language: str | None = None) -> Any:
    """A copy of a DataFrame or Series labelled for display in ``language``; the table itself is untouched.

    In English (and for anything that is not a DataFrame or Series) the object itself comes back.

    >>> import pandas as pd
    >>> accounts = pd.DataFrame({"tier": ["gold", "iron"], "margin": [1200.0, -80.0]})
    >>> shown = label_table(accounts, "zh")
    >>> shown.columns.tolist()
    [('价值层级', 'tier'), ('客户毛利', 'margin')]
    >>> shown.iloc[:, 0].tolist(), accounts["tier"].tolist()
    (['黄金层', '钢铁层'], ['gold', 'iron'])
    >>> label_table(accounts, "en") is accounts
    True
    """
    import pandas as pd

    language = language or get_language()
    if language == "en" or not isinstance(table, pd.DataFrame | pd.Series):
        return table
    if isinstance(table, pd.Series):
        shown = _relabel_values(table, language)
        shown = shown.set_axis(_relabel_index(table.index, language))
        return shown.rename(_name(table.name, language))
    columns = {}
    for i, name in enumerate(table.columns):  # by position: a name may stand twice
        column = table.iloc[:, i]
        columns[i] = column if _holds_identifiers(name) else _relabel_values(column, language)
    shown = pd.DataFrame(columns, index=table.index)
    shown.columns = _relabel_columns(table.columns, language)
    shown.index = _relabel_index(table.index, language)
    return shown


def _html(table: Any) -> str | None:
    """IPython's text/html printer for a DataFrame while the language is Chinese."""
    return label_table(table)._repr_html_()


def _pretty(table: Any, printer: Any, cycle: bool) -> None:
    """IPython's text/plain printer for a DataFrame or Series while the language is Chinese."""
    printer.text(repr(label_table(table)))


_previous: dict[tuple[str, str], Any] = {}


def _switch_table_display(language: str) -> None:
    """Register the Chinese table printers with the running IPython (``"zh"``), or take them away (``"en"``)."""
    ipython_module = sys.modules.get("IPython")
    shell = ipython_module.get_ipython() if ipython_module is not None else None
    if shell is None:
        return
    import pandas as pd

    formatters = shell.display_formatter.formatters
    printers = {("text/html", "DataFrame"): _html, ("text/plain", "DataFrame"): _pretty,
                ("text/plain", "Series"): _pretty}
    for (mime, type_name), printer in printers.items():
        formatter, typ = formatters[mime], getattr(pd, type_name)
        current = formatter.type_printers.get(typ)
        if language == "zh" and current is not printer:
            _previous[mime, type_name] = formatter.for_type(typ, printer)
        elif language != "zh" and current is printer:
            formatter.pop(typ)
            if _previous.get((mime, type_name)) is not None:
                formatter.for_type(typ, _previous.pop((mime, type_name)))
