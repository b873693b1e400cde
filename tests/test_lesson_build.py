"""The lesson notebooks are built from their MyST Markdown sources (``make notebooks``), and the committed
ones are in sync.

``lessons/en/<name>.md`` builds ``notebooks/<name>.ipynb`` and ``lessons/zh/<name>.md`` builds
``notebooks/zh/<name>.ipynb`` (docs/authoring.md). These tests fail when a committed notebook differs from
what its source builds, or has no source; and check that the build is deterministic (cell ids from the
cells' places, nothing from jupytext's version or random ids), that ``--import`` loses nothing, and that
the exercise build writes its notebooks with the same writer.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from crmlib import authoring
from crmlib.authoring import (SourceConflict, build, import_sources, lesson_names, lesson_text, main, notebook_path,
                              read_source, source_path, source_text)
from crmlib.exercises import build as exercise_build

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "zh")
LESSONS = [(language, name) for language in LANGUAGES for name in lesson_names(REPO, language)]
COMMITTED = [(language, name) for language in LANGUAGES for name in lesson_names(REPO, language, "notebooks")]

TINY = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
    jupytext_version: 1.19.6
kernelspec:
  display_name: Python 3 (ipykernel)
  language: python
  name: python3
---

# 01 · A lesson

**After this notebook you can** add.

```{code-cell}
x = 1 + 1
```

+++

## Summary

Addition.
"""


def _ids(cases: list[tuple[str, str]]) -> list[str]:
    return [f"{language}/{name}" for language, name in cases]


def _kit(tmp_path: Path, source: str = TINY, name: str = "01_a", language: str = "en") -> Path:
    path = source_path(tmp_path, name, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def test_every_lesson_has_a_source_and_every_source_a_notebook() -> None:
    for language in LANGUAGES:
        assert lesson_names(REPO, language) == lesson_names(REPO, language, "notebooks"), (
            f"lessons/{language}/*.md and the {language} notebooks differ: a notebook without a source cannot be "
            "rebuilt (import it: python kit.py notebooks --import); a source without a notebook is not built "
            "(make notebooks)")
    assert lesson_names(REPO, "en") == ["00_start_here", "01_crm_background", "02_value_chain",
                                        "03_customer_portfolio", "04_telecom_case"]


@pytest.mark.parametrize(("language", "name"), LESSONS, ids=_ids(LESSONS))
def test_committed_notebook_is_what_its_source_builds(language: str, name: str) -> None:
    path = notebook_path(REPO, name, language)
    assert path.exists(), f"{path.relative_to(REPO)} is missing: run `make notebooks`"
    assert path.read_bytes() == lesson_text(source_path(REPO, name, language)).encode("utf-8"), (
        f"{path.relative_to(REPO)} differs from lessons/{language}/{name}.md: edit the source and run "
        "`make notebooks`; if the notebook was edited on purpose, `python kit.py notebooks --import --force`")


@pytest.mark.parametrize(("language", "name"), COMMITTED, ids=_ids(COMMITTED))
def test_import_loses_nothing(language: str, name: str) -> None:
    """What ``--import`` writes from a committed notebook builds that notebook again, byte for byte (so a
    notebook edited by hand, e.g. in a merge, can be turned back into its source)."""
    path = notebook_path(REPO, name, language)
    assert notebook_json_of(source_text(path)) == path.read_text(encoding="utf-8"), (
        f"{path.relative_to(REPO)} holds what a source cannot (outputs, attachments, cell ids or a layout of "
        "its own): `python kit.py notebooks --import --force`, then `make notebooks`, rewrites it in the build's form")


def notebook_json_of(source: str) -> str:
    return authoring.notebook_json(read_source(source))


@pytest.mark.parametrize(("language", "name"), LESSONS, ids=_ids(LESSONS))
def test_built_notebook_is_valid_clean_and_numbered(language: str, name: str) -> None:
    text = lesson_text(source_path(REPO, name, language))
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    assert [c.id for c in nb.cells] == [f"c{i:02d}" for i in range(len(nb.cells))]
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")
    assert nb.metadata.kernelspec.name == "python3" and "jupytext" not in nb.metadata


def test_the_build_depends_on_the_source_only(tmp_path: Path) -> None:
    first = notebook_json_of(TINY)
    assert notebook_json_of(TINY) == first  # no random ids
    assert notebook_json_of(TINY.replace("jupytext_version: 1.19.6", "jupytext_version: 1.0.0")) == first
    assert notebook_json_of(TINY.replace("x = 1 + 1", "x = 1 + 2")) != first
    no_header = TINY.split("---\n", 2)[2]  # a source written by hand, without jupytext's header
    assert notebook_json_of(no_header) == first
    nb = json.loads(first)
    assert [c["id"] for c in nb["cells"]] == ["c00", "c01", "c02"]
    assert [c["cell_type"] for c in nb["cells"]] == ["markdown", "code", "markdown"]
    assert first.startswith('{\n "cells": [\n  {\n   "cell_type": "markdown",\n   "id": "c00",')
    assert "\r" not in first and first.endswith("}\n")


def test_a_crlf_source_builds_the_same_notebook(tmp_path: Path) -> None:
    source = _kit(tmp_path, TINY)
    source.write_bytes(TINY.replace("\n", "\r\n").encode("utf-8"))
    assert lesson_text(source) == notebook_json_of(TINY)


def test_check_mode_reports_a_notebook_edited_by_hand(tmp_path: Path) -> None:
    _kit(tmp_path)
    target = notebook_path(tmp_path, "01_a")
    assert build(tmp_path, check=True) == [target] and not target.exists()  # missing
    assert build(tmp_path) == [target] and build(tmp_path, check=True) == []
    target.write_text(target.read_text(encoding="utf-8").replace("Addition.", "Subtraction."), encoding="utf-8")
    assert build(tmp_path, check=True) == [target]
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert main(["--root", str(tmp_path)]) == 0 and build(tmp_path, check=True) == []


def test_a_notebook_without_a_source_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _kit(tmp_path)
    build(tmp_path)
    stray = notebook_path(tmp_path, "02_b")
    stray.write_bytes(notebook_path(tmp_path, "01_a").read_bytes())
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert "no source: notebooks/02_b.ipynb" in capsys.readouterr().err


def test_the_chinese_edition_is_built_under_notebooks_zh(tmp_path: Path) -> None:
    _kit(tmp_path, TINY.replace("Addition.", "加法。"), language="zh")
    assert build(tmp_path, ("en",)) == []
    assert build(tmp_path, ("en", "zh")) == [tmp_path / "notebooks" / "zh" / "01_a.ipynb"]
    assert "加法。" in (tmp_path / "notebooks" / "zh" / "01_a.ipynb").read_text(encoding="utf-8")  # not \\u escapes


def test_import_writes_missing_sources_and_keeps_sources_in_step(tmp_path: Path) -> None:
    _kit(tmp_path)
    build(tmp_path)
    source = source_path(tmp_path, "01_a")
    source.unlink()
    assert import_sources(tmp_path) == [source]
    assert lesson_text(source) == notebook_path(tmp_path, "01_a").read_text(encoding="utf-8")
    hand_written = source.read_text(encoding="utf-8").replace("\n\n+++\n", "\n+++\n")  # same notebook, other text
    source.write_text(hand_written, encoding="utf-8")
    assert import_sources(tmp_path) == [] and source.read_text(encoding="utf-8") == hand_written


def test_import_refuses_to_overwrite_a_source_that_was_edited(tmp_path: Path) -> None:
    source = _kit(tmp_path)
    build(tmp_path)
    source.write_text(TINY.replace("Addition.", "Addition, edited."), encoding="utf-8")
    with pytest.raises(SourceConflict, match="lessons/en/01_a.md: the source builds another notebook"):
        import_sources(tmp_path)
    assert "edited" in source.read_text(encoding="utf-8")  # nothing written
    assert main(["--root", str(tmp_path), "--import"]) == 1
    assert main(["--root", str(tmp_path), "--import", "--force"]) == 0
    assert "edited" not in source.read_text(encoding="utf-8")
    assert build(tmp_path, check=True) == []


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="language must be one of en, zh; got 'fr'"):
        source_path(REPO, "01_crm_background", "fr")
    with pytest.raises(FileNotFoundError, match="no lesson source"):
        lesson_text(REPO / "lessons" / "en" / "99_missing.md")
    with pytest.raises(ValueError, match="x.md: not a MyST Markdown notebook .*'display_name' is a required property"):
        read_source(TINY.replace("  display_name: Python 3 (ipykernel)\n", ""), "x.md")
    with pytest.raises(ValueError, match="kernelspec needs display_name, language, name; missing: language"):
        authoring.notebook([], {"display_name": "Python", "name": "python3"})
    with pytest.raises(TypeError, match="x.md: a source is text; got bytes"):
        read_source(TINY.encode(), "x.md")
    with pytest.raises(SystemExit):
        main(["--check", "--import"])


def test_the_exercise_build_uses_the_same_writer() -> None:
    nb = exercise_build.notebook("01_crm_background")
    assert exercise_build.notebook_text("01_crm_background") == authoring.notebook_json(nb)
    assert nb["metadata"] == read_source(TINY)["metadata"]
