"""crmkit.exercises.model: an Exercise refuses a wrong definition and normalises friendly spellings."""

from __future__ import annotations

from typing import Any

import pytest
from crmkit.exercises import Exercise, compare
from crmkit.exercises.model import ExerciseDefinitionError, chapter_code, normalise_id, sort_key


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "98"}, "id must look like"),
        ({"id": "97.1"}, "does not belong to chapter '98'"),
        ({"title": " "}, "title"),
        ({"variable": "my answer"}, "Python name"),
        ({"points": -1}, "points"),
        ({"points": True}, "points"),
        ({"expected": 3}, "functions"),
        ({"hints": ("ok", 3)}, "hints must be text"),
        ({"diagnoses": ("not callable",)}, "diagnoses"),
    ],
)
def test_bad_definitions_are_refused(changes: dict[str, Any], message: str) -> None:
    fields = dict(
        id="98.1", chapter="98", title="T", variable="x", points=1,
        expected=lambda: 1, compare=compare.scalar(),
    )  # fmt: skip
    with pytest.raises(ExerciseDefinitionError, match=message):
        Exercise(**{**fields, **changes})


def test_chapter_and_sequences_are_normalised() -> None:
    exercise = Exercise("1.2", 1, "T", "x", 1, lambda: 1, compare.scalar(), ["a"], [print])
    assert exercise.chapter == "01"
    assert exercise.hints == ("a",) and exercise.diagnoses == (print,)
    single = Exercise("1.3", "01", "T", "x", 1, lambda: 1, compare.scalar(), hints="One hint.")
    assert single.hints == ("One hint.",)
    with pytest.raises(ValueError, match="not a chapter"):
        Exercise("1.2", "one", "T", "x", 1, lambda: 1, compare.scalar())


@pytest.mark.parametrize("spelling", [1, "1", "01", "ch01", "CH1", "01-recognising-customers"])
def test_chapter_codes(spelling: str | int) -> None:
    assert chapter_code(spelling) == "01"


@pytest.mark.parametrize("spelling", ["intro", True, "", "1.2"])
def test_what_is_not_a_chapter(spelling: object) -> None:
    with pytest.raises(ValueError, match="not a chapter"):
        chapter_code(spelling)  # type: ignore[arg-type]


def test_ids_are_normalised_and_sorted_by_number() -> None:
    assert [normalise_id(text) for text in ("1.3", " 01.03 ", "x")] == ["1.3", "1.3", "x"]
    exercises = [Exercise(f"1.{n}", 1, "T", "x", 1, lambda: 1, compare.scalar()) for n in (10, 9)]
    assert [exercise.id for exercise in sorted(exercises, key=sort_key)] == ["1.9", "1.10"]
    assert exercises[0].number == (1, 10)
