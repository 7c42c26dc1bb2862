"""crmkit.exercises.compare.base: every comparator gives a verdict, never raises, never meddles."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit.exercises import compare
from crmkit.exercises.compare.base import guarded, same, unwrap
from hypothesis import HealthCheck, given, settings

from tests.exercises.compare.support import customer_index, problems_of
from tests.exercises.strategies import Hostile, answers

ALL_COMPARATORS = {
    "scalar": (compare.scalar(), 0.5),
    "series": (compare.series(), pd.Series([1.0, 2.0], index=customer_index(2))),
    "frame": (compare.frame(key="customer_id"), pd.DataFrame({"customer_id": ["C1"], "x": [1]})),
    "set_of": (compare.set_of(), {"a", "b"}),
    "sequence": (compare.sequence(), ["a", "b"]),
    "mapping": (compare.mapping(), {"a": 1}),
    "text": (compare.scalar(), "lost"),
}


@pytest.mark.parametrize("name", sorted(ALL_COMPARATORS))
@pytest.mark.parametrize(
    "answer",
    [Hostile(), [Hostile()], {Hostile()}, {"a": Hostile()}, pd.Series([Hostile()])],
    ids=["object", "list", "set", "dict", "series"],
)
def test_hostile_answers_get_a_verdict(name: str, answer: object) -> None:
    comparator, expected = ALL_COMPARATORS[name]
    verdict = comparator(answer, expected)
    assert not verdict.ok
    assert verdict.problems and " at 0x" not in problems_of(verdict)


def test_comparators_do_not_change_the_answer(table: pd.DataFrame) -> None:
    answer = table.set_index("customer_id").iloc[::-1]
    before = answer.copy()
    compare.frame(key="customer_id", check_order=True)(answer, table)
    compare.series()(answer["revenue"], table.set_index("customer_id")["revenue"])
    pd.testing.assert_frame_equal(answer, before)
    assert answer.index.name == "customer_id"
    values = [3, 1, 2]
    compare.sequence()(values, [1, 2, 3])
    assert values == [3, 1, 2]


def test_a_crash_inside_a_comparison_is_reported_not_raised() -> None:
    verdict = compare.series()(pd.Series([1.0]), "not a series")
    assert not verdict.ok
    assert "could not be compared" in problems_of(verdict)


@pytest.mark.parametrize("name", sorted(ALL_COMPARATORS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers)
def test_comparators_never_raise(name: str, answer: object) -> None:
    comparator, expected = ALL_COMPARATORS[name]
    verdict = comparator(answer, expected)
    assert isinstance(verdict.ok, bool)
    assert isinstance(verdict.problems, tuple)
    assert verdict.ok or verdict.problems
    assert " at 0x" not in problems_of(verdict)


def test_guarded_names_what_was_expected() -> None:
    def crash(answer: object, expected: object) -> compare.Verdict:
        raise ValueError("bad <thing at 0x1234>")

    verdict = guarded(crash, "DataFrame")(1, 2)
    assert verdict.problems == (
        "Your answer could not be compared with the expected DataFrame (ValueError: bad "
        "<thing>). Check that your answer is a pandas DataFrame.",
    )


def test_same_and_unwrap() -> None:
    assert same(1, 1.0) and not same(Hostile(), 1)
    assert (
        unwrap(pd.Series([1]).to_numpy()[0]) == 1
        and type(unwrap(pd.Series([1]).to_numpy()[0])) is int
    )
