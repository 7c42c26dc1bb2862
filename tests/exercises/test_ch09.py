"""Chapter 09's exercises: the shared contract, with planted mistakes, and the wrong-answer suite.

The planted answers are the realistic wrong answers of tests/exercises/wrong_answers/ch09.py,
computed there the way a student making each mistake would compute them.
"""

from __future__ import annotations

import pytest
from crmkit.exercises import ch09, evaluate

from tests.exercises.contract import ChapterContract, Planted, Planting
from tests.exercises.wrong_answers.ch09 import wrong_answers


class TestContract(ChapterContract):
    chapter = ch09
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {
            exercise_id: [Planted(wrong.answer, wrong.names) for wrong in wrongs]
            for exercise_id, wrongs in wrong_answers().items()
        }


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch09.EXERCISES] == [f"9.{k}" for k in range(1, 10)]
    ideas = {"9.1", "9.3", "9.4", "9.7", "9.8", "9.9"}  # classifications, readings, decisions
    points = sum(e.points for e in ch09.EXERCISES)
    assert sum(e.points for e in ch09.EXERCISES if e.id in ideas) > points / 2


@pytest.mark.parametrize("exercise_id", [e.id for e in ch09.EXERCISES])
def test_wrong_answer_suite(exercise_id: str) -> None:
    wrongs = wrong_answers()[exercise_id]
    assert len(wrongs) >= 4
    expected = next(e for e in ch09.EXERCISES if e.id == exercise_id).expected_answer
    for wrong in wrongs:
        feedback = evaluate(exercise_id, wrong.answer)
        assert feedback.status == "incorrect", (exercise_id, wrong)
        assert wrong.names in feedback.message, (exercise_id, wrong.names, feedback.message)
        if isinstance(expected, float):  # no feedback gives the expected number away
            text = " ".join([feedback.message, *feedback.details])
            assert f"{expected:.3f}" not in text and f"{expected:.4g}" not in text


def test_data_free_exercises_do_not_read_the_data() -> None:
    assert {e.id for e in ch09.EXERCISES if e.data_free} == {"9.1", "9.8", "9.9"}
