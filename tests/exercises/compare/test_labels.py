"""crmkit.exercises.compare.labels: matching the labels of an answer with the expected ones."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises.compare.labels import (
    align_labels,
    is_positions,
    match_labels,
    name_of_labels,
)

EXPECTED = pd.Index(["C1", "C2", "C3"], name="customer_id")


def test_missing_and_extra_labels() -> None:
    problems, common = align_labels(pd.Index(["C1", "C9"]), EXPECTED, "Series", "customer_id")
    assert list(common) == ["C1"]
    assert problems == [
        "Your Series is missing 2 customer_id values that should be there, for example C2 and "
        "1 more.",
        "Your Series has 1 extra customer_id value that should not be there: C9. Tip: check your "
        "filter.",
    ]


def test_labels_that_cannot_be_aligned() -> None:
    repeated, common = align_labels(pd.Index(["C1", "C1"]), EXPECTED, "table", "customer_id")
    assert common is None and "C1 appears 2 times" in repeated[0]
    numbered, common = align_labels(pd.RangeIndex(3), EXPECTED, "Series", "customer_id")
    assert common is None and ".set_index('customer_id')" in numbered[0]
    levels = pd.MultiIndex.from_tuples([("C1", 1)], names=["customer_id", "year"])
    nested, _ = align_labels(levels, EXPECTED, "Series", "customer_id")
    assert "labelled by 2 levels (customer_id, year)" in nested[0]


def test_names_positions_and_lengths() -> None:
    assert name_of_labels(pd.Index([1], name="month"), "label") == "month"
    assert is_positions(pd.RangeIndex(4)) and not is_positions(pd.Index(["a"]))
    table = pd.DataFrame({"x": [1, 2]}, index=["a", "b"])
    numbered = table.reset_index(drop=True).iloc[:1]
    problems, common, label_name = match_labels(numbered, table, "table", "row", "row label")
    assert (common, label_name) == (None, "row label")
    assert problems[-1] == "Your table has 1 row; expected 2."
    repeated = table.set_axis(["a", "a"])
    same_length, _, _ = match_labels(repeated, table, "table", "row", "row label")
    assert "repeated row label values" in same_length[0] and len(same_length) == 1
