"""The class report: what the class got wrong, with which wrong answers, and what to reteach.

``write_class_report(graded, out, language)`` writes two files next to the gradebook:

- ``items.csv``: one row per exercise and question: how many students answered it correctly, partly
  correctly (partial credit), incorrectly or not at all, the shares, its discrimination (the correlation of
  the question's score with the rest of the student's score on that exercise: near 0 or negative means the
  question does not separate students who know the material from those who do not), the three most common
  wrong answers with how many gave each and the named mistake each matches, whether it is on the reteach
  list, and the lesson section that teaches it.
- ``report.html``: the same, readable, in ``language``: the reteach list first, then per exercise the score
  histogram, a chart of each question's outcome and the table. Self-contained (charts are inline PNG,
  no scripts, no web fonts), so it opens offline in any browser and can be mailed.

Only the submission that counts for each student and exercise, and only graded runs, are counted. Nothing
in either file depends on the time or the machine: grading the same folder twice gives the same bytes.

``record_answers(graded, exercise, out, submission_cells)`` is what the batch grader calls for each
submission: it keeps the text of each wrong answer and the named mistake it matches, and notes a notebook
whose ``ex.student("...")`` id is not its owner's.

    >>> discrimination([1, 1, 0, 0], [9, 8, 2, 1]) > 0.9, discrimination([1, 1, 1], [3, 2, 1])
    (True, None)
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import math
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from crmlib._format import share_percent as _pct
from crmlib.exercises.freetext import FreeTextQuestion
from crmlib.exercises.function import FunctionQuestion
from crmlib.exercises.result import CORRECT, INCORRECT, NOT_ATTEMPTED, SUBMITTED
from crmlib.exercises.text import localise, short
from crmlib.grading.csvsafe import csv_row
from crmlib.grading.report import safe_folder, write_atomic
from crmlib.grading.text import gmsg

__all__ = ["Answer", "ItemStats", "prepare_charts", "record_answers", "item_stats", "write_class_report", "report_html",
           "discrimination", "lesson_section", "ITEMS", "REPORT", "RETEACH_SHARE", "TOP_WRONG"]

ITEMS = "items.csv"
REPORT = "report.html"
RETEACH_SHARE = 0.4  # a question at least this share of the class missed goes on the reteach list
RETEACH_MAX = 10  # the list stays short: the most missed questions first
TOP_WRONG = 3
PARTLY = "partly correct"
OUTCOMES = (CORRECT, PARTLY, INCORRECT, NOT_ATTEMPTED)
_OUTCOME_KEYS = {CORRECT: "correct", PARTLY: "partly", INCORRECT: "incorrect", NOT_ATTEMPTED: "not_attempted"}
_COLOURS = {CORRECT: "#009E73", PARTLY: "#56B4E9", INCORRECT: "#D55E00", NOT_ATTEMPTED: "#BBBBBB"}  # Okabe-Ito


@dataclass(frozen=True)
class Answer:
    """One wrong answer as the report shows it: its text, and the named mistake it matches (or "")."""

    text: str
    mistake: str = ""


# ------------------------------------------------------------------ what the batch grader records
def _answer_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return " ".join(short(value).split())[:80]


def record_answers(graded: Any, exercise: Any, out: Any, submission_cells: Sequence[str] = ()) -> None:
    """Keep, on ``graded``, each incorrect answer's text and named mistake (``graded.wrong_answers``), and the
    id the notebook claims with ``ex.student("...")`` (``graded.claimed_student``); when that id is not the
    file's owner, say so in ``graded.message``. ``out`` is the run's ``RunOutput``."""
    from crmlib.exercises.variants import claimed_student, normalise
    from crmlib.grading.kernelside import decode

    wrong: dict[str, Answer] = {}
    values = out.values if isinstance(getattr(out, "values", None), Mapping) else {}
    for result, question in zip(graded.results, exercise):
        if result.status != INCORRECT or isinstance(question, (FunctionQuestion, FreeTextQuestion)):
            continue
        entry = values.get(question.var)
        if not isinstance(entry, Mapping) or "value" not in entry:
            continue
        try:
            value = decode(entry["value"])
            mistake = question._named_mistake(value) or ""
        except Exception:  # an answer the grader cannot rebuild is still counted, without its text
            continue
        wrong[question.id] = Answer(_answer_text(value), mistake)
    graded.wrong_answers = wrong
    claimed = claimed_student(submission_cells)
    graded.claimed_student = claimed
    if claimed is not None and exercise.varying and claimed != normalise(graded.student):
        note = gmsg("variant_mismatch", claimed=claimed, student=graded.student)
        graded.message = f"{graded.message} {note}".strip()


# ------------------------------------------------------------------ statistics
def discrimination(item: Sequence[float], rest: Sequence[float]) -> float | None:
    """The Pearson correlation of a question's scores with the rest of each student's score (None when
    either does not vary, or with fewer than 3 students)."""
    n = len(item)
    if n < 3 or n != len(rest):
        return None
    mx, my = sum(item) / n, sum(rest) / n
    sxx = sum((x - mx) ** 2 for x in item)
    syy = sum((y - my) ** 2 for y in rest)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(item, rest)) / math.sqrt(sxx * syy)


@dataclass
class ItemStats:
    """One question's outcome over the class."""

    exercise: str
    question: str
    max_points: float
    counts: dict[str, int] = field(default_factory=dict)
    submitted: int = 0
    discrimination: float | None = None
    wrong: list[tuple[str, int, str]] = field(default_factory=list)  # (answer, how many, mistake)
    mistake_texts: dict[str, str] = field(default_factory=dict)
    section: tuple[str, str] = ("", "")  # (title, href)

    @property
    def students(self) -> int:
        return sum(self.counts.values()) + self.submitted

    def share(self, outcome: str) -> float:
        graded = sum(self.counts.values())
        return self.counts.get(outcome, 0) / graded if graded else 0.0

    @property
    def missed(self) -> float:
        """The share of the class (answers graded automatically) that did not get it right."""
        return 1.0 - self.share(CORRECT) if sum(self.counts.values()) else 0.0


def _outcome(result: Any) -> str:
    if result.status == INCORRECT and result.points > 0:
        return PARTLY
    return result.status


def _counted(graded: Sequence[Any]) -> list[Any]:
    rows = [g for g in graded if getattr(g, "counted", True) and g.status == "graded" and g.exercise is not None]
    return sorted(rows, key=lambda g: (g.exercise.id, g.student, g.submission.relative))


def item_stats(graded: Sequence[Any], language: str | None = None) -> dict[str, list[ItemStats]]:
    """Per exercise (sorted by id), each question's ``ItemStats``."""
    by_exercise: dict[str, list[Any]] = {}
    for item in _counted(graded):
        by_exercise.setdefault(item.exercise.id, []).append(item)
    found: dict[str, list[ItemStats]] = {}
    for eid, items in sorted(by_exercise.items()):
        exercise = items[0].exercise
        stats = []
        for question in exercise:
            s = ItemStats(eid, question.id, question.points, counts=dict.fromkeys(OUTCOMES, 0))
            s.mistake_texts = {n: localise(t, language) for n, t in question._mistake_texts.items()}
            scores, rest = [], []
            wrong: Counter[tuple[str, str]] = Counter()
            texts: dict[tuple[str, str], Counter[str]] = {}
            for item in items:
                result = next((r for r in item.results if r.question == question.id), None)
                if result is None:
                    continue
                if result.status == SUBMITTED:
                    s.submitted += 1
                    continue
                s.counts[_outcome(result)] += 1
                if question.points:
                    scores.append(result.points / question.points)
                    rest.append(sum(r.points for r in item.results if r.question != question.id))
                answer = getattr(item, "wrong_answers", {}).get(question.id)
                if result.status == INCORRECT and answer is not None:
                    key = ("mistake", answer.mistake) if answer.mistake else ("value", answer.text)
                    wrong[key] += 1
                    texts.setdefault(key, Counter())[answer.text] += 1
            s.discrimination = discrimination(scores, rest)
            ranked = sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WRONG]
            for key, count in ranked:
                shown = texts[key].most_common()
                text = shown[0][0] if len(shown) == 1 else gmsg("report.varied", language, example=min(shown)[0])
                s.wrong.append((text, count, key[1] if key[0] == "mistake" else ""))
            s.section = lesson_section(eid, question, language)
            stats.append(s)
        found[eid] = stats
    return found


def reteach(stats: Mapping[str, list[ItemStats]]) -> list[ItemStats]:
    """The questions most of the class missed (at least ``RETEACH_SHARE``), most missed first. A written
    answer waiting for the instructor's points is left out: its grade is not known yet."""
    every = [s for items in stats.values() for s in items
             if sum(s.counts.values()) >= 3 and not s.submitted and s.missed >= RETEACH_SHARE]
    return sorted(every, key=lambda s: (-s.missed, s.exercise, s.question))[:RETEACH_MAX]


# ------------------------------------------------------------------ where the lesson teaches it
_WORD = re.compile(r"[a-z][a-z\-]{3,}")
_STOP = set("this that with from what which your their there have each more than into over they them these those "
            "when where will would store number answer question give share rate count data table column lesson "
            "customers customer skyline".split())


def _kit_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _lesson_file(exercise_id: str, language: str | None = None) -> str:
    """The lesson notebook of an exercise, relative to the kit: the Chinese edition's for ``"zh"``."""
    return f"notebooks/zh/{exercise_id}.ipynb" if language == "zh" else f"notebooks/{exercise_id}.ipynb"


@lru_cache(maxsize=None)
def _sections(exercise_id: str, language: str | None = None) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """The lesson notebook's headings: (heading, anchor, words of its section)."""
    path = _kit_root() / _lesson_file(exercise_id, language)
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return ()
    found: list[list[Any]] = []
    for cell in cells:
        source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else str(cell.get("source", ""))
        for line in source.splitlines():
            heading = re.match(r"^#{2,3} (.+)", line) if cell.get("cell_type") == "markdown" else None
            if heading:
                title = heading.group(1).strip()
                found.append([title, title.replace(" ", "-"), set()])
            elif found:
                found[-1][2].update(w for w in _WORD.findall(line.lower()) if w not in _STOP)
    return tuple((t, a, frozenset(w)) for t, a, w in found)


def lesson_section(exercise_id: str, question: Any, language: str | None = None) -> tuple[str, str]:
    """The heading of the lesson section whose words best match the question's prompt, hints and solution,
    and its link (``notebooks/<id>.ipynb#<anchor>``, JupyterLab's anchor for a heading); ``("", "")``
    when the lesson notebook is not there. For ``language="zh"``: the same section of the Chinese edition
    (``notebooks/zh/<id>.ipynb``, whose headings follow the English ones one for one), where it is there."""
    sections = _sections(exercise_id)
    if not sections:
        return "", ""
    text = " ".join([question.prompt["en"], *[h["en"] for h in question.hints]]).lower()
    words = {w for w in _WORD.findall(text) if w not in _STOP}
    spread = Counter(w for _, _, ws in sections for w in ws)

    def score(section: tuple[str, str, frozenset[str]]) -> tuple[float, int]:
        title, _, body = section
        heading = {w for w in _WORD.findall(title.lower()) if w not in _STOP}
        rare = sum(math.log(1 + len(sections) / spread[w]) for w in words & body) / math.sqrt(len(body) or 1)
        return rare + sum(0.5 for w in words & heading), -sections.index(section)

    best = max(sections, key=score)
    if language == "zh":
        twin = _sections(exercise_id, "zh")
        if len(twin) == len(sections):  # a Chinese lesson out of step with its twin keeps the English link
            chosen = twin[sections.index(best)]
            return chosen[0], f"{_lesson_file(exercise_id, 'zh')}#{chosen[1]}"
    return best[0], f"{_lesson_file(exercise_id)}#{best[1]}"


# ------------------------------------------------------------------ files
def _fmt(x: float | None, digits: int = 2) -> str:
    if x is None:
        return ""
    text = f"{x:.{digits}f}"
    return "0.00" if text == "-0.00" else text


def items_rows(stats: Mapping[str, list[ItemStats]]) -> tuple[list[str], list[list[str]]]:
    """The header and rows of ``items.csv``."""
    header = ["exercise", "question", "max_points", "students", "correct", "partly_correct", "incorrect",
              "not_attempted", "awaiting_instructor", "share_correct", "share_partly_correct", "share_incorrect",
              "share_not_attempted", "discrimination"]
    for i in range(1, TOP_WRONG + 1):
        header += [f"wrong_answer_{i}", f"count_{i}", f"mistake_{i}"]
    header += ["reteach", "lesson_section", "lesson_link"]
    again = {(s.exercise, s.question) for s in reteach(stats)}
    rows = []
    for items in stats.values():
        for s in items:
            row: list[Any] = [s.exercise, s.question, s.max_points, s.students, *[s.counts[o] for o in OUTCOMES],
                              s.submitted, *[_fmt(s.share(o), 3) for o in OUTCOMES], _fmt(s.discrimination)]
            for i in range(TOP_WRONG):
                row += list(s.wrong[i]) if i < len(s.wrong) else ["", "", ""]
            row += ["yes" if (s.exercise, s.question) in again else "no", s.section[0], s.section[1]]
            rows.append(csv_row(row))
    return header, rows


def prepare_charts() -> None:
    """Import the chart code the report uses (matplotlib's Agg backend, the kit's style) now: the batch
    grader calls it before any student code runs, so what draws the report is what was installed."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.ticker  # noqa: F401

    import crmlib.style  # noqa: F401


def _png(figure: Any) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _charts(stats: list[ItemStats], totals: list[float], max_points: float, language: str) -> tuple[str, str]:
    """The score histogram and the outcome chart of one exercise, as inline PNG data."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from crmlib.style import PALETTE, chart_language, rc

    lang = chart_language(language)
    with matplotlib.rc_context(rc(lang)):
        hist = Figure(figsize=(5.2, 2.8))
        ax = hist.add_subplot()
        top = max(1, math.ceil(max_points))
        ax.hist(totals, bins=[b - 0.5 for b in range(0, top + 2)], color=PALETTE[0], edgecolor="white")
        ax.set_xlabel(gmsg("report.chart_score", lang, max_points=_fmt(max_points, 0) if float(max_points).is_integer() else max_points))
        ax.set_ylabel(gmsg("report.chart_students", lang))
        ax.set_xlim(-0.5, top + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        hist_png = _png(hist)

        bars = Figure(figsize=(5.6, 0.32 * len(stats) + 1.2))
        ax = bars.add_subplot()
        names = [s.question for s in stats][::-1]
        left = [0.0] * len(names)
        for outcome in OUTCOMES:
            widths = [s.share(outcome) * 100 for s in stats][::-1]
            ax.barh(names, widths, left=left, color=_COLOURS[outcome], label=gmsg(f"report.{_OUTCOME_KEYS[outcome]}", lang),
                    hatch="//" if outcome == INCORRECT else None, edgecolor="white")
            left = [a + b for a, b in zip(left, widths)]
        ax.set_xlim(0, 100)
        ax.set_xlabel(gmsg("report.chart_share", lang))
        ax.grid(axis="y", visible=False)
        ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=8)
        bars_png = _png(bars)
    return hist_png, bars_png


_CSS = """body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",
"WenQuanYi Micro Hei",sans-serif;margin:2em auto;max-width:62em;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%;
font-size:.9em;margin:.6em 0}th,td{border:1px solid #ddd;padding:.3em .45em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}.note{color:#555;font-size:.9em}.mistake{color:#8a3b00}
.charts{display:flex;flex-wrap:wrap;gap:1em}.charts img{max-width:100%;height:auto}ol li{margin:.35em 0}"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _wrong_html(s: ItemStats, language: str) -> str:
    parts = []
    for text, count, mistake in s.wrong:
        line = f"<code>{_e(text)}</code> × {count}"
        if mistake:
            why = s.mistake_texts.get(mistake, "")
            line += f' <span class="mistake" title="{_e(why)}">[{_e(mistake)}]</span>'
        parts.append(line)
    return "<br>".join(parts) or "—"


def _link(s: ItemStats, out: Path) -> str:
    title, href = s.section
    if not title:
        return ""
    target = _kit_root() / href.split("#")[0]
    try:
        relative = Path(os.path.relpath(target, out.resolve())).as_posix() + "#" + href.split("#", 1)[1]
    except ValueError:  # another drive on Windows
        relative = target.as_uri() + "#" + href.split("#", 1)[1]
    return f'<a href="{_e(relative)}">{_e(title)}</a>'


def report_html(graded: Sequence[Any], out: Path, language: str = "en") -> str:
    """The text of ``report.html`` (see the module's docstring)."""
    stats = item_stats(graded, language)
    counted = _counted(graded)
    g = lambda key, **v: gmsg(f"report.{key}", language, **v)  # noqa: E731
    lines = ["<!DOCTYPE html>", f'<html lang="{"zh-CN" if language == "zh" else "en"}">', "<head>", '<meta charset="utf-8">',
             f"<title>{_e(g('title'))}</title>", f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{_e(g('title'))}</h1>"]
    students = sorted({item.student for item in counted})
    lines.append(f"<p>{_e(g('summary', students=len(students), submissions=len(counted), exercises=len(stats)))}</p>")
    lines.append(f'<p class="note">{_e(g("how_to_read", share=_pct(RETEACH_SHARE)))}</p>')
    lines.append(f"<h2>{_e(g('reteach'))}</h2>")
    again = reteach(stats)
    if again:
        lines.append("<ol>")
        for s in again:
            wrong = s.wrong[0] if s.wrong else None
            extra = ""
            if wrong is not None:
                extra = " " + _e(g("reteach_wrong", answer=wrong[0], count=wrong[1]))
                if wrong[2]:
                    extra += f' <span class="mistake">[{_e(wrong[2])}]</span> {_e(s.mistake_texts.get(wrong[2], ""))}'
            section = _link(s, out)
            where = f" {_e(g('reteach_where'))} {section}" if section else ""
            lines.append(f"<li><strong>{_e(s.exercise)} {_e(s.question)}</strong>: "
                         f"{_e(g('reteach_missed', share=_pct(s.missed)))}{extra}{where}</li>")
        lines.append("</ol>")
    else:
        lines.append(f"<p>{_e(g('reteach_none', share=_pct(RETEACH_SHARE)))}</p>")
    mismatched = [item for item in graded if getattr(item, "claimed_student", None)
                  and item.exercise is not None and item.exercise.varying
                  and item.claimed_student != item.student.strip().casefold()]
    if mismatched:
        lines.append(f"<h2>{_e(g('mismatch'))}</h2><ul>")
        for item in sorted(mismatched, key=lambda i: i.submission.relative):
            lines.append(f"<li>{_e(gmsg('variant_mismatch', language, claimed=item.claimed_student, student=item.student))} "
                         f"(<code>{_e(item.submission.relative)}</code>)</li>")
        lines.append("</ul>")
    for eid, items in stats.items():
        rows = [i for i in counted if i.exercise.id == eid]
        exercise = rows[0].exercise
        max_points = sum(q.points for q in exercise)
        totals = [i.total for i in rows]
        mean = sum(totals) / len(totals)
        hist, bars = _charts(items, totals, max_points, language)
        lines.append(f"<h2>{_e(eid)}: {_e(localise(exercise.title, language))}</h2>")
        lines.append(f"<p>{_e(g('exercise_summary', students=len(rows), mean=f'{mean:.1f}', max_points=f'{max_points:g}'))}"
                     + (f" {_e(g('varies', questions=', '.join(exercise.varying)))}" if exercise.varying else "") + "</p>")
        lines.append(f'<div class="charts"><img alt="{_e(g("alt_hist"))}" src="{hist}">'
                     f'<img alt="{_e(g("alt_bars"))}" src="{bars}"></div>')
        head = [g("question"), g("correct"), g("partly"), g("incorrect"), g("not_attempted"), g("discrimination"),
                g("wrong_answers"), g("section")]
        lines.append("<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>")
        for s in items:
            cells = [f"<td>{_e(s.question)}</td>", *[f'<td class="n">{_pct(s.share(o))}</td>' for o in OUTCOMES],
                     f'<td class="n">{_fmt(s.discrimination) or "—"}</td>', f"<td>{_wrong_html(s, language)}</td>",
                     f"<td>{_link(s, out)}</td>"]
            lines.append("<tr>" + "".join(cells) + "</tr>")
        lines.append("</table>")
        pending = [s.question for s in items if s.submitted]
        if pending:
            lines.append(f'<p class="note">{_e(g("pending", questions=", ".join(pending)))}</p>')
    lines += [f'<p class="note">{_e(g("footer"))}</p>', "</body>", "</html>", ""]
    return "\n".join(lines)


def write_class_report(graded: Sequence[Any], out: str | os.PathLike[str], language: str = "en") -> dict[str, Path]:
    """Write ``items.csv`` and ``report.html`` into ``out``; returns their paths."""
    folder = safe_folder(Path(out))
    header, rows = items_rows(item_stats(graded, language))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    items, report = folder / ITEMS, folder / REPORT
    write_atomic(items, text.getvalue().encode("utf-8"))
    write_atomic(report, report_html(graded, folder, language).encode("utf-8"))
    return {"items": items, "report": report}
