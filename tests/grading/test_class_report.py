"""crmkit.grading.class_report: the class's most common mistakes and how the batch was graded."""

from __future__ import annotations

from crmkit.exercises import Feedback
from crmkit.grading.class_report import (
    BatchNotes,
    common_mistakes,
    mistake_label,
    mistakes_markdown,
    mistakes_terminal,
    sandbox_warning,
    typed_in_counts,
)
from crmkit.grading.provenance import TYPED_IN
from crmkit.grading.scoring import StudentResult


def result(student: str, *feedback: Feedback) -> StudentResult:
    return StudentResult(student, f"{student}.ipynb", "ok", feedback=list(feedback))


def wrong(exercise_id: str, message: str, diagnosis: str = "") -> Feedback:
    return Feedback(exercise_id, "T", "incorrect", 0, 2, message, diagnosis=diagnosis)


def test_most_common_mistakes_per_exercise(chapter99_exercises: list) -> None:
    results = [
        result("a", wrong("99.1", "Sorted the wrong way. Tip: ascending.", "wrong_order")),
        result("b", wrong("99.1", "Sorted the wrong way. Tip: other words.", "wrong_order")),
        result("c", wrong("99.1", "Your answer is 100 times smaller.")),
        result("d", Feedback("99.1", "T", "correct", 2, 2, "Correct! +2 points")),
        result("e", wrong("99.2", "m", TYPED_IN)),
    ]
    found = common_mistakes(chapter99_exercises, results)
    assert found["99.1"] == [("Sorted the wrong way.", 2), ("Your answer is 100 times smaller.", 1)]
    assert found["99.3"] == []
    assert typed_in_counts(chapter99_exercises, results) == {"99.1": 0, "99.2": 1, "99.3": 0}
    section = "\n".join(mistakes_markdown(chapter99_exercises, results))
    assert "## What the class got wrong" in section
    assert "  - 2 student(s): Sorted the wrong way." in section
    assert "(typed in?): 1." in section
    assert mistakes_terminal(chapter99_exercises, results)[1].startswith("  99.1   2 x Sorted")


def test_nobody_wrong_means_no_section(chapter99_exercises: list) -> None:
    assert mistakes_markdown(chapter99_exercises, []) == []
    assert mistakes_terminal(chapter99_exercises, []) == []


def test_long_messages_are_shortened() -> None:
    label = mistake_label(wrong("99.1", "x" * 500))
    assert len(label) == 160 and label.endswith("...")


def test_batch_notes() -> None:
    assert BatchNotes().lines() == [
        "Graded on the published course data (--no-twin): typed-in numbers pass."
    ]
    loud = BatchNotes(twin_seed=3, sandbox_warning="bubblewrap is not installed").lines()
    assert loud[0] == sandbox_warning("bubblewrap is not installed")
    assert loud[0].startswith("WARNING: graded WITHOUT the sandbox (bubblewrap is not installed)")
    assert loud[1].startswith("Graded on twin data (seed 3")
