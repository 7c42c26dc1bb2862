"""crmkit.exercises.compare.wording: how values are named in messages."""

from __future__ import annotations

import numpy as np
import pandas as pd
from crmkit.exercises import compare
from crmkit.exercises.compare.wording import name_few, name_labels, pluralise, show_label, sortable

from tests.exercises.strategies import Hostile


def test_describe_and_show() -> None:
    assert compare.describe(None).startswith("None")
    assert (
        compare.describe(pd.DataFrame({"a": [1]})) == "a pandas DataFrame with 1 row and 1 column"
    )
    assert "Hostile" in compare.show(Hostile())
    assert " at 0x" not in compare.show(object())


def test_few_examples_in_a_fixed_order() -> None:
    assert name_few(sortable({"C3", "C1", "C2", "C4"})) == "'C1', 'C2', 'C3' and 1 more"
    assert name_labels(pd.Index(["C1", ("B1", 2025)])) == "C1, (B1, 2025)"
    assert show_label("x" * 50) == "x" * 37 + "..."
    assert (pluralise(1, "value"), pluralise(0, "value")) == ("1 value", "0 values")
    assert compare.show(pd.Timestamp("2025-01-02")) == "2025-01-02"
    assert compare.show(np.float64("inf")) == "infinity"
