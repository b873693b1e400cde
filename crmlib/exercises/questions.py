"""The base of every question type: identity, prompt, hints, solution, and the grading pipeline.

A question is looked up by its id, reads the student's answer from a variable (``var``), and
grades it with ``grade(value)``, a pure method that returns a ``Result``. ``check()`` grades the
variable in the caller's namespace and displays the result; ``hint()`` and ``solution()`` display
help. The pipeline shared by every type:

1. the variable is undefined, or still ``___`` (or holds ``___`` somewhere) → Not attempted;
2. the type's own ``_judge(value)`` decides Correct / Incorrect with a short reason;
3. a wrong type, or any exception raised by the student's code or while comparing their value,
   becomes a one-line Incorrect message, never a traceback.
"""

from __future__ import annotations

import io
import keyword
import math
import numbers
import sys
import tokenize
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from crmlib.i18n import LANGUAGES, get_language
from crmlib.exercises.blank import contains_blank, is_blank
from crmlib.exercises.feedback import Note, show
from crmlib.exercises.mode import course_mode
from crmlib.exercises.result import CORRECT, INCORRECT, NOT_ATTEMPTED, Result
from crmlib.exercises.text import bilingual, describe, fmt_number, join_sentences, localise, msg, one_line, short

__all__ = ["Question", "code_tokens", "with_comments", "Lazy", "lazy", "resolve", "when", "When", "examples", "WrongType", "NotAttempted", "MISSING",
           "PARTIAL_STEP"]

PARTIAL_STEP = 0.5  # partial credit: points × share right, rounded down to a multiple of this


class _Missing:
    def __repr__(self) -> str:
        return "<undefined>"


MISSING: Any = _Missing()  # the answer variable is not defined


class Lazy:
    """A value computed on first use and kept: e.g. an expected table read from a dataset.

    Use it for ``answer``, ``right`` and ``wrong`` values that are costly to build, so importing a
    question bank stays quick.

    >>> calls = []
    >>> value = lazy(lambda: calls.append(1) or 640)
    >>> resolve(value), resolve(value), len(calls)
    (640, 640, 1)
    """

    def __init__(self, make: Callable[[], Any]) -> None:
        if not callable(make):
            raise TypeError(f"lazy() needs a function of no arguments; got {short(make)}")
        self._make = make
        self._done = False
        self._value: Any = None

    def get(self) -> Any:
        if not self._done:
            self._value = self._make()
            self._done = True
        return self._value

    def __repr__(self) -> str:
        return f"lazy({getattr(self._make, '__name__', 'function')})"


def lazy(make: Callable[[], Any]) -> Lazy:
    """Wrap a function of no arguments whose value is computed on first use (see ``Lazy``).

    >>> resolve(lazy(lambda: [1, 2]))
    [1, 2]
    """
    return Lazy(make)


def resolve(value: Any) -> Any:
    """``value`` itself, or the value a ``Lazy`` computes.

    >>> resolve(3)
    3
    """
    return value.get() if isinstance(value, Lazy) else value


class When:
    """A predictable mistake recognised by a test on the answer (see ``when``)."""

    def __init__(self, test: Callable[[Any], Any], example: Any) -> None:
        if not callable(test):
            raise TypeError(f"when() needs a function of the answer; got {short(test)}")
        self.test, self.example = test, example

    def __call__(self, value: Any) -> bool:
        try:
            return bool(self.test(value))
        except Exception:  # a test that cannot read this answer does not match it
            return False

    def __repr__(self) -> str:
        return "when(...)"


def when(test: Callable[[Any], Any], *, example: Any) -> When:
    """A mistake that is a kind of answer rather than one value: ``when(lambda v: v > 1, example=25)``.

    ``example`` is one answer that makes this mistake: the tests grade it and expect this mistake's message.

    >>> mistake = when(lambda v: v < 0, example=-3)
    >>> mistake(-3), mistake("text")
    (True, False)
    """
    return When(test, example)


def examples(question: "Question", which: str) -> list[Any]:
    """A question's ``"right"`` or ``"wrong"`` example answers (lazy ones computed), for the tests.

    They are kept off the question's public attributes, so a student's tab completion does not show them.

    >>> from crmlib.exercises.banks.start_here import QUESTIONS
    >>> examples(QUESTIONS[0], "right")[0]
    640
    """
    if which not in ("right", "wrong"):
        raise ValueError(f"which must be 'right' or 'wrong'; got {which!r}")
    return [resolve(v) for v in getattr(question, f"_{which}")]


def _share(right: int, total: int, points: float) -> float:
    """Points for ``right`` of ``total`` parts: points × share right, rounded down to PARTIAL_STEP.

    >>> _share(5, 6, 3), _share(1, 4, 1), _share(0, 4, 2)
    (2.5, 0.0, 0.0)
    """
    if total <= 0 or right <= 0:
        return 0.0
    return math.floor(points * right / total / PARTIAL_STEP + 1e-9) * PARTIAL_STEP


class WrongType(Exception):
    """Raised inside ``_judge`` when the answer has the wrong type; becomes one clear message."""

    def __init__(self, expected: str, value: Any, extra: str | None = None, **values: Any) -> None:
        super().__init__(expected)
        self.expected, self.value, self.extra, self.values = expected, value, extra, values

    def message(self) -> str:
        text = msg("wrong_type", expected=msg(f"expect.{self.expected}", **self.values), got=describe(self.value))
        return join_sentences([text, msg(f"extra.{self.extra}")]) if self.extra else text


class NotAttempted(Exception):
    """Raised inside ``_judge`` when the answer shows the work is not started (e.g. a stub function)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _identifier(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.isidentifier() or keyword.iskeyword(value):
        raise ValueError(f"{what} must be a Python name such as 'q1'; got {short(value)}")
    return value


def _examples(values: Any, what: str, qid: str) -> list[Any]:
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Sequence) or len(values) == 0:
        raise ValueError(
            f"question {qid!r}: {what} must be a non-empty list of example answers "
            f"(the tests grade each one); got {short(values)}"
        )
    return list(values)


def code_tokens(code: str) -> list[str]:
    """The tokens of Python ``code`` without its comments and blank lines: what two editions of a cell must share.

    >>> code_tokens("x = ___   # your answer") == code_tokens("# 你的答案\\nx = ___")
    True
    >>> code_tokens("x = 1") == code_tokens("x = 2")
    False
    """
    skip = (tokenize.COMMENT, tokenize.NL, tokenize.ENDMARKER)
    try:
        return [tok.string for tok in tokenize.generate_tokens(io.StringIO(code).readline) if tok.type not in skip]
    except (tokenize.TokenError, SyntaxError) as error:  # IndentationError is a SyntaxError
        raise ValueError(f"not Python code ({one_line(error)}): {short(code)}") from None


def _answer_cells(cell: Any, var: str, where: str) -> dict[str, str]:
    """The answer cell in each language: the default ``<var> = ___``, one code for all, or a cell per language."""
    if cell is None:
        return {lang: f"{var} = ___" for lang in LANGUAGES}
    if isinstance(cell, str):
        cell = {lang: cell for lang in LANGUAGES}
    elif isinstance(cell, Mapping):
        cell = bilingual(cell, f"{where}: cell")
    else:
        raise ValueError(f"{where}: cell must be the answer cell's code, holding the placeholder ___; got {short(cell)}")
    for lang, code in cell.items():
        if "___" not in code:
            raise ValueError(f"{where}: cell must be the answer cell's code, holding the placeholder ___; "
                             f"got {short(code)} ({lang})")
    _same_code(cell, f"{where}: the {{lang}} cell")
    return cell


def _same_code(codes: Mapping[str, str], what: str) -> None:
    en = code_tokens(codes["en"])
    for lang, code in codes.items():
        if code_tokens(code) != en:
            raise ValueError(f"{what.format(lang=lang)} must be the en code with its comments translated; "
                             f"got {short(code)} for en {short(codes['en'])}")


def _solution_code(code: Any, where: str) -> dict[str, str] | None:
    """The solution's code in each language (None: no code), each ending in one newline."""
    if code is None or code == "":
        return None
    if isinstance(code, Mapping):
        code = bilingual(code, f"{where}: code")
        _same_code(code, f"{where}: the {{lang}} code")
    elif isinstance(code, str) and code.strip():
        code = {lang: code for lang in LANGUAGES}
    else:
        raise ValueError(f"{where}: code must be the solution's Python code as text; got {short(code)}")
    return {lang: text.strip("\n") + "\n" for lang, text in code.items()}


def with_comments(code: str, zh: Mapping[str, str]) -> dict[str, str]:
    """``code`` in each language: as written for ``en``, and for ``zh`` with each comment named in ``zh``
    (its text after ``#``) replaced by the Chinese one. A comment not in ``zh`` (a number, a formula) stays.

    >>> print(with_comments("x = 0.7 * 1.25   # about 0.875\\ny = x  # 0.875", {"about 0.875": "约 0.875"})["zh"])
    x = 0.7 * 1.25   # 约 0.875
    y = x  # 0.875
    >>> with_comments("x = 1  # one", {"two": "二"})
    Traceback (most recent call last):
    ...
    ValueError: with_comments(): no comment '# two' in the code; its comments: '# one'
    """
    tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    comments = [tok for tok in tokens if tok.type == tokenize.COMMENT]
    texts = [tok.string[1:].strip() for tok in comments]
    for text in zh:
        if text not in texts:
            raise ValueError(f"with_comments(): no comment '# {text}' in the code; its comments: "
                             f"{', '.join(repr(tok.string) for tok in comments) or 'none'}")
    lines = code.splitlines(keepends=True)
    for tok, text in sorted(zip(comments, texts), key=lambda pair: pair[0].start, reverse=True):
        if text in zh:
            row, col = tok.start
            line = lines[row - 1]
            lines[row - 1] = line[:col] + f"# {zh[text]}" + line[tok.end[1]:]
    return {"en": code, "zh": "".join(lines)}


class Question:
    """The common part of every question type; use a subclass such as ``NumberQuestion``.

    Parameters shared by every type (keyword-only after ``id``):

    - ``id``: how the notebook finds the question (``ex.q1``); a Python name;
    - ``points``: what a correct answer earns;
    - ``prompt``, ``solution``: ``{"en": ..., "zh": ...}``; the solution may hold ```code```;
    - ``var``: the variable the student's answer cell sets;
    - ``hints``: at least two ``{"en", "zh"}`` texts, from gentle to nearly the answer;
    - ``right``, ``wrong``: known-right and known-wrong answers, at least one each; the test
      suite checks that every right one is accepted and every wrong one is not;
    - ``mistakes``: predictable wrong answers by name: a value, ``lazy(...)`` of one computed from the
      data, or ``when(test, example=...)``; ``mistake_texts`` gives each one's message (en/zh, from the
      bank's Markdown), shown instead of the generic "not the expected value";
    - ``code``: the solution's code, written once and shown after the explanation in both languages; or
      ``{"en": ..., "zh": ...}`` with its comments in each language (:func:`with_comments` makes it);
    - ``cell``: the answer cell of the generated notebook (default ``<var> = ___``); one code for both
      editions, or ``{"en": ..., "zh": ...}`` when its comments are in each language (the code itself must
      be the same once comments are dropped; :func:`crmlib.exercises.variants.given_cell` makes the cell of
      a question that varies by student);
    - ``partial``: give partial credit (points × share right, rounded down to halves) where the type
      can count parts (classify, match, set, table questions); ``False`` opts out.

    The key (answer, right and wrong examples, mistakes, the solution text) is kept in attributes whose
    names start with ``_``, so a student's tab completion does not offer them, in course mode too; the
    grader recomputes every grade from its own copy of the bank.
    """

    can_partial: ClassVar[bool] = False  # the type can count the parts of an answer

    accepted_status: ClassVar[str] = CORRECT  # what a right example grades as

    def __init__(
        self,
        id: str,
        *,
        points: float,
        prompt: Mapping[str, str],
        var: str,
        hints: Sequence[Mapping[str, str]],
        solution: Mapping[str, str],
        right: Sequence[Any],
        wrong: Sequence[Any],
        mistakes: Mapping[str, Any] | None = None,
        mistake_texts: Mapping[str, Mapping[str, str]] | None = None,
        code: str | Mapping[str, str] | None = None,
        cell: str | Mapping[str, str] | None = None,
        partial: bool | None = None,
    ) -> None:
        self.id = _identifier(id, "id")
        where = f"question {id!r}"
        self.var = _identifier(var, f"{where}: var")
        if isinstance(points, bool) or not isinstance(points, numbers.Real) or not points >= 0:
            raise ValueError(f"{where}: points must be a number >= 0; got {short(points)}")
        self.points = points
        self.prompt = bilingual(prompt, f"{where}: prompt")
        if isinstance(hints, (str, Mapping)) or not isinstance(hints, Sequence) or len(hints) < 2:
            raise ValueError(f"{where}: hints must be a list of at least 2 en/zh texts; got {short(hints)}")
        self.hints = [bilingual(h, f"{where}: hint {i}") for i, h in enumerate(hints, start=1)]
        self._code = _solution_code(code, where)
        solution = bilingual(solution, f"{where}: solution")
        if self._code:
            solution = {lang: f"{text}\n```python\n{self._code[lang]}```" for lang, text in solution.items()}
        self._solution_text = solution
        self._right = _examples(right, "right", id)
        self._wrong = _examples(wrong, "wrong", id)
        mistakes = dict(mistakes or {})
        texts = dict(mistake_texts or {})
        if set(mistakes) != set(texts):
            no_text = sorted(set(mistakes) - set(texts))
            no_key = sorted(set(texts) - set(mistakes))
            raise ValueError(
                f"{where}: every mistake needs a message and every message a mistake; "
                f"without a '### mistake' text: {', '.join(no_text) or 'none'}; without a key: {', '.join(no_key) or 'none'}"
            )
        self._mistakes = mistakes
        self._mistake_texts = {name: bilingual(texts[name], f"{where}: mistake {name!r}") for name in mistakes}
        self.cells = _answer_cells(cell, self.var, where)
        if partial is not None and not isinstance(partial, bool):
            raise TypeError(f"{where}: partial must be True or False; got {short(partial)}")
        self.partial = self.can_partial if partial is None else partial
        if self.partial and not self.can_partial:
            raise ValueError(f"{where}: {type(self).__name__} cannot give partial credit")
        self._hints_shown = 0
        self._exercise: Any = None  # set by the Exercise that holds this question
        self._variant: Any = None  # set by crmlib.exercises.variants.vary for a question that varies by student
        self._given: Any = None  # this variant's numbers (a variants.Given)
        self._student: str | None = None  # whose variant this copy is (None: the lesson's numbers)

    @property
    def cell(self) -> str:
        """The answer cell of the notebook in the current language (``cells`` holds every language's)."""
        return self.cells[get_language()]

    # ------------------------------------------------------------------ grading (pure)
    def grade(self, value: Any) -> Result:
        """Grade ``value`` as an answer to this question; nothing is displayed.

        >>> from crmlib.exercises import NumberQuestion, ___
        >>> q = NumberQuestion("q1", answer=640, atol=0.5, points=2, var="x",
        ...     prompt={"en": "How many?", "zh": "多少？"},
        ...     hints=[{"en": "h1", "zh": "提示1"}, {"en": "h2", "zh": "提示2"}],
        ...     solution={"en": "640", "zh": "640"}, right=[640], wrong=[600])
        >>> q.grade(640.2).status, q.grade(600).status, q.grade(___).status
        ('correct', 'incorrect', 'not attempted')
        >>> q.grade(640).points, q.grade(600).points
        (2, 0)
        """
        if value is MISSING:
            return self._result(NOT_ATTEMPTED, msg("not_attempted.undefined", name=self.var))
        if is_blank(value):
            return self._result(NOT_ATTEMPTED, msg("not_attempted.blank", name=self.var))
        parts: tuple[int, int] | None = None
        try:
            if contains_blank(value):
                return self._result(NOT_ATTEMPTED, msg("not_attempted.partial", name=self.var))
            judged = self._judge(value)
            status, reason = judged[0], judged[1]
            if len(judged) > 2:
                parts = judged[2]
            if status == INCORRECT:
                named = self._named_mistake(value)
                if named is not None:
                    reason = localise(self._mistake_texts[named])
        except WrongType as wrong:
            status, reason = INCORRECT, wrong.message()
        except NotAttempted as stub:
            status, reason = NOT_ATTEMPTED, stub.reason
        except Exception as error:  # the student's own code or value failed while we compared it
            status, reason = INCORRECT, msg("error.compare", error=one_line(error))
        return self._result(status, reason, parts)

    def _named_mistake(self, value: Any) -> str | None:
        """The name of the first listed mistake ``value`` makes, or None."""
        for name, mistake in self._mistakes.items():
            if isinstance(mistake, When):
                if mistake(value):
                    return name
            else:
                try:
                    if self._same(value, resolve(mistake)):
                        return name
                except Exception:  # this answer cannot be compared with this mistake
                    continue
        return None

    def _same(self, value: Any, target: Any) -> bool:
        """Whether ``value`` is the mistake value ``target`` (the type's own tolerance)."""
        from crmlib.exercises.compare import same

        return same(target, value, getattr(self, "rtol", 1e-6), getattr(self, "atol", 1e-9))

    def mistake_example(self, name: str) -> Any:
        """An answer that makes the mistake ``name`` (its value, or a ``when`` mistake's example).

        >>> from crmlib.exercises import load
        >>> q1 = load("00_start_here").q1
        >>> q1.mistake_names, q1.mistake_example("same_loss_each_year")
        (['same_loss_each_year'], 600)
        >>> print(q1.grade(600).message[:36])
        600 takes 20 % of the original 1,000
        """
        mistake = self._mistakes[name]
        return mistake.example if isinstance(mistake, When) else resolve(mistake)

    @property
    def mistake_names(self) -> list[str]:
        """The names of the mistakes this question recognises (their values stay private)."""
        return list(self._mistakes)

    def grade_from(self, namespace: Mapping[str, Any]) -> Result:
        """Grade the answer variable as found in ``namespace`` (undefined → Not attempted).

        >>> from crmlib.exercises.banks.start_here import QUESTIONS
        >>> q1 = QUESTIONS[0]
        >>> q1.grade_from({"remaining_after_2_years": 640}).status, q1.grade_from({}).status
        ('correct', 'not attempted')
        """
        return self.grade(namespace.get(self.var, MISSING))

    def _judge(self, value: Any) -> tuple[str, str]:
        raise NotImplementedError(f"{type(self).__name__} must define _judge(value)")

    def _result(self, status: str, reason: str, parts: tuple[int, int] | None = None) -> Result:
        if status == CORRECT and not reason:
            reason = msg("correct")
        points: float = self.points if status == CORRECT else 0
        if status == INCORRECT and self.partial and parts is not None:
            right, total = parts
            points = _share(right, total, self.points)
            if points == int(points):
                points = int(points)
            if points > 0:  # say how the points were earned; "0 of 3 right gives 0" would only be noise
                reason = join_sentences([reason, msg("partial.points", right=right, total=total,
                                                     points=fmt_number(points), max_points=fmt_number(self.points))])
        return Result(self.id, status, reason, points, self.points, language=get_language())

    def given(self) -> Any:
        """This question's numbers for the student whose id is set (``ex.student("s123")``), or the lesson's.

        >>> from crmlib.exercises import load
        >>> load("04_telecom_case").q9.given().budget_cny
        18000
        >>> load("00_start_here").q1.given()
        Traceback (most recent call last):
        ...
        ValueError: q1 has the same numbers for every student: they are in its question text.
        """
        if self._given is None:
            raise ValueError(msg("variant.none", question=self.id))
        return self._given

    # ------------------------------------------------------------------ student-facing (display)
    def check(self, value: Any = MISSING) -> None:
        """Grade the answer and show Correct / Incorrect / Not attempted with a short reason.

        With no argument the answer is read from the variable ``var`` in the caller's globals
        (the notebook). Returns None, so nothing is shown twice.

        >>> from crmlib.exercises.banks.start_here import QUESTIONS
        >>> QUESTIONS[0].check(640)
        q1: Correct (2/2 points)
        Your answer is right.
        """
        namespace = sys._getframe(1).f_globals
        result = self.grade_from(namespace) if value is MISSING else self.grade(value)
        if result.status == INCORRECT:
            tip = msg("tip.hint", call=self._call(namespace, "hint()"))
            result = Result(result.question, result.status, result.message, result.points,
                            result.max_points, result.language, tip)
        show(result)

    def hint(self, level: int | None = None) -> None:
        """Show the next hint, or hint number ``level``; past the last one, say there are no more.

        >>> from crmlib.exercises.banks.start_here import QUESTIONS
        >>> import copy; q1 = copy.copy(QUESTIONS[0])
        >>> q1.hint()  # doctest: +ELLIPSIS
        q1: hint 1 of 3
        ...
        """
        show(self._hint_note(level, sys._getframe(1).f_globals))

    def _hint_note(self, level: int | None, namespace: Mapping[str, Any]) -> Note:
        count = len(self.hints)
        if level is None:
            level = self._hints_shown + 1
        elif isinstance(level, bool) or not isinstance(level, int) or level < 1:
            return Note("info", msg("hint.bad_level", question=self.id, count=count, level=short(level)))
        if level > count:
            if course_mode():
                return Note("info", msg("hint.no_more_course", question=self.id, count=count))
            call = self._call(namespace, "solution()")
            return Note("info", msg("hint.no_more", question=self.id, count=count, call=call))
        self._hints_shown = max(self._hints_shown, level)
        title = msg("hint.title", question=self.id, level=level, count=count)
        return Note("hint", title, localise(self.hints[level - 1]))

    def solution(self) -> None:
        """Show the worked solution, unless the instructor turned solutions off (course mode).

        >>> from crmlib.exercises import set_course_mode
        >>> from crmlib.exercises.banks.start_here import QUESTIONS
        >>> set_course_mode(True); QUESTIONS[0].solution(); set_course_mode(False)
        Solutions are turned off by your instructor.
        """
        show(self._solution_note())

    def _solution_note(self) -> Note:
        if course_mode():
            return Note("info", msg("solution.off"))
        return Note("solution", msg("solution.title", question=self.id), localise(self._solution_text))

    def _call(self, namespace: Mapping[str, Any], method: str) -> str:
        """How the student calls ``method`` on this question: ``ex.q1.hint()`` (their own name)."""
        try:
            for name, value in namespace.items():
                if name.startswith("_"):
                    continue
                if self._exercise is not None and value is self._exercise:
                    return f"{name}.{self.id}.{method}"
                if value is self:
                    return f"{name}.{method}"
        except Exception:  # an odd namespace must not stop the feedback
            pass
        return f"ex.{self.id}.{method}" if self._exercise is not None else f"{self.id}.{method}"

    # ------------------------------------------------------------------ showing the question
    def prompt_text(self) -> str:
        """The prompt in the current language, with what the type adds (e.g. the options).

        >>> from crmlib.exercises.banks.start_here import QUESTIONS
        >>> QUESTIONS[0].prompt_text()[:30]
        'A firm keeps 80% of its custom'
        """
        return localise(self.prompt)

    def _repr_html_(self) -> str:
        from crmlib.exercises.feedback import box_html

        title = msg("question.title", question=self.id, points=fmt_number(self.points))
        body = self.prompt_text() + "\n" + msg("question.answer_in", name=self.var, call=self._call({}, "check()"))
        return box_html("info", title, body)

    def __str__(self) -> str:
        title = msg("question.title", question=self.id, points=fmt_number(self.points))
        return f"{title}\n{self.prompt_text()}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r}, var={self.var!r}, points={fmt_number(self.points)})"
