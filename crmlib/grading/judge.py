"""Grade the answers brought back from a student's kernel with the grader's own answer keys.

Everything here runs in the grader's process, on data: values rebuilt by ``kernelside.decode``
and, for a function question, the results the student's function gave on the bank's test inputs.
The questions are the grader's (``crmlib.exercises.load``), so a submission that redefines or patches
the checking code in its own kernel changes nothing here::

    >>> from crmlib.i18n import set_language; set_language("en")
    >>> from crmlib.exercises import load
    >>> from crmlib.grading.run import RunOutput
    >>> out = RunOutput(values={"remaining_after_2_years": {"value": 640}, "costs_more": {"value": "b"}})
    >>> [(r.question, r.status, r.points) for r in judge(load("00_start_here"), out)]
    [('q1', 'correct', 2), ('q2', 'incorrect', 0)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from crmlib.exercises.bank import Exercise
from crmlib.exercises.function import FunctionQuestion
from crmlib.exercises.questions import Lazy, resolve
from crmlib.exercises.result import INCORRECT, NOT_ATTEMPTED, Result
from crmlib.grading.kernelside import Opaque, decode, encode
from crmlib.grading.run import Plan, RunOutput
from crmlib.grading.text import gmsg
from crmlib.i18n import get_language

__all__ = ["plan_for", "judge", "Replay", "warm_up"]


def _case(case: Any) -> dict[str, Any]:
    if isinstance(case, tuple):
        return {"args": [encode(resolve(a)) for a in case], "kwargs": {}}
    return {"args": [], "kwargs": {str(k): encode(resolve(v)) for k, v in dict(case).items()}}


def _key(case: dict[str, Any]) -> str:
    return json.dumps(case, sort_keys=True, allow_nan=True)


def plan_for(exercise: Exercise) -> Plan:
    """What to ask a kernel for: the variable of each question; for a function question, its test calls.

    >>> from crmlib.exercises import load
    >>> plan_for(load("00_start_here")).values
    ['remaining_after_2_years', 'costs_more']
    """
    values = [q.var for q in exercise if not isinstance(q, FunctionQuestion)]
    functions = {q.var: [_case(c) for c in q.cases] for q in exercise if isinstance(q, FunctionQuestion)}
    return Plan(values=values, functions=functions)


def warm_up(exercise: Exercise) -> None:
    """Compute the exercise's lazy answer keys now (once), before any kernel runs.

    >>> from crmlib.exercises import load
    >>> warm_up(load("00_start_here"))
    """
    for question in exercise:
        for value in vars(question).values():
            if isinstance(value, Lazy):
                value.get()


def _exception(name: str, message: str) -> Exception:
    clean = re.sub(r"\W", "", name) or "Error"
    if not clean[0].isalpha():
        clean = "E" + clean
    kind = type(clean, (Exception,), {})
    return kind(message)


class Replay:
    """Stands for a student's function in the grader: gives back, for each test call, what the real
    function returned (or raised) in the student's kernel.

    >>> r = Replay("f", [{"args": [1], "kwargs": {}}], [{"ok": 2}])
    >>> r(1), r.__name__
    (2, 'f')
    >>> r(5)
    Traceback (most recent call last):
    ...
    LookupError: f was not called with these inputs in the notebook
    """

    def __init__(self, name: str, cases: list[dict[str, Any]], calls: list[Any]) -> None:
        self.__name__ = name
        self._calls: dict[str, Any] = {}
        for case, call in zip(cases, calls):
            self._calls.setdefault(_key(case), call)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        call = self._calls.get(_key({"args": [encode(a) for a in args], "kwargs": {k: encode(v) for k, v in kwargs.items()}}))
        if not isinstance(call, dict):
            raise LookupError(f"{self.__name__} was not called with these inputs in the notebook")
        if "ok" in call:
            return decode(call["ok"])
        if call.get("not_implemented"):
            raise NotImplementedError
        if "raised" in call:
            raise _exception(str(call["raised"]), str(call.get("message", "")))
        raise ValueError(gmsg("too_large", name=self.__name__))


def _decoded(entry: Any) -> Any:
    try:
        return decode(entry["value"])
    except Exception:  # malformed data from a kernel: treat as an unknown value, never crash
        return Opaque("<unreadable value>")


def judge(exercise: Exercise, out: RunOutput) -> list[Result]:
    """Each question's ``Result``, from what ``run_cells`` brought back (``out``)."""
    language = get_language()
    # a kernel that stopped early still counts the answers read at its last checkpoint
    stopped = out.state in ("died", "stuck", "no start") and not out.values and not out.functions
    namespace: dict[str, Any] = {}
    special: dict[str, str] = {}
    for question in exercise:
        var = question.var
        if isinstance(question, FunctionQuestion):
            if var in out.function_timeouts:
                special[question.id] = gmsg("function_timeout", name=var, seconds=f"{out.limit:g}")
                continue
            data = out.functions.get(var)
            if not isinstance(data, Mapping) or data.get("missing"):
                continue
            if "calls" in data and isinstance(data["calls"], list):
                namespace[var] = Replay(str(data.get("function") or var), plan_cases(question), data["calls"])
            elif "value" in data:
                namespace[var] = _decoded(data)
            elif data.get("too_large"):
                special[question.id] = gmsg("too_large", name=var)
            continue
        entry = out.values.get(var) if isinstance(out.values, Mapping) else None
        if not isinstance(entry, Mapping) or entry.get("missing"):
            continue
        if entry.get("too_large"):
            special[question.id] = gmsg("too_large", name=var)
        elif "value" in entry:
            namespace[var] = _decoded(entry)
    results = []
    for question in exercise:
        if question.id in special:
            results.append(Result(question.id, INCORRECT, special[question.id], 0, question.points, language))
        elif stopped or (not out.values and not out.functions and out.error):
            why = gmsg("timed_out_question") if stopped else gmsg("unreadable_answers", error=out.error)
            results.append(Result(question.id, NOT_ATTEMPTED, why, 0, question.points, language))
        else:
            results.append(question.grade_from(namespace))
    return results


def plan_cases(question: FunctionQuestion) -> list[dict[str, Any]]:
    """A function question's test calls as data (the same data the kernel was given)."""
    return [_case(c) for c in question.cases]
