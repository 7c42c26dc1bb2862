"""crmkit.grading.provenance: typed-in answers and the refused answer key, in words and flags."""

from __future__ import annotations

import pytest
from crmkit.exercises import Exercise, Feedback, compare
from crmkit.grading.provenance import (
    LOCKED_FLAG,
    TYPED_IN,
    expected_answers,
    matches,
    outcome_flags,
    recheck,
    typed_in,
)


def exercise(data_free: bool = False) -> Exercise:
    return Exercise(
        "99.1", "99", "Demo", "x", 2, lambda: 7.0, compare.scalar(), data_free=data_free
    )


def test_an_answer_right_only_on_the_published_data_is_called_typed_in() -> None:
    demo = exercise()
    feedback = recheck(demo, 5.0, demo.evaluate(5.0), {"99.1": 5.0})
    assert (feedback.status, feedback.points, feedback.diagnosis) == ("incorrect", 0, TYPED_IN)
    assert feedback.message.startswith(
        "Your answer matches the published data, not the grading data: was the value typed in?"
    )
    assert typed_in([feedback]) == ["99.1"]


@pytest.mark.parametrize(
    ("answer", "published", "data_free"),
    [
        (7.0, {"99.1": 7.0}, False),
        (4.0, {"99.1": 5.0}, False),
        (5.0, None, False),
        (5.0, {"99.1": 5.0}, True),
        (5.0, {}, False),
        (..., {"99.1": 5.0}, False),
    ],
)
def test_other_answers_keep_their_feedback(answer, published, data_free) -> None:
    demo = exercise(data_free)
    original = demo.evaluate(answer)
    assert recheck(demo, answer, original, published) is original


def test_matches_never_raises() -> None:
    def broken(answer, expected):
        raise RuntimeError("boom")

    odd = Exercise("99.2", "99", "Odd", "y", 1, lambda: 1, broken)
    assert matches(odd, 1, 1) is False
    assert matches(exercise(), object(), 7.0) is False


def test_outcome_flags() -> None:
    copied = Feedback("99.1", "D", "incorrect", 0, 2, "m", diagnosis=TYPED_IN)
    flags = outcome_flags({"errors": [{"cell": 2, "ename": "AnswerKeyLocked"}]}, [copied])
    assert flags[0].endswith(": 99.1") and flags[1] == LOCKED_FLAG
    assert outcome_flags({}, []) == [] and outcome_flags(None, []) == []  # type: ignore[arg-type]


def test_expected_answers_skip_what_cannot_be_computed() -> None:
    def fails() -> float:
        raise FileNotFoundError("no data")

    broken = Exercise("99.3", "99", "Broken", "z", 1, fails, compare.scalar())
    assert expected_answers([exercise(), broken]) == {"99.1": 7.0}
