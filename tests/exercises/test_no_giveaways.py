"""No feedback gives the expected answer away, for generated wrong answers to every exercise.

Each exercise's expected answer is perturbed the usual ways (a little off, x100,
/100, negated, reversed, an item dropped, two dict values swapped...) and the
feedback on each perturbed answer must neither accept it nor let the expected
answer be read off it (tests/exercises/wrong_answers/support.py says how).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crmkit.exercises import all_exercises, evaluate
from crmkit.exercises.model import Exercise

from tests.exercises.wrong_answers.support import giveaway

FACTORS = (1.003, 0.93, 1.4, 100, 0.01, -1, 3)


def perturbations(expected: Any) -> Iterator[Any]:
    """Wrong answers derived from the expected one."""
    if isinstance(expected, bool | np.bool_ | str) or expected is None:
        return
    if isinstance(expected, int | float | np.number):
        for factor in FACTORS:
            yield float(expected) * factor
        return
    if isinstance(expected, dict):
        yield from _dict_perturbations(expected)
    elif isinstance(expected, set | frozenset):
        members = sorted(expected, key=str)
        if len(members) > 1:
            yield set(members[1:])
            yield {members[0]}
        yield {*members, "ZZ999"}
    elif isinstance(expected, list | tuple):
        if len(expected) > 1:
            yield list(expected)[::-1]
            yield list(expected)[:-1]
            yield list(expected)[1:] + list(expected)[:1]
    elif isinstance(expected, pd.Series):
        yield from _series_perturbations(expected)
    elif isinstance(expected, pd.DataFrame):
        numbers = expected.select_dtypes("number").columns
        if len(numbers):
            yield expected.assign(**{numbers[0]: expected[numbers[0]] * 1.1})
        if len(expected) > 1:
            yield expected.iloc[1:]


def _series_perturbations(expected: pd.Series) -> Iterator[pd.Series]:
    if pd.api.types.is_numeric_dtype(expected) and not pd.api.types.is_bool_dtype(expected):
        yield expected * 1.1
        yield expected * 100
        yield expected / 100
        changed = expected.astype(float).copy()
        changed.iloc[0] = changed.iloc[0] * 1.5 + 1
        yield changed
    if len(expected) > 1:
        yield expected.iloc[::-1]
        yield expected.iloc[1:]


def _dict_perturbations(expected: dict[Any, Any]) -> Iterator[dict[Any, Any]]:
    keys = list(expected)
    if len(keys) > 1 and expected[keys[0]] != expected[keys[1]]:
        swapped = dict(expected)
        swapped[keys[0]], swapped[keys[1]] = expected[keys[1]], expected[keys[0]]
        yield swapped
    numeric = [
        k
        for k in keys
        if isinstance(expected[k], int | float) and not isinstance(expected[k], bool)
    ]
    if numeric:
        yield {**expected, **{k: expected[k] * 100 for k in numeric}}
        yield {**expected, numeric[0]: expected[numeric[0]] * 1.3 + 1}
    yield {key: str(value) for key, value in expected.items()}


def _exercises() -> list[Exercise]:
    return [exercise for exercise in all_exercises() if int(exercise.chapter) <= 7]


@pytest.mark.parametrize("exercise", _exercises(), ids=lambda exercise: exercise.id)
def test_perturbed_answers_are_refused_without_giveaway(exercise: Exercise) -> None:
    expected = exercise.expected_answer
    problems = []
    for answer in perturbations(expected):
        feedback = evaluate(exercise.id, answer)
        text = " ".join([feedback.message, *feedback.details])
        if feedback.status == "correct":
            continue  # a perturbation may be equivalent (reversed where order does not matter)
        why = giveaway(text, answer, expected)
        if why:
            problems.append(f"{why}: {text[:300]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.id)
def test_no_hint_gives_the_answer_away(exercise: Exercise) -> None:
    # Hints are staged: the last may show the method, never the number or the whole answer.
    for number, text in enumerate(exercise.hints, start=1):
        why = giveaway(text, None, exercise.expected_answer)
        assert why is None, f"hint {number}: {why}: {text}"
