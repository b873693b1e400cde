"""Which language a submission's feedback is written in: the notebook's own edition, found in the notebook.

The grader's default (``--language auto``) writes each feedback file in the language of the edition the
student worked in. The notebook says it, looked for in this order (the first that answers wins):

1. ``metadata.crmlib.language`` (``"en"`` or ``"zh"``), where a build or an instructor put one;
2. the last ``set_language("…")`` call with a literal argument in its code cells (comments do not count):
   the Chinese exercise notebooks call ``crmlib.set_language("zh")`` in their first code cell;
3. the script of its Markdown cells, the edition's own instructions: Chinese characters against English
   words (a student who deleted the call still has the Chinese prompts). Code spans are left out, and a
   notebook with too little text, or as much of one as of the other, does not answer.

A notebook none of these answers (code only, no call) gets the class's language: the majority of the
submissions that did answer, English on a tie or when none did; the gradebook says which (``language_from``).

    >>> language_of({"metadata": {"crmlib": {"language": "zh"}}, "cells": []})
    ('zh', 'metadata')
    >>> language_of({"cells": [{"cell_type": "code", "source": "import crmlib\\ncrmlib.set_language('zh')"}]})
    ('zh', 'code')
    >>> language_of({"cells": [{"cell_type": "code", "source": "# crmlib.set_language('zh')\\nx = 1"}]})
    (None, '')
    >>> class_language(["zh", "zh", "en", None])
    ('zh', 'majority')
    >>> class_language([None, None])
    ('en', 'default')
"""

from __future__ import annotations

import io
import re
import tokenize
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["LANGUAGES", "SOURCES", "language_of", "code_language", "text_language", "class_language", "normalise"]

LANGUAGES = ("en", "zh")
# what ``language_from`` says in the gradebook: where each submission's feedback language came from
SOURCES = ("option", "metadata", "code", "text", "majority", "default")
_ALIASES = {"en": "en", "english": "en", "zh": "zh", "zh-cn": "zh", "zh_cn": "zh", "zh-hans": "zh", "chinese": "zh",
            "中文": "zh"}
_CALL = re.compile(r"""\bset_language\(\s*(?:language\s*=\s*)?(["'])([^"'\n]{1,20})\1\s*\)""")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]+")
_CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`|https?://\S+", re.DOTALL)
MIN_TEXT = 20  # Chinese characters plus English words below which the prose does not decide
ZH_SHARE, EN_SHARE = 0.5, 0.25  # Chinese characters / (characters + English words)


def normalise(language: Any) -> str | None:
    """``"en"`` or ``"zh"`` for a language name the kit accepts, else None.

    >>> normalise("zh_CN"), normalise(" English "), normalise("fr"), normalise(3)
    ('zh', 'en', None, None)
    """
    return _ALIASES.get(language.strip().lower()) if isinstance(language, str) else None


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", cell.get("input", ""))
    if isinstance(source, list):
        return "".join(str(part) for part in source)
    return str(source)


def _without_comments(code: str) -> str:
    """``code`` with its comments blanked (strings stay); where it does not tokenize (an IPython magic,
    a half-typed line) each line loses what follows its first ``#`` instead."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return "\n".join(line.split("#", 1)[0] for line in code.splitlines())
    lines = code.splitlines(keepends=True)
    for token in reversed(tokens):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            line = lines[row - 1]
            lines[row - 1] = line[:col] + line[token.end[1]:]
    return "".join(lines)


def code_language(cells: Iterable[str]) -> str | None:
    """The language of the last ``set_language("…")`` call in these code cells' text, or None.

    >>> code_language(['crmlib.set_language("zh")', 'set_language(language="en")  # back to English'])
    'en'
    >>> code_language(["x = 1"]) is None
    True
    """
    found = None
    for code in cells:
        for match in _CALL.finditer(_without_comments(code)):
            found = normalise(match.group(2)) or found
    return found


def text_language(markdown: Iterable[str]) -> str | None:
    """The language the Markdown text is written in, by its script; None when it is too short or mixed.

    >>> text_language(["本练习共十一道评分题，配合课程，做完之后你能够区分客户关系管理的类型。"])
    'zh'
    >>> text_language(["Eleven graded questions on the lesson: after them you can tell the kinds of CRM apart "
    ...                "and price a year of churn."])
    'en'
    >>> text_language(["Hi"]) is None
    True
    """
    text = _CODE_SPAN.sub(" ", "\n".join(markdown))
    chinese, english = len(_CJK.findall(text)), len(_WORD.findall(text))
    if chinese + english < MIN_TEXT:
        return None
    share = chinese / (chinese + english)
    if share >= ZH_SHARE:
        return "zh"
    if share <= EN_SHARE:
        return "en"
    return None


def language_of(notebook: Mapping[str, Any]) -> tuple[str | None, str]:
    """The language a notebook (a parsed ``.ipynb``) is written in and what said so (``metadata``, ``code``,
    ``text``); ``(None, "")`` when nothing does. Never raises on an odd notebook."""
    metadata = notebook.get("metadata")
    kit = metadata.get("crmlib") if isinstance(metadata, Mapping) else None
    language = normalise(kit.get("language")) if isinstance(kit, Mapping) else None
    if language:
        return language, "metadata"
    cells = notebook.get("cells")
    if cells is None and isinstance(notebook.get("worksheets"), list) and notebook["worksheets"]:  # nbformat 3
        first = notebook["worksheets"][0]
        cells = first.get("cells") if isinstance(first, Mapping) else None
    cells = [c for c in cells if isinstance(c, Mapping)] if isinstance(cells, list) else []
    language = code_language(_source(c) for c in cells if c.get("cell_type") == "code")
    if language:
        return language, "code"
    language = text_language(_source(c) for c in cells if c.get("cell_type") == "markdown")
    if language:
        return language, "text"
    return None, ""


def class_language(found: Iterable[str | None]) -> tuple[str, str]:
    """The class's language from the submissions' own (None where a notebook did not say): the majority,
    English on a tie; ``(language, "majority")``, or ``("en", "default")`` when no submission said."""
    counts = Counter(language for language in found if language in LANGUAGES)
    if not counts:
        return "en", "default"
    zh, en = counts.get("zh", 0), counts.get("en", 0)
    return ("zh" if zh > en else "en"), "majority"
