"""The contract every chapter's exercises keep; each tests/exercises/test_chNN.py applies it.

A chapter's test file subclasses :class:`ChapterContract`, names the chapter
module and plants wrong answers: likely mistakes, each with a piece of text
the feedback must contain::

    class TestContract(ChapterContract):
        chapter = ch02

        def planted(self) -> Planting:
            return {"2.1": [Planted({... "ninety_day_terms": "profit"}, "Financial risk")]}

For every exercise of the chapter the contract checks that

(a) its expected answer passes :func:`crmkit.exercises.evaluate` (for an exercise whose
    answer is not the value itself, such as SQL text, the model answer the test
    file gives in ``model_answers``);
(b) the placeholder ``...`` is "not attempted";
(c) every planted answer is "incorrect" and its message contains the planted
    text, and every diagnosis the exercise declares fires on at least one
    planted answer (:attr:`Feedback.diagnosis` names the one that did);
(d) hints come one at a time, in order, then a "no more hints" message that stays;
(f) every declared scope variant (:class:`crmkit.exercises.Variant`) is computable,
    is not accepted as correct, and its own answer gets the variant's message;
(e) it has at least ``min_hints`` hints and ``min_diagnoses`` diagnoses, and the
    ids run 1, 2, 3... in order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar

import pytest
from crmkit.exercises import Exercise, evaluate, hint
from crmkit.exercises.session import reset_session


@dataclass(frozen=True)
class Planted:
    """A likely wrong answer, and text its feedback message must contain."""

    answer: Any
    says: str


Planting = Mapping[str, Sequence[Planted]]  # exercise id -> its planted wrong answers
_PLANTINGS: dict[type, Planting] = {}  # each chapter's planting, computed once


class ChapterContract:
    """The shared tests; a subclass sets ``chapter`` and implements :meth:`planted`."""

    chapter: ClassVar[ModuleType]
    # exercise id -> a correct answer, where the answer is not the expected value itself
    model_answers: ClassVar[Mapping[str, Any]] = {}
    min_hints: ClassVar[int] = 2
    min_diagnoses: ClassVar[int] = 1

    def planted(self) -> Planting:
        """The planted wrong answers of the chapter, by exercise id."""
        raise NotImplementedError

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        # Every test taking an ``exercise`` runs once per exercise of the chapter.
        if "exercise" in metafunc.fixturenames:
            exercises = list(self.chapter.EXERCISES)
            metafunc.parametrize("exercise", exercises, ids=[item.id for item in exercises])

    def planting(self) -> Planting:
        """:meth:`planted`, computed once per chapter (planting may read the whole course data)."""
        if type(self) not in _PLANTINGS:
            _PLANTINGS[type(self)] = self.planted()
        return _PLANTINGS[type(self)]

    @pytest.fixture(autouse=True)
    def fresh_session(self) -> Iterator[None]:
        reset_session()
        yield
        reset_session()

    def test_expected_answer_passes(self, exercise: Exercise) -> None:
        answer = self.model_answers.get(exercise.id, exercise.expected())
        feedback = evaluate(exercise.id, answer)
        assert feedback.status == "correct", feedback.message

    def test_placeholder_is_not_attempted(self, exercise: Exercise) -> None:
        assert evaluate(exercise.id, ...).status == "not_attempted"

    def test_planted_mistakes_are_diagnosed(self, exercise: Exercise) -> None:
        fired = set()
        for number, plant in enumerate(self.planting().get(exercise.id, ()), start=1):
            feedback = evaluate(exercise.id, plant.answer)
            where = f"planted answer {number} of {exercise.id} ({plant.says!r})"
            assert feedback.status == "incorrect", f"{where}: {feedback.status}"
            assert plant.says in feedback.message, f"{where}: {feedback.message}"
            fired.add(feedback.diagnosis)
        declared = {diagnose.__name__ for diagnose in exercise.diagnoses}
        assert declared <= fired, f"{exercise.id}: never triggered {sorted(declared - fired)}"

    def test_planted_answers_name_real_exercises(self) -> None:
        assert set(self.planting()) <= {exercise.id for exercise in self.chapter.EXERCISES}

    def test_hints_come_one_at_a_time(self, exercise: Exercise) -> None:
        total = len(exercise.hints)
        shown = [hint(exercise.id) for _ in range(total + 2)]
        assert [item.number for item in shown] == [*range(1, total + 1), 0, 0]
        assert [item.text for item in shown[:total]] == list(exercise.hints)
        assert all(item.total == total for item in shown)
        no_more = "No more hints" if total else "No hint"
        assert shown[total].heading.startswith(f"{no_more} for exercise {exercise.id}")
        assert repr(shown[-1]) == repr(shown[-2])

    def test_each_scope_variant_is_named(self, exercise: Exercise) -> None:
        # A variant's own answer is wrong, and its feedback is the variant's message.
        for variant, answer in zip(exercise.variants, exercise.variant_answers, strict=True):
            assert answer is not None, f"{exercise.id}: variant {variant.name!r} cannot be computed"
            feedback = evaluate(exercise.id, answer)
            assert feedback.status == "incorrect", f"{exercise.id}: {variant.name!r} is accepted"
            assert feedback.diagnosis == variant.name, f"{exercise.id}: {feedback.message}"

    def test_exercise_has_hints_and_diagnoses(self, exercise: Exercise) -> None:
        assert len(exercise.hints) >= self.min_hints
        assert len(exercise.diagnoses) >= self.min_diagnoses

    def test_exercises_are_numbered_in_order(self) -> None:
        ids = [exercise.id for exercise in self.chapter.EXERCISES]
        chapter = int(self.chapter.CHAPTER)
        assert ids == [f"{chapter}.{number}" for number in range(1, len(ids) + 1)]
