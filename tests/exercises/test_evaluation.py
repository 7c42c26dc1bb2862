"""crmkit.exercises.evaluation: checking one answer, on a fake chapter."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises import Exercise, check, evaluate
from crmkit.exercises.session import registered

from tests.exercises.fake_chapter import CALLS, ORDERS


def test_correct_answer_gets_the_points(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.1", ORDERS.sample(frac=1, random_state=0))
    assert feedback.status == "correct" and feedback.correct
    assert (feedback.points, feedback.max_points) == (3, 3)
    assert repr(feedback) == "Exercise 98.1 (Orders per customer): Correct! +3 points"


def test_placeholder_is_not_attempted(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.10", ...)  # its expected answer would fail: it is not even computed
    assert feedback.status == "not_attempted"
    assert (feedback.points, feedback.max_points) == (0, 2)
    assert repr(feedback) == (
        "Exercise 98.10 (Broken data): Not attempted yet: replace the `...` with your code, "
        "then run this cell again."
    )


def test_diagnosis_leads_and_comparator_problems_follow(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.1", 6)
    assert feedback.status == "incorrect" and feedback.points == 0
    assert feedback.message.startswith("You counted the orders of all customers together")
    assert any("expects a pandas Series" in detail for detail in feedback.details)
    assert repr(feedback).splitlines()[:2] == [
        "Exercise 98.1 (Orders per customer): Not yet (0 of 3 points).",
        feedback.message,
    ]


def test_feedback_names_the_diagnosis_that_wrote_it(fake_chapter: dict[str, Exercise]) -> None:
    assert check("98.1", 6).diagnosis == "counted_everything"  # broken_diagnosis is skipped
    assert check("98.1", ORDERS * 100).diagnosis == ""  # the comparator's problem leads
    assert check("98.1", ORDERS).diagnosis == ""
    assert "counted_everything" not in repr(check("98.1", 6))


def test_without_diagnosis_the_first_problem_leads(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.1", ORDERS.drop("C2") * 100)
    assert feedback.message.startswith("Your Series is missing 1 customer_id value")
    assert "C2" not in feedback.message  # the one missing label would complete the answer
    assert any("100 times" in detail for detail in feedback.details)


def test_broken_expected_answer_is_an_error_not_a_crash(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.10", 1)
    assert feedback.status == "error"
    assert "ZeroDivisionError" in feedback.message
    assert "not with your answer" in feedback.message


def test_crashing_comparator_is_an_error(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("97.1", 1)
    assert feedback.status == "error"
    assert "KeyError" in feedback.message


def test_expected_answer_is_computed_once(fake_chapter: dict[str, Exercise]) -> None:
    before = CALLS["expected"]
    for answer in (0.25, 0.5, "x"):
        evaluate("98.2", answer)
    assert CALLS["expected"] == before + 1


def test_answers_are_never_changed(fake_chapter: dict[str, Exercise]) -> None:
    answer = pd.DataFrame({"x": [3, 1, 2]}, index=pd.Index(["a", "b", "c"], name="id"))
    before = answer.copy()
    check("97.2", answer)
    pd.testing.assert_frame_equal(answer, before)
    series = ORDERS.iloc[::-1].copy()
    check("98.1", series)
    pd.testing.assert_series_equal(series, ORDERS.iloc[::-1])


def test_hand_written_comparators_may_answer_true_or_false() -> None:
    same = Exercise(
        "96.1", "96", "T", "x", 1, lambda: 2, lambda answer, expected: answer == expected
    )
    with registered([same], alone=True):
        assert check("96.1", 2).status == "correct"
        assert check("96.1", 3).message == "Your answer is not correct yet."


def test_next_step_points_at_the_section_and_the_hints() -> None:
    from crmkit.exercises import compare
    from crmkit.exercises.evaluation import next_step

    def make(hints: tuple[str, ...], section: str) -> Exercise:
        return Exercise(
            "95.1", "95", "T", "x", 1, lambda: 1.0, compare.scalar(), hints, (), section
        )

    assert next_step(make(("h",), "Totals")) == (
        'Next step: re-read "Totals" in the lesson, or run hint("95.1") for a hint.'
    )
    assert next_step(make(("h",), "")) == 'Next step: run hint("95.1") for a hint.'
    assert next_step(make((), "Totals")) == 'Next step: re-read "Totals" in the lesson.'
    assert next_step(make((), "")) == ""
    assert (
        make((), "").evaluate(2.0).next_step == ""
        and make(("h",), "").evaluate(1.0).next_step == ""
    )
