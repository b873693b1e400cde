"""Texts of the exercise engine: bilingual strings, catalogue messages, short descriptions of values.

Every message a student reads comes from the catalogue (keys ``exercise.*`` in
``crmlib/data/messages.json``) in the current language::

    >>> from crmlib.i18n import set_language
    >>> set_language("en"); describe("abc")
    "a str: 'abc'"
    >>> set_language("zh"); describe("abc")
    "str 类型的值 'abc'"
    >>> set_language("en")
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from crmlib._format import number
from crmlib.i18n import LANGUAGES, get_language, t

__all__ = [
    "bilingual", "localise", "msg", "fmt_number", "short", "type_name", "describe", "join_items",
    "count_words", "one_line", "to_html", "join_sentences", "join_list",
]

Bilingual = Mapping[str, str]


def bilingual(value: Any, what: str) -> dict[str, str]:
    """Check that ``value`` is ``{"en": ..., "zh": ...}`` with text in both; return a plain copy.

    >>> bilingual({"en": "Hint", "zh": "提示"}, "hint 1")
    {'en': 'Hint', 'zh': '提示'}
    >>> bilingual({"en": "Hint"}, "hint 1")
    Traceback (most recent call last):
    ...
    ValueError: hint 1 needs a non-empty text for 'zh'; got keys: en
    """
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a dict with 'en' and 'zh' texts; got a {type(value).__name__}: {short(value)}")
    missing = [lang for lang in LANGUAGES if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        raise ValueError(
            f"{what} needs a non-empty text for {', '.join(map(repr, missing))}; "
            f"got keys: {', '.join(map(str, value)) or 'none'}"
        )
    return {lang: value[lang] for lang in LANGUAGES}


def localise(text: Bilingual, language: str | None = None) -> str:
    """The text in the current (or given) language.

    >>> localise({"en": "Solution", "zh": "参考答案"}, "zh")
    '参考答案'
    """
    return text[language or get_language()]


def msg(key: str, language: str | None = None, **values: Any) -> str:
    """The catalogue message ``exercise.<key>`` with ``values`` filled in.

    >>> msg("status.correct", "en"), msg("status.correct", "zh")
    ('Correct', '正确')
    """
    return t(f"exercise.{key}", language=language).format(**values)


def fmt_number(x: Any) -> str:
    """A number written briefly (:func:`crmlib._format.number`), anything else as a short ``repr``.

    >>> import numpy as np
    >>> fmt_number(1000 * 0.8 * 0.8), fmt_number(0.25), fmt_number(np.int64(12)), fmt_number(1234567.5), fmt_number("x")
    ('640', '0.25', '12', '1234567.5', "'x'")
    """
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    try:
        value = float(x)  # numpy numbers and numeric text too, as a student may give them
    except (TypeError, ValueError, OverflowError):
        return short(x)
    return number(value)


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` on one line, cut to ``limit`` characters (a student's value may be huge).

    >>> short("x" * 100, limit=12)
    "'xxxxxxxxxx…"
    """
    try:
        text = repr(value)
    except Exception as error:  # a student's own class may have a broken __repr__
        text = f"<{type(value).__name__} object (its repr raised {type(error).__name__})>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def type_name(value: Any) -> str:
    """The type of ``value`` as a student knows it: ``str``, ``pandas DataFrame``, ``numpy ndarray``.

    >>> type_name(1.5), type_name([1])
    ('float', 'list')
    """
    cls = type(value)
    module = cls.__module__.split(".")[0]
    if module in ("pandas", "numpy"):
        return f"{module} {cls.__name__}"
    return cls.__name__


def describe(value: Any) -> str:
    """``value`` described for a message: its type and a short form of it.

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> describe(None), describe(42)
    ('None (no value: a function without `return` gives None)', 'an int: 42')
    """
    if value is None:
        return msg("got_none")
    name = type_name(value)
    article = "an" if name[:1].lower() in "aeiou" else "a"
    shape = getattr(value, "shape", None)
    if name == "pandas DataFrame" and shape is not None:
        return msg("got_table", article=article, type=name, rows=shape[0], columns=shape[1])
    if name == "pandas Series" and shape is not None:
        return msg("got_series", article=article, type=name, rows=shape[0])
    if name == "numpy ndarray" and shape is not None and len(shape) > 0:
        return msg("got_array", article=article, type=name, shape=tuple(shape))
    if callable(value) and hasattr(value, "__name__") and not isinstance(value, type):
        return msg("got_function", name=value.__name__)
    return msg("got", article=article, type=name, value=short(value))


def join_items(items: Iterable[Any], limit: int = 5) -> str:
    """Items quoted and joined, the list cut after ``limit`` with a count of the rest.

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> join_items(["a", "b", "c"], limit=2)
    "'a', 'b' and 1 more"
    """
    items = list(items)
    shown = join_list(short(item, 40) for item in items[:limit])
    if len(items) > limit:
        return msg("and_more", items=shown, count=len(items) - limit)
    return shown


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese character, or a space-separated token with a letter or digit in it ("2023-2025" is one word).
_WORD = re.compile(rf"[{_CJK}]|[^\s{_CJK}]*[^\W{_CJK}][^\s{_CJK}]*")


def count_words(text: str) -> int:
    """Words in ``text``; each Chinese character counts as one word (as word processors count).

    >>> count_words("Keep the 20% key customers."), count_words("保留重点客户")
    (5, 6)
    >>> count_words("Churn fell in 2023-2025 — by 30 %.")  # the dash and the lone % are not words
    6
    """
    return len(_WORD.findall(text))


def one_line(error: BaseException, limit: int = 120) -> str:
    """An exception as one line, ``ValueError: bad input``, never a traceback.

    >>> one_line(ZeroDivisionError("division by zero"))
    'ZeroDivisionError: division by zero'
    """
    text = " ".join(str(error).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


_FENCE = re.compile(r"```[a-zA-Z]*\n(.*?)```", re.DOTALL)
_INLINE = re.compile(r"`([^`\n]+)`")


def to_html(text: str) -> str:
    """Plain text as safe HTML: everything escaped; ```code blocks``` and `code` kept as code.

    >>> to_html("Use `x < 1`")
    'Use <code>x &lt; 1</code>'
    """
    parts = []
    last = 0
    for block in _FENCE.finditer(text):
        parts.append(_inline_html(text[last : block.start()]))
        parts.append(f"<pre style=\"margin:.3em 0\"><code>{html.escape(block.group(1).rstrip())}</code></pre>")
        last = block.end()
    parts.append(_inline_html(text[last:]))
    return "".join(parts)


def _inline_html(text: str) -> str:
    escaped = html.escape(text.strip("\n"))
    return _INLINE.sub(r"<code>\1</code>", escaped).replace("\n", "<br>")


def join_list(texts: Iterable[str], language: str | None = None) -> str:
    """Texts joined into a list as ``language`` (default: the current one) writes it: ", " in English,
    the enumeration comma 、 in Chinese.

    >>> join_list(["q1", "q3", "q4"], "en"), join_list(["q1", "q3", "q4"], "zh")
    ('q1, q3, q4', 'q1、q3、q4')
    """
    return msg("list_join", language).join(texts)


def join_sentences(sentences: Iterable[str]) -> str:
    """Sentences joined as the current language writes them (a space in English, none in Chinese).

    >>> from crmlib.i18n import set_language; set_language("zh")
    >>> join_sentences(["缺少 1 项。", "顺序不对。"])
    '缺少 1 项。顺序不对。'
    >>> set_language("en")
    """
    return msg("sentence_join").join(sentences)
