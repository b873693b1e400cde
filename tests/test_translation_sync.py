"""Each Chinese notebook is kept in step with its English twin.

``notebooks/zh/X.ipynb`` is paired with ``notebooks/X.ipynb`` and ``exercises/zh/X.ipynb`` with
``exercises/X.ipynb``. A pair has drifted (``crmlib.authoring.twin_differences``, docs/authoring.md) when:

- **code**: the code cells differ, in number, order or tokens, once comments, blank lines and spacing are
  dropped. A string literal may differ only where the Chinese one holds Chinese characters (a translated
  label or message; an f-string must fill in the same values, in any order) or one language code stands
  for another (``"en"`` / ``"zh"``). The Chinese notebook's
  first code cell must call ``crmlib.set_language("zh")``; that call (with an ``import crmlib`` for it) is
  the only extra it may have.
- **headings**: the ``#`` headings differ in number, level, section number or order, or stand at another
  place among the code cells.
- **widgets**: the widget calls (the functions of ``crmlib.widgets``) differ, or take other keyword arguments.
- **questions**: another exercise is loaded, other questions are checked, hinted or solved, or the closing
  summary asks another number of self-check questions.

A lesson with no Chinese edition yet is skipped, by name. The last tests build small twins in a temporary
folder and show that each kind of drift fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import crmlib.widgets
from crmlib.authoring import build, notebook_path, printed_text, read_source, source_path, twin_differences

REPO = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "exercises")
WIDGETS = tuple(crmlib.widgets.__all__)
CJK = re.compile(r"[\u3400-\u9fff]")


def _english(folder: str) -> list[Path]:
    return sorted((REPO / folder).glob("*.ipynb"))


PAIRS = [path for folder in FOLDERS for path in _english(folder)]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _twin(en: Path) -> Path:
    return en.parent / "zh" / en.name


def check_twins(en: Path, zh: Path) -> None:
    """Fail, naming every drift, when ``zh`` is out of step with ``en``."""
    problems = twin_differences(_load(en), _load(zh), WIDGETS, "zh")
    assert not problems, (f"{zh.relative_to(zh.parents[2]).as_posix()} has drifted from "
                          f"{en.relative_to(en.parents[1]).as_posix()}:\n- " + "\n- ".join(problems))


def check_prints(zh: Path) -> None:
    """Fail when a print in a Chinese notebook would show English text."""
    english = [(cell, text) for cell, text in printed_text(_load(zh))
               if re.search(r"[A-Za-z]{2,}", text.replace("{…}", "")) and not CJK.search(text)]
    assert not english, (f"{zh.name}: prints that show English (put the text in crmlib/data/messages.json): "
                         + "; ".join(f"cell {cell}: {text!r}" for cell, text in english))


@pytest.mark.parametrize("en", PAIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_chinese_twin_is_in_step(en: Path) -> None:
    zh = _twin(en)
    if not zh.exists():
        source = f"lessons/zh/{en.stem}.md, then `make notebooks`" if en.parent.name == "notebooks" else (
            "the bank's .zh.md text, then `make exercises`")
        pytest.skip(f"no Chinese edition of {en.parent.name}/{en.name} yet ({en.parent.name}/zh/{en.name}: "
                    f"write {source})")
    check_twins(en, zh)


@pytest.mark.parametrize("en", PAIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_chinese_twin_prints_no_english(en: Path) -> None:
    zh = _twin(en)
    if not zh.exists():
        pytest.skip(f"no Chinese edition of {en.parent.name}/{en.name} yet")
    check_prints(zh)


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_chinese_notebook_has_an_english_twin(folder: str) -> None:
    english = {p.name for p in _english(folder)}
    lonely = [p.name for p in sorted((REPO / folder / "zh").glob("*.ipynb")) if p.name not in english]
    assert not lonely, f"{folder}/zh has notebooks with no English twin in {folder}/: {', '.join(lonely)}"


def test_the_exercises_have_their_chinese_edition() -> None:
    """The exercise build makes both editions, so these pairs are compared now, not skipped."""
    assert all(_twin(en).exists() for en in _english("exercises"))


# --- the comparison can fail: small twins built from MyST sources -------------------------------------

EN = """\
# 01 · A lesson

**After this notebook you can** count customers.

```{code-cell}
import crmlib
from crmlib import economics, widgets
from crmlib.exercises import load, ___

ex = load("01_crm_background")
```

## 1. Retention

Keep them.

```{code-cell}
left = economics.survivors(1000, retention_rate=0.8, years=5)  # customers left each year
print(f"Left after five years: {left[-1]:,.0f}")
```

```{code-cell}
widgets.retention_app()
```

### 1.1 A question

```{code-cell}
answer = ___
ex.q1.check()
```

## Summary

Retention compounds. **Check your understanding.** Why does 0.8 leave a third? What would 0.9 leave?
"""

ZH = """\
# 01 · 一课

**学完本节，你能够**清点客户。

```{code-cell}
import crmlib
from crmlib import economics, widgets
from crmlib.exercises import load, ___

crmlib.set_language("zh")
ex = load("01_crm_background")
```

## 1. 客户保留

留住他们。

```{code-cell}
left = economics.survivors(1000, retention_rate=0.8,
                           years=5)  # 每年剩下的客户
print(f"五年后剩下：{left[-1]:,.0f}")
```

```{code-cell}
widgets.retention_app()
```

### 1.1 一道题

```{code-cell}
answer = ___
ex.q1.check()
```

## 小结

保留的效果会复利累积。**检验你的理解。**为什么 0.8 只剩三分之一？0.9 会剩多少？
"""


def _differences(en: str = EN, zh: str = ZH) -> list[str]:
    return twin_differences(read_source(en), read_source(zh), WIDGETS, "zh")


def test_a_faithful_translation_is_in_step() -> None:
    assert _differences() == []
    assert _differences(ZH.replace("crmlib.set_language(\"zh\")\n", ""), ZH.replace("zh\")", "en\")")) != []


@pytest.mark.parametrize(("en", "zh", "expected"), [
    (EN, ZH.replace("retention_rate=0.8,", "retention_rate=0.9,"), r"code cell 2 differs .*0\.9"),
    (EN.replace("years=5)", "years=6)"), ZH, r"code cell 2 differs .*years=6"),
    (EN, ZH.replace('load("01_crm_background")', 'load("02_value_chain")'),
     r"the string \"01_crm_background\" became \"02_value_chain\", which is no translation"),
    (EN, ZH.replace("```{code-cell}\nwidgets.retention_app()\n```\n", ""),
     r"en cell \d+ has no twin in zh: 'widgets.retention_app\(\)'"),
    (EN, ZH.replace("{left[-1]:,.0f}", "{left[0]:,.0f}"),
     r"the string f\"Left after five years: \{left\[-1\]:,\.0f\}\" became f\"五年后剩下：\{left\[0\]:,\.0f\}\""),
], ids=["code changed in zh", "code changed in en", "a string that is not a translation", "code cell missing",
        "a translated f-string fills in another value"])
def test_drift_in_code_is_caught(en: str, zh: str, expected: str) -> None:
    assert any(re.search(expected, problem) for problem in _differences(en, zh)), _differences(en, zh)


def test_a_missing_language_setting_is_caught() -> None:
    assert _differences(EN, ZH.replace('crmlib.set_language("zh")\n', "")) == [
        'the first code cell does not set the language: it needs crmlib.set_language("zh")']


def test_a_missing_or_changed_heading_is_caught() -> None:
    missing = _differences(EN, ZH.replace("### 1.1 一道题\n", ""))
    assert missing == ["headings differ: after '## 1': en has '### 1.1', zh has nothing"]
    level = _differences(EN, ZH.replace("### 1.1 一道题", "## 1.1 一道题"))
    assert level == ["headings differ: after '## 1': en has '### 1.1', zh has '## 1.1'"]
    moved = _differences(EN, ZH.replace("### 1.1 一道题\n\n", "").replace("## 小结", "### 1.1 一道题\n\n## 小结"))
    assert moved and moved[0].startswith("a heading stands at another place among the code cells")


def test_a_missing_widget_is_caught() -> None:
    problems = _differences(EN, ZH.replace("widgets.retention_app()", "economics.survivors(1000)"))
    assert "widgets differ: at the start: en has 'retention_app()', zh has nothing" in problems, problems
    assert any(p.startswith("code cell 3 differs") for p in problems)
    keywords = _differences(EN.replace("retention_app()", "retention_app(rate=0.8)"),
                            ZH.replace("retention_app()", "retention_app(0.8)"))
    assert "widgets differ: at the start: en has 'retention_app(rate)', zh has 'retention_app(…)'" in keywords


def test_changed_questions_are_caught() -> None:
    other = _differences(EN, ZH.replace("ex.q1.check()", "ex.q2.check()"))
    assert "questions differ: after \"load('01_crm_background')\": en has 'q1.check()', zh has 'q2.check()'" in other
    fewer = _differences(EN, ZH.replace("0.9 会剩多少？", "再算一下 0.9。"))
    assert fewer == ["questions differ: after 'q1.check()': en has 'questions in the summary: 2', "
                     "zh has 'questions in the summary: 1'"]


def test_the_test_itself_fails_on_drift(tmp_path: Path) -> None:
    """The same check as for the committed notebooks, on notebooks built into a temporary kit."""
    for language, text in (("en", EN), ("zh", ZH.replace("### 1.1 一道题\n", ""))):
        path = source_path(tmp_path, "01_a", language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    build(tmp_path, ("en", "zh"))
    en, zh = notebook_path(tmp_path, "01_a"), notebook_path(tmp_path, "01_a", "zh")
    with pytest.raises(AssertionError, match=r"(?s)notebooks/zh/01_a.ipynb has drifted .*headings differ"):
        check_twins(en, zh)
    zh.write_bytes(notebook_path(tmp_path, "01_a").read_bytes())  # an untranslated copy prints English
    with pytest.raises(AssertionError, match=r"prints that show English .*'Left after five years: \{…\}'"):
        check_prints(zh)
