"""crmkit.exercises.compare.scalars: one value, with factors, rounding and wrong types named."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from crmkit.exercises import compare

from tests.exercises.compare.support import problems_of


@pytest.mark.parametrize(
    "answer", [0.25, np.float64(0.25), 0.25 + 1e-9, np.array(0.25), 1 / 4, np.float32(0.25)]
)
def test_scalar_accepts_equal_numbers(answer: object) -> None:
    assert compare.scalar()(answer, 0.25).ok


@pytest.mark.parametrize(
    ("answer", "expected", "phrase"),
    [
        (25.0, 0.25, "percentage"),
        (0.25, 25.0, "fraction"),
        (2500.0, 2.5, "1000 times the expected value"),
        (0.0025, 2.5, "1000 times smaller"),
        (120.0, 10.0, "yearly"),
        (10.0, 120.0, "monthly"),
        (-3.5, 3.5, "wrong sign"),
    ],
)
def test_scalar_names_constant_factors(answer: float, expected: float, phrase: str) -> None:
    verdict = compare.scalar()(answer, expected)
    assert not verdict.ok
    assert phrase in problems_of(verdict)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("0.25", "remove the quotes"),
        (True, "True/False"),
        (None, "None"),
        ([0.25], "your_list[0]"),
        (pd.Series([0.25]), ".item()"),
        (pd.Series([0.25, 0.5]), ".sum()"),
        (object(), "an object of type object"),
    ],
)
def test_scalar_names_the_wrong_type(answer: object, phrase: str) -> None:
    text = problems_of(compare.scalar()(answer, 0.25))
    assert "expects a number" in text
    assert phrase in text


def test_scalar_handles_nan_and_huge_numbers() -> None:
    assert compare.scalar()(float("nan"), float("nan")).ok
    assert "NaN" in problems_of(compare.scalar()(float("nan"), 1.0))
    assert "missing (NaN)" in problems_of(compare.scalar()(1.0, float("nan")))
    huge = problems_of(compare.scalar()(10**400, 1.0))
    assert "too high" in huge and "digits" in huge
    assert compare.scalar()(math.inf, math.inf).ok


def test_scalar_says_rounded_or_too_high_without_giving_the_answer_away() -> None:
    assert "rounded to 2 decimals" in problems_of(compare.scalar()(0.33, 1 / 3))
    assert "cut off to whole numbers" in problems_of(compare.scalar()(2, 2.7))
    text = problems_of(compare.scalar()(130.0, 100.5))
    assert "too high (by 20% to 50%)" in text and "30%" not in text
    assert "100" not in text.replace("130", "")


def test_scalar_tolerances_are_configurable() -> None:
    assert not compare.scalar()(100.5, 100.0).ok
    assert compare.scalar(rel_tol=0.01)(100.5, 100.0).ok
    assert compare.scalar(abs_tol=1)(100.5, 100.0).ok


def test_scalar_custom_factor() -> None:
    weekly = compare.Factor(7, "{subject} 7 times too big.", "{subject} 7 times too small.")
    assert problems_of(compare.scalar(factors=(weekly,))(7.0, 1.0)) == (
        "Your answer is 7 times too big."
    )


def test_scalar_text_and_bool() -> None:
    assert compare.scalar()("lost", "lost").ok
    assert "capitals or spaces" in problems_of(compare.scalar()("Lost ", "lost"))
    assert compare.scalar(case_sensitive=False)("LOST", "lost").ok
    assert "expects text" in problems_of(compare.scalar()(3, "lost"))
    assert compare.scalar()(np.bool_(True), True).ok
    assert "without quotes" in problems_of(compare.scalar()("True", True))
    assert "instead of 1 or 0" in problems_of(compare.scalar()(1, True))
    assert "should be True" in problems_of(compare.scalar()(False, True))


def test_zero_answers_are_not_called_rounded() -> None:
    text = problems_of(compare.scalar()(0, 0.03))
    assert "rounded" not in text and "too low" in text


def test_a_small_count_gets_a_direction_without_a_size() -> None:
    # "too high by 25%" on 10 vs 8 would give the 8 away; a count up to 1,000 gets no size.
    assert problems_of(compare.scalar()(10, 8)) == "Your answer (10) is too high."
    assert "%" in problems_of(compare.scalar()(10.5, 8.25))
