"""Every question of every bank in crmlib/exercises/banks/, found automatically.

For each question: every known-right example is accepted, every known-wrong one is graded
incorrect, the placeholder ``___`` and an undefined variable are "not attempted", and the prompt,
at least two hints and the solution exist in English and Chinese. A new lesson's bank is tested
here with no extra work.
"""

from __future__ import annotations

import re

import pytest

from crmlib.i18n import set_language
from crmlib.exercises import CORRECT, INCORRECT, NOT_ATTEMPTED, ___, bank_modules, load
from crmlib.exercises.questions import Question, examples

CJK = re.compile(r"[\u3400-\u9fff]")
BANKS = bank_modules()
QUESTIONS = [(exercise_id, question) for exercise_id, module in BANKS.items() for question in module.QUESTIONS]
IDS = [f"{exercise_id}:{question.id}" for exercise_id, question in QUESTIONS]


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")


def test_the_banks_are_found() -> None:
    assert "00_start_here" in BANKS
    assert len(QUESTIONS) >= 2
    for exercise_id, module in BANKS.items():
        assert re.fullmatch(r"\d\d_[a-z0-9_]+", exercise_id)
        assert module.QUESTIONS and all(isinstance(q, Question) for q in module.QUESTIONS)
        ex = load(exercise_id)  # ids unique, variables unique, title bilingual
        assert ex.ids == [q.id for q in module.QUESTIONS]
        assert CJK.search(ex.title["zh"]) and ex.title["en"].strip()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=IDS)
def test_right_examples_are_accepted(exercise_id: str, question: Question, language: str) -> None:
    set_language(language)
    for value in examples(question, "right"):
        result = question.grade(value)
        assert result.status == question.accepted_status, f"{value!r}: {result.message}"
        assert result.points == (question.points if result.status == CORRECT else 0)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=IDS)
def test_wrong_examples_are_incorrect(exercise_id: str, question: Question, language: str) -> None:
    set_language(language)
    for value in examples(question, "wrong"):
        result = question.grade(value)
        assert result.status == INCORRECT, f"{value!r} was graded {result.status}: {result.message}"
        assert result.points < question.points and (result.points == 0 or question.partial)
        assert result.message.strip() and "Traceback" not in result.message
        if language == "zh":
            assert CJK.search(result.message), result.message


@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=IDS)
def test_placeholder_and_undefined_are_not_attempted(exercise_id: str, question: Question) -> None:
    assert question.grade(___).status == NOT_ATTEMPTED
    assert question.grade_from({}).status == NOT_ATTEMPTED


@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=IDS)
def test_prompt_hints_and_solution_in_both_languages(exercise_id: str, question: Question) -> None:
    assert len(question.hints) >= 2
    for text in [question.prompt, *question.hints, question._solution_text]:
        assert len(text["en"].strip()) >= 10 and text["en"] != text["zh"]
        assert CJK.search(text["zh"]), text["zh"]
    # the prompt tells the student which variable to set
    assert f"`{question.var}`" in question.prompt["en"] and f"`{question.var}`" in question.prompt["zh"]
    assert question.points > 0


# ------------------------------------------------------------------ solutions run as pasted
REPO_ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
FENCED = re.compile(r"```python\n(.*?)```", re.DOTALL)


@__import__("functools").lru_cache(maxsize=None)
def _setup_namespace(exercise_id: str) -> dict:
    """The variables the exercise notebook defines before its first answer cell (imports, data, ``ex``)."""
    import json

    notebook = json.loads((REPO_ROOT / "exercises" / f"{exercise_id}.ipynb").read_text(encoding="utf-8"))
    namespace: dict = {"__name__": "__main__"}
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code":
            continue
        if re.search(r"^\w+ = (___|\{)", source, flags=re.M) or ".check()" in source:
            break
        exec(compile(source, f"{exercise_id} setup", "exec"), namespace)
    return namespace


WITH_NOTEBOOK = [(e, q) for e, q in QUESTIONS if (REPO_ROOT / "exercises" / f"{e}.ipynb").exists()]


WITH_CODE = [(e, q) for e, q in WITH_NOTEBOOK if FENCED.search(q._solution_text["en"])]


def test_most_solutions_show_code() -> None:
    """Choice questions and the memo may explain in words; computations must show their code."""
    assert len(WITH_CODE) >= 0.6 * len(WITH_NOTEBOOK)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("exercise_id, question", WITH_CODE, ids=[f"{e}:{q.id}" for e, q in WITH_CODE])
def test_solution_code_runs_as_pasted_and_is_correct(exercise_id: str, question: Question, language: str) -> None:
    """Each solution's code, run alone after the notebook's setup cells (no other answer defined), is
    graded correct: no NameError, and no reliance on another question's variable."""
    namespace = dict(_setup_namespace(exercise_id))
    for block in FENCED.findall(question._solution_text[language]):
        exec(compile(block, f"{question.id} solution", "exec"), namespace)
    assert question.grade_from(namespace).status == CORRECT


# ------------------------------------------------------------------ named mistakes
from crmlib.exercises.number import NumberQuestion  # noqa: E402
from crmlib.exercises.table import TableQuestion  # noqa: E402
from crmlib.exercises.text import localise  # noqa: E402

MISTAKES = [(e, q, name) for e, q in QUESTIONS for name in q.mistake_names]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("exercise_id, question, name", MISTAKES, ids=[f"{e}:{q.id}:{n}" for e, q, n in MISTAKES])
def test_each_named_mistake_gets_its_own_message(exercise_id: str, question: Question, name: str, language: str) -> None:
    set_language(language)
    result = question.grade(question.mistake_example(name))
    assert result.status == INCORRECT, f"the mistake {name!r} is graded {result.status}"
    assert result.message.startswith(localise(question._mistake_texts[name])), result.message


@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=IDS)
def test_number_and_table_questions_name_their_mistakes(exercise_id: str, question: Question) -> None:
    if exercise_id != "00_start_here" and isinstance(question, (NumberQuestion, TableQuestion)):
        assert question.mistake_names, "name at least one predictable mistake, with its own message"
    texts = [question._mistake_texts[n]["en"] for n in question.mistake_names]
    assert len(set(texts)) == len(texts), "two mistakes share a message"


def test_the_mistakes_the_readers_met_are_named() -> None:
    """The slips students made in testing (issue 12), each with its own message."""
    named = {(e[:2], q.id): set(q.mistake_names) for e, q in QUESTIONS}
    expected = {
        ("01", "q4"): "revenue_share", ("04", "q6"): "one_minus_s", ("04", "q5"): "difference_not_ratio",
        ("03", "q1"): "no_r_in_numerator", ("03", "q2"): "not_discounted", ("03", "q3"): "margin_without_cost_to_serve",
        ("03", "q6"): "off_by_one", ("04", "q9"): "absolute_cut", ("02", "q10"): "a_third_more_failures",
        ("01", "q7"): "tickets_not_customers", ("04", "q1"): "complaints_not_customers",
        ("02", "q4"): "cost_minus_revenue",
    }
    for key, name in expected.items():
        assert name in named[key], key


# ------------------------------------------------------------------ hints and keys
_MODULES = sorted(m.name for m in __import__("pkgutil").iter_modules(__import__("crmlib").__path__))
HELPER = re.compile(r"\b(" + "|".join(_MODULES) + r")\.[a-z_]+")


@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=IDS)
def test_hints_name_no_helper_function(exercise_id: str, question: Question) -> None:
    """The first hint points at the idea and the last at the method; none hands over the crmlib function
    that computes the answer (the solution may show it)."""
    for language in ("en", "zh"):
        for number, hint in enumerate(question.hints, start=1):
            found = HELPER.findall(hint[language])
            assert not found, f"hint {number} ({language}) names {found}"


@pytest.mark.parametrize("exercise_id, question", QUESTIONS, ids=IDS)
def test_no_public_attribute_holds_the_key(exercise_id: str, question: Question) -> None:
    public = {name for name in dir(question) if not name.startswith("_")}
    assert not public & {"answer", "right", "wrong", "alternatives", "reference", "examples", "mistakes",
                         "solution_text", "code"}
    for name in public:
        value = getattr(question, name)
        if callable(value):
            continue
        for right in examples(question, "right")[:1]:
            if isinstance(right, (int, float, str)) and not isinstance(right, bool) and value is not None:
                assert value != right or name in ("var", "id"), f"public attribute {name!r} holds a right answer"


@pytest.mark.parametrize("exercise_id, qid, answer", [
    ("01_crm_background", "q9", {"product": "consumer", "price": "cost to satisfy", "place": "convenience",
                                 "promotion": "communication"}),  # Lauterborn's own words
    ("02_value_chain", "q2", ["customer portfolio analysis", "customer intimacy", "network development",
                              "value proposition development", "manage the relationship"]),
])
def test_synonyms_students_used_are_accepted(exercise_id: str, qid: str, answer) -> None:
    assert load(exercise_id)[qid].grade(answer).status == CORRECT


def test_an_unrecognised_step_is_not_called_missing() -> None:
    q2 = load("02_value_chain").q2
    message = q2.grade(["customer portfolio analysis", "customer intimacy", "network development",
                        "value proposition development", "keep them happy"]).message
    assert "missing" not in message and "Not recognised: 'keep them happy'" in message
    swapped = q2.grade(["customer intimacy", "customer portfolio analysis", "network development",
                        "value proposition development", "managing the relationship"]).message
    assert "out of order" in swapped
