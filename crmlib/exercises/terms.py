"""Answer terms: the spellings a student may use for an option, item or category.

A term is a plain string (``"IDIC"``) or a bilingual dict (``{"en": "analytical", "zh": "分析型",
"aliases": ["analytic"]}``); its English text is its key. Matching ignores case, surrounding
spaces, repeated spaces, a final full stop and full-width forms (``ＣＲＭ`` is ``crm``)::

    >>> vocab = Vocabulary([{"en": "analytical", "zh": "分析型"}, "operational"], "categories")
    >>> vocab.key("  Analytical "), vocab.key("分析型"), vocab.key("Operational."), vocab.key("other")
    ('analytical', 'analytical', 'operational', None)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Union

from crmlib.i18n import get_language
from crmlib.exercises.text import bilingual, short

__all__ = ["Term", "norm", "Vocabulary"]

Term = Union[str, Mapping[str, Any], Hashable]


def norm(value: Any) -> Any:
    """The form answers are compared in: text folded (case, width, spaces, final full stop).

    Numpy scalars become Python numbers; other values are returned as they are.

    >>> norm("  Customer   Intimacy. "), norm("ＩＤＩＣ")
    ('customer intimacy', 'idic')
    """
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).casefold()
        return " ".join(text.split()).rstrip(".。").strip()
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    return value


class Vocabulary:
    """The accepted spellings of a list of terms, mapped to each term's key (its English text).

    >>> Vocabulary(["a", "A"], "options")
    Traceback (most recent call last):
    ...
    ValueError: options: 'A' and 'a' are the same once case and spaces are ignored
    """

    def __init__(self, terms: Sequence[Term], what: str) -> None:
        if isinstance(terms, (str, Mapping)) or not isinstance(terms, Sequence) or not terms:
            raise ValueError(f"{what} must be a non-empty list; got {short(terms)}")
        self.what = what
        self.keys: list[Hashable] = []
        self._texts: dict[Hashable, dict[str, str] | None] = {}
        self._lookup: dict[Hashable, Hashable] = {}
        for term in terms:
            if isinstance(term, Mapping):
                texts = bilingual(term, f"{what}: term {short(term)}")
                aliases = term.get("aliases", ())
                if isinstance(aliases, str) or not isinstance(aliases, Sequence):
                    raise ValueError(f"{what}: aliases of {texts['en']!r} must be a list of strings")
                key: Hashable = texts["en"]
                spellings = [texts["en"], texts["zh"], *aliases]
            else:
                if not isinstance(term, Hashable):
                    raise TypeError(f"{what}: each term must be a string, a number or an en/zh dict; got {short(term)}")
                key, texts, spellings = term, None, [term]
            if key in self._texts:
                raise ValueError(f"{what}: {key!r} is listed twice")
            self.keys.append(key)
            self._texts[key] = texts
            for spelling in spellings:
                folded = norm(spelling)
                other = self._lookup.get(folded)
                if other is not None and other != key:
                    raise ValueError(f"{what}: {key!r} and {other!r} are the same once case and spaces are ignored")
                self._lookup[folded] = key

    def key(self, value: Any) -> Hashable | None:
        """The key of the term ``value`` spells, or ``None`` when it spells none of them.

        >>> Vocabulary(["IDIC"], "x").key(["unhashable"]) is None
        True
        """
        try:
            return self._lookup.get(norm(value))
        except TypeError:  # unhashable: a list where a word was expected
            return None

    def text(self, key: Hashable, language: str | None = None) -> str:
        """The term ``key`` as shown in the current (or given) language.

        >>> Vocabulary([{"en": "analytical", "zh": "分析型"}], "x").text("analytical", "zh")
        '分析型'
        """
        texts = self._texts[key]
        return str(key) if texts is None else texts[language or get_language()]

    def __contains__(self, key: object) -> bool:
        return key in self._texts

    def __len__(self) -> int:
        return len(self.keys)
