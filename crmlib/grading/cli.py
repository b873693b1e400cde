"""The grading commands: grade a folder, merge the written-answer sheet.

    >>> main(["merge-freetext"])
    usage: python -m crmlib.grading merge-freetext SHEET --out OUT_DIR
    2
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]

USAGE = """\
usage: python -m crmlib.grading SUBMISSIONS_DIR --out OUT_DIR [options]
       python -m crmlib.grading merge-freetext SHEET --out OUT_DIR
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m crmlib.grading", usage=USAGE.splitlines()[0][len("usage: "):],
        description="Grade every submitted exercise notebook in a folder: gradebook.csv, submissions.csv, "
                    "feedback/<student>/<file>.md, the class report (report.html, items.csv) and, for written answers, freetext.csv.",
    )
    parser.add_argument("submissions", help="folder of submitted files (one folder per student, or files named after them)")
    parser.add_argument("--out", required=True, help="folder for the gradebook and feedback (made if missing)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: CPU cores)")
    parser.add_argument("--cell-timeout", type=float, default=60, help="seconds one cell may run (default 60)")
    parser.add_argument("--total-timeout", type=float, default=600, help="seconds one notebook may run (default 600)")
    parser.add_argument("--language", default="auto", choices=["auto", "en", "zh"],
                        help="language of the feedback: auto (default) writes each feedback file in its notebook's own "
                             "language and the class report in the class's majority language; en or zh: all in one")
    parser.add_argument("--student-pattern", default=None,
                        help="regular expression with a group (?P<student>...) matched on each file's relative path")
    parser.add_argument("--max-mb", type=float, default=100, help="larger files are not run (default 100 MB)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--export", action="append", default=[], choices=["canvas", "moodle", "csv"],
                        help="also write the gradebook for a learning platform: canvas.csv, moodle.csv or grades.csv "
                             "(repeat for several)")
    box = parser.add_argument_group("sandbox (each notebook's kernel runs under bubblewrap; limits are per kernel)")
    box.add_argument("--memory-mb", type=int, default=2048, help="memory of the kernel and what it starts (default 2048)")
    box.add_argument("--max-processes", type=int, default=64, help="processes and threads (default 64)")
    box.add_argument("--file-mb", type=int, default=200, help="largest file written, and size of /tmp (default 200)")
    box.add_argument("--cpu-seconds", type=int, default=None, help="CPU time per process (default: --total-timeout)")
    box.add_argument("--hide", action="append", default=[], metavar="FOLDER",
                     help="another folder the kernels must not see (repeatable; the submissions and OUT always are)")
    box.add_argument("--unsafe-no-sandbox", action="store_true",
                     help="grade even where no sandbox can be made: student code then runs as you, unprotected")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0: done, 2: bad arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["merge-freetext"]:
        rest = args[1:]
        if len(rest) != 3 or rest[1] != "--out":
            print("usage: python -m crmlib.grading merge-freetext SHEET --out OUT_DIR")
            return 2
        from crmlib.grading.freetext import merge_sheet

        try:
            counts = merge_sheet(rest[0], rest[2])
        except (ValueError, FileNotFoundError) as error:
            print(f"[grade] {error}", file=sys.stderr)
            return 1
        print(f"[grade] merged {counts['merged']} written answers into {counts['gradebook']}; "
              f"{counts['pending']} still without points")
        return 0
    parser = _parser()
    try:
        options = parser.parse_args(args)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from crmlib.grading.batch import grade_folder, summary
    from crmlib.grading.integrity import KitChanged
    from crmlib.grading.sandbox import Limits, NoSandbox

    try:
        limits = Limits(memory_mb=options.memory_mb, processes=options.max_processes, file_mb=options.file_mb,
                        cpu_seconds=options.cpu_seconds)
        graded = grade_folder(
            options.submissions, options.out, jobs=options.jobs, cell_timeout=options.cell_timeout,
            total_timeout=options.total_timeout, language=options.language,
            student_pattern=options.student_pattern, max_mb=options.max_mb,
            progress=None if options.quiet else sys.stderr, limits=limits, hide=options.hide,
            unsafe_no_sandbox=options.unsafe_no_sandbox, export=options.export,
        )
    except (ValueError, FileNotFoundError, NoSandbox, KitChanged) as error:
        print(f"[grade] {error}", file=sys.stderr)
        return 1
    counts = summary(graded)
    print("[grade] " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0
