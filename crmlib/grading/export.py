"""The gradebook in the formats learning platforms import: ``--export canvas|moodle|csv``.

Each export reads ``gradebook.csv`` (one row per student and exercise, as the grader writes it) and writes
one row per student with one column per exercise, holding the student's total for it (the points graded so
far: written answers still waiting for the instructor count 0 until ``merge-freetext`` adds them).
Students and exercises are sorted, so the same gradebook always gives the same bytes. Every cell goes
through ``csvsafe.csv_cell``.

- ``canvas.csv``, Canvas's gradebook import: the columns ``Student``, ``ID``, ``SIS User ID``,
  ``SIS Login ID``, ``Section``, then one column per exercise, and a second row ``Points Possible`` with
  each exercise's maximum. The student's name from the grader goes in ``Student``, ``SIS User ID`` and
  ``SIS Login ID`` (Canvas matches on them); ``ID`` (Canvas's own number) and ``Section`` stay empty.
  A column Canvas does not know becomes a new assignment on import.
- ``moodle.csv``, Moodle's grade import from a CSV file: ``Username`` (map it to "username" when
  importing), then one column per exercise (map each to its grade item), then ``Feedback: <exercise>``
  columns with the grader's status, which Moodle can import as feedback.
- ``grades.csv``, a plain table: ``student``, one column per exercise, ``total``, ``max_points``.

    >>> rows = [{"student": "bob", "exercise": "01_x", "total": "3", "max_points": "4", "status": "graded"},
    ...         {"student": "=ann", "exercise": "01_x", "total": "4", "max_points": "4", "status": "graded"}]
    >>> header, body = table("canvas", rows)
    >>> header[:6], body[0][:1], body[1][:1], body[2][5]
    (['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', '01_x'], ['Points Possible'], ["'=ann"], '3')
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from crmlib.grading.csvsafe import csv_row
from crmlib.grading.report import safe_folder, write_atomic

__all__ = ["FORMATS", "FILES", "table", "write_export", "read_gradebook", "REQUIRED"]

FORMATS = ("canvas", "moodle", "csv")
FILES = {"canvas": "canvas.csv", "moodle": "moodle.csv", "csv": "grades.csv"}
# the headers each platform needs before it accepts the file (the tests check them)
REQUIRED = {"canvas": ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"], "moodle": ["Username"],
            "csv": ["student", "total", "max_points"]}


def read_gradebook(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The rows of a ``gradebook.csv`` as dicts (rows without an exercise, e.g. a file that is not a
    notebook, are left out)."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing = {"student", "exercise", "total", "max_points"} - set(rows[0] if rows else {"student", "exercise", "total", "max_points"})
    if missing:
        raise ValueError(f"{path} is not a gradebook: it has no column {', '.join(sorted(missing))}")
    return [row for row in rows if row.get("exercise")]


def _number(text: Any) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def table(kind: str, rows: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """The header and rows of export ``kind`` (one of ``FORMATS``) for gradebook ``rows``."""
    if kind not in FORMATS:
        raise ValueError(f"export must be one of {', '.join(FORMATS)}; got {kind!r}")
    rows = list(rows)
    exercises = sorted({str(r["exercise"]) for r in rows})
    students = sorted({str(r["student"]) for r in rows})
    total = {(str(r["student"]), str(r["exercise"])): _number(r["total"]) for r in rows}
    status = {(str(r["student"]), str(r["exercise"])): str(r.get("status", "")) for r in rows}
    maximum = {str(r["exercise"]): _number(r["max_points"]) for r in rows}

    def cell(student: str, exercise: str) -> str:
        return _fmt(total[(student, exercise)]) if (student, exercise) in total else ""

    if kind == "canvas":
        header = [*REQUIRED["canvas"], *exercises]
        body = [["Points Possible", "", "", "", "", *[_fmt(maximum[e]) for e in exercises]]]
        body += [[s, "", s, s, "", *[cell(s, e) for e in exercises]] for s in students]
    elif kind == "moodle":
        header = ["Username", *exercises, *[f"Feedback: {e}" for e in exercises]]
        body = [[s, *[cell(s, e) for e in exercises], *[status.get((s, e), "") for e in exercises]] for s in students]
    else:
        header = ["student", *exercises, "total", "max_points"]
        body = [[s, *[cell(s, e) for e in exercises],
                 _fmt(sum(total.get((s, e), 0.0) for e in exercises)), _fmt(sum(maximum.values()))] for s in students]
    return header, [csv_row(r) for r in body]


def write_export(kind: str, gradebook: str | os.PathLike[str] | Sequence[Mapping[str, Any]],
                 out: str | os.PathLike[str]) -> Path:
    """Write export ``kind`` of ``gradebook`` (a path to ``gradebook.csv``, or its rows) into folder ``out``;
    returns the file written."""
    rows = read_gradebook(gradebook) if isinstance(gradebook, (str, os.PathLike)) else list(gradebook)
    header, body = table(kind, rows)
    folder = safe_folder(Path(out))
    path = folder / FILES[kind]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(csv_row(header))
    writer.writerows(body)
    write_atomic(path, text.getvalue().encode("utf-8"))
    return path
