"""Grade a folder of submissions: discover, run each in its own kernel (several at once), judge, report.

``grade_folder`` never stops early: whatever one submission does (a corrupt file, an infinite loop,
a crash, an error in the grader itself), that submission gets a row with a status and a message,
and the others are graded. Submissions are only read.

Each kernel runs in a bubblewrap sandbox (``crmlib.grading.sandbox``). Where no sandbox can be
made, ``grade_folder`` refuses (``NoSandbox``) unless ``unsafe_no_sandbox=True``, and then warns on
stderr that student code runs as the instructor. Everything the grader needs (the code sent into
kernels, the answer keys, the report writers) is read once at the start, before any student code
runs, after the environment's start-up files are checked against their packages' checksum lists.

    >>> grade_folder("/no/such/folder", "/tmp/out")
    Traceback (most recent call last):
    ...
    FileNotFoundError: submissions folder not found: /no/such/folder
"""

from __future__ import annotations

import asyncio
import dataclasses
from contextlib import contextmanager
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from crmlib.exercises.bank import Exercise, exercise_ids, load
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.grading import freetext as _freetext  # noqa: F401  (imported now, before any student code runs)
from crmlib.grading import integrity
from crmlib.exercises.variants import student_cells
from crmlib.grading.classreport import prepare_charts, record_answers, write_class_report
from crmlib.grading.discover import Submission, discover
from crmlib.grading.export import FORMATS, write_export
from crmlib.grading.judge import judge, plan_for, warm_up
from crmlib.grading.language import class_language, normalise
from crmlib.grading.report import STATUS_ORDER, Graded, check_out_folder, write_reports
from crmlib.grading.run import RunOutput, kernel_source, run_cells, run_sync
from crmlib.grading.sandbox import Limits, NoSandbox, Sandbox, find_bwrap, sandbox_works
from crmlib.grading.text import gmsg
from crmlib.i18n import catalogue, get_language, set_language

__all__ = ["grade_folder", "known_exercises", "Progress", "STATUSES", "NoSandbox", "UNSAFE_WARNING"]

UNSAFE_WARNING = (
    "[grade] WARNING: grading WITHOUT a sandbox (--unsafe-no-sandbox). Student code runs as you, with your "
    "files, your network and your environment: it can read your HOME (keys, tokens), change other students' "
    "submissions and grades, change the kit for later runs and leave programs running. Grade only notebooks "
    "you trust this way, or install bubblewrap (Linux: apt-get install bubblewrap)."
)

STATUSES = tuple(STATUS_ORDER)
LANGUAGE_CHOICES = ("auto", "en", "zh")


@contextmanager
def _speaking(language: str) -> Iterator[None]:
    """The kit's messages in ``language`` for a block that does not await: submissions graded at once each
    keep their own language, since no other coroutine runs before the block ends."""
    saved = get_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(saved)


def feedback_languages(submissions: Sequence[Submission], language: str = "auto") -> tuple[list[tuple[str, str]], str, str]:
    """Each submission's feedback language with what chose it, and the class's language with what chose it.

    ``language`` ``"en"`` or ``"zh"`` forces one for all (``"option"``); ``"auto"`` takes each notebook's own
    (``Submission.language``) and gives a notebook that does not say the class's: the majority of those that do.

        >>> from pathlib import Path
        >>> subs = [Submission(Path(n), n, n, "", 0, 0.0, language=l, language_from=f)
        ...         for n, l, f in [("a", "zh", "code"), ("b", "zh", "text"), ("c", None, "")]]
        >>> feedback_languages(subs)
        ([('zh', 'code'), ('zh', 'text'), ('zh', 'majority')], 'zh', 'majority')
        >>> feedback_languages(subs, "en")[0][0], feedback_languages(subs, "en")[1:]
        (('en', 'option'), ('en', 'option'))
    """
    if language != "auto":
        return [(language, "option")] * len(submissions), language, "option"
    everyone, source = class_language(s.language for s in submissions if s.kind == "notebook")
    return ([(s.language, s.language_from) if s.language else (everyone, source) for s in submissions],
            everyone, source)


def known_exercises(extra: Mapping[str, Exercise] | None = None) -> dict[str, Exercise]:
    """Every exercise of the kit's banks (the grader's own copy of the keys), plus ``extra`` ones.

    >>> "00_start_here" in known_exercises()
    True
    """
    found = {eid: load(eid) for eid in exercise_ids()}
    found.update(extra or {})
    return found


class Progress:
    """A text progress bar with counts: ``[grade] 37/100 [#######.....] graded 35 · timed out 1 ...``.

    >>> import io; stream = io.StringIO(); p = Progress(2, stream)
    >>> p.done("graded"); p.done("timed out"); print(stream.getvalue().splitlines()[-1])
    [grade] 2/2 [########################] graded 1 · timed out 1 · could not run 0 · not a notebook 0
    """

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 24) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.counts = dict.fromkeys(STATUSES, 0)
        self.finished = 0
        self._last_step = -1

    def line(self) -> str:
        filled = self.width * self.finished // max(self.total, 1)
        counts = " · ".join(f"{k} {v}" for k, v in self.counts.items())
        return f"[grade] {self.finished}/{self.total} [{'#' * filled}{'.' * (self.width - filled)}] {counts}"

    def done(self, status: str) -> None:
        self.finished += 1
        self.counts[status] = self.counts.get(status, 0) + 1
        if self.stream is None:
            return
        tty = getattr(self.stream, "isatty", lambda: False)()
        step = 10 * self.finished // max(self.total, 1)
        if tty:
            self.stream.write("\r" + self.line() + ("\n" if self.finished == self.total else ""))
        elif step != self._last_step or self.finished == self.total:
            self.stream.write(self.line() + "\n")
        self._last_step = step
        self.stream.flush()


def _notes(out: RunOutput, memory_mb: int = 0) -> list[str]:
    notes = [gmsg("cell_error", cell=n, error=e) for n, e in out.cell_errors]
    notes += [gmsg("cell_timeout", cell=n, seconds=f"{out.limit:g}") for n in out.cell_timeouts]
    if out.skipped_from is not None:
        notes.append(gmsg("total_timeout", seconds="{total}", cell=out.skipped_from))
    kept = out.checkpoint is not None and bool(out.values)
    if out.killed == "memory":
        notes.append(gmsg("killed_memory", mb=memory_mb))
    if out.killed == "total":
        notes.append(gmsg("killed_total", seconds="{hard}"))
    elif out.state == "died":
        notes.append(gmsg("kernel_died_kept", cell=out.stopped_at, checkpoint=out.checkpoint) if kept
                     else gmsg("kernel_died", cell=out.stopped_at))
    elif out.state == "stuck":
        notes.append(gmsg("kernel_stuck_kept", cell=out.stopped_at, checkpoint=out.checkpoint) if kept
                     else gmsg("kernel_stuck", cell=out.stopped_at))
    elif out.state == "no start":
        notes.append(gmsg("no_start", error=out.error))
    elif out.error:
        notes.append(gmsg("unreadable_answers", error=out.error))
    return notes


def _status(out: RunOutput) -> str:
    answered = bool(out.values or out.functions)
    if out.state == "no start" or (out.state == "died" and not answered):
        return "could not run"
    if out.state == "stuck" or out.timed_out or out.killed == "total":
        return "timed out"
    if out.error and not out.values and not out.functions:
        return "could not run"
    return "graded"


def _before_run(submission: Submission, exercises: Mapping[str, Exercise], max_mb: float) -> Graded | None:
    if submission.kind == "not a file":
        return Graded(submission, "not a notebook", message=gmsg("not_a_file", kind=submission.problem))
    if submission.kind == "not a notebook":
        return Graded(submission, "not a notebook", message=gmsg("not_json", error=submission.problem))
    if submission.kind == "too big":
        size = f"{submission.size / 1e6:.1f}"
        return Graded(submission, "could not run", message=gmsg("too_big", size=size, limit=f"{max_mb:g}"))
    if submission.exercise is None or submission.exercise not in exercises:
        return Graded(submission, "could not run", message=gmsg("no_exercise"))
    return None


async def _grade_all(
    submissions: list[Submission], exercises: Mapping[str, Exercise], jobs: int, scratch: Path,
    limits: dict[str, float], progress: Progress, max_mb: float, sandbox: Sandbox | None = None,
    languages: Sequence[tuple[str, str]] | None = None,
) -> list[Graded]:
    slots: asyncio.Queue[int] = asyncio.Queue()
    for slot in range(jobs):  # each sandbox running at once has its own number (and, as root, user)
        slots.put_nowait(slot)
    plans = {eid: plan_for(ex) for eid, ex in exercises.items()}
    memory_mb = sandbox.limits.memory_mb if sandbox is not None else 0

    async def one(index: int, submission: Submission) -> Graded:
        language = languages[index][0] if languages is not None else get_language()
        try:
            with _speaking(language):
                early = _before_run(submission, exercises, max_mb)
            if early is not None:
                return early
            exercise = exercises[submission.exercise]  # type: ignore[index]
            cells = submission.cells
            if exercise.varying:  # w16: grade against the file owner's own variant
                exercise = exercise.for_student(submission.student)
                cells = student_cells(cells, submission.student)
            slot = await slots.get()
            try:
                workdir = scratch / f"s{index:05d}"
                workdir.mkdir()
                box = dataclasses.replace(sandbox, slot=slot) if sandbox is not None else None
                try:
                    out = await run_cells(cells, plans[exercise.id], workdir, sandbox=box, **limits)
                finally:
                    shutil.rmtree(workdir, ignore_errors=True)
            finally:
                slots.put_nowait(slot)
            with _speaking(language):  # no await in this block: the messages stay in this submission's language
                return _judged(submission, exercise, out, limits, memory_mb)
        except Exception as error:  # a fault of the grader itself must not stop the class's grading
            return Graded(submission, "could not run", message=f"{type(error).__name__}: {error}")

    async def tracked(index: int, submission: Submission) -> Graded:
        graded = await one(index, submission)
        if languages is not None:
            graded.language, graded.language_from = languages[index]
        progress.done(graded.status)
        return graded

    return list(await asyncio.gather(*(tracked(i, s) for i, s in enumerate(submissions))))


def _judged(submission: Submission, exercise: Exercise, out: RunOutput, limits: dict[str, float],
            memory_mb: int) -> Graded:
    """A run's results graded with the keys, in the current language."""
    results = judge(exercise, out)
    answers = {}
    for question in exercise:
        if isinstance(question, FreeTextQuestion):
            entry = out.values.get(question.var) if isinstance(out.values, dict) else None
            value = entry.get("value") if isinstance(entry, dict) else None
            answers[question.id] = value if isinstance(value, str) else ""
    hard = out.seconds if out.killed == "total" else 0
    notes = [n.replace("{total}", f"{limits['total_timeout']:g}").replace("{hard}", f"{hard:.0f}")
             for n in _notes(out, memory_mb)]
    graded = Graded(submission, _status(out), exercise, results, notes, seconds=out.seconds, answers=answers)
    record_answers(graded, exercise, out, submission.cells)  # w16: wrong answers for the class report
    return graded


def grade_folder(
    submissions: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    cell_timeout: float = 60,
    total_timeout: float = 600,
    language: str = "auto",
    student_pattern: str | None = None,
    exercises: Mapping[str, Exercise] | None = None,
    max_mb: float = 100,
    progress: TextIO | None = sys.stderr,
    on_discovered: Callable[[list[Submission]], None] | None = None,
    unsafe_no_sandbox: bool = False,
    limits: Limits | None = None,
    hide: Sequence[str | os.PathLike[str]] = (),
    export: Sequence[str] = (),
) -> list[Graded]:
    """Grade every file under ``submissions``; write the gradebook and feedback into ``out``.

    ``jobs``: notebooks run at once (default: the number of CPU cores). ``cell_timeout``: seconds
    one cell (or one function question's test calls) may run; ``total_timeout``: seconds for a whole
    notebook. ``language``: of the feedback files: ``"auto"`` (each in its notebook's own language, see
    ``crmlib.grading.language``; the class report in the class's majority language) or ``"en"``/``"zh"`` for
    all. ``exercises``: extra or replacement answer keys
    (``{id: Exercise}``), e.g. an instructor's private bank. ``limits``: the sandbox's memory,
    processes, file size and CPU time per kernel; ``hide``: more folders the kernels must not see
    (the submissions and ``out`` are always hidden). ``unsafe_no_sandbox``: grade even where no
    sandbox can be made (student code then runs as you). ``export``: LMS files to write too (``canvas``,
    ``moodle``, ``csv``; see ``crmlib.grading.export``). Returns one ``Graded`` per file.
    """
    forced = "auto" if isinstance(language, str) and language.strip().lower() == "auto" else normalise(language)
    if forced is None:
        raise ValueError(f"language must be one of {', '.join(LANGUAGE_CHOICES)}; got {language!r}")
    unknown = [kind for kind in export if kind not in FORMATS]  # w16
    if unknown:
        raise ValueError(f"export must be one of {', '.join(FORMATS)}; got {', '.join(map(repr, unknown))}")
    for name, value in (("cell_timeout", cell_timeout), ("total_timeout", total_timeout), ("max_mb", max_mb)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ValueError(f"{name} must be a number of seconds > 0; got {value!r}")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs must be a whole number >= 1; got {jobs!r}")
    if not Path(submissions).is_dir():
        raise FileNotFoundError(f"submissions folder not found: {submissions}")
    sandbox: Sandbox | None = None
    if not unsafe_no_sandbox:
        bwrap = find_bwrap()
        problem = sandbox_works(bwrap)
        if problem:
            raise NoSandbox(f"no sandbox for the students' code: {problem}. The grader refuses to run submissions "
                            "unprotected; install bubblewrap, or pass --unsafe-no-sandbox (unsafe_no_sandbox=True) "
                            "to grade anyway as yourself (see docs/instructors.md).")
        out_path = Path(out).resolve()
        sandbox = Sandbox(kit=integrity.kit_root(), hide=[Path(submissions).resolve(), out_path, *map(Path, hide)],
                          limits=limits or Limits(), bwrap=str(bwrap))
    else:
        print(UNSAFE_WARNING, file=sys.stderr)
    warnings = integrity.check_start()  # refuses start-up files no installed package owns
    if progress is not None:
        for line in warnings:
            progress.write(f"[grade] note: {line}\n")
    check_out_folder(Path(out))
    Path(out).mkdir(parents=True, exist_ok=True)
    before = integrity.snapshot()
    kernel_source()
    catalogue()
    prepare_charts()  # w16: the class report's chart code is imported now, before any student code runs
    saved = get_language()
    try:
        known = known_exercises(exercises)
        variables = {eid: [q.var for q in ex] for eid, ex in known.items()}
        found = discover(submissions, variables, student_pattern=student_pattern, max_bytes=int(max_mb * 1e6))
        languages, class_lang, class_from = feedback_languages(found, forced)
        set_language(class_lang)
        if progress is not None and forced == "auto":
            said = sorted(lang for lang, source in languages if source in ("metadata", "code", "text"))
            counts = ", ".join(f"{said.count(lang)} {lang}" for lang in sorted(set(said))) or "none"
            progress.write(f"[grade] feedback in each notebook's own language ({counts}; "
                           f"{sum(1 for _, source in languages if source == class_from)} without one get {class_lang}); "
                           f"class report in {class_lang} ({'the majority' if class_from == 'majority' else 'no notebook said'})\n")
        if on_discovered is not None:
            on_discovered(found)
        for eid in sorted({s.exercise for s in found if s.exercise in known}):
            warm_up(known[eid])  # type: ignore[index]
        scratch = Path(tempfile.mkdtemp(prefix="crmlib-grading-"))
        times = {"cell_timeout": float(cell_timeout), "total_timeout": float(total_timeout)}
        bar = Progress(len(found), progress)
        started = time.monotonic()
        try:
            graded = run_sync(_grade_all(found, known, jobs or os.cpu_count() or 1, scratch, times, bar, max_mb,
                                         sandbox, languages))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        moved = integrity.changed(before, integrity.snapshot())
        if moved:  # only possible without a sandbox; the grading used the copies read at the start
            print(f"[grade] WARNING: files of the kit changed during the run: {', '.join(moved)}", file=sys.stderr)
        write_reports(graded, Path(out), class_lang)  # each feedback file in its submission's language
        write_class_report(graded, Path(out), class_lang)  # w16: report.html, items.csv
        for kind in export:  # w16: --export canvas|moodle|csv
            write_export(kind, Path(out) / "gradebook.csv", out)
        if progress is not None:
            progress.write(f"[grade] {len(graded)} files in {time.monotonic() - started:.1f} s; "
                           f"gradebook: {Path(out) / 'gradebook.csv'}\n")
        return graded
    finally:
        set_language(saved)


def summary(graded: list[Graded]) -> dict[str, Any]:
    """Counts by status.

    >>> summary([])
    {'graded': 0, 'timed out': 0, 'could not run': 0, 'not a notebook': 0}
    """
    counts = dict.fromkeys(STATUSES, 0)
    for item in graded:
        counts[item.status] += 1
    return counts
