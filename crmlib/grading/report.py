"""The grader's outputs: the gradebook, the list of every submitted file, one feedback file per submission.

- ``gradebook.csv``: one row per student and exercise (the submission that counts), with each
  question's points (empty while a written answer waits for the instructor), ``total``,
  ``max_points``, ``pending`` (points still to be graded by hand) and ``status``. A file whose
  exercise is unknown (not a notebook, no exercise found) has a row with an empty ``exercise``.
- ``submissions.csv``: one row per file received, whether it counted, its SHA-256 and where its
  feedback is.
- ``feedback/<student>/<file>.md``: per question Correct / Incorrect / Not attempted, points and
  the check's message, plus notes on the run (a cell that raised or ran too long), in the submission's
  language. Both CSV files end with ``language`` (of the feedback file) and ``language_from`` (what chose it:
  ``option`` for ``--language en|zh``; ``metadata``, ``code`` or ``text`` when the notebook said it;
  ``majority`` or ``default`` (English) when it did not and the class's language was used).

Every file is written to a temporary file in its folder and renamed into place, so a reader never
sees half a file; folders are made here and must be real folders (never links), and a place taken
by anything but a regular file is refused. Text cells that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are written with a leading
apostrophe.

    >>> fmt(2.0), fmt(0.5), fmt("")
    ('2', '0.5', '')
    >>> cell("=HYPERLINK(1)"), cell("-1.5"), cell("alice")
    ("'=HYPERLINK(1)", '-1.5', 'alice')
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmlib._format import number as fmt  # one rule for numbers in the CSV, the feedback and the charts
from crmlib.exercises.bank import Exercise
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.result import SUBMITTED, Result
from crmlib.exercises.text import localise
from crmlib.grading.discover import Submission
from crmlib.grading.text import gmsg, status_text

__all__ = ["Graded", "fmt", "write_reports", "GRADEBOOK", "SUBMISSIONS", "FEEDBACK", "question_columns", "natural_key",
           "cell", "write_csv", "write_atomic", "safe_folder", "check_out_folder", "UnsafeOutput"]

GRADEBOOK = "gradebook.csv"
SUBMISSIONS = "submissions.csv"
FEEDBACK = "feedback"
STATUS_ORDER = {"graded": 0, "timed out": 1, "could not run": 2, "not a notebook": 3}


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


class UnsafeOutput(ValueError):
    """Something in the output folder is not what the grader writes (a link, a folder, a pipe...)."""


def cell(value: Any) -> str:
    """One CSV cell, escaped so that a spreadsheet shows it as text, never runs it as a formula."""
    text = value if isinstance(value, str) else fmt(value)
    if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_folder(out: Path, relative: str = "") -> Path:
    """``out/relative`` as a real folder, made if missing; refuses a link or a non-folder on the way."""
    path = Path(out)
    for part in [p for p in Path(relative).parts if p not in ("", ".")]:
        if part == "..":
            raise UnsafeOutput(f"{relative!r} leaves the output folder")
        path = path / part
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            os.mkdir(path)
            continue
        if not stat.S_ISDIR(info.st_mode):
            raise UnsafeOutput(f"{path} is not a folder the grader made (it is a link or a file); remove it")
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed into place."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UnsafeOutput(f"{path} is not a regular file (a folder, a link or a pipe?); remove it and grade again")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], encoding: str = "utf-8") -> None:
    """A CSV file, every cell escaped (``cell``), written atomically."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    write_atomic(path, buffer.getvalue().encode(encoding))


def check_out_folder(out: Path) -> None:
    """Refuse an output folder whose outputs are not regular files and folders (before grading starts)."""
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_dir():
        raise UnsafeOutput(f"output folder {out} is not a folder (or is a link)")
    for name in (GRADEBOOK, SUBMISSIONS, "freetext.csv"):
        target = out / name
        if target.exists() or target.is_symlink():
            if target.is_symlink() or not target.is_file():
                raise UnsafeOutput(f"{target} is not a regular file (a folder, a link or a pipe?); remove it and grade again")
    feedback = out / FEEDBACK
    if feedback.is_symlink() or (feedback.exists() and not feedback.is_dir()):
        raise UnsafeOutput(f"{feedback} is not a folder the grader made (a link or a file); remove it and grade again")


def natural_key(text: str) -> list[Any]:
    """Sort ``q2`` before ``q10``.

    >>> sorted(["q10", "q2", "memo"], key=natural_key)
    ['memo', 'q2', 'q10']
    """
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


@dataclass
class Graded:
    """One submission graded: its status, each question's result, notes on the run."""

    submission: Submission
    status: str
    exercise: Exercise | None = None
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0
    answers: dict[str, Any] = field(default_factory=dict)  # written answers, by question id
    counted: bool = True
    counted_file: str = ""
    feedback: str = ""
    language: str = ""  # of the feedback file ("" = the language write_reports is given)
    language_from: str = ""  # what chose it (crmlib.grading.language.SOURCES)

    @property
    def student(self) -> str:
        return self.submission.student

    @property
    def exercise_id(self) -> str:
        return self.exercise.id if self.exercise is not None else ""

    @property
    def total(self) -> float:
        return sum(r.points for r in self.results)

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.exercise) if self.exercise is not None else 0

    @property
    def pending(self) -> float:
        return sum(r.max_points for r in self.results if r.status == SUBMITTED)

    @property
    def summary(self) -> str:
        """One line for the CSV files: the message, or for a run that did not go well, its notes."""
        text = self.message or (" ".join(self.notes) if self.status != "graded" else "")
        return " ".join(text.split())

    def points(self, question_id: str) -> str:
        for result in self.results:
            if result.question == question_id:
                return "" if result.status == SUBMITTED else fmt(result.points)
        return ""


def choose_counted(graded: Sequence[Graded]) -> None:
    """Mark, for each student and exercise, the one submission that counts.

    Best status first (graded, then timed out, ...), then the newest file, then the last by name.
    """
    groups: dict[tuple[str, str], list[Graded]] = {}
    for item in graded:
        groups.setdefault((item.student, item.exercise_id), []).append(item)
    for items in groups.values():
        best = min(items, key=lambda g: (STATUS_ORDER[g.status], -g.submission.mtime, _reverse(g.submission.relative)))
        for item in items:
            item.counted = item is best
            item.counted_file = best.submission.relative


def _reverse(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def question_columns(graded: Sequence[Graded]) -> list[str]:
    """Every question id of the graded exercises, naturally sorted."""
    ids = {q.id for g in graded if g.exercise is not None for q in g.exercise}
    return sorted(ids, key=natural_key)


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("._") or "file"


def feedback_text(item: Graded, language: str | None = None) -> str:
    """The feedback file of one submission, as Markdown text."""
    lines: list[str] = []
    file = item.submission.relative
    if item.exercise is not None:
        lines.append("# " + gmsg("title", language, exercise=item.exercise.id, title=localise(item.exercise.title, language)))
    else:
        lines.append("# " + gmsg("title_unknown", language, file=file))
    lines += ["", "- " + gmsg("student", language, student=item.student), "- " + gmsg("file", language, file=file),
              "- " + gmsg("status", language, status=status_text(item.status, language))]
    if item.exercise is not None:
        lines.append("- " + gmsg("score", language, total=fmt(item.total), max_points=fmt(item.max_points)))
        if item.pending:
            lines.append("- " + gmsg("pending", language, points=fmt(item.pending)))
    if not item.counted:
        lines += ["", gmsg("superseded", language, counted=item.counted_file)]
    if item.language_from in ("majority", "default") and item.submission.kind == "notebook":
        # the notebook did not say its language: say which was used, and why
        lines += ["", gmsg(f"language_{item.language_from}", language)]
    if item.message:
        lines += ["", item.message]
    for result in item.results:
        lines += ["", f"## {result.title}", ""]
        if result.message:
            lines.append(result.message)
    if item.notes:
        lines += ["", f"## {gmsg('notes', language)}", ""] + [f"- {note}" for note in item.notes]
    return "\n".join(lines) + "\n"


def write_reports(graded: Sequence[Graded], out: Path, language: str | None = None) -> dict[str, Path]:
    """Write the gradebook, the submissions list and the feedback files into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    check_out_folder(out)
    choose_counted(graded)
    used: set[str] = set()
    for item in graded:
        stem = _safe(Path(item.submission.relative).with_suffix("").as_posix().replace("/", "__"))
        name = f"{FEEDBACK}/{_safe(item.student)}/{stem}.md"
        n = 2
        while name in used:
            name, n = f"{FEEDBACK}/{_safe(item.student)}/{stem}-{n}.md", n + 1
        used.add(name)
        item.feedback = name
        folder = safe_folder(out, str(Path(name).parent))
        write_atomic(folder / Path(name).name, feedback_text(item, item.language or language).encode("utf-8"))

    questions = question_columns(graded)
    counted = sorted((g for g in graded if g.counted), key=lambda g: (g.student, g.exercise_id, g.submission.relative))
    files_per: dict[tuple[str, str], int] = {}
    for item in graded:
        files_per[(item.student, item.exercise_id)] = files_per.get((item.student, item.exercise_id), 0) + 1
    book_rows = []
    for item in counted:
        known = {q.id for q in item.exercise} if item.exercise is not None else set()
        book_rows.append([
            item.student, item.exercise_id, item.status, fmt(item.total), fmt(item.max_points), fmt(item.pending),
            *[item.points(q) if q in known else "" for q in questions],
            fmt(item.total), item.submission.relative, files_per[(item.student, item.exercise_id)], item.summary,
            item.language or language or "", item.language_from,
        ])
    write_csv(out / GRADEBOOK, ["student", "exercise", "status", "total", "max_points", "pending", *questions,
                                "auto_total", "file", "files", "message", "language", "language_from"], book_rows)
    write_csv(out / SUBMISSIONS, ["file", "sha256", "student", "exercise", "status", "total", "max_points", "counted",
                                  "seconds", "feedback", "message", "language", "language_from"],
              ([item.submission.relative, item.submission.sha256, item.student, item.exercise_id,
                item.status, fmt(item.total), fmt(item.max_points), "yes" if item.counted else "no",
                f"{item.seconds:.2f}", item.feedback, item.summary, item.language or language or "", item.language_from]
               for item in sorted(graded, key=lambda g: g.submission.relative)))
    paths = {"gradebook": out / GRADEBOOK, "submissions": out / SUBMISSIONS, "feedback": out / FEEDBACK}
    if any(isinstance(q, FreeTextQuestion) for g in graded if g.exercise is not None for q in g.exercise):
        from crmlib.grading.freetext import export_sheet

        paths["freetext"] = export_sheet(counted, out)
    return paths
