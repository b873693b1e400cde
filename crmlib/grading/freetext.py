"""Written answers (the memo of lesson 04): a sheet for the instructor, and merging it back.

``grade`` writes ``freetext.csv`` next to the gradebook: one row per student and written
question, with the answer, its word count and the rubric. The instructor fills in ``points`` (and
``comment`` if they like) in a spreadsheet, then runs::

    python -m crmlib.grading merge-freetext OUT_DIR/freetext.csv --out OUT_DIR

which puts the points into ``gradebook.csv`` (its ``total`` and ``pending`` columns are updated;
running it again with a corrected sheet gives the corrected result). A row whose ``points`` is
left empty stays pending. Bad values stop the merge with one message naming the row::

    >>> check_points("2.5", 3, row=4)
    2.5
    >>> check_points("4", 3, row=4)
    Traceback (most recent call last):
    ...
    ValueError: freetext sheet row 4: points must be a number from 0 to 3; found '4'
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.text import count_words, localise
from crmlib.grading.report import GRADEBOOK, Graded, fmt, write_atomic, write_csv

__all__ = ["SHEET", "SHEET_COLUMNS", "export_sheet", "merge_sheet", "check_points"]

SHEET = "freetext.csv"
SHEET_COLUMNS = ["student", "exercise", "question", "max_points", "points", "comment", "words", "answer", "rubric", "file"]


def export_sheet(counted: Sequence[Graded], out: Path) -> Path:
    """Write ``freetext.csv`` for the written questions of the submissions that count."""
    path = Path(out) / SHEET
    rows = []
    for item in counted:
        if item.exercise is None:
            continue
        for question in item.exercise:
            if not isinstance(question, FreeTextQuestion):
                continue
            answer = item.answers.get(question.id)
            text = answer if isinstance(answer, str) else ""
            rubric = "; ".join(f"{localise(c)} ({fmt(p)})" for c, p in question.rubric)
            rows.append([item.student, item.exercise.id, question.id, fmt(question.points), "", "",
                         count_words(text) if text.strip() else 0, text, rubric, item.submission.relative])
    write_csv(path, SHEET_COLUMNS, rows, encoding="utf-8-sig")  # utf-8-sig: Excel shows Chinese right
    return path


def check_points(text: str, max_points: float, row: int) -> float | None:
    """The points typed in a sheet row, checked; None when left empty."""
    text = str(text).strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= max_points:
        raise ValueError(
            f"freetext sheet row {row}: points must be a number from 0 to {fmt(float(max_points))}; found {text!r}"
        )
    return value


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def merge_sheet(sheet: str | os.PathLike[str], out: str | os.PathLike[str]) -> dict[str, Any]:
    """Put the points of a filled ``freetext.csv`` into ``out/gradebook.csv``; returns counts.

    >>> merge_sheet("/no/such/freetext.csv", "/tmp")
    Traceback (most recent call last):
    ...
    FileNotFoundError: freetext sheet not found: /no/such/freetext.csv
    """
    sheet, out = Path(sheet), Path(out)
    if not sheet.is_file():
        raise FileNotFoundError(f"freetext sheet not found: {sheet}")
    gradebook = out / GRADEBOOK
    if not gradebook.is_file():
        raise FileNotFoundError(f"gradebook not found: {gradebook} (run the grader with --out {out} first)")
    columns, rows = _read(sheet)
    missing = [c for c in ("student", "exercise", "question", "max_points", "points") if c not in columns]
    if missing:
        raise ValueError(f"freetext sheet {sheet}: column(s) {', '.join(missing)} not found; the sheet has: {', '.join(columns)}")
    book_columns, book = _read(gradebook)
    index = {(r["student"], r["exercise"]): r for r in book}
    merged = pending = 0
    updates: dict[tuple[str, str], dict[str, float | None]] = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header, as a spreadsheet numbers it
        key = (row["student"], row["exercise"])
        if key not in index:
            raise ValueError(f"freetext sheet row {number}: no gradebook row for student {key[0]!r}, exercise {key[1]!r}")
        if row["question"] not in book_columns:
            raise ValueError(f"freetext sheet row {number}: question {row['question']!r} is not a gradebook column")
        try:
            top = float(row["max_points"])
        except ValueError:
            raise ValueError(f"freetext sheet row {number}: max_points must be a number; found {row['max_points']!r}") from None
        value = check_points(row["points"], top, number)
        updates.setdefault(key, {})[row["question"]] = value
        merged += value is not None
        pending += value is None
    for key, questions in updates.items():
        record = index[key]
        extra = sum(v for v in questions.values() if v is not None)
        still = sum(float(r["max_points"]) for r in rows
                    if (r["student"], r["exercise"]) == key and questions.get(r["question"]) is None
                    and str(r.get("answer", "")).strip())
        for question, value in questions.items():
            record[question] = "" if value is None else fmt(value)
        record["total"] = fmt(float(record["auto_total"]) + extra)
        record["pending"] = fmt(still)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=book_columns)
    writer.writeheader()
    writer.writerows(book)  # the cells as read: escaped when the grader wrote them
    write_atomic(gradebook, buffer.getvalue().encode("utf-8"))
    return {"merged": merged, "pending": pending, "gradebook": gradebook}
