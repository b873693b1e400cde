"""Lessons as text: MyST Markdown sources built into the notebooks students open (``make notebooks``).

Each lesson is written as a MyST Markdown notebook, ``lessons/<language>/<name>.md``, and built into
``notebooks/<name>.ipynb`` (English) or ``notebooks/<language>/<name>.ipynb``. jupytext reads the source;
this module writes the notebook itself, so that a build is the same bytes on every machine: nbformat 4.5
JSON with a one-space indent, no outputs, cell ids ``c00``, ``c01``, ... from each cell's place in the
source (not jupytext's random ones), and the kernel named in the source's header. The exercise build
(``crmlib.exercises.build``) writes its notebooks with the same writer.

    >>> nb = read_source("# A lesson\\n\\n```{code-cell}\\n1 + 1\\n```\\n")
    >>> [(c["id"], c["cell_type"], c["source"]) for c in nb["cells"]]
    [('c00', 'markdown', '# A lesson'), ('c01', 'code', '1 + 1')]
    >>> print(notebook_json(nb))  # doctest: +ELLIPSIS
    {
     "cells": [
      {
       "cell_type": "markdown",
       "id": "c00",
       "metadata": {},
       "source": [
        "# A lesson"
       ]
      },
    ...
     "nbformat_minor": 5
    }
    <BLANKLINE>

``python -m crmlib.authoring`` builds every notebook; ``--check`` only compares; ``--import`` writes the
sources from the committed notebooks (once, or again after someone edited a notebook by hand).
Twin lessons are compared by :func:`twin_differences` (``tests/test_translation_sync.py``).

The module lives in crmlib rather than in a script beside the kit because the exercise build shares its
writer, its doctests run with the library's, and whoever installs the kit can build a lesson of their own
the same way. jupytext is imported only when a source is read or written, so the base install
(``make lab``, ``make exercises``) does not need it.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import io
import json
import re
import sys
import tokenize
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from crmlib.i18n import LANGUAGES

__all__ = [
    "KERNELSPEC", "SOURCE_FORMAT", "cell", "notebook", "notebook_json", "read_source", "lesson_text",
    "source_text", "source_path", "notebook_path", "lesson_names", "build", "orphans", "import_sources",
    "SourceConflict",
    "code_tokens", "headings", "widget_calls", "questions", "printed_text", "twin_differences", "main",
]

SOURCE_FORMAT = "md:myst"
"""jupytext's name for the lessons' text format: MyST Markdown notebooks (```{code-cell}``` blocks)."""

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
"""The kernel of every kit notebook; a source's header may name another."""

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)(?=[.\s·:)]|$)")
QUESTION_METHODS = ("check", "hint", "solution")


# --- writing notebooks (shared with the exercise build) -------------------------------------------------

def cell(kind: str, source: str, number: int, metadata: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One cell as nbformat data, with the stable id ``c<number>`` (two digits at least) and no outputs.

    >>> cell("code", "x = 1", 3)
    {'cell_type': 'code', 'id': 'c03', 'metadata': {}, 'source': 'x = 1', 'execution_count': None, 'outputs': []}
    >>> cell("image", "", 0)
    Traceback (most recent call last):
    ...
    ValueError: cell kind must be one of code, markdown, raw; got 'image'
    """
    if kind not in ("code", "markdown", "raw"):
        raise ValueError(f"cell kind must be one of code, markdown, raw; got {kind!r}")
    data: dict[str, Any] = {"cell_type": kind, "id": f"c{number:02d}", "metadata": _sorted(metadata or {}),
                            "source": source}
    if kind == "code":
        data["execution_count"] = None
        data["outputs"] = []
    return data


def notebook(cells: Sequence[Mapping[str, Any]], kernelspec: Mapping[str, str] | None = None,
             extra_metadata: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A notebook (nbformat 4.5) of ``cells``, run by ``kernelspec`` (the kit's Python kernel by default).

    >>> notebook([])["metadata"]
    {'kernelspec': {'display_name': 'Python 3 (ipykernel)', 'language': 'python', 'name': 'python3'}, 'language_info': {'name': 'python'}}
    """
    spec = dict(kernelspec or KERNELSPEC)
    missing = [key for key in KERNELSPEC if not spec.get(key)]
    if missing:
        raise ValueError(f"kernelspec needs {', '.join(KERNELSPEC)}; missing: {', '.join(missing)} (found {spec})")
    metadata = {"kernelspec": spec, "language_info": {"name": spec["language"]}, **dict(extra_metadata or {})}
    return {"cells": [dict(c) for c in cells], "metadata": _sorted(metadata), "nbformat": 4, "nbformat_minor": 5}


def notebook_json(nb: Mapping[str, Any]) -> str:
    """The text of the ``.ipynb`` file: nbformat's layout (one-space indent, each source split into lines),
    UTF-8 characters as they are, one newline at the end.

    >>> notebook_json(notebook([cell("raw", "a\\nb", 0)])).count('"a\\\\n",')
    1
    """
    data = dict(nb)
    data["cells"] = [{**c, "source": c["source"].splitlines(keepends=True)} if isinstance(c["source"], str) else dict(c)
                     for c in nb["cells"]]
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


# --- lessons: source <-> notebook ------------------------------------------------------------------------

class SourceConflict(Exception):
    """``--import`` found a source that builds another notebook than the committed one (so one was edited)."""


def _jupytext() -> Any:
    try:
        import jupytext
    except ModuleNotFoundError as error:  # the base install (make lab) has no jupytext
        raise ModuleNotFoundError(
            "building lessons needs jupytext, which the kit's test extra installs: run `make notebooks` "
            "(or `python kit.py notebooks`), or `pip install -e .[test]`") from error
    return jupytext


def read_source(text: str, origin: str = "<source>") -> dict[str, Any]:
    """The notebook a MyST Markdown source describes (nbformat data; ids from the cells' places).

    Notebook metadata other than the kernel comes from the header too; jupytext's own entry is left out,
    so the notebook does not depend on which jupytext wrote the source.

    >>> read_source("# T\\n\\n+++\\n\\nMore.\\n")["cells"][1]
    {'cell_type': 'markdown', 'id': 'c01', 'metadata': {}, 'source': 'More.'}
    """
    jupytext = _jupytext()
    if not isinstance(text, str):
        raise TypeError(f"{origin}: a source is text; got {type(text).__name__}")
    try:
        parsed = jupytext.reads(text, fmt=SOURCE_FORMAT)
    except Exception as error:  # jupytext raises several kinds; say which file
        raise ValueError(f"{origin}: not a MyST Markdown notebook jupytext can read: {error}") from error
    metadata = {k: v for k, v in parsed.metadata.items() if k not in ("jupytext", "kernelspec", "language_info")}
    kernelspec = parsed.metadata.get("kernelspec", KERNELSPEC)
    try:
        nb = notebook([cell(c.cell_type, c.source, i, c.metadata) for i, c in enumerate(parsed.cells)],
                      kernelspec, metadata)
    except ValueError as error:
        raise ValueError(f"{origin}: {error}") from error
    if "language_info" in parsed.metadata:
        nb["metadata"]["language_info"] = _sorted(dict(parsed.metadata["language_info"]))
    return nb


def lesson_text(source: Path) -> str:
    """The ``.ipynb`` text a lesson source builds (see :func:`build` for an example)."""
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"no lesson source {source}")
    return notebook_json(read_source(source.read_text(encoding="utf-8"), str(source)))


def source_text(ipynb: Path) -> str:
    """The MyST Markdown source of a committed notebook, as jupytext writes it (``--import``; see
    :func:`import_sources` for an example)."""
    jupytext = _jupytext()
    ipynb = Path(ipynb)
    if not ipynb.is_file():
        raise FileNotFoundError(f"no notebook {ipynb}")
    return jupytext.writes(jupytext.read(ipynb), fmt=SOURCE_FORMAT)


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    return language


def source_path(root: Path, name: str, language: str = "en") -> Path:
    """``lessons/<language>/<name>.md``.

    >>> source_path(Path("kit"), "01_crm_background", "zh").as_posix()
    'kit/lessons/zh/01_crm_background.md'
    """
    return Path(root) / "lessons" / _language(language) / f"{name}.md"


def notebook_path(root: Path, name: str, language: str = "en") -> Path:
    """``notebooks/<name>.ipynb`` for English, ``notebooks/<language>/<name>.ipynb`` for another language.

    >>> notebook_path(Path("kit"), "01_crm_background", "zh").as_posix()
    'kit/notebooks/zh/01_crm_background.ipynb'
    """
    folder = Path(root) / "notebooks"
    return (folder if _language(language) == "en" else folder / language) / f"{name}.ipynb"


def lesson_names(root: Path, language: str = "en", of: str = "sources") -> list[str]:
    """The lessons that have a source (``of="sources"``) or a committed notebook (``of="notebooks"``).

    >>> lesson_names(Path(__file__).resolve().parents[1])[:2]  # this kit's lessons
    ['00_start_here', '01_crm_background']
    """
    if of == "sources":
        folder, pattern = Path(root) / "lessons" / _language(language), "*.md"
    elif of == "notebooks":
        folder, pattern = notebook_path(root, "x", language).parent, "*.ipynb"
    else:
        raise ValueError(f"of must be 'sources' or 'notebooks'; got {of!r}")
    return sorted(p.stem for p in folder.glob(pattern) if p.is_file())


def build(root: Path, languages: Iterable[str] = ("en",), check: bool = False) -> list[Path]:
    """Write (or with ``check``, only compare) the notebook of every lesson source; returns the notebooks
    that changed (with ``check``: that differ from their source's build, or are missing). A committed
    notebook with no source is not rebuilt: :func:`orphans` lists it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = Path(tmp)
    ...     source = source_path(root, "01_x")
    ...     source.parent.mkdir(parents=True)
    ...     _ = source.write_text("# X\\n\\n```{code-cell}\\n1 + 1\\n```\\n", encoding="utf-8")
    ...     print([p.relative_to(root).as_posix() for p in build(root, check=True)], end=" ")  # not built yet
    ...     print([p.relative_to(root).as_posix() for p in build(root)], build(root, check=True), orphans(root))
    ['notebooks/01_x.ipynb'] ['notebooks/01_x.ipynb'] [] []
    """
    changed = []
    for language in languages:
        for name in lesson_names(root, language):
            path = notebook_path(root, name, language)
            text = lesson_text(source_path(root, name, language)).encode("utf-8")
            if path.exists() and path.read_bytes() == text:
                continue
            changed.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text)
    return changed


def orphans(root: Path, languages: Iterable[str] = ("en",)) -> list[Path]:
    """Committed notebooks with no lesson source (see :func:`build`)."""
    return [notebook_path(root, name, language) for language in languages
            for name in sorted(set(lesson_names(root, language, "notebooks")) - set(lesson_names(root, language)))]


def import_sources(root: Path, languages: Iterable[str] = ("en",), force: bool = False) -> list[Path]:
    """Write each committed notebook's source: missing sources, and (with ``force``) sources whose build
    differs from the committed notebook. A source that builds its notebook exactly is left as it is.
    Returns the sources written; raises :class:`SourceConflict` (writing nothing) for a differing source
    without ``force``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = Path(tmp)
    ...     ipynb = notebook_path(root, "01_x")
    ...     ipynb.parent.mkdir(parents=True)
    ...     _ = ipynb.write_text(notebook_json(notebook([cell("code", "1 + 1", 0)])), encoding="utf-8")
    ...     print([p.relative_to(root).as_posix() for p in import_sources(root)], import_sources(root))
    ...     print(source_text(ipynb).split("---", 2)[2].strip())
    ['lessons/en/01_x.md'] []
    ```{code-cell}
    1 + 1
    ```
    """
    plan, conflicts = [], []
    for language in languages:
        for name in lesson_names(root, language, "notebooks"):
            ipynb, source = notebook_path(root, name, language), source_path(root, name, language)
            if source.exists() and lesson_text(source).encode("utf-8") == ipynb.read_bytes():
                continue
            if source.exists() and not force:
                conflicts.append(source)
                continue
            plan.append((source, source_text(ipynb)))
    if conflicts:
        rel = ", ".join(p.relative_to(root).as_posix() for p in conflicts)
        raise SourceConflict(
            f"{rel}: the source builds another notebook than the one committed, so one of them was edited. "
            "If the source is newer, build the notebooks (`make notebooks`); if the notebook is newer, "
            "replace the source with `python kit.py notebooks --import --force`.")
    for source, text in plan:
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(text.encode("utf-8"))
    return [source for source, _ in plan]


# --- twins: what must be the same in a lesson and its translation ----------------------------------------

def _code_cells(nb: Mapping[str, Any]) -> list[tuple[int, str]]:
    return [(i, _text(c)) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]


def _text(c: Mapping[str, Any]) -> str:
    source = c["source"]
    return source if isinstance(source, str) else "".join(source)


def code_tokens(source: str) -> list[tuple[str, str]]:
    """The tokens of a code cell that must match its twin's: comments, blank lines and spacing dropped,
    each string literal (an f-string too) kept whole as one ``("STRING", text)`` token.

    >>> code_tokens('x = f"{a:.1%} left"  # a comment')
    [('NAME', 'x'), ('OP', '='), ('STRING', 'f"{a:.1%} left"'), ('NEWLINE', '')]
    >>> code_tokens("if x:\\n  y = (1,\\n       2)") == code_tokens("if x:\\n    y = (1, 2)")
    True
    """
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
    fstring_start = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+ splits f-strings into parts
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    tokens: list[tuple[str, str]] = []
    depth, parts = 0, []
    lines = source.splitlines(keepends=True)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if fstring_start is not None and tok.type == fstring_start:
                depth += 1
                if depth == 1:
                    parts = [tok.start]
                continue
            if depth:
                if tok.type == fstring_end:
                    depth -= 1
                    if depth == 0:
                        tokens.append(("STRING", _span(lines, parts[0], tok.end)))
                continue
            if tok.type in skip:
                continue
            kind = tokenize.tok_name[tok.type]
            blank = tok.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)  # how deep, not how many spaces
            tokens.append((kind, "" if blank else tok.string))
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        raise ValueError(f"not Python that can be compared: {error}") from error
    return tokens


def _span(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    (row0, col0), (row1, col1) = start, end
    if row0 == row1:
        return lines[row0 - 1][col0:col1]
    return lines[row0 - 1][col0:] + "".join(lines[row0:row1 - 1]) + lines[row1 - 1][:col1]


def _translated(en: str, other: str) -> bool:
    """True where two string literals at the same place may differ: the same, a translation (the other
    language's literal has Chinese characters, and an f-string fills in the same values, in any order),
    or one language code for another.

    >>> _translated('f"{n} left in {year}"', 'f"{year} 年流失 {n} 位"'), _translated('f"{n} left"', 'f"流失 {m} 位"')
    (True, False)
    """
    if en == other:
        return True
    if CJK.search(other):
        return _filled_in(en) == _filled_in(other)
    try:
        return ast.literal_eval(en) in LANGUAGES and ast.literal_eval(other) in LANGUAGES
    except (ValueError, SyntaxError):  # an f-string is not a literal ast can evaluate
        return False


def _filled_in(literal: str) -> list[str]:
    """What an f-string fills in (each ``{…}`` with its conversion and format), sorted; empty for a plain string."""
    try:
        tree = ast.parse(literal.strip(), mode="eval")
    except SyntaxError:
        return [literal]  # cannot be read: only an identical literal matches
    return sorted(ast.dump(node) for node in ast.walk(tree) if isinstance(node, ast.FormattedValue))


def _language_setting(source: str, language: str) -> tuple[str, bool]:
    """A first code cell without its ``crmlib.set_language(language)`` statement, and whether it had one."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source, False
    drop: set[int] = set()
    found = False
    for node in tree.body:
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and _call_name(node.value) == "set_language"
                and [_constant(a) for a in node.value.args] == [language]):
            drop.update(range(node.lineno, node.end_lineno + 1))
            found = True
    lines = source.splitlines(keepends=True)
    return "".join(line for n, line in enumerate(lines, start=1) if n not in drop), found


def _without_import(source: str) -> str:
    lines = [line for line in source.splitlines(keepends=True) if line.strip() != "import crmlib"]
    return "".join(lines)


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _constant(node: ast.AST) -> Any:
    return node.value if isinstance(node, ast.Constant) else None


def _markdown_lines(text: str) -> list[str]:
    """The lines of a markdown cell outside fenced code blocks."""
    out, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return out


def headings(nb: Mapping[str, Any]) -> list[tuple[int, str | None]]:
    """Every ``#`` heading of the markdown cells, as (level, section number or None), in order.

    >>> headings({"cells": [{"cell_type": "markdown", "source": "# 01 · CRM\\n\\n## 2.1 Why\\n## Summary"}]})
    [(1, '01'), (2, '2.1'), (2, None)]
    """
    found = []
    for c in nb["cells"]:
        if c["cell_type"] != "markdown":
            continue
        for line in _markdown_lines(_text(c)):
            match = HEADING.match(line)
            if match:
                number = SECTION_NUMBER.match(match.group(2))
                found.append((len(match.group(1)), number.group(1) if number else None))
    return found


def _skeleton(nb: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """Headings and code cells in order: where each heading stands among the code."""
    items: list[tuple[Any, ...]] = []
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] == "code":
            items.append(("code",))
        elif c["cell_type"] == "markdown":
            items += [("heading", *h) for h in headings({"cells": [c]})]
    return items


def widget_calls(source: str, names: Iterable[str]) -> list[str]:
    """The widgets a code cell calls (functions named in ``names``, e.g. ``crmlib.widgets.__all__``), each
    with its keyword arguments, in the order they appear.

    >>> widget_calls('widgets.clv_app(margin=950, retention_rate=0.8)', ["clv_app"])
    ['clv_app(margin, retention_rate)']
    """
    wanted = set(names)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _call_name(node) in wanted]
    calls.sort(key=lambda node: (node.lineno, node.col_offset))
    return [f"{_call_name(c)}({', '.join([*(['…'] * len(c.args)), *(k.arg or '**' for k in c.keywords)])})"
            for c in calls]


def questions(nb: Mapping[str, Any]) -> list[str]:
    """The questions a notebook asks: the exercise it loads and each ``q.check()`` / ``hint()`` /
    ``solution()`` call, in order; then how many questions the closing summary asks the student
    ("check your understanding"), counted as ``?`` / ``？`` outside headings, code and links.

    Question marks elsewhere in the prose are not counted: a translation may rightly turn "Stuck?" into
    a statement, but a self-check question stays a question.

    >>> questions({"cells": [{"cell_type": "code", "source": 'ex = load("01_x")\\nex.q1.check()'},
    ...                      {"cell_type": "markdown", "source": "## Summary\\n\\nWhy? And `a?`"}]})
    ["load('01_x')", 'q1.check()', 'questions in the summary: 1']
    """
    found = []
    for _, source in _code_cells(nb):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
        for call in calls:
            func = call.func
            if _call_name(call) == "load" and (isinstance(func, ast.Name) or _dotted(func.value).endswith("exercises")):
                found.append(f"load({', '.join(repr(_constant(a)) for a in call.args)})")
            elif (isinstance(func, ast.Attribute) and func.attr in QUESTION_METHODS
                  and isinstance(func.value, ast.Attribute)):
                found.append(f"{func.value.attr}.{func.attr}()")
    markdown = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    if markdown:
        prose = [re.sub(r"`[^`]*`|<[^>]*>|https?://\S+", "", line) for line in _markdown_lines(_text(markdown[-1]))
                 if not HEADING.match(line)]
        found.append(f"questions in the summary: {sum(p.count('?') + p.count('？') for p in prose)}")
    return found


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def printed_text(nb: Mapping[str, Any]) -> list[tuple[int, str]]:
    """The literal text each ``print(...)`` of a notebook shows, as (cell index, text): the string literals
    among its arguments, an f-string's fixed parts with ``{…}`` for what it fills in.

    >>> printed_text({"cells": [{"cell_type": "code", "source": 'print(f"Weakest link: {w}", n)'}]})
    [(0, 'Weakest link: {…}')]
    """
    found = []
    for index, source in _code_cells(nb):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call) and _call_name(n) == "print"
                        and isinstance(n.func, ast.Name)), key=lambda n: (n.lineno, n.col_offset))
        for call in calls:
            parts = [_literal_text(arg) for arg in call.args]
            text = " ".join(p for p in parts if p)
            if text:
                found.append((index, text))
    return found


def _literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values)
    if isinstance(node, ast.BinOp):  # "a" + f"b"
        return _literal_text(node.left) + _literal_text(node.right)
    return ""


def twin_differences(en: Mapping[str, Any], other: Mapping[str, Any], widgets: Iterable[str] = (),
                     language: str = "zh") -> list[str]:
    """How a translated notebook (``other``, in ``language``) has drifted from its English twin; empty
    when they are in step. The rules (docs/authoring.md):

    - **code**: the same code cells in the same order, token for token once comments, blank lines and
      spacing are dropped; a string literal may differ only where the translation's literal holds Chinese
      characters (an f-string filling in the same values, in any order) or one language code stands for
      another. The translation's first code cell must call
      ``crmlib.set_language("<language>")``; that statement (and an ``import crmlib`` for it) is its only
      allowed extra.
    - **headings**: the same ``#`` headings (level and section number) in the same order, at the same
      places among the code cells.
    - **widgets**: the same widget calls (``widgets``: their names) with the same keyword arguments.
    - **questions**: the same exercise loaded, the same questions checked, hinted and solved, and as many
      self-check questions in the closing summary.

    >>> en = {"cells": [{"cell_type": "code", "source": 'print("Hello")'}]}
    >>> zh = {"cells": [{"cell_type": "code", "source": 'import crmlib\\ncrmlib.set_language("zh")\\nprint("你好")'}]}
    >>> twin_differences(en, zh)
    []
    >>> twin_differences(en, {"cells": [{"cell_type": "code", "source": 'print("Hi")'}]})[0]
    'the first code cell does not set the language: it needs crmlib.set_language("zh")'
    """
    problems: list[str] = []
    en_code, other_code = _code_cells(en), _code_cells(other)
    if other_code:
        first, found = _language_setting(other_code[0][1], language)
        if not found:
            problems.append(f'the first code cell does not set the language: it needs crmlib.set_language("{language}")')
        if en_code and "import crmlib" not in {line.strip() for line in en_code[0][1].splitlines()}:
            first = _without_import(first)
        other_code[0] = (other_code[0][0], first)
    problems += _code_differences(en_code, other_code, language)
    en_skeleton, other_skeleton = _skeleton(en), _skeleton(other)
    if [s for s in en_skeleton if s[0] == "heading"] != [s for s in other_skeleton if s[0] == "heading"]:
        problems.append("headings differ: " + _sequence_diff(
            [_heading_name(s) for s in en_skeleton if s[0] == "heading"],
            [_heading_name(s) for s in other_skeleton if s[0] == "heading"], language))
    elif en_skeleton != other_skeleton:
        problems.append("a heading stands at another place among the code cells: " + _sequence_diff(
            [_heading_name(s) for s in en_skeleton], [_heading_name(s) for s in other_skeleton], language))
    names = list(widgets)
    en_widgets = [w for _, code in en_code for w in widget_calls(code, names)]
    other_widgets = [w for _, code in other_code for w in widget_calls(code, names)]
    if en_widgets != other_widgets:
        problems.append("widgets differ: " + _sequence_diff(en_widgets, other_widgets, language))
    en_questions, other_questions = questions(en), questions(other)
    if en_questions != other_questions:
        problems.append("questions differ: " + _sequence_diff(en_questions, other_questions, language))
    return problems


def _heading_name(item: tuple[Any, ...]) -> str:
    if item[0] == "code":
        return "(code cell)"
    return "#" * item[1] + (f" {item[2]}" if item[2] else " (no number)")


def _sequence_diff(en: list[str], other: list[str], language: str) -> str:
    """Where two lists part ways, e.g. "after '## 1': en has '### 1.1', zh has nothing"."""
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=en, b=other, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        where = f"after {en[i1 - 1]!r}" if i1 else "at the start"
        changes.append(f"{where}: en has {', '.join(map(repr, en[i1:i2])) or 'nothing'}, "
                       f"{language} has {', '.join(map(repr, other[j1:j2])) or 'nothing'}")
    return "; ".join(changes)


def _code_differences(en: list[tuple[int, str]], other: list[tuple[int, str]], language: str) -> list[str]:
    def tokens(index: int, source: str, lang: str) -> list[tuple[str, str]] | str:
        try:
            return code_tokens(source)
        except ValueError as error:
            return f"{lang} cell {index}: {error}"

    en_tokens = [tokens(i, s, "en") for i, s in en]
    other_tokens = [tokens(i, s, language) for i, s in other]
    broken = [t for t in en_tokens + other_tokens if isinstance(t, str)]
    if broken:
        return broken

    def masked(toks: Any) -> tuple[tuple[str, str], ...]:
        return tuple(("STRING", "") if kind == "STRING" else (kind, text) for kind, text in toks)

    problems = []
    matcher = difflib.SequenceMatcher(a=[masked(t) for t in en_tokens], b=[masked(t) for t in other_tokens],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                a_index, b_index = en[i1 + k][0], other[j1 + k][0]
                for (_, a), (_, b) in zip(en_tokens[i1 + k], other_tokens[j1 + k]):
                    if a != b and not _translated(a, b):
                        problems.append(f"code cell {i1 + k + 1} (en cell {a_index}, {language} cell {b_index}): "
                                        f"the string {a} became {b}, which is no translation")
                        break
        elif op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                (a_index, a_source), (b_index, b_source) = en[i1 + k], other[j1 + k]
                problems.append(f"code cell {i1 + k + 1} differs (en cell {a_index}, {language} cell {b_index}): "
                                + _line_diff(a_source, b_source, language))
        else:
            for a_index, a_source in en[i1:i2]:
                problems.append(f"en cell {a_index} has no twin in {language}: {_first_line(a_source)!r}")
            for b_index, b_source in other[j1:j2]:
                problems.append(f"{language} cell {b_index} has no twin in en: {_first_line(b_source)!r}")
    return problems


def _first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip()]
    return lines[0] if lines else ""


def _line_diff(a: str, b: str, language: str) -> str:
    changed = [line for line in difflib.unified_diff(a.splitlines(), b.splitlines(), "en", language, n=0, lineterm="")
               if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    return " | ".join(changed[:4]) + (" | …" if len(changed) > 4 else "")


# --- command line ---------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """``python -m crmlib.authoring [--root DIR] [--language en|zh|all] [--check | --import [--force]]``;
    returns the exit code (1 when ``--check`` finds a difference, a notebook has no source, or ``--import``
    meets a conflict)."""
    parser = argparse.ArgumentParser(prog="python -m crmlib.authoring", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the kit's folder (default: here)")
    parser.add_argument("--language", choices=[*LANGUAGES, "all"], default="all",
                        help="which edition: en (notebooks/), zh (notebooks/zh/) or all (the default)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help="only report notebooks that differ from their sources")
    action.add_argument("--import", dest="import_", action="store_true",
                        help="write lessons/<language>/*.md from the committed notebooks (missing ones only)")
    parser.add_argument("--force", action="store_true",
                        help="with --import: also replace sources that build another notebook than the committed one")
    args = parser.parse_args(argv)
    if args.force and not args.import_:
        parser.error("--force goes with --import")
    root = args.root.resolve()
    languages = tuple(LANGUAGES) if args.language == "all" else (args.language,)
    if args.import_:
        try:
            written = import_sources(root, languages, force=args.force)
        except SourceConflict as error:
            print(error, file=sys.stderr)
            return 1
        for path in written:
            print(f"imported: {path.relative_to(root).as_posix()}")
        if not written:
            print("every lesson source already builds its committed notebook")
        return 0
    changed = build(root, languages, check=args.check)
    for path in changed:
        print(f"{'differs' if args.check else 'built'}: {path.relative_to(root).as_posix()}")
    lost = orphans(root, languages)
    for path in lost:
        print(f"no source: {path.relative_to(root).as_posix()} (import it: python kit.py notebooks --import)",
              file=sys.stderr)
    if args.check and changed:
        print("run `make notebooks` (or `python kit.py notebooks`) to rebuild them", file=sys.stderr)
    if (args.check and changed) or lost:
        return 1
    if not changed:
        print("lesson notebooks are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
