"""The text of a question bank, read from Markdown files an instructor can edit.

A bank ``banks/<name>.py`` holds the answer keys; its text lives beside it in ``banks/<name>.en.md`` and
``banks/<name>.zh.md``, one file per language with the same sections::

    # Title of the exercise

    What the exercise covers (the top of the generated notebook).

    ## setup
    What the setup cell below prepares (shown above it).

    ## q1
    The question's prompt, in Markdown.

    ### hint
    The first hint: the idea.

    ### hint
    The last hint: the method.

    ### solution
    The explanation; the bank's ``code=`` is shown after it, the same in both languages.

    ### mistake revenue_share
    What a student who gave the bank's ``revenue_share`` mistake did wrong.

    ## summary
    What the exercise practised (the end of the notebook).

``bank_text(path)`` reads both files; ``text["q1"]`` gives the keyword arguments a question takes::

    >>> import textwrap
    >>> part = parse(textwrap.dedent('''
    ...     # Demo
    ...     Intro.
    ...     ## q1
    ...     How many?
    ...     ```python
    ...     # a comment, not a heading
    ...     ```
    ...     ### hint
    ...     Think.
    ...     ### mistake doubled
    ...     You doubled it.
    ... '''), "demo.en.md")
    >>> part.title, part.intro, part.questions["q1"]["prompt"].splitlines()[0], part.questions["q1"]["mistake doubled"]
    ('Demo', 'Intro.', 'How many?', 'You doubled it.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmlib.i18n import LANGUAGES

__all__ = ["BankText", "Part", "parse", "bank_text", "SectionError"]

_QUESTION = re.compile(r"q\d+")
_SUBSECTIONS = ("hint", "solution", "mistake")
_TOP = ("setup", "summary")


class SectionError(ValueError):
    """A bank's Markdown file is missing a section, or has one it should not."""


@dataclass
class Part:
    """One language's file: title, intro, setup text, summary and each question's sections."""

    title: str
    intro: str = ""
    setup: str = ""
    summary: str = ""
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)


def _blocks(text: str) -> list[tuple[int, str, list[str]]]:
    """The file as (level, heading, lines) blocks; ``#`` lines inside code fences are not headings."""
    blocks: list[tuple[int, str, list[str]]] = [(0, "", [])]
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        match = None if fenced else re.match(r"^(#{1,3}) (.*\S)\s*$", line)
        if match:
            blocks.append((len(match.group(1)), match.group(2).strip(), []))
        else:
            blocks[-1][2].append(line)
    return blocks


def _body(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n").rstrip()


def parse(text: str, where: str) -> Part:
    """One Markdown file of a bank, parsed (see the module's docstring for its layout)."""
    part: Part | None = None
    question: dict[str, Any] | None = None
    for level, heading, lines in _blocks(text):
        body = _body(lines)
        if level == 0:
            if body:
                raise SectionError(f"{where}: text before the '# title' line: {body[:40]!r}")
        elif level == 1:
            if part is not None:
                raise SectionError(f"{where}: a second '# title' line: {heading!r}")
            part = Part(title=heading, intro=body)
        elif part is None:
            raise SectionError(f"{where}: the file must start with a '# title' line")
        elif level == 2:
            question = None
            if heading in _TOP:
                setattr(part, heading, body)
            elif _QUESTION.fullmatch(heading):
                if heading in part.questions:
                    raise SectionError(f"{where}: question {heading!r} appears twice")
                question = {"prompt": body, "hints": []}
                part.questions[heading] = question
            else:
                raise SectionError(
                    f"{where}: unknown section '## {heading}'; use '## q<number>', '## setup' or '## summary'"
                )
        else:
            if question is None:
                raise SectionError(f"{where}: '### {heading}' must be inside a '## q<number>' section")
            kind = heading.split()[0]
            if kind not in _SUBSECTIONS:
                raise SectionError(f"{where}: unknown section '### {heading}'; use one of: {', '.join(_SUBSECTIONS)}")
            if kind == "hint":
                question["hints"].append(body)
            elif heading in question:
                raise SectionError(f"{where}: '### {heading}' appears twice in one question")
            else:
                question[heading] = body
    if part is None:
        raise SectionError(f"{where}: the file is empty")
    return part


class BankText:
    """Both languages of a bank's text; ``text["q1"]`` gives ``prompt``, ``hints``, ``solution`` and
    ``mistake_texts`` as the ``{"en": ..., "zh": ...}`` dicts a question takes.

    >>> from crmlib.exercises.banks import start_here
    >>> text = bank_text(start_here.__file__)
    >>> sorted(text["q1"]), text.title["zh"][:4]
    (['hints', 'mistake_texts', 'prompt', 'solution'], '从这里开')
    """

    def __init__(self, parts: dict[str, Part], where: str) -> None:
        self.parts = parts
        self.where = where
        en = parts["en"]
        for language, other in parts.items():
            if list(other.questions) != list(en.questions):
                raise SectionError(
                    f"{where}: the {language} file has questions {', '.join(other.questions) or 'none'}; "
                    f"the en file has {', '.join(en.questions)} (they must match, in order)"
                )
            for qid, sections in other.questions.items():
                if sorted(sections) != sorted(en.questions[qid]) or len(sections["hints"]) != len(en.questions[qid]["hints"]):
                    raise SectionError(f"{where}: question {qid!r} has different sections in the {language} file than in en")

    @property
    def title(self) -> dict[str, str]:
        return {lang: part.title for lang, part in self.parts.items()}

    def top(self, name: str) -> dict[str, str]:
        """``intro``, ``setup`` or ``summary`` in each language."""
        return {lang: getattr(part, name) for lang, part in self.parts.items()}

    @property
    def ids(self) -> list[str]:
        return list(self.parts["en"].questions)

    def __getitem__(self, qid: str) -> dict[str, Any]:
        if qid not in self.parts["en"].questions:
            raise SectionError(f"{self.where}: no section '## {qid}' (the file has: {', '.join(self.ids)})")
        sections = {lang: part.questions[qid] for lang, part in self.parts.items()}
        en = sections["en"]
        if "solution" not in en:
            raise SectionError(f"{self.where}: question {qid!r} has no '### solution' section")

        def both(key: str) -> dict[str, str]:
            return {lang: sections[lang][key] for lang in sections}

        return {
            "prompt": both("prompt"),
            "hints": [{lang: sections[lang]["hints"][i] for lang in sections} for i in range(len(en["hints"]))],
            "solution": both("solution"),
            "mistake_texts": {key.split(None, 1)[1]: both(key) for key in en if key.startswith("mistake ")},
        }


def bank_text(module_file: str | Path) -> BankText:
    """The text of the bank whose keys are in ``module_file`` (``banks/<name>.py``): its ``.en.md`` and
    ``.zh.md`` files."""
    path = Path(module_file)
    parts = {}
    for language in LANGUAGES:
        md = path.with_name(f"{path.stem}.{language}.md")
        if not md.exists():
            raise SectionError(f"bank {path.stem}: its {language} text {md.name} is missing (next to {path.name})")
        parts[language] = parse(md.read_text(encoding="utf-8"), md.name)
    return BankText(parts, path.stem)
