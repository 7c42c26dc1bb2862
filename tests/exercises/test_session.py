"""crmkit.exercises.session: check, hint and progress, and what the session remembers."""

from __future__ import annotations

import json
from typing import Any

from crmkit.exercises import Exercise, Feedback, Hint, check, compare, evaluate, hint, progress
from crmkit.exercises.feedback import STATUSES
from crmkit.exercises.session import registered
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exercises.fake_chapter import ORDERS, make_fake_chapter
from tests.exercises.strategies import answers


def test_unknown_or_badly_written_ids(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.3", 1)
    assert feedback.status == "error"
    assert "There is no exercise '98.3'" in feedback.message
    assert "97.1, 97.2, 98.1, 98.2, 98.10" in feedback.message
    assert check(98.1, 1).status == "error"  # type: ignore[arg-type]
    assert "in quotes" in check(98.1, 1).message  # type: ignore[arg-type]
    assert check(" 98.01 ", ORDERS).status == "correct"


def test_evaluate_records_nothing(fake_chapter: dict[str, Exercise]) -> None:
    assert evaluate("98.1", ORDERS).status == "correct"
    assert progress().to_frame().set_index("exercise").loc["98.1", "status"] == "not yet"


# --------------------------------------------------------------------------- hints


def test_hints_one_at_a_time_then_where_to_look(fake_chapter: dict[str, Exercise]) -> None:
    first, second, third = hint("98.1"), hint("98.1"), hint("98.1")
    assert (
        repr(first) == "Hint 1 of 2 for exercise 98.1 (Orders per customer): Group by customer_id."
    )
    assert (second.number, second.total, second.text) == (2, 2, "Count with .size().")
    assert third.number == 0
    assert repr(third).startswith("No more hints for exercise 98.1 (Orders per customer)")
    assert 'Re-read the section "Counting orders"' in third.text
    assert "1. Group by customer_id." in third.text
    assert repr(hint("98.1")) == repr(third)
    assert hint("98.10").number == 1  # each exercise counts its own hints
    assert "the only hint" in hint("98.10").text


def test_hints_for_unknown_ids_and_exercises_without_hints(
    fake_chapter: dict[str, Exercise],
) -> None:
    missing = hint("98.7")
    assert isinstance(missing, Hint) and missing.number == 0
    assert "There is no exercise '98.7'" in repr(missing)
    none = hint("98.2")
    assert "has no hints" in none.text and "Re-read the lesson section" in none.text


# --------------------------------------------------------------------------- progress


def test_progress_follows_the_latest_check(fake_chapter: dict[str, Exercise]) -> None:
    check("98.1", ORDERS)
    check("98.2", 0.5)
    check("98.2", ...)  # a placeholder is not an attempt
    table = progress().to_frame().set_index("exercise")
    assert table.loc["98.1", "status"] == "correct" and table.loc["98.1", "points"] == 3
    assert table.loc["98.2", "status"] == "tried" and table.loc["98.2", "checks"] == 1
    assert table.loc["97.1", "status"] == "not yet"
    check("98.1", 6)
    assert progress().to_frame().set_index("exercise").loc["98.1", "status"] == "tried"


def test_progress_for_unknown_chapters(fake_chapter: dict[str, Exercise]) -> None:
    assert repr(progress(42)) == "No exercises in chapter 42."
    assert "is not a chapter" in repr(progress("intro"))


def test_registered_exercises_leave_no_trace(fake_chapter: dict[str, Exercise]) -> None:
    extra = Exercise("96.1", "96", "Temporary", "tmp", 1, lambda: 1, compare.scalar(), ["a", "b"])
    with registered([extra]):
        check("96.1", 1)
        hint("96.1")
    assert check("96.1", 1).status == "error"
    with registered([extra]):  # its attempts and hints were forgotten
        assert progress(96).to_frame().loc[0, "checks"] == 0
        assert hint("96.1").number == 1


# --------------------------------------------------------------------------- never raises


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    exercise_id=st.sampled_from(["98.1", "98.2", "98.10", "97.1", "97.2", "98.5", "x"]),
    answer=answers,
)
def test_check_never_raises(exercise_id: str, answer: Any) -> None:
    with registered(make_fake_chapter(), alone=True):
        feedback = check(exercise_id, answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status in STATUSES
    text = repr(feedback)
    assert isinstance(text, str) and " at 0x" not in text
    assert isinstance(feedback._repr_html_(), str)
    json.dumps(feedback.to_dict())
    assert isinstance(repr(hint(exercise_id)), str)
