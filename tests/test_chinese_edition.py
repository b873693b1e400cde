"""The Chinese edition says what the English says, in its own words.

The sync test (tests/test_translation_sync.py) keeps code, headings, widgets and questions in step. This file
checks the Chinese prose itself, for each lesson in ``notebooks/zh/`` and each exercise in ``exercises/zh/``:

- **the same numbers**: every number the Chinese Markdown states is one the English twin's Markdown states too
  (the English numbers are pinned to their computations by tests/prose_numbers.py), so a figure cannot be
  mistyped or go stale in translation. Years and the month and day of a date (8 月, 7 月 1 日: English
  writes "August") are left out. Counting words (三个阶段, 两成) are the translator's choice; a number
  written in digits must be one of the English ones, or be listed in ``CHINESE_ONLY`` with the reason.
- **our own words**: no run of 12 Chinese characters is taken from the source notes (../shared/seeds), the rule
  the glossary's definitions follow (tests/test_glossary.py).
- **no English prose left**: outside code, links, math and brackets (where an English term may follow its Chinese
  one the first time), a Markdown line holds no run of three or more English words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.prose_numbers import markdown_text, masked_text
from tests.prose_numbers import numbers as prose_numbers

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
FOLDERS = ("notebooks", "exercises")

# What prose_numbers does not mask but Markdown cells of the exercises hold: code fences, bare links, tags
_NOT_PROSE = re.compile(r"```.*?```|<[^>\n]+>|https?://\S+", re.S)
_CODE = re.compile(r"```.*?```|`[^`]*`", re.S)  # code, which may quote the seeds' words
_BRACKETS = re.compile(r'（[^（）]*）|\([^()]*\)|“[^“”]*”|"[^"\n]*"|「[^「」]*」|《[^《》]*》')
_ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z'’-]*(?:\s+[A-Za-z][a-z'’-]*){2,}\b")
_CJK = re.compile(r"[\u3400-\u9fff]")
# a month or day of a date, which English writes in words ("in August", "1 July"): 8 月, 7 月 1 日
_DATE = re.compile(r"\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?|\d{1,2}\s?日")

# Numbers only the Chinese text writes in digits: notebook (or exercise) name -> {number: why}.
CHINESE_ONLY: dict[str, dict[float, str]] = {}


def _pairs() -> list[tuple[Path, Path]]:
    return [(en, en.parent / "zh" / en.name) for folder in FOLDERS
            for en in sorted((REPO / folder).glob("[0-9][0-9]_*.ipynb"))]


PAIRS = _pairs()


def _prose(text: str) -> str:
    """``text`` with what is not a claim blanked as tests/prose_numbers.py blanks it, and with the code fences,
    bare links and tags, and the month and day of a date, blanked too (positions are kept)."""
    text = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)
    return _DATE.sub(lambda m: " " * len(m.group(0)), masked_text(text))


def numbers(text: str) -> set[float]:
    """The numbers ``text`` states in digits, read as tests/prose_numbers.py reads the English lessons: years
    (1900–2099) and lesson numbers such as 03 are left out, and so are the month and day of a date; a sign is
    not compared (the English may put the currency between sign and digits).

    >>> sorted(numbers("2025 年共有 375 位客户，占 12.5%；见第 03 课，`top_share(0.2)`。"))
    [12.5, 375.0]
    >>> sorted(numbers("1. 第一点\\n0.117 是比例"))
    [0.117]
    >>> sorted(numbers("2024 年 8 月 1 日起，12 个月合约占 30%"))
    [12.0, 30.0]
    """
    # sizes, not signs: English writes "−¥3,836" where Chinese writes "−3,836 元"
    return {abs(number.value) for number in prose_numbers(_prose(text), masked=False)}


def english_runs(text: str) -> list[str]:
    """Runs of three or more English words outside code, links, math and brackets.

    >>> english_runs("客户终生价值（customer lifetime value）是 `clv.retention_clv` 算出的。")
    []
    >>> english_runs("This sentence was left in English.")
    ['This sentence was left in English']
    """
    scan = _BRACKETS.sub(" ", _prose(text))
    return [m.group(0) for m in _ENGLISH_RUN.finditer(scan)]


def _ids(pair: tuple[Path, Path]) -> str:
    return f"{pair[0].parent.name}/{pair[0].name}"


def _chinese(pair: tuple[Path, Path]) -> Path:
    if not pair[1].exists():
        pytest.skip(f"no Chinese edition of {_ids(pair)} yet")
    return pair[1]


@pytest.mark.parametrize("pair", PAIRS, ids=_ids)
def test_the_chinese_text_states_only_the_english_numbers(pair: tuple[Path, Path]) -> None:
    zh = _chinese(pair)
    allowed = numbers(markdown_text(pair[0])) | set(CHINESE_ONLY.get(zh.stem, {}))
    extra = sorted(numbers(markdown_text(zh)) - allowed)
    assert not extra, (f"{pair[0].parent.name}/zh/{zh.name} states numbers its English twin does not: {extra}. "
                       "Write what the English writes (tests/prose_numbers.py pins those), or list the number "
                       "in CHINESE_ONLY with the reason")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not next to the repository")
@pytest.mark.parametrize("pair", PAIRS, ids=_ids)
def test_the_chinese_text_is_not_copied_from_the_seeds(pair: tuple[Path, Path]) -> None:
    zh = _chinese(pair)
    seeds = re.sub(r"\s+", "", "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    text = re.sub(r"\s+", "", _CODE.sub("", markdown_text(zh)))
    copied, i = [], 0
    while i <= len(text) - 12:
        piece = text[i:i + 12]
        if len(_CJK.findall(piece)) >= 10 and piece in seeds:
            copied.append(piece)
            i += 12
        else:
            i += 1
    assert not copied, f"{zh.name} repeats the source notes word for word (12 characters): {copied}"


@pytest.mark.parametrize("pair", PAIRS, ids=_ids)
def test_no_english_prose_is_left_in_the_chinese_text(pair: tuple[Path, Path]) -> None:
    zh = _chinese(pair)
    left = english_runs(markdown_text(zh))
    assert not left, f"{zh.name} still has English prose: {left[:8]}"
