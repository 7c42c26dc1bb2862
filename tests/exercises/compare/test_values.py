"""crmkit.exercises.compare.values: two aligned Series compared value by value."""

from __future__ import annotations

import numpy as np
import pandas as pd
from crmkit.exercises.compare import DEFAULT_FACTORS
from crmkit.exercises.compare.base import Tolerance
from crmkit.exercises.compare.values import Where, compare_values

TOLERANCE = Tolerance(1e-6, 1e-9, DEFAULT_FACTORS)
WHERE = Where("Column 'x': ", "The values of column 'x' are", "customer_id")
LABELS = pd.Index(["C1", "C2", "C3"], name="customer_id")


def test_equal_values_and_missing_values() -> None:
    expected = pd.Series([1.0, np.nan, 3.0], index=LABELS)
    assert compare_values(expected.copy(), expected, TOLERANCE, WHERE) == []
    problems = compare_values(expected.fillna(0), expected, TOLERANCE, WHERE)
    assert problems[0].startswith("Column 'x': 1 value should be missing (NaN)")


def test_text_values() -> None:
    expected = pd.Series(["lost", "active", "lost"], index=LABELS)
    spaced = compare_values(expected.str.upper(), expected, TOLERANCE, WHERE)
    assert spaced[0].startswith("The values of column 'x' are right except for capitals")
    other = compare_values(expected.replace("active", "new"), expected, TOLERANCE, WHERE)
    assert other == [
        "Column 'x': 1 of 3 values differ. First differences: customer_id C2: yours 'new'."
    ]
