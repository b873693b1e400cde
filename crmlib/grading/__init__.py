"""Batch grading for instructors: a folder of submitted notebooks → gradebook CSV + feedback files.

From a terminal (``python -m crmlib.grade`` is the same command)::

    python -m crmlib.grading SUBMISSIONS_DIR --out OUT_DIR [--jobs 4] [--cell-timeout 60] [--language auto|en|zh]
    python -m crmlib.grading merge-freetext OUT_DIR/freetext.csv --out OUT_DIR

Each notebook runs in its own fresh kernel with time limits; the answers come back as data and are
graded here with the grader's own answer keys (``crmlib.exercises`` banks), so a notebook that
patches the checking code in its kernel cannot award itself points. See ``docs/instructors.md``.

Modules: ``discover`` (files, students, which exercise), ``run`` (kernels and time limits),
``kernelside`` (values as data), ``judge`` (grading with the keys), ``report`` (gradebook, feedback),
``freetext`` (the sheet for written answers), ``language`` (which edition a notebook is, for its feedback's
language), ``batch`` (all of it, in parallel).

    >>> from crmlib.grading import grade_folder, merge_sheet
    >>> callable(grade_folder) and callable(merge_sheet)
    True
"""

from __future__ import annotations

from typing import Any

__all__ = ["grade_folder", "merge_sheet", "main"]


def __getattr__(name: str) -> Any:  # the submodules are imported when first used
    if name == "grade_folder":
        from crmlib.grading.batch import grade_folder

        return grade_folder
    if name == "merge_sheet":
        from crmlib.grading.freetext import merge_sheet

        return merge_sheet
    if name == "main":
        from crmlib.grading.cli import main

        return main
    raise AttributeError(f"module 'crmlib.grading' has no attribute {name!r}")
