"""crmkit.exercises.compare.explain: each generic cause fires on its symptom, and only there."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from crmkit.exercises import compare
from crmkit.exercises.compare.explain import Context, explain_numbers, size_of_gap
from hypothesis import given
from hypothesis import strategies as st

from tests.exercises.compare.support import customer_index, problems_of

ONE = Context("Your answer is")
MANY = Context("Your values are", plural=True)


def cause(got: list[float], want: list[float], context: Context = MANY) -> str | None:
    return explain_numbers(np.array(got, dtype=float), np.array(want, dtype=float), context)


# --------------------------------------------------------------------------- scalars


@pytest.mark.parametrize(
    ("answer", "expected", "phrase"),
    [
        (1234.5 / 7, 1234.5, "divided by a whole number"),  # mean where a sum is asked
        (1234.5 * 7, 1234.5, "whole-number multiple"),  # sum where a mean is asked
        (1 / 0.37, 0.37, "upside down"),  # inverted ratio
        (0.63, 0.37, "1 minus the expected share"),  # complement
        (63.0, 37.0, "100 minus the expected percentage"),
        (0.118, 336, "asks for a count"),  # a share where a count is asked
        (42, 0.37, "a whole number (a count?)"),  # a count where a rate is asked
        (1.7, 0.37, "above 1"),  # a rate above 1
        (-12.5, 40.0, "negative"),  # a sign slip that is not an exact -1
        (12.5, -40.0, "positive"),
        (18099.3, 18099266.58, "about 1,000 times smaller"),  # units, roughly
        (181.0, 18.07, "about 10 times bigger"),
    ],
)
def test_scalar_generic_causes(answer: float, expected: float, phrase: str) -> None:
    text = problems_of(compare.scalar()(answer, expected))
    assert phrase in text
    assert "Yours: " in text


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(130.0, 100.0), (168, 336), (0.52, 0.5), (3.0, 2.0), (0.3, 0.25), (95.0, 100.0)],
)
def test_scalar_generic_causes_stay_silent_off_their_symptom(
    answer: float, expected: float
) -> None:
    # Two counts in a whole ratio (168 vs 336) are chance, not a mean; 0.52 vs 0.5 is no complement.
    text = problems_of(compare.scalar()(answer, expected))
    assert text.startswith(f"Your answer ({answer:g}) is")


def test_decimals_where_a_count_is_expected() -> None:
    assert "a count is expected" in problems_of(compare.scalar()(337.5, 336))
    assert "a count is expected" not in problems_of(compare.scalar()(337.5, 336.0))  # an amount
    expected = pd.Series([4, 6, 9], index=customer_index(3))
    assert "counts are expected" in problems_of(compare.series()(expected + 0.25, expected))


def test_declared_group_sizes_name_the_group() -> None:
    compare_total = compare.scalar(group_sizes={"customers": lambda: 250, "months": 12.0})
    assert "number of customers" in problems_of(compare_total(1000.0 / 250, 1000.0))
    assert "average per customer" in problems_of(compare_total(1000.0 / 250, 1000.0))
    assert "total where an average per customer" in problems_of(compare_total(4.0 * 250, 4.0))
    broken = compare.scalar(group_sizes={"customers": lambda: 1 / 0})
    assert not broken(3.0, 4.0).ok  # a size that cannot be computed explains nothing


def test_no_cause_for_a_correct_answer_or_missing_numbers() -> None:
    assert cause([1.0, 2.0], [1.0, 2.0]) is None
    assert cause([math.nan], [1.0]) is None
    assert cause([], []) is None


@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=6))
def test_no_cause_is_ever_found_for_the_expected_values_themselves(values: list[float]) -> None:
    assert cause(values, values) is None
    assert cause(values[:1], values[:1], ONE) is None


# --------------------------------------------------------------------------- several values


def test_shares_where_counts_are_expected_and_the_reverse() -> None:
    counts = pd.Series([5, 3, 2], index=pd.Index(["a", "b", "c"], name="state"))
    shares = counts / counts.sum()
    assert "shares that add up to 1" in problems_of(compare.series()(shares, counts))
    percentages = pd.Series([40.0, 40.0, 20.0], index=counts.index)
    assert "percentages that add up to 100" in problems_of(compare.series()(percentages, counts))
    assert "shares that add up to 1 are expected" in problems_of(compare.series()(counts, shares))


def test_rates_within_groups_versus_shares_of_the_total() -> None:
    rates = pd.Series([0.2, 0.5, 0.1], index=pd.Index(["email", "phone", "sms"], name="channel"))
    shares_of_total = rates / rates.sum()
    assert "own group" in problems_of(compare.series()(shares_of_total, rates))
    uneven = pd.Series([0.3, 0.3, 0.2], index=rates.index)
    wanted = pd.Series([0.5, 0.3, 0.2], index=rates.index)
    assert "same overall total" in problems_of(compare.series()(uneven, wanted))


def test_mean_where_sum_per_group() -> None:
    sums = pd.Series([100.5, 42.25, 9.0], index=customer_index(3))
    sizes = np.array([4, 1, 3])
    assert "mean instead of sum" in problems_of(compare.series()(sums / sizes, sums))
    assert "sum instead of mean" in problems_of(compare.series()(sums * sizes, sums))


def test_common_factor_is_named_without_the_factor() -> None:
    values = pd.Series([10.0, 20.0, 35.0], index=customer_index(3))
    text = problems_of(compare.series()(values * 1.37, values))
    assert "times one and the same number" in text and "1.37" not in text


def test_complement_and_inversion_of_several_values() -> None:
    rates = pd.Series([0.2, 0.35, 0.1], index=customer_index(3))
    assert "1 minus the expected shares" in problems_of(compare.series()(1 - rates, rates))
    assert "upside down" in problems_of(compare.series()(1 / rates, rates))


# --------------------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("got", "want", "words"),
    [
        (100.5, 100.1, "a little too high"),
        (103, 100.1, "by 1% to 5%"),
        (110, 100.1, "by 5% to 20%"),
        (200, 100.1, "between 1.5 and 3 times"),
        (5000, 100.1, "more than 10 times"),
        (97, 100.1, "by 1% to 5%"),
        (40, 100.1, "between a third and a half"),
        (-5, 100.1, "too low"),
        (9, 8, "too high"),
    ],
)
def test_size_of_gap_in_coarse_bands(got: float, want: float, words: str) -> None:
    assert words in size_of_gap(got, want)


@given(st.integers(2, 2000), st.integers(-40, 400).filter(bool))
def test_a_count_cannot_be_worked_back_from_the_gap(expected: int, off: int) -> None:
    # The words for an answer fit several whole expected values: they never pin one down.
    text = size_of_gap(expected + off, expected)
    candidates = [e for e in range(1, 2500) if size_of_gap(expected + off, e) == text]
    assert len(candidates) >= 2
