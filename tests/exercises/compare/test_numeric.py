"""crmkit.exercises.compare.numeric: a wrong number explained by a factor or by rounding."""

from __future__ import annotations

import numpy as np
import pytest
from crmkit.exercises.compare import DEFAULT_FACTORS
from crmkit.exercises.compare.base import Tolerance
from crmkit.exercises.compare.numeric import as_float, factor_message, rounding_message

TOLERANCE = Tolerance(1e-6, 1e-9, DEFAULT_FACTORS)


@pytest.mark.parametrize(
    ("factor", "plural", "phrase"),
    [
        (100, True, "Your values are 100 times the expected values"),
        (0.01, False, "Your values are 100 times smaller than the expected value:"),
        (1000, False, "thousands of CNY"),
        (12, False, "yearly figure"),
        (-1, True, "wrong sign"),
    ],
)
def test_factor_message(factor: float, plural: bool, phrase: str) -> None:
    expected = np.array([1.0, 2.0, 4.0])
    assert phrase in factor_message(
        expected * factor, expected, TOLERANCE, "Your values are", plural
    )


def test_no_factor_for_zeros_or_other_differences() -> None:
    assert factor_message(np.array([0.0]), np.array([0.0]), TOLERANCE, "X", False) is None
    assert factor_message(np.array([3.0]), np.array([2.0]), TOLERANCE, "X", False) is None


def test_rounding_message() -> None:
    assert "cut off to whole numbers" in rounding_message(
        np.array([2.0]), np.array([2.7]), TOLERANCE, "X"
    )
    assert "rounded to whole numbers" in rounding_message(
        np.array([3.0]), np.array([2.7]), TOLERANCE, "X"
    )
    assert rounding_message(np.array([0.0]), np.array([0.3]), TOLERANCE, "X") is None
    assert as_float(-(10**400)) == -np.inf
