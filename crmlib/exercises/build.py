"""Build the exercise notebooks from their banks: ``python -m crmlib.exercises.build`` (``make exercises``).

Each bank (``banks/<name>.py`` with its ``.en.md`` / ``.zh.md`` text) gives one notebook
``exercises/<id>.ipynb``: the title, what the exercise covers and how it is scored; the same setup
cell in every notebook; the bank's own setup cells; per question a prompt cell, an answer cell
holding the placeholder and a check cell; the score; the summary. With ``--language zh`` the same
build writes ``exercises/zh/<id>.ipynb`` from the Chinese text. Nothing else is read, so a built
notebook is the same on every machine (``tests/test_exercise_build.py`` compares the committed ones).

    >>> nb = notebook("01_crm_background")
    >>> nb["cells"][1]["source"].splitlines()[0]
    'from crmlib.exercises import load, ___  # leave this line as it is: ___ marks an answer not given yet'
    >>> [c["source"] for c in nb["cells"] if c["source"].startswith("ex.q1.")]
    ['ex.q1.check()']
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crmlib.authoring import cell, notebook_json
from crmlib.authoring import notebook as new_notebook
from crmlib.exercises.bank import bank_modules
from crmlib.exercises.choice import ChoiceQuestion
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.text import fmt_number, join_list, msg
from crmlib.i18n import LANGUAGES

__all__ = ["notebook", "notebook_for", "notebook_text", "target", "build", "buildable", "setup_cell", "main"]

def buildable() -> list[str]:
    """The exercises that have a notebook (a bank with ``NOTEBOOK = False``, such as lesson 00's, has none).

    >>> buildable()[:1]
    ['01_crm_background']
    """
    return [eid for eid, module in bank_modules().items() if getattr(module, "NOTEBOOK", True)]


def setup_cell(exercise_id: str, language: str = "en") -> str:
    """The first code cell of every exercise notebook: the same in each, but for the exercise's id.

    >>> print(setup_cell("02_value_chain", "zh"))
    import crmlib
    from crmlib.exercises import load, ___  # 这一行请保持原样：___ 表示尚未作答
    <BLANKLINE>
    crmlib.set_language("zh")
    ex = load("02_value_chain")
    """
    comment = msg("nb.setup_comment", language)
    if language == "en":
        return f'from crmlib.exercises import load, ___  # {comment}\n\nex = load("{exercise_id}")'
    return (f"import crmlib\nfrom crmlib.exercises import load, ___  # {comment}\n\n"
            f'crmlib.set_language("{language}")\nex = load("{exercise_id}")')


def _heading(question: Any, number: int, language: str) -> str:
    points = fmt_number(question.points)
    if question.partial:
        return msg("nb.question_partial", language, number=number, points=points)
    if question.points == 1:
        return msg("nb.question_one", language, number=number)
    return msg("nb.question", language, number=number, points=points)


def _scoring(module: Any, language: str) -> str:
    questions = module.QUESTIONS
    parts = [msg("nb.scoring", language, points=fmt_number(sum(q.points for q in questions)))]
    partial = [q.id for q in questions if q.partial]
    if partial:
        parts.append(msg("nb.scoring_partial", language, questions=join_list(partial, language)))
    free = [q.id for q in questions if isinstance(q, FreeTextQuestion)]
    if free:
        parts.append(msg("nb.scoring_free", language, questions=join_list(free, language)))
    return msg("sentence_join", language).join(parts)


def notebook(exercise_id: str, language: str = "en") -> dict[str, Any]:
    """The notebook of ``exercise_id`` in ``language``, as nbformat-4 JSON data (no outputs)."""
    modules = bank_modules()
    if exercise_id not in modules:
        raise ValueError(f"no exercise {exercise_id!r}; the exercises are: {', '.join(modules)}")
    return notebook_for(modules[exercise_id], language)


def notebook_for(module: Any, language: str = "en") -> dict[str, Any]:
    """The notebook of a bank module (``EXERCISE_ID``, ``TEXT``, ``QUESTIONS``, optional ``SETUP``), e.g. a
    bank an instructor is still writing outside the kit."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    exercise_id = module.EXERCISE_ID
    text = module.TEXT
    sources: list[tuple[str, str]] = []
    intro = [f"# {text.title[language]}", text.top("intro")[language], msg("nb.how_to", language), _scoring(module, language)]
    sources.append(("markdown", "\n\n".join(part for part in intro if part)))
    sources.append(("code", setup_cell(exercise_id, language)))
    varying = [q.id for q in module.QUESTIONS if getattr(q, "_variant", None) is not None]
    if varying:  # the student's id picks their own numbers (crmlib.exercises.variants)
        sources.append(("markdown", msg("nb.student", language, questions=join_list(varying, language))))
        sources.append(("code", f"ex.student(___)  # {msg('nb.student_comment', language)}"))
    setup_code = list(getattr(module, "SETUP", ()))
    if text.top("setup")[language]:
        sources.append(("markdown", text.top("setup")[language]))
    sources += [("code", code.strip("\n")) for code in setup_code]
    for number, question in enumerate(module.QUESTIONS, start=1):
        prompt = [f"## {_heading(question, number, language)}", question.prompt[language]]
        if isinstance(question, ChoiceQuestion):
            prompt.append("\n".join(f"- {letter}. {question.options.text(key, language)}"
                                    for letter, key in zip(question.letters, question.options.keys)))
        sources.append(("markdown", "\n\n".join(prompt)))
        sources.append(("code", question.cell))
        sources.append(("code", f"ex.{question.id}.check()"))
    sources.append(("markdown", f"## {msg('nb.score_heading', language)}\n\n{msg('nb.score', language)}"))
    sources.append(("code", "ex.score()"))
    summary = text.top("summary")[language]
    sources.append(("markdown", f"## {msg('nb.summary_heading', language)}\n\n{summary}".rstrip()))
    return new_notebook([cell(kind, source, i) for i, (kind, source) in enumerate(sources)])


def notebook_text(exercise_id: str, language: str = "en") -> str:
    """The notebook as the text of its ``.ipynb`` file, written as the lessons are (``crmlib.authoring``).

    >>> notebook_text("01_crm_background").startswith('{\\n "cells": [')
    True
    """
    return notebook_json(notebook(exercise_id, language))


def target(root: Path, exercise_id: str, language: str = "en") -> Path:
    """Where the notebook goes: ``exercises/<id>.ipynb``, or ``exercises/<language>/<id>.ipynb``."""
    folder = Path(root) / "exercises"
    return (folder if language == "en" else folder / language) / f"{exercise_id}.ipynb"


def build(root: Path, languages: tuple[str, ...] = ("en",), check: bool = False) -> list[Path]:
    """Write (or with ``check``, only compare) every exercise notebook; returns the paths that changed
    (with ``check``: that differ from what the build makes, or are missing)."""
    changed = []
    for language in languages:
        for exercise_id in buildable():
            path = target(root, exercise_id, language)
            text = notebook_text(exercise_id, language)
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old == text:
                continue
            changed.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crmlib.exercises.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the kit's folder (default: here)")
    parser.add_argument("--language", choices=[*LANGUAGES, "all"], default="all",
                        help="which edition to build: en (exercises/), zh (exercises/zh/) or all (the default)")
    parser.add_argument("--check", action="store_true", help="only report notebooks that differ from their banks")
    args = parser.parse_args(argv)
    languages = tuple(LANGUAGES) if args.language == "all" else (args.language,)
    changed = build(args.root, languages, check=args.check)
    for path in changed:
        print(f"{'differs' if args.check else 'built'}: {path.relative_to(args.root)}")
    if args.check and changed:
        print("run `make exercises` (or `python kit.py exercises`) to rebuild them", file=sys.stderr)
        return 1
    if not changed:
        print("exercise notebooks are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
