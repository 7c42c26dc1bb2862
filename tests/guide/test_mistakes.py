"""crmkit.guide.mistakes: the messages an exercise's diagnoses show, read from their source."""

from __future__ import annotations

from typing import Any

import pytest
from crmkit.exercises import exercises_for_chapter
from crmkit.guide import diagnosis_messages


def _two_mistakes(answer: Any, expected: Any) -> str | None:
    if answer == 1:
        return "You counted " + "orders, not customers."
    if answer == 2:
        return f"Off by {answer - expected:.0f}: check the year."
    return None


def test_messages_in_source_order_with_placeholders() -> None:
    assert diagnosis_messages(_two_mistakes) == [
        "You counted orders, not customers.",
        "Off by …: check the year.",
    ]


def test_a_diagnosis_without_literal_messages_is_named() -> None:
    def built(answer: Any, expected: Any) -> str | None:
        """Mixes up shares and counts."""
        return MESSAGE  # noqa: F821 - never called

    assert diagnosis_messages(built) == ["Mixes up shares and counts."]
    assert diagnosis_messages(lambda a, e: None) == ["(<lambda>)"]


def test_every_declared_diagnosis_of_the_course_has_a_message() -> None:
    for chapter in ("00", "01", "02", "03", "04"):
        for exercise in exercises_for_chapter(chapter):
            for diagnose in exercise.diagnoses:
                messages = diagnosis_messages(diagnose)
                assert messages and all(len(m) > 15 for m in messages), (exercise.id, diagnose)


@pytest.mark.parametrize("bad", [None, "not a function", 3])
def test_bad_input(bad: object) -> None:
    with pytest.raises(TypeError, match="diagnose must be a function"):
        diagnosis_messages(bad)
