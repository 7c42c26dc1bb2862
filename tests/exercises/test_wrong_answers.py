"""The wrong-answer suites (tests/exercises/wrong_answers/chNN.py): refused, named, no giveaways.

For every chapter suite present: each wrong answer is refused (status "incorrect",
never "correct", never "error"); at least 90% of them get feedback naming the
mistake (the Wrong's ``names`` text in the message or details); no feedback gives
the expected answer away; and the suite has at least four answers per exercise.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

import pytest
from crmkit.exercises import Feedback, evaluate, exercises_for_chapter, get_exercise

from tests.exercises.wrong_answers.support import KINDS, Wrong, giveaway

SUITES = sorted(
    path.stem for path in (Path(__file__).parent / "wrong_answers").glob("ch[0-9][0-9].py")
)
NAMED_RATE = 0.9
MIN_PER_EXERCISE = 4


@cache
def suite(name: str) -> dict[str, list[Wrong]]:
    return importlib.import_module(f"tests.exercises.wrong_answers.{name}").wrong_answers()


@cache
def results(name: str) -> list[tuple[str, Wrong, Feedback]]:
    return [
        (exercise_id, wrong, evaluate(exercise_id, wrong.answer))
        for exercise_id, wrongs in suite(name).items()
        for wrong in wrongs
    ]


def text_of(feedback: Feedback) -> str:
    return " ".join([feedback.message, *feedback.details])


def named(wrong: Wrong, feedback: Feedback) -> bool:
    return wrong.names.casefold() in text_of(feedback).casefold()


pytestmark = pytest.mark.skipif(not SUITES, reason="no wrong-answer suites yet")


@pytest.mark.parametrize("name", SUITES)
def test_suite_covers_every_exercise(name: str) -> None:
    wrongs = suite(name)
    chapter = name[2:]
    ids = {exercise.id for exercise in exercises_for_chapter(chapter)}
    assert ids <= set(wrongs), f"{name}: no wrong answers for {sorted(ids - set(wrongs))}"
    for exercise_id, items in wrongs.items():
        assert len(items) >= MIN_PER_EXERCISE, f"{exercise_id}: only {len(items)} wrong answers"
        assert all(isinstance(item, Wrong) and item.kind in KINDS for item in items)


@pytest.mark.parametrize("name", SUITES)
def test_every_wrong_answer_is_refused(name: str) -> None:
    wrongly = [
        f"{exercise_id} [{wrong.kind}, {wrong.names!r}]: {feedback.status}: {feedback.message}"
        for exercise_id, wrong, feedback in results(name)
        if feedback.status != "incorrect"
    ]
    assert not wrongly, "\n".join(wrongly)


@pytest.mark.parametrize("name", SUITES)
def test_most_wrong_answers_are_named(name: str) -> None:
    outcomes = results(name)
    missed = [
        f"{exercise_id} [{wrong.kind}] wants {wrong.names!r}: {text_of(feedback)[:200]}"
        for exercise_id, wrong, feedback in outcomes
        if not named(wrong, feedback)
    ]
    rate = 1 - len(missed) / len(outcomes)
    assert rate >= NAMED_RATE, f"{name}: {rate:.0%} named; missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("name", SUITES)
def test_no_feedback_gives_the_answer_away(name: str) -> None:
    leaks = []
    for exercise_id, wrong, feedback in results(name):
        expected = get_exercise(exercise_id).expected_answer
        why = giveaway(text_of(feedback), wrong.answer, expected)
        if why:
            leaks.append(f"{exercise_id} [{wrong.kind}]: {why}: {text_of(feedback)[:200]}")
    assert not leaks, "\n".join(leaks)
