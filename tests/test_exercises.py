"""The exercise engine (crmlib.exercises): every question type, check/hint/solution, score.

Each question type is tested on right, wrong, not attempted (placeholder and undefined), a
student exception, a wrong type, HTML escaping, and both languages. ``check()`` is run the way
a notebook runs it: code executed in a namespace dict that stands for the notebook's globals.
"""

from __future__ import annotations

import json
import pickle
import re
import string
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmlib.i18n import set_language
from crmlib.exercises import (
    CORRECT, INCORRECT, NOT_ATTEMPTED, SUBMITTED, ChoiceQuestion, Exercise, FreeTextQuestion, FunctionQuestion,
    MappingQuestion, NumberQuestion, OrderQuestion, SetQuestion, TableQuestion, UnknownExercise, UnknownQuestion,
    ___, contains_blank, course_mode, is_blank, lazy, load, set_course_mode,
)
from crmlib.exercises import feedback
from crmlib.exercises.text import count_words, describe, short

REPO = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")

COMMON = {
    "prompt": {"en": "Answer the question.", "zh": "请回答问题。"},
    "hints": [{"en": "First hint.", "zh": "第一条提示。"}, {"en": "Second hint.", "zh": "第二条提示。"}],
    "solution": {"en": "The worked solution.", "zh": "参考解答。"},
}


@pytest.fixture(autouse=True)
def _english_and_solutions_on(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CRMLIB_COURSE_MODE", raising=False)
    set_language("en")
    set_course_mode(False)
    yield
    set_language("en")
    set_course_mode(False)


# ---------------------------------------------------------------------------------------- questions
def number_q(**kw) -> NumberQuestion:
    args = dict(points=2, var="remaining", answer=640, rtol=0, atol=0.5, right=[640], wrong=[600], **COMMON)
    args.update(kw)
    return NumberQuestion("q1", **args)


def choice_q() -> ChoiceQuestion:
    return ChoiceQuestion(
        "pick", points=1, var="choice", answer="analytical",
        options=["operational", {"en": "analytical", "zh": "分析型"}, "collaborative"],
        right=["b"], wrong=["a"], **COMMON,
    )


IDIC = ["identify", "differentiate", "interact", "customize"]


def set_q() -> SetQuestion:
    return SetQuestion("idic", points=1, var="idic", answer=IDIC, right=[IDIC], wrong=[IDIC[:2]], partial=False,
                       **COMMON)


BUTTLE = [
    {"en": "customer portfolio analysis", "zh": "客户组合分析"},
    {"en": "customer intimacy", "zh": "客户亲近"},
    {"en": "network development", "zh": "关系网络发展"},
    {"en": "value proposition development", "zh": "价值主张开发"},
    {"en": "managing the customer lifecycle", "zh": "管理客户生命周期", "aliases": ["relationship management"]},
]
BUTTLE_EN = [stage["en"] for stage in BUTTLE]


def order_q() -> OrderQuestion:
    return OrderQuestion(
        "stages", points=2, var="stages", answer=BUTTLE, right=[BUTTLE_EN], wrong=[BUTTLE_EN[::-1]], **COMMON
    )


CRM_TYPES = {
    "sales force automation": "operational",
    "churn prediction model": "analytical",
    "agent guides a repair by phone": "collaborative",
    "customer segmentation": "analytical",
}


def mapping_q() -> MappingQuestion:
    return MappingQuestion(
        "types", points=3, var="crm_types", answer=CRM_TYPES,
        categories=[{"en": "operational", "zh": "操作型"}, {"en": "analytical", "zh": "分析型"},
                    {"en": "collaborative", "zh": "协作型"}],
        right=[CRM_TYPES], wrong=[{**CRM_TYPES, "customer segmentation": "operational"}], partial=False, **COMMON,
    )


EXPECTED_TABLE = pd.DataFrame(
    {"segment": ["gold", "silver", "bronze"], "customers": [20, 30, 50], "revenue": [800.0, 450.0, 250.0]}
).set_index("segment")


def table_q(**kw) -> TableQuestion:
    args = dict(points=2, var="by_segment", answer=EXPECTED_TABLE, right=[EXPECTED_TABLE],
                wrong=[EXPECTED_TABLE.head(2)], partial=False, **COMMON)  # partial credit: test_exercise_partial.py
    args.update(kw)
    return TableQuestion("table", **args)


def remaining(customers, retention, years):
    return customers * retention**years


def function_q() -> FunctionQuestion:
    return FunctionQuestion(
        "fn", points=2, var="remaining", reference=remaining,
        cases=[(1000, 0.8, 2), (500, 0.9, 0), {"customers": 10, "retention": 0.5, "years": 3}],
        right=[remaining], wrong=[lambda c, r, y: c * r * y], **COMMON,
    )


def freetext_q(**kw) -> FreeTextQuestion:
    args = dict(
        var="memo", min_words=5,
        rubric=[({"en": "Names the weakest link", "zh": "指出最薄弱的环节"}, 2),
                ({"en": "Backs it with a number", "zh": "用数字支持结论"}, 1)],
        right=["Network faults drive most of the churn we see."], wrong=["Too short."], **COMMON,
    )
    args.update(kw)
    return FreeTextQuestion("memo", **args)


ALL_TYPES = {
    "number": (number_q, 640),
    "choice": (choice_q, "analytical"),
    "set": (set_q, IDIC),
    "order": (order_q, BUTTLE_EN),
    "mapping": (mapping_q, CRM_TYPES),
    "table": (table_q, EXPECTED_TABLE),
    "function": (function_q, remaining),
    "freetext": (freetext_q, "Network faults drive most of the churn we see."),
}


# ---------------------------------------------------------------------------------------- placeholder
def test_placeholder_is_its_own_value() -> None:
    assert repr(___) == "___ (not answered yet)"
    assert is_blank(___) and not is_blank("___") and not is_blank(None) and not is_blank(0)
    assert is_blank(1000 * ___ * 0.8) and is_blank(np.float64(2.0) * ___) and is_blank(-___)
    assert pickle.loads(pickle.dumps(___)) is ___
    assert contains_blank({"a": [1, ___]}) and not contains_blank({"a": [1, 2]})
    assert contains_blank(pd.Series(["x", ___], dtype=object)) and not contains_blank(pd.Series(["x", "y"]))


# ---------------------------------------------------------------------------------------- every type
@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_type_right_answer_is_accepted(kind: str) -> None:
    make, right = ALL_TYPES[kind]
    q = make()
    result = q.grade(right)
    assert result.status == (SUBMITTED if kind == "freetext" else CORRECT), result.message
    assert result.points == (0 if kind == "freetext" else q.points)
    assert result.max_points == q.points


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_type_placeholder_and_undefined_are_not_attempted(kind: str) -> None:
    q = ALL_TYPES[kind][0]()
    blank = q.grade(___)
    assert (blank.status, blank.points) == (NOT_ATTEMPTED, 0)
    assert f"`{q.var}`" in blank.message and "`___`" in blank.message
    undefined = q.grade_from({"something_else": 1})
    assert undefined.status == NOT_ATTEMPTED
    assert undefined.message == f"Define `{q.var}` in the cell above and run it."


@pytest.mark.parametrize("kind", ["set", "order", "mapping"])
def test_a_half_filled_template_is_not_attempted(kind: str) -> None:
    q = ALL_TYPES[kind][0]()
    template = {k: ___ for k in CRM_TYPES} if kind == "mapping" else ["identify", ___]
    result = q.grade(template)
    assert result.status == NOT_ATTEMPTED
    assert "still contains `___`" in result.message


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_type_reports_a_wrong_type_in_one_line(kind: str) -> None:
    q = ALL_TYPES[kind][0]()
    value = 3.5 if kind != "number" else object()
    result = q.grade(value)
    assert result.status == INCORRECT
    assert result.message.startswith("Expected ")
    assert "; got " in result.message and "Traceback" not in result.message and "\n" not in result.message


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_type_html_escapes_the_students_value(kind: str) -> None:
    q = ALL_TYPES[kind][0]()
    evil = "<script>alert(1)</script>"
    value = {"number": evil, "choice": evil, "set": [evil], "order": [evil], "mapping": {evil: "analytical"},
             "table": evil, "function": evil, "freetext": 5}[kind]
    result = q.grade(value)
    html = result._repr_html_()
    if kind != "freetext":
        assert "alert(1)" in result.message
    assert "<script>" not in html
    assert ("&lt;script&gt;" in html) == (kind != "freetext")


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_type_speaks_chinese(kind: str) -> None:
    make, right = ALL_TYPES[kind]
    set_language("zh")
    q = make()
    for result in (q.grade(right), q.grade(___), q.grade(3.5 if kind != "number" else "x")):
        assert CJK.search(result.message), result.message
        assert CJK.search(result.title), result.title


# ---------------------------------------------------------------------------------------- number
@pytest.mark.parametrize("value", [
    640, 640.0, 640.5, 639.5, np.float64(640.2), np.int64(640), np.float32(640.0), Decimal("640"),
    Fraction(1280, 2), np.array(640.0), 1000 * 0.8 * 0.8,
])
def test_number_accepts_every_numeric_form(value) -> None:
    assert number_q().grade(value).status == CORRECT


def test_number_wrong_answer_never_reveals_the_answer() -> None:
    for value in (600, 800, 641.5, 1e9):
        result = number_q().grade(value)
        assert result.status == INCORRECT
        assert "640" not in result.message, result.message
    assert number_q().grade(600).message == "600 is not the expected value."


def test_number_units_sign_nan_and_inf_get_their_own_reason() -> None:
    q = number_q()
    assert "factor of 100" in q.grade(6.4).message and "factor of 100" in q.grade(64000).message
    assert q.grade(-640).message == "-640 has the wrong sign."
    assert "NaN" in q.grade(float("nan")).message
    assert "infinite" in q.grade(float("inf")).message
    share = number_q(answer=0.8, atol=0.0005, alternatives=[80])
    assert share.grade(0.8).status == CORRECT and share.grade(80).status == CORRECT
    assert share.grade(0.008).message.startswith("0.008 is off by a factor of 100")


@pytest.mark.parametrize("value, extra", [
    ("640", "Write it as a plain number, without quotes"),
    ("$600,000", "Write it as a plain number, without quotes"),
    ("CNY 1,200", "Write it as a plain number, without quotes"),
    ("80%", "Write it as a plain number, without quotes"),
    (True, "True and False do not count as numbers here."),
    (np.bool_(False), "True and False do not count as numbers here."),
    (pd.Series([640.0]), "take it out with `.item()`"),
    (lambda: 640, "Call the function to get its value."),
    ("six hundred", None),
    (None, None),
    (640 + 0j, None),
])
def test_number_wrong_types_name_the_likely_slip(value, extra) -> None:
    result = number_q().grade(value)
    assert result.status == INCORRECT
    assert result.message.startswith("Expected a number; got ")
    if extra:
        assert extra in result.message
    else:
        assert result.message.endswith(".") and "quotes" not in result.message


def test_number_validates_its_definition() -> None:
    with pytest.raises(ValueError, match="answer and alternatives must be numbers; got 'x'"):
        number_q(answer="x")
    with pytest.raises(ValueError, match="atol must be a number >= 0; got -1"):
        number_q(atol=-1)


def test_number_lazy_answer_is_computed_once_when_first_graded() -> None:
    calls = []
    q = number_q(answer=lazy(lambda: calls.append(1) or 640))
    assert calls == []
    assert q.grade(640).status == CORRECT and q.grade(600).status == INCORRECT
    assert calls == [1]


# ---------------------------------------------------------------------------------------- choice
@pytest.mark.parametrize("value", ["analytical", "  ANALYTICAL ", "Analytical.", "b", "B", "(b)", "b)", "分析型", "ｂ"])
def test_choice_accepts_the_text_in_any_case_or_the_letter(value: str) -> None:
    assert choice_q().grade(value).status == CORRECT


def test_choice_wrong_and_unknown_answers() -> None:
    q = choice_q()
    assert q.grade("a").message == "Option (a), “operational”, is not the right choice."
    assert q.grade("collaborative").message == "Option (c), “collaborative”, is not the right choice."
    assert q.grade("d").message == "'d' is not one of the options; answer with an option's text or its letter (a, b, c)."
    assert q.grade(2).message == (
        "Expected one of the options, as its text or its letter (a, b, c); got an int: 2."
    )
    assert "a, b, c" in q.prompt_text() or "(b) analytical" in q.prompt_text()


def test_choice_validates_its_definition() -> None:
    with pytest.raises(ValueError, match="answer 'other' is not one of the options"):
        ChoiceQuestion("c", points=1, var="c", answer="other", options=["x", "y"], right=["x"], wrong=["y"], **COMMON)
    with pytest.raises(ValueError, match="'X' and 'x' are the same"):
        ChoiceQuestion("c", points=1, var="c", answer="x", options=["x", "X"], right=["x"], wrong=["y"], **COMMON)


# ---------------------------------------------------------------------------------------- set / order
def test_set_accepts_any_order_case_spacing_and_container() -> None:
    q = set_q()
    for value in (IDIC[::-1], ["  Identify", "INTERACT", "differentiate ", "customize", "identify"],
                  tuple(IDIC), set(IDIC), pd.Series(IDIC), np.array(IDIC)):
        assert q.grade(value).status == CORRECT, value


def test_set_counts_missing_items_without_naming_them() -> None:
    result = set_q().grade(["identify", "interact", "sell"])
    assert result.status == INCORRECT
    assert result.message == "2 items missing. Not expected here: 'sell'."
    assert "differentiate" not in result.message and "customize" not in result.message
    assert set_q().grade("identify, interact").message.startswith("Expected a list of items")


def test_order_says_where_the_order_goes_wrong() -> None:
    q = order_q()
    swapped = [BUTTLE_EN[0], BUTTLE_EN[2], BUTTLE_EN[1], BUTTLE_EN[3], BUTTLE_EN[4]]
    assert q.grade(swapped).message == (
        "The items are right but out of order from position 2 ('network development')."
    )
    in_chinese = [stage["zh"] for stage in BUTTLE[:4]] + ["Relationship management"]
    assert q.grade(in_chinese).status == CORRECT
    assert q.grade(BUTTLE_EN[:4]).message == "1 item missing."
    repeated = BUTTLE_EN[:4] + [BUTTLE_EN[0]]
    assert q.grade(repeated).message == "1 item missing. Listed more than once: 'customer portfolio analysis'."
    assert q.grade(set(BUTTLE_EN)).message.startswith("Expected a list in order")


# ---------------------------------------------------------------------------------------- mapping
def test_mapping_accepts_either_language_and_a_series() -> None:
    q = mapping_q()
    zh = {item.upper(): {"operational": "操作型", "analytical": "分析型", "collaborative": "协作型"}[c]
          for item, c in CRM_TYPES.items()}
    assert q.grade(zh).status == CORRECT
    assert q.grade(pd.Series(CRM_TYPES)).status == CORRECT


def test_mapping_counts_in_the_singular_and_speaks_of_pairs_when_matching() -> None:
    q = mapping_q()
    assert q.grade({**CRM_TYPES, "customer segmentation": "operational"}).message == (
        "1 item wrongly classified: 'customer segmentation'."
    )
    four_c = {"product": "customer", "price": "cost", "place": "convenience", "promotion": "communication"}
    match = MappingQuestion("fourc", points=2, var="four_c", answer=four_c, task="match",
                            right=[four_c], wrong=[{**four_c, "price": "convenience"}], partial=False, **COMMON)
    assert match.grade({**four_c, "price": "convenience", "place": "cost"}).message == (
        "2 pairs wrongly matched: 'price', 'place'."
    )
    assert match.grade({**four_c, "price": "convenience"}).message == "1 pair wrongly matched: 'price'."
    assert match.grade({"product": "customer"}).message.startswith("Not matched yet: 'price'")
    with pytest.raises(ValueError, match="task must be 'classify' or 'match'; got 'pair'"):
        MappingQuestion("x", points=1, var="x", answer=four_c, task="pair", right=[four_c], wrong=[{}], **COMMON)


def test_chinese_feedback_lists_items_with_the_enumeration_comma() -> None:
    set_language("zh")
    four_c = {"product": "customer", "price": "cost", "place": "convenience", "promotion": "communication"}
    match = MappingQuestion("fourc", points=2, var="four_c", answer=four_c, task="match",
                            right=[four_c], wrong=[{**four_c, "price": "convenience"}], partial=False, **COMMON)
    wrong = match.grade({**four_c, "price": "convenience", "place": "cost"}).message
    assert "'price'、'place'" in wrong and "', '" not in wrong
    assert "（a、b、c）" in choice_q().grade("d").message
    assert "操作型、分析型、协作型" in mapping_q().grade({**CRM_TYPES, "customer segmentation": "x"}).message
    from crmlib.exercises.build import notebook

    intro = "".join(notebook("02_value_chain", "zh")["cells"][0]["source"])
    assert "部分得分（q1、q3、q4、q9）" in intro
    set_language("en")
    assert "'price', 'place'" in match.grade({**four_c, "price": "convenience", "place": "cost"}).message
    assert "Partial credit (q1, q3, q4, q9)" in "".join(notebook("02_value_chain", "en")["cells"][0]["source"])


def test_one_point_is_a_point_not_points() -> None:
    one = number_q(points=1)
    assert one.grade(640).title == "q1: Correct (1/1 point)"
    assert one.grade(600).title == "q1: Incorrect (0/1 point)"
    assert number_q().grade(640).title == "q1: Correct (2/2 points)"


def test_number_with_decimals_says_when_an_answer_is_rounded_too_far() -> None:
    q = number_q(answer=0.24197, atol=0.0005, decimals=3, right=[0.242], wrong=[0.24])
    assert q.grade(0.242).status == CORRECT and q.grade(0.2420).status == CORRECT
    assert q.grade(0.24).message == "0.24 is not precise enough: give the answer to at least 3 decimals."
    assert q.grade(0.2).message.startswith("0.2 is not precise enough")
    assert q.grade(0.2439).message == "0.2439 is not the expected value."  # four decimals, but wrong
    assert q.grade(0.25).message == "0.25 is not the expected value."    # not the right value rounded
    with pytest.raises(ValueError, match="decimals must be a whole number >= 1 or None; got 0"):
        number_q(decimals=0)


def test_mapping_names_the_wrong_items_but_not_their_class() -> None:
    q = mapping_q()
    answer = {**CRM_TYPES, "customer segmentation": "operational", "churn prediction model": "collaborative"}
    result = q.grade(answer)
    assert result.message == (
        "2 items wrongly classified: 'churn prediction model', 'customer segmentation'."
    )
    assert "analytical" not in result.message


def test_mapping_missing_unknown_and_bad_categories() -> None:
    q = mapping_q()
    answer = dict(list(CRM_TYPES.items())[:3])
    answer["loyalty card"] = "operational"
    answer["sales force automation"] = "strategic"
    message = q.grade(answer).message
    assert "Not classified yet: 'customer segmentation'." in message
    assert "Not items of this question: 'loyalty card'." in message
    assert "Not a category: 'strategic'; use one of operational, analytical, collaborative." in message
    assert q.grade([("a", "b")]).message.startswith("Expected a dict such as {'item': 'category'}")


# ---------------------------------------------------------------------------------------- table
def test_table_accepts_equal_tables_within_tolerance() -> None:
    q = table_q()
    assert q.grade(EXPECTED_TABLE.copy()).status == CORRECT
    assert q.grade(EXPECTED_TABLE.assign(revenue=EXPECTED_TABLE.revenue * (1 + 1e-9))).status == CORRECT
    assert q.grade(EXPECTED_TABLE.astype({"customers": float})).status == CORRECT


def test_table_names_what_differs() -> None:
    q = table_q()
    t = EXPECTED_TABLE
    cases = {
        "Missing column(s): 'revenue'.": t[["customers"]],
        "Column(s) not expected: 'share'.": t.assign(share=1.0),
        "The columns are right but in a different order.": t[["revenue", "customers"]],
        "Your table has 4 rows: too many.": pd.concat([t, t.head(1)]),
        "Your table has 2 rows: too few.": t.head(2),
        "The rows are right but in a different order.": t.iloc[::-1],
        "Column 'revenue': 1 of 3 values are wrong.": t.assign(revenue=[800.0, 450.0, 251.0]),
        "Column 'revenue': 1 missing value(s) (NaN).": t.assign(revenue=[800.0, np.nan, 250.0]),
        "Column 'customers' holds text where numbers are expected.": t.assign(customers=["20", "30", "50"]),
        "Your rows are numbered 0, 1, 2, …, but the expected result has row labels: "
        "did you forget `.set_index(...)`?": t.reset_index(),
    }
    for message, value in cases.items():
        if message.startswith("Your rows are numbered"):
            value = value.drop(columns="segment")
        assert q.grade(value).message == message
    relabelled = t.rename(index={"gold": "platinum"})
    assert q.grade(relabelled).message == (
        "The row labels (index) differ: 1 expected label(s) missing, 1 not expected."
    )
    assert q.grade(t["revenue"]).message == (
        "Expected a pandas DataFrame; got a pandas Series with 3 values. "
        "`df['col']` gives a Series; `df[['col']]` gives a one-column DataFrame."
    )


def test_table_options_for_order_and_index() -> None:
    t = EXPECTED_TABLE
    assert table_q(ignore_row_order=True).grade(t.iloc[::-1]).status == CORRECT
    assert table_q(ignore_column_order=True).grade(t[["revenue", "customers"]]).status == CORRECT
    loose = table_q(check_index=False)
    assert loose.grade(t.reset_index(drop=True)).status == CORRECT
    assert loose.grade(t.iloc[::-1]).status == INCORRECT
    assert table_q(check_index=False, ignore_row_order=True).grade(t.iloc[::-1].reset_index(drop=True)).status == CORRECT


def test_table_series_answers() -> None:
    expected = pd.Series([0.5, 0.3, 0.2], index=["gold", "silver", "bronze"], name="share")
    q = table_q(answer=expected, right=[expected], wrong=[expected * 100])
    assert q.grade(expected.rename("whatever")).status == CORRECT
    assert q.grade(expected * 100).message == "3 of 3 values are wrong."
    assert q.grade(expected.to_frame()).message.startswith("Expected a pandas Series; got a pandas DataFrame")
    with pytest.raises(ValueError, match="answer must be a pandas DataFrame or Series; got list"):
        table_q(answer=[1, 2])


# ---------------------------------------------------------------------------------------- function
def test_function_right_and_wrong() -> None:
    q = function_q()
    assert q.grade(lambda customers, retention, years: customers * retention**years).status == CORRECT
    result = q.grade(lambda c, r, y: c * r * y)
    assert result.message == "Wrong result for remaining(1000, 0.8, 2): your function returned 1600."
    assert "640" not in result.message  # the expected output is never shown


def test_function_exception_is_one_line_naming_the_input() -> None:
    def remaining(customers, retention, years):
        if years == 0:
            raise ValueError("years must be positive")
        return customers * retention**years

    result = function_q().grade(remaining)
    assert result.status == INCORRECT
    assert result.message == (
        "Your function raised ValueError: years must be positive when called as remaining(500, 0.9, 0)."
    )


def test_function_stub_is_not_attempted_and_missing_return_is_named() -> None:
    def stub(customers, retention, years):
        raise NotImplementedError

    def blank(customers, retention, years):
        return ___

    def no_return(customers, retention, years):
        customers * retention**years

    q = function_q()
    assert q.grade(stub).status == NOT_ATTEMPTED and q.grade(blank).status == NOT_ATTEMPTED
    assert "still returns `___` or raises NotImplementedError" in q.grade(blank).message
    assert q.grade(no_return).message == (
        "Your function returned None for remaining(1000, 0.8, 2): did you forget `return`?"
    )
    assert q.grade(640).message == "Expected a function (defined with `def`); got an int: 640."


def test_function_cannot_spoil_the_reference_by_changing_its_input() -> None:
    def total(values):
        return sum(values)

    def greedy(values):
        result = sum(values)
        values.clear()
        return result

    q = FunctionQuestion("f", points=1, var="total", reference=total, cases=[([1, 2, 3],), ([4],)],
                         right=[total], wrong=[len], **COMMON)
    assert q.grade(greedy).status == CORRECT
    assert q.cases == [([1, 2, 3],), ([4],)]


# ---------------------------------------------------------------------------------------- free text
def test_freetext_is_submitted_with_word_count_and_rubric() -> None:
    q = freetext_q()
    result = q.grade("Network faults drive most of the churn we see.")
    assert (result.status, result.points, result.max_points) == (SUBMITTED, 0, 3)
    assert result.message.splitlines() == [
        "Your answer is recorded (9 words). Your instructor will grade it on:",
        "• Names the weakest link (points: 2)",
        "• Backs it with a number (points: 1)",
    ]
    assert result.title == "memo: Submitted (worth 3 points, graded by your instructor)"


def test_freetext_empty_short_and_wrong_type() -> None:
    q = freetext_q()
    assert q.grade("   ").status == NOT_ATTEMPTED
    assert q.grade("Too short.").message == "Too short to submit: 2 words; write at least 5."
    assert q.grade(42).message.startswith("Expected text in quotes")
    assert count_words("网络故障导致流失") == 8 and count_words("CRM 价值链") == 4
    with pytest.raises(ValueError, match=r"points \(5\) must equal the rubric's total \(3\)"):
        freetext_q(points=5)


def test_freetext_over_the_word_limit_is_not_submitted() -> None:
    q = freetext_q(max_words=9)
    assert q.grade("Network faults drive most of the churn we see.").status == SUBMITTED  # exactly 9 words
    too_long = q.grade("Network faults drive most of the churn we see, clearly.")
    assert (too_long.status, too_long.message) == (INCORRECT, "Too long to submit: 10 words; keep it to 9 at most.")
    with pytest.raises(ValueError, match=r"max_words must be a whole number >= min_words \(5\); got 3"):
        freetext_q(max_words=3)


# ---------------------------------------------------------------------------------------- errors
def test_an_exception_while_comparing_becomes_one_line() -> None:
    class Awkward:
        def __hash__(self):
            raise RuntimeError("no hashing today")

    result = set_q().grade([Awkward()])
    assert result.status == INCORRECT
    assert result.message == "Checking your answer raised RuntimeError: no hashing today."


def test_long_and_broken_values_are_shortened_safely() -> None:
    long_text = "x" * 5000
    message = choice_q().grade(long_text).message
    assert len(message) < 200 and "…" in message

    class BrokenRepr:
        def __repr__(self):
            raise ValueError("no")

    assert short(BrokenRepr()) == "<BrokenRepr object (its repr raised ValueError)>"
    assert describe(pd.DataFrame({"a": [1, 2]})) == "a pandas DataFrame with 2 rows and 1 columns"


def test_definitions_are_validated() -> None:
    with pytest.raises(ValueError, match="hints must be a list of at least 2"):
        number_q(hints=[COMMON["hints"][0]])
    with pytest.raises(ValueError, match="hint 2 needs a non-empty text for 'zh'"):
        number_q(hints=[COMMON["hints"][0], {"en": "only English"}])
    with pytest.raises(ValueError, match="right must be a non-empty list of example answers"):
        number_q(right=[])
    with pytest.raises(ValueError, match="wrong must be a non-empty list"):
        number_q(wrong=600)
    with pytest.raises(ValueError, match="points must be a number >= 0; got -1"):
        number_q(points=-1)
    with pytest.raises(ValueError, match="var must be a Python name such as 'q1'; got 'my answer'"):
        number_q(var="my answer")


# ---------------------------------------------------------------------------------------- check()
def run_cell(code: str, namespace: dict) -> None:
    exec(compile(code, "<cell>", "exec"), namespace)


def test_check_reads_the_callers_globals_and_returns_none(capsys: pytest.CaptureFixture[str]) -> None:
    notebook = {}
    run_cell("from crmlib.exercises import load, ___\nex = load('00_start_here')", notebook)
    run_cell("remaining_after_2_years = ___\nanswer = ex.q1.check()", notebook)
    assert notebook["answer"] is None
    assert capsys.readouterr().out.startswith("q1: Not attempted (0/2 points)\n")
    run_cell("remaining_after_2_years = 1000 * 0.8\nex.q1.check()", notebook)
    assert capsys.readouterr().out == (
        "q1: Incorrect (0/2 points)\n800 is not the expected value.\nStuck? `ex.q1.hint()` gives a hint.\n"
    )
    run_cell("del remaining_after_2_years\nex.q1.check()", notebook)
    assert "Define `remaining_after_2_years`" in capsys.readouterr().out
    run_cell("ex.q1.check(640)", notebook)
    assert capsys.readouterr().out.startswith("q1: Correct (2/2 points)")


def test_check_names_the_students_own_variable_in_the_tip(capsys: pytest.CaptureFixture[str]) -> None:
    notebook = {}
    run_cell("from crmlib.exercises import load\nlesson = load('00_start_here')\ncosts_more = 'b'\nlesson.q2.check()",
             notebook)
    assert "Stuck? `lesson.q2.hint()` gives a hint." in capsys.readouterr().out


def test_check_displays_html_through_ipython_when_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    shown = []
    monkeypatch.setattr(feedback, "_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", shown.append)
    load("00_start_here").q2.check("<b>bold</b>")
    (result,) = shown
    html = result._repr_html_()
    assert html.startswith('<div class="crmlib-feedback crmlib-incorrect"')
    assert "&#x27;&lt;b&gt;bold&lt;/b&gt;&#x27; is not one of the options" in html and "<b>bold" not in html


# ---------------------------------------------------------------------------------------- hints
def test_hint_levels(capsys: pytest.CaptureFixture[str]) -> None:
    ex = load("00_start_here")
    titles = []
    for _ in range(4):
        ex.q1.hint()
        titles.append(capsys.readouterr().out.splitlines()[0])
    assert titles == ["q1: hint 1 of 3", "q1: hint 2 of 3", "q1: hint 3 of 3",
                      "q1 has no more hints (it has 3). `ex.q1.solution()` shows the solution."]
    ex.q1.hint(2)
    assert capsys.readouterr().out.startswith("q1: hint 2 of 3\nIn the second year")
    ex.q1.hint(0)
    assert capsys.readouterr().out == "The hints of q1 are numbered 1 to 3; got 0.\n"
    ex.q1.hint(7)
    assert "no more hints" in capsys.readouterr().out
    fresh = load("00_start_here")  # each load has its own counters
    fresh.q1.hint()
    assert capsys.readouterr().out.startswith("q1: hint 1 of 3")


def test_hint_jumping_ahead_moves_the_counter(capsys: pytest.CaptureFixture[str]) -> None:
    ex = load("00_start_here")
    ex.q1.hint(2)
    ex.q1.hint()
    assert capsys.readouterr().out.splitlines()[2] == "q1: hint 3 of 3"


# ---------------------------------------------------------------------------------------- course mode
def test_solution_shown_unless_course_mode(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ex = load("00_start_here")
    ex.q1.solution()
    out = capsys.readouterr().out
    assert out.startswith("q1: solution\n") and "1000 * 0.8 ** 2" in out

    set_course_mode(True)
    assert course_mode()
    ex.q1.solution()
    assert capsys.readouterr().out == "Solutions are turned off by your instructor.\n"
    ex.q1.hint(5)
    assert capsys.readouterr().out == "q1 has no more hints (it has 3).\n"
    set_course_mode(False)
    assert not course_mode()

    monkeypatch.setenv("CRMLIB_COURSE_MODE", "1")  # read when asked, not at import
    ex.q1.solution()
    assert capsys.readouterr().out == "Solutions are turned off by your instructor.\n"
    monkeypatch.setenv("CRMLIB_COURSE_MODE", "0")
    ex.q1.solution()
    assert capsys.readouterr().out.startswith("q1: solution")
    with pytest.raises(TypeError, match="on must be True or False; got a str: 'yes'"):
        set_course_mode("yes")


# ---------------------------------------------------------------------------------------- languages
def test_chinese_feedback_hints_and_solution(capsys: pytest.CaptureFixture[str]) -> None:
    ex = load("00_start_here")
    set_language("zh")
    result = ex.q1.grade(601)
    assert result.title == "q1：不正确（0/2 分）"
    assert result.message == "601 不是预期的结果。"
    assert ex.q2.grade("留住一位老客户").message == "选项（b）“留住一位老客户”不是正确答案。"
    ex.q1.hint()
    assert capsys.readouterr().out.startswith("q1：提示 1/3\n一年一年地算")
    ex.q2.solution()
    assert "哈佛商业评论" in capsys.readouterr().out
    assert ex.q1.grade(True).message.endswith("这里 True 和 False 不算数值。")


def test_catalogue_has_every_exercise_message_in_both_languages() -> None:
    catalogue = json.loads((REPO / "crmlib/data/messages.json").read_text(encoding="utf-8"))
    keys = {k[len("exercise."):]: v for k, v in catalogue.items() if k.startswith("exercise.")}
    fields = string.Formatter()
    for key, entry in keys.items():
        assert set(entry) == {"en", "zh"}, key
        en = {f for _, f, _, _ in fields.parse(entry["en"]) if f}
        zh = {f for _, f, _, _ in fields.parse(entry["zh"]) if f}
        # English alone needs {article} ("a str", "an int")
        assert en - {"article"} == zh, f"exercise.{key}: placeholders differ: {en} vs {zh}"
        if key != "sentence_join":
            assert entry["en"].strip() and entry["zh"].strip(), key
    # every key the code asks for exists (literal keys, and the families built with f-strings)
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "crmlib/exercises").glob("*.py"))
    used = set(re.findall(r'msg\(\s*"([a-z_.]+)"', source))
    used |= {f"expect.{k}" for k in re.findall(r'WrongType\(\s*"([a-z_]+)"', source)}
    used |= {f"extra.{k}" for k in ("item", "no_quotes", "call", "bool", "to_frame", "to_series")}
    used |= {f"status.{s.replace(' ', '_')}" for s in (CORRECT, INCORRECT, NOT_ATTEMPTED, SUBMITTED)}
    used |= {f"{kind}.{k}" for kind in ("table", "series")
             for k in ("too_many_rows", "too_few_rows", "wrong_values", "missing_values", "text_not_numbers")}
    assert len(used) > 60
    assert sorted(used - set(keys)) == []


# ---------------------------------------------------------------------------------------- exercise / score
def test_exercise_lookup_by_id() -> None:
    ex = load("00_start_here")
    assert ex["q2"] is ex.q2 and ex.ids == ["q1", "q2"] and len(ex) == 2
    assert load("start_here").id == "00_start_here"
    assert not hasattr(ex, "q9")
    with pytest.raises(KeyError, match="No question 'q3' in exercise '00_start_here'; its questions are: q1, q2."):
        ex["q3"]
    with pytest.raises(UnknownQuestion):
        ex.q3
    with pytest.raises(UnknownExercise, match="No exercise '01_nope'; the exercises are: 00_start_here"):
        load("01_nope")
    with pytest.raises(UnknownExercise):
        load("99_start_here")
    assert "q1" in dir(ex)


def test_exercise_rejects_clashing_questions() -> None:
    with pytest.raises(ValueError, match="question id 'score' is taken by Exercise.score"):
        Exercise("x", [number_q(), NumberQuestion("score", points=1, var="other", answer=1, right=[1], wrong=[2],
                                                  **COMMON)])
    with pytest.raises(ValueError, match="questions 'q1' and 'fn' both read the variable 'remaining'"):
        Exercise("x", [number_q(), function_q()])


def test_score_from_a_namespace_and_from_the_callers_globals() -> None:
    ex = load("00_start_here")
    table = ex.score({"remaining_after_2_years": 640, "costs_more": "b"})
    assert list(table.columns) == ["question", "status", "points", "max_points"]
    assert table.values.tolist() == [
        ["q1", "Correct", 2, 2], ["q2", "Incorrect", 0, 1], ["total", "", 2, 3],
    ]
    notebook = {}
    run_cell("from crmlib.exercises import load\nex = load('00_start_here')\ncosts_more = 'a'\n"
             "table = ex.score()", notebook)
    assert notebook["table"]["points"].tolist() == [0, 1, 1]
    set_language("zh")
    zh = ex.score({"costs_more": "a"})
    assert zh["status"].tolist() == ["未作答", "正确", ""] and zh["question"].iloc[-1] == "总计"
    with pytest.raises(TypeError, match="namespace must be a dict of variables"):
        ex.score(["costs_more"])


def test_grade_is_pure_and_gives_codes_for_a_batch_grader(capsys: pytest.CaptureFixture[str]) -> None:
    ex = load("00_start_here")
    table = ex.grade({"remaining_after_2_years": "640", "costs_more": "winning a new customer"})
    assert capsys.readouterr().out == ""
    assert table[["question", "status", "points", "max_points"]].values.tolist() == [
        ["q1", "incorrect", 0, 2], ["q2", "correct", 1, 1],
    ]
    assert table["message"].iloc[0].startswith("Expected a number; got ")
