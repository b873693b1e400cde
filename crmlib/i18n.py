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
"""

from __future__ import annotations

import json
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
