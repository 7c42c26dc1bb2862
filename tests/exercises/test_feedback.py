"""crmkit.exercises.feedback: the objects a check, a hint and progress give back."""

from __future__ import annotations

import json

from crmkit.exercises import Exercise, Feedback, Hint, Progress, check, progress
from crmkit.exercises.feedback import PROGRESS_COLUMNS, ProgressRow

from tests.exercises.fake_chapter import ORDERS


def test_to_dict_is_json_safe(fake_chapter: dict[str, Exercise]) -> None:
    for answer in (ORDERS, 6, ..., float("nan")):
        payload = check("98.1", answer).to_dict()
        assert json.loads(json.dumps(payload)) == payload
    assert set(payload) == {
        "exercise_id", "title", "status", "points", "max_points", "message", "details",
    }  # fmt: skip


def test_diagnosis_is_kept_but_not_shown() -> None:
    plain = Feedback("1.2", "T", "incorrect", 0, 3, "Too few.")
    named = Feedback("1.2", "T", "incorrect", 0, 3, "Too few.", diagnosis="_too_few")
    assert (plain.diagnosis, named.diagnosis) == ("", "_too_few")
    assert repr(named) == repr(plain) and named._repr_html_() == plain._repr_html_()
    assert named.to_dict() == plain.to_dict()


def test_headings() -> None:
    assert Feedback("1.2", "", "correct", 1, 1, "Correct! +1 point").heading == "Exercise 1.2"
    assert Hint("1.2", "T", 0, 2, "...").heading == "No more hints for exercise 1.2 (T)"
    assert Hint("1.2", "", 0, 0, "...").heading == "No hint for exercise 1.2"


def test_progress_totals_and_frame(fake_chapter: dict[str, Exercise]) -> None:
    check("98.1", ORDERS)
    report = progress(98)
    assert isinstance(report, Progress)
    assert (report.points, report.max_points) == (3, 6)
    assert list(report.chapters()) == ["98"]
    frame = report.to_frame()
    assert frame.columns.tolist() == PROGRESS_COLUMNS
    assert frame["points"].dtype == "int64"
    row = ProgressRow("1.1", "01", "T", "tried", 0, 2, 1)
    assert Progress((row,)).to_frame().loc[0, "checks"] == 1
